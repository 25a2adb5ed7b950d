// End-to-end tests of the vcissuerctl binary that need no HSM: usage, `policy check`, and
// `offer create` against a fake admin API.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "tests/cli/fake_admin_server.h"
#include "tests/cli/run_binary.h"
#include "tests/cli/temp_dir.h"

namespace vci::cli::testing {
namespace {

using nlohmann::json;

// --help is a success and documents the exit statuses.
TEST(VcissuerctlTest, HelpWorks) {
  RunResult run = RunVcissuerctl({"--help"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("offer"), std::string::npos);
  EXPECT_NE(run.out.find("3 configuration or policy invalid"), std::string::npos);
  for (const char* group : {"token", "keys", "offer", "policy"}) {
    EXPECT_EQ(RunVcissuerctl({group, "--help"}).status, 0) << group;
  }
  EXPECT_EQ(RunVcissuerctl({"offer", "create", "--help"}).status, 0);
}

// A command line that does not parse exits 2.
TEST(VcissuerctlTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunVcissuerctl({}).status, 2);
  EXPECT_EQ(RunVcissuerctl({"frobnicate"}).status, 2);
  EXPECT_EQ(RunVcissuerctl({"keys", "generate", "--label", "x"}).status, 2);
  EXPECT_EQ(RunVcissuerctl({"keys", "export", "--format", "der", "--label", "x"}).status, 2);
  EXPECT_EQ(RunVcissuerctl({"keys", "export", "--label", "x", "--uri", "pkcs11:"}).status, 2);
}

// A missing configuration file is a configuration problem: exit 3.
TEST(VcissuerctlTest, MissingConfigExitsThree) {
  RunResult run = RunVcissuerctl({"--config", "/nonexistent/vcissuer.toml", "keys", "list"});
  EXPECT_EQ(run.status, 3) << run.err;
}

// The shipped example policy is valid.
TEST(VcissuerctlTest, PolicyCheckExamplesWorks) {
  RunResult run =
      RunVcissuerctl({"policy", "check", std::string(VCI_SOURCE_DIR) + "/examples/policy"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(std::regex_search(
      run.out, std::regex(": valid: [1-9][0-9]* configurations, [0-9]+ clients\n$")))
      << run.out;
}

// A broken policy file exits 3 and names file, line and column.
TEST(VcissuerctlTest, PolicyCheckBrokenFileFails) {
  TempDir dir;
  std::string file = dir.Write("broken.toml",
                               "[[credential_configuration]]\n"
                               "id = \"badge\"\n"
                               "format = \n");
  RunResult run = RunVcissuerctl({"policy", "check", file});
  EXPECT_EQ(run.status, 3) << run.err;
  EXPECT_TRUE(std::regex_search(run.err, std::regex("broken\\.toml:3:[0-9]+: "))) << run.err;
  EXPECT_TRUE(run.out.empty());
}

// A directory with a broken file is invalid too; a missing path is "not found".
TEST(VcissuerctlTest, PolicyCheckDirectoryAndMissingPath) {
  TempDir dir;
  static_cast<void>(dir.Write("10-bad.toml", "[[client]]\nname = 42\n"));
  RunResult run = RunVcissuerctl({"policy", "check", dir.Path().string()});
  EXPECT_EQ(run.status, 3) << run.err;
  EXPECT_TRUE(std::regex_search(run.err, std::regex("10-bad\\.toml:[0-9]+:[0-9]+: "))) << run.err;
  EXPECT_EQ(RunVcissuerctl({"policy", "check", "/nonexistent/policy.toml"}).status, 5);
}

constexpr char kTypes[] = R"({"credential_configurations":[{"id":"personal_id",
  "claims":[{"name":"given_name","type":"string"},{"name":"age","type":"integer"},
            {"name":"over_18","type":"boolean"}]}]})";

constexpr char kCreated[] = R"({"offer_id":"o-1","credential_offer_uri":"https://i.example/o/o-1",
  "offer_link":"openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo%2Fo-1",
  "expires_at":1767225600,"tx_code":"493817"})";

constexpr char kToken[] = "client-token-6f1d2c";

