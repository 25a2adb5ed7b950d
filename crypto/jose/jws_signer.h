// JwsSigner: something that makes JWS signatures with a key it may never reveal.
//
// The HSM-backed implementation lives in crypto/pkcs11/; an OpenSSL one for tests lives in
// crypto/jose/. The JOSE and SD-JWT code signs only through this interface.
#ifndef VCISSUER_CRYPTO_JOSE_JWS_SIGNER_H_
#define VCISSUER_CRYPTO_JOSE_JWS_SIGNER_H_

#include <openssl/evp.h>

#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::jose {

// The JWS algorithms this project signs and verifies with public keys (RFC 7518 section 3.4,
// RFC 8037 section 3.1). MAC algorithms and "none" are deliberately absent.
enum class JwsAlgorithm { kEs256, kEs384, kEdDsa };

// JwsAlgorithmName returns the JOSE "alg" value: "ES256", "ES384" or "EdDSA".
std::string_view JwsAlgorithmName(JwsAlgorithm alg);

// ParseJwsAlgorithm maps a JOSE "alg" value to the enum, or fails with kInvalidArgument for any
// other value ("none", "HS256", "RS256", ...).
Result<JwsAlgorithm> ParseJwsAlgorithm(std::string_view name);

class JwsSigner {
 public:
  virtual ~JwsSigner() = default;

  // Algorithm is the JWS algorithm of every signature this signer makes.
  virtual JwsAlgorithm Algorithm() const = 0;

  // PublicKey is the verification key; owned by the signer, valid for its lifetime.
  virtual const EVP_PKEY* PublicKey() const = 0;

  // Sign returns the JWS signature over `signing_input` (ASCII(BASE64URL(header) || '.' ||
  // BASE64URL(payload))): the fixed-width r||s pair for ES256/ES384 (RFC 7518 section 3.4), the
  // 64-byte signature for EdDSA. Safe to call from several threads at once.
  virtual Result<Bytes> Sign(ByteView signing_input) = 0;
};

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_JWS_SIGNER_H_
