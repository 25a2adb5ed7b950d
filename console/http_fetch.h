// HttpFetch: the console's outbound HTTP (libcurl) to the identity provider and the daemon's admin
// API. Redirects are never followed, only http and https are spoken, every answer is bounded.
#ifndef VCISSUER_CONSOLE_HTTP_FETCH_H_
#define VCISSUER_CONSOLE_HTTP_FETCH_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "crypto/base/result.h"

namespace vci::console {

// kMaxFetchBytes bounds every answer the console reads.
inline constexpr size_t kMaxFetchBytes = size_t{1} << 20;

struct FetchRequest {
  std::string method = "GET";
  std::string url;
  // Header lines "Name: value". They may hold a bearer token or client credentials: never logged.
  std::vector<std::string> headers;
  std::string body;  // Sent when non-empty (or when method is POST).
};

struct FetchReply {
  long status = 0;
  std::string body;
};

// Fetch performs `request`. Any HTTP answer is returned for the caller to judge; kUnavailable when
// the server cannot be reached in time, kResourceExhausted past kMaxFetchBytes, kInvalidArgument
// for a URL libcurl refuses. Thread-safe.
Result<FetchReply> Fetch(const FetchRequest& request);

// FormEncode returns application/x-www-form-urlencoded text of `fields`.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

// UrlEncode percent-encodes everything but RFC 3986 unreserved characters.
std::string UrlEncode(std::string_view text);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_HTTP_FETCH_H_
