// Where `offer create` finds the daemon's admin API when no --admin-url is given.
#ifndef VCISSUER_CLI_ADMIN_URL_H_
#define VCISSUER_CLI_ADMIN_URL_H_

#include <string>

#include "crypto/base/result.h"
#include "daemon/config/listen_address.h"

namespace vci::cli {

// AdminUrlFromListen returns "http://host:port" for the admin listener `address`, with an IPv6
// host bracketed. A wildcard host (0.0.0.0, ::) is reached through loopback (127.0.0.1, ::1).
// Fails with kInvalidArgument for port 0 (a kernel-chosen port cannot be known from the file).
Result<std::string> AdminUrlFromListen(const config::ListenAddress& address);

// NormalizeAdminUrl returns `url` without trailing '/' characters. Fails with kInvalidArgument
// unless it starts with http:// or https://.
Result<std::string> NormalizeAdminUrl(std::string url);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_ADMIN_URL_H_
