// application/x-www-form-urlencoded, as the token endpoint receives it (RFC 6749 section 4.1.3,
// OID4VCI 1.0 section 6.1) and as query strings are written.
#ifndef VCISSUER_DAEMON_HTTP_FORM_H_
#define VCISSUER_DAEMON_HTTP_FORM_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/base/result.h"
#include "daemon/http/http_request.h"

namespace vci::http {

// ParseFormUrlEncoded parses `body` with the WHATWG URL Standard's urlencoded parser (section 5.1),
// made strict: sequences are split on '&' (empty ones skipped), name and value on the first '=',
// '+' becomes a space and %XX is decoded. Returns the (name, value) pairs in order, duplicates
// kept: the caller decides (RFC 6749 section 3.1: parameters MUST NOT be included more than once).
// Fails with kInvalidRequest on a '%' not followed by two hex digits, a name or value that is not
// valid UTF-8 after decoding, or more than `max_params` pairs. Thread-safe.
Result<std::vector<std::pair<std::string, std::string>>> ParseFormUrlEncoded(std::string_view body,
                                                                             size_t max_params);

// IsValidUtf8 returns whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// IsContentType returns whether the request's Content-Type media type is `mime`, ignoring case and
// parameters such as charset ("application/x-www-form-urlencoded; charset=UTF-8" matches
// "application/x-www-form-urlencoded"). False when there is no Content-Type.
bool IsContentType(const HttpRequest& request, std::string_view mime);

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_FORM_H_
