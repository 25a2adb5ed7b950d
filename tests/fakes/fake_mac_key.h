// FakeMacKey: an HMAC-SHA256 key held in process memory by OpenSSL, standing in for a token key.
// It can be "destroyed" to act like a key deleted from the token.
#ifndef VCISSUER_TESTS_FAKES_FAKE_MAC_KEY_H_
#define VCISSUER_TESTS_FAKES_FAKE_MAC_KEY_H_

#include <openssl/evp.h>

#include <atomic>

#include "crypto/base/mac.h"

namespace vci::testing {

class FakeMacKey final : public MacKey {
 public:
  FakeMacKey(Bytes key_id, Bytes secret) : key_id_(std::move(key_id)), secret_(std::move(secret)) {}

  ByteView KeyId() const override { return key_id_; }

  Result<Sha256Mac> HmacSha256(ByteView data) override {
    if (destroyed_) {
      return Error(ErrorCode::kNotFound, "key not found", "CKR_KEY_HANDLE_INVALID (fake)");
    }
    ++calls_;
    Sha256Mac out{};
    size_t out_len = 0;
    if (::EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret_.data(), secret_.size(),
                    data.data(), data.size(), out.data(), out.size(), &out_len) == nullptr) {
      return Error(ErrorCode::kInternal, "internal error", "EVP_Q_mac failed");
    }
    return out;
  }

  void Destroy() { destroyed_ = true; }

  int calls() const { return calls_; }

 private:
  Bytes key_id_;
  Bytes secret_;
  std::atomic<bool> destroyed_{false};
  std::atomic<int> calls_{0};
};

}  // namespace vci::testing

#endif  // VCISSUER_TESTS_FAKES_FAKE_MAC_KEY_H_
