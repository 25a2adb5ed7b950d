// The --expires-in value of `offer create`: how long the offer can be redeemed.
#ifndef VCISSUER_CLI_EXPIRES_IN_H_
#define VCISSUER_CLI_EXPIRES_IN_H_

#include <chrono>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::cli {

// kMaxExpiresIn is the longest offer lifetime the daemon's configuration allows (7 days).
inline constexpr std::chrono::seconds kMaxExpiresIn{604800};

// ParseExpiresIn returns the lifetime `text` denotes: a number of seconds ("900"), or digits with
// one of the suffixes s, m, h, d ("15m", "2h"). Fails with kInvalidArgument, saying what is
// accepted, for anything else, for zero and for more than kMaxExpiresIn.
Result<std::chrono::seconds> ParseExpiresIn(std::string_view text);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_EXPIRES_IN_H_