class OfferCreateTest : public ::testing::Test {
 protected:
  RunResult Run(FakeAdminServer& server, std::vector<std::string> extra) {
    std::vector<std::string> args = {"offer",        "create",    "--admin-url",     server.Url(),
                                     "--token-file", token_file_, "--configuration", "personal_id"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunVcissuerctl(args);
  }

  TempDir dir_;
  std::string token_file_ = dir_.Write("token", std::string(kToken) + "\n");
};

// A converted, typed claims object is POSTed and exactly one JSON line is printed; --qr draws on
// stderr; the bearer token is sent and never printed.
TEST_F(OfferCreateTest, CreatesOfferWorks) {
  FakeAdminServer server({{"/types", {200, kTypes}}, {"/offers", {201, kCreated}}});
  RunResult run = Run(server, {"--claim", "given_name=Erika", "--claim", "age=42", "--claim",
                               "over_18=true", "--tx-code", "--expires-in", "15m", "--qr"});
  ASSERT_EQ(run.status, 0) << run.err;

  ASSERT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1) << run.out;
  EXPECT_EQ(run.out,
            R"({"offer_id":"o-1","credential_offer_uri":"https://i.example/o/o-1",)"
            R"("offer_link":"openid-credential-offer://?credential_offer_uri=https%3A%2F%2F)"
            R"(i.example%2Fo%2Fo-1","tx_code":"493817","expires_at":1767225600})"
            "\n");
  EXPECT_NE(run.err.find("\u2588"), std::string::npos);
  EXPECT_EQ(run.out.find(kToken), std::string::npos);
  EXPECT_EQ(run.err.find(kToken), std::string::npos);

  std::vector<FakeAdminServer::Request> requests = server.Requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/types");
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].path, "/offers");
  EXPECT_EQ(requests[1].authorization, std::string("Bearer ") + kToken);
  json body = json::parse(requests[1].body);
  EXPECT_EQ(body["credential_configuration_id"], "personal_id");
  EXPECT_EQ(body["claims"], json::parse(R"({"given_name":"Erika","age":42,"over_18":true})"));
  EXPECT_EQ(body["tx_code"], true);
  EXPECT_EQ(body["expires_in"], 900);
}

// The --claims file is merged and --claim wins.
TEST_F(OfferCreateTest, ClaimsFileMergesWorks) {
  FakeAdminServer server({{"/types", {200, kTypes}}, {"/offers", {201, kCreated}}});
  std::string claims = dir_.Write("claims.json", R"({"given_name":"Erika","age":30})");
  RunResult run = Run(server, {"--claims", claims, "--claim", "age=31"});
  ASSERT_EQ(run.status, 0) << run.err;
  std::vector<FakeAdminServer::Request> requests = server.Requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(json::parse(requests[1].body)["claims"],
            json::parse(R"({"given_name":"Erika","age":31})"));
}

// An unknown claim or a bad value is refused (exit 2) before anything is POSTed.
TEST_F(OfferCreateTest, BadClaimFailsBeforePost) {
  FakeAdminServer server({{"/types", {200, kTypes}}, {"/offers", {201, kCreated}}});
  RunResult run = Run(server, {"--claim", "shoe_size=44"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("unknown claim 'shoe_size'"), std::string::npos) << run.err;
  run = Run(server, {"--claim", "age=4x2"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("'age' must be an integer"), std::string::npos) << run.err;
  for (const FakeAdminServer::Request& request : server.Requests()) {
    EXPECT_NE(request.method, "POST");
  }
}

// A bad --expires-in is a usage error before any request.
TEST_F(OfferCreateTest, BadExpiresInFails) {
  FakeAdminServer server({{"/types", {200, kTypes}}});
  EXPECT_EQ(Run(server, {"--expires-in", "15x"}).status, 2);
  EXPECT_TRUE(server.Requests().empty());
}

// The server's refusal is shown with its error and description, exit 7, stdout empty.
TEST_F(OfferCreateTest, ServerRefusalExitsSeven) {
  FakeAdminServer server(
      {{"/types", {200, kTypes}},
       {"/offers",
        {400, R"({"error":"invalid_request","error_description":"given_name is required"})"}}});
  RunResult run = Run(server, {"--claim", "age=42"});
  EXPECT_EQ(run.status, 7);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_NE(run.err.find("HTTP 400): invalid_request: given_name is required"), std::string::npos)
      << run.err;
}

// An unknown client token is refused at GET /types: exit 7.
TEST_F(OfferCreateTest, UnknownTokenExitsSeven) {
  FakeAdminServer server(
      {{"/types",
        {401, R"({"error":"invalid_token","error_description":"unknown client token"})"}}});
  RunResult run = Run(server, {});
  EXPECT_EQ(run.status, 7);
  EXPECT_NE(run.err.find("invalid_token"), std::string::npos) << run.err;
}

// No daemon listening: exit 6.
TEST_F(OfferCreateTest, UnreachableDaemonExitsSix) {
  std::string url;
  {
    FakeAdminServer closed({});
    url = closed.Url();
  }
  RunResult run = RunVcissuerctl({"offer", "create", "--admin-url", url, "--token-file",
                                  token_file_, "--configuration", "personal_id"});
  EXPECT_EQ(run.status, 6) << run.err;
}

}  // namespace
}  // namespace vci::cli::testing
