// PublicApi: the wallet-facing listener. Routes each request to its endpoint and turns every
// Error into its spec answer through error_response.h.
#ifndef VCISSUER_DAEMON_OID4VCI_PUBLIC_API_H_
#define VCISSUER_DAEMON_OID4VCI_PUBLIC_API_H_

#include <optional>
#include <string>
#include <variant>

#include "daemon/http/handler.h"
#include "daemon/oid4vci/credential_service.h"
#include "daemon/oid4vci/issuer_context.h"
#include "daemon/oid4vci/nonce_service.h"
#include "daemon/oid4vci/offer_service.h"
#include "daemon/oid4vci/token_service.h"

namespace vci::oid4vci {

class PublicApi final : public http::Handler {
 public:
  explicit PublicApi(IssuerContext& context);

  // http::Handler:
  http::HttpResponse Handle(const http::HttpRequest& request) override;

 private:
  // SignedIssuerMetadata answers the metadata as a JWT signed in the HSM (section 12.2.3).
  http::HttpResponse SignedIssuerMetadata(nlohmann::json metadata, const policy::Policy& policy);
  http::HttpResponse Route(const http::HttpRequest& request, std::string_view path);
  // CheckAddressLimit answers 429 with Retry-After when the request's address has used up its
  // per-minute allowance of the endpoint at `path`; nullopt lets the request through.
  std::optional<http::HttpResponse> CheckAddressLimit(const http::HttpRequest& request,
                                                      std::string_view path);
  http::HttpResponse HandleToken(const http::HttpRequest& request);
  http::HttpResponse HandleNonce(const http::HttpRequest& request);
  // AuthorizedJsonRequest returns the request's bearer token (RFC 6750 section 2.1), or the
  // answer to give instead: 401 with a bare challenge when there is none, the token error, or
  // `bad_body_code` when the body is not application/json.
  std::variant<std::string, http::HttpResponse> AuthorizedJsonRequest(
      const http::HttpRequest& request, ErrorCode bad_body_code);
  http::HttpResponse HandleCredential(const http::HttpRequest& request);
  http::HttpResponse HandleNotification(const http::HttpRequest& request);
  http::HttpResponse HandleOffer(std::string_view offer_id);

  IssuerContext& context_;
  OfferService offers_;
  TokenService tokens_;
  NonceService nonces_;
  CredentialService credentials_;
};

// BearerToken extracts the access token of RFC 6750 section 2.1 from `request`. Returns an empty
// optional when the request carries no token at all; kInvalidRequest when it uses more than one
// method (section 3.1) and kInvalidToken when the Authorization header is malformed.
Result<std::optional<std::string>> BearerToken(const http::HttpRequest& request);

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_PUBLIC_API_H_
