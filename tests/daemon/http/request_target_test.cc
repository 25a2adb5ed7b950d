#include "daemon/http/request_target.h"

#include <gtest/gtest.h>

namespace vci::http {
namespace {

// An offer id (22 characters) never reaches the log whole; short segments stay as they are.
TEST(RequestTargetTest, PathForLogCutsLongSegmentsWorks) {
  EXPECT_EQ(PathForLog("/credential-offer/L2SF8On0pn1X1ZHpMVOBNw"), "/credential-offer/L2SF...");
  EXPECT_EQ(PathForLog("/tenant/credential-offer/L2SF8On0pn1X1ZHpMVOBNw/"),
            "/tenant/credential-offer/L2SF.../");
  EXPECT_EQ(PathForLog("/token"), "/token");
  EXPECT_EQ(PathForLog("/.well-known/openid-credential-issuer/tenant"),
            "/.well-known/openid-credential-issuer/tenant");
  EXPECT_EQ(PathForLog("/0123456789abcdef"), "/0123456789abcdef");  // 16: kept
  EXPECT_EQ(PathForLog("/0123456789abcdefg"), "/0123...");          // 17: cut
  EXPECT_EQ(PathForLog(""), "");
  EXPECT_EQ(PathForLog("*"), "*");
}

// %00 in any position is found; other escapes are not.
TEST(RequestTargetTest, HasEncodedNulWorks) {
  EXPECT_TRUE(HasEncodedNul("/nonce%00junk"));
  EXPECT_TRUE(HasEncodedNul("/credential-offer/abc%00"));
  EXPECT_FALSE(HasEncodedNul("/nonce%2f"));
  EXPECT_FALSE(HasEncodedNul("/nonce%0"));
  EXPECT_FALSE(HasEncodedNul("/nonce"));
  EXPECT_FALSE(HasEncodedNul("/a%100"));
}

}  // namespace
}  // namespace vci::http
