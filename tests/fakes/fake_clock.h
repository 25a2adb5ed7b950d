// FakeClock: a clock that moves only when a test says so.
#ifndef VCISSUER_TESTS_FAKES_FAKE_CLOCK_H_
#define VCISSUER_TESTS_FAKES_FAKE_CLOCK_H_

#include <atomic>

#include "crypto/base/clock.h"

namespace vci::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t now_seconds = 1'800'000'000) : now_(now_seconds) {}

  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now_.load()));
  }

  void Advance(std::chrono::seconds by) { now_ += by.count(); }

  void Set(int64_t now_seconds) { now_ = now_seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace vci::testing

#endif  // VCISSUER_TESTS_FAKES_FAKE_CLOCK_H_
