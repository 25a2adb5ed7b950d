// Response helpers shared by the console's route handlers.
#ifndef VCISSUER_CONSOLE_RESPONSES_H_
#define VCISSUER_CONSOLE_RESPONSES_H_

#include <map>
#include <string>
#include <string_view>

#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"

namespace vci::console {

// HtmlResponse returns `status` with `body` as text/html; charset=utf-8.
http::HttpResponse HtmlResponse(int status, std::string body);

// Redirect returns 303 See Other to `location`.
http::HttpResponse Redirect(std::string_view location);

// SameSecret compares two secrets in constant time; an empty secret never matches.
bool SameSecret(std::string_view a, std::string_view b);

// FormFields returns the fields of an application/x-www-form-urlencoded body (the first of
// duplicates); empty when the body does not parse.
std::map<std::string, std::string> FormFields(const http::HttpRequest& request);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_RESPONSES_H_
