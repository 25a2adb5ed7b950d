// AdminClient: a small HTTP client (libcurl) for the daemon's admin API.
//
// Security property: the bearer token is sent only in the Authorization header of requests to
// the configured base URL; redirects are not followed (so the token never travels elsewhere),
// only http and https are allowed, and the token never appears in a message.
#ifndef VCISSUER_CLI_ADMIN_CLIENT_H_
#define VCISSUER_CLI_ADMIN_CLIENT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"

namespace vci::cli {

// kMaxAdminResponseBytes bounds every answer read from the daemon.
inline constexpr size_t kMaxAdminResponseBytes = 1 << 20;

// kAdminConnectTimeoutSeconds and kAdminTotalTimeoutSeconds bound each request.
inline constexpr long kAdminConnectTimeoutSeconds = 10;
inline constexpr long kAdminTotalTimeoutSeconds = 30;

struct HttpReply {
  long status = 0;
  std::string body;
};

class AdminClient {
 public:
  // AdminClient sends requests to `base_url` (e.g. "http://127.0.0.1:8444", without a trailing
  // '/') with `bearer_token`, which it keeps until it is destroyed.
  AdminClient(std::string base_url, SecretBytes bearer_token);

  // Get sends GET base_url + `path` and returns the status and body of any HTTP answer (the
  // caller judges the status). Fails with kUnavailable when the daemon cannot be reached or does
  // not answer within the timeouts, kResourceExhausted when the answer is larger than
  // kMaxAdminResponseBytes, kInvalidArgument for a URL libcurl refuses.
  Result<HttpReply> Get(std::string_view path) const;

  // PostJson sends POST base_url + `path` with `json_body` as application/json. Failures as Get.
  Result<HttpReply> PostJson(std::string_view path, const std::string& json_body) const;

 private:
  Result<HttpReply> Send(std::string_view path, const std::string* json_body) const;

  std::string base_url_;
  SecretBytes bearer_token_;
};

}  // namespace vci::cli

#endif  // VCISSUER_CLI_ADMIN_CLIENT_H_
