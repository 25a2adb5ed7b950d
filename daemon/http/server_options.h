// ServerOptions: how one HttpServer listens and which limits it enforces.
#ifndef VCISSUER_DAEMON_HTTP_SERVER_OPTIONS_H_
#define VCISSUER_DAEMON_HTTP_SERVER_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "daemon/systemd/log.h"

namespace vci::http {

// Limits. OID4VCI requests (token, nonce, credential) are a few KiB at most, so the defaults are
// far below libmicrohttpd's and Taler's 1 MiB.
inline constexpr size_t kDefaultMaxBodyBytes = size_t{64} * 1024;
inline constexpr size_t kDefaultMaxUrlBytes = size_t{4} * 1024;
inline constexpr size_t kDefaultConnectionMemoryBytes =
    size_t{32} * 1024;  // Request line + headers.
inline constexpr unsigned kDefaultThreads = 4;
inline constexpr unsigned kDefaultConnectionLimit = 256;
inline constexpr unsigned kDefaultPerIpConnectionLimit = 32;
inline constexpr unsigned kDefaultConnectionTimeoutSeconds = 15;
inline constexpr size_t kMaxQueryParams = 64;

struct ServerOptions {
  std::string name;    // "public" or "admin": the LISTENER field of every log line.
  std::string host;    // Address to bind ("127.0.0.1", "::"); unused with listen_fd.
  uint16_t port = 0;   // 0 binds an ephemeral port; HttpServer::port() tells which.
  int listen_fd = -1;  // A listening socket from socket activation, used instead of
                       // binding. Not taken over: the server uses a duplicate.
  unsigned threads = kDefaultThreads;
  size_t max_body_bytes = kDefaultMaxBodyBytes;  // Larger bodies are answered 413.
  size_t max_url_bytes = kDefaultMaxUrlBytes;    // Longer request targets are answered 414.
  size_t connection_memory_bytes = kDefaultConnectionMemoryBytes;
  unsigned connection_limit = kDefaultConnectionLimit;               // 0: libmicrohttpd default.
  unsigned per_ip_connection_limit = kDefaultPerIpConnectionLimit;   // 0: unlimited.
  unsigned connection_timeout_s = kDefaultConnectionTimeoutSeconds;  // Idle timeout; 0: none.
  std::string cors_allow_origin;  // Empty: no CORS. Otherwise Access-Control-Allow-Origin value.
  // Direct HTTPS (TLS 1.2 and 1.3, BCP 195 suites; see tls_files.h): the PEM certificate chain
  // and private key files. Empty: plain HTTP. `tls_client_ca_file`, when set, makes the listener
  // ask for a client certificate chaining to one of its CAs (requests without one still pass).
  std::string tls_certificate_file;
  std::string tls_key_file;
  std::string tls_client_ca_file;
  systemd::Logger* logger = nullptr;  // Not owned; must outlive the server. Null: DefaultLogger().
};

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_SERVER_OPTIONS_H_
