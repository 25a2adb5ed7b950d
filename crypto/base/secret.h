// SecretBytes: bytes that must not leak (a PIN, a pre-authorized code, a tx_code, an access token,
// a c_nonce).
//
// Security property: the buffer is wiped when it is freed or reallocated, the type has no stream
// operator and no implicit conversion to a string, and reading it takes a deliberate call to
// Reveal(), which is easy to grep for in review.
#ifndef VCISSUER_CRYPTO_BASE_SECRET_H_
#define VCISSUER_CRYPTO_BASE_SECRET_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "crypto/base/bytes.h"

namespace vci {

// WipeMemory overwrites `size` bytes at `data` in a way the compiler may not remove.
void WipeMemory(void* data, size_t size);

// ConstantTimeEquals compares two byte strings in time that depends only on their lengths.
// Strings of different lengths are unequal.
bool ConstantTimeEquals(ByteView a, ByteView b);

template <typename T>
struct WipingAllocator {
  using value_type = T;

  WipingAllocator() = default;

  template <typename U>
  WipingAllocator(const WipingAllocator<U>& /*other*/) {}  // NOLINT: allocator conversion

  T* allocate(size_t n) { return std::allocator<T>().allocate(n); }

  void deallocate(T* p, size_t n) {
    WipeMemory(p, n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }

  template <typename U>
  bool operator==(const WipingAllocator<U>& /*other*/) const {
    return true;
  }
};

class SecretBytes {
 public:
  SecretBytes() = default;

  explicit SecretBytes(ByteView bytes) : bytes_(bytes.begin(), bytes.end()) {}

  explicit SecretBytes(size_t size) : bytes_(size, 0) {}

  // FromString copies the characters of `text`; the caller should wipe its own copy.
  static SecretBytes FromString(std::string_view text) { return SecretBytes(AsBytes(text)); }

  size_t size() const { return bytes_.size(); }

  bool empty() const { return bytes_.empty(); }

  // Reveal gives read access to the secret. Every call site is a place a secret is used.
  ByteView Reveal() const { return {bytes_.data(), bytes_.size()}; }

  // RevealAsString views the secret as characters (a PIN, a code).
  std::string_view RevealAsString() const { return AsString(Reveal()); }

  // MutableSpan gives write access, for filling the secret from a source.
  std::span<uint8_t> MutableSpan() { return {bytes_.data(), bytes_.size()}; }

  void Resize(size_t size) { bytes_.resize(size); }

  // Equals compares in constant time.
  bool Equals(const SecretBytes& other) const {
    return ConstantTimeEquals(Reveal(), other.Reveal());
  }

 private:
  std::vector<uint8_t, WipingAllocator<uint8_t>> bytes_;
};

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_SECRET_H_
