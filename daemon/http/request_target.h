// The request target as the HTTP edge checks and logs it.
#ifndef VCISSUER_DAEMON_HTTP_REQUEST_TARGET_H_
#define VCISSUER_DAEMON_HTTP_REQUEST_TARGET_H_

#include <string>
#include <string_view>

namespace vci::http {

// HasEncodedNul returns whether `path` holds "%00". libmicrohttpd decodes the path into a C
// string, which an encoded NUL would cut short, so such a target is refused as malformed.
bool HasEncodedNul(std::string_view path);

// PathForLog returns `path` with every segment longer than 16 characters cut to its first four
// followed by "...", unless it is a name made of lower-case letters and '-'. Opaque identifiers in
// paths (the offer id in /credential-offer/{id}) are bearer capabilities: a log line must be enough
// to correlate a request, never to redeem an offer.
std::string PathForLog(std::string_view path);

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_REQUEST_TARGET_H_
