// IssuerUrl: the Credential Issuer Identifier, split into its parts (OID4VCI 1.0 section 12.2.1:
// "a case sensitive URL using the https scheme that contains scheme, host and, optionally, port
// number and path components, but no query or fragment components").
#ifndef VCISSUER_DAEMON_CONFIG_ISSUER_URL_H_
#define VCISSUER_DAEMON_CONFIG_ISSUER_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::config {

struct IssuerUrl {
  std::string scheme;  // "https", or "http" for loopback development.
  std::string host;    // Without brackets for IPv6.
  uint16_t port = 0;   // 0 when the URL names no port.
  std::string path;    // "" or "/tenant/a"; never ends in '/'.

  // ToString returns scheme://host[:port]path, the normalized identifier.
  std::string ToString() const;
};

// ParseIssuerUrl splits `text` into its parts and strips one trailing '/' from the path. It fails
// with kInvalidArgument, and a message saying what is wrong, when the scheme is not http or https,
// the host is missing or malformed, userinfo, a query or a fragment is present, or the port is not
// 1 to 65535. Whether http is acceptable is the caller's decision.
Result<IssuerUrl> ParseIssuerUrl(std::string_view text);

}  // namespace vci::config

#endif  // VCISSUER_DAEMON_CONFIG_ISSUER_URL_H_
