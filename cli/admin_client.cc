#include "cli/admin_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <utility>

namespace vci::cli {
namespace {

struct CurlDeleter {
  void operator()(CURL* curl) const { ::curl_easy_cleanup(curl); }
};

struct SlistDeleter {
  void operator()(curl_slist* list) const { ::curl_slist_free_all(list); }
};

using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// ReadState collects the answer body up to the bound.
struct ReadState {
  std::string body;
  bool too_large = false;
};

// WriteBody is libcurl's CURLOPT_WRITEFUNCTION. Returning less than asked aborts the transfer.
size_t WriteBody(char* data, size_t size, size_t count, void* user) noexcept {
  auto* state = static_cast<ReadState*>(user);
  size_t num_bytes = size * count;
  if (num_bytes > kMaxAdminResponseBytes - state->body.size()) {
    state->too_large = true;
    return 0;
  }
  state->body.append(data, num_bytes);
  return num_bytes;
}

Result<void> GlobalInit() {
  static CURLcode init_result = CURLE_FAILED_INIT;
  static std::once_flag once;
  std::call_once(once, [] { init_result = ::curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init_result != CURLE_OK) {
    return Error(ErrorCode::kInternal, "cannot initialise libcurl",
                 ::curl_easy_strerror(init_result));
  }
  return Ok();
}

// AppendHeader adds `line` to `list`. libcurl keeps its own copy, which it frees without wiping.
// TODO(lead): keep the admin token out of libcurl's unwiped heap copies, #6
// (CURLOPT_XOAUTH2_BEARER copies it too; see docs/known-limitations.md).
Result<void> AppendHeader(SlistPtr& list, const char* line) {
  curl_slist* extended = ::curl_slist_append(list.get(), line);
  if (extended == nullptr) {
    return Error(ErrorCode::kInternal, "out of memory", "curl_slist_append");
  }
  static_cast<void>(list.release());
  list.reset(extended);
  return Ok();
}

// AuthorizationHeader returns "Authorization: Bearer <token>" in a wiping buffer, NUL-terminated.
SecretBytes AuthorizationHeader(const SecretBytes& token) {
  constexpr std::string_view kPrefix = "Authorization: Bearer ";
  SecretBytes header(kPrefix.size() + token.size() + 1);
  std::span<uint8_t> out = header.MutableSpan();
  std::copy(kPrefix.begin(), kPrefix.end(), out.begin());
  ByteView secret = token.Reveal();
  std::copy(secret.begin(), secret.end(),
            out.begin() + static_cast<std::ptrdiff_t>(kPrefix.size()));
  out.back() = 0;
  return header;
}

}  // namespace

AdminClient::AdminClient(std::string base_url, SecretBytes bearer_token)
    : base_url_(std::move(base_url)), bearer_token_(std::move(bearer_token)) {}

Result<HttpReply> AdminClient::Get(std::string_view path) const {
  return Send(path, nullptr);
}

Result<HttpReply> AdminClient::PostJson(std::string_view path, const std::string& json_body) const {
  return Send(path, &json_body);
}

Result<HttpReply> AdminClient::Send(std::string_view path, const std::string* json_body) const {
  VCI_TRY(GlobalInit());
  CurlPtr curl(::curl_easy_init());
  if (curl == nullptr) {
    return Error(ErrorCode::kInternal, "cannot initialise libcurl", "curl_easy_init");
  }
  std::string url = base_url_ + std::string(path);
  SecretBytes authorization = AuthorizationHeader(bearer_token_);
  SlistPtr headers;
  VCI_TRY(AppendHeader(headers, reinterpret_cast<const char*>(authorization.Reveal().data())));
  VCI_TRY(AppendHeader(headers, "Accept: application/json"));
  if (json_body != nullptr) {
    VCI_TRY(AppendHeader(headers, "Content-Type: application/json"));
  }

  ReadState state;
  char error_text[CURL_ERROR_SIZE] = {};
  CURL* c = curl.get();
  bool options_ok =
      ::curl_easy_setopt(c, CURLOPT_URL, url.c_str()) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kAdminConnectTimeoutSeconds) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_TIMEOUT, kAdminTotalTimeoutSeconds) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get()) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &WriteBody) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_WRITEDATA, &state) == CURLE_OK &&
      ::curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text) == CURLE_OK;
  if (options_ok && json_body != nullptr) {
    options_ok = ::curl_easy_setopt(c, CURLOPT_POSTFIELDS, json_body->c_str()) == CURLE_OK &&
                 ::curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                                    static_cast<curl_off_t>(json_body->size())) == CURLE_OK;
  }
  if (!options_ok) {
    return Error(ErrorCode::kInvalidArgument, "cannot use the admin URL " + base_url_, error_text);
  }

  CURLcode rc = ::curl_easy_perform(c);
  if (state.too_large) {
    return Error(
        ErrorCode::kResourceExhausted,
        "the daemon's answer is larger than " + std::to_string(kMaxAdminResponseBytes) + " bytes");
  }
  if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL) {
    return Error(ErrorCode::kInvalidArgument, "cannot use the admin URL " + base_url_,
                 error_text[0] != '\0' ? error_text : ::curl_easy_strerror(rc));
  }
  if (rc != CURLE_OK) {
    return Error(ErrorCode::kUnavailable, "cannot reach the daemon's admin API at " + base_url_,
                 error_text[0] != '\0' ? error_text : ::curl_easy_strerror(rc));
  }
  HttpReply reply;
  ::curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(state.body);
  return reply;
}

}  // namespace vci::cli
