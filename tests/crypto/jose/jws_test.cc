#include "crypto/jose/jws.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "crypto/jose/base64url.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/ossl_signer.h"
#include "tests/crypto/jose/test_keys.h"

namespace vci::jose {
namespace {

using nlohmann::json;

constexpr size_t kMaxLen = 16 * 1024;

// RFC 7515 appendix A.3.1: the ES256 example JWS.
constexpr std::string_view kA3Header = "eyJhbGciOiJFUzI1NiJ9";
constexpr std::string_view kA3Payload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl"
    "fQ";
constexpr std::string_view kA3Signature =
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

// RFC 8037 appendix A.4: the Ed25519 signature of "Example of Ed25519 signing".
constexpr std::string_view kRfc8037Jws =
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvM"
    "g3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

std::string Join(std::string_view header, std::string_view payload, std::string_view signature) {
  return std::string(header) + "." + std::string(payload) + "." + std::string(signature);
}

std::string A3() {
  return Join(kA3Header, kA3Payload, kA3Signature);
}

class JwsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ctx = ossl::Context::Create();
    ASSERT_TRUE(ctx.has_value());
    ctx_ = std::move(*ctx);
    auto key = ParsePublicJwk(*ctx_, testing::Rfc7515A3PublicJwk());
    ASSERT_TRUE(key.has_value());
    a3_key_ = std::move(*key);
  }

  // Verify parses `jws` and checks it with `key` for `alg`.
  Result<void> Verify(std::string_view jws, JwsAlgorithm alg, const EVP_PKEY* key) {
    VCI_ASSIGN_OR_RETURN(ParsedJws parsed, ParseCompact(jws, kMaxLen));
    return VerifySignature(*ctx_, parsed, alg, key);
  }

  std::unique_ptr<ossl::Context> ctx_;
  ossl::EvpPkeyPtr a3_key_;
};

// RFC 7515 appendix A.3 verifies with the RFC's key, and the payload is the RFC's octets.
TEST_F(JwsTest, Rfc7515A3Works) {
  auto parsed = ParseCompact(A3(), kMaxLen);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().detail();
  EXPECT_EQ(parsed->header, json({{"alg", "ES256"}}));
  EXPECT_EQ(AsString(parsed->payload),
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
  EXPECT_EQ(parsed->signature.size(), 64u);
  auto verified = VerifySignature(*ctx_, *parsed, JwsAlgorithm::kEs256, a3_key_.get());
  EXPECT_TRUE(verified.has_value()) << verified.error().detail();
}

// RFC 8037 appendix A.4: signing with the A.1 key gives the RFC's JWS byte for byte (Ed25519 is
// deterministic), and it verifies with the A.2 public key.
TEST_F(JwsTest, Rfc8037A4Works) {
  auto signer = OsslSigner::FromPrivateJwk(*ctx_, testing::Rfc8037PrivateJwk());
  ASSERT_TRUE(signer.has_value()) << signer.error().detail();
  EXPECT_EQ((*signer)->Algorithm(), JwsAlgorithm::kEdDsa);
  auto jws = SignCompact(json::object(), AsBytes("Example of Ed25519 signing"), **signer);
  ASSERT_TRUE(jws.has_value());
  EXPECT_EQ(*jws, kRfc8037Jws);

  auto public_key = ParsePublicJwk(*ctx_, testing::Rfc8037PublicJwk());
  ASSERT_TRUE(public_key.has_value());
  EXPECT_TRUE(Verify(kRfc8037Jws, JwsAlgorithm::kEdDsa, public_key->get()).has_value());
}

class JwsRoundTripTest : public JwsTest, public ::testing::WithParamInterface<JwsAlgorithm> {};

// A JWS made by OsslSigner verifies with the signer's public key and carries the right "alg".
TEST_P(JwsRoundTripTest, SignThenVerifyWorks) {
  auto signer = OsslSigner::Generate(*ctx_, GetParam());
  ASSERT_TRUE(signer.has_value()) << signer.error().detail();
  auto jws = SignCompact(json{{"typ", "JWT"}, {"alg", "none"}}, AsBytes("{\"a\":1}"), **signer);
  ASSERT_TRUE(jws.has_value()) << jws.error().detail();
  auto parsed = ParseCompact(*jws, kMaxLen);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->header["alg"], JwsAlgorithmName(GetParam()));
  EXPECT_EQ(parsed->header["typ"], "JWT");
  auto verified = VerifySignature(*ctx_, *parsed, GetParam(), (*signer)->PublicKey());
  EXPECT_TRUE(verified.has_value()) << verified.error().detail();

  // The same JWS does not verify under another fresh key of the same type.
  auto other = OsslSigner::Generate(*ctx_, GetParam());
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(VerifySignature(*ctx_, *parsed, GetParam(), (*other)->PublicKey()).has_value());
}

INSTANTIATE_TEST_SUITE_P(Algorithms, JwsRoundTripTest,
                         ::testing::Values(JwsAlgorithm::kEs256, JwsAlgorithm::kEs384,
                                           JwsAlgorithm::kEdDsa));

