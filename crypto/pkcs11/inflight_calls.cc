#include "crypto/pkcs11/inflight_calls.h"

#include <algorithm>

namespace vci::pkcs11 {

InFlightCalls& InFlightCalls::Process() {
  static InFlightCalls tracker;
  return tracker;
}

int64_t InFlightCalls::NowNanos() {
  auto now = std::chrono::steady_clock::now().time_since_epoch();
  return std::max<int64_t>(1, std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
}

int InFlightCalls::Begin() {
  int64_t now = NowNanos();
  for (int i = 0; i < kNumSlots; ++i) {
    int64_t expected = 0;
    if (started_[static_cast<size_t>(i)].compare_exchange_strong(expected, now,
                                                                 std::memory_order_relaxed)) {
      return i;
    }
  }
  return -1;
}

void InFlightCalls::End(int slot) {
  if (slot >= 0 && slot < kNumSlots) {
    started_[static_cast<size_t>(slot)].store(0, std::memory_order_relaxed);
  }
}

std::chrono::milliseconds InFlightCalls::OldestAge() const {
  int64_t oldest = 0;
  for (const std::atomic<int64_t>& started : started_) {
    int64_t value = started.load(std::memory_order_relaxed);
    if (value != 0 && (oldest == 0 || value < oldest)) {
      oldest = value;
    }
  }
  if (oldest == 0) {
    return std::chrono::milliseconds(0);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::nanoseconds(std::max<int64_t>(0, NowNanos() - oldest)));
}

}  // namespace vci::pkcs11
