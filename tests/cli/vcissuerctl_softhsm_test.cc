// End-to-end tests of vcissuerctl on a SoftHSM2 token it initialises itself in a temporary
// directory: token init, keys generate / list / export. Skipped when SoftHSM2 is not installed.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/jose/jwk.h"
#include "crypto/ossl/context.h"
#include "tests/cli/run_binary.h"
#include "tests/cli/temp_dir.h"

namespace vci::cli::testing {
namespace {

using nlohmann::json;

constexpr char kModule[] = "/usr/lib/softhsm/libsofthsm2.so";
constexpr char kLabel[] = "vci-cli-test";
constexpr std::array<std::string_view, 5> kKeyTypes = {"ec-p256", "ec-p384", "ed25519",
                                                       "hmac-sha256", "aes-256"};

class VcissuerctlSoftHsmTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kModule)) {
      return;
    }
    suite_dir = std::make_unique<TempDir>();
    std::string so_pin = suite_dir->Write("so.pin", "so-pin-5678\n");
    pin_file = suite_dir->Write("user.pin", "user-pin-1234\n");
    std::string token_dir = (suite_dir->Path() / "hsm").string();
    init_run = RunVcissuerctl({"token", "init", "--dir", token_dir, "--label", kLabel,
                               "--so-pin-file", so_pin, "--pin-file", pin_file});
    env = {"SOFTHSM2_CONF=" + token_dir + "/softhsm2.conf"};
    std::string state_dir = suite_dir->Path().string();
    std::string token = std::string("pkcs11:token=") + kLabel;
    std::string config = "[issuer]\nidentifier = \"https://issuer.example.com\"\n";
    config += "[pkcs11]\nmodule = \"" + std::string(kModule) + "\"\n";
    config += "token = \"" + token + "\"\n";
    config += "pin_file = \"" + pin_file + "\"\n";
    config += "[keys]\nhmac = \"" + token + ";object=key-hmac-sha256;type=secret-key\"\n";
    config += "[state]\ndirectory = \"" + state_dir + "\"\n";
    config += "[policy]\ndirectory = \"" + state_dir + "\"\n";
    config_path = suite_dir->Write("vcissuer.toml", config);
    for (std::string_view kind : kKeyTypes) {
      std::string type(kind);
      generated[type] =
          Ctl({"keys", "generate", "--type", type, "--label", "key-" + type, "--json"});
    }
  }

  static void TearDownTestSuite() { suite_dir.reset(); }

  void SetUp() override {
    if (suite_dir == nullptr) {
      GTEST_SKIP() << "SoftHSM2 is not installed (" << kModule << ")";
    }
    ASSERT_EQ(init_run.status, 0) << init_run.err;
  }

  // Ctl runs vcissuerctl --config <the test config> `args` on the test token.
  static RunResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_path});
    return RunVcissuerctl(args, env);
  }

  static std::unique_ptr<TempDir> suite_dir;
  static std::string pin_file;
  static std::string config_path;
  static std::vector<std::string> env;
  static RunResult init_run;
  static std::map<std::string, RunResult> generated;
};

std::unique_ptr<TempDir> VcissuerctlSoftHsmTest::suite_dir;
std::string VcissuerctlSoftHsmTest::pin_file;
std::string VcissuerctlSoftHsmTest::config_path;
std::vector<std::string> VcissuerctlSoftHsmTest::env;
RunResult VcissuerctlSoftHsmTest::init_run;
std::map<std::string, RunResult> VcissuerctlSoftHsmTest::generated;

// token init prints the one line to export, pointing into the directory it was given.
TEST_F(VcissuerctlSoftHsmTest, TokenInitPrintsExportLine) {
  EXPECT_EQ(init_run.out, "export SOFTHSM2_CONF='" +
                              (suite_dir->Path() / "hsm" / "softhsm2.conf").string() + "'\n");
  EXPECT_TRUE(std::filesystem::exists(suite_dir->Path() / "hsm" / "softhsm2.conf"));
}

// token init refuses the system token directory.
TEST_F(VcissuerctlSoftHsmTest, TokenInitRefusesSystemDirectory) {
  RunResult run = RunVcissuerctl({"token", "init", "--dir", "/var/lib/softhsm/tokens", "--label",
                                  "x", "--so-pin-file", pin_file, "--pin-file", pin_file});
  EXPECT_NE(run.status, 0);
}

