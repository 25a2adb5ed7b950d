#include "daemon/admin/offer_status_api.h"

#include "daemon/oid4vci/error_response.h"

namespace vci::admin {
namespace {

constexpr std::string_view kOffersPrefix = "/offers/";
constexpr std::string_view kCancelSuffix = "/cancel";
constexpr size_t kMaxOfferIdChars = 64;

bool IsBase64UrlChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

nlohmann::json StatusJson(const store::OfferStatusRecord& record) {
  nlohmann::json body = {{"offer_id", record.offer_id},
                         {"credential_configuration_id", record.configuration_id},
                         {"status", store::OfferStatusName(record.status)},
                         {"expires_at", record.expires_at}};
  if (record.redeemed_at.has_value()) {
    body["redeemed_at"] = *record.redeemed_at;
  }
  return body;
}

http::HttpResponse NotFound() {
  return oid4vci::ErrorResponse(Error(ErrorCode::kNotFound, "unknown offer"));
}

http::HttpResponse GetStatus(oid4vci::IssuerContext& context, const policy::Client& client,
                             const std::string& offer_id) {
  Result<store::OfferStatusRecord> record =
      context.store.GetOfferStatus(offer_id, context.clock.NowSeconds());
  if (!record.has_value()) {
    return oid4vci::ErrorResponse(record.error());
  }
  // Another client's offer is as unknown as one that never existed.
  if (record->client != client.name) {
    return NotFound();
  }
  return http::JsonResponse(200, StatusJson(*record));
}

http::HttpResponse Cancel(oid4vci::IssuerContext& context, const policy::Client& client,
                          const std::string& offer_id) {
  Result<store::OfferStatusRecord> record =
      context.store.CancelOffer(offer_id, client.name, context.clock.NowSeconds());
  if (!record.has_value()) {
    return oid4vci::ErrorResponse(record.error());
  }
  if (record->status != store::OfferStatus::kCancelled) {
    http::HttpResponse conflict =
        http::ErrorResponse(409, "conflict", "the offer is no longer pending");
    conflict.log_error_code = "conflict";
    return conflict;
  }
  return http::JsonResponse(200, StatusJson(*record));
}

}  // namespace

std::optional<OfferPath> ParseOfferPath(std::string_view path) {
  if (!path.starts_with(kOffersPrefix)) {
    return std::nullopt;
  }
  std::string_view rest = path.substr(kOffersPrefix.size());
  OfferPath out;
  if (rest.ends_with(kCancelSuffix)) {
    rest.remove_suffix(kCancelSuffix.size());
    out.cancel_suffix = true;
  }
  if (rest.empty() || rest.size() > kMaxOfferIdChars) {
    return std::nullopt;
  }
  for (char c : rest) {
    if (!IsBase64UrlChar(c)) {
      return std::nullopt;
    }
  }
  out.offer_id = std::string(rest);
  return out;
}

http::HttpResponse HandleOfferPath(oid4vci::IssuerContext& context, const policy::Client& client,
                                   const http::HttpRequest& request, const OfferPath& path) {
  if (path.cancel_suffix) {
    if (request.method != "POST") {
      return oid4vci::ErrorResponse(Error(ErrorCode::kInvalidRequest, "use POST"));
    }
    return Cancel(context, client, path.offer_id);
  }
  if (request.method == "GET") {
    return GetStatus(context, client, path.offer_id);
  }
  if (request.method == "DELETE") {
    return Cancel(context, client, path.offer_id);
  }
  return oid4vci::ErrorResponse(Error(ErrorCode::kInvalidRequest, "use GET or DELETE"));
}

}  // namespace vci::admin
