// Tests of SessionStore: idle and absolute timeouts on a fake clock, rotation, erasure.
#include "console/session_store.h"

#include <gtest/gtest.h>

#include "tests/fakes/fake_clock.h"

namespace vci::console {
namespace {

using std::chrono::seconds;

// A session lives while it is used, and dies once idle for the idle timeout.
TEST(SessionStoreTest, IdleTimeoutWorks) {
  testing::FakeClock clock;
  SessionStore store(clock, seconds(60), seconds(3600));
  std::string id = store.Create(Session{}).value();
  EXPECT_EQ(id.size(), 43u);  // 256 bits in base64url
  clock.Advance(seconds(59));
  EXPECT_TRUE(store.Get(id).has_value());
  clock.Advance(seconds(59));
  EXPECT_TRUE(store.Get(id).has_value());
  clock.Advance(seconds(60));
  EXPECT_FALSE(store.Get(id).has_value());
  clock.Advance(seconds(-120));
  EXPECT_FALSE(store.Get(id).has_value()) << "an expired session is deleted, not hidden";
}

// However busy, a session ends at the absolute timeout.
TEST(SessionStoreTest, AbsoluteTimeoutWorks) {
  testing::FakeClock clock;
  SessionStore store(clock, seconds(60), seconds(150));
  std::string id = store.Create(Session{}).value();
  for (int i = 0; i < 4; ++i) {
    clock.Advance(seconds(30));
    EXPECT_TRUE(store.Get(id).has_value()) << i;
  }
  clock.Advance(seconds(30));
  EXPECT_FALSE(store.Get(id).has_value());
}

// Put replaces a live session only; Erase ends it; ids are unique.
TEST(SessionStoreTest, PutAndEraseWork) {
  testing::FakeClock clock;
  SessionStore store(clock, seconds(60), seconds(3600));
  std::string id = store.Create(Session{}).value();
  EXPECT_NE(store.Create(Session{}).value(), id);
  Session session;
  session.authenticated = true;
  session.subject_hash = "abc";
  store.Put(id, session);
  ASSERT_TRUE(store.Get(id).has_value());
  EXPECT_EQ(store.Get(id)->subject_hash, "abc");
  store.Erase(id);
  EXPECT_FALSE(store.Get(id).has_value());
  store.Put(id, session);
  EXPECT_FALSE(store.Get(id).has_value()) << "Put must not revive an ended session";
}

}  // namespace
}  // namespace vci::console
