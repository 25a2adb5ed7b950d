// CountingRandom: deterministic bytes (a counter) so that tests can pin ids and salts.
#ifndef VCISSUER_TESTS_FAKES_FIXED_RANDOM_H_
#define VCISSUER_TESTS_FAKES_FIXED_RANDOM_H_

#include <mutex>

#include "crypto/base/random.h"

namespace vci::testing {

class CountingRandom final : public RandomSource {
 public:
  Result<void> Fill(std::span<uint8_t> out) override {
    std::lock_guard lock(mutex_);
    for (uint8_t& b : out) {
      b = next_++;
    }
    return Ok();
  }

 private:
  std::mutex mutex_;
  uint8_t next_ = 0;
};

}  // namespace vci::testing

#endif  // VCISSUER_TESTS_FAKES_FIXED_RANDOM_H_
