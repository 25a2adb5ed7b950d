// HttpServer: one libmicrohttpd listener (public or admin) in front of a Handler.
//
// Security property: every request is bounded before the handler sees it (body, URL and header
// size, connection count per peer, idle timeout), every response carries Cache-Control: no-store
// (unless the handler chose) and X-Content-Type-Options: nosniff, and the access log never holds
// a query string, a body or an Authorization header.
#ifndef VCISSUER_DAEMON_HTTP_HTTP_SERVER_H_
#define VCISSUER_DAEMON_HTTP_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "crypto/base/result.h"
#include "daemon/http/handler.h"
#include "daemon/http/server_options.h"

namespace vci::http {

class HttpServer {
 public:
  // Start binds options.host:options.port (or serves options.listen_fd) and starts the worker
  // threads. `handler` is not owned and must outlive the server. Returns the running server, or
  // kInvalidArgument for a bad host or listen_fd, kUnavailable if libmicrohttpd cannot start
  // (port in use, no threads); the reason is in the error's detail and in the log.
  static Result<std::unique_ptr<HttpServer>> Start(const ServerOptions& options, Handler& handler);

  HttpServer(const HttpServer&) = delete;  // Owns the listener threads; a copy would stop twice.
  HttpServer& operator=(const HttpServer&) = delete;

  // The destructor calls Stop() without draining.
  ~HttpServer();

  // port returns the bound TCP port (useful after binding port 0).
  uint16_t port() const { return port_; }

  // Stop closes the listener so no new connection is accepted, waits up to `drain` for requests
  // already being processed to finish, then closes every connection and joins the threads.
  // Idempotent. Call from one thread, never from a Handler.
  void Stop(std::chrono::milliseconds drain = std::chrono::milliseconds(0));

  // active_requests returns the number of requests received and not yet completed.
  size_t active_requests() const;

 private:
  class Impl;

  HttpServer(std::unique_ptr<Impl> impl, uint16_t port);

  std::unique_ptr<Impl> impl_;
  uint16_t port_;
};

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_HTTP_SERVER_H_
