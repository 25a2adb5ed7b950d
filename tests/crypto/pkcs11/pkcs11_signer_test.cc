#include "crypto/pkcs11/pkcs11_signer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "crypto/jose/jws.h"
#include "crypto/ossl/digest.h"
#include "tests/crypto/pkcs11/softhsm_fixture.h"

namespace vci::pkcs11::testing {
namespace {

using ::testing::HasSubstr;

struct SignCase {
  const char* name;
  KeyKind kind;
  jose::JwsAlgorithm alg;
};

void PrintTo(const SignCase& c, std::ostream* os) {
  *os << c.name;
}

class SignerTestBase : public SoftHsmTest {
 protected:
  // NewSigner generates a key of `kind` and opens a signer for it by the URI GenerateKey reports.
  std::unique_ptr<jose::JwsSigner> NewSigner(KeyKind kind, const std::string& suffix,
                                             std::string* out_uri = nullptr) {
    KeySpec spec;
    spec.kind = kind;
    spec.label = UniqueLabel(suffix);
    Result<KeyInfo> info = token_->GenerateKey(spec);
    EXPECT_TRUE(info.has_value()) << info.error().detail();
    if (!info.has_value()) {
      return nullptr;
    }
    if (out_uri != nullptr) {
      *out_uri = info->uri;
    }
    Result<std::unique_ptr<jose::JwsSigner>> signer = token_->OpenSigner(*ctx_, info->uri);
    EXPECT_TRUE(signer.has_value()) << signer.error().message() << " " << signer.error().detail();
    return signer.has_value() ? std::move(signer).value() : nullptr;
  }

