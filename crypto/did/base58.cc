#include "crypto/did/base58.h"

#include <algorithm>
#include <array>

namespace vci::did {
namespace {

constexpr std::string_view kAlphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// DigitValue returns the value of a Base58 digit, or -1.
int DigitValue(char c) {
  size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

Result<Bytes> Base58BtcDecode(std::string_view text, size_t max_chars) {
  if (text.empty() || text.size() > max_chars) {
    return Error(ErrorCode::kInvalidArgument, "base58 text is empty or too long");
  }
  size_t leading_zeros = 0;
  while (leading_zeros < text.size() && text[leading_zeros] == '1') {
    ++leading_zeros;
  }
  // Big-endian base-256 digits of the number, built by multiply-and-add per input digit.
  Bytes number;
  for (char c : text.substr(leading_zeros)) {
    int digit = DigitValue(c);
    if (digit < 0) {
      return Error(ErrorCode::kInvalidArgument,
                   "base58 text holds a character outside the alphabet");
    }
    auto carry = static_cast<unsigned>(digit);
    for (auto it = number.rbegin(); it != number.rend(); ++it) {
      carry += 58U * *it;
      *it = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry > 0) {
      number.insert(number.begin(), static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  Bytes out(leading_zeros, 0);
  out.insert(out.end(), number.begin(), number.end());
  return out;
}

std::string Base58BtcEncode(ByteView data) {
  size_t leading_zeros = 0;
  while (leading_zeros < data.size() && data[leading_zeros] == 0) {
    ++leading_zeros;
  }
  // Little-endian base-58 digits, built by multiply-and-add per input byte.
  std::string digits;
  for (uint8_t byte : data.subspan(leading_zeros)) {
    unsigned carry = byte;
    for (char& d : digits) {
      carry += 256U * static_cast<unsigned>(d);
      d = static_cast<char>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<char>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(leading_zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    out.push_back(kAlphabet[static_cast<size_t>(*it)]);
  }
  return out;
}

}  // namespace vci::did
