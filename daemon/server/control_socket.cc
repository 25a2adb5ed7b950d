#include "daemon/server/control_socket.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "crypto/base/errno_text.h"

namespace vci::server {
namespace {

constexpr int kBacklog = 16;

Error SocketError(const std::string& path, const char* what) {
  return Error(ErrorCode::kUnavailable, "cannot open the control socket",
               path + ": " + what + ": " + ErrnoText(errno));
}

}  // namespace

std::string ControlSocketPath(const config::Config& config) {
  const char* runtime = std::getenv("RUNTIME_DIRECTORY");
  std::string dir = runtime != nullptr && runtime[0] == '/' ? runtime : config.state.directory;
  // RUNTIME_DIRECTORY lists several directories separated by ':' when the unit names several.
  dir = dir.substr(0, dir.find(':'));
  return dir + "/" + kControlSocketName;
}

Result<ControlSocket> ControlSocket::Listen(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) {
    return Error(ErrorCode::kInvalidArgument, "the control socket path is too long", path);
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    return SocketError(path, "socket");
  }
  (void)::unlink(path.c_str());
  // The socket file is made 0600 from the start (umask), not after a window at a wider mode.
  mode_t old_mask = ::umask(0177);
  int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  ::umask(old_mask);
  if (bound != 0 || ::chmod(path.c_str(), 0600) != 0 || ::listen(fd, kBacklog) != 0) {
    Error error = SocketError(path, "bind");
    ::close(fd);
    return error;
  }
  return ControlSocket(path, fd);
}

ControlSocket::ControlSocket(ControlSocket&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

ControlSocket::~ControlSocket() {
  if (fd_ >= 0) {
    ::close(fd_);
    (void)::unlink(path_.c_str());
  }
}

int ControlSocket::Accept(long* out_refused_uid) {
  int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (client < 0) {
    return -1;
  }
  ucred peer{};
  socklen_t len = sizeof(peer);
  bool known = ::getsockopt(client, SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0;
  if (!known || (peer.uid != ::geteuid() && peer.uid != 0)) {
    *out_refused_uid = known ? static_cast<long>(peer.uid) : -1;
    ::close(client);
    return -1;
  }
  return client;
}

}  // namespace vci::server
