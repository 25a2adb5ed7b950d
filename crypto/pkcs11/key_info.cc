#include "crypto/pkcs11/key_info.h"

#include <array>
#include <string>
#include <utility>

namespace vci::pkcs11 {

namespace {

constexpr std::array<std::pair<KeyKind, std::string_view>, 5> kKindNames = {{
    {KeyKind::kEcP256, "ec-p256"},
    {KeyKind::kEcP384, "ec-p384"},
    {KeyKind::kEd25519, "ed25519"},
    {KeyKind::kHmacSha256, "hmac-sha256"},
    {KeyKind::kAes256, "aes-256"},
}};

}  // namespace

std::string_view KeyKindName(KeyKind kind) {
  for (const auto& [value, name] : kKindNames) {
    if (value == kind) {
      return name;
    }
  }
  return "unknown";
}

Result<KeyKind> ParseKeyKind(std::string_view name) {
  for (const auto& [value, known] : kKindNames) {
    if (known == name) {
      return value;
    }
  }
  return Error(ErrorCode::kInvalidArgument,
               "unknown key kind; use ec-p256, ec-p384, ed25519, hmac-sha256 or aes-256",
               "key kind: " + std::string(name));
}

}  // namespace vci::pkcs11
