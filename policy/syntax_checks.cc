#include "policy/syntax_checks.h"

namespace vci::policy {
namespace {

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool HasNoSpaceOrControl(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsValidIdentifier(std::string_view text) {
  if (text.empty() || text.size() > 64) {
    return false;
  }
  for (char c : text) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '_' && c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsValidLocale(std::string_view text) {
  size_t subtag = 0;
  size_t length = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-') {
      bool first_ok = subtag > 0 || length >= 2;
      if (length == 0 || length > 8 || !first_ok) {
        return false;
      }
      ++subtag;
      length = 0;
      continue;
    }
    bool ok = subtag == 0 ? IsAlpha(text[i]) : (IsAlpha(text[i]) || IsDigit(text[i]));
    if (!ok) {
      return false;
    }
    ++length;
  }
  return true;
}

bool IsValidColor(std::string_view text) {
  if ((text.size() != 4 && text.size() != 7) || text.front() != '#') {
    return false;
  }
  for (char c : text.substr(1)) {
    if (!IsHexDigit(c)) {
      return false;
    }
  }
  return true;
}

bool IsHttpsUrl(std::string_view text) {
  constexpr std::string_view kPrefix = "https://";
  if (!text.starts_with(kPrefix) || !HasNoSpaceOrControl(text)) {
    return false;
  }
  std::string_view rest = text.substr(kPrefix.size());
  return !rest.empty() && rest.front() != '/' && rest.front() != ':';
}

bool IsValidVct(std::string_view text) {
  if (text.size() > 2048 || !HasNoSpaceOrControl(text)) {
    return false;
  }
  if (IsHttpsUrl(text)) {
    return true;
  }
  // RFC 8141: "urn:" NID ":" NSS, the NID being 2-32 letters, digits or hyphens.
  if (text.size() < 4 || (text.substr(0, 4) != "urn:" && text.substr(0, 4) != "URN:")) {
    return false;
  }
  std::string_view rest = text.substr(4);
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 32 || colon + 1 == rest.size()) {
    return false;
  }
  for (char c : rest.substr(0, colon)) {
    if (!IsAlpha(c) && !IsDigit(c) && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsPkcs11Uri(std::string_view text) {
  return text.starts_with("pkcs11:") && HasNoSpaceOrControl(text);
}

bool Pkcs11UriHasPin(std::string_view uri) {
  return uri.find("pin-value") != std::string_view::npos ||
         uri.find("pin-source") != std::string_view::npos;
}

size_t Utf8Length(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    count += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
  }
  return count;
}

bool IsPrintable(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      return false;
    }
  }
  return true;
}

}  // namespace vci::policy
