// OidcClient: the console's side of the OpenID Connect authorization code flow with PKCE
// (RFC 7636, S256): the provider's discovery document and JWKS, fetched with libcurl and cached,
// the authorization request URL, the code exchange and the end-session URL.
#ifndef VCISSUER_CONSOLE_OIDC_CLIENT_H_
#define VCISSUER_CONSOLE_OIDC_CLIENT_H_

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "console/console_config.h"
#include "crypto/base/clock.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::console {

// LoginRequest is what the console remembers between sending the browser to the provider and
// the callback: all three are fresh random values, bound to the browser's pre-login session.
struct LoginRequest {
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

// ProviderEndpoints is the part of the discovery document the console uses.
struct ProviderEndpoints {
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string end_session_endpoint;  // "" when the provider has none
};

class OidcClient {
 public:
  // OidcClient talks to `config`'s provider as `config`'s client; `client_secret` is kept.
  OidcClient(const ConsoleConfig& config, std::string client_secret, const ossl::Context& ossl,
             const Clock& clock);

  // RedirectUri is public_url + "/callback".
  std::string RedirectUri() const;

  // AuthorizationUrl returns the URL the browser is sent to for `login`. Fetches the discovery
  // document when it is not cached; kUnavailable when the provider cannot be reached.
  Result<std::string> AuthorizationUrl(const LoginRequest& login);

  // Redeem trades `code` at the token endpoint and returns the verified ID token's claims.
  // kUnauthenticated when the provider refuses the code or the ID token fails a check.
  Result<nlohmann::json> Redeem(const std::string& code, const LoginRequest& login);

  // EndSessionUrl returns the provider's end-session URL, sending the browser back to
  // `post_logout`, or "" when the provider has none.
  std::string EndSessionUrl(const std::string& post_logout);

 private:
  Result<ProviderEndpoints> Endpoints();
  Result<nlohmann::json> Jwks(bool refresh);

  const ConsoleConfig& config_;
  std::string client_secret_;
  const ossl::Context& ossl_;
  const Clock& clock_;
  std::mutex mutex_;
  std::optional<ProviderEndpoints> endpoints_;  // guarded by mutex_
  int64_t endpoints_fetched_at_ = 0;            // guarded by mutex_
  nlohmann::json jwks_;                         // guarded by mutex_
  int64_t jwks_fetched_at_ = 0;                 // guarded by mutex_
};

// NewRandomToken returns 32 fresh random bytes in base64url (43 characters).
Result<std::string> NewRandomToken();

// NewLoginRequest returns fresh random state, nonce and verifier (NewRandomToken each).
Result<LoginRequest> NewLoginRequest();

// CodeChallengeS256 returns BASE64URL(SHA-256(ASCII(verifier))) (RFC 7636 section 4.2).
Result<std::string> CodeChallengeS256(const ossl::Context& ossl, std::string_view verifier);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_OIDC_CLIENT_H_
