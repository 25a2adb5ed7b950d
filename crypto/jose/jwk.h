// JSON Web Keys (RFC 7517) for the key types this project uses: EC P-256 and P-384 (RFC 7518
// section 6.2) and OKP Ed25519 (RFC 8037 section 2). Public keys only: a JWK that carries private
// key material is refused, so a holder's or wallet's private key can never be imported by mistake.
#ifndef VCISSUER_CRYPTO_JOSE_JWK_H_
#define VCISSUER_CRYPTO_JOSE_JWK_H_

#include <openssl/evp.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::jose {

// ParsePublicJwk returns the public key that `jwk` describes: kty "EC" with crv "P-256" or "P-384"
// and x, y of exactly the curve's coordinate length, forming a point on the curve; or kty "OKP"
// with crv "Ed25519" and a 32-byte x. Fails with kInvalidArgument when `jwk` is not an object,
// has more than 32 members, contains any private member ("d", "p", "q", "dp", "dq", "qi", "oth",
// "k"), lacks a required member or has one of the wrong type or length, names another kty (RSA,
// oct) or curve (secp256k1, X25519, ...), or the point is not on the curve. The caller owns the
// returned key. Thread-safe.
Result<ossl::EvpPkeyPtr> ParsePublicJwk(const ossl::Context& ctx, const nlohmann::json& jwk);

// PublicKeyToJwk returns the public JWK of `key` (public or private) with only the required
// members: {"kty","crv","x","y"} for EC, {"kty","crv","x"} for Ed25519. Fails with
// kInvalidArgument when `key` is null or not one of the supported key types. `key` stays owned by
// the caller.
Result<nlohmann::json> PublicKeyToJwk(const EVP_PKEY* key);

// AlgorithmFitsKey returns whether `alg` is the algorithm for `key`: ES256 for P-256, ES384 for
// P-384, EdDSA for Ed25519 (RFC 7518 section 3.4, RFC 8037 section 3.1). False for a null key.
bool AlgorithmFitsKey(JwsAlgorithm alg, const EVP_PKEY* key);

// JwkThumbprint returns base64url(SHA-256(canonical JWK)) per RFC 7638 section 3: only the
// required members ("crv","kty","x","y" for EC; "crv","kty","x" for OKP), in lexicographic order,
// without whitespace. Other members (kid, alg, use, and private members) are ignored. Fails with
// kInvalidArgument when the required members do not form a key that ParsePublicJwk accepts (so
// RSA and oct keys are refused), and kInternal if hashing fails. Thread-safe. Defined in
// jwk_thumbprint.cc.
Result<std::string> JwkThumbprint(const ossl::Context& ctx, const nlohmann::json& jwk);

// KeyThumbprint returns the RFC 7638 thumbprint of `key`, a key already imported (so already
// checked): the same value JwkThumbprint gives for PublicKeyToJwk(key), without importing the key
// a second time. Fails as PublicKeyToJwk does, and kInternal if hashing fails. Thread-safe.
// Defined in jwk_thumbprint.cc.
Result<std::string> KeyThumbprint(const ossl::Context& ctx, const EVP_PKEY* key);

// JwkMemberBytes returns the base64url-decoded string member `name` of `jwk`, which must be exactly
// `len` bytes long. Fails with kInvalidArgument when the member is missing, not a string, not
// strict base64url or of another length.
Result<Bytes> JwkMemberBytes(const nlohmann::json& jwk, std::string_view name, size_t len);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_JWK_H_
