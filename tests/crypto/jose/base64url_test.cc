#include "crypto/jose/base64url.h"

#include <gtest/gtest.h>

#include <string>

namespace vci::jose {
namespace {

struct Vector {
  std::string bytes;
  std::string text;
};

// PrintTo names a case in test output (instead of its bytes).
void PrintTo(const Vector& v, std::ostream* os) {
  *os << "\"" << v.text << "\"";
}

class Base64UrlVectorTest : public ::testing::TestWithParam<Vector> {};

// Encoding gives the RFC 4648 section 10 text without padding, and decoding gives the bytes back.
TEST_P(Base64UrlVectorTest, RoundTripWorks) {
  const Vector& v = GetParam();
  EXPECT_EQ(Base64UrlEncode(AsBytes(v.bytes)), v.text);
  auto decoded = Base64UrlDecode(v.text, v.bytes.size());
  ASSERT_TRUE(decoded.has_value()) << decoded.error().detail();
  EXPECT_EQ(AsString(*decoded), v.bytes);
}

INSTANTIATE_TEST_SUITE_P(
    Rfc4648, Base64UrlVectorTest,
    ::testing::Values(Vector{"", ""}, Vector{"f", "Zg"}, Vector{"fo", "Zm8"}, Vector{"foo", "Zm9v"},
                      Vector{"foob", "Zm9vYg"}, Vector{"fooba", "Zm9vYmE"},
                      Vector{"foobar", "Zm9vYmFy"},
                      // The two characters where base64url differs from base64 ('+' and '/').
                      Vector{"\xfb\xff", "-_8"}, Vector{std::string("\0\0\0", 3), "AAAA"}));

class Base64UrlRejectTest : public ::testing::TestWithParam<std::string> {};

// Padding, characters outside the URL alphabet, impossible lengths and non-zero unused bits are
// all refused with kInvalidArgument.
TEST_P(Base64UrlRejectTest, MalformedFails) {
  auto decoded = Base64UrlDecode(GetParam(), 1024);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code(), ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Strict, Base64UrlRejectTest,
                         ::testing::Values("Zg==", "Zm8=", "Zg=", "Z", "Zm9vY",  // padding, length
                                           "Zh", "Zm9", "Zm9vYmF",  // non-zero trailing bits
                                           "+_8", "-/8", "Zm 9v", "Zm9v\n", "Zm9v.",
                                           std::string("Zm\0v", 4), "\xc3\xa9Zm"));

// A decoded length above the bound is refused before decoding; exactly the bound works.
TEST(Base64UrlTest, OversizeFails) {
  EXPECT_FALSE(Base64UrlDecode("Zm9vYmFy", 5).has_value());
  EXPECT_FALSE(Base64UrlDecode("Zm9vYg", 3).has_value());
  EXPECT_TRUE(Base64UrlDecode("Zm9vYmFy", 6).has_value());
  EXPECT_TRUE(Base64UrlDecode("", 0).has_value());
}

// Every byte value survives a round trip at every length modulo 3.
TEST(Base64UrlTest, AllBytesRoundTripWorks) {
  Bytes all(256);
  for (size_t i = 0; i < all.size(); ++i) {
    all[i] = static_cast<uint8_t>(i);
  }
  for (size_t len = 253; len <= 256; ++len) {
    ByteView view(all.data(), len);
    auto decoded = Base64UrlDecode(Base64UrlEncode(view), len);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, Bytes(view.begin(), view.end()));
  }
}

}  // namespace
}  // namespace vci::jose
