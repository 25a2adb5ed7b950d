// Byte buffers and views, and the conversions between them and text.
#ifndef VCISSUER_CRYPTO_BASE_BYTES_H_
#define VCISSUER_CRYPTO_BASE_BYTES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vci {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

// AsBytes views the characters of `text` as bytes, without copying.
inline ByteView AsBytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// ToBytes copies the characters of `text` into a byte buffer.
inline Bytes ToBytes(std::string_view text) {
  ByteView view = AsBytes(text);
  return {view.begin(), view.end()};
}

// AsString views `bytes` as characters, without copying.
inline std::string_view AsString(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// ToHex returns the lower-case hexadecimal form of `bytes`.
std::string ToHex(ByteView bytes);

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_BYTES_H_
