// What a credential configuration's policy lets an offer ask for, and what the credential then
// carries (issue #5): offer lifetimes within the configuration's bounds, a credential validity up
// to validity.maximum, a not-before time up to validity.not_before ahead, and credentials bound
// to no key when holder_binding is false.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <vector>

#include "crypto/jose/jws.h"
#include "daemon/oid4vci/credential_service.h"
#include "daemon/oid4vci/metadata.h"
#include "daemon/oid4vci/offer_service.h"
#include "daemon/oid4vci/token_service.h"
#include "tests/daemon/oid4vci/issuer_fixture.h"

namespace vci::oid4vci {
namespace {

constexpr int64_t kDay = 86400;

class OfferRulesTest : public IssuerFixture {
 protected:
  void SetUp() override {
    IssuerFixture::SetUp();
    clock_.Set(1'800'000'000);  // A whole hour, so rounded times equal the clock.
  }

  // UseBadgeRules replaces the badge configuration's `validity = "1d"` line with `lines`.
  void UseBadgeRules(std::string_view lines) {
    std::string text(kTestPolicy);
    const std::string validity = "validity = \"1d\"\nproof_algs = [\"ES256\", \"EdDSA\"]";
    text.replace(text.find(validity), validity.size(), std::string(lines));
    auto policy = policy::ParsePolicyText(text, "t.toml");
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    policy_->Set(std::make_shared<const policy::Policy>(std::move(policy).value()));
  }

  Result<CreatedOffer> Create(const CreateOfferRequest& extra) {
    OfferService offers(*context_);
    CreateOfferRequest request = extra;
    request.configuration_id = "badge";
    request.claims = {{"given_name", "Erika"}, {"employee_id", "E123456"}};
    return offers.Create(*policy_->Get(), Client("hr"), request);
  }

  std::string Refusal(const CreateOfferRequest& request) {
    Result<CreatedOffer> created = Create(request);
    EXPECT_FALSE(created.has_value());
    if (created.has_value()) {
      return "";
    }
    EXPECT_EQ(created.error().code(), ErrorCode::kInvalidRequest);
    return created.error().message();
  }

  // Redeem trades the offer's code for an access token.
  std::string Redeem(const CreatedOffer& created) {
    OfferService offers(*context_);
    auto json = offers.OfferJson(created.offer_id);
    std::string code = (*json)["grants"][kPreAuthorizedGrantType]["pre-authorized_code"];
    TokenService tokens(*context_);
    auto answer = tokens.Exchange(
        {{"grant_type", std::string(kPreAuthorizedGrantType)}, {"pre-authorized_code", code}});
    EXPECT_TRUE(answer.has_value());
    return answer.has_value() ? (*answer)["access_token"].get<std::string>() : "";
  }

  // IssuerPayload returns the payload of the issuer-signed JWT of an SD-JWT.
  static nlohmann::json IssuerPayload(const std::string& sd_jwt) {
    auto jws = jose::ParseCompact(sd_jwt.substr(0, sd_jwt.find('~')), 64 * 1024);
    EXPECT_TRUE(jws.has_value());
    return jws.has_value() ? nlohmann::json::parse(jws->payload.begin(), jws->payload.end())
                           : nlohmann::json();
  }
};

TEST_F(OfferRulesTest, OfferLifetimeDefaultsAndBoundsComeFromTheConfiguration) {
  UseBadgeRules("validity = \"1d\"\noffer_lifetime = { default = \"5m\", maximum = \"20m\" }");
  Result<CreatedOffer> by_default = Create({});
  ASSERT_TRUE(by_default.has_value()) << by_default.error().message();
  EXPECT_EQ(by_default->expires_at, clock_.NowSeconds() + 300);
  CreateOfferRequest longest;
  longest.expires_in = 1200;
  Result<CreatedOffer> at_maximum = Create(longest);
  ASSERT_TRUE(at_maximum.has_value()) << at_maximum.error().message();
  EXPECT_EQ(at_maximum->expires_at, clock_.NowSeconds() + 1200);
  longest.expires_in = 1201;
  EXPECT_EQ(Refusal(longest),
            "expires_in must be between 30 and 1200 seconds for configuration 'badge'");
}

TEST_F(OfferRulesTest, WithoutOfferLifetimeTheConfigurationFileDecides) {
  Result<CreatedOffer> created = Create({});
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->expires_at, clock_.NowSeconds() + 600);  // IssuerSettings::offer_lifetime
  CreateOfferRequest request;
  request.expires_in = 601;
  EXPECT_EQ(Refusal(request),
            "expires_in must be between 30 and 600 seconds for configuration "
            "'badge'");
}

TEST_F(OfferRulesTest, CredentialValidityAndNotBeforeStayWithinThePolicy) {
  UseBadgeRules("validity = { default = \"1d\", maximum = \"30d\", not_before = \"7d\" }");
  CreateOfferRequest request;
  request.credential_validity = 30 * kDay;
  request.credential_not_before = clock_.NowSeconds() + 7 * kDay;
  Result<CreatedOffer> created = Create(request);
  ASSERT_TRUE(created.has_value()) << created.error().message();
  Result<store::OfferRecord> stored = store_->GetOffer(created->offer_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->credential_validity, 30 * kDay);
  EXPECT_EQ(stored->credential_not_before, clock_.NowSeconds() + 7 * kDay);

  // One second beyond each bound, and below the smallest validity (twice the 1h granularity).
  CreateOfferRequest too_long;
  too_long.credential_validity = 30 * kDay + 1;
  EXPECT_EQ(Refusal(too_long),
            "credential_validity must be between 7200 and 2592000 seconds (validity.maximum of "
            "configuration 'badge')");
  CreateOfferRequest too_short;
  too_short.credential_validity = 7199;
  EXPECT_NE(Refusal(too_short).find("between 7200 and 2592000"), std::string::npos);
  CreateOfferRequest too_late;
  too_late.credential_not_before = clock_.NowSeconds() + 7 * kDay + 1;
  EXPECT_EQ(Refusal(too_late),
            "credential_not_before must lie between now and 604800 seconds from now "
            "(validity.not_before of configuration 'badge')");
  CreateOfferRequest in_the_past;
  in_the_past.credential_not_before = clock_.NowSeconds() - 1;
  EXPECT_NE(Refusal(in_the_past).find("between now and"), std::string::npos);
}

TEST_F(OfferRulesTest, NotBeforeNeedsThePolicysPermission) {
  CreateOfferRequest request;
  request.credential_not_before = clock_.NowSeconds() + 60;
  EXPECT_EQ(Refusal(request),
            "credential_not_before is not allowed: configuration 'badge' sets no "
            "validity.not_before");
}

// The credential's nbf is the offer's not-before (rounded down to the hour) and its exp lies the
// offer's validity after it; iat stays the time of issuance.
TEST_F(OfferRulesTest, CredentialCarriesTheOffersTimes) {
  UseBadgeRules(
      "validity = { default = \"1d\", maximum = \"30d\", not_before = \"7d\" }\n"
      "holder_binding = false");
  CreateOfferRequest request;
  request.credential_validity = 10 * kDay;
  request.credential_not_before = clock_.NowSeconds() + 2 * kDay + 1800;
  Result<CreatedOffer> created = Create(request);
  ASSERT_TRUE(created.has_value()) << created.error().message();
  std::string access_token = Redeem(*created);
  clock_.Advance(std::chrono::seconds(10));

  CredentialService credentials(*context_);
  // No proof: the configuration binds no key.
  auto answer = credentials.Issue(access_token, R"({"credential_configuration_id":"badge"})");
  ASSERT_TRUE(answer.has_value()) << answer.error().message();
  ASSERT_EQ((*answer)["credentials"].size(), 1u);
  nlohmann::json payload = IssuerPayload((*answer)["credentials"][0]["credential"]);
  int64_t issued = 1'800'000'000;
  int64_t not_before = issued + 2 * kDay;
  EXPECT_EQ(payload["iat"], issued);
  EXPECT_EQ(payload["nbf"], not_before);
  EXPECT_EQ(payload["exp"], not_before + 10 * kDay);
  EXPECT_FALSE(payload.contains("cnf"));
}

// Section 12.2.4: a configuration without holder binding advertises neither binding methods nor
// proof types; with it, both.
TEST_F(OfferRulesTest, MetadataOmitsProofTypesWithoutHolderBinding) {
  UseBadgeRules("validity = \"1d\"\nholder_binding = false");
  IssuerSettings settings;
  settings.credential_issuer = std::string(kTestIssuer);
  nlohmann::json metadata = CredentialIssuerMetadata(settings, *policy_->Get());
  const nlohmann::json& badge = metadata["credential_configurations_supported"]["badge"];
  EXPECT_FALSE(badge.contains("proof_types_supported"));
  EXPECT_FALSE(badge.contains("cryptographic_binding_methods_supported"));
  const nlohmann::json& other = metadata["credential_configurations_supported"]["other"];
  EXPECT_EQ(other["cryptographic_binding_methods_supported"], nlohmann::json::array({"jwk"}));
  EXPECT_EQ(other["proof_types_supported"]["jwt"]["proof_signing_alg_values_supported"],
            nlohmann::json::array({"ES256"}));
}

// Issue #5: every offer made or refused is in the audit trail; a refusal names the rule, never
// the value that broke it.
TEST_F(OfferRulesTest, OffersAndRefusalsAreAudited) {
  ASSERT_TRUE(Create({}).has_value());
  OfferService offers(*context_);
  CreateOfferRequest bad;
  bad.configuration_id = "badge";
  bad.claims = {{"given_name", "Erika"}, {"employee_id", "E123456"}, {"age", "forty-two"}};
  ASSERT_FALSE(offers.Create(*policy_->Get(), Client("hr"), bad).has_value());

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_ / "state.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT kind, detail FROM audit_events ORDER BY id", -1, &stmt,
                               nullptr),
            SQLITE_OK);
  std::vector<std::pair<std::string, std::string>> rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
                      reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].first, "offer.created");
  EXPECT_EQ(rows[0].second, "client=hr configuration=badge");
  EXPECT_EQ(rows[1].first, "offer.refused");
  EXPECT_EQ(rows[1].second,
            "client=hr configuration=badge error=invalid_request rule=\"claim 'age': expected "
            "integer\"");
  EXPECT_EQ(rows[1].second.find("forty-two"), std::string::npos);
}

}  // namespace
}  // namespace vci::oid4vci
