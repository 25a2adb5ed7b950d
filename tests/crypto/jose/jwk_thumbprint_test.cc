// RFC 7638 thumbprints, checked against values computed by an independent implementation.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "crypto/jose/jwk.h"
#include "tests/crypto/jose/test_keys.h"
#include "tests/fakes/ossl_test.h"

namespace vci::jose {
namespace {

using nlohmann::json;

class JwkThumbprintTest : public vci::testing::OsslTest {};

// Thumbprints equal those computed by npm `jose` 6 (calculateJwkThumbprint, sha256), by running
// tests/crypto/jose/thumbprint_vectors.mjs. The Ed25519 one is also RFC 8037 appendix A.3's value.
TEST_F(JwkThumbprintTest, IndependentVectorsWork) {
  struct Case {
    json jwk;
    std::string thumbprint;
  };

  const Case cases[] = {
      {testing::Rfc7515A3PublicJwk(), "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U"},
      {{{"kty", "EC"},
        {"crv", "P-256"},
        {"use", "enc"},
        {"kid", "1"},
        {"x", "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4"},
        {"y", "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}},
       "cn-I_WNMClehiVp51i_0VpOENW1upEerA8sEam5hn-s"},
      {{{"kty", "EC"},
        {"crv", "P-256"},
        {"x", "JcTZUXoGPs9_SoqLvad9gtItCcCtrouXTL-P5f5Yk24"},
        {"y", "xv7CP85Tyx1BDmezvDvijwWFsY_7JTwOxp8TeGPXehw"}},
       "4xwwVieXSu8Ycohp8pXUQdIQNxYc7a1ULUxScI1rWRY"},
      {testing::GeneratedP384PublicJwk(), "Iu760yLVtTKq4p4i6nkn1hg4GZvZx7Std-MZfb_RucE"},
      {testing::Rfc8037PublicJwk(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"},
  };
  for (const Case& c : cases) {
    auto thumbprint = JwkThumbprint(*ctx_, c.jwk);
    ASSERT_TRUE(thumbprint.has_value()) << c.jwk.dump() << ": " << thumbprint.error().detail();
    EXPECT_EQ(*thumbprint, c.thumbprint) << c.jwk.dump();
  }
}

// KeyThumbprint of an imported key equals the independent vectors above.
TEST_F(JwkThumbprintTest, KeyThumbprintMatchesVectorsWorks) {
  const std::pair<json, std::string> cases[] = {
      {testing::Rfc7515A3PublicJwk(), "oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U"},
      {testing::GeneratedP384PublicJwk(), "Iu760yLVtTKq4p4i6nkn1hg4GZvZx7Std-MZfb_RucE"},
      {testing::Rfc8037PublicJwk(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"},
  };
  for (const auto& [jwk, expected] : cases) {
    auto key = ParsePublicJwk(*ctx_, jwk);
    ASSERT_TRUE(key.has_value()) << jwk.dump();
    auto thumbprint = KeyThumbprint(*ctx_, key->get());
    ASSERT_TRUE(thumbprint.has_value()) << jwk.dump();
    EXPECT_EQ(*thumbprint, expected) << jwk.dump();
  }
  EXPECT_FALSE(KeyThumbprint(*ctx_, nullptr).has_value());
}

// RFC 8037 appendix A.3: the thumbprint of the private JWK of A.1 is that of its public part.
TEST_F(JwkThumbprintTest, PrivateMembersIgnoredWorks) {
  auto thumbprint = JwkThumbprint(*ctx_, testing::Rfc8037PrivateJwk());
  ASSERT_TRUE(thumbprint.has_value());
  EXPECT_EQ(*thumbprint, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

// Unsupported key types and malformed keys give kInvalidArgument.
TEST_F(JwkThumbprintTest, MalformedFails) {
  json ec = testing::Rfc7515A3PublicJwk();
  json no_y = ec;
  no_y.erase("y");
  json off_curve = ec;
  off_curve["y"] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5aA";
  const json cases[] = {
      json::array(),
      json{{"kty", "RSA"},
           {"n", "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"},
           {"e", "AQAB"}},
      json{{"kty", "oct"}, {"k", "AAAA"}},
      json{{"crv", "P-256"}},
      no_y,
      off_curve,
  };
  for (const json& jwk : cases) {
    auto thumbprint = JwkThumbprint(*ctx_, jwk);
    ASSERT_FALSE(thumbprint.has_value()) << jwk.dump();
    EXPECT_EQ(thumbprint.error().code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace vci::jose
