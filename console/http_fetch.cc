#include "console/http_fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "console/curl_handle.h"

namespace vci::console {
namespace {

constexpr long kConnectTimeoutSeconds = 5;
constexpr long kTotalTimeoutSeconds = 15;

struct ReadState {
  std::string body;
  bool too_large = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) noexcept {
  auto* state = static_cast<ReadState*>(user);
  size_t num_bytes = size * count;
  if (num_bytes > kMaxFetchBytes - state->body.size()) {
    state->too_large = true;
    return 0;
  }
  state->body.append(data, num_bytes);
  return num_bytes;
}

bool SetOptions(CURL* c, const FetchRequest& request, curl_slist* headers, ReadState* state,
                char* error_text) {
  bool ok = ::curl_easy_setopt(c, CURLOPT_URL, request.url.c_str()) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_TIMEOUT, kTotalTimeoutSeconds) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &WriteBody) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_WRITEDATA, state) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text) == CURLE_OK &&
            ::curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str()) == CURLE_OK;
  if (ok && (request.method == "POST" || !request.body.empty())) {
    ok = ::curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str()) == CURLE_OK &&
         ::curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                            static_cast<curl_off_t>(request.body.size())) == CURLE_OK;
  }
  return ok;
}

}  // namespace

Result<FetchReply> Fetch(const FetchRequest& request) {
  VCI_TRY(CurlGlobalInit());
  CurlPtr curl(::curl_easy_init());
  if (curl == nullptr) {
    return Error(ErrorCode::kInternal, "cannot initialise libcurl", "curl_easy_init");
  }
  SlistPtr headers;
  for (const std::string& line : request.headers) {
    VCI_TRY(AppendCurlHeader(headers, line.c_str()));
  }
  ReadState state;
  char error_text[CURL_ERROR_SIZE] = {};
  if (!SetOptions(curl.get(), request, headers.get(), &state, error_text)) {
    return Error(ErrorCode::kInvalidArgument, "cannot use a configured URL", error_text);
  }
  CURLcode rc = ::curl_easy_perform(curl.get());
  if (state.too_large) {
    return Error(ErrorCode::kResourceExhausted, "an upstream answer is too large");
  }
  if (rc != CURLE_OK) {
    return Error(ErrorCode::kUnavailable, "an upstream service is unavailable",
                 error_text[0] != '\0' ? error_text : ::curl_easy_strerror(rc));
  }
  FetchReply reply;
  ::curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(state.body);
  return reply;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xf]);
    }
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) {
      out.push_back('&');
    }
    out += UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

}  // namespace vci::console
