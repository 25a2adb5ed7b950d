// WorkerProcess: one worker as the supervisor sees it: its pid and its end of the socketpair.
//
// Nothing forks after C_Initialize: the supervisor never opens the PKCS#11 module, and each worker
// is a fresh exec of the same binary (/proc/self/exe --worker ...) that inherits only the two
// listening sockets and its end of a SOCK_SEQPACKET socketpair.
#ifndef VCISSUER_DAEMON_SERVER_WORKER_PROCESS_H_
#define VCISSUER_DAEMON_SERVER_WORKER_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "crypto/base/result.h"
#include "daemon/server/worker_message.h"

namespace vci::server {

// WorkerLaunch is what a worker is started with.
struct WorkerLaunch {
  std::string config_path;
  int index = 0;                          // 0 is the worker that logs in first.
  uint64_t generation = 0;                // The policy generation it reports once loaded.
  std::map<std::string, int> listen_fds;  // "public" and "admin"; inherited, not closed here.
  // Shared memory the supervisor mapped before the first fork: the metrics registry and the
  // per-address rate-limit table (memfds, -1 when absent). Inherited, not closed here.
  int metrics_fd = -1;
  int ratelimit_fd = -1;
};

class WorkerProcess {
 public:
  // Spawn forks and execs the worker. $NOTIFY_SOCKET is removed from its environment: only the
  // supervisor speaks to systemd. Fails with kUnavailable when socketpair or fork fails.
  static Result<WorkerProcess> Spawn(const WorkerLaunch& launch);

  WorkerProcess(WorkerProcess&& other) noexcept;
  WorkerProcess& operator=(WorkerProcess&& other) noexcept;
  WorkerProcess(const WorkerProcess&) = delete;  // a copy would close the channel twice
  WorkerProcess& operator=(const WorkerProcess&) = delete;
  // The destructor closes the channel; it neither signals nor waits for the process.
  ~WorkerProcess();

  pid_t pid() const { return pid_; }

  int channel_fd() const { return channel_fd_; }

  // Send sends one message; false if the worker's end is gone.
  bool Send(const WorkerMessage& message);

  // Receive returns the next message, nullopt when none is waiting, or an error when the worker
  // closed its end (kUnavailable) or sent something malformed (kInvalidArgument).
  Result<std::optional<WorkerMessage>> Receive();

  // Signal sends `signal_number` to the worker.
  void Signal(int signal_number) const;

 private:
  WorkerProcess(pid_t pid, int channel_fd) : pid_(pid), channel_fd_(channel_fd) {}

  pid_t pid_ = -1;
  int channel_fd_ = -1;
};

// Hidden command-line flags of a worker (vcissuerd --worker N ...).
inline constexpr char kWorkerFlag[] = "--worker";
inline constexpr char kChannelFdFlag[] = "--channel-fd";
inline constexpr char kPublicFdFlag[] = "--public-fd";
inline constexpr char kAdminFdFlag[] = "--admin-fd";
inline constexpr char kGenerationFlag[] = "--generation";
inline constexpr char kMetricsFdFlag[] = "--metrics-fd";
inline constexpr char kRateLimitFdFlag[] = "--ratelimit-fd";

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_WORKER_PROCESS_H_
