#include "crypto/ossl/context.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace vci::ossl {
namespace {

// Create gives a context with every algorithm the project fetches up front.
TEST(ContextTest, CreateWorks) {
  auto ctx = Context::Create();
  ASSERT_TRUE(ctx.has_value()) << ctx.error().detail();
  EXPECT_NE((*ctx)->lib_ctx(), nullptr);
  EXPECT_NE((*ctx)->sha256(), nullptr);
  EXPECT_NE((*ctx)->sha384(), nullptr);
  EXPECT_NE((*ctx)->sha512(), nullptr);
  EXPECT_NE((*ctx)->hmac(), nullptr);
}

// Two contexts are independent: destroying one leaves the other usable.
TEST(ContextTest, IndependentContextsWork) {
  auto first = Context::Create();
  auto second = Context::Create();
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_NE((*first)->lib_ctx(), (*second)->lib_ctx());
  first->reset();
  EXPECT_NE(::EVP_MD_get_size((*second)->sha256()), 0);
}

}  // namespace
}  // namespace vci::ossl
