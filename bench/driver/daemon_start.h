// StartDaemon: starts vcissuerd the way systemd would see it start, and measures how long it
// takes to become ready: until it sends READY=1 on a notify socket of our own (sd_notify(3)),
// and until its admin listener's /healthz answers 200.
#ifndef VCISSUER_BENCH_DRIVER_DAEMON_START_H_
#define VCISSUER_BENCH_DRIVER_DAEMON_START_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/base/result.h"

namespace vci::bench {

struct StartOptions {
  std::vector<std::string> argv;  // The daemon's command line; argv[0] is the program's path.
  std::string notify_socket;      // Path for the AF_UNIX datagram socket; must not exist.
  std::string health_url;         // e.g. http://127.0.0.1:8444/healthz
  std::string log_file;           // The daemon's stdout and stderr go here.
  std::chrono::milliseconds timeout{20000};  // For READY=1 and /healthz both.
};

// StartDaemon forks and execs the daemon in a session of its own (it outlives this process) and
// returns {"pid", "ready_ms", "healthz_ms"}. Fails when the daemon exits, or sends no READY=1
// and /healthz does not answer within the timeout.
Result<nlohmann::json> StartDaemon(const StartOptions& options);

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_DAEMON_START_H_
