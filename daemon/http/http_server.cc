#include "daemon/http/http_server.h"

#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "crypto/base/errno_text.h"
#include "daemon/http/request_dispatch.h"

namespace vci::http {
namespace {

using systemd::LogLevel;

struct MhdDaemonDeleter {
  void operator()(MHD_Daemon* daemon) const { ::MHD_stop_daemon(daemon); }
};

using MhdDaemonPtr = std::unique_ptr<MHD_Daemon, MhdDaemonDeleter>;

// ResolveBindAddress turns a numeric or named host into the address to bind.
Result<sockaddr_storage> ResolveBindAddress(const std::string& host, uint16_t port,
                                            socklen_t& out_len) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0 || found == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "cannot resolve the listen address",
                 "getaddrinfo(" + host + "): " + ::gai_strerror(rc));
  }
  sockaddr_storage address{};
  std::memcpy(&address, found->ai_addr, found->ai_addrlen);
  out_len = found->ai_addrlen;
  ::freeaddrinfo(found);
  return address;
}

}  // namespace

class HttpServer::Impl {
 public:
  Impl() : state_(std::make_unique<internal::ServerState>()) {}

  Impl(const Impl&) = delete;  // Owns the MHD daemon; a copy would stop it twice.
  Impl& operator=(const Impl&) = delete;

  ~Impl() { Stop(std::chrono::milliseconds(0)); }

  internal::ServerState& state() { return *state_; }

  void set_daemon(MHD_Daemon* daemon) { daemon_.reset(daemon); }

  MHD_Daemon* daemon() const { return daemon_.get(); }

  size_t active_requests() const { return state_->active_requests.load(); }

