// CredentialService: the credential endpoint (OID4VCI 1.0 section 8): checks the access token,
// the request and every key proof, then issues one credential per proof, signed in the HSM.
#ifndef VCISSUER_DAEMON_OID4VCI_CREDENTIAL_SERVICE_H_
#define VCISSUER_DAEMON_OID4VCI_CREDENTIAL_SERVICE_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/oid4vci/credential_formatter.h"
#include "daemon/oid4vci/issuer_context.h"
#include "daemon/oid4vci/nonce_service.h"
#include "daemon/oid4vci/proof_validator.h"
#include "daemon/store/store.h"

namespace vci::oid4vci {

class CredentialService {
 public:
  explicit CredentialService(IssuerContext& context);

  // Issue answers one credential request made with `access_token` (the bearer token, already
  // taken from the Authorization header) and the JSON `body`. Errors: kInvalidToken (unknown or
  // expired token), kInvalidCredentialRequest, kUnknownCredentialConfiguration,
  // kUnknownCredentialIdentifier, kCredentialRequestDenied, kInvalidProof, kInvalidNonce, and
  // kUnavailable when the HSM or the store is down.
  Result<nlohmann::json> Issue(std::string_view access_token, std::string_view body);

  // Notify records a notification (section 11) made with `access_token` and the JSON `body`.
  // Errors: kInvalidToken, kInvalidNotificationRequest (malformed, unknown event),
  // kInvalidNotificationId (unknown, expired, or not issued with this access token).
  Result<void> Notify(std::string_view access_token, std::string_view body);

 private:
  // FindAccessToken returns what `access_token` grants at `now`; kInvalidToken when it is
  // unknown or expired.
  Result<store::AccessTokenRecord> FindAccessToken(std::string_view access_token,
                                                   int64_t now) const;

  // ProofJwts returns the request's jwt proofs: proofs.jwt (at most `max_proofs`), or draft 15's
  // singular proof when that compatibility is on.
  Result<std::vector<std::string>> ProofJwts(const nlohmann::json& request,
                                             size_t max_proofs) const;

  // RequestedConfiguration returns the configuration the request names, by
  // credential_identifier or credential_configuration_id, as the access token allows it.
  Result<const policy::CredentialConfiguration*> RequestedConfiguration(
      const nlohmann::json& request, const store::AccessTokenRecord& token,
      const policy::Policy& policy) const;

  // ValidateProofs checks every proof, refuses two proofs of one key and proofs with different
  // nonces. The nonce itself is consumed by the caller.
  Result<std::vector<ValidatedProof>> ValidateProofs(
      const std::vector<std::string>& jwts, const policy::CredentialConfiguration& configuration,
      int64_t now) const;

  IssuerContext& context_;
  ProofValidator proofs_;
  NonceService nonces_;
  std::map<std::string, std::unique_ptr<CredentialFormatter>, std::less<>> formatters_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_CREDENTIAL_SERVICE_H_
