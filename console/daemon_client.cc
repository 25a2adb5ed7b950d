#include "console/daemon_client.h"

#include "console/http_fetch.h"

namespace vci::console {

Result<nlohmann::json> DaemonClient::Call(const std::string& method, const std::string& path,
                                          const std::string& body, int expected_status) const {
  FetchRequest request;
  request.method = method;
  request.url = base_url_ + path;
  // TODO(lead): the bearer token passes through std::string and libcurl's unwiped copies, #8.
  request.headers = {"Authorization: Bearer " + std::string(token_.RevealAsString()),
                     "Accept: application/json"};
  if (!body.empty()) {
    request.headers.emplace_back("Content-Type: application/json");
    request.body = body;
  }
  VCI_ASSIGN_OR_RETURN(FetchReply reply, Fetch(request));
  nlohmann::json json = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (reply.status == expected_status && json.is_object()) {
    return json;
  }
  std::string detail = "HTTP " + std::to_string(reply.status) + " from " + method + " " +
                       path.substr(0, path.find('/', 1)) + " " +
                       (json.is_object() ? json.value("error", "") : "");
  switch (reply.status) {
    case 401:
    case 403:
      return Error(ErrorCode::kPermissionDenied, "the issuer refused the console", detail);
    case 404:
      return Error(ErrorCode::kNotFound, "the issuer does not know this offer", detail);
    case 400:
      return Error(ErrorCode::kInvalidRequest, "the issuer refused the request", detail);
    case 409:
      return Error(ErrorCode::kFailedPrecondition, "the offer is no longer pending", detail);
    default:
      return Error(ErrorCode::kUnavailable, "the issuer is unavailable", detail);
  }
}

Result<nlohmann::json> DaemonClient::Types() const {
  return Call("GET", "/types", "", 200);
}

Result<nlohmann::json> DaemonClient::CreateOffer(const std::string& configuration_id,
                                                 const nlohmann::json& claims, bool tx_code,
                                                 int64_t expires_in) const {
  nlohmann::json body = {{"credential_configuration_id", configuration_id},
                         {"claims", claims},
                         {"tx_code", tx_code},
                         {"expires_in", expires_in}};
  return Call("POST", "/offers", body.dump(), 201);
}

Result<nlohmann::json> DaemonClient::OfferStatus(const std::string& offer_id) const {
  return Call("GET", "/offers/" + UrlEncode(offer_id), "", 200);
}

Result<void> DaemonClient::CancelOffer(const std::string& offer_id) const {
  Result<nlohmann::json> reply = Call("DELETE", "/offers/" + UrlEncode(offer_id), "", 200);
  if (reply.has_value()) {
    return Ok();
  }
  // Already redeemed, expired or forgotten: there is nothing left to cancel.
  ErrorCode code = reply.error().code();
  if (code == ErrorCode::kFailedPrecondition || code == ErrorCode::kNotFound) {
    return Ok();
  }
  return reply.error();
}

}  // namespace vci::console
