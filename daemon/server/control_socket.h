// ControlSocket: the supervisor's AF_UNIX control socket (see control_protocol.h).
//
// `vcissuerctl reload` runs as ExecReload= inside the service's sandbox, whose private network
// namespace cannot reach the TCP admin listener, so it speaks to the supervisor here instead. The
// socket is mode 0600 in the runtime directory, and every peer's credentials are checked: only
// the daemon's own user and root may talk to it.
#ifndef VCISSUER_DAEMON_SERVER_CONTROL_SOCKET_H_
#define VCISSUER_DAEMON_SERVER_CONTROL_SOCKET_H_

#include <string>

#include "crypto/base/result.h"
#include "daemon/config/config.h"

namespace vci::server {

// kControlSocketName is the socket's file name in its directory.
inline constexpr char kControlSocketName[] = "control.sock";

// ControlSocketPath is where the daemon listens: $RUNTIME_DIRECTORY/control.sock under systemd
// (RuntimeDirectory=), else control.sock in the state directory.
std::string ControlSocketPath(const config::Config& config);

class ControlSocket {
 public:
  // Listen replaces any stale socket at `path` and listens there (mode 0600, non-blocking,
  // close-on-exec). Fails with kUnavailable, naming the path.
  static Result<ControlSocket> Listen(const std::string& path);

  ControlSocket(ControlSocket&& other) noexcept;
  ControlSocket& operator=(ControlSocket&&) = delete;
  ControlSocket(const ControlSocket&) = delete;  // a copy would close and unlink twice
  ControlSocket& operator=(const ControlSocket&) = delete;
  // The destructor closes the socket and removes its file.
  ~ControlSocket();

  int fd() const { return fd_; }

  // Accept returns the next client (non-blocking, close-on-exec), -1 when none is waiting or
  // the peer is neither this process's user nor root (its connection is then closed and
  // `out_refused_uid` set to its uid).
  int Accept(long* out_refused_uid);

 private:
  ControlSocket(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::string path_;
  int fd_;
};

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_CONTROL_SOCKET_H_
