// Tests StderrIsJournal: $JOURNAL_STREAM ("<device>:<inode>", systemd.exec(5)) must name the
// device and inode of this process's stderr, in decimal, and nothing else.
#include "daemon/systemd/log_sink.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace vci::systemd {
namespace {

class JournalStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* old = std::getenv("JOURNAL_STREAM")) {
      saved_ = old;
    }

    struct stat st {};

    ASSERT_EQ(::fstat(STDERR_FILENO, &st), 0);
    device_ = std::to_string(static_cast<unsigned long long>(st.st_dev));
    inode_ = std::to_string(static_cast<unsigned long long>(st.st_ino));
  }

  void TearDown() override {
    if (saved_.has_value()) {
      ::setenv("JOURNAL_STREAM", saved_->c_str(), 1);
    } else {
      ::unsetenv("JOURNAL_STREAM");
    }
  }

  static bool IsJournalWith(const std::string& value) {
    ::setenv("JOURNAL_STREAM", value.c_str(), 1);
    return StderrIsJournal();
  }

  std::string device_;
  std::string inode_;
  std::optional<std::string> saved_;
};

TEST_F(JournalStreamTest, UnsetIsNotTheJournal) {
  ::unsetenv("JOURNAL_STREAM");
  EXPECT_FALSE(StderrIsJournal());
}

TEST_F(JournalStreamTest, DeviceAndInodeOfStderrIsTheJournal) {
  EXPECT_TRUE(IsJournalWith(device_ + ":" + inode_));
}

TEST_F(JournalStreamTest, AnotherInodeOrDeviceIsNotTheJournal) {
  EXPECT_FALSE(IsJournalWith(device_ + ":" + inode_ + "1"));
  EXPECT_FALSE(IsJournalWith(device_ + "1:" + inode_));
  EXPECT_FALSE(IsJournalWith(inode_ + ":" + device_));
}

TEST_F(JournalStreamTest, MalformedValuesAreNotTheJournal) {
  for (const std::string& value :
       {std::string(), std::string(":"), device_, device_ + ":", ":" + inode_,
        device_ + ":" + inode_ + "x", " " + device_ + ":" + inode_, device_ + ": " + inode_,
        "-" + device_ + ":" + inode_, device_ + ":" + inode_ + ":0", "0x1:" + inode_,
        "99999999999999999999999:" + inode_}) {
    EXPECT_FALSE(IsJournalWith(value)) << "JOURNAL_STREAM=" << value;
  }
}

}  // namespace
}  // namespace vci::systemd
