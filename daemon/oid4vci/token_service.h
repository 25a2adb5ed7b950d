// TokenService: the token endpoint of the pre-authorized code flow (OID4VCI 1.0 section 6,
// RFC 6749 sections 4.1.3 and 5).
#ifndef VCISSUER_DAEMON_OID4VCI_TOKEN_SERVICE_H_
#define VCISSUER_DAEMON_OID4VCI_TOKEN_SERVICE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/oid4vci/issuer_context.h"

namespace vci::oid4vci {

using FormParams = std::vector<std::pair<std::string, std::string>>;

// CredentialIdentifierFor returns the credential identifier that the token response names for
// the one dataset an offer of `configuration_id` holds.
std::string CredentialIdentifierFor(std::string_view configuration_id);

// AnswerAuthorizationDetails checks the token request's authorization_details (`text`, a JSON
// array of openid_credential entries; OID4VCI 1.0 section 6.1) against the offered
// configuration and returns the array for the token response, each entry with its
// credential_identifiers (section 6.2). kInvalidAuthorizationDetails (RFC 9396 section 5) when it
// is malformed or asks for another configuration.
Result<nlohmann::json> AnswerAuthorizationDetails(std::string_view text,
                                                  std::string_view offered_configuration);

class TokenService {
 public:
  explicit TokenService(IssuerContext& context) : context_(context) {}

  // Exchange redeems the pre-authorized code in `form` and returns the token response body.
  // Errors: kInvalidRequest (a parameter missing or repeated, a tx_code missing where the offer
  // requires one or sent where it does not), kUnsupportedGrantType, kInvalidGrant (an unknown,
  // expired, used or invalidated code, or a wrong tx_code, which does not consume the code),
  // kUnavailable (HSM or store down).
  Result<nlohmann::json> Exchange(const FormParams& form);

 private:
  // CheckClientId enforces the configured client_id allow-list (kInvalidClient); with none
  // configured, access is anonymous and any client_id is ignored.
  Result<void> CheckClientId(std::optional<std::string_view> client_id) const;

  IssuerContext& context_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_TOKEN_SERVICE_H_
