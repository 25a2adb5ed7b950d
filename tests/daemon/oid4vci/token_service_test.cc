#include "daemon/oid4vci/token_service.h"

#include <gtest/gtest.h>

#include "daemon/oid4vci/offer_service.h"
#include "tests/daemon/oid4vci/issuer_fixture.h"

namespace vci::oid4vci {
namespace {

class TokenServiceTest : public IssuerFixture {
 protected:
  struct Offer {
    std::string code;
    std::string tx_code;
  };

  Offer MakeOffer(bool tx_code, std::string configuration = "badge") {
    OfferService offers(*context_);
    CreateOfferRequest request;
    request.configuration_id = configuration;
    request.claims = configuration == "badge"
                         ? nlohmann::json{{"given_name", "Erika"}, {"employee_id", "E1"}}
                         : nlohmann::json{{"name", "Erika"}};
    request.want_tx_code = tx_code;
    auto created = offers.Create(*policy_->Get(), Client("hr"), request);
    EXPECT_TRUE(created.has_value()) << created.error().message();
    auto json = offers.OfferJson(created->offer_id);
    EXPECT_TRUE(json.has_value());
    Offer offer;
    offer.code = (*json)["grants"][kPreAuthorizedGrantType]["pre-authorized_code"];
    if (created->tx_code.has_value()) {
      offer.tx_code = std::string(created->tx_code->RevealAsString());
    }
    return offer;
  }

  static FormParams Form(const std::string& code, const std::string* tx_code = nullptr) {
    FormParams form = {{"grant_type", std::string(kPreAuthorizedGrantType)},
                       {"pre-authorized_code", code}};
    if (tx_code != nullptr) {
      form.emplace_back("tx_code", *tx_code);
    }
    return form;
  }

  Result<nlohmann::json> Exchange(const FormParams& form) {
    TokenService tokens(*context_);
    return tokens.Exchange(form);
  }
};

// Section 6.2: a valid code gives a Bearer token that lives the configured 300 seconds.
TEST_F(TokenServiceTest, RedeemWorks) {
  Offer offer = MakeOffer(false);
  auto answer = Exchange(Form(offer.code));
  ASSERT_TRUE(answer.has_value()) << answer.error().message();
  EXPECT_EQ((*answer)["token_type"], "Bearer");
  EXPECT_EQ((*answer)["expires_in"], 300);
  EXPECT_GE((*answer)["access_token"].get<std::string>().size(), 43u);
}

// Section 4.1.1: a code is single-use; the replay is invalid_grant.
TEST_F(TokenServiceTest, ReplayFails) {
  Offer offer = MakeOffer(false);
  ASSERT_TRUE(Exchange(Form(offer.code)).has_value());
  auto replay = Exchange(Form(offer.code));
  ASSERT_FALSE(replay.has_value());
  EXPECT_EQ(replay.error().code(), ErrorCode::kInvalidGrant);
}

// Section 6.3: a wrong tx_code is invalid_grant and does not consume the code.
TEST_F(TokenServiceTest, WrongTxCodeDoesNotConsumeCode) {
  Offer offer = MakeOffer(true);
  ASSERT_EQ(offer.tx_code.size(), 6u);
  std::string wrong = offer.tx_code == "000000" ? "111111" : "000000";
  auto bad = Exchange(Form(offer.code, &wrong));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidGrant);
  EXPECT_TRUE(Exchange(Form(offer.code, &offer.tx_code)).has_value());
}

// Security considerations, "Transaction Code Guessing": past max_attempts the code is dead, even
// with the right tx_code.
TEST_F(TokenServiceTest, TxCodeAttemptsCapInvalidatesCode) {
  Offer offer = MakeOffer(true);
  std::string wrong = offer.tx_code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Exchange(Form(offer.code, &wrong)).error().code(), ErrorCode::kInvalidGrant);
  }
  EXPECT_EQ(Exchange(Form(offer.code, &offer.tx_code)).error().code(), ErrorCode::kInvalidGrant);
}

// Section 6.3: a missing tx_code, or one the offer does not expect, is invalid_request.
TEST_F(TokenServiceTest, TxCodePresenceMismatchIsInvalidRequest) {
  Offer with = MakeOffer(true);
  EXPECT_EQ(Exchange(Form(with.code)).error().code(), ErrorCode::kInvalidRequest);
  Offer without = MakeOffer(false);
  std::string extra = "123456";
  EXPECT_EQ(Exchange(Form(without.code, &extra)).error().code(), ErrorCode::kInvalidRequest);
  // Neither mistake consumed the codes.
  EXPECT_TRUE(Exchange(Form(with.code, &with.tx_code)).has_value());
  EXPECT_TRUE(Exchange(Form(without.code)).has_value());
}