// keys generate makes every key type and prints its KeyInfo; signing keys have a kid.
TEST_F(VcissuerctlSoftHsmTest, GenerateEachTypeWorks) {
  for (std::string_view kind : kKeyTypes) {
    std::string type(kind);
    const RunResult& run = generated[type];
    ASSERT_EQ(run.status, 0) << type << ": " << run.err;
    json key = json::parse(run.out, nullptr, false);
    ASSERT_TRUE(key.is_object()) << run.out;
    EXPECT_EQ(key["type"], type);
    EXPECT_EQ(key["label"], "key-" + type);
    EXPECT_TRUE(key["uri"].get<std::string>().starts_with("pkcs11:")) << key["uri"];
    bool signing = type.starts_with("ec-") || type == "ed25519";
    EXPECT_EQ(key["kid"].is_string(), signing) << type;
  }
}

// keys list --json shows every key sensitive, never extractable and not copyable.
TEST_F(VcissuerctlSoftHsmTest, ListShowsProtectedKeys) {
  RunResult run = Ctl({"keys", "list", "--json"});
  ASSERT_EQ(run.status, 0) << run.err;
  json keys = json::parse(run.out, nullptr, false);
  ASSERT_TRUE(keys.is_array()) << run.out;
  std::vector<std::string> labels;
  for (const json& key : keys) {
    labels.push_back(key["label"]);
    EXPECT_EQ(key["sensitive"], true) << key.dump();
    EXPECT_EQ(key["always_sensitive"], true) << key.dump();
    EXPECT_EQ(key["extractable"], false) << key.dump();
    EXPECT_EQ(key["never_extractable"], true) << key.dump();
    EXPECT_EQ(key["copyable"], false) << key.dump();
    EXPECT_EQ(key["private"], true) << key.dump();
  }
  for (std::string_view kind : kKeyTypes) {
    std::string label = "key-" + std::string(kind);
    EXPECT_NE(std::find(labels.begin(), labels.end(), label), labels.end()) << label;
  }
  RunResult text = Ctl({"keys", "list"});
  EXPECT_EQ(text.status, 0);
  EXPECT_NE(text.out.find("flags: sensitive always-sensitive not-extractable never-extractable "
                          "not-copyable private"),
            std::string::npos)
      << text.out;
}

// keys export --format jwks gives a public JWK whose kid is its RFC 7638 thumbprint, matching
// the kid keys generate printed.
TEST_F(VcissuerctlSoftHsmTest, ExportJwksKidIsThumbprint) {
  Result<std::unique_ptr<ossl::Context>> ctx = ossl::Context::Create();
  ASSERT_TRUE(ctx.has_value());
  for (std::string type : {"ec-p256", "ec-p384", "ed25519"}) {
    RunResult run = Ctl({"keys", "export", "--label", "key-" + type, "--format", "jwks"});
    ASSERT_EQ(run.status, 0) << type << ": " << run.err;
    json jwks = json::parse(run.out, nullptr, false);
    ASSERT_TRUE(jwks.is_object()) << run.out;
    ASSERT_EQ(jwks["keys"].size(), 1U);
    const json& jwk = jwks["keys"][0];
    EXPECT_FALSE(jwk.contains("d"));
    EXPECT_EQ(jwk["use"], "sig");
    Result<std::string> thumbprint = jose::JwkThumbprint(**ctx, jwk);
    ASSERT_TRUE(thumbprint.has_value()) << thumbprint.error().message();
    EXPECT_EQ(jwk["kid"], *thumbprint);
    EXPECT_EQ(jwk["kid"], json::parse(generated[type].out)["kid"]);
  }
}

// PEM export by URI writes a SubjectPublicKeyInfo block.
TEST_F(VcissuerctlSoftHsmTest, ExportPemByUriWorks) {
  std::string uri = json::parse(generated["ec-p256"].out)["uri"];
  RunResult run = Ctl({"keys", "export", "--uri", uri, "--format", "pem"});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("-----BEGIN PUBLIC KEY-----\n")) << run.out;
}

