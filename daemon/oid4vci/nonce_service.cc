#include "daemon/oid4vci/nonce_service.h"

#include <atomic>
#include <chrono>

#include "crypto/jose/base64url.h"
#include "crypto/ossl/digest.h"

namespace vci::oid4vci {
namespace {

constexpr size_t kNonceBytes = 32;
constexpr size_t kMaxNonceChars = 128;

// The store's nonce count, read at most every kRecountInterval per process and shared by its
// threads, and raised by each nonce this process issues in between: counting reads every row.
// The cap may be overshot by what the other worker processes issue within one interval.
constexpr std::chrono::milliseconds kRecountInterval{100};

struct NonceCount {
  std::atomic<int64_t> checked_at_ms{-1};
  std::atomic<int64_t> count{0};
};

NonceCount& ProcessNonceCount() {
  static NonceCount count;
  return count;
}

}  // namespace

Result<void> NonceService::CheckCapacity() {
  uint64_t cap = context_.settings.max_live_nonces;
  if (cap == 0) {
    return Ok();
  }
  NonceCount& cached = ProcessNonceCount();
  // Wall time, not the issuer's clock: this paces reads of the store, it dates nothing.
  int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  int64_t checked = cached.checked_at_ms.load();
  if (now_ms - checked >= kRecountInterval.count() &&
      cached.checked_at_ms.compare_exchange_strong(checked, now_ms)) {
    VCI_ASSIGN_OR_RETURN(int64_t count, context_.store.CountNonces());
    cached.count.store(count);
  }
  if (static_cast<uint64_t>(cached.count.load()) >= cap) {
    return Error(ErrorCode::kUnavailable, "the issuer is busy; retry later",
                 "the store holds max_live_nonces c_nonces");
  }
  return Ok();
}

Result<SecretBytes> NonceService::Issue() {
  VCI_TRY(CheckCapacity());
  VCI_ASSIGN_OR_RETURN(Bytes raw, context_.random.Generate(kNonceBytes));
  SecretBytes nonce = SecretBytes::FromString(jose::Base64UrlEncode(raw));
  WipeMemory(raw.data(), raw.size());
  VCI_ASSIGN_OR_RETURN(auto hash, ossl::Sha256(context_.ossl, nonce.Reveal()));
  std::chrono::seconds lifetime =
      context_.policy.Get()->issuer.nonce_lifetime.value_or(context_.settings.nonce_lifetime);
  int64_t expires_at = context_.clock.NowSeconds() + lifetime.count();
  VCI_TRY(context_.store.InsertNonce(hash, expires_at));
  ProcessNonceCount().count.fetch_add(1);
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
