#include "daemon/oid4vci/offer_service.h"

#include <gtest/gtest.h>

#include "tests/daemon/oid4vci/issuer_fixture.h"

namespace vci::oid4vci {
namespace {

class OfferServiceTest : public IssuerFixture {
 protected:
  // UseClients replaces the policy's clients with `clients` (TOML [[client]] tables).
  void UseClients(std::string_view clients) {
    std::string text(kTestPolicy);
    text.erase(text.find("[[client]]"));
    auto policy = policy::ParsePolicyText(text + std::string(clients), "t.toml");
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    policy_->Set(std::make_shared<const policy::Policy>(std::move(policy).value()));
  }

  Result<CreatedOffer> Create(std::string_view client, const nlohmann::json& claims) {
    OfferService offers(*context_);
    CreateOfferRequest request;
    request.configuration_id = "badge";
    request.claims = claims;
    return offers.Create(*policy_->Get(), Client(client), request);
  }
};

// Section 4.1: the offer by reference names the configuration, the issuer and the
// pre-authorized code grant; its tx_code object appears exactly when a tx_code was asked for.
TEST_F(OfferServiceTest, OfferJsonWorks) {
  OfferService offers(*context_);
  CreateOfferRequest request;
  request.configuration_id = "badge";
  request.claims = {{"given_name", "Erika"}, {"employee_id", "E1"}};
  request.want_tx_code = true;
  auto created = offers.Create(*policy_->Get(), Client("hr"), request);
  ASSERT_TRUE(created.has_value()) << created.error().message();
  ASSERT_TRUE(created->tx_code.has_value());
  EXPECT_EQ(created->tx_code->size(), 6u);
  EXPECT_EQ(created->credential_offer_uri,
            std::string(kTestIssuer) + "/credential-offer/" + created->offer_id);
  EXPECT_EQ(created->offer_link,
            "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.test%2F"
            "credential-offer%2F" +
                created->offer_id);
  auto json = offers.OfferJson(created->offer_id);
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ((*json)["credential_issuer"], kTestIssuer);
  EXPECT_EQ((*json)["credential_configuration_ids"], nlohmann::json::array({"badge"}));
  const nlohmann::json& grant = (*json)["grants"][kPreAuthorizedGrantType];
  EXPECT_EQ(grant["tx_code"]["input_mode"], "numeric");
  EXPECT_EQ(grant["tx_code"]["length"], 6);
  // The code is derived again, identically, on every fetch (wallets fetch twice).
  EXPECT_EQ((*offers.OfferJson(created->offer_id))["grants"], (*json)["grants"]);
}

// Issue #5: a client may set only the claims its policy lists; the refusal names the claim.
TEST_F(OfferServiceTest, ClientClaimRestrictionWorks) {
  UseClients(R"toml(
[[client]]
name = "hr"
token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
configurations = ["badge"]
claims = ["given_name", "employee_id"]
)toml");
  EXPECT_TRUE(Create("hr", {{"given_name", "Erika"}, {"employee_id", "E1"}}).has_value());
  auto refused = Create("hr", {{"given_name", "Erika"}, {"employee_id", "E1"}, {"age", 42}});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(refused.error().message(), "claim 'age': this client may not set it");
}

// Issue #5: past offers_per_minute the client gets kResourceExhausted (429) until the next
// minute window.
TEST_F(OfferServiceTest, OfferRateLimitWorks) {
  UseClients(R"toml(
[[client]]
name = "hr"
token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
configurations = ["badge"]
offers_per_minute = 2
)toml");
  nlohmann::json claims = {{"given_name", "Erika"}, {"employee_id", "E1"}};
  clock_.Advance(std::chrono::seconds(60 - clock_.NowSeconds() % 60));  // start of a window
  EXPECT_TRUE(Create("hr", claims).has_value());
  EXPECT_TRUE(Create("hr", claims).has_value());
  auto third = Create("hr", claims);
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code(), ErrorCode::kResourceExhausted);
  clock_.Advance(std::chrono::seconds(60));
  EXPECT_TRUE(Create("hr", claims).has_value());
}

// Unknown, missing and mistyped claims are refused with a message that names the claim and the
// rule, never the value.
TEST_F(OfferServiceTest, BadClaimsFail) {
  struct Case {
    nlohmann::json claims;
    std::string message;
  };

  for (const Case& c :
       {Case{{{"employee_id", "E1"}}, "claim 'given_name': required but missing"},
        Case{{{"given_name", "Erika"}, {"employee_id", "E1"}, {"nickname", "secret-x"}},
             "claim 'nickname': not defined by the policy"},
        Case{{{"given_name", "Erika"}, {"employee_id", "E1"}, {"age", "forty-two"}},
             "claim 'age': expected integer"}}) {
    auto refused = Create("hr", c.claims);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidRequest);
    EXPECT_EQ(refused.error().message(), c.message);
  }
}

}  // namespace
}  // namespace vci::oid4vci
