#include "daemon/http/http_response.h"

#include <algorithm>

#include "daemon/http/headers.h"

namespace vci::http {

HttpResponse& HttpResponse::SetHeader(std::string_view name, std::string_view value) {
  std::erase_if(headers, [name](const auto& field) { return EqualsIgnoreCase(field.first, name); });
  return AddHeader(name, value);
}

HttpResponse& HttpResponse::AddHeader(std::string_view name, std::string_view value) {
  headers.emplace_back(std::string(name), std::string(value));
  return *this;
}

bool HttpResponse::HasHeader(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [name](const auto& field) { return EqualsIgnoreCase(field.first, name); });
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.SetHeader("Content-Type", "application/json");
  return response;
}

HttpResponse TextResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  return response;
}

HttpResponse ErrorResponse(int status, std::string_view error, std::string_view description) {
  nlohmann::json body = {{"error", error}};
  if (!description.empty()) {
    body["error_description"] = description;
  }
  return JsonResponse(status, body);
}

}  // namespace vci::http
