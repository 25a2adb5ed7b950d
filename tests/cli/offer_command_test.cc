#include "cli/offer_command.h"

#include <gtest/gtest.h>

#include <string>

#include "cli/admin_url.h"

namespace vci::cli {
namespace {

using nlohmann::json;

// The server's error and error_description reach the user, made safe for a terminal.
TEST(OfferCommandTest, ServerRefusalShowsErrorAndDescription) {
  HttpReply reply{400, R"({"error":"invalid_request","error_description":"age: \u001b[2Jbad"})"};
  Error error = ServerRefusal(reply);
  EXPECT_EQ(error.message(),
            "the daemon refused the request (HTTP 400): invalid_request: age: ?[2Jbad");
}

// A body that is not the API's JSON error is not echoed.
TEST(OfferCommandTest, ServerRefusalIgnoresOtherBodies) {
  Error error = ServerRefusal(HttpReply{502, "<html>Bad gateway</html>"});
  EXPECT_EQ(error.message(), "the daemon refused the request (HTTP 502)");
}

// The output line keeps a fixed member order and leaves out tx_code when there is none.
TEST(OfferCommandTest, OfferOutputIsOneOrderedLine) {
  json created = {{"expires_at", 1767225600},
                  {"offer_link", "openid-credential-offer://?x"},
                  {"offer_id", "o1"},
                  {"credential_offer_uri", "https://i/offers/o1"}};
  Result<std::string> line = OfferOutput(created);
  ASSERT_TRUE(line.has_value()) << line.error().message();
  EXPECT_EQ(*line, R"({"offer_id":"o1","credential_offer_uri":"https://i/offers/o1",)"
                   R"("offer_link":"openid-credential-offer://?x","expires_at":1767225600})"
                   "\n");

  created["tx_code"] = "123456";
  line = OfferOutput(created);
  ASSERT_TRUE(line.has_value());
  EXPECT_NE(line->find(R"("offer_link":"openid-credential-offer://?x","tx_code":"123456",)"),
            std::string::npos);
}

// An answer missing a member is an error, not a partial line.
TEST(OfferCommandTest, OfferOutputWithoutLinkFails) {
  EXPECT_FALSE(OfferOutput(json{{"offer_id", "o1"}, {"expires_at", 1}}).has_value());
}

// The default admin URL comes from the admin listener; wildcard hosts go through loopback.
TEST(AdminUrlTest, FromListenAddress) {
  EXPECT_EQ(*AdminUrlFromListen({"127.0.0.1", 8444}), "http://127.0.0.1:8444");
  EXPECT_EQ(*AdminUrlFromListen({"::1", 8444}), "http://[::1]:8444");
  EXPECT_EQ(*AdminUrlFromListen({"0.0.0.0", 9000}), "http://127.0.0.1:9000");
  EXPECT_EQ(*AdminUrlFromListen({"::", 9000}), "http://[::1]:9000");
  EXPECT_FALSE(AdminUrlFromListen({"127.0.0.1", 0}).has_value());
}

// --admin-url must be http(s); trailing slashes are dropped.
TEST(AdminUrlTest, NormalizesOption) {
  EXPECT_EQ(*NormalizeAdminUrl("http://localhost:8444/"), "http://localhost:8444");
  EXPECT_EQ(*NormalizeAdminUrl("https://admin.example"), "https://admin.example");
  EXPECT_FALSE(NormalizeAdminUrl("ftp://x").has_value());
  EXPECT_FALSE(NormalizeAdminUrl("localhost:8444").has_value());
}

}  // namespace
}  // namespace vci::cli
