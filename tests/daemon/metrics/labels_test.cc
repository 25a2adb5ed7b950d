#include "daemon/metrics/labels.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "crypto/base/error.h"

namespace vci::metrics {
namespace {

struct RouteCase {
  std::string listener;
  std::string path;
  std::string label;
};

class ClassifyEndpointTest : public ::testing::TestWithParam<RouteCase> {};

TEST_P(ClassifyEndpointTest, MapsPathToRoute) {
  // Proves each path maps to its route template, whatever the prefix or the offer id.
  const RouteCase& c = GetParam();
  EXPECT_EQ(EndpointLabel(ClassifyEndpoint(c.listener, c.path)), c.label);
}

INSTANTIATE_TEST_SUITE_P(
    Routes, ClassifyEndpointTest,
    ::testing::Values(
        RouteCase{"public", "/token", "/token"}, RouteCase{"public", "/tenant/token", "/token"},
        RouteCase{"public", "/nonce", "/nonce"}, RouteCase{"public", "/credential", "/credential"},
        RouteCase{"public", "/notification", "/notification"},
        RouteCase{"public", "/credential-offer/AbC-123", "/credential-offer/{id}"},
        RouteCase{"public", "/tenant/credential-offer/x", "/credential-offer/{id}"},
        RouteCase{"public", "/credential-offer/x/y", "other"},
        RouteCase{"public", "/.well-known/openid-credential-issuer/tenant",
                  "/.well-known/openid-credential-issuer"},
        RouteCase{"public", "/.well-known/openid-configuration",
                  "/.well-known/oauth-authorization-server"},
        RouteCase{"public", "/.well-known/jwt-vc-issuer", "/.well-known/jwt-vc-issuer"},
        RouteCase{"public", "/../../etc/passwd", "other"}, RouteCase{"public", "/types", "other"},
        RouteCase{"admin", "/types", "/types"}, RouteCase{"admin", "/offers", "/offers"},
        RouteCase{"admin", "/offers/abc", "/offers/{id}"},
        RouteCase{"admin", "/healthz", "/healthz"}, RouteCase{"admin", "/readyz", "/readyz"},
        RouteCase{"admin", "/metrics", "/metrics"}, RouteCase{"admin", "/token", "other"}));

TEST(LabelsTest, StatusIndexCountsKnownStatusesOnly) {
  // Proves known statuses get their own index and anything else the "other" one.
  EXPECT_EQ(StatusIndex(200), 0U);
  EXPECT_EQ(StatusIndex(503), kCountedStatuses.size() - 1);
  EXPECT_EQ(StatusIndex(418), kCountedStatuses.size());
}

TEST(LabelsTest, EveryErrorCodeNameHasItsOwnIndex) {
  // Proves the error label set covers every ErrorCode, in order, with "other" last.
  for (size_t i = 0; i + 1 < kNumErrorCodes; ++i) {
    std::string_view name = ErrorCodeName(static_cast<ErrorCode>(i));
    EXPECT_EQ(ErrorCodeIndex(name), i) << name;
    EXPECT_EQ(ErrorCodeLabel(i), name);
  }
  EXPECT_EQ(ErrorCodeIndex("invalid_proof"), static_cast<size_t>(ErrorCode::kInvalidProof));
  EXPECT_EQ(ErrorCodeIndex("not_an_error"), kNumErrorCodes - 1);
  EXPECT_EQ(ErrorCodeLabel(kNumErrorCodes - 1), "other");
}

}  // namespace
}  // namespace vci::metrics
