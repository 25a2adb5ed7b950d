#include "daemon/server/pin_guard.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace vci::server {
namespace {

class PinGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "pin-guard-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }

  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
};

// A fresh state directory has no guard; Set writes it 0600 with the reason; Clear removes it.
TEST_F(PinGuardTest, SetReadClearWorks) {
  PinGuard guard(dir_);
  EXPECT_EQ(guard.path(), dir_ + "/pin-refused");
  EXPECT_FALSE(guard.Read().has_value());
  ASSERT_TRUE(guard.Set("the token refused the PIN (CKR_PIN_INCORRECT)").has_value());
  ASSERT_TRUE(guard.Read().has_value());
  EXPECT_EQ(*guard.Read(), "the token refused the PIN (CKR_PIN_INCORRECT)");

  struct stat st {};

  ASSERT_EQ(::stat(guard.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(guard.path() + ".new"));
  Result<bool> cleared = guard.Clear();
  ASSERT_TRUE(cleared.has_value());
  EXPECT_TRUE(*cleared);
  EXPECT_FALSE(guard.Read().has_value());
  cleared = guard.Clear();
  ASSERT_TRUE(cleared.has_value());
  EXPECT_FALSE(*cleared);
}

// An empty guard file still counts as set: the daemon fails closed.
TEST_F(PinGuardTest, EmptyFileCountsAsSetWorks) {
  PinGuard guard(dir_);
  std::FILE* f = std::fopen(guard.path().c_str(), "w");
  ASSERT_NE(f, nullptr);
  (void)std::fclose(f);
  ASSERT_TRUE(guard.Read().has_value());
  EXPECT_EQ(*guard.Read(), "the token refused the PIN");
}

// A guard that is there but cannot be read (here: a directory in its place) counts as set.
TEST_F(PinGuardTest, UnreadableGuardCountsAsSetWorks) {
  PinGuard guard(dir_);
  std::filesystem::create_directory(guard.path());
  std::optional<std::string> reason = guard.Read();
  ASSERT_TRUE(reason.has_value());
}

// Set fails (and says so) when the state directory does not exist.
TEST_F(PinGuardTest, SetInMissingDirectoryFails) {
  PinGuard guard(dir_ + "/missing");
  Result<void> set = guard.Set("x");
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace vci::server
