// Pkcs11Signer: a JwsSigner whose private key stays inside the token.
#ifndef VCISSUER_CRYPTO_PKCS11_PKCS11_SIGNER_H_
#define VCISSUER_CRYPTO_PKCS11_PKCS11_SIGNER_H_

#include <p11-kit/pkcs11.h>

#include <memory>

#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"
#include "crypto/pkcs11/key_ref.h"
#include "crypto/pkcs11/session_pool.h"

namespace vci::pkcs11 {

class Pkcs11Signer final : public jose::JwsSigner {
 public:
  // Pkcs11Signer signs with the private key object `key` on the token behind `pool`, for `alg`,
  // whose public key is `public_key`. Made by Token::OpenSigner after the key's checks; `ctx` and
  // `pool` must outlive the signer.
  Pkcs11Signer(const ossl::Context& ctx, SessionPool& pool, std::unique_ptr<KeyRef> key,
               jose::JwsAlgorithm alg, ossl::EvpPkeyPtr public_key);

  // Copying is deleted: the signer owns its public key.
  Pkcs11Signer(const Pkcs11Signer&) = delete;
  Pkcs11Signer& operator=(const Pkcs11Signer&) = delete;
  Pkcs11Signer(Pkcs11Signer&&) = delete;
  Pkcs11Signer& operator=(Pkcs11Signer&&) = delete;
  ~Pkcs11Signer() override = default;

  jose::JwsAlgorithm Algorithm() const override { return alg_; }

  const EVP_PKEY* PublicKey() const override { return public_key_.get(); }

  // Sign hashes `signing_input` on the host (SHA-256 for ES256, SHA-384 for ES384) and signs the
  // digest with raw CKM_ECDSA; for EdDSA it signs the input itself with CKM_EDDSA. Failures are the
  // token's (kUnavailable when it is gone) or kInternal if hashing fails. Thread-safe.
  Result<Bytes> Sign(ByteView signing_input) override;

  // SignDigest signs a precomputed digest with raw CKM_ECDSA (ES256/ES384 only). The digest must
  // be exactly 32 (ES256) or 48 (ES384) bytes: anything else is refused with kInvalidArgument
  // before it reaches the token, because some modules (SoftHSM2) silently sign only a prefix of a
  // longer input. Thread-safe.
  Result<Bytes> SignDigest(ByteView digest);

 private:
  const ossl::Context& ctx_;
  SessionPool& pool_;
  std::unique_ptr<KeyRef> key_;
  jose::JwsAlgorithm alg_;
  ossl::EvpPkeyPtr public_key_;
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_PKCS11_SIGNER_H_
