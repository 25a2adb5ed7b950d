// ListenSockets: the two listening sockets the supervisor holds and every worker shares.
//
// Under socket activation they come from systemd (FileDescriptorName= public and admin);
// otherwise the supervisor binds the configured addresses itself, before any worker starts, so a
// port 0 in the configuration is resolved once and every worker serves the same port.
#ifndef VCISSUER_DAEMON_SERVER_LISTEN_SOCKETS_H_
#define VCISSUER_DAEMON_SERVER_LISTEN_SOCKETS_H_

#include <cstdint>
#include <map>
#include <string>

#include "crypto/base/result.h"
#include "daemon/config/config.h"

namespace vci::server {

// OpenListenSockets returns a listening socket for "public" and for "admin": the one in
// `activated` (from systemd::TakeListenFds) where there is one, else a new socket bound to the
// configured address (close-on-exec, SO_REUSEADDR). Fails with kUnavailable when an address
// cannot be bound; sockets it opened are then closed. The caller owns the returned fds.
Result<std::map<std::string, int>> OpenListenSockets(const config::Config& config,
                                                     const std::map<std::string, int>& activated);

// LocalPort returns the TCP port the listening socket `fd` is bound to, or 0 if unknown.
uint16_t LocalPort(int fd);

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_LISTEN_SOCKETS_H_
