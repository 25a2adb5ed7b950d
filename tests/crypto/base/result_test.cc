#include "crypto/base/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace vci {
namespace {

Result<int> ParsePositive(int x) {
  if (x <= 0) {
    return Error(ErrorCode::kInvalidArgument, "not positive", "x=" + std::to_string(x));
  }
  return x;
}

Result<int> Doubled(int x) {
  VCI_ASSIGN_OR_RETURN(int v, ParsePositive(x));
  return v * 2;
}

Result<void> CheckPositive(int x) {
  VCI_TRY(ParsePositive(x));
  return Ok();
}

// A value flows through VCI_ASSIGN_OR_RETURN and and_then.
TEST(ResultTest, ValuePropagationWorks) {
  Result<int> r = Doubled(21);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.and_then([](int v) { return Result<int>(v + 1); }).value(), 43);
  EXPECT_EQ(r.transform([](int v) { return std::to_string(v); }).value(), "42");
  EXPECT_TRUE(CheckPositive(3).has_value());
}

// An error keeps its code, client message and detail through every helper.
TEST(ResultTest, ErrorPropagationWorks) {
  Result<int> r = Doubled(-1);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message(), "not positive");
  EXPECT_EQ(r.error().detail(), "x=-1");
  EXPECT_EQ(r.value_or(7), 7);
  Result<void> v = CheckPositive(0);
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code(), ErrorCode::kInvalidArgument);
}

// Rewrap changes what the client sees and keeps the original code in the detail for the log.
TEST(ResultTest, RewrapKeepsOriginalInDetail) {
  Error e(ErrorCode::kNotFound, "no such key", "label=x");
  Error w = e.Rewrap(ErrorCode::kInvalidGrant, "code is not valid");
  EXPECT_EQ(w.code(), ErrorCode::kInvalidGrant);
  EXPECT_EQ(w.message(), "code is not valid");
  EXPECT_EQ(w.detail(), "not_found: label=x");
  EXPECT_EQ(e.WithContext("FindKey").detail(), "FindKey: label=x");
}

// Move-only values are supported.
TEST(ResultTest, MoveOnlyValueWorks) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r.has_value());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

// Each protocol code names the spec's error string.
TEST(ResultTest, ProtocolCodeNamesAreSpecStrings) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidGrant), "invalid_grant");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidProof), "invalid_proof");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidNonce), "invalid_nonce");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnknownCredentialConfiguration),
            "unknown_credential_configuration");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kCredentialRequestDenied), "credential_request_denied");
}

}  // namespace
}  // namespace vci
