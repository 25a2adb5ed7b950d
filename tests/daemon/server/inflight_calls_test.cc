#include "crypto/pkcs11/inflight_calls.h"

#include <gtest/gtest.h>

#include <thread>

namespace vci::pkcs11 {
namespace {

// With no call in flight the age is zero; an open call ages; ending it clears the age.
TEST(InFlightCallsTest, OldestAgeTracksOpenCallsWorks) {
  InFlightCalls calls;
  EXPECT_EQ(calls.OldestAge().count(), 0);
  int slot = calls.Begin();
  ASSERT_GE(slot, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  int younger = calls.Begin();
  EXPECT_GE(calls.OldestAge().count(), 30);
  calls.End(slot);
  EXPECT_LT(calls.OldestAge().count(), 30);
  calls.End(younger);
  EXPECT_EQ(calls.OldestAge().count(), 0);
}

// When every slot is taken, Begin returns -1 and End(-1) is harmless.
TEST(InFlightCallsTest, FullTableReturnsMinusOneWorks) {
  InFlightCalls calls;
  for (int i = 0; i < InFlightCalls::kNumSlots; ++i) {
    ASSERT_EQ(calls.Begin(), i);
  }
  EXPECT_EQ(calls.Begin(), -1);
  calls.End(-1);
  calls.End(5);
  EXPECT_EQ(calls.Begin(), 5);
}

}  // namespace
}  // namespace vci::pkcs11
