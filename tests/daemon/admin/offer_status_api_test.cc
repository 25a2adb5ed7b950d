// Tests of GET /offers/{id} and its cancellation through the whole AdminApi, on the issuer fixture.
#include "daemon/admin/offer_status_api.h"

#include <gtest/gtest.h>

#include "daemon/admin/admin_api.h"
#include "tests/daemon/oid4vci/issuer_fixture.h"

namespace vci::admin {
namespace {

// The fixture's clients authenticate with the SHA-256 preimages "test" (hr) and "limited".
constexpr std::string_view kHrToken = "test";
constexpr std::string_view kLimitedToken = "limited";

class OfferStatusApiTest : public oid4vci::IssuerFixture {
 protected:
  std::string CreateOffer() {
    oid4vci::OfferService offers(*context_);
    oid4vci::CreateOfferRequest request;
    request.configuration_id = "badge";
    request.claims = {{"given_name", "Erika"}, {"employee_id", "E1"}};
    auto created = offers.Create(*policy_->Get(), Client("hr"), request);
    EXPECT_TRUE(created.has_value());
    return created.has_value() ? created->offer_id : "";
  }

  http::HttpResponse Call(std::string_view method, const std::string& path,
                          std::string_view token = kHrToken) {
    http::HttpRequest request;
    request.method = std::string(method);
    request.path = path;
    request.headers.Add("Authorization", "Bearer " + std::string(token));
    AdminApi api(*context_);
    return api.Handle(request);
  }

  static nlohmann::json Body(const http::HttpResponse& response) {
    return nlohmann::json::parse(response.body, nullptr, false);
  }
};

// The creator sees a new offer as pending with its configuration and expiry, then expired.
TEST_F(OfferStatusApiTest, StatusWorks) {
  std::string id = CreateOffer();
  http::HttpResponse response = Call("GET", "/offers/" + id);
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json body = Body(response);
  EXPECT_EQ(body["offer_id"], id);
  EXPECT_EQ(body["credential_configuration_id"], "badge");
  EXPECT_EQ(body["status"], "pending");
  EXPECT_EQ(body["expires_at"], clock_.NowSeconds() + 600);
  EXPECT_FALSE(body.contains("claims"));
  clock_.Advance(std::chrono::seconds(600));
  EXPECT_EQ(Body(Call("GET", "/offers/" + id))["status"], "expired");
}

// DELETE and POST .../cancel both cancel; the wallet can no longer fetch the offer; a second
// cancel is accepted.
TEST_F(OfferStatusApiTest, CancelWorks) {
  std::string id = CreateOffer();
  http::HttpResponse response = Call("DELETE", "/offers/" + id);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(Body(response)["status"], "cancelled");
  EXPECT_EQ(Body(Call("GET", "/offers/" + id))["status"], "cancelled");
  oid4vci::OfferService offers(*context_);
  auto json = offers.OfferJson(id);
  ASSERT_FALSE(json.has_value());
  EXPECT_EQ(json.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Call("POST", "/offers/" + id + "/cancel").status, 200);

  std::string second = CreateOffer();
  EXPECT_EQ(Body(Call("POST", "/offers/" + second + "/cancel"))["status"], "cancelled");
}

// A redeemed offer cannot be cancelled: 409, and it stays redeemed.
TEST_F(OfferStatusApiTest, CancelRedeemedFails) {
  std::string id = CreateOffer();
  store::AccessTokenRecord token{Bytes(32, 1), id, "badge", "", clock_.NowSeconds() + 60};
  ASSERT_TRUE(store_->RedeemOffer(id, clock_.NowSeconds(), token).has_value());
  http::HttpResponse response = Call("DELETE", "/offers/" + id);
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(Body(response)["error"], "conflict");
  nlohmann::json body = Body(Call("GET", "/offers/" + id));
  EXPECT_EQ(body["status"], "redeemed");
  EXPECT_EQ(body["redeemed_at"], clock_.NowSeconds());
}

// Another client gets 404 for both reading and cancelling, and the offer stays pending.
TEST_F(OfferStatusApiTest, AnotherClientFails) {
  std::string id = CreateOffer();
  EXPECT_EQ(Call("GET", "/offers/" + id, kLimitedToken).status, 404);
  EXPECT_EQ(Call("DELETE", "/offers/" + id, kLimitedToken).status, 404);
  EXPECT_EQ(Body(Call("GET", "/offers/" + id))["status"], "pending");
}

// Without a token, or with an unknown one, nothing is revealed.
TEST_F(OfferStatusApiTest, UnauthenticatedFails) {
  std::string id = CreateOffer();
  EXPECT_EQ(Call("GET", "/offers/" + id, "wrong").status, 401);
  http::HttpRequest request;
  request.method = "GET";
  request.path = "/offers/" + id;
  AdminApi api(*context_);
  EXPECT_EQ(api.Handle(request).status, 401);
}

// Unknown ids, other methods and malformed paths are refused.
TEST_F(OfferStatusApiTest, BadRequestsFail) {
  EXPECT_EQ(Call("GET", "/offers/AAAAAAAAAAAAAAAAAAAAAA").status, 404);
  std::string id = CreateOffer();
  EXPECT_EQ(Call("PUT", "/offers/" + id).status, 400);
  EXPECT_EQ(Call("GET", "/offers/" + id + "/cancel").status, 400);
  EXPECT_EQ(Call("GET", "/offers/a.b").status, 404);
}

// ParseOfferPath accepts exactly one base64url id, optionally followed by /cancel.
TEST(ParseOfferPathTest, PathsWork) {
  EXPECT_EQ(ParseOfferPath("/offers/abc_-9")->offer_id, "abc_-9");
  EXPECT_FALSE(ParseOfferPath("/offers/abc")->cancel_suffix);
  EXPECT_TRUE(ParseOfferPath("/offers/abc/cancel")->cancel_suffix);
  EXPECT_FALSE(ParseOfferPath("/offers/").has_value());
  EXPECT_FALSE(ParseOfferPath("/offers").has_value());
  EXPECT_FALSE(ParseOfferPath("/offers//cancel").has_value());
  EXPECT_FALSE(ParseOfferPath("/offers/a/b").has_value());
  EXPECT_FALSE(ParseOfferPath("/offers/" + std::string(65, 'a')).has_value());
}

}  // namespace
}  // namespace vci::admin
