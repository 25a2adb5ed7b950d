// Backoff: the growing delay before the supervisor restarts a worker that died or hung.
#ifndef VCISSUER_DAEMON_SERVER_BACKOFF_H_
#define VCISSUER_DAEMON_SERVER_BACKOFF_H_

#include <chrono>

namespace vci::server {

// Backoff doubles its delay at every failure, from `initial` up to `max`, and starts again from
// `initial` once a worker has stayed healthy for `stable`. Not thread-safe (the supervisor's loop
// owns it).
class Backoff {
 public:
  using Clock = std::chrono::steady_clock;

  Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
          std::chrono::milliseconds stable)
      : initial_(initial), max_(max), stable_(stable), next_(initial) {}

  // NextDelay returns the delay to wait before the next restart and doubles the following one.
  std::chrono::milliseconds NextDelay();

  // Healthy records that the worker has run since `since`; once that is at least `stable` ago at
  // `now`, the delay starts again from `initial`.
  void Healthy(Clock::time_point since, Clock::time_point now);

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::chrono::milliseconds stable_;
  std::chrono::milliseconds next_;
};

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_BACKOFF_H_
