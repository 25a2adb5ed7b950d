// Internal to vci_http: the libmicrohttpd callbacks that turn MHD's connection events into one
// HttpRequest per request and the Handler's HttpResponse back into an MHD response. Only
// http_server.cc includes this header.
#ifndef VCISSUER_DAEMON_HTTP_REQUEST_DISPATCH_H_
#define VCISSUER_DAEMON_HTTP_REQUEST_DISPATCH_H_

#include <microhttpd.h>

#include <atomic>
#include <cstdarg>
#include <cstddef>

#include "crypto/base/random.h"
#include "daemon/http/handler.h"
#include "daemon/http/server_options.h"
#include "daemon/http/tls_files.h"
#include "daemon/systemd/log.h"

namespace vci::http::internal {

// ServerState is what every callback receives as its closure. Owned by HttpServer::Impl and
// alive until MHD_stop_daemon has returned.
struct ServerState {
  ServerOptions options;
  Handler* handler = nullptr;         // Not owned.
  systemd::Logger* logger = nullptr;  // Not owned.
  CsprngRandom random;
  std::atomic<size_t> active_requests{0};
  TlsFiles tls;  // Read at start when the listener speaks HTTPS.
};

// OnConnection (MHD_OPTION_NOTIFY_CONNECTION) gives each connection a slot that owns a request
// context until the access handler claims it, and frees what is left in it when the connection
// closes: libmicrohttpd never reports completion of a request whose handler it did not call (a
// request line or headers it refused on its own), so such a context would otherwise leak.
void OnConnection(void* cls, struct MHD_Connection* connection, void** socket_context,
                  enum MHD_ConnectionNotificationCode toe) noexcept;

// OnUriLog (MHD_OPTION_URI_LOG_CALLBACK) creates the per-request context, owned by the
// connection's slot until OnRequest claims it. Returns it as the request's closure, or null when
// out of memory (the request is then refused).
void* OnUriLog(void* cls, const char* uri, struct MHD_Connection* connection) noexcept;

// OnRequest is the MHD_AccessHandlerCallback: it checks limits, accumulates the body and calls
// the Handler once the request is complete.
MHD_Result OnRequest(void* cls, struct MHD_Connection* connection, const char* url,
                     const char* method, const char* version, const char* upload_data,
                     size_t* upload_data_size, void** req_cls) noexcept;

// OnCompleted (MHD_OPTION_NOTIFY_COMPLETED) writes the access-log line and frees the context.
void OnCompleted(void* cls, struct MHD_Connection* connection, void** req_cls,
                 enum MHD_RequestTerminationCode toe) noexcept;

// OnMhdLog (MHD_OPTION_EXTERNAL_LOGGER) routes libmicrohttpd's own messages to the Logger.
__attribute__((format(printf, 2, 0))) void OnMhdLog(void* cls, const char* format,
                                                    va_list args) noexcept;

}  // namespace vci::http::internal

#endif  // VCISSUER_DAEMON_HTTP_REQUEST_DISPATCH_H_