// "none", MAC and RSA algorithms, and wrongly cased names, are not algorithms this code knows.
TEST(JwsAlgorithmTest, UnsupportedAlgorithmFails) {
  for (std::string_view name : {"none", "None", "HS256", "HS384", "HS512", "RS256", "PS256",
                                "ES512", "es256", "EDDSA", "Ed25519", "", "ES256 "}) {
    auto alg = ParseJwsAlgorithm(name);
    ASSERT_FALSE(alg.has_value()) << name;
    EXPECT_EQ(alg.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(ParseJwsAlgorithm("ES256").value(), JwsAlgorithm::kEs256);
  EXPECT_EQ(ParseJwsAlgorithm("ES384").value(), JwsAlgorithm::kEs384);
  EXPECT_EQ(ParseJwsAlgorithm("EdDSA").value(), JwsAlgorithm::kEdDsa);
}

// A.3's signature under a header naming another algorithm ("none", HS256, ES384) is refused.
TEST_F(JwsTest, HeaderAlgorithmMismatchFails) {
  for (std::string_view alg : {"none", "HS256", "ES384", "RS256"}) {
    std::string header = Base64UrlEncode(AsBytes("{\"alg\":\"" + std::string(alg) + "\"}"));
    auto result =
        Verify(Join(header, kA3Payload, kA3Signature), JwsAlgorithm::kEs256, a3_key_.get());
    ASSERT_FALSE(result.has_value()) << alg;
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
  }
  // Verifying as ES384 with the P-256 key is refused too.
  EXPECT_FALSE(Verify(A3(), JwsAlgorithm::kEs384, a3_key_.get()).has_value());
  EXPECT_FALSE(Verify(A3(), JwsAlgorithm::kEs256, nullptr).has_value());
}

// Anything but three '.'-separated segments of strict base64url with an object header is refused.
TEST_F(JwsTest, MalformedCompactFails) {
  const std::string cases[] = {
      "",
      "..",
      "abc",
      std::string(kA3Header) + "." + std::string(kA3Payload),
      A3() + ".",
      A3() + "." + std::string(kA3Signature),
      "." + std::string(kA3Payload) + "." + std::string(kA3Signature),
      Join(std::string(kA3Header) + "=", kA3Payload, kA3Signature),
      Join(kA3Header, kA3Payload, std::string(kA3Signature) + "B"),  // Non-zero unused bits.
      Join(Base64UrlEncode(AsBytes("[\"ES256\"]")), kA3Payload, kA3Signature),
      Join(Base64UrlEncode(AsBytes("{\"typ\":\"JWT\"}")), kA3Payload, kA3Signature),
      Join(Base64UrlEncode(AsBytes("{\"alg\":256}")), kA3Payload, kA3Signature),
      Join(Base64UrlEncode(AsBytes("{\"alg\":\"ES256\",\"alg\":\"none\"}")), kA3Payload,
           kA3Signature),
      Join(Base64UrlEncode(AsBytes("{\"alg\":\"ES256\"")), kA3Payload, kA3Signature),
  };
  for (const std::string& jws : cases) {
    auto parsed = ParseCompact(jws, kMaxLen);
    ASSERT_FALSE(parsed.has_value()) << jws;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(ParseCompact(A3(), A3().size() - 1).has_value());
  EXPECT_TRUE(ParseCompact(A3(), A3().size()).has_value());
}

// Signatures of the wrong length (DER-sized, truncated, padded, ES384-sized, empty) are refused.
TEST_F(JwsTest, WrongSignatureLengthFails) {
  auto signature = Base64UrlDecode(kA3Signature, 64);
  ASSERT_TRUE(signature.has_value());
  Bytes short_sig(signature->begin(), signature->end() - 1);
  Bytes long_sig = *signature;
  long_sig.push_back(0);
  Bytes es384_sized(96, 1);
  for (const Bytes& sig : {short_sig, long_sig, es384_sized, Bytes{}}) {
    auto result = Verify(Join(kA3Header, kA3Payload, Base64UrlEncode(sig)), JwsAlgorithm::kEs256,
                         a3_key_.get());
    ASSERT_FALSE(result.has_value()) << sig.size();
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
  }
}

// A changed payload, a flipped signature bit or an all-zero r||s no longer verifies.
TEST_F(JwsTest, TamperedFails) {
  std::string payload = Base64UrlEncode(AsBytes(
      "{\"iss\":\"joe\",\r\n \"exp\":1300819381,\r\n \"http://example.com/is_root\":true}"));
  EXPECT_FALSE(Verify(Join(kA3Header, payload, kA3Signature), JwsAlgorithm::kEs256, a3_key_.get())
                   .has_value());

  auto signature = Base64UrlDecode(kA3Signature, 64);
  ASSERT_TRUE(signature.has_value());
  Bytes flipped = *signature;
  flipped[10] ^= 0x01;
  EXPECT_FALSE(Verify(Join(kA3Header, kA3Payload, Base64UrlEncode(flipped)), JwsAlgorithm::kEs256,
                      a3_key_.get())
                   .has_value());
  EXPECT_FALSE(Verify(Join(kA3Header, kA3Payload, Base64UrlEncode(Bytes(64, 0))),
                      JwsAlgorithm::kEs256, a3_key_.get())
                   .has_value());

  std::string ed_tampered(kRfc8037Jws);
  ed_tampered[25] = ed_tampered[25] == 'A' ? 'B' : 'A';
  auto public_key = ParsePublicJwk(*ctx_, testing::Rfc8037PublicJwk());
  ASSERT_TRUE(public_key.has_value());
  EXPECT_FALSE(Verify(ed_tampered, JwsAlgorithm::kEdDsa, public_key->get()).has_value());
}

// A header that is not an object cannot be signed.
TEST_F(JwsTest, SignNonObjectHeaderFails) {
  auto signer = OsslSigner::Generate(*ctx_, JwsAlgorithm::kEs256);
  ASSERT_TRUE(signer.has_value());
  auto jws = SignCompact(json::array(), AsBytes("x"), **signer);
  ASSERT_FALSE(jws.has_value());
  EXPECT_EQ(jws.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace vci::jose
