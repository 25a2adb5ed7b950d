#include "policy/claim_validator.h"

#include <gtest/gtest.h>

#include <string>

#include "policy/policy_loader.h"

namespace vci::policy {
namespace {

using json = nlohmann::json;

constexpr std::string_view kPolicy = R"(
[[credential_configuration]]
id = "test"
format = "dc+sd-jwt"
vct = "urn:example:test:1"
signing_key = "pkcs11:token=t;object=k"
signing_alg = "ES256"
validity = "1d"
display = [ { locale = "en", name = "Test" } ]
  [[credential_configuration.claim]]
  name = "name"
  type = "string"
  required = true
  min_length = 2
  max_length = 5
  [[credential_configuration.claim]]
  name = "free_text"
  type = "string"
  [[credential_configuration.claim]]
  name = "age"
  type = "integer"
  minimum = 0
  maximum = 150
  [[credential_configuration.claim]]
  name = "score"
  type = "number"
  minimum = 0
  maximum = 1
  [[credential_configuration.claim]]
  name = "flag"
  type = "boolean"
  [[credential_configuration.claim]]
  name = "birthdate"
  type = "date"
  [[credential_configuration.claim]]
  name = "issued"
  type = "datetime"
  [[credential_configuration.claim]]
  name = "dept"
  type = "string"
  enum = ["HR", "IT"]
  [[credential_configuration.claim]]
  name = "code"
  type = "string"
  pattern = "E[0-9]{3}"
  [[credential_configuration.claim]]
  name = "address"
  type = "object"
    [[credential_configuration.claim.claim]]
    name = "street"
    type = "string"
    required = true
  [[credential_configuration.claim]]
  name = "tags"
  type = "array"
  max_items = 3
  items = { type = "string", max_length = 4 }
  [[credential_configuration.claim]]
  name = "many"
  type = "array"
  items = { type = "integer" }
  [[credential_configuration.claim]]
  name = "authority"
  type = "string"
  required = true
  value = "Example Corp"
)";

class ClaimValidatorTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<Policy> policy = ParsePolicyText(kPolicy, "validator.toml");
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    policy_ = std::move(policy).value();
    config_ = policy_.FindConfiguration("test");
    ASSERT_NE(config_, nullptr);
  }

  // Check validates {"name": "Ann"} plus `extra`, and returns "" or the error message.
  std::string Check(const json& extra) {
    json claims = {{"name", "Ann"}};
    claims.update(extra);
    Result<void> result = ValidateClaims(*config_, claims);
    if (result.has_value()) {
      return "";
    }
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidRequest);
    return result.error().message();
  }

  Policy policy_;
  const CredentialConfiguration* config_ = nullptr;
};

