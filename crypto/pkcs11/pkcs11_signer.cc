#include "crypto/pkcs11/pkcs11_signer.h"

#include <utility>

#include "crypto/jose/key_type.h"
#include "crypto/ossl/digest.h"
#include "crypto/pkcs11/sign_operation.h"

namespace vci::pkcs11 {

Pkcs11Signer::Pkcs11Signer(const ossl::Context& ctx, SessionPool& pool, std::unique_ptr<KeyRef> key,
                           jose::JwsAlgorithm alg, ossl::EvpPkeyPtr public_key)
    : ctx_(ctx), pool_(pool), key_(std::move(key)), alg_(alg), public_key_(std::move(public_key)) {}

Result<Bytes> Pkcs11Signer::Sign(ByteView signing_input) {
  switch (alg_) {
    case jose::JwsAlgorithm::kEs256: {
      VCI_ASSIGN_OR_RETURN(ossl::Sha256Digest digest, ossl::Sha256(ctx_, signing_input));
      return SignDigest(digest);
    }
    case jose::JwsAlgorithm::kEs384: {
      VCI_ASSIGN_OR_RETURN(ossl::Sha384Digest digest, ossl::Sha384(ctx_, signing_input));
      return SignDigest(digest);
    }
    case jose::JwsAlgorithm::kEdDsa:
      return SignInToken(pool_, CKM_EDDSA, *key_, signing_input,
                         jose::KeyTypeForAlgorithm(alg_).signature_len);
  }
  return Error(ErrorCode::kInternal, "internal error", "unknown JWS algorithm");
}

Result<Bytes> Pkcs11Signer::SignDigest(ByteView digest) {
  size_t want_len = 0;
  switch (alg_) {
    case jose::JwsAlgorithm::kEs256:
      want_len = 32;
      break;
    case jose::JwsAlgorithm::kEs384:
      want_len = 48;
      break;
    case jose::JwsAlgorithm::kEdDsa:
      return Error(ErrorCode::kInvalidArgument, "invalid signing request",
                   "EdDSA signs the message, not a digest");
  }
  if (digest.size() != want_len) {
    return Error(ErrorCode::kInvalidArgument, "invalid signing request",
                 "digest of " + std::to_string(digest.size()) + " bytes for " +
                     std::string(jose::JwsAlgorithmName(alg_)) + ", want " +
                     std::to_string(want_len));
  }
  const size_t signature_len = jose::KeyTypeForAlgorithm(alg_).signature_len;
  VCI_ASSIGN_OR_RETURN(Bytes signature,
                       SignInToken(pool_, CKM_ECDSA, *key_, digest, signature_len));
  // PKCS#11 returns r||s with each half padded to the order's length: already the JWS form.
  if (signature.size() != signature_len) {
    return Error(ErrorCode::kInternal, "token operation failed",
                 "C_Sign returned " + std::to_string(signature.size()) + " bytes");
  }
  return signature;
}

}  // namespace vci::pkcs11
