#include "policy/duration.h"

#include <cstdint>

namespace vci::policy {

std::optional<std::chrono::seconds> ParseDuration(std::string_view text) {
  constexpr int64_t kMaxSeconds = int64_t{100} * 366 * 24 * 3600;
  int64_t unit = 1;
  if (!text.empty()) {
    switch (text.back()) {
      case 's':
        text.remove_suffix(1);
        break;
      case 'm':
        unit = 60;
        text.remove_suffix(1);
        break;
      case 'h':
        unit = 3600;
        text.remove_suffix(1);
        break;
      case 'd':
        unit = 86400;
        text.remove_suffix(1);
        break;
      default:
        break;
    }
  }
  if (text.empty() || text.size() > 12) {
    return std::nullopt;
  }
  int64_t count = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    count = count * 10 + (c - '0');
  }
  if (count > kMaxSeconds / unit) {
    return std::nullopt;
  }
  return std::chrono::seconds(count * unit);
}

}  // namespace vci::policy