  void Stop(std::chrono::milliseconds drain) {
    if (daemon_ == nullptr) {
      return;
    }
    // Quiescing hands the listen socket back: no new connections, existing ones keep running.
    MHD_socket listen_fd = ::MHD_quiesce_daemon(daemon_.get());
    auto deadline = std::chrono::steady_clock::now() + drain;
    while (state_->active_requests.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    daemon_.reset();
    if (listen_fd != MHD_INVALID_SOCKET) {
      ::close(listen_fd);
    }
    state_->logger->Log(LogLevel::kInfo, "listener stopped", {{"LISTENER", state_->options.name}});
  }

 private:
  std::unique_ptr<internal::ServerState> state_;  // Before daemon_: outlives MHD's threads.
  MhdDaemonPtr daemon_;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl, uint16_t port)
    : impl_(std::move(impl)), port_(port) {}

HttpServer::~HttpServer() = default;

void HttpServer::Stop(std::chrono::milliseconds drain) {
  impl_->Stop(drain);
}

size_t HttpServer::active_requests() const {
  return impl_->active_requests();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const ServerOptions& options,
                                                      Handler& handler) {
  auto impl = std::make_unique<Impl>();
  internal::ServerState& state = impl->state();
  state.options = options;
  state.handler = &handler;
  state.logger = options.logger != nullptr ? options.logger : &systemd::DefaultLogger();
  if (!options.tls_certificate_file.empty()) {
    // Kept in the state: libmicrohttpd reads them when the daemon starts.
    VCI_ASSIGN_OR_RETURN(state.tls, LoadTlsFiles(options.tls_certificate_file, options.tls_key_file,
                                                 options.tls_client_ca_file));
  }

  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
  std::vector<MHD_OptionItem> items;
  auto add = [&items](MHD_OPTION option, intptr_t value, void* ptr = nullptr) {
    items.push_back(MHD_OptionItem{option, value, ptr});
  };

  // The logger comes first, so that libmicrohttpd logs nothing through its own logger.
  add(MHD_OPTION_EXTERNAL_LOGGER,
      reinterpret_cast<intptr_t>(static_cast<MHD_LogCallback>(&internal::OnMhdLog)), &state);

  // Socket activation: serve a duplicate, so the caller keeps ownership of its fd.
  int listen_fd = -1;
  sockaddr_storage address{};
  if (options.listen_fd >= 0) {
    listen_fd = ::fcntl(options.listen_fd, F_DUPFD_CLOEXEC, 3);
    if (listen_fd < 0) {
      return Error(ErrorCode::kInvalidArgument, "cannot use the passed listen socket",
                   std::string("fcntl(F_DUPFD_CLOEXEC): ") + ErrnoText(errno));
    }
    add(MHD_OPTION_LISTEN_SOCKET, listen_fd);
  } else {
    socklen_t address_len = 0;
    VCI_ASSIGN_OR_RETURN(address, ResolveBindAddress(options.host, options.port, address_len));
    if (address.ss_family == AF_INET6) {
      flags |= MHD_USE_IPv6;
    }
    add(MHD_OPTION_SOCK_ADDR, 0, &address);
  }

  if (options.threads > 1) {
    add(MHD_OPTION_THREAD_POOL_SIZE, options.threads);
  }
  if (options.connection_limit > 0) {
    add(MHD_OPTION_CONNECTION_LIMIT, options.connection_limit);
  }
  if (options.per_ip_connection_limit > 0) {
    add(MHD_OPTION_PER_IP_CONNECTION_LIMIT, options.per_ip_connection_limit);
  }
  add(MHD_OPTION_CONNECTION_TIMEOUT, options.connection_timeout_s);
  add(MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<intptr_t>(options.connection_memory_bytes));
  add(MHD_OPTION_STRICT_FOR_CLIENT, 1);  // Reject sloppy HTTP framing (request smuggling).
  if (!options.tls_certificate_file.empty()) {
    flags |= MHD_USE_TLS;
    add(MHD_OPTION_HTTPS_MEM_CERT, 0, state.tls.certificate_pem.data());
    add(MHD_OPTION_HTTPS_MEM_KEY, 0, const_cast<uint8_t*>(state.tls.key_pem.Reveal().data()));
    add(MHD_OPTION_HTTPS_PRIORITIES, 0, const_cast<char*>(kTlsPriorities));
    if (!state.tls.client_ca_pem.empty()) {
      add(MHD_OPTION_HTTPS_MEM_TRUST, 0, state.tls.client_ca_pem.data());
    }
  }
  add(MHD_OPTION_URI_LOG_CALLBACK,
      reinterpret_cast<intptr_t>(
          static_cast<void* (*)(void*, const char*, MHD_Connection*)>(&internal::OnUriLog)),
      &state);
  add(MHD_OPTION_NOTIFY_CONNECTION,
      reinterpret_cast<intptr_t>(
          static_cast<MHD_NotifyConnectionCallback>(&internal::OnConnection)),
      &state);
  add(MHD_OPTION_NOTIFY_COMPLETED,
      reinterpret_cast<intptr_t>(static_cast<MHD_RequestCompletedCallback>(&internal::OnCompleted)),
      &state);
  add(MHD_OPTION_END, 0);

  MHD_Daemon* daemon =
      ::MHD_start_daemon(flags, options.port, nullptr, nullptr,
                         static_cast<MHD_AccessHandlerCallback>(&internal::OnRequest), &state,
                         MHD_OPTION_ARRAY, items.data(), MHD_OPTION_END);
  if (daemon == nullptr) {
    if (listen_fd >= 0) {
      ::close(listen_fd);
    }
    return Error(ErrorCode::kUnavailable, "cannot start the HTTP listener",
                 "MHD_start_daemon failed for listener " + options.name + " on " + options.host +
                     ":" + std::to_string(options.port));
  }
  impl->set_daemon(daemon);

  const MHD_DaemonInfo* info = ::MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  uint16_t port = info != nullptr ? info->port : options.port;
  state.logger->Log(LogLevel::kInfo, "listener started",
                    {{"LISTENER", options.name}, {"PORT", std::to_string(port)}});
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl), port));
}

}  // namespace vci::http
