// SupervisorLoop: the state and steps of RunSupervisor (supervisor.h), split over
// supervisor.cc (the loop and the workers) and supervisor_control.cc (control requests, reloads,
// status and stop). Internal to daemon/server.
#ifndef VCISSUER_DAEMON_SERVER_SUPERVISOR_LOOP_H_
#define VCISSUER_DAEMON_SERVER_SUPERVISOR_LOOP_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "daemon/server/control_protocol.h"
#include "daemon/server/control_socket.h"
#include "daemon/server/exit_codes.h"
#include "daemon/server/supervisor.h"
#include "daemon/server/worker_slot.h"

namespace vci::server {

class SupervisorLoop {
 public:
  using Clock = std::chrono::steady_clock;

  SupervisorLoop(const SupervisorOptions& options, ControlSocket control, int signal_fd);

  // Run loops until the daemon stops and returns the exit status.
  int Run();

 private:
  enum class Phase { kStarting, kRunning, kStopping };

  void Poll();
  void HandleSignals();
  void ReapChildren();
  void OnWorkerExit(WorkerSlot& slot, int wait_status);
  void ReadWorker(WorkerSlot& slot);
  void OnMessage(WorkerSlot& slot, const WorkerMessage& message);
  void AcceptClient();
  void ReadClient(int fd);
  void Kill(WorkerSlot& slot, std::string_view why);
  void CheckHealth();
  void StartWorkers();
  void CheckReady();
  void RequestReload(int client_fd);
  void BeginReload();
  void CheckReload();
  void BeginStop(int exit_status, const std::string& why);
  void UpdateStatus();
  void ReplyAndClose(int fd, const ControlReply& reply);
  ControlReply Status() const;
  unsigned NumReady() const;

  const SupervisorOptions& options_;
  ControlSocket control_;
  int signal_fd_;
  std::vector<WorkerSlot> slots_;
  std::vector<int> clients_;  // Control connections whose request line has not arrived yet.
  Clock::time_point now_ = Clock::now();
  Phase phase_ = Phase::kStarting;
  bool logged_in_once_ = false;  // A worker has logged in: the PIN is good.
  int exit_status_ = kExitOk;
  Clock::time_point stop_deadline_;
  bool killed_all_ = false;
  uint64_t generation_ = 1;  // The policy generation every worker must serve.
  bool reloading_ = false;
  Clock::time_point reload_started_;
  std::string reload_failure_;
  std::vector<int> reload_waiters_;  // Clients (or -1 for SIGHUP) of the reload in progress.
  std::vector<int> queued_waiters_;  // Clients that asked during it: they get the next one.
  std::string status_;
  Clock::time_point last_watchdog_;
};

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_SUPERVISOR_LOOP_H_
