#include "daemon/server/backoff.h"

#include <gtest/gtest.h>

namespace vci::server {
namespace {

using std::chrono::milliseconds;

// The delay doubles from the initial value and stops at the maximum.
TEST(BackoffTest, DoublesUpToMaxWorks) {
  Backoff backoff(milliseconds(500), milliseconds(3000), milliseconds(60000));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(500));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(1000));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(2000));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(3000));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(3000));
}

// A worker healthy for the stable period starts the sequence again; a shorter run does not.
TEST(BackoffTest, ResetsOnlyAfterStablePeriodWorks) {
  Backoff backoff(milliseconds(500), milliseconds(30000), milliseconds(60000));
  (void)backoff.NextDelay();
  (void)backoff.NextDelay();
  auto start = Backoff::Clock::time_point{} + std::chrono::hours(1);
  backoff.Healthy(start, start + milliseconds(59999));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(2000));
  backoff.Healthy(start, start + milliseconds(60000));
  EXPECT_EQ(backoff.NextDelay(), milliseconds(500));
}

}  // namespace
}  // namespace vci::server
