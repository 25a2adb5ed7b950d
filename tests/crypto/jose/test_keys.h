// Published JWKs used by the JOSE tests.
#ifndef VCISSUER_TESTS_CRYPTO_JOSE_TEST_KEYS_H_
#define VCISSUER_TESTS_CRYPTO_JOSE_TEST_KEYS_H_

#include <nlohmann/json.hpp>

namespace vci::jose::testing {

// RFC 7515 appendix A.3: the ES256 example key, public part.
inline nlohmann::json Rfc7515A3PublicJwk() {
  return {{"kty", "EC"},
          {"crv", "P-256"},
          {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
          {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}};
}

// A P-384 public key generated once with Node's crypto (see thumbprint_vectors.mjs).
inline nlohmann::json GeneratedP384PublicJwk() {
  return {{"kty", "EC"},
          {"crv", "P-384"},
          {"x", "slXkiRtjJV0gj7_P8DtZxmInskQR5Rh-M2033wmfdWjLjjmjieE0klJGFhJ479tk"},
          {"y", "dXQ3Q8tgWNKZm_UODOpEVJu3mS35K6Zqo-7os_SxJXHWtw3A-jadDESXGzbsu8TZ"}};
}

// RFC 8037 appendix A.2: the Ed25519 public key.
inline nlohmann::json Rfc8037PublicJwk() {
  return {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}};
}

// RFC 8037 appendix A.1: the Ed25519 private key.
inline nlohmann::json Rfc8037PrivateJwk() {
  nlohmann::json jwk = Rfc8037PublicJwk();
  jwk["d"] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
  return jwk;
}

}  // namespace vci::jose::testing

#endif  // VCISSUER_TESTS_CRYPTO_JOSE_TEST_KEYS_H_
