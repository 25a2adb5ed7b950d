// CredentialFormatter: turns validated claims and a holder key into one signed credential of one
// format. SD-JWT VC is the only format today; jwt_vc_json, ldp_vc and mso_mdoc will be further
// implementations chosen by the configuration's `format`.
#ifndef VCISSUER_DAEMON_OID4VCI_CREDENTIAL_FORMATTER_H_
#define VCISSUER_DAEMON_OID4VCI_CREDENTIAL_FORMATTER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/base/random.h"
#include "daemon/oid4vci/signer_registry.h"
#include "policy/policy.h"

namespace vci::oid4vci {

struct CredentialInput {
  const policy::CredentialConfiguration& configuration;
  const nlohmann::json& claims;      // validated against the configuration when the offer was made
  const nlohmann::json& holder_jwk;  // from a ValidatedProof; null: bound to no key
  const RegisteredSigner& signer;
  const std::string& issuer;  // `iss`: the credential issuer identifier
  int64_t issued_at = 0;
  int64_t not_before = 0;
  int64_t expires_at = 0;
};

class CredentialFormatter {
 public:
  virtual ~CredentialFormatter() = default;

  // Format returns the credential as the Credential Response carries it. An HSM failure keeps
  // its code (kUnavailable); bad claims give kInternal, since they were validated earlier.
  virtual Result<std::string> Format(const CredentialInput& input) = 0;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_CREDENTIAL_FORMATTER_H_