// Secret keys have no public key: exit 2. Unknown labels: exit 5.
TEST_F(VcissuerctlSoftHsmTest, ExportSecretOrUnknownKeyFails) {
  EXPECT_EQ(Ctl({"keys", "export", "--label", "key-hmac-sha256"}).status, 2);
  EXPECT_EQ(Ctl({"keys", "export", "--label", "no-such-key"}).status, 5);
}

// A second key with the same label is refused: exit 8.
TEST_F(VcissuerctlSoftHsmTest, DuplicateLabelFails) {
  RunResult run = Ctl({"keys", "generate", "--type", "ec-p256", "--label", "key-ec-p256"});
  EXPECT_EQ(run.status, 8) << run.err;
}

// A wrong PIN (from --pin-file) is refused: exit 4.
TEST_F(VcissuerctlSoftHsmTest, WrongPinExitsFour) {
  std::string wrong = suite_dir->Write("wrong.pin", "not-the-pin\n");
  RunResult run = Ctl({"keys", "list", "--pin-file", wrong});
  EXPECT_EQ(run.status, 4) << run.err;
}

// PolicyFor returns a one-configuration policy whose signing key is `label` with `alg`.
std::string PolicyFor(const std::string& label, const std::string& alg) {
  return "[[credential_configuration]]\nid = \"badge\"\nformat = \"dc+sd-jwt\"\n"
         "vct = \"urn:example:badge:1\"\n"
         "signing_key = \"pkcs11:token=" +
         std::string(kLabel) + ";object=" + label + ";type=private\"\nsigning_alg = \"" + alg +
         "\"\nvalidity = \"30d\"\ndisplay = [ { locale = \"en\", name = \"Badge\" } ]\n"
         "[[credential_configuration.claim]]\nname = \"given_name\"\ntype = \"string\"\n";
}

// policy check --check-keys opens each signing key with the daemon's checks: a present key of the
// right type passes; a missing key or one whose type does not fit signing_alg exits 3 and says so.
TEST_F(VcissuerctlSoftHsmTest, PolicyCheckKeysWorks) {
  std::string good = suite_dir->Write("good.toml", PolicyFor("key-ec-p256", "ES256"));
  RunResult ok = Ctl({"policy", "check", good, "--check-keys"});
  EXPECT_EQ(ok.status, 0) << ok.err;

  std::string missing = suite_dir->Write("missing.toml", PolicyFor("no-such-key", "ES256"));
  RunResult absent = Ctl({"policy", "check", missing, "--check-keys"});
  EXPECT_EQ(absent.status, 3);
  EXPECT_NE(absent.err.find("signing_key of credential_configuration 'badge'"), std::string::npos)
      << absent.err;

  std::string wrong = suite_dir->Write("wrong.toml", PolicyFor("key-ec-p384", "ES256"));
  RunResult mismatch = Ctl({"policy", "check", wrong, "--check-keys"});
  EXPECT_EQ(mismatch.status, 3);
  EXPECT_NE(mismatch.err.find("the key signs ES384, not the configured signing_alg ES256"),
            std::string::npos)
      << mismatch.err;
}

// keys destroy refuses a key the configuration uses unless forced with a reason, and destroys
// an unused key once confirmed with --yes.
TEST_F(VcissuerctlSoftHsmTest, DestroyRulesWork) {
  RunResult in_use = Ctl({"keys", "destroy", "--label", "key-hmac-sha256", "--yes"});
  EXPECT_EQ(in_use.status, 7);
  EXPECT_NE(in_use.err.find("is in use"), std::string::npos) << in_use.err;

  ASSERT_EQ(Ctl({"keys", "generate", "--type", "ec-p256", "--label", "doomed"}).status, 0);
  RunResult unconfirmed = Ctl({"keys", "destroy", "--label", "doomed"});
  EXPECT_EQ(unconfirmed.status, 7) << "no terminal and no --yes: nothing is destroyed";
  RunResult destroyed = Ctl({"keys", "destroy", "--label", "doomed", "--yes"});
  EXPECT_EQ(destroyed.status, 0) << destroyed.err;
  EXPECT_EQ(Ctl({"keys", "destroy", "--label", "doomed", "--yes"}).status, 5);
}

}  // namespace
}  // namespace vci::cli::testing
