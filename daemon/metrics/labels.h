// The closed label sets of the daemon's metrics. Every label value a metric can carry comes from
// one of these tables (or, for credential configurations, from the policy, capped in count), so
// a client can never grow the number of series and no label ever holds a request's data.
#ifndef VCISSUER_DAEMON_METRICS_LABELS_H_
#define VCISSUER_DAEMON_METRICS_LABELS_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace vci::metrics {

// Endpoint is the route a request was for, whatever its exact path.
enum class Endpoint {
  kIssuerMetadata,  // /.well-known/openid-credential-issuer[/prefix]
  kOauthMetadata,   // /.well-known/oauth-authorization-server and openid-configuration
  kJwtVcIssuer,     // /.well-known/jwt-vc-issuer
  kToken,
  kNonce,
  kCredential,
  kNotification,
  kCredentialOffer,  // /credential-offer/{id}
  kAdminTypes,
  kAdminOffers,
  kAdminOffer,  // /offers/{id}
  kHealthz,
  kReadyz,
  kMetrics,
  kOther,
};
inline constexpr size_t kNumEndpoints = 15;

// EndpointLabel returns the label value: the route's path template ("/token",
// "/credential-offer/{id}") or "other".
std::string_view EndpointLabel(Endpoint endpoint);

// ClassifyEndpoint maps a request's decoded path on `listener` ("public" or "admin") to its
// route. Public endpoints may sit under the issuer's path prefix ("/tenant/token").
Endpoint ClassifyEndpoint(std::string_view listener, std::string_view path);

// The HTTP statuses counted one by one; any other status counts as "other".
inline constexpr std::array<int, 16> kCountedStatuses = {200, 201, 204, 400, 401, 403, 404, 405,
                                                         409, 413, 414, 415, 429, 500, 501, 503};
inline constexpr size_t kNumStatuses = kCountedStatuses.size() + 1;

// StatusIndex returns the index of `status` in kCountedStatuses, or kCountedStatuses.size().
size_t StatusIndex(int status);

// The error codes counted: every name ErrorCodeName (crypto/base/error.h) can return, then
// "other" for anything else.
inline constexpr size_t kNumErrorCodes = 27;

// ErrorCodeIndex returns the index of `name` among the error code names, or kNumErrorCodes - 1.
size_t ErrorCodeIndex(std::string_view name);

// ErrorCodeLabel returns the name at `index`; "other" for the last.
std::string_view ErrorCodeLabel(size_t index);

// Upper bounds of the HSM latency histogram's buckets, in microseconds, and their `le` labels in
// seconds. The last bucket (+Inf) is implicit.
inline constexpr std::array<long, 13> kLatencyBucketsUs = {
    500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000, 2500000, 5000000};
inline constexpr std::array<std::string_view, 14> kLatencyBucketLabels = {
    "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
    "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5",     "+Inf"};
inline constexpr size_t kNumLatencyBuckets = kLatencyBucketLabels.size();

}  // namespace vci::metrics

#endif  // VCISSUER_DAEMON_METRICS_LABELS_H_