// String length bounds hold at the bound and fail one past it, counted in code points.
TEST_F(ClaimValidatorTest, StringLengthBoundsWork) {
  EXPECT_EQ(Check({{"name", "Anne5"}}), "");
  EXPECT_EQ(Check({{"name", "Anne56"}}), "claim 'name': longer than 5 characters");
  EXPECT_EQ(Check({{"name", "Al"}}), "");
  EXPECT_EQ(Check({{"name", "A"}}), "claim 'name': shorter than 2 characters");
  EXPECT_EQ(Check({{"name", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"}}), "");  // 5 x U+00E9.
  EXPECT_EQ(Check({{"free_text", std::string(kDefaultMaxStringLength, 'x')}}), "");
  EXPECT_EQ(Check({{"free_text", std::string(kDefaultMaxStringLength + 1, 'x')}}),
            "claim 'free_text': longer than 4096 characters");
}

// 42 is an integer and a number; 42.0 and 4.2 are only numbers; bounds are inclusive.
TEST_F(ClaimValidatorTest, NumericTypesAndBoundsWork) {
  EXPECT_EQ(Check({{"age", 0}}), "");
  EXPECT_EQ(Check({{"age", 150}}), "");
  EXPECT_EQ(Check({{"age", 151}}), "claim 'age': greater than the maximum 150");
  EXPECT_EQ(Check({{"age", -1}}), "claim 'age': less than the minimum 0");
  EXPECT_EQ(Check({{"age", 42.0}}), "claim 'age': expected integer");
  EXPECT_EQ(Check({{"age", "42"}}), "claim 'age': expected integer");
  EXPECT_EQ(Check({{"score", 1}}), "");
  EXPECT_EQ(Check({{"score", 0.5}}), "");
  EXPECT_EQ(Check({{"score", 1.0000001}}), "claim 'score': greater than the maximum 1");
  EXPECT_EQ(Check({{"flag", 1}}), "claim 'flag': expected boolean");
  EXPECT_EQ(Check({{"flag", false}}), "");
}

// Dates must be real calendar days; date-times need an RFC 3339 offset.
TEST_F(ClaimValidatorTest, DateAndDateTimeWork) {
  EXPECT_EQ(Check({{"birthdate", "2024-02-29"}}), "");
  EXPECT_EQ(Check({{"birthdate", "2023-02-29"}}),
            "claim 'birthdate': expected a date written "
            "YYYY-MM-DD");
  EXPECT_NE(Check({{"birthdate", "2024-13-01"}}), "");
  EXPECT_EQ(Check({{"issued", "2024-01-01T10:00:00Z"}}), "");
  EXPECT_EQ(Check({{"issued", "2024-01-01T10:00:00.123+01:00"}}), "");
  EXPECT_EQ(Check({{"issued", "2024-01-01T10:00:00"}}),
            "claim 'issued': expected an RFC 3339 date-time with a time zone offset");
  EXPECT_NE(Check({{"issued", "2024-01-01 10:00:00Z"}}), "");
}

// enum and pattern are enforced, and the message never repeats the refused value.
TEST_F(ClaimValidatorTest, EnumAndPatternWork) {
  EXPECT_EQ(Check({{"dept", "IT"}}), "");
  EXPECT_EQ(Check({{"dept", "SECRET-DEPT"}}),
            "claim 'dept': not one of the values the policy "
            "allows");
  EXPECT_EQ(Check({{"code", "E123"}}), "");
  EXPECT_EQ(Check({{"code", "E1234"}}),
            "claim 'code': does not match the pattern the policy "
            "requires");  // Whole-string match.
}

// Nested objects and arrays are checked recursively, with paths in the message.
TEST_F(ClaimValidatorTest, NestedClaimsWork) {
  EXPECT_EQ(Check({{"address", {{"street", "Main St"}}}}), "");
  EXPECT_EQ(Check({{"address", json::object()}}), "claim 'address.street': required but missing");
  EXPECT_EQ(Check({{"address", {{"street", 5}}}}), "claim 'address.street': expected string");
  EXPECT_EQ(Check({{"address", {{"street", "x"}, {"zip", "1"}}}}),
            "claim 'address.zip': not defined by the policy");
  EXPECT_EQ(Check({{"address", "Main St"}}), "claim 'address': expected object");
  EXPECT_EQ(Check({{"tags", {"a", "bcde", "f"}}}), "");
  EXPECT_EQ(Check({{"tags", {"a", "b", "c", "d"}}}), "claim 'tags': more than 3 elements");
  EXPECT_EQ(Check({{"tags", {"a", "bcdef"}}}), "claim 'tags[1]': longer than 4 characters");
  EXPECT_EQ(Check({{"many", json(std::vector<int>(kDefaultMaxItems, 1))}}), "");
  EXPECT_EQ(Check({{"many", json(std::vector<int>(kDefaultMaxItems + 1, 1))}}),
            "claim 'many': more than 100 elements");
}

// Required, unknown and non-object inputs are refused.
TEST_F(ClaimValidatorTest, ShapeErrorsFail) {
  EXPECT_EQ(ValidateClaims(*config_, json::object()).error().message(),
            "claim 'name': required but missing");
  EXPECT_EQ(Check({{"iss", "https://evil"}}), "claim 'iss': not defined by the policy");
  EXPECT_EQ(Check({{"name", nullptr}}), "claim 'name': expected string");
  EXPECT_EQ(ValidateClaims(*config_, json::array()).error().message(),
            "claims must be a JSON object");
  std::string long_key(200, 'k');
  EXPECT_EQ(Check({{long_key + "\n", 1}}),
            "claim '" + std::string(64, 'k') + "...': not defined by the policy");
}

// A value the policy fixes satisfies "required" without the client, may not be set by the
// client, and is added to the claims to issue.
TEST_F(ClaimValidatorTest, FixedValuesWork) {
  EXPECT_EQ(Check(json::object()), "");
  EXPECT_EQ(Check({{"authority", "Example Corp"}}),
            "claim 'authority': fixed by the policy; a client may not set it");
  json issued = WithFixedClaims(*config_, {{"name", "Ann"}});
  EXPECT_EQ(issued, (json{{"name", "Ann"}, {"authority", "Example Corp"}}));
}

}  // namespace
}  // namespace vci::policy
