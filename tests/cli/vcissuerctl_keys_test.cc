// vcissuerctl's key sets on a SoftHSM2 token in a temporary directory: create-set, rotate (with a
// lead time and with --now), show, activate, retire, and the audit trail they leave.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/run_binary.h"
#include "tests/cli/temp_dir.h"

namespace vci::cli::testing {
namespace {

using nlohmann::json;

constexpr char kModule[] = "/usr/lib/softhsm/libsofthsm2.so";
constexpr char kLabel[] = "vci-keys-test";

class VcissuerctlKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // SoftHSM2 is installed by scripts/setup-deps.sh; its absence is a failure, not a skip.
    ASSERT_TRUE(std::filesystem::exists(kModule)) << kModule;
    dir_ = std::make_unique<TempDir>();
    std::string so_pin = dir_->Write("so.pin", "so-pin-5678\n");
    std::string pin_file = dir_->Write("user.pin", "user-pin-1234\n");
    std::string token_dir = (dir_->Path() / "hsm").string();
    RunResult init = RunVcissuerctl({"token", "init", "--dir", token_dir, "--label", kLabel,
                                     "--so-pin-file", so_pin, "--pin-file", pin_file});
    ASSERT_EQ(init.status, 0) << init.err;
    env_ = {"SOFTHSM2_CONF=" + token_dir + "/softhsm2.conf"};
    std::string state_dir = dir_->Path().string();
    std::string token = std::string("pkcs11:token=") + kLabel;
    std::string config = "[issuer]\nidentifier = \"https://issuer.example.com\"\n";
    config += "[pkcs11]\nmodule = \"" + std::string(kModule) + "\"\n";
    config += "token = \"" + token + "\"\npin_file = \"" + pin_file + "\"\n";
    config += "[keys]\nhmac = \"" + token + ";object=hmac;type=secret-key\"\n";
    config += "[state]\ndirectory = \"" + state_dir + "\"\n";
    config += "[policy]\ndirectory = \"" + state_dir + "\"\n";
    config_path_ = dir_->Write("vcissuer.toml", config);
  }

  RunResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_path_});
    return RunVcissuerctl(args, env_);
  }

  // Members returns the set's members as `keys show --json` prints them.
  json Members(const std::string& set) {
    RunResult run = Ctl({"keys", "show", "--set", set, "--json"});
    EXPECT_EQ(run.status, 0) << run.err;
    json sets = json::parse(run.out, nullptr, false);
    EXPECT_TRUE(sets.is_array() && sets.size() == 1) << run.out;
    return sets.is_array() && !sets.empty() ? sets[0]["members"] : json::array();
  }

  std::unique_ptr<TempDir> dir_;
  std::vector<std::string> env_;
  std::string config_path_;
};

// A full officer rotation: first key active at once, second key next for 24 hours, then
// activated by hand; the old key retires only once forced with a reason.
TEST_F(VcissuerctlKeysTest, RotationLifecycleWorks) {
  RunResult created = Ctl({"keys", "create-set", "--set", "badge"});
  ASSERT_EQ(created.status, 0) << created.err;
  EXPECT_EQ(Ctl({"keys", "create-set", "--set", "badge"}).status, 8);

  RunResult first = Ctl({"keys", "rotate", "--set", "badge", "--type", "ec-p256", "--label",
                         "badge-1", "--now", "--json"});
  ASSERT_EQ(first.status, 0) << first.err;
  json one = json::parse(first.out, nullptr, false);
  ASSERT_TRUE(one.is_object()) << first.out;
  EXPECT_EQ(one["state"], "active");
  EXPECT_EQ(one["label"], "badge-1");
  // The kid is the RFC 7638 thumbprint keys export prints for the same key.
  RunResult exported = Ctl({"keys", "export", "--label", "badge-1"});
  ASSERT_EQ(exported.status, 0) << exported.err;
  EXPECT_EQ(json::parse(exported.out)["kid"], one["kid"]);

  RunResult second = Ctl(
      {"keys", "rotate", "--set", "badge", "--type", "ec-p256", "--label", "badge-2", "--json"});
  ASSERT_EQ(second.status, 0) << second.err;
  json two = json::parse(second.out, nullptr, false);
  EXPECT_EQ(two["state"], "next");
  EXPECT_EQ(two["activate_at"].get<int64_t>() - two["created_at"].get<int64_t>(), 86400);

  // The active key cannot retire; retiring the next key would be allowed, so activate it.
  RunResult refused = Ctl({"keys", "retire", "--label", "badge-1"});
  EXPECT_EQ(refused.status, 7) << refused.err;
  EXPECT_NE(refused.err.find("active key of badge"), std::string::npos) << refused.err;

  RunResult activated = Ctl({"keys", "activate", "--label", "badge-2"});
  ASSERT_EQ(activated.status, 0) << activated.err;
  json members = Members("badge");
  ASSERT_EQ(members.size(), 2U) << members;
  EXPECT_EQ(members[0]["label"], "badge-1");
  EXPECT_EQ(members[0]["state"], "retiring");
  EXPECT_EQ(members[1]["state"], "active");

  // No credential was issued under badge-1, so it retires without --force.
  RunResult retired = Ctl({"keys", "retire", "--id", members[0]["key_id"]});
  ASSERT_EQ(retired.status, 0) << retired.err;
  EXPECT_EQ(Members("badge")[0]["state"], "retired");
  EXPECT_EQ(Ctl({"keys", "activate", "--label", "badge-1"}).status, 7);
  EXPECT_EQ(Ctl({"keys", "retire", "--label", "badge-2", "--force"}).status, 2);
}

