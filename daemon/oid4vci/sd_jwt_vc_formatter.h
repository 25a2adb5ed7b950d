// SdJwtVcFormatter: SD-JWT VC credentials (format "dc+sd-jwt"; draft-ietf-oauth-sd-jwt-vc,
// RFC 9901), signed inside the HSM.
#ifndef VCISSUER_DAEMON_OID4VCI_SD_JWT_VC_FORMATTER_H_
#define VCISSUER_DAEMON_OID4VCI_SD_JWT_VC_FORMATTER_H_

#include "crypto/ossl/context.h"
#include "daemon/oid4vci/credential_formatter.h"

namespace vci::oid4vci {

// The media type in the header of an SD-JWT VC (SD-JWT VC section 3.2.1).
inline constexpr std::string_view kSdJwtVcType = "dc+sd-jwt";

class SdJwtVcFormatter final : public CredentialFormatter {
 public:
  SdJwtVcFormatter(const ossl::Context& ossl, RandomSource& random)
      : ossl_(ossl), random_(random) {}

  // Format builds header {typ, alg, kid} and payload {iss, iat, exp, vct, cnf.jwk, _sd_alg,
  // claims}, with one disclosure per selectively disclosable claim present, and returns the
  // issuance form <jwt>~<disclosure>~...~.
  Result<std::string> Format(const CredentialInput& input) override;

 private:
  const ossl::Context& ossl_;
  RandomSource& random_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_SD_JWT_VC_FORMATTER_H_
