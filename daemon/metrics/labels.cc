#include "daemon/metrics/labels.h"

#include "crypto/base/error.h"

namespace vci::metrics {
namespace {

constexpr std::array<std::string_view, kNumEndpoints> kEndpointLabels = {
    "/.well-known/openid-credential-issuer",
    "/.well-known/oauth-authorization-server",
    "/.well-known/jwt-vc-issuer",
    "/token",
    "/nonce",
    "/credential",
    "/notification",
    "/credential-offer/{id}",
    "/types",
    "/offers",
    "/offers/{id}",
    "/healthz",
    "/readyz",
    "/metrics",
    "other",
};

// The last ErrorCode enumerator: the error codes are the enumerators 0 to this one.
constexpr auto kLastErrorCode = ErrorCode::kInvalidNotificationRequest;
static_assert(static_cast<size_t>(kLastErrorCode) + 2 == kNumErrorCodes,
              "kNumErrorCodes must be the number of ErrorCode values plus one for \"other\"");

Endpoint ClassifyAdmin(std::string_view path) {
  if (path == "/types") {
    return Endpoint::kAdminTypes;
  }
  if (path == "/offers") {
    return Endpoint::kAdminOffers;
  }
  if (path.starts_with("/offers/")) {
    return Endpoint::kAdminOffer;
  }
  if (path == "/healthz") {
    return Endpoint::kHealthz;
  }
  if (path == "/readyz") {
    return Endpoint::kReadyz;
  }
  if (path == "/metrics") {
    return Endpoint::kMetrics;
  }
  return Endpoint::kOther;
}

Endpoint ClassifyPublic(std::string_view path) {
  if (path.starts_with("/.well-known/openid-credential-issuer")) {
    return Endpoint::kIssuerMetadata;
  }
  if (path.starts_with("/.well-known/oauth-authorization-server") ||
      path.starts_with("/.well-known/openid-configuration")) {
    return Endpoint::kOauthMetadata;
  }
  if (path.starts_with("/.well-known/jwt-vc-issuer")) {
    return Endpoint::kJwtVcIssuer;
  }
  // Endpoints live under the issuer's path prefix, which this table does not know: the route is
  // the last segment (or the one before an offer id).
  size_t offer = path.rfind("/credential-offer/");
  if (offer != std::string_view::npos &&
      path.find('/', offer + sizeof("/credential-offer/") - 1) == std::string_view::npos) {
    return Endpoint::kCredentialOffer;
  }
  constexpr std::array<std::pair<std::string_view, Endpoint>, 4> kLastSegment = {{
      {"/token", Endpoint::kToken},
      {"/nonce", Endpoint::kNonce},
      {"/credential", Endpoint::kCredential},
      {"/notification", Endpoint::kNotification},
  }};
  for (const auto& [suffix, endpoint] : kLastSegment) {
    if (path.ends_with(suffix)) {
      return endpoint;
    }
  }
  return Endpoint::kOther;
}

}  // namespace

std::string_view EndpointLabel(Endpoint endpoint) {
  auto index = static_cast<size_t>(endpoint);
  return index < kEndpointLabels.size() ? kEndpointLabels[index] : "other";
}

Endpoint ClassifyEndpoint(std::string_view listener, std::string_view path) {
  return listener == "admin" ? ClassifyAdmin(path) : ClassifyPublic(path);
}

size_t StatusIndex(int status) {
  for (size_t i = 0; i < kCountedStatuses.size(); ++i) {
    if (kCountedStatuses[i] == status) {
      return i;
    }
  }
  return kCountedStatuses.size();
}

size_t ErrorCodeIndex(std::string_view name) {
  for (size_t i = 0; i + 1 < kNumErrorCodes; ++i) {
    if (ErrorCodeName(static_cast<ErrorCode>(i)) == name) {
      return i;
    }
  }
  return kNumErrorCodes - 1;
}

std::string_view ErrorCodeLabel(size_t index) {
  if (index + 1 >= kNumErrorCodes) {
    return "other";
  }
  return ErrorCodeName(static_cast<ErrorCode>(index));
}

}  // namespace vci::metrics
