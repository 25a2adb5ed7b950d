// did:jwk and did:key resolution against the methods' published test vectors.
#include "crypto/did/did_resolver.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/did/base58.h"
#include "crypto/jose/base64url.h"

namespace vci::did {
namespace {

class DidResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = ossl::Context::Create();
    ASSERT_TRUE(made.has_value());
    ctx_ = std::move(made).value();
  }

  std::unique_ptr<ossl::Context> ctx_;
};

// The P-256 example of the did:jwk specification resolves to the JWK it encodes.
TEST_F(DidResolverTest, DidJwkSpecVectorWorks) {
  constexpr std::string_view kDid =
      "did:jwk:eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6ImFjYklRaXVNczNpOF91c3pFakoydHBUdFJNNEVVM3"
      "l6OTFQSDZDZEgyVjAiLCJ5IjoiX0tjeUxqOXZXTXB0bm1LdG00NkdxRHo4d2Y3NEk1TEtncmwyR3pIM25TRSJ9";
  for (std::string url : {std::string(kDid), std::string(kDid) + "#0"}) {
    auto jwk = ResolveDidKey(*ctx_, url);
    ASSERT_TRUE(jwk.has_value()) << jwk.error().detail();
    EXPECT_EQ((*jwk)["kty"], "EC");
    EXPECT_EQ((*jwk)["crv"], "P-256");
    EXPECT_EQ((*jwk)["x"], "acbIQiuMs3i8_uszEjJ2tpTtRM4EU3yz91PH6CdH2V0");
    EXPECT_EQ((*jwk)["y"], "_KcyLj9vWMptnmKtm46GqDz8wf74I5LKgrl2GzH3nSE");
  }
}

// A P-256 did:key from the did:key method's nist-curves test vectors decompresses to its JWK.
TEST_F(DidResolverTest, DidKeyP256VectorWorks) {
  constexpr std::string_view kDid = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv";
  auto jwk = ResolveDidKey(*ctx_, kDid);
  ASSERT_TRUE(jwk.has_value()) << jwk.error().detail();
  EXPECT_EQ((*jwk)["crv"], "P-256");
  EXPECT_EQ((*jwk)["x"], "igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns");
  EXPECT_EQ((*jwk)["y"], "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM");
  auto with_fragment = ResolveDidKey(
      *ctx_, std::string(kDid) + "#zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv");
  ASSERT_TRUE(with_fragment.has_value());
  EXPECT_EQ(*with_fragment, *jwk);
}

// An Ed25519 did:key resolves to the raw key that its DID document lists as publicKeyBase58.
TEST_F(DidResolverTest, DidKeyEd25519VectorWorks) {
  auto jwk = ResolveDidKey(*ctx_, "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th");
  ASSERT_TRUE(jwk.has_value()) << jwk.error().detail();
  auto raw = Base58BtcDecode("8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K", 64);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ((*jwk)["kty"], "OKP");
  EXPECT_EQ((*jwk)["crv"], "Ed25519");
  EXPECT_EQ((*jwk)["x"], jose::Base64UrlEncode(*raw));
}

// Base58 round-trips, keeps leading zero bytes as '1's, and refuses characters outside the
// alphabet (0, O, I, l).
TEST(Base58Test, RoundTripWorks) {
  Bytes data = {0, 0, 1, 2, 3, 250, 251, 255};
  std::string text = Base58BtcEncode(data);
  EXPECT_EQ(text.substr(0, 2), "11");
  auto back = Base58BtcDecode(text, 64);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, data);
  EXPECT_EQ(Base58BtcEncode(ToBytes("hello world")), "StV1DL6CwTryKyV");
  for (std::string_view bad : {"", "0abc", "Oabc", "Iabc", "labc", "ab c"}) {
    EXPECT_FALSE(Base58BtcDecode(bad, 64).has_value()) << bad;
  }
  EXPECT_FALSE(Base58BtcDecode(std::string(65, '2'), 64).has_value());
}

// Malformed, unsupported and hostile DIDs are refused, never crash.
TEST_F(DidResolverTest, BadDidsFail) {
  // A did:jwk holding a private key: {"kty":"OKP","crv":"Ed25519","x":"...","d":"..."}.
  std::string private_jwk = jose::Base64UrlEncode(
      ToBytes(R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",)"
              R"("d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"})"));
  std::string secp256k1 = jose::Base64UrlEncode(
      ToBytes(R"({"kty":"EC","crv":"secp256k1","x":"J4vQtLUyrVUiFIXRrtEq4xurmBZp2eq9wJmXkIA_stI",)"
              R"("y":"EUU6vXoG3BGX2zzwjXrGDcr4EyDD0Vfk3_5fg5kSgKE"})"));
  for (std::string bad : {
           std::string("did:web:example.com"),
           std::string("did:jwk:"),
           std::string("did:jwk:!!!"),
           std::string("did:jwk:") + jose::Base64UrlEncode(ToBytes("[1,2]")),
           std::string("did:jwk:") + private_jwk,
           std::string("did:jwk:") + secp256k1,
           std::string("did:key:"),
           std::string("did:key:f0123"),
           std::string("did:key:z0OIl"),
           // A secp256k1 did:key (multicodec 0xe7): a type this issuer does not bind to.
           std::string("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"),
           std::string("did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv#other"),
           std::string("did:key:z") + std::string(2000, '2'),
       }) {
    auto jwk = ResolveDidKey(*ctx_, bad);
    ASSERT_FALSE(jwk.has_value()) << bad;
    EXPECT_EQ(jwk.error().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace vci::did
