// OsslSigner: a JwsSigner whose private key lives in process memory, for tests and the example
// tooling only. The issuer daemon signs with keys that never leave the HSM (crypto/pkcs11/).
#ifndef VCISSUER_CRYPTO_JOSE_OSSL_SIGNER_H_
#define VCISSUER_CRYPTO_JOSE_OSSL_SIGNER_H_

#include <memory>
#include <nlohmann/json.hpp>

#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::jose {

class OsslSigner final : public JwsSigner {
 public:
  // Generate returns a signer with a fresh key for `alg` (P-256, P-384 or Ed25519), or kInternal
  // if OpenSSL fails. `ctx` must outlive the signer.
  static Result<std::unique_ptr<OsslSigner>> Generate(const ossl::Context& ctx, JwsAlgorithm alg);

  // FromPrivateKey returns a signer that takes ownership of the private key `key`, or
  // kInvalidArgument when `alg` does not fit it (AlgorithmFitsKey). `ctx` must outlive the signer,
  // and `key` should have been made in it.
  static Result<std::unique_ptr<OsslSigner>> FromPrivateKey(const ossl::Context& ctx,
                                                            JwsAlgorithm alg, ossl::EvpPkeyPtr key);

  // FromPrivateJwk returns a signer for the private JWK `jwk` (EC P-256/P-384 with x, y, d; OKP
  // Ed25519 with x, d), whose algorithm follows from its curve. Fails with kInvalidArgument when
  // the JWK is malformed, of another type, or its public members do not match d.
  static Result<std::unique_ptr<OsslSigner>> FromPrivateJwk(const ossl::Context& ctx,
                                                            const nlohmann::json& jwk);

  // Copying is deleted: a signer is the one owner of its private key.
  OsslSigner(const OsslSigner&) = delete;
  OsslSigner& operator=(const OsslSigner&) = delete;
  ~OsslSigner() override = default;

  // JwsSigner
  JwsAlgorithm Algorithm() const override { return alg_; }

  // PublicKey is a public-only copy of the key; owned by the signer.
  const EVP_PKEY* PublicKey() const override { return public_key_.get(); }

  Result<Bytes> Sign(ByteView signing_input) override;

 private:
  OsslSigner(const ossl::Context& ctx, JwsAlgorithm alg, ossl::EvpPkeyPtr private_key,
             ossl::EvpPkeyPtr public_key);

  const ossl::Context& ctx_;
  JwsAlgorithm alg_;
  ossl::EvpPkeyPtr private_key_;
  ossl::EvpPkeyPtr public_key_;
};

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_OSSL_SIGNER_H_
