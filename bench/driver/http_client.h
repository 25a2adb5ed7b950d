// HttpClient: one wallet's (or one admin client's) HTTP/1.1 connection, kept alive across
// requests, over a libcurl easy handle. Not thread-safe: one client per thread.
#ifndef VCISSUER_BENCH_DRIVER_HTTP_CLIENT_H_
#define VCISSUER_BENCH_DRIVER_HTTP_CLIENT_H_

#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::bench {

struct HttpReply {
  long status = 0;
  std::string body;
};

class HttpClient {
 public:
  // Create returns a client, or kInternal when libcurl cannot make a handle. Call
  // curl_global_init once before the first client.
  static Result<std::unique_ptr<HttpClient>> Create();

  // Get and Post send one request and return the status and body; kUnavailable when the
  // connection fails (the error names libcurl's reason, never the request). `bearer` may be
  // empty. `content_type` is sent only with a body.
  Result<HttpReply> Get(const std::string& url);
  Result<HttpReply> Post(const std::string& url, std::string_view content_type,
                         std::string_view body, std::string_view bearer = {});

  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

 private:
  explicit HttpClient(CURL* curl) : curl_(curl) {}

  Result<HttpReply> Perform(const std::string& url, curl_slist* headers);

  CURL* curl_;
};

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_HTTP_CLIENT_H_
