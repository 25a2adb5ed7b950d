// InFlightCalls: how long the oldest HSM operation of this process has been running.
//
// A worker stuck inside one PKCS#11 call counts as hung, but its own threads cannot see that from
// the outside of the call. Every session lease (one HSM operation) takes a slot here for as long
// as it lasts, and the worker's heartbeat reports the oldest slot's age to the supervisor. The
// slots are atomics: taking and giving one back costs two atomic operations and no lock.
#ifndef VCISSUER_CRYPTO_PKCS11_INFLIGHT_CALLS_H_
#define VCISSUER_CRYPTO_PKCS11_INFLIGHT_CALLS_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>

namespace vci::pkcs11 {

class InFlightCalls {
 public:
  // More concurrent operations than slots are not tracked (the oldest ones still are, and the
  // session pool's own limit is far below this).
  static constexpr int kNumSlots = 256;

  // Process returns the process's one tracker.
  static InFlightCalls& Process();

  // Begin marks the start of an operation and returns its slot, or -1 when every slot is taken.
  int Begin();

  // End gives back a slot Begin returned; -1 is ignored.
  void End(int slot);

  // OldestAge returns how long the oldest operation in flight has been running, or zero when none
  // is. Thread-safe.
  std::chrono::milliseconds OldestAge() const;

 private:
  static int64_t NowNanos();

  // Start time (steady clock, ns, never 0) of the operation holding each slot; 0 when free.
  std::array<std::atomic<int64_t>, kNumSlots> started_{};
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_INFLIGHT_CALLS_H_
