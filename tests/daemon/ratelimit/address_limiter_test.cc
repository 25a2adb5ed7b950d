#include "daemon/ratelimit/address_limiter.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace vci::ratelimit {
namespace {

constexpr int64_t kMinute = 1'800'000'000;  // A whole minute: 1800000000 = 30000000 * 60.

// Exactly `limit` requests pass in a window; the next is refused until the minute is over, and
// Retry-After says how long that is.
TEST(AddressLimiterTest, LimitPerWindowThenRetryAfter) {
  auto limiter = AddressLimiter::CreateLocal();
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(limiter->Check(Group::kToken, "192.0.2.7", kMinute + 10, 5).allowed) << i;
  }
  Decision refused = limiter->Check(Group::kToken, "192.0.2.7", kMinute + 10, 5);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_seconds, 50);
  EXPECT_FALSE(limiter->Check(Group::kToken, "192.0.2.7", kMinute + 59, 5).allowed);
  EXPECT_TRUE(limiter->Check(Group::kToken, "192.0.2.7", kMinute + 60, 5).allowed);
}

// Groups and addresses count apart; 0 means unlimited.
TEST(AddressLimiterTest, GroupsAndAddressesAreSeparate) {
  auto limiter = AddressLimiter::CreateLocal();
  EXPECT_TRUE(limiter->Check(Group::kToken, "192.0.2.7", kMinute, 1).allowed);
  EXPECT_FALSE(limiter->Check(Group::kToken, "192.0.2.7", kMinute, 1).allowed);
  EXPECT_TRUE(limiter->Check(Group::kNonce, "192.0.2.7", kMinute, 1).allowed);
  EXPECT_TRUE(limiter->Check(Group::kToken, "192.0.2.8", kMinute, 1).allowed);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(limiter->Check(Group::kCredential, "192.0.2.7", kMinute, 0).allowed);
  }
}

// An IPv6 subscriber's /64 is one address: rotating the interface identifier does not help.
TEST(AddressLimiterTest, Ipv6CountsPerSlash64) {
  EXPECT_EQ(AddressKey(Group::kNonce, "2001:db8:1:2::1"),
            AddressKey(Group::kNonce, "2001:db8:1:2:ffff:1:2:3"));
  EXPECT_NE(AddressKey(Group::kNonce, "2001:db8:1:2::1"),
            AddressKey(Group::kNonce, "2001:db8:1:3::1"));
  EXPECT_NE(AddressKey(Group::kNonce, "192.0.2.1"), AddressKey(Group::kToken, "192.0.2.1"));
  auto limiter = AddressLimiter::CreateLocal();
  EXPECT_TRUE(limiter->Check(Group::kNonce, "2001:db8:1:2::1", kMinute, 1).allowed);
  EXPECT_FALSE(limiter->Check(Group::kNonce, "2001:db8:1:2::99", kMinute, 1).allowed);
}

// A flood from more addresses than the table holds is still bounded: past the table, requests
// share one overflow allowance of 16 times the limit.
TEST(AddressLimiterTest, FloodFromManyAddressesIsBounded) {
  auto limiter = AddressLimiter::CreateLocal();
  size_t allowed = 0;
  const size_t addresses = AddressLimiter::kSlots * 4;
  for (size_t i = 0; i < addresses; ++i) {
    std::string address = "10." + std::to_string(i >> 16 & 255) + "." +
                          std::to_string(i >> 8 & 255) + "." + std::to_string(i & 255);
    for (int j = 0; j < 3; ++j) {
      allowed += limiter->Check(Group::kNonce, address, kMinute, 2).allowed ? 1 : 0;
    }
  }
  // At most two per tracked slot, plus the overflow's 32.
  EXPECT_LE(allowed, AddressLimiter::kSlots * 2 + 32);
  EXPECT_GE(allowed, AddressLimiter::kSlots);  // Most slots did get used.
  // A minute later the stale slots are taken over: new addresses get through again.
  EXPECT_TRUE(limiter->Check(Group::kNonce, "10.255.255.255", kMinute + 60, 2).allowed);
}

// Two processes share one table: the child's requests count against the parent's limit.
TEST(AddressLimiterTest, SharedTableCountsAcrossProcesses) {
  Result<std::unique_ptr<AddressLimiter>> shared = AddressLimiter::CreateShared();
  ASSERT_TRUE(shared.has_value()) << shared.error().message();
  int fd = ::dup((*shared)->fd());
  ASSERT_GE(fd, 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    Result<std::unique_ptr<AddressLimiter>> attached = AddressLimiter::Attach(fd);
    int used = 0;
    if (attached.has_value()) {
      for (int i = 0; i < 3; ++i) {
        used += (*attached)->Check(Group::kToken, "198.51.100.1", kMinute, 5).allowed ? 1 : 0;
      }
    }
    ::_exit(used == 3 ? 0 : 1);
  }
  ::close(fd);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_TRUE((*shared)->Check(Group::kToken, "198.51.100.1", kMinute, 5).allowed);
  EXPECT_TRUE((*shared)->Check(Group::kToken, "198.51.100.1", kMinute, 5).allowed);
  EXPECT_FALSE((*shared)->Check(Group::kToken, "198.51.100.1", kMinute, 5).allowed);
}

TEST(AddressLimiterTest, AttachRefusesAnotherLayout) {
  int fd = ::memfd_create("not-a-table", MFD_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, 1 << 20), 0);
  Result<std::unique_ptr<AddressLimiter>> attached = AddressLimiter::Attach(fd);
  ASSERT_FALSE(attached.has_value());
  EXPECT_EQ(attached.error().code(), ErrorCode::kInvalidArgument);
  // A memfd smaller than the table is refused before it is read.
  int small = ::memfd_create("small", MFD_CLOEXEC);
  ASSERT_GE(small, 0);
  ASSERT_EQ(::ftruncate(small, 64), 0);
  Result<std::unique_ptr<AddressLimiter>> truncated = AddressLimiter::Attach(small);
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace vci::ratelimit
