// Pkcs11MacKey: a MacKey whose secret stays inside the token.
#ifndef VCISSUER_CRYPTO_PKCS11_PKCS11_MAC_KEY_H_
#define VCISSUER_CRYPTO_PKCS11_PKCS11_MAC_KEY_H_

#include <p11-kit/pkcs11.h>

#include <memory>

#include "crypto/base/mac.h"
#include "crypto/pkcs11/key_ref.h"
#include "crypto/pkcs11/session_pool.h"

namespace vci::pkcs11 {

class Pkcs11MacKey final : public MacKey {
 public:
  // Pkcs11MacKey computes HMAC-SHA256 with the secret key object `key` (CKA_ID `key_id`) on the
  // token behind `pool`, which must outlive it. Made by Token::OpenMacKey after the key's checks.
  Pkcs11MacKey(SessionPool& pool, std::unique_ptr<KeyRef> key, Bytes key_id)
      : pool_(pool), key_(std::move(key)), key_id_(std::move(key_id)) {}

  // Copying is deleted: one key object, one owner.
  Pkcs11MacKey(const Pkcs11MacKey&) = delete;
  Pkcs11MacKey& operator=(const Pkcs11MacKey&) = delete;
  Pkcs11MacKey(Pkcs11MacKey&&) = delete;
  Pkcs11MacKey& operator=(Pkcs11MacKey&&) = delete;
  ~Pkcs11MacKey() override = default;

  ByteView KeyId() const override { return key_id_; }

  // HmacSha256 runs CKM_SHA256_HMAC in the token. Thread-safe.
  Result<Sha256Mac> HmacSha256(ByteView data) override;

 private:
  SessionPool& pool_;
  std::unique_ptr<KeyRef> key_;
  Bytes key_id_;
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_PKCS11_MAC_KEY_H_
