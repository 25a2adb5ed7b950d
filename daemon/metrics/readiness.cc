#include "daemon/metrics/readiness.h"

#include "daemon/metrics/registry.h"

namespace vci::metrics {
namespace {

// No offer has this id (offer ids are base64url of 128 random bits), so reading it costs one
// index lookup and answers kNotFound when the store works.
constexpr std::string_view kProbeOfferId = "readiness-probe";

http::HttpResponse MethodNotAllowed() {
  http::HttpResponse response = http::ErrorResponse(405, "invalid_request", "use GET");
  response.SetHeader("Allow", "GET");
  return response;
}

}  // namespace

ReadinessReport Readiness::Check() {
  ReadinessReport report;
  if (Result<void> health = token_.CheckHealth(); !health.has_value()) {
    return {false, "hsm_unavailable", health.error().detail()};
  }
  if (std::optional<std::string> fault = token_.DegradedReason(); fault.has_value()) {
    return {false, "hsm_unavailable", *fault};
  }
  Result<store::OfferRecord> probe = store_.GetOffer(kProbeOfferId);
  if (!probe.has_value() && probe.error().code() != ErrorCode::kNotFound) {
    return {false, "store_unavailable", probe.error().detail()};
  }
  return report;
}

std::optional<http::HttpResponse> HandleProbe(const http::HttpRequest& request,
                                              Readiness* readiness) {
  const std::string& path = request.path;
  if (path != "/healthz" && path != "/readyz" && path != "/metrics") {
    return std::nullopt;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    return MethodNotAllowed();
  }
  if (path == "/healthz") {
    return http::JsonResponse(200, {{"status", "ok"}});
  }
  if (path == "/metrics") {
    http::HttpResponse response;
    response.status = 200;
    response.body = Global().RenderText();
    response.SetHeader("Content-Type", kContentType);
    return response;
  }
  ReadinessReport report = readiness != nullptr ? readiness->Check() : ReadinessReport{};
  if (report.ready) {
    return http::JsonResponse(200, {{"status", "ready"}});
  }
  http::HttpResponse response = http::JsonResponse(
      503, {{"status", "not_ready"}, {"reason", report.reason}, {"detail", report.detail}});
  response.SetHeader("Retry-After", "5");
  response.log_error_code = std::string(ErrorCodeName(ErrorCode::kUnavailable));
  response.log_detail = report.detail;
  return response;
}

}  // namespace vci::metrics
