// RAII for libcurl handles, shared by the console's HTTP fetcher and its mailer.
#ifndef VCISSUER_CONSOLE_CURL_HANDLE_H_
#define VCISSUER_CONSOLE_CURL_HANDLE_H_

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "crypto/base/result.h"

namespace vci::console {

struct CurlDeleter {
  void operator()(CURL* curl) const { ::curl_easy_cleanup(curl); }
};

struct SlistDeleter {
  void operator()(curl_slist* list) const { ::curl_slist_free_all(list); }
};

using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// CurlGlobalInit runs curl_global_init once per process.
inline Result<void> CurlGlobalInit() {
  static CURLcode init_result = CURLE_FAILED_INIT;
  static std::once_flag once;
  std::call_once(once, [] { init_result = ::curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init_result != CURLE_OK) {
    return Error(ErrorCode::kInternal, "cannot initialise libcurl",
                 ::curl_easy_strerror(init_result));
  }
  return Ok();
}

// AppendCurlHeader adds `line` to `list` (libcurl copies it).
inline Result<void> AppendCurlHeader(SlistPtr& list, const char* line) {
  curl_slist* extended = ::curl_slist_append(list.get(), line);
  if (extended == nullptr) {
    return Error(ErrorCode::kInternal, "out of memory", "curl_slist_append");
  }
  static_cast<void>(list.release());
  list.reset(extended);
  return Ok();
}

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_CURL_HANDLE_H_
