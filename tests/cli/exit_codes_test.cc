#include "cli/exit_codes.h"

#include <gtest/gtest.h>

namespace vci::cli {
namespace {

struct ExitCase {
  ErrorCode code;
  int status;
};

// PrintTo names a case in test output (instead of its bytes).
void PrintTo(const ExitCase& c, std::ostream* os) {
  *os << ErrorCodeName(c.code) << " -> " << c.status;
}

class ExitCodesTest : public ::testing::TestWithParam<ExitCase> {};

// The documented exit statuses are stable: scripts branch on them.
TEST_P(ExitCodesTest, MapsErrorCode) {
  EXPECT_EQ(ExitStatus(ExitCodeFor(Error(GetParam().code, "m"))), GetParam().status);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExitCodesTest,
    ::testing::Values(ExitCase{ErrorCode::kInvalidArgument, 2}, ExitCase{ErrorCode::kNotFound, 5},
                      ExitCase{ErrorCode::kAlreadyExists, 8}, ExitCase{ErrorCode::kPinIncorrect, 4},
                      ExitCase{ErrorCode::kPinLocked, 4}, ExitCase{ErrorCode::kUnavailable, 6},
                      ExitCase{ErrorCode::kPermissionDenied, 7},
                      ExitCase{ErrorCode::kInvalidToken, 7},
                      ExitCase{ErrorCode::kInvalidRequest, 7},
                      ExitCase{ErrorCode::kUnknownCredentialConfiguration, 7},
                      ExitCase{ErrorCode::kFailedPrecondition, 1},
                      ExitCase{ErrorCode::kInternal, 1},
                      ExitCase{ErrorCode::kResourceExhausted, 1}));

// The numbers themselves are the interface.
TEST(ExitCodesValuesTest, NumbersAreStable) {
  EXPECT_EQ(ExitStatus(ExitCode::kOk), 0);
  EXPECT_EQ(ExitStatus(ExitCode::kFailure), 1);
  EXPECT_EQ(ExitStatus(ExitCode::kUsage), 2);
  EXPECT_EQ(ExitStatus(ExitCode::kConfigInvalid), 3);
  EXPECT_EQ(ExitStatus(ExitCode::kPinRefused), 4);
  EXPECT_EQ(ExitStatus(ExitCode::kNotFound), 5);
  EXPECT_EQ(ExitStatus(ExitCode::kUnavailable), 6);
  EXPECT_EQ(ExitStatus(ExitCode::kRefused), 7);
  EXPECT_EQ(ExitStatus(ExitCode::kAlreadyExists), 8);
}

// A failed admin API answer: 4xx is a refusal, 503 unavailability, anything else a failure.
TEST(ExitCodesValuesTest, MapsHttpStatus) {
  EXPECT_EQ(ExitCodeForHttpStatus(400), ExitCode::kRefused);
  EXPECT_EQ(ExitCodeForHttpStatus(401), ExitCode::kRefused);
  EXPECT_EQ(ExitCodeForHttpStatus(403), ExitCode::kRefused);
  EXPECT_EQ(ExitCodeForHttpStatus(503), ExitCode::kUnavailable);
  EXPECT_EQ(ExitCodeForHttpStatus(500), ExitCode::kFailure);
  EXPECT_EQ(ExitCodeForHttpStatus(200), ExitCode::kFailure);
}

}  // namespace
}  // namespace vci::cli
