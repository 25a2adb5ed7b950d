// Durations as written in policy files: "90s", "15m", "12h", "365d", or a bare number of seconds.
#ifndef VCISSUER_POLICY_DURATION_H_
#define VCISSUER_POLICY_DURATION_H_

#include <chrono>
#include <optional>
#include <string_view>

namespace vci::policy {

// ParseDuration returns the duration `text` denotes: digits followed by one of the suffixes s,
// m, h, d, or digits alone (seconds). It returns nullopt for anything else (empty, signs, spaces,
// fractions, other suffixes) and for values above 100 years, so no product can overflow.
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_DURATION_H_
