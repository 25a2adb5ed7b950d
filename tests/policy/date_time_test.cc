#include "policy/date_time.h"

#include <gtest/gtest.h>

namespace vci::policy {
namespace {

// RFC 3339 full-date: real calendar days only, Gregorian leap years.
TEST(DateTimeTest, DatesWork) {
  EXPECT_TRUE(IsValidDate("2000-02-29"));   // Divisible by 400.
  EXPECT_FALSE(IsValidDate("1900-02-29"));  // Divisible by 100 only.
  EXPECT_TRUE(IsValidDate("2024-12-31"));
  EXPECT_FALSE(IsValidDate("2024-04-31"));
  EXPECT_FALSE(IsValidDate("2024-00-10"));
  EXPECT_FALSE(IsValidDate("2024-01-00"));
  EXPECT_FALSE(IsValidDate("2024-1-01"));
  EXPECT_FALSE(IsValidDate("2024-01-01T"));
  EXPECT_FALSE(IsValidDate(""));
}

// RFC 3339 date-time: an offset is mandatory, fractions and leap seconds are allowed.
TEST(DateTimeTest, DateTimesWork) {
  EXPECT_TRUE(IsValidDateTime("1985-04-12T23:20:50.52Z"));  // RFC 3339 section 5.8.
  EXPECT_TRUE(IsValidDateTime("1996-12-19T16:39:57-08:00"));
  EXPECT_TRUE(IsValidDateTime("1990-12-31T23:59:60Z"));
  EXPECT_TRUE(IsValidDateTime("1937-01-01t12:00:27.87+00:20"));
  EXPECT_FALSE(IsValidDateTime("1985-04-12T23:20:50"));
  EXPECT_FALSE(IsValidDateTime("1985-04-12 23:20:50Z"));
  EXPECT_FALSE(IsValidDateTime("1985-04-12T24:00:00Z"));
  EXPECT_FALSE(IsValidDateTime("1985-04-12T23:20:50.Z"));
  EXPECT_FALSE(IsValidDateTime("1985-04-12T23:20:50+0100"));
  EXPECT_FALSE(IsValidDateTime("1985-04-12T23:20:50Z "));
}

}  // namespace
}  // namespace vci::policy
