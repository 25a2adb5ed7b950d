// Worker: one worker process of vcissuerd (vcissuerd --worker N, started by the supervisor).
//
// It checks the PinGuard before anything touches the token, opens the token and logs in itself,
// checks its keys, loads the policy, serves the two inherited listening sockets and reports
// "ready" over its channel. Then it sends a heartbeat every second with the age of its oldest HSM
// call in flight, reloads the policy when told, and on SIGTERM drains requests in flight for up to
// [server] drain_timeout before it exits 0. Its exit status says why it stopped (exit_codes.h).
#ifndef VCISSUER_DAEMON_SERVER_WORKER_H_
#define VCISSUER_DAEMON_SERVER_WORKER_H_

#include <cstdint>
#include <map>
#include <string>

#include "daemon/config/config.h"

namespace vci::server {

struct WorkerOptions {
  config::Config config;
  int index = 0;
  int channel_fd = -1;
  std::map<std::string, int> listen_fds;  // "public" and "admin".
  uint64_t generation = 1;
};

// RunWorker serves until SIGTERM or until its supervisor goes away, and returns the exit status.
// SIGTERM, SIGINT and SIGHUP must be blocked in the calling thread before any thread starts.
int RunWorker(const WorkerOptions& options);

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_WORKER_H_
