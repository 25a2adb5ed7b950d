#include "cli/small_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/key_output.h"
#include "cli/report.h"

namespace vci::cli {
namespace {

class SmallFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() /
        ("vci-cli-small-file-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }

  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  std::filesystem::path dir_;
};

// One trailing newline (LF or CRLF) is stripped from the bearer token.
TEST_F(SmallFileTest, TokenFileStripsTrailingNewline) {
  Result<SecretBytes> token = ReadBearerTokenFile(Write("t1", "s3cret-token\n"));
  ASSERT_TRUE(token.has_value()) << token.error().message();
  EXPECT_EQ(token->RevealAsString(), "s3cret-token");
  token = ReadBearerTokenFile(Write("t2", "s3cret-token\r\n"));
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->RevealAsString(), "s3cret-token");
}

// Empty tokens, tokens with spaces or inner lines, and missing files are refused, and the
// message never holds the token.
TEST_F(SmallFileTest, BadTokenFilesFail) {
  EXPECT_FALSE(ReadBearerTokenFile(Write("e", "\n")).has_value());
  Result<SecretBytes> spaced = ReadBearerTokenFile(Write("s", "abc def\n"));
  ASSERT_FALSE(spaced.has_value());
  EXPECT_EQ(spaced.error().message().find("abc"), std::string::npos);
  EXPECT_FALSE(ReadBearerTokenFile(Write("l", "abc\ndef\n")).has_value());
  Result<SecretBytes> missing = ReadBearerTokenFile((dir_ / "absent").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

// A file over the bound is refused rather than read in part.
TEST_F(SmallFileTest, OversizedFileFails) {
  Result<std::string> text = ReadSmallFile(Write("big", std::string(11, 'x')), 10);
  ASSERT_FALSE(text.has_value());
  EXPECT_EQ(text.error().code(), ErrorCode::kInvalidArgument);
  text = ReadSmallFile(Write("fits", std::string(10, 'x')), 10);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->size(), 10U);
}

// --id takes an even number of hex digits.
TEST(KeyOutputTest, ParseHexIdWorks) {
  Result<Bytes> id = ParseHexId("00aBff");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, (Bytes{0x00, 0xab, 0xff}));
  EXPECT_FALSE(ParseHexId("").has_value());
  EXPECT_FALSE(ParseHexId("abc").has_value());
  EXPECT_FALSE(ParseHexId("zz").has_value());
  EXPECT_FALSE(ParseHexId(std::string(130, 'a')).has_value());
}

// The JSON form carries every attribute flag and a null kid for secret keys.
TEST(KeyOutputTest, KeyInfoJsonHasFlags) {
  pkcs11::KeyInfo key;
  key.kind = pkcs11::KeyKind::kHmacSha256;
  key.label = "code-hmac";
  key.id = {0x01, 0x02};
  key.sensitive = true;
  key.extractable = false;
  key.copyable = false;
  nlohmann::ordered_json json = KeyInfoJson(key);
  EXPECT_EQ(json["id"], "0102");
  EXPECT_EQ(json["type"], "hmac-sha256");
  EXPECT_EQ(json["sensitive"], true);
  EXPECT_EQ(json["extractable"], false);
  EXPECT_EQ(json["copyable"], false);
  EXPECT_TRUE(json["kid"].is_null());
  EXPECT_NE(KeyInfoText(key).find("flags: sensitive not-extractable not-copyable"),
            std::string::npos);
}

// Control characters from the network cannot reach the terminal.
TEST(ReportTest, TerminalSafeReplacesControls) {
  EXPECT_EQ(TerminalSafe("a\x1b[2Jb\nc\x7f"), "a?[2Jb?c?");
  EXPECT_EQ(TerminalSafe("a\nb", /*keep_newlines=*/true), "a\nb");
}

}  // namespace
}  // namespace vci::cli