  // VerifyJws checks a compact JWS with `key`, as a relying party would.
  Result<void> VerifyJws(const std::string& jws, jose::JwsAlgorithm alg, const EVP_PKEY* key) {
    VCI_ASSIGN_OR_RETURN(jose::ParsedJws parsed, jose::ParseCompact(jws, 10000));
    return jose::VerifySignature(*ctx_, parsed, alg, key);
  }
};

class Pkcs11SignerTest : public SignerTestBase, public ::testing::WithParamInterface<SignCase> {};

// A JWS signed in the token verifies with OpenSSL from the public key the token exports, and a
// changed payload does not.
TEST_P(Pkcs11SignerTest, SignatureVerifiesWithOpenSsl) {
  std::string uri;
  std::unique_ptr<jose::JwsSigner> signer = NewSigner(GetParam().kind, "key", &uri);
  ASSERT_NE(signer, nullptr);
  EXPECT_EQ(signer->Algorithm(), GetParam().alg);
  Result<std::string> jws = jose::SignCompact(
      {{"typ", "dc+sd-jwt"}}, AsBytes(R"({"iss":"https://issuer.example"})"), *signer);
  ASSERT_TRUE(jws.has_value()) << jws.error().detail();

  Result<ossl::EvpPkeyPtr> exported = token_->PublicKey(*ctx_, uri);
  ASSERT_TRUE(exported.has_value()) << exported.error().detail();
  EXPECT_EQ(::EVP_PKEY_eq(exported->get(), signer->PublicKey()), 1);
  Result<void> verified = VerifyJws(*jws, GetParam().alg, exported->get());
  EXPECT_TRUE(verified.has_value()) << verified.error().detail();

  // Swap the payload for another one: the signature must no longer verify.
  std::string tampered = *jws;
  size_t first_dot = tampered.find('.');
  size_t second_dot = tampered.find('.', first_dot + 1);
  tampered.replace(first_dot + 1, second_dot - first_dot - 1, "eyJpc3MiOiJldmlsIn0");
  EXPECT_FALSE(VerifyJws(tampered, GetParam().alg, exported->get()).has_value());
}

// Eight threads signing at once all get valid signatures, and the pool gives them sessions of
// their own: at least two C_Sign calls are in flight at the same moment.
TEST_P(Pkcs11SignerTest, ConcurrentSigningWorks) {
  std::unique_ptr<jose::JwsSigner> signer = NewSigner(GetParam().kind, "key");
  ASSERT_NE(signer, nullptr);
  fake().sign_delay_us = 2000;
  constexpr int kThreads = 8;
  constexpr int kSignaturesPerThread = 10;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSignaturesPerThread; ++i) {
        std::string payload = "message " + std::to_string(t) + "/" + std::to_string(i);
        Result<std::string> jws =
            jose::SignCompact(nlohmann::json::object(), AsBytes(payload), *signer);
        results[t].push_back(jws.has_value() ? *jws : "failed: " + jws.error().message());
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (const auto& per_thread : results) {
    ASSERT_EQ(per_thread.size(), static_cast<size_t>(kSignaturesPerThread));
    for (const std::string& jws : per_thread) {
      Result<void> verified = VerifyJws(jws, GetParam().alg, signer->PublicKey());
      EXPECT_TRUE(verified.has_value()) << jws;
    }
  }
  EXPECT_EQ(fake().sign_calls.load(), kThreads * kSignaturesPerThread);
  EXPECT_GE(fake().max_sign_in_flight.load(), 2);
}

// A session the token drops before signing is replaced once, and the signature still verifies.
TEST_P(Pkcs11SignerTest, SignAfterSessionLossReopensOnce) {
  std::unique_ptr<jose::JwsSigner> signer = NewSigner(GetParam().kind, "key");
  ASSERT_NE(signer, nullptr);
  int sessions_before = fake().open_session_calls.load();
  fake().session_losses_to_inject = 1;
  Result<std::string> jws =
      jose::SignCompact(nlohmann::json::object(), AsBytes("after a session loss"), *signer);
  ASSERT_TRUE(jws.has_value()) << jws.error().detail();
  EXPECT_EQ(fake().session_losses_to_inject.load(), 0);
  EXPECT_EQ(fake().open_session_calls.load(), sessions_before + 1);
  EXPECT_TRUE(VerifyJws(*jws, GetParam().alg, signer->PublicKey()).has_value());
}

// A session lost twice in a row is not retried again: the caller gets kUnavailable.
TEST_P(Pkcs11SignerTest, RepeatedSessionLossFails) {
  std::unique_ptr<jose::JwsSigner> signer = NewSigner(GetParam().kind, "key");
  ASSERT_NE(signer, nullptr);
  fake().session_losses_to_inject = 2;
  Result<Bytes> signature = signer->Sign(AsBytes("input"));
  ASSERT_FALSE(signature.has_value());
  EXPECT_EQ(signature.error().code(), ErrorCode::kUnavailable);
  EXPECT_THAT(signature.error().detail(), HasSubstr("CKR_SESSION_HANDLE_INVALID"));
  EXPECT_EQ(fake().sign_calls.load(), 0);
  // The pool recovers: the next signature works.
  EXPECT_TRUE(signer->Sign(AsBytes("input")).has_value());
}

INSTANTIATE_TEST_SUITE_P(
    AllAlgorithms, Pkcs11SignerTest,
    ::testing::Values(SignCase{"Es256", KeyKind::kEcP256, jose::JwsAlgorithm::kEs256},
                      SignCase{"Es384", KeyKind::kEcP384, jose::JwsAlgorithm::kEs384},
                      SignCase{"EdDsa", KeyKind::kEd25519, jose::JwsAlgorithm::kEdDsa}),
    [](const ::testing::TestParamInfo<SignCase>& param_info) {
      return std::string(param_info.param.name);
    });

class Pkcs11SignDigestTest : public SignerTestBase {};

class SessionPoolBoundTest : public SignerTestBase {};

// With max_sessions = 2, eight threads never have more than two C_Sign calls in flight, and all
// their signatures still verify.
TEST_F(SessionPoolBoundTest, MaxSessionsBoundsConcurrency) {
  token_.reset();  // One Token per process.
  Result<std::unique_ptr<Token>> token = OpenToken(kUserPin, 2);
  ASSERT_TRUE(token.has_value()) << token.error().detail();
  token_ = std::move(token).value();
  std::unique_ptr<jose::JwsSigner> signer = NewSigner(KeyKind::kEcP256, "key");
  ASSERT_NE(signer, nullptr);
  fake().sign_delay_us = 1000;
  std::atomic<int> num_verified{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        Result<std::string> jws =
            jose::SignCompact(nlohmann::json::object(), AsBytes("bounded"), *signer);
        if (jws.has_value() &&
            VerifyJws(*jws, jose::JwsAlgorithm::kEs256, signer->PublicKey()).has_value()) {
          ++num_verified;
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(num_verified.load(), 40);
  EXPECT_EQ(fake().max_sign_in_flight.load(), 2);
}

// A digest of any length but the algorithm's is refused before it reaches the token (SoftHSM2
// would sign only its first 32 bytes), while the right length signs and verifies.
TEST_F(Pkcs11SignDigestTest, WrongDigestLengthNeverReachesToken) {
  std::unique_ptr<jose::JwsSigner> es256 = NewSigner(KeyKind::kEcP256, "p256");
  std::unique_ptr<jose::JwsSigner> es384 = NewSigner(KeyKind::kEcP384, "p384");
  ASSERT_NE(es256, nullptr);
  ASSERT_NE(es384, nullptr);
  auto* p256 = dynamic_cast<Pkcs11Signer*>(es256.get());
  auto* p384 = dynamic_cast<Pkcs11Signer*>(es384.get());
  ASSERT_NE(p256, nullptr);
  ASSERT_NE(p384, nullptr);

  const Bytes long_input(1000, 0x61);

  const struct {
    Pkcs11Signer* signer;
    size_t len;
  } kRefused[] = {{p256, 0},    {p256, 31}, {p256, 33}, {p256, 48}, {p256, 64},
                  {p256, 1000}, {p384, 32}, {p384, 47}, {p384, 49}, {p384, 1000}};

  for (const auto& c : kRefused) {
    Result<Bytes> signature = c.signer->SignDigest(ByteView(long_input).first(c.len));
    ASSERT_FALSE(signature.has_value()) << c.len;
    EXPECT_EQ(signature.error().code(), ErrorCode::kInvalidArgument) << c.len;
  }
  EXPECT_EQ(fake().sign_calls.load(), 0);

  // The right length signs, once, and the signature verifies over the message hashed on the host.
  Result<ossl::Sha256Digest> digest = ossl::Sha256(*ctx_, long_input);
  ASSERT_TRUE(digest.has_value());
  Result<Bytes> signature = p256->SignDigest(*digest);
  ASSERT_TRUE(signature.has_value()) << signature.error().detail();
  EXPECT_EQ(signature->size(), 64u);
  EXPECT_EQ(fake().sign_calls.load(), 1);
}

}  // namespace
}  // namespace vci::pkcs11::testing
