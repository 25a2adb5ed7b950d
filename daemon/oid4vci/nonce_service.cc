#include "daemon/oid4vci/nonce_service.h"

#include "crypto/jose/base64url.h"
#include "crypto/ossl/digest.h"

namespace vci::oid4vci {
namespace {

constexpr size_t kNonceBytes = 32;
constexpr size_t kMaxNonceChars = 128;

}  // namespace

Result<SecretBytes> NonceService::Issue() {
  VCI_ASSIGN_OR_RETURN(Bytes raw, context_.random.Generate(kNonceBytes));
  SecretBytes nonce = SecretBytes::FromString(jose::Base64UrlEncode(raw));
  WipeMemory(raw.data(), raw.size());
  VCI_ASSIGN_OR_RETURN(auto hash, ossl::Sha256(context_.ossl, nonce.Reveal()));
  int64_t expires_at = context_.clock.NowSeconds() + context_.settings.nonce_lifetime.count();
  VCI_TRY(context_.store.InsertNonce(hash, expires_at));
  return nonce;
}

Result<void> NonceService::Consume(std::string_view nonce) {
  if (nonce.empty() || nonce.size() > kMaxNonceChars) {
    return Error(ErrorCode::kInvalidNonce, "the c_nonce is unknown, expired or already used");
  }
  VCI_ASSIGN_OR_RETURN(auto hash, ossl::Sha256(context_.ossl, AsBytes(nonce)));
  return context_.store.ConsumeNonce(hash, context_.clock.NowSeconds());
}

}  // namespace vci::oid4vci
