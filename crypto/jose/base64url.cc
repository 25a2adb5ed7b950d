#include "crypto/jose/base64url.h"

#include <array>

namespace vci::jose {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr uint8_t kInvalid = 0xff;

constexpr std::array<uint8_t, 256> MakeReverseTable() {
  std::array<uint8_t, 256> table{};
  for (auto& entry : table) {
    entry = kInvalid;
  }
  for (uint8_t i = 0; i < 64; ++i) {
    table[static_cast<uint8_t>(kAlphabet[i])] = i;
  }
  return table;
}

constexpr std::array<uint8_t, 256> kReverse = MakeReverseTable();

Error DecodeError(std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "malformed base64url", std::string(why));
}

}  // namespace

std::string Base64UrlEncode(ByteView data) {
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t group = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8) | data[i + 2];
    out += kAlphabet[(group >> 18) & 0x3f];
    out += kAlphabet[(group >> 12) & 0x3f];
    out += kAlphabet[(group >> 6) & 0x3f];
    out += kAlphabet[group & 0x3f];
  }
  size_t rest = data.size() - i;
  if (rest == 1) {
    uint32_t group = uint32_t{data[i]} << 16;
    out += kAlphabet[(group >> 18) & 0x3f];
    out += kAlphabet[(group >> 12) & 0x3f];
  } else if (rest == 2) {
    uint32_t group = (uint32_t{data[i]} << 16) | (uint32_t{data[i + 1]} << 8);
    out += kAlphabet[(group >> 18) & 0x3f];
    out += kAlphabet[(group >> 12) & 0x3f];
    out += kAlphabet[(group >> 6) & 0x3f];
  }
  return out;
}

Result<Bytes> Base64UrlDecode(std::string_view text, size_t max_len) {
  if (text.size() % 4 == 1) {
    return DecodeError("impossible base64url length");
  }
  size_t decoded_len = text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1);
  if (decoded_len > max_len) {
    return DecodeError("base64url input too long");
  }

  Bytes out;
  out.reserve(decoded_len);
  uint32_t group = 0;
  size_t num_sextets = 0;
  for (char c : text) {
    uint8_t value = kReverse[static_cast<uint8_t>(c)];
    if (value == kInvalid) {
      return DecodeError("character outside the base64url alphabet");
    }
    group = (group << 6) | value;
    if (++num_sextets == 4) {
      out.push_back(static_cast<uint8_t>(group >> 16));
      out.push_back(static_cast<uint8_t>(group >> 8));
      out.push_back(static_cast<uint8_t>(group));
      group = 0;
      num_sextets = 0;
    }
  }

  // RFC 4648 section 3.5: the unused low bits of the last character must be zero, so that each
  // byte string has exactly one encoding.
  if (num_sextets == 2) {
    if ((group & 0x0f) != 0) {
      return DecodeError("non-canonical base64url");
    }
    out.push_back(static_cast<uint8_t>(group >> 4));
  } else if (num_sextets == 3) {
    if ((group & 0x03) != 0) {
      return DecodeError("non-canonical base64url");
    }
    out.push_back(static_cast<uint8_t>(group >> 10));
    out.push_back(static_cast<uint8_t>(group >> 2));
  }
  return out;
}

}  // namespace vci::jose
