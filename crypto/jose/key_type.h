// The key types this project accepts, and how each maps to a JWK "crv", an OpenSSL group or key
// type name and a JWS algorithm (RFC 7518 sections 3.4 and 6.2.1.1, RFC 8037 section 2).
#ifndef VCISSUER_CRYPTO_JOSE_KEY_TYPE_H_
#define VCISSUER_CRYPTO_JOSE_KEY_TYPE_H_

#include <openssl/evp.h>

#include <cstddef>
#include <string_view>

#include "crypto/jose/jws_signer.h"

namespace vci::jose {

struct KeyType {
  std::string_view kty;   // JWK "kty": "EC" or "OKP".
  std::string_view crv;   // JWK "crv": "P-256", "P-384" or "Ed25519".
  const char* ossl_name;  // OpenSSL group name (EC) or key type name (OKP).
  size_t coordinate_len;  // Bytes in each of x and y (EC), or in x (OKP).
  size_t signature_len;   // Bytes in a JWS signature made with this key.
  JwsAlgorithm alg;       // The one JWS algorithm this key type is used with.
};

// FindKeyTypeByCrv returns the key type with JWK "kty" `kty` and "crv" `crv`, or nullptr if the
// pair is not supported. The result points to static storage.
const KeyType* FindKeyTypeByCrv(std::string_view kty, std::string_view crv);

// FindKeyTypeOfKey returns the key type of `key` (public or private), or nullptr if `key` is null
// or of a type or curve this project does not use. The result points to static storage.
const KeyType* FindKeyTypeOfKey(const EVP_PKEY* key);

// KeyTypeForAlgorithm returns the key type that signs with `alg`; never null.
const KeyType& KeyTypeForAlgorithm(JwsAlgorithm alg);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_KEY_TYPE_H_
