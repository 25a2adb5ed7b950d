#include "daemon/server/listen_sockets.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/base/errno_text.h"
#include "daemon/systemd/listen_fds.h"

namespace vci::server {
namespace {

constexpr int kBacklog = 1024;

Error BindError(const config::ListenAddress& address, const std::string& what) {
  return Error(ErrorCode::kUnavailable, "cannot listen on " + address.ToString(),
               what + ": " + ErrnoText(errno));
}

Result<int> Bind(const config::ListenAddress& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(address.port);
  const char* host = address.host.empty() ? nullptr : address.host.c_str();
  int rc = ::getaddrinfo(host, service.c_str(), &hints, &found);
  if (rc != 0 || found == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "cannot resolve the listen address",
                 "getaddrinfo(" + address.host + "): " + ::gai_strerror(rc));
  }
  int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    ::freeaddrinfo(found);
    return BindError(address, "socket");
  }
  int one = 1;
  (void)::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (found->ai_family == AF_INET6) {
    (void)::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
  }
  bool bound = ::bind(fd, found->ai_addr, found->ai_addrlen) == 0;
  ::freeaddrinfo(found);
  if (!bound || ::listen(fd, kBacklog) != 0) {
    Error error = BindError(address, bound ? "listen" : "bind");
    ::close(fd);
    return error;
  }
  return fd;
}

}  // namespace

Result<std::map<std::string, int>> OpenListenSockets(const config::Config& config,
                                                     const std::map<std::string, int>& activated) {
  std::map<std::string, int> fds = activated;
  std::map<std::string, int> opened;
  for (auto [name, address] : {std::pair{systemd::kPublicListener, &config.listen.public_address},
                               std::pair{systemd::kAdminListener, &config.listen.admin_address}}) {
    if (fds.count(name) != 0) {
      continue;
    }
    Result<int> fd = Bind(*address);
    if (!fd.has_value()) {
      for (const auto& [unused, open_fd] : opened) {
        ::close(open_fd);
      }
      return fd.error().WithContext(std::string(name) + " listener");
    }
    opened.emplace(name, *fd);
    fds.emplace(name, *fd);
  }
  return fds;
}

uint16_t LocalPort(int fd) {
  sockaddr_storage address{};
  socklen_t len = sizeof(address);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &len) != 0) {
    return 0;
  }
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  }
  return 0;
}

}  // namespace vci::server
