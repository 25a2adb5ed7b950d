#include "cli/admin_url.h"

#include <utility>

namespace vci::cli {

Result<std::string> AdminUrlFromListen(const config::ListenAddress& address) {
  if (address.port == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 "the configuration's admin listener has port 0; pass --admin-url");
  }
  config::ListenAddress target = address;
  if (target.host == "0.0.0.0") {
    target.host = "127.0.0.1";
  } else if (target.host == "::") {
    target.host = "::1";
  }
  return "http://" + target.ToString();
}

Result<std::string> NormalizeAdminUrl(std::string url) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return Error(ErrorCode::kInvalidArgument, "--admin-url must start with http:// or https://");
  }
  while (url.ends_with('/')) {
    url.pop_back();
  }
  return url;
}

}  // namespace vci::cli
