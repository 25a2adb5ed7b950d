#include "crypto/ossl/errors.h"

#include <gtest/gtest.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <string>

namespace vci::ossl {
namespace {

// An empty queue reads as a fixed phrase, never as an empty string.
TEST(ErrorsTest, EmptyQueueWorks) {
  ::ERR_clear_error();
  EXPECT_EQ(DrainErrors(), "no OpenSSL error");
}

// A real failure's reason appears in the text, and draining leaves the queue empty.
TEST(ErrorsTest, DrainAfterFailureWorks) {
  ::ERR_clear_error();
  EXPECT_EQ(::EVP_MD_fetch(nullptr, "NO-SUCH-DIGEST", nullptr), nullptr);
  std::string text = DrainErrors();
  EXPECT_NE(text, "no OpenSSL error");
  EXPECT_NE(text.find("error:"), std::string::npos);
  EXPECT_EQ(::ERR_peek_error(), 0u);
}

// A runaway queue gives a bounded line that says how many entries were left out.
TEST(ErrorsTest, LongQueueIsBoundedWorks) {
  ::ERR_clear_error();
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(::EVP_MD_fetch(nullptr, "NO-SUCH-DIGEST", nullptr), nullptr);
  }
  std::string text = DrainErrors();
  EXPECT_NE(text.find("more)"), std::string::npos);
  EXPECT_EQ(::ERR_peek_error(), 0u);
}

}  // namespace
}  // namespace vci::ossl
