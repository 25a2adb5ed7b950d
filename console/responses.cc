#include "console/responses.h"

#include <openssl/crypto.h>

#include "daemon/http/form.h"

namespace vci::console {
namespace {

// The console's forms have two fields; a few more are tolerated and ignored.
constexpr size_t kMaxFormParams = 8;

}  // namespace

http::HttpResponse HtmlResponse(int status, std::string body) {
  http::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.SetHeader("Content-Type", "text/html; charset=utf-8");
  return response;
}

http::HttpResponse Redirect(std::string_view location) {
  http::HttpResponse response;
  response.status = 303;
  response.SetHeader("Location", location);
  return response;
}

bool SameSecret(std::string_view a, std::string_view b) {
  return !a.empty() && a.size() == b.size() && ::CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::map<std::string, std::string> FormFields(const http::HttpRequest& request) {
  std::map<std::string, std::string> fields;
  auto parsed = http::ParseFormUrlEncoded(request.body, kMaxFormParams);
  if (parsed.has_value()) {
    for (auto& [name, value] : *parsed) {
      fields.emplace(std::move(name), std::move(value));  // the first of duplicates wins
    }
  }
  return fields;
}

}  // namespace vci::console
