#include "cli/key_output.h"

#include <cstdint>
#include <optional>

namespace vci::cli {
namespace {

constexpr size_t kMaxIdBytes = 64;

std::string Flags(const pkcs11::KeyInfo& key) {
  std::string out;
  auto add = [&out](bool on, std::string_view yes, std::string_view no) {
    if (!out.empty()) {
      out += ' ';
    }
    out += on ? yes : no;
  };
  add(key.sensitive, "sensitive", "not-sensitive");
  if (key.always_sensitive) {
    out += " always-sensitive";
  }
  add(key.extractable, "EXTRACTABLE", "not-extractable");
  if (key.never_extractable) {
    out += " never-extractable";
  }
  add(key.copyable, "COPYABLE", "not-copyable");
  add(key.is_private, "private", "PUBLIC-OBJECT");
  return out;
}

std::optional<uint8_t> HexDigit(char c) {
  if (c >= '0' && c <= '9') {
    return static_cast<uint8_t>(c - '0');
  }
  if (c >= 'a' && c <= 'f') {
    return static_cast<uint8_t>(c - 'a' + 10);
  }
  if (c >= 'A' && c <= 'F') {
    return static_cast<uint8_t>(c - 'A' + 10);
  }
  return std::nullopt;
}

}  // namespace

nlohmann::ordered_json KeyInfoJson(const pkcs11::KeyInfo& key) {
  nlohmann::ordered_json out = {{"label", key.label},
                                {"id", ToHex(key.id)},
                                {"type", pkcs11::KeyKindName(key.kind)},
                                {"uri", key.uri},
                                {"sensitive", key.sensitive},
                                {"always_sensitive", key.always_sensitive},
                                {"extractable", key.extractable},
                                {"never_extractable", key.never_extractable},
                                {"copyable", key.copyable},
                                {"private", key.is_private}};
  out["kid"] = key.kid.has_value() ? nlohmann::ordered_json(*key.kid) : nullptr;
  return out;
}

std::string KeyInfoText(const pkcs11::KeyInfo& key) {
  std::string out;
  out += "label: " + key.label + "\n";
  out += "id:    " + ToHex(key.id) + "\n";
  out += "type:  " + std::string(pkcs11::KeyKindName(key.kind)) + "\n";
  out += "uri:   " + key.uri + "\n";
  out += "flags: " + Flags(key) + "\n";
  if (key.kid.has_value()) {
    out += "kid:   " + *key.kid + "\n";
  }
  return out;
}

Result<Bytes> ParseHexId(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0 || hex.size() > 2 * kMaxIdBytes) {
    return Error(ErrorCode::kInvalidArgument,
                 "--id takes an even number of hex digits, at most 64 bytes");
  }
  Bytes out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    std::optional<uint8_t> high = HexDigit(hex[i]);
    std::optional<uint8_t> low = HexDigit(hex[i + 1]);
    if (!high.has_value() || !low.has_value()) {
      return Error(ErrorCode::kInvalidArgument, "--id takes hex digits only (0-9, a-f)");
    }
    out.push_back(static_cast<uint8_t>((*high << 4) | *low));
  }
  return out;
}

}  // namespace vci::cli
