#include "daemon/http/request_dispatch.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "daemon/http/client_certificate.h"
#include "daemon/http/form.h"
#include "daemon/http/request_target.h"
#include "daemon/metrics/registry.h"

namespace vci::http::internal {
namespace {

using systemd::LogLevel;

// RequestContext lives from the request line to NOTIFY_COMPLETED.
struct RequestContext {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::string request_id;
  std::string raw_query;
  bool url_too_long = false;
  bool bad_target = false;  // the path holds an encoded NUL
  bool headers_seen = false;
  bool body_too_large = false;
  size_t discarded_bytes = 0;  // of a chunked body past the cap
  std::string method;
  std::string path;
  std::string body;
  int status = 0;
  std::string error_code;                 // from HttpResponse::log_error_code
  std::string detail;                     // from HttpResponse::log_detail
  std::string client_certificate_sha256;  // verified TLS client certificate, or ""
};

// Stable MESSAGE_IDs (journalctl MESSAGE_ID=...): one line per answered request, and
// libmicrohttpd's own messages.
constexpr std::string_view kMessageRequest = "7b0e2c55a4d94f0e9a3c61f2d8b47e03";
constexpr std::string_view kMessageMhd = "c5d1a8e64f2b4a7d8e0f93b6a1c27d54";

// How much of an oversize chunked body is read and dropped before the connection is closed
// instead of answered.
constexpr size_t kMaxDiscardedBodyBytes = 1 << 20;

// ConnectionSlot is the per-connection state of OnConnection.
struct ConnectionSlot {
  std::unique_ptr<RequestContext> unclaimed;
};

ConnectionSlot* SlotOf(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      ::MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return info == nullptr ? nullptr : static_cast<ConnectionSlot*>(info->socket_context);
}

struct MhdResponseDeleter {
  void operator()(MHD_Response* response) const { ::MHD_destroy_response(response); }
};

using MhdResponsePtr = std::unique_ptr<MHD_Response, MhdResponseDeleter>;

std::string NewRequestId(ServerState& state) {
  std::array<uint8_t, 8> bytes{};
  if (!state.random.Fill(bytes).has_value()) {
    static std::atomic<uint64_t> counter{0};
    uint64_t n = counter.fetch_add(1) + 1;
    for (auto& b : bytes) {
      b = static_cast<uint8_t>(n);
      n >>= 8;
    }
  }
  return ToHex(bytes);
}

std::string PeerAddress(MHD_Connection* connection) {
  const MHD_ConnectionInfo* info =
      ::MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) {
    return "";
  }
  std::array<char, INET6_ADDRSTRLEN> text{};
  const sockaddr* addr = info->client_addr;
  const void* raw = nullptr;
  if (addr->sa_family == AF_INET) {
    raw = &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr;
  } else if (addr->sa_family == AF_INET6) {
    raw = &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr;
  } else {
    return "";
  }
  if (::inet_ntop(addr->sa_family, raw, text.data(), text.size()) == nullptr) {
    return "";
  }
  return text.data();
}

MHD_Result CollectHeader(void* cls, MHD_ValueKind /*kind*/, const char* key,
                         const char* value) noexcept {
  try {
    static_cast<Headers*>(cls)->Add(key, value == nullptr ? "" : value);
    return MHD_YES;
  } catch (...) {
    return MHD_NO;
  }
}

// AddStandardHeaders applies the server-wide response policy.
void AddStandardHeaders(const ServerOptions& options, HttpResponse& response) {
  // RFC 6749 section 5.1 and OID4VCI: token and credential responses must not be cached.
  if (!response.HasHeader("Cache-Control")) {
    response.SetHeader("Cache-Control", "no-store");
  }
  response.SetHeader("X-Content-Type-Options", "nosniff");
  if (!options.cors_allow_origin.empty() && !response.HasHeader("Access-Control-Allow-Origin")) {
    response.SetHeader("Access-Control-Allow-Origin", options.cors_allow_origin);
  }
}

HttpResponse InternalError() {
  return ErrorResponse(500, "server_error", "internal error");
}

MHD_Result Queue(ServerState& state, MHD_Connection* connection, RequestContext& context,
                 HttpResponse response) {
  AddStandardHeaders(state.options, response);
  MhdResponsePtr mhd(::MHD_create_response_from_buffer(response.body.size(), response.body.data(),
                                                       MHD_RESPMEM_MUST_COPY));
  if (mhd == nullptr) {
    return MHD_NO;
  }
  for (const auto& [name, value] : response.headers) {
    if (::MHD_add_response_header(mhd.get(), name.c_str(), value.c_str()) != MHD_YES) {
      // A header with CR/LF or an empty name: a handler bug, never sent half-formed.
      state.logger->Log(
          LogLevel::kErr, "handler set an invalid response header",
          {{"LISTENER", state.options.name}, {"REQUEST_ID", context.request_id}, {"HEADER", name}});
      return Queue(state, connection, context, InternalError());
    }
  }
  context.status = response.status;
  context.error_code = std::move(response.log_error_code);
  context.detail = std::move(response.log_detail);
  return ::MHD_queue_response(connection, static_cast<unsigned>(response.status), mhd.get());
}

HttpResponse CorsPreflight() {
  // Fetch Standard section 3.2.3: the preflight answer names what the actual request may use.
  HttpResponse response;
  response.status = 204;
  response.SetHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  response.SetHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, DPoP");
  response.SetHeader("Access-Control-Max-Age", "600");
  return response;
}

HttpRequest BuildRequest(MHD_Connection* connection, RequestContext& context) {
  HttpRequest request;
  request.method = context.method;
  request.path = context.path;
  ::MHD_get_connection_values(connection, MHD_HEADER_KIND, &CollectHeader, &request.headers);
  request.body = std::move(context.body);
  request.peer_address = PeerAddress(connection);
  request.request_id = context.request_id;
  request.client_certificate_sha256 = VerifiedClientCertificateSha256(connection);
  context.client_certificate_sha256 = request.client_certificate_sha256;
  auto query = ParseFormUrlEncoded(context.raw_query, kMaxQueryParams);
  if (query.has_value()) {
    request.query = std::move(query).value();
  } else {
    request.query_was_invalid = true;
  }
  return request;
}

// CallHandler runs the Handler with the exception boundary STYLE.md asks for at C entry points.
HttpResponse CallHandler(ServerState& state, const HttpRequest& request) {
  try {
    return state.handler->Handle(request);
  } catch (const std::exception& e) {
    state.logger->Log(LogLevel::kErr, "handler threw",
                      {{"LISTENER", state.options.name},
                       {"REQUEST_ID", request.request_id},
                       {"ENDPOINT", PathForLog(request.path)},
                       {"ERROR_DETAIL", e.what()}});
  } catch (...) {
    state.logger->Log(LogLevel::kErr, "handler threw a non-exception",
                      {{"LISTENER", state.options.name},
                       {"REQUEST_ID", request.request_id},
                       {"ENDPOINT", PathForLog(request.path)}});
  }
  return InternalError();
}

// FirstCall runs once the headers are in: limits that need no body are enforced here, before
// libmicrohttpd reads (or sends 100 Continue for) the body.
MHD_Result FirstCall(ServerState& state, MHD_Connection* connection, RequestContext& context) {
  if (context.url_too_long) {
    return Queue(state, connection, context,
                 ErrorResponse(414, "invalid_request", "request target too long"));
  }
  if (context.bad_target) {
    return Queue(state, connection, context,
                 ErrorResponse(400, "invalid_request", "the request target is malformed"));
  }
  if (!state.options.cors_allow_origin.empty() && context.method == "OPTIONS") {
    return Queue(state, connection, context, CorsPreflight());
  }
  const char* length =
      ::MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  if (length != nullptr) {
    std::string_view text(length);
    unsigned long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || value > state.options.max_body_bytes) {
      context.body_too_large = true;
      return Queue(state, connection, context,
                   ErrorResponse(413, "invalid_request", "request body too large"));
    }
  }
  return MHD_YES;
}

