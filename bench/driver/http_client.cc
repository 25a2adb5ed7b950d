// HttpClient over a libcurl easy handle: the handle keeps its connection open between requests,
// so a wallet's token, nonce and credential requests share one TCP connection.
#include "bench/driver/http_client.h"

#include <string>

namespace vci::bench {
namespace {

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// HeaderList owns a curl_slist.
struct HeaderList {
  HeaderList() = default;
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  curl_slist* list = nullptr;

  void Add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }

  ~HeaderList() { curl_slist_free_all(list); }
};

}  // namespace

Result<std::unique_ptr<HttpClient>> HttpClient::Create() {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    return Error(ErrorCode::kInternal, "curl_easy_init failed");
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &AppendBody);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  // No "Expect: 100-continue" round trip before a body.
  curl_easy_setopt(curl, CURLOPT_EXPECT_100_TIMEOUT_MS, 0L);
  return std::unique_ptr<HttpClient>(new HttpClient(curl));
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(curl_);
}

Result<HttpReply> HttpClient::Get(const std::string& url) {
  curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
  return Perform(url, nullptr);
}

Result<HttpReply> HttpClient::Post(const std::string& url, std::string_view content_type,
                                   std::string_view body, std::string_view bearer) {
  HeaderList headers;
  headers.Add("Expect:");
  if (!body.empty()) {
    headers.Add("Content-Type: " + std::string(content_type));
  }
  if (!bearer.empty()) {
    headers.Add("Authorization: Bearer " + std::string(bearer));
  }
  curl_easy_setopt(curl_, CURLOPT_POST, 1L);
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  return Perform(url, headers.list);
}

Result<HttpReply> HttpClient::Perform(const std::string& url, curl_slist* headers) {
  HttpReply reply;
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &reply.body);
  CURLcode rc = curl_easy_perform(curl_);
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, nullptr);
  if (rc != CURLE_OK) {
    return Error(ErrorCode::kUnavailable, "HTTP request failed", curl_easy_strerror(rc));
  }
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace vci::bench
