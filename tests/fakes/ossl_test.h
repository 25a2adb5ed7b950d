// OsslTest: a test fixture holding the project's OpenSSL context, made fresh for each test.
#ifndef VCISSUER_TESTS_FAKES_OSSL_TEST_H_
#define VCISSUER_TESTS_FAKES_OSSL_TEST_H_

#include <gtest/gtest.h>

#include <memory>

#include "crypto/ossl/context.h"

namespace vci::testing {

class OsslTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ctx = ossl::Context::Create();
    ASSERT_TRUE(ctx.has_value());
    ctx_ = std::move(*ctx);
  }

  std::unique_ptr<ossl::Context> ctx_;
};

}  // namespace vci::testing

#endif  // VCISSUER_TESTS_FAKES_OSSL_TEST_H_
