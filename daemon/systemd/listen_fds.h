// Socket activation: the listening sockets systemd passes (sd_listen_fds_with_names(3)).
#ifndef VCISSUER_DAEMON_SYSTEMD_LISTEN_FDS_H_
#define VCISSUER_DAEMON_SYSTEMD_LISTEN_FDS_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "crypto/base/result.h"

namespace vci::systemd {

// The listener names the daemon knows, in the order unnamed sockets are assigned to them.
inline constexpr const char* kPublicListener = "public";
inline constexpr const char* kAdminListener = "admin";

// TakeListenFds returns the sockets passed by socket activation, keyed by listener name ("public",
// "admin"), or an empty map when the process was not socket-activated. A socket whose
// FileDescriptorName= is "public" or "admin" gets that name; any other name (systemd's default is
// the unit name) is assigned in order to the first of "public", "admin" still free. The fds are set
// close-on-exec and the $LISTEN_* variables are removed from the environment. The caller owns the
// returned fds. Fails with kInvalidArgument if a passed fd is not a listening stream socket, a name
// appears twice or more than two sockets are passed (the fds are then left open: exit). Call once,
// from the main thread, before starting threads (it edits the environment).
Result<std::map<std::string, int>> TakeListenFds();

// AssignListenerNames is TakeListenFds' naming rule as a pure function over (fd, name) pairs in
// the order systemd passed them. Fails with kInvalidArgument on a duplicate or a third socket.
Result<std::map<std::string, int>> AssignListenerNames(
    const std::vector<std::pair<int, std::string>>& fds);

}  // namespace vci::systemd

#endif  // VCISSUER_DAEMON_SYSTEMD_LISTEN_FDS_H_
