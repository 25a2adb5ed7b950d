// How the admin API names its client: by the SHA-256 of a bearer token, by the SHA-256 of a
// verified TLS client certificate (which the HTTP layer reports), or by both when they agree.
#include <gtest/gtest.h>

#include "daemon/admin/admin_api.h"
#include "tests/daemon/oid4vci/issuer_fixture.h"

namespace vci::admin {
namespace {

// SHA-256("test"): the fixture's hr client's token. The certificate hash is made up: the admin
// API trusts the HTTP layer, which reports a hash only for a certificate that verified.
constexpr std::string_view kHrToken = "test";
constexpr std::string_view kCertificateSha256 =
    "5c1f0c0a8e6e2d4b3a29f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3";

class AdminAuthTest : public oid4vci::IssuerFixture {
 protected:
  void SetUp() override {
    IssuerFixture::SetUp();
    std::string text(oid4vci::kTestPolicy);
    text += "\n[[client]]\nname = \"hr-mtls\"\ncertificate_sha256 = \"" +
            std::string(kCertificateSha256) + "\"\nconfigurations = [\"other\"]\n";
    auto policy = policy::ParsePolicyText(text, "t.toml");
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    policy_->Set(std::make_shared<const policy::Policy>(std::move(policy).value()));
  }

  http::HttpResponse Types(std::string_view token, std::string_view certificate) {
    http::HttpRequest request;
    request.method = "GET";
    request.path = "/types";
    if (!token.empty()) {
      request.headers.Add("Authorization", "Bearer " + std::string(token));
    }
    request.client_certificate_sha256 = std::string(certificate);
    AdminApi api(*context_);
    return api.Handle(request);
  }

  static std::vector<std::string> Ids(const http::HttpResponse& response) {
    std::vector<std::string> ids;
    nlohmann::json body = nlohmann::json::parse(response.body);
    for (const auto& c : body["credential_configurations"]) {
      ids.push_back(c["id"]);
    }
    return ids;
  }
};

TEST_F(AdminAuthTest, CertificateAloneNamesItsClient) {
  http::HttpResponse response = Types("", kCertificateSha256);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Ids(response), std::vector<std::string>({"other"}));
}

TEST_F(AdminAuthTest, TokenAloneStillWorks) {
  http::HttpResponse response = Types(kHrToken, "");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Ids(response), std::vector<std::string>({"badge", "other"}));
}

// A token of one client with the certificate of another is refused, not resolved either way.
TEST_F(AdminAuthTest, TokenAndCertificateOfDifferentClientsAreRefused) {
  EXPECT_EQ(Types(kHrToken, kCertificateSha256).status, 401);
}

// An unknown certificate, with nothing else, gets the bearer challenge.
TEST_F(AdminAuthTest, UnknownCertificateGetsTheChallenge) {
  http::HttpResponse response = Types("", std::string(64, 'a'));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.body, "");
}

}  // namespace
}  // namespace vci::admin
