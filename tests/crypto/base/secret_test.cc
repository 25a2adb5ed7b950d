#include "crypto/base/secret.h"

#include <gtest/gtest.h>

namespace vci {
namespace {

// Equal secrets compare equal, and any difference in content or length does not.
TEST(SecretTest, ConstantTimeEqualsWorks) {
  EXPECT_TRUE(ConstantTimeEquals(AsBytes("123456"), AsBytes("123456")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes("123456"), AsBytes("123457")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes("123456"), AsBytes("12345")));
  EXPECT_TRUE(ConstantTimeEquals(AsBytes(""), AsBytes("")));
  EXPECT_TRUE(SecretBytes::FromString("pin").Equals(SecretBytes::FromString("pin")));
  EXPECT_FALSE(SecretBytes::FromString("pin").Equals(SecretBytes::FromString("pim")));
}

// The secret's bytes are readable only through Reveal, and read back unchanged.
TEST(SecretTest, RevealReturnsContent) {
  SecretBytes s = SecretBytes::FromString("hunter2");
  EXPECT_EQ(s.size(), 7u);
  EXPECT_EQ(s.RevealAsString(), "hunter2");
}

// WipeMemory zeroes the buffer.
TEST(SecretTest, WipeMemoryZeroes) {
  char buf[8] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'};
  WipeMemory(buf, sizeof(buf));
  for (char c : buf) {
    EXPECT_EQ(c, 0);
  }
}

// ToHex is lower-case and two digits per byte.
TEST(SecretTest, ToHexWorks) {
  const uint8_t bytes[] = {0x00, 0x0f, 0xa5, 0xff};
  EXPECT_EQ(ToHex(bytes), "000fa5ff");
}

}  // namespace
}  // namespace vci
