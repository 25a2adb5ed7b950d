#include "crypto/jose/jwk.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/crypto/jose/test_keys.h"
#include "tests/fakes/ossl_test.h"

namespace vci::jose {
namespace {

using nlohmann::json;

class JwkTest : public vci::testing::OsslTest {};

// EC P-256, P-384 and OKP Ed25519 public JWKs parse, map to their algorithm and convert back to
// the same required members.
TEST_F(JwkTest, SupportedKeysWork) {
  struct Case {
    json jwk;
    JwsAlgorithm alg;
  };

  const Case cases[] = {{testing::Rfc7515A3PublicJwk(), JwsAlgorithm::kEs256},
                        {testing::GeneratedP384PublicJwk(), JwsAlgorithm::kEs384},
                        {testing::Rfc8037PublicJwk(), JwsAlgorithm::kEdDsa}};
  for (const Case& c : cases) {
    auto key = ParsePublicJwk(*ctx_, c.jwk);
    ASSERT_TRUE(key.has_value()) << c.jwk.dump() << ": " << key.error().detail();
    EXPECT_TRUE(AlgorithmFitsKey(c.alg, key->get()));
    auto back = PublicKeyToJwk(key->get());
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, c.jwk);
  }
}

// Optional members (kid, use, alg) do not stop a key from parsing.
TEST_F(JwkTest, OptionalMembersWork) {
  json jwk = testing::Rfc7515A3PublicJwk();
  jwk["kid"] = "1";
  jwk["use"] = "sig";
  jwk["alg"] = "ES256";
  EXPECT_TRUE(ParsePublicJwk(*ctx_, jwk).has_value());
}

// A key may only fit its own algorithm; a null key fits none.
TEST_F(JwkTest, AlgorithmFitsKeyFails) {
  auto key = ParsePublicJwk(*ctx_, testing::Rfc7515A3PublicJwk());
  ASSERT_TRUE(key.has_value());
  EXPECT_FALSE(AlgorithmFitsKey(JwsAlgorithm::kEs384, key->get()));
  EXPECT_FALSE(AlgorithmFitsKey(JwsAlgorithm::kEdDsa, key->get()));
  EXPECT_FALSE(AlgorithmFitsKey(JwsAlgorithm::kEs256, nullptr));
  EXPECT_FALSE(PublicKeyToJwk(nullptr).has_value());
}

struct BadJwk {
  std::string name;
  json jwk;
};

json With(json jwk, const std::string& member, json value) {
  jwk[member] = std::move(value);
  return jwk;
}

json Without(json jwk, const std::string& member) {
  jwk.erase(member);
  return jwk;
}

class JwkRejectTest : public JwkTest, public ::testing::WithParamInterface<BadJwk> {};

// Each malformed, private, unsupported or off-curve JWK gives kInvalidArgument, never a crash.
TEST_P(JwkRejectTest, ParseFails) {
  auto key = ParsePublicJwk(*ctx_, GetParam().jwk);
  ASSERT_FALSE(key.has_value());
  EXPECT_EQ(key.error().code(), ErrorCode::kInvalidArgument);
}

const json kEc = testing::Rfc7515A3PublicJwk();
const json kOkp = testing::Rfc8037PublicJwk();

INSTANTIATE_TEST_SUITE_P(
    Cases, JwkRejectTest,
    ::testing::Values(
        BadJwk{"PrivateOkp", testing::Rfc8037PrivateJwk()},
        BadJwk{"PrivateEc", With(kEc, "d", "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI")},
        BadJwk{"SymmetricK", With(kEc, "k", "AAAA")}, BadJwk{"NotObject", json::array()},
        BadJwk{"String", json("EC")}, BadJwk{"Null", json()},
        BadJwk{"MissingKty", Without(kEc, "kty")}, BadJwk{"MissingCrv", Without(kEc, "crv")},
        BadJwk{"MissingX", Without(kEc, "x")}, BadJwk{"MissingY", Without(kEc, "y")},
        BadJwk{"OkpMissingX", Without(kOkp, "x")}, BadJwk{"KtyNumber", With(kEc, "kty", 2)},
        BadJwk{"XNumber", With(kEc, "x", 7)}, BadJwk{"Rsa", With(kEc, "kty", "RSA")},
        BadJwk{"Oct", With(kEc, "kty", "oct")}, BadJwk{"Secp256k1", With(kEc, "crv", "secp256k1")},
        BadJwk{"P521", With(kEc, "crv", "P-521")}, BadJwk{"X25519", With(kOkp, "crv", "X25519")},
        BadJwk{"Ed448", With(kOkp, "crv", "Ed448")},
        BadJwk{"EcCrvOnOkp", With(kOkp, "crv", "P-256")},
        BadJwk{"P384Coordinates", With(kEc, "crv", "P-384")},
        BadJwk{"P256CoordinatesOnP384", With(testing::GeneratedP384PublicJwk(), "crv", "P-256")},
        BadJwk{"ShortX", With(kEc, "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVA")},
        BadJwk{"LongY", With(kEc, "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0AA")},
        BadJwk{"PaddedX", With(kEc, "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU=")},
        BadJwk{"StdAlphabetY", With(kEc, "y", "x/FEzRu9m36HLN/tue659LNpXW6pCyStikYjKIWI5a0")},
        BadJwk{"NotOnCurve", With(kEc, "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5aA")},
        BadJwk{"ZeroPoint", With(With(kEc, "x", std::string(43, 'A')), "y", std::string(43, 'A'))},
        BadJwk{"OkpWithY", With(kOkp, "y", "AAAA")},
        BadJwk{"OkpShortX", With(kOkp, "x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUQ")}),
    [](const ::testing::TestParamInfo<BadJwk>& case_info) { return case_info.param.name; });

// JwkMemberBytes returns exactly `len` bytes or an error.
TEST_F(JwkTest, JwkMemberBytesWorks) {
  auto x = JwkMemberBytes(kEc, "x", 32);
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x->size(), 32u);
  EXPECT_FALSE(JwkMemberBytes(kEc, "x", 31).has_value());
  EXPECT_FALSE(JwkMemberBytes(kEc, "x", 33).has_value());
  EXPECT_FALSE(JwkMemberBytes(kEc, "nope", 32).has_value());
}

}  // namespace
}  // namespace vci::jose