// Every operation, and every refusal, is in the audit trail with the unix user who ran it.
TEST_F(VcissuerctlKeysTest, AuditRecordsOperationsAndRefusals) {
  ASSERT_EQ(Ctl({"keys", "create-set", "--set", "badge"}).status, 0);
  ASSERT_EQ(Ctl({"keys", "rotate", "--set", "badge", "--type", "ed25519", "--now"}).status, 0);
  EXPECT_EQ(Ctl({"keys", "rotate", "--set", "nope", "--type", "ed25519"}).status, 5);
  RunResult refused = Ctl({"keys", "activate", "--label", "no-such-key"});
  EXPECT_EQ(refused.status, 5);

  RunResult audit = Ctl({"audit", "--json"});
  ASSERT_EQ(audit.status, 0) << audit.err;
  json events = json::parse(audit.out, nullptr, false);
  ASSERT_TRUE(events.is_array()) << audit.out;
  std::vector<std::string> seen;
  for (const json& event : events) {
    seen.push_back(event["operation"].get<std::string>() + ":" +
                   event["outcome"].get<std::string>());
    EXPECT_FALSE(event["unix_user"].get<std::string>().empty());
  }
  std::vector<std::string> expected = {"create-set:ok", "generate:ok", "add:ok", "activate:ok",
                                       "activate:failed"};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(events[2]["set"], "badge");
  EXPECT_EQ(events[2]["key_id"], events[1]["key_id"]);

  RunResult last = Ctl({"audit", "--limit", "1"});
  ASSERT_EQ(last.status, 0);
  EXPECT_NE(last.out.find(" activate failed "), std::string::npos) << last.out;
  RunResult issuance = Ctl({"audit", "--issuance", "--json"});
  ASSERT_EQ(issuance.status, 0) << issuance.err;
  EXPECT_EQ(issuance.out, "[]\n");
}

// A key made by another tool with weaker attributes (pkcs11-tool leaves CKA_COPYABLE true) is
// refused by keys add, naming the attribute; a key from keys generate joins the set.
TEST_F(VcissuerctlKeysTest, AddRefusesWeakKeys) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/pkcs11-tool"));
  ASSERT_EQ(Ctl({"keys", "create-set", "--set", "badge"}).status, 0);
  std::string command = "SOFTHSM2_CONF='" + (dir_->Path() / "hsm" / "softhsm2.conf").string() +
                        "' pkcs11-tool --module " + kModule + " --token-label " + kLabel +
                        " --login --pin user-pin-1234 --keypairgen --key-type EC:prime256v1"
                        " --label foreign --id 0f0f >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  RunResult listed = Ctl({"keys", "list", "--json"});
  ASSERT_EQ(listed.status, 0) << listed.err;
  json keys = json::parse(listed.out, nullptr, false);
  ASSERT_TRUE(keys.is_array() && keys.size() == 1) << listed.out;
  ASSERT_EQ(keys[0]["label"], "foreign");
  EXPECT_EQ(keys[0]["copyable"], true);

  RunResult refused = Ctl({"keys", "add", "--set", "badge", "--label", "foreign", "--now"});
  EXPECT_EQ(refused.status, 7);
  EXPECT_NE(refused.err.find("CKA_COPYABLE must be false"), std::string::npos) << refused.err;
  EXPECT_TRUE(Members("badge").empty());

  ASSERT_EQ(Ctl({"keys", "generate", "--type", "ec-p384", "--label", "good"}).status, 0);
  RunResult added = Ctl({"keys", "add", "--set", "badge", "--label", "good", "--lead-time", "1h"});
  ASSERT_EQ(added.status, 0) << added.err;
  json members = Members("badge");
  ASSERT_EQ(members.size(), 1U);
  EXPECT_EQ(members[0]["state"], "next");
  EXPECT_EQ(members[0]["activate_at"].get<int64_t>() - members[0]["created_at"].get<int64_t>(),
            3600);
}

}  // namespace
}  // namespace vci::cli::testing