// Text-mode tx_codes are drawn from their alphabet at the policy's length.
TEST_F(TokenServiceTest, TextTxCodeWorks) {
  Offer offer = MakeOffer(false, "other");  // "other" requires a text tx_code
  ASSERT_EQ(offer.tx_code.size(), 8u);
  EXPECT_EQ(offer.tx_code.find_first_not_of("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), std::string::npos);
  EXPECT_TRUE(Exchange(Form(offer.code, &offer.tx_code)).has_value());
}

// RFC 6749 section 5.2: unknown grant types and missing or repeated parameters.
TEST_F(TokenServiceTest, MalformedRequestsFail) {
  Offer offer = MakeOffer(false);
  EXPECT_EQ(Exchange({{"grant_type", "authorization_code"}, {"code", "x"}}).error().code(),
            ErrorCode::kUnsupportedGrantType);
  EXPECT_EQ(Exchange({{"pre-authorized_code", offer.code}}).error().code(),
            ErrorCode::kInvalidRequest);
  EXPECT_EQ(Exchange({{"grant_type", std::string(kPreAuthorizedGrantType)}}).error().code(),
            ErrorCode::kInvalidRequest);
  FormParams twice = Form(offer.code);
  twice.emplace_back("pre-authorized_code", offer.code);
  EXPECT_EQ(Exchange(twice).error().code(), ErrorCode::kInvalidRequest);
  EXPECT_EQ(Exchange(Form("not-a-code")).error().code(), ErrorCode::kInvalidGrant);
  // Unknown parameters are ignored (section 6.1).
  FormParams extra = Form(offer.code);
  extra.emplace_back("client_id", "some-wallet");
  EXPECT_TRUE(Exchange(extra).has_value());
}

// An expired offer's code is invalid_grant.
TEST_F(TokenServiceTest, ExpiredCodeFails) {
  Offer offer = MakeOffer(false);
  clock_.Advance(std::chrono::seconds(601));
  EXPECT_EQ(Exchange(Form(offer.code)).error().code(), ErrorCode::kInvalidGrant);
}

// Once the HMAC key is gone from the token, outstanding codes no longer redeem.
TEST_F(TokenServiceTest, DestroyedHmacKeyFails) {
  Offer offer = MakeOffer(false);
  mac_key_->Destroy();
  EXPECT_EQ(Exchange(Form(offer.code)).error().code(), ErrorCode::kInvalidGrant);
}

// Section 6.1 / RFC 9396: malformed authorization_details, or details for a configuration the
// offer does not hold, are invalid_authorization_details and leave the code redeemable.
TEST_F(TokenServiceTest, BadAuthorizationDetailsFail) {
  Offer offer = MakeOffer(false);
  for (std::string details :
       {std::string("not json"), std::string("[]"), std::string("{}"),
        std::string(R"([{"type":"openid_credential"}])"),
        std::string(R"([{"type":"other","credential_configuration_id":"badge"}])"),
        std::string(R"([{"type":"openid_credential","credential_configuration_id":"other"}])")}) {
    FormParams form = Form(offer.code);
    form.emplace_back("authorization_details", details);
    auto answer = Exchange(form);
    ASSERT_FALSE(answer.has_value()) << details;
    EXPECT_EQ(answer.error().code(), ErrorCode::kInvalidAuthorizationDetails) << details;
  }
  EXPECT_TRUE(Exchange(Form(offer.code)).has_value());
}

// RFC 6749 section 2.4: anonymous by default (any client_id is ignored); with an allow-list, a
// missing or unlisted client_id is invalid_client and does not consume the code.
TEST_F(TokenServiceTest, ClientAllowListWorks) {
  Offer anonymous = MakeOffer(false);
  FormParams with_id = Form(anonymous.code);
  with_id.emplace_back("client_id", "some-wallet");
  EXPECT_TRUE(Exchange(with_id).has_value());

  context_->settings.allowed_client_ids = {"wallet-a"};
  Offer offer = MakeOffer(false);
  EXPECT_EQ(Exchange(Form(offer.code)).error().code(), ErrorCode::kInvalidClient);
  FormParams wrong = Form(offer.code);
  wrong.emplace_back("client_id", "wallet-b");
  EXPECT_EQ(Exchange(wrong).error().code(), ErrorCode::kInvalidClient);
  FormParams right = Form(offer.code);
  right.emplace_back("client_id", "wallet-a");
  EXPECT_TRUE(Exchange(right).has_value());
}

// Issue #5: an outstanding offer whose configuration a policy reload removed gets invalid_grant.
TEST_F(TokenServiceTest, RemovedConfigurationFails) {
  Offer offer = MakeOffer(false);
  RemoveBadgeConfiguration();
  auto answer = Exchange(Form(offer.code));
  ASSERT_FALSE(answer.has_value());
  EXPECT_EQ(answer.error().code(), ErrorCode::kInvalidGrant);
}

}  // namespace
}  // namespace vci::oid4vci
