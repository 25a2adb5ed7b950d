// Supervisor: vcissuerd's main process. It holds the listening sockets and the control socket,
// starts the worker processes, watches them, and speaks the systemd protocol for all of them.
//
// It never opens the PKCS#11 module. Worker 0 starts alone and logs in; only once it reports
// ready (logged in, keys checked, policy loaded, listening) do the others start, so a wrong PIN
// costs one attempt, not N; restarts also start one worker at a time. READY=1 goes out once every
// worker is ready. A worker that dies, stops sending heartbeats for [server] heartbeat_timeout or
// reports an HSM call older than that is killed and restarted with a growing back-off. A worker
// exit status no restart can fix (exit_codes.h) stops everything with that status, and a refused
// PIN also sets the PinGuard. Reloads (control socket or SIGHUP) bump the policy generation and
// finish when every worker serves it.
#ifndef VCISSUER_DAEMON_SERVER_SUPERVISOR_H_
#define VCISSUER_DAEMON_SERVER_SUPERVISOR_H_

#include <map>
#include <string>

#include "daemon/config/config.h"

namespace vci::server {

struct SupervisorOptions {
  config::Config config;
  std::string config_path;                // Passed on to the workers.
  std::map<std::string, int> listen_fds;  // "public" and "admin", from OpenListenSockets.
  size_t num_workers = 1;
  std::string control_socket_path;
  int metrics_fd = -1;    // Shared metrics registry (daemon/metrics), or -1.
  int ratelimit_fd = -1;  // Shared rate-limit table (daemon/ratelimit), or -1.
};

// RunSupervisor runs until SIGTERM/SIGINT (exit 0 after the drain) or until a worker exits with
// a status no restart can fix (that status). SIGTERM, SIGINT, SIGHUP and SIGCHLD must be blocked
// in the calling thread (it takes them through a signalfd).
int RunSupervisor(const SupervisorOptions& options);

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_SUPERVISOR_H_
