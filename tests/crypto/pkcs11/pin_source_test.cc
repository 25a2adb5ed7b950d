#include "crypto/pkcs11/pin_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace vci::pkcs11 {
namespace {

using ::testing::HasSubstr;

class PinSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "vci-pin-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }

  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    ::unsetenv("CREDENTIALS_DIRECTORY");
  }

  // WriteFile writes `content` to `name` in the test directory with `mode`, and returns its path.
  std::string WriteFile(const std::string& name, const std::string& content, mode_t mode) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    ::chmod(path.c_str(), mode);
    return path;
  }

  std::string dir_;
};

// One trailing "\n" or "\r\n" is stripped; the rest of the PIN is kept as it is.
TEST_F(PinSourceTest, TrailingNewlineIsStripped) {
  const struct {
    const char* content;
    const char* pin;
  } kCases[] = {{"1234\n", "1234"}, {"1234\r\n", "1234"}, {"1234", "1234"}, {" a b \n", " a b "}};

  for (const auto& c : kCases) {
    Result<SecretBytes> pin = ReadPinFile(WriteFile("pin", c.content, 0600));
    ASSERT_TRUE(pin.has_value()) << c.content << pin.error().message();
    EXPECT_EQ(pin->RevealAsString(), c.pin);
  }
  EXPECT_EQ(ReadPinFile(WriteFile("pin", std::string(256, 'p'), 0400))->size(), 256u);
}

// A file that group or others can read is refused, with the fix in the message.
TEST_F(PinSourceTest, OpenModeFails) {
  for (mode_t mode : {0644, 0640, 0604, 0660}) {
    Result<SecretBytes> pin = ReadPinFile(WriteFile("pin", "1234\n", mode));
    ASSERT_FALSE(pin.has_value()) << mode;
    EXPECT_EQ(pin.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(pin.error().message(), HasSubstr("chmod 600"));
  }
}

// Empty, too long, and multi-line files, and NULs, are refused; a missing file is kNotFound.
TEST_F(PinSourceTest, BadContentFails) {
  for (const std::string& content :
       {std::string(""), std::string("\n"), std::string("\r\n"), std::string(257, 'p'),
        std::string("12\n34"), std::string("1234\n\n"),
        std::string("12\0"
                    "34",
                    5),
        std::string("12\r34")}) {
    Result<SecretBytes> pin = ReadPinFile(WriteFile("pin", content, 0600));
    ASSERT_FALSE(pin.has_value()) << content.size();
    EXPECT_EQ(pin.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(ReadPinFile(dir_ + "/missing").error().code(), ErrorCode::kNotFound);
}

// A systemd credential is read from $CREDENTIALS_DIRECTORY, without the mode check.
TEST_F(PinSourceTest, CredentialWorks) {
  EXPECT_EQ(ReadPinCredential("token-pin").error().code(), ErrorCode::kFailedPrecondition);
  WriteFile("token-pin", "9876\n", 0644);
  ASSERT_EQ(::setenv("CREDENTIALS_DIRECTORY", dir_.c_str(), 1), 0);
  Result<SecretBytes> pin = ReadPinCredential("token-pin");
  ASSERT_TRUE(pin.has_value()) << pin.error().message();
  EXPECT_EQ(pin->RevealAsString(), "9876");
  EXPECT_EQ(ReadPinCredential("../token-pin").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ReadPinCredential("missing").error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace vci::pkcs11
