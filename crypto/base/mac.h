// MacKey: a secret HMAC-SHA256 key that derives codes and protects tx_codes. In production it
// lives in the HSM (crypto/pkcs11/); tests use an OpenSSL fake.
#ifndef VCISSUER_CRYPTO_BASE_MAC_H_
#define VCISSUER_CRYPTO_BASE_MAC_H_

#include <array>
#include <cstdint>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci {

using Sha256Mac = std::array<uint8_t, 32>;

class MacKey {
 public:
  virtual ~MacKey() = default;

  // KeyId is the key's stable identifier (its CKA_ID in the token), carried inside whatever the
  // key derives so that a later request finds the key again after a rotation.
  virtual ByteView KeyId() const = 0;

  // HmacSha256 returns HMAC-SHA256(key, data). Safe to call from several threads at once.
  virtual Result<Sha256Mac> HmacSha256(ByteView data) = 0;
};

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_MAC_H_
