// HttpRequest: one complete request as the protocol handlers see it, free of libmicrohttpd types.
#ifndef VCISSUER_DAEMON_HTTP_HTTP_REQUEST_H_
#define VCISSUER_DAEMON_HTTP_HTTP_REQUEST_H_

#include <string>
#include <utility>
#include <vector>

#include "daemon/http/headers.h"

namespace vci::http {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... as sent.
  std::string path;    // Percent-decoded path, without the query.
  // Query parameters, percent-decoded ('+' is a space), in order, duplicates kept. Empty when
  // query_was_invalid.
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;
  std::string body;          // At most ServerOptions::max_body_bytes.
  std::string peer_address;  // Numeric client address ("127.0.0.1", "::1").
  std::string request_id;    // 16 hex digits; also in the access log and the server's error logs.
  bool query_was_invalid = false;  // The query had a bad % escape or invalid UTF-8.
  // Lower-case hex SHA-256 of the DER of the TLS client certificate, set only when the listener
  // asks for client certificates and the one sent verified against its CAs; else empty.
  std::string client_certificate_sha256;
};

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_HTTP_REQUEST_H_
