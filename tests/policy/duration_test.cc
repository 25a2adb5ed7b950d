#include "policy/duration.h"

#include <gtest/gtest.h>

namespace vci::policy {
namespace {

using std::chrono::seconds;

// Each suffix multiplies as documented; a bare number is seconds.
TEST(DurationTest, SuffixesWork) {
  EXPECT_EQ(ParseDuration("90"), seconds(90));
  EXPECT_EQ(ParseDuration("90s"), seconds(90));
  EXPECT_EQ(ParseDuration("15m"), seconds(900));
  EXPECT_EQ(ParseDuration("12h"), seconds(43200));
  EXPECT_EQ(ParseDuration("365d"), seconds(31536000));
}

// Anything else, and values beyond 100 years, are refused.
TEST(DurationTest, MalformedFails) {
  for (const char* text : {"", "d", "-1d", "1.5h", "1 d", "1y", "1dd", "99999999999999"}) {
    EXPECT_EQ(ParseDuration(text), std::nullopt) << text;
  }
  EXPECT_EQ(ParseDuration("36600d"), seconds(int64_t{36600} * 86400));
  EXPECT_EQ(ParseDuration("36700d"), std::nullopt);
}

}  // namespace
}  // namespace vci::policy
