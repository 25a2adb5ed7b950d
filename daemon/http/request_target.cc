#include "daemon/http/request_target.h"

namespace vci::http {
namespace {

// IsWordSegment returns whether `segment` (with its leading '/') is only lower-case letters and
// '-', as endpoint names are ("openid-credential-issuer"). A random base64url id of 16 bytes is
// that by chance with a probability near 5e-9.
bool IsWordSegment(std::string_view segment) {
  for (char c : segment.substr(1)) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool HasEncodedNul(std::string_view path) {
  for (size_t at = path.find('%'); at != std::string_view::npos; at = path.find('%', at + 1)) {
    if (path.substr(at + 1, 2) == "00") {
      return true;
    }
  }
  return false;
}

std::string PathForLog(std::string_view path) {
  constexpr size_t kMaxLoggedSegment = 16;
  constexpr size_t kKeptPrefix = 4;
  std::string out;
  out.reserve(path.size());
  while (!path.empty()) {
    // A segment is a '/' and what follows it up to the next '/'.
    size_t slash = path.find('/', 1);
    std::string_view segment = path.substr(0, slash);
    if (segment.size() > kMaxLoggedSegment + 1 && !IsWordSegment(segment)) {
      out.append(segment.substr(0, 1 + kKeptPrefix));
      out.append("...");
    } else {
      out.append(segment);
    }
    path.remove_prefix(segment.size());
  }
  return out;
}

}  // namespace vci::http
