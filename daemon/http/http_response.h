// HttpResponse: what a Handler answers, and helpers that build the common shapes.
#ifndef VCISSUER_DAEMON_HTTP_HTTP_RESPONSE_H_
#define VCISSUER_DAEMON_HTTP_HTTP_RESPONSE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vci::http {

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // For the request's log line only, never sent: the error code and the operator's detail (a
  // CK_RV name, which check failed). They must never hold a secret or a claim value.
  std::string log_error_code;
  std::string log_detail;

  // SetHeader replaces every field named `name` (any case) by one with `value`. Returns *this.
  HttpResponse& SetHeader(std::string_view name, std::string_view value);

  // AddHeader appends a field, keeping existing ones of the same name. Returns *this.
  HttpResponse& AddHeader(std::string_view name, std::string_view value);

  // HasHeader returns whether a field named `name` (any case) is set.
  bool HasHeader(std::string_view name) const;
};

// JsonResponse returns `status` with `body` serialized compactly as application/json. Invalid
// UTF-8 inside `body` strings is replaced by U+FFFD instead of failing.
HttpResponse JsonResponse(int status, const nlohmann::json& body);

// TextResponse returns `status` with `body` as text/plain; charset=utf-8.
HttpResponse TextResponse(int status, std::string body);

// ErrorResponse returns `status` with the OAuth 2.0 error object (RFC 6749 section 5.2)
// {"error": error, "error_description": description}; the description is omitted when empty.
HttpResponse ErrorResponse(int status, std::string_view error, std::string_view description);

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_HTTP_RESPONSE_H_
