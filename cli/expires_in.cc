#include "cli/expires_in.h"

#include <optional>
#include <string>

#include "policy/duration.h"

namespace vci::cli {

Result<std::chrono::seconds> ParseExpiresIn(std::string_view text) {
  std::optional<std::chrono::seconds> duration = policy::ParseDuration(text);
  if (!duration.has_value() || duration->count() <= 0 || *duration > kMaxExpiresIn) {
    return Error(ErrorCode::kInvalidArgument,
                 "--expires-in takes seconds (900) or a number with s, m, h or d (15m, 2h), "
                 "from 1 second to 7 days",
                 "expires-in: " + std::string(text.substr(0, 32)));
  }
  return *duration;
}

}  // namespace vci::cli
