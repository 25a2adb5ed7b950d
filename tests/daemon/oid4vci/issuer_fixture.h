// IssuerFixture: a complete IssuerContext on fakes (clock, HMAC key) with a real SQLite store in a
// temporary directory, a real policy parsed from text and an OpenSSL issuer key, so the protocol
// services can be tested without HTTP or an HSM.
#ifndef VCISSUER_TESTS_DAEMON_OID4VCI_ISSUER_FIXTURE_H_
#define VCISSUER_TESTS_DAEMON_OID4VCI_ISSUER_FIXTURE_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "crypto/jose/ossl_signer.h"
#include "daemon/oid4vci/issuer_context.h"
#include "daemon/store/sqlite_store.h"
#include "policy/policy_loader.h"
#include "tests/fakes/fake_clock.h"
#include "tests/fakes/fake_mac_key.h"

namespace vci::oid4vci {

inline constexpr std::string_view kTestIssuer = "https://issuer.test";
inline constexpr std::string_view kSignerUri = "pkcs11:token=t;object=signer;type=private";

inline constexpr std::string_view kTestPolicy = R"toml(
[[credential_configuration]]
id = "badge"
format = "dc+sd-jwt"
vct = "https://credentials.example.com/badge"
signing_key = "pkcs11:token=t;object=signer;type=private"
signing_alg = "ES256"
validity = "1d"
proof_algs = ["ES256", "EdDSA"]
tx_code = { mode = "optional", input_mode = "numeric", length = 6, max_attempts = 3 }
display = [ { locale = "en", name = "Badge" } ]

  [[credential_configuration.claim]]
  name = "given_name"
  type = "string"
  required = true

  [[credential_configuration.claim]]
  name = "employee_id"
  type = "string"
  required = true
  selectively_disclosable = false

  [[credential_configuration.claim]]
  name = "age"
  type = "integer"

[[credential_configuration]]
id = "other"
format = "dc+sd-jwt"
vct = "https://credentials.example.com/other"
signing_key = "pkcs11:token=t;object=signer;type=private"
signing_alg = "ES256"
validity = "1d"
tx_code = { mode = "required", input_mode = "text", length = 8 }
display = [ { locale = "en", name = "Other" } ]

  [[credential_configuration.claim]]
  name = "name"
  type = "string"
  required = true

[[client]]
name = "hr"
token_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
configurations = ["badge", "other"]

[[client]]
name = "limited"
token_sha256 = "7b508dace774f8adc1b121c1812b740904be6dfd37e3b5e3579bc81fbf6f5553"
configurations = ["badge"]
)toml";

class IssuerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("vci-issuer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);

    ossl_ = std::move(ossl::Context::Create()).value();
    auto policy = policy::ParsePolicyText(kTestPolicy, "test.toml");
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    policy_ = std::make_unique<PolicyHolder>(
        std::make_shared<const policy::Policy>(std::move(policy).value()));

    auto store = store::SqliteStore::Open((dir_ / "state.db").string(), 4);
    ASSERT_TRUE(store.has_value()) << store.error().detail();
    store_ = std::move(store).value();

    auto mac = std::make_unique<testing::FakeMacKey>(Bytes{0xab, 0xcd}, Bytes(32, 0x5a));
    mac_key_ = mac.get();
    std::vector<std::unique_ptr<MacKey>> keys;
    keys.push_back(std::move(mac));
    keyring_ = std::make_unique<MacKeyring>(std::move(keys));

    auto signer = jose::OsslSigner::Generate(*ossl_, jose::JwsAlgorithm::kEs256);
    ASSERT_TRUE(signer.has_value());
    ASSERT_TRUE(
        signers_.Add(*ossl_, std::string(kSignerUri), std::move(signer).value()).has_value());

    IssuerSettings settings;
    settings.credential_issuer = std::string(kTestIssuer);
    settings.offer_lifetime = std::chrono::seconds(600);
    context_ = std::make_unique<IssuerContext>(
        IssuerContext{settings, *policy_, *store_, *keyring_, signers_, *ossl_, clock_, random_});
  }

  void TearDown() override {
    context_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // RemoveBadgeConfiguration reloads the test policy without the "badge" configuration (and
  // without the client that could offer only it), as an officer's policy change would.
  void RemoveBadgeConfiguration() {
    std::string text(kTestPolicy);
    size_t badge = text.find("[[credential_configuration]]");
    size_t other = text.find("[[credential_configuration]]", badge + 1);
    text.erase(badge, other - badge);
    text.replace(text.find("configurations = [\"badge\", \"other\"]"),
                 std::string("configurations = [\"badge\", \"other\"]").size(),
                 "configurations = [\"other\"]");
    text.erase(text.find("[[client]]\nname = \"limited\""));
    auto policy = policy::ParsePolicyText(text, "t.toml");
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    policy_->Set(std::make_shared<const policy::Policy>(std::move(policy).value()));
  }

  const policy::Client& Client(std::string_view name) {
    for (const auto& client : policy_->Get()->clients) {
      if (client.name == name) {
        return client;
      }
    }
    ADD_FAILURE() << "no client " << name;
    return policy_->Get()->clients.front();
  }

  std::filesystem::path dir_;
  std::unique_ptr<ossl::Context> ossl_;
  std::unique_ptr<PolicyHolder> policy_;
  std::unique_ptr<store::SqliteStore> store_;
  testing::FakeMacKey* mac_key_ = nullptr;  // owned by keyring_
  std::unique_ptr<MacKeyring> keyring_;
  SignerRegistry signers_;
  testing::FakeClock clock_;
  CsprngRandom random_;
  std::unique_ptr<IssuerContext> context_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_TESTS_DAEMON_OID4VCI_ISSUER_FIXTURE_H_
