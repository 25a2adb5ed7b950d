// Clock: the source of "now", injected so that tests can move time instead of sleeping.
#ifndef VCISSUER_CRYPTO_BASE_CLOCK_H_
#define VCISSUER_CRYPTO_BASE_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace vci {

class Clock {
 public:
  virtual ~Clock() = default;

  // Now returns the current wall-clock time. Safe to call from any thread.
  virtual std::chrono::system_clock::time_point Now() const = 0;

  // NowSeconds returns Now() as seconds since the Unix epoch, the unit of JWT time claims.
  int64_t NowSeconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(Now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_CLOCK_H_
