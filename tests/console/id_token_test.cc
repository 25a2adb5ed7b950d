// Tests of VerifyIdToken (OpenID Connect Core 1.0 section 3.1.3.7) with tokens signed here by an
// OpenSSL key; the browser test checks the same code against oidc-provider's tokens.
#include "console/id_token.h"

#include <gtest/gtest.h>

#include "crypto/jose/base64url.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"
#include "crypto/jose/ossl_signer.h"

namespace vci::console {
namespace {

constexpr int64_t kNow = 1'800'000'000;

class IdTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ctx_ = std::move(ossl::Context::Create()).value();
    signer_ = std::move(jose::OsslSigner::Generate(*ctx_, jose::JwsAlgorithm::kEs256)).value();
    nlohmann::json jwk = jose::PublicKeyToJwk(signer_->PublicKey()).value();
    jwk["kid"] = "k1";
    jwks_ = {{"keys", nlohmann::json::array({jwk})}};
  }

  static nlohmann::json GoodClaims() {
    return {{"iss", "https://idp.example"},
            {"aud", "console"},
            {"sub", "alice"},
            {"exp", kNow + 300},
            {"iat", kNow - 5},
            {"nonce", "n-0S6_WzA2Mj"},
            {"email", "alice@example.org"}};
  }

  std::string Sign(const nlohmann::json& claims, nlohmann::json header = {{"kid", "k1"}}) {
    std::string payload = claims.dump();
    return jose::SignCompact(std::move(header), AsBytes(payload), *signer_).value();
  }

  Result<nlohmann::json> Verify(std::string_view token) {
    return VerifyIdToken(*ctx_, token, jwks_,
                         {"https://idp.example", "console", "n-0S6_WzA2Mj", kNow});
  }

  std::unique_ptr<ossl::Context> ctx_;
  std::unique_ptr<jose::OsslSigner> signer_;
  nlohmann::json jwks_;
};

// A well-formed token verifies and yields its claims.
TEST_F(IdTokenTest, VerifyWorks) {
  Result<nlohmann::json> claims = Verify(Sign(GoodClaims()));
  ASSERT_TRUE(claims.has_value()) << claims.error().detail();
  EXPECT_EQ((*claims)["email"], "alice@example.org");
}

// Several audiences are accepted only when azp names the console (Core section 2).
TEST_F(IdTokenTest, AudienceArrayNeedsAzp) {
  nlohmann::json claims = GoodClaims();
  claims["aud"] = {"console", "other"};
  EXPECT_FALSE(Verify(Sign(claims)).has_value());
  claims["azp"] = "console";
  EXPECT_TRUE(Verify(Sign(claims)).has_value());
  claims["aud"] = nlohmann::json::array({"console"});
  claims.erase("azp");
  EXPECT_TRUE(Verify(Sign(claims)).has_value());
}

// Each broken claim is refused, and the refusal names the check (never the token).
TEST_F(IdTokenTest, BadClaimsFail) {
  struct Case {
    const char* name;
    nlohmann::json patch;
    const char* detail;
  };

  const Case cases[] = {
      {"iss", {{"iss", "https://evil.example"}}, "iss"},
      {"aud", {{"aud", "someone-else"}}, "aud"},
      {"exp", {{"exp", kNow - 61}}, "expired"},
      {"iat future", {{"iat", kNow + 120}}, "iat"},
      {"iat old", {{"iat", kNow - 3600}}, "iat"},
      {"nonce", {{"nonce", "other"}}, "nonce"},
      {"sub", {{"sub", ""}}, "sub"},
  };
  for (const Case& c : cases) {
    nlohmann::json claims = GoodClaims();
    claims.update(c.patch);
    Result<nlohmann::json> result = Verify(Sign(claims));
    ASSERT_FALSE(result.has_value()) << c.name;
    EXPECT_EQ(result.error().code(), ErrorCode::kUnauthenticated) << c.name;
    EXPECT_NE(result.error().detail().find(c.detail), std::string::npos) << c.name;
  }
  nlohmann::json no_exp = GoodClaims();
  no_exp.erase("exp");
  EXPECT_FALSE(Verify(Sign(no_exp)).has_value());
}

// A changed payload, an unknown kid, alg none and another key's signature are refused.
TEST_F(IdTokenTest, BadSignaturesFail) {
  std::string token = Sign(GoodClaims());
  size_t dot = token.find('.');
  nlohmann::json forged = GoodClaims();
  forged["sub"] = "mallory";
  std::string forged_payload = jose::Base64UrlEncode(AsBytes(forged.dump()));
  std::string swapped =
      token.substr(0, dot + 1) + forged_payload + token.substr(token.find('.', dot + 1));
  EXPECT_FALSE(Verify(swapped).has_value());

  EXPECT_FALSE(Verify(Sign(GoodClaims(), {{"kid", "k2"}})).has_value());

  std::string none = jose::Base64UrlEncode(AsBytes(R"({"alg":"none"})")) + "." +
                     jose::Base64UrlEncode(AsBytes(GoodClaims().dump())) + ".";
  EXPECT_FALSE(Verify(none).has_value());

  auto other = std::move(jose::OsslSigner::Generate(*ctx_, jose::JwsAlgorithm::kEs256)).value();
  std::string payload = GoodClaims().dump();
  std::string by_other = jose::SignCompact({{"kid", "k1"}}, AsBytes(payload), *other).value();
  Result<nlohmann::json> result = Verify(by_other);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().detail().find("signature"), std::string::npos);
}

// Without a kid, the only key of the JWKS is used; with several keys a kid is required.
TEST_F(IdTokenTest, KidlessTokenNeedsSingleKey) {
  EXPECT_TRUE(Verify(Sign(GoodClaims(), nlohmann::json::object())).has_value());
  jwks_["keys"].push_back(jwks_["keys"][0]);
  jwks_["keys"][1]["kid"] = "k2";
  EXPECT_FALSE(Verify(Sign(GoodClaims(), nlohmann::json::object())).has_value());
}

}  // namespace
}  // namespace vci::console
