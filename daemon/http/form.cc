#include "daemon/http/form.h"

#include <cstdint>

namespace vci::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// Decode turns '+' into a space and %XX into its byte; fails on a malformed escape or when the
// result is not UTF-8. The error never quotes the input (it may be a secret).
Result<std::string> Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Error(ErrorCode::kInvalidRequest, "malformed percent-encoding",
                     "bad % escape at offset " + std::to_string(i));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  if (!IsValidUtf8(out)) {
    return Error(ErrorCode::kInvalidRequest, "parameter is not valid UTF-8");
  }
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto lead = static_cast<uint8_t>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t min = 0;
    uint32_t code_point = 0;
    if ((lead & 0xe0) == 0xc0) {
      length = 2, min = 0x80, code_point = lead & 0x1fu;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3, min = 0x800, code_point = lead & 0x0fu;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4, min = 0x10000, code_point = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    for (size_t k = 1; k < length; ++k) {
      auto next = static_cast<uint8_t>(text[i + k]);
      if ((next & 0xc0) != 0x80) {
        return false;
      }
      code_point = (code_point << 6) | (next & 0x3fu);
    }
    if (code_point < min || code_point > 0x10ffff ||
        (code_point >= 0xd800 && code_point <= 0xdfff)) {
      return false;
    }
    i += length;
  }
  return true;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseFormUrlEncoded(std::string_view body,
                                                                             size_t max_params) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) {
      end = body.size();
    }
    std::string_view sequence = body.substr(start, end - start);
    start = end + 1;
    if (sequence.empty()) {
      continue;
    }
    if (params.size() == max_params) {
      return Error(ErrorCode::kInvalidRequest, "too many parameters",
                   "more than " + std::to_string(max_params) + " form parameters");
    }
    size_t equals = sequence.find('=');
    std::string_view name = sequence.substr(0, equals);
    std::string_view value =
        equals == std::string_view::npos ? std::string_view() : sequence.substr(equals + 1);
    VCI_ASSIGN_OR_RETURN(std::string decoded_name, Decode(name));
    VCI_ASSIGN_OR_RETURN(std::string decoded_value, Decode(value));
    params.emplace_back(std::move(decoded_name), std::move(decoded_value));
  }
  return params;
}

bool IsContentType(const HttpRequest& request, std::string_view mime) {
  std::optional<std::string_view> value = request.headers.Get("Content-Type");
  if (!value.has_value()) {
    return false;
  }
  std::string_view type = value->substr(0, value->find(';'));
  // RFC 9110 section 5.6.3: optional whitespace around the media type.
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) {
    type.remove_prefix(1);
  }
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
    type.remove_suffix(1);
  }
  return EqualsIgnoreCase(type, mime);
}

}  // namespace vci::http
