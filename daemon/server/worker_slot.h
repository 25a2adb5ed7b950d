// WorkerSlot: the supervisor's record of one worker position, across its restarts.
#ifndef VCISSUER_DAEMON_SERVER_WORKER_SLOT_H_
#define VCISSUER_DAEMON_SERVER_WORKER_SLOT_H_

#include <chrono>
#include <cstdint>
#include <optional>

#include "daemon/server/backoff.h"
#include "daemon/server/worker_process.h"

namespace vci::server {

// Restart back-off: 0.5 s doubling to 30 s, back to 0.5 s after a minute of good health.
inline constexpr std::chrono::milliseconds kRestartBackoffInitial{500};
inline constexpr std::chrono::milliseconds kRestartBackoffMax{30000};
inline constexpr std::chrono::milliseconds kRestartBackoffStable{60000};

struct WorkerSlot {
  using Clock = std::chrono::steady_clock;
  enum class State { kIdle, kStarting, kReady };

  explicit WorkerSlot(int slot_index)
      : index(slot_index),
        backoff(kRestartBackoffInitial, kRestartBackoffMax, kRestartBackoffStable) {}

  // Started records a freshly spawned process.
  void Started(WorkerProcess started_process, Clock::time_point now) {
    process.emplace(std::move(started_process));
    state = State::kStarting;
    started = now;
    last_heartbeat = now;
    kill_sent = false;
  }

  int index;
  State state = State::kIdle;
  std::optional<WorkerProcess> process;  // Empty while no process runs for this slot.
  Clock::time_point started{};
  Clock::time_point last_heartbeat{};  // Of any message.
  Clock::time_point restart_at{};      // kIdle: not before.
  uint64_t generation = 0;             // The policy generation it serves.
  uint64_t failed_generation = 0;      // The last generation it refused, 0 if none.
  bool kill_sent = false;
  Backoff backoff;
};

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_WORKER_SLOT_H_
