// Handler: the protocol code's side of the HTTP edge.
#ifndef VCISSUER_DAEMON_HTTP_HANDLER_H_
#define VCISSUER_DAEMON_HTTP_HANDLER_H_

#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"

namespace vci::http {

class Handler {
 public:
  virtual ~Handler() = default;

  // Handle answers one complete request. It is called concurrently from the server's threads, so
  // implementations must be thread-safe. It should not throw; if it does, the server answers 500
  // and logs the request id. The server adds Cache-Control: no-store unless the response sets
  // Cache-Control, X-Content-Type-Options: nosniff, and the CORS header when configured.
  virtual HttpResponse Handle(const HttpRequest& request) = 0;
};

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_HANDLER_H_
