// VerifyIdToken: checks an OpenID Connect ID token (OpenID Connect Core 1.0 section 3.1.3.7)
// against the provider's JWKS: signature (ES256, ES384 or EdDSA through crypto/jose), iss, aud
// (and azp when there are several audiences), exp, iat and nonce.
#ifndef VCISSUER_CONSOLE_ID_TOKEN_H_
#define VCISSUER_CONSOLE_ID_TOKEN_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::console {

// kIdTokenLeewaySeconds is the clock skew tolerated for exp and iat; kMaxIdTokenAgeSeconds is how
// old an iat may be.
inline constexpr int64_t kIdTokenLeewaySeconds = 60;
inline constexpr int64_t kMaxIdTokenAgeSeconds = 600;

struct IdTokenExpectations {
  std::string issuer;
  std::string client_id;
  std::string nonce;
  int64_t now = 0;  // seconds since the epoch
};

// VerifyIdToken returns the token's claims once every check passed. kUnauthenticated naming the
// failed check otherwise (never the token). `jwks` is the provider's {"keys": [...]}; a key is
// chosen by "kid", or is the only key when the token has none.
Result<nlohmann::json> VerifyIdToken(const ossl::Context& ctx, std::string_view id_token,
                                     const nlohmann::json& jwks, const IdTokenExpectations& expect);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_ID_TOKEN_H_
