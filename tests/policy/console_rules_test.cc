// Tests of the console's eligibility and claim-mapping rules (policy/console_rules.h).
#include "policy/console_rules.h"

#include <gtest/gtest.h>

namespace vci::policy {
namespace {

constexpr std::string_view kRules = R"toml(
[[grant]]
configuration = "employee_badge"
when = [ { claim = "groups", contains = "staff" }, { claim = "email_verified", equals = true } ]
  [grant.claims]
  given_name = { from = "given_name" }
  department = { value = "Research" }
  birth_date = { from = "birthdate", from_format = "%Y-%m-%d", format = "%d.%m.%Y" }

[[grant]]
configuration = "diploma"
tx_code = "screen"
when = [ { claim = "level", equals = 3 } ]
  [grant.claims]
  year = { value = 2020 }
)toml";

nlohmann::json Alice() {
  return {{"sub", "a"},
          {"given_name", "Alice"},
          {"birthdate", "1990-05-17"},
          {"email_verified", true},
          {"groups", {"staff", "alumni"}},
          {"level", 3}};
}

// Every condition of a grant must hold; a person matching none gets nothing (deny by default).
TEST(ConsoleRulesTest, MatchingWorks) {
  ConsoleRules rules = ParseConsoleRules(kRules, "r.toml").value();
  ASSERT_EQ(rules.grants.size(), 2u);
  EXPECT_EQ(rules.grants[1].tx_code, TxCodeDelivery::kScreen);
  EXPECT_EQ(rules.Matching(Alice()).size(), 2u);
  nlohmann::json unverified = Alice();
  unverified["email_verified"] = false;
  ASSERT_EQ(rules.Matching(unverified).size(), 1u);
  EXPECT_EQ(rules.Matching(unverified)[0]->configuration, "diploma");
  nlohmann::json level_text = Alice();
  level_text["level"] = "3";       // equals compares types too
  level_text["groups"] = "staff";  // contains needs an array
  EXPECT_TRUE(rules.Matching(level_text).empty());
  EXPECT_TRUE(rules.Matching(nlohmann::json::object()).empty());
}

// Claims come from the ID token, fixed values, or reformatted dates.
TEST(ConsoleRulesTest, MapClaimsWorks) {
  ConsoleRules rules = ParseConsoleRules(kRules, "r.toml").value();
  Result<nlohmann::json> claims = MapClaims(rules.grants[0], Alice());
  ASSERT_TRUE(claims.has_value()) << claims.error().message();
  EXPECT_EQ(*claims, nlohmann::json({{"given_name", "Alice"},
                                     {"department", "Research"},
                                     {"birth_date", "17.05.1990"}}));
  EXPECT_EQ(*MapClaims(rules.grants[1], Alice()), nlohmann::json({{"year", 2020}}));
}

// A missing source claim or an unparsable date refuses the offer, naming the credential claim.
TEST(ConsoleRulesTest, MapClaimsFails) {
  ConsoleRules rules = ParseConsoleRules(kRules, "r.toml").value();
  nlohmann::json person = Alice();
  person.erase("given_name");
  Result<nlohmann::json> missing = MapClaims(rules.grants[0], person);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message().find("'given_name'"), std::string::npos);
  person = Alice();
  person["birthdate"] = "17/05/1990";
  EXPECT_FALSE(MapClaims(rules.grants[0], person).has_value());
}

// Mistakes are reported with file, line and column, all in one run.
TEST(ConsoleRulesTest, ErrorsHavePositions) {
  constexpr std::string_view kBad = R"toml([[grant]]
configuration = "badge"
tx_code = "sms"
when = [ { claim = "groups", contains = "staff", equals = "x" } ]
  [grant.claims]
  a = { from = "x", value = 1 }
  b = "given_name"
  c = { from = "d", format = "%d" }

[[grant]]
configuration = "other"
colour = "blue"
  [grant.claims]
)toml";
  Result<ConsoleRules> rules = ParseConsoleRules(kBad, "bad.toml");
  ASSERT_FALSE(rules.has_value());
  const std::string& message = rules.error().message();
  for (std::string_view expect : {"bad.toml:3:", "bad.toml:4:", "bad.toml:6:", "bad.toml:7:",
                                  "bad.toml:8:", "bad.toml:12:", "deny by default"}) {
    EXPECT_NE(message.find(expect), std::string::npos) << expect << "\n" << message;
  }
}

}  // namespace
}  // namespace vci::policy
