#include "cli/expires_in.h"

#include <gtest/gtest.h>

#include <string>

namespace vci::cli {
namespace {

struct ExpiresCase {
  std::string text;
  long long seconds;  // 0 when the text must be refused.
};

// PrintTo names a case in test output (instead of its bytes).
void PrintTo(const ExpiresCase& c, std::ostream* os) {
  *os << "\"" << c.text << "\"";
}

class ExpiresInTest : public ::testing::TestWithParam<ExpiresCase> {};

// --expires-in takes seconds or a suffixed number, from 1 second to 7 days.
TEST_P(ExpiresInTest, ParsesOrRefuses) {
  const ExpiresCase& c = GetParam();
  Result<std::chrono::seconds> parsed = ParseExpiresIn(c.text);
  if (c.seconds == 0) {
    ASSERT_FALSE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  } else {
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed->count(), c.seconds);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ExpiresInTest,
                         ::testing::Values(ExpiresCase{"900", 900}, ExpiresCase{"15m", 900},
                                           ExpiresCase{"2h", 7200}, ExpiresCase{"30s", 30},
                                           ExpiresCase{"7d", 604800}, ExpiresCase{"", 0},
                                           ExpiresCase{"0", 0}, ExpiresCase{"-5", 0},
                                           ExpiresCase{"15x", 0}, ExpiresCase{"1.5h", 0},
                                           ExpiresCase{"15 m", 0}, ExpiresCase{"m", 0},
                                           ExpiresCase{"8d", 0}, ExpiresCase{"604801", 0}));

}  // namespace
}  // namespace vci::cli
