// The one place where an Error becomes an HTTP answer: status, OAuth / OID4VCI error code,
// error_description and, for the protected resource, the WWW-Authenticate challenge.
#ifndef VCISSUER_DAEMON_OID4VCI_ERROR_RESPONSE_H_
#define VCISSUER_DAEMON_OID4VCI_ERROR_RESPONSE_H_

#include <string>
#include <string_view>

#include "crypto/base/error.h"
#include "daemon/http/handler.h"

namespace vci::oid4vci {

// HttpStatusFor is the status an error code is answered with.
int HttpStatusFor(ErrorCode code);

// WireErrorCode is the `error` member for `code`: the spec's string for protocol codes, and the
// nearest OAuth code for generic ones ("invalid_request" for bad input, "server_error",
// "temporarily_unavailable", ...).
std::string_view WireErrorCode(ErrorCode code);

// SafeDescription keeps only the characters OID4VCI 1.0 section 8.3.1.2 allows in
// error_description (%x20-21 / %x23-5B / %x5D-7E), replacing others with '?', at most 200 long.
std::string SafeDescription(std::string_view text);

// SafeName makes a client-supplied identifier fit to echo in a message: at most 64 characters,
// anything outside [A-Za-z0-9_.:-] replaced with '?'.
std::string SafeName(std::string_view name);

// ErrorResponse builds {"error", "error_description"} with the mapped status. kInvalidToken and
// kUnauthenticated at the credential endpoint carry the RFC 6750 section 3 challenge;
// kUnavailable and kResourceExhausted carry Retry-After.
http::HttpResponse ErrorResponse(const Error& error);

// BearerChallengeResponse is RFC 6750 section 3.1's answer to a request with no token at all:
// 401 with a bare `WWW-Authenticate: Bearer` and no error code.
http::HttpResponse BearerChallengeResponse();

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_ERROR_RESPONSE_H_
