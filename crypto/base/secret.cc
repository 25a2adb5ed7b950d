#include "crypto/base/secret.h"

#include <openssl/crypto.h>

namespace vci {

void WipeMemory(void* data, size_t size) {
  if (data != nullptr && size > 0) {
    ::OPENSSL_cleanse(data, size);
  }
}

bool ConstantTimeEquals(ByteView a, ByteView b) {
  if (a.size() != b.size()) {
    return false;
  }
  if (a.empty()) {
    return true;
  }
  return ::CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace vci
