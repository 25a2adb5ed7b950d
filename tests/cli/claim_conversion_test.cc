#include "cli/claim_conversion.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vci::cli {
namespace {

using nlohmann::json;

// kTypes is a GET /types answer as daemon/admin/admin_api.cc writes it.
const json& Types() {
  static const json types = json::parse(R"({
    "credential_configurations": [
      {"id": "personal_id", "format": "dc+sd-jwt", "vct": "urn:example:pid",
       "claims": [
         {"name": "given_name", "type": "string", "required": true},
         {"name": "age", "type": "integer", "required": false},
         {"name": "height", "type": "number", "required": false},
         {"name": "over_18", "type": "boolean", "required": false},
         {"name": "birth_date", "type": "date", "required": false},
         {"name": "issued_at", "type": "datetime", "required": false},
         {"name": "address", "type": "object", "required": false,
          "claims": [{"name": "street", "type": "string"}]},
         {"name": "nationalities", "type": "array", "items": {"type": "string"}}
       ]},
      {"id": "employee_badge", "claims": []}
    ]})");
  return types;
}

struct ConversionCase {
  std::string name;
  std::string assignment;
  json expected;  // null when the assignment must be refused.
};

// PrintTo names a case in test output (instead of its bytes).
void PrintTo(const ConversionCase& c, std::ostream* os) {
  *os << c.name;
}

class ClaimConversionTest : public ::testing::TestWithParam<ConversionCase> {};

// Each --claim value becomes the JSON type the policy names, or is refused before any POST.
TEST_P(ClaimConversionTest, ConvertsOrRefuses) {
  const ConversionCase& c = GetParam();
  Result<json> claims = BuildClaims(Types(), "personal_id", {c.assignment}, json());
  if (c.expected.is_null()) {
    ASSERT_FALSE(claims.has_value()) << claims->dump();
    EXPECT_EQ(claims.error().code(), ErrorCode::kInvalidArgument);
    return;
  }
  ASSERT_TRUE(claims.has_value()) << claims.error().message();
  std::string name = c.assignment.substr(0, c.assignment.find('='));
  EXPECT_EQ((*claims)[name], c.expected);
  EXPECT_EQ((*claims)[name].type(), c.expected.type());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ClaimConversionTest,
    ::testing::Values(
        ConversionCase{"IntegerOk", "age=42", json(42)},
        ConversionCase{"IntegerNegative", "age=-7", json(-7)},
        ConversionCase{"IntegerBad", "age=4x2", json()},
        ConversionCase{"IntegerEmpty", "age=", json()},
        ConversionCase{"IntegerFraction", "age=4.5", json()},
        ConversionCase{"IntegerPlusSign", "age=+4", json()},
        ConversionCase{"IntegerOverflow", "age=99999999999999999999", json()},
        ConversionCase{"BooleanTrue", "over_18=true", json(true)},
        ConversionCase{"BooleanFalse", "over_18=false", json(false)},
        ConversionCase{"BooleanOther", "over_18=yes", json()},
        ConversionCase{"BooleanCase", "over_18=True", json()},
        ConversionCase{"NumberDecimal", "height=1.82", json(1.82)},
        ConversionCase{"NumberInteger", "height=2", json(2)},
        ConversionCase{"NumberBad", "height=tall", json()},
        ConversionCase{"NumberInfinity", "height=inf", json()},
        ConversionCase{"StringKept", "given_name=42", json("42")},
        ConversionCase{"StringWithEquals", "given_name=a=b", json("a=b")},
        ConversionCase{"DateStaysString", "birth_date=2000-01-31", json("2000-01-31")},
        ConversionCase{"DateTimeStaysString", "issued_at=2026-01-01T00:00:00Z",
                       json("2026-01-01T00:00:00Z")},
        ConversionCase{"NestedObject", R"(address={"street":"Main St 1"})",
                       json::parse(R"({"street":"Main St 1"})")},
        ConversionCase{"ObjectNotJson", "address={street", json()},
        ConversionCase{"ObjectGivenArray", R"(address=["x"])", json()},
        ConversionCase{"Array", R"(nationalities=["DE","FR"])", json::parse(R"(["DE","FR"])")},
        ConversionCase{"ArrayGivenObject", R"(nationalities={})", json()},
        ConversionCase{"UnknownClaim", "shoe_size=44", json()},
        ConversionCase{"NoEquals", "age", json()}, ConversionCase{"NoName", "=42", json()}),
    [](const ::testing::TestParamInfo<ConversionCase>& param_info) {
      return param_info.param.name;
    });

// An unknown claim is named in the message together with the claims the configuration defines.
TEST(ClaimConversionMessageTest, UnknownClaimNamesKnownOnes) {
  Result<json> claims = BuildClaims(Types(), "personal_id", {"shoe_size=44"}, json());
  ASSERT_FALSE(claims.has_value());
  EXPECT_NE(claims.error().message().find("shoe_size"), std::string::npos);
  EXPECT_NE(claims.error().message().find("given_name, age"), std::string::npos);
}

// A configuration the client may not offer is kPermissionDenied (exit 7, as the daemon would
// refuse it) and lists those it may.
TEST(ClaimConversionMessageTest, UnknownConfigurationFails) {
  Result<json> claims = BuildClaims(Types(), "diploma", {}, json());
  ASSERT_FALSE(claims.has_value());
  EXPECT_EQ(claims.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(claims.error().message().find("personal_id, employee_badge"), std::string::npos);
}

// The --claims file is merged under the --claim values, which win.
TEST(ClaimConversionMessageTest, ClaimArgumentOverridesClaimsFile) {
  json base = {{"given_name", "Erika"}, {"age", 30}};
  Result<json> claims = BuildClaims(Types(), "personal_id", {"age=42"}, base);
  ASSERT_TRUE(claims.has_value()) << claims.error().message();
  EXPECT_EQ(*claims, json({{"given_name", "Erika"}, {"age", 42}}));
}

// A claims file naming an unknown claim is refused too.
TEST(ClaimConversionMessageTest, UnknownClaimInFileFails) {
  Result<json> claims = BuildClaims(Types(), "personal_id", {}, json({{"nickname", "x"}}));
  ASSERT_FALSE(claims.has_value());
  EXPECT_EQ(claims.error().code(), ErrorCode::kInvalidArgument);
}

// A /types answer without the documented array is an internal error, not a crash.
TEST(ClaimConversionMessageTest, MalformedTypesFails) {
  Result<json> claims = BuildClaims(json::array(), "personal_id", {}, json());
  ASSERT_FALSE(claims.has_value());
  EXPECT_EQ(claims.error().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace vci::cli
