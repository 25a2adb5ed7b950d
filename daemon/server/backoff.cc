#include "daemon/server/backoff.h"

#include <algorithm>

namespace vci::server {

std::chrono::milliseconds Backoff::NextDelay() {
  std::chrono::milliseconds delay = next_;
  next_ = std::min(max_, next_ * 2);
  return delay;
}

void Backoff::Healthy(Clock::time_point since, Clock::time_point now) {
  if (now - since >= stable_) {
    next_ = initial_;
  }
}

}  // namespace vci::server
