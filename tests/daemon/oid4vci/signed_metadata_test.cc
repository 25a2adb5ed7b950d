#include "daemon/oid4vci/signed_metadata.h"

#include <gtest/gtest.h>

#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"
#include "crypto/jose/ossl_signer.h"

namespace vci::oid4vci {
namespace {

// Content negotiation (RFC 9110 section 12.5.1): application/jwt wins only when the wallet asks
// for it at least as strongly as for JSON.
TEST(SignedMetadataTest, PrefersJwtFollowsQValues) {
  struct Case {
    std::string_view accept;
    bool jwt;
  };

  for (const Case& c : {Case{"", false}, Case{"application/json", false}, Case{"*/*", false},
                        Case{"application/jwt", true}, Case{"APPLICATION/JWT", true},
                        Case{"application/jwt, application/json", true},
                        Case{"application/json, application/jwt;q=0.5", false},
                        Case{"application/json;q=0.4, application/jwt;q=0.5", true},
                        Case{"application/jwt;q=0", false}, Case{"application/jwt;q=abc", true},
                        Case{" application/jwt ; q=0.9 , */*;q=0.8", true}}) {
    EXPECT_EQ(PrefersJwt(c.accept), c.jwt) << c.accept;
  }
}

// Section 12.2.3: the signed metadata carries typ, kid, sub, iss, iat and every metadata member,
// and verifies with the issuer's key.
TEST(SignedMetadataTest, SignMetadataWorks) {
  auto ctx = std::move(ossl::Context::Create()).value();
  RegisteredSigner signer;
  signer.signer = std::move(jose::OsslSigner::Generate(*ctx, jose::JwsAlgorithm::kEs256)).value();
  signer.kid = "kid-1";
  nlohmann::json metadata = {{"credential_issuer", "https://issuer.test"},
                             {"credential_endpoint", "https://issuer.test/credential"}};
  auto jwt = SignMetadata(metadata, "https://issuer.test", 1767225600, signer);
  ASSERT_TRUE(jwt.has_value());
  auto parsed = jose::ParseCompact(*jwt, 64 * 1024);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->header["typ"], "openidvci-issuer-metadata+jwt");
  EXPECT_EQ(parsed->header["kid"], "kid-1");
  EXPECT_EQ(parsed->header["alg"], "ES256");
  EXPECT_TRUE(
      jose::VerifySignature(*ctx, *parsed, jose::JwsAlgorithm::kEs256, signer.signer->PublicKey())
          .has_value());
  nlohmann::json payload = nlohmann::json::parse(parsed->payload.begin(), parsed->payload.end());
  EXPECT_EQ(payload["sub"], "https://issuer.test");
  EXPECT_EQ(payload["iss"], "https://issuer.test");
  EXPECT_EQ(payload["iat"], 1767225600);
  EXPECT_EQ(payload["credential_endpoint"], "https://issuer.test/credential");
}

}  // namespace
}  // namespace vci::oid4vci