// CountRequest adds the answered request to the metrics: by route and status, and by error code
// when the handler named one. Requests refused before a status was set are not counted.
void CountRequest(const ServerState& state, const RequestContext& context) {
  if (context.status == 0) {
    return;
  }
  metrics::Registry& registry = metrics::Global();
  registry.CountRequest(metrics::ClassifyEndpoint(state.options.name, context.path),
                        context.status);
  if (!context.error_code.empty()) {
    registry.CountError(context.error_code);
  }
}

}  // namespace

void OnConnection(void* /*cls*/, MHD_Connection* /*connection*/, void** socket_context,
                  MHD_ConnectionNotificationCode toe) noexcept {
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    *socket_context = new (std::nothrow) ConnectionSlot();
    return;
  }
  // Takes back the slot made above, with any unclaimed context in it, and frees it.
  const std::unique_ptr<ConnectionSlot> slot(static_cast<ConnectionSlot*>(*socket_context));
  *socket_context = nullptr;
}

void* OnUriLog(void* cls, const char* uri, MHD_Connection* connection) noexcept {
  auto& state = *static_cast<ServerState*>(cls);
  ConnectionSlot* slot = SlotOf(connection);
  if (slot == nullptr) {
    return nullptr;  // OnConnection ran out of memory: refuse the request.
  }
  try {
    auto context = std::make_unique<RequestContext>();
    context->request_id = NewRequestId(state);
    std::string_view target(uri == nullptr ? "" : uri);
    if (target.size() > state.options.max_url_bytes) {
      context->url_too_long = true;
    } else if (HasEncodedNul(target.substr(0, target.find('?')))) {
      // libmicrohttpd decodes the path into a C string, which a %00 would cut short: the
      // request would reach another endpoint than the one it names.
      context->bad_target = true;
    } else if (size_t question = target.find('?'); question != std::string_view::npos) {
      context->raw_query = std::string(target.substr(question + 1));
    }
    // The slot owns it (freeing a context a refused earlier request left behind) until OnRequest
    // claims it; from then on OnCompleted frees it.
    slot->unclaimed = std::move(context);
    return slot->unclaimed.get();
  } catch (...) {
    return nullptr;
  }
}

MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url, const char* method,
                     const char* /*version*/, const char* upload_data, size_t* upload_data_size,
                     void** req_cls) noexcept {
  auto& state = *static_cast<ServerState*>(cls);
  auto* context = static_cast<RequestContext*>(*req_cls);
  if (context == nullptr) {
    return MHD_NO;  // OnUriLog ran out of memory: close the connection.
  }
  try {
    if (!context->headers_seen) {
      // Claim the context: from now on libmicrohttpd reports the request's completion.
      if (ConnectionSlot* slot = SlotOf(connection);
          slot != nullptr && slot->unclaimed.get() == context) {
        (void)slot->unclaimed.release();
      }
      state.active_requests.fetch_add(1);
      context->headers_seen = true;
      context->method = method;
      context->path = context->url_too_long ? std::string() : std::string(url);
      return FirstCall(state, connection, *context);
    }

    if (*upload_data_size > 0) {
      if (!context->body_too_large &&
          context->body.size() + *upload_data_size <= state.options.max_body_bytes) {
        context->body.append(upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
      }
      // A chunked body that grew past the cap. libmicrohttpd accepts a response only before the
      // body or after all of it, so the rest is read and dropped, up to a bound past which the
      // connection is simply closed.
      if (!context->body_too_large) {
        context->body_too_large = true;
        context->body.clear();
        context->body.shrink_to_fit();
      }
      context->discarded_bytes += *upload_data_size;
      *upload_data_size = 0;
      return context->discarded_bytes > kMaxDiscardedBodyBytes ? MHD_NO : MHD_YES;
    }
    if (context->body_too_large) {
      return Queue(state, connection, *context,
                   ErrorResponse(413, "invalid_request", "request body too large"));
    }

    HttpRequest request = BuildRequest(connection, *context);
    return Queue(state, connection, *context, CallHandler(state, request));
  } catch (...) {
    state.logger->Log(LogLevel::kErr, "request dispatch failed",
                      {{"LISTENER", state.options.name}, {"REQUEST_ID", context->request_id}});
    return MHD_NO;
  }
}

void OnCompleted(void* cls, MHD_Connection* connection, void** req_cls,
                 MHD_RequestTerminationCode toe) noexcept {
  auto& state = *static_cast<ServerState*>(cls);
  auto* raw = static_cast<RequestContext*>(*req_cls);
  *req_cls = nullptr;
  if (raw == nullptr) {
    return;
  }
  // A context the handler never claimed is still owned by the connection's slot, which frees it.
  if (ConnectionSlot* slot = SlotOf(connection); slot != nullptr && slot->unclaimed.get() == raw) {
    return;
  }
  std::unique_ptr<RequestContext> context(raw);
  state.active_requests.fetch_sub(1);
  CountRequest(state, *context);
  // Server faults are logged at warning, so an operator who logs only warnings still sees them.
  LogLevel level = context->status >= 500 ? LogLevel::kWarning : LogLevel::kInfo;
  if (!state.logger->Enabled(level)) {
    return;
  }
  auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - context->start);
  std::string status = std::to_string(context->status);
  std::string latency_us = std::to_string(latency.count());
  std::string_view outcome = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "completed" : "aborted";
  // LogField holds views: every value must outlive `fields`.
  std::string endpoint = PathForLog(context->path);
  std::vector<systemd::LogField> fields = {{"MESSAGE_ID", kMessageRequest},
                                           {"LISTENER", state.options.name},
                                           {"REQUEST_ID", context->request_id},
                                           {"METHOD", context->method},
                                           {"ENDPOINT", endpoint},
                                           {"STATUS", status},
                                           {"LATENCY_US", latency_us},
                                           {"OUTCOME", outcome}};
  if (!context->error_code.empty()) {
    fields.push_back({"ERROR_CODE", context->error_code});
  }
  if (!context->detail.empty()) {
    fields.push_back({"DETAIL", context->detail});
  }
  if (!context->client_certificate_sha256.empty()) {
    // A certificate's fingerprint names the client; it grants nothing by itself.
    fields.push_back({"CLIENT_CERT_SHA256", context->client_certificate_sha256});
  }
  state.logger->Log(level, "request", fields);
}

void OnMhdLog(void* cls, const char* format, va_list args) noexcept {
  auto& state = *static_cast<ServerState*>(cls);
  std::array<char, 512> text{};
  va_list copy;
  va_copy(copy, args);
  const int written = std::vsnprintf(text.data(), text.size(), format, copy);
  va_end(copy);
  if (written < 0) {
    return;  // an encoding error: there is no message to log
  }
  std::string_view message(text.data());
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
    message.remove_suffix(1);
  }
  state.logger->Log(
      LogLevel::kWarning, message,
      {{"MESSAGE_ID", kMessageMhd}, {"LISTENER", state.options.name}, {"SOURCE", "libmicrohttpd"}});
}

}  // namespace vci::http::internal
