// Region: the fixed memory layout of every counter, gauge and histogram, so that one region can
// be mapped MAP_SHARED before the supervisor forks its workers and every process adds to the
// same numbers. Only lock-free atomics and fixed-size arrays live here: no pointer, no
// std::string, nothing a second process could not read. Internal to vci_metrics.
#ifndef VCISSUER_DAEMON_METRICS_REGION_H_
#define VCISSUER_DAEMON_METRICS_REGION_H_

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "crypto/pkcs11/hsm_observer.h"
#include "daemon/metrics/labels.h"

namespace vci::metrics::internal {

static_assert(std::atomic<uint64_t>::is_always_lock_free, "shared counters must be lock-free");
static_assert(std::atomic<int64_t>::is_always_lock_free, "shared gauges must be lock-free");
static_assert(std::atomic<uint32_t>::is_always_lock_free, "slot states must be lock-free");

// The most credential configurations counted by name; issuances of any further one count under
// "other". Policies name a handful.
inline constexpr size_t kMaxConfigurations = 64;
inline constexpr size_t kMaxConfigurationIdBytes = 63;

using Counter = std::atomic<uint64_t>;

// ConfigurationSlot holds one configuration id and its count. A process claims a free slot with
// a compare-and-swap of `state` from kFree to kWriting, writes the name and publishes it with
// kReady; readers use only kReady slots. Two processes that claim slots for the same id at once
// make two slots with one name, which the exposition adds together.
struct ConfigurationSlot {
  static constexpr uint32_t kFree = 0;
  static constexpr uint32_t kWriting = 1;
  static constexpr uint32_t kReady = 2;

  std::atomic<uint32_t> state;
  std::array<char, kMaxConfigurationIdBytes + 1> name;  // NUL-terminated once kReady.
  Counter issuances;
};

struct Histogram {
  std::array<Counter, kNumLatencyBuckets> buckets;  // Not cumulative: one per range.
  Counter count;
  Counter sum_us;
};

// kRegionMagic marks a region of this layout; a worker refuses a region whose magic or size
// differs (a binary of another version, after an upgrade, mapping the supervisor's region).
inline constexpr uint64_t kRegionMagic = 0x7663690001000001;  // "vci", layout version 1.

struct Region {
  uint64_t magic;  // kRegionMagic, written once by the creator before any worker starts.
  uint64_t size;   // sizeof(Region) of the creator.
  std::array<std::array<Counter, kNumStatuses>, kNumEndpoints> requests;
  std::array<Counter, kNumErrorCodes> errors;
  std::array<ConfigurationSlot, kMaxConfigurations> configurations;
  Counter issuances_other;
  std::array<Histogram, pkcs11::kNumHsmOperations> hsm_latency;
  std::array<std::array<Counter, pkcs11::kNumHsmOutcomes>, pkcs11::kNumHsmOperations> hsm_calls;
  Counter tx_code_lockouts;
  Counter policy_reload_failures;
  std::atomic<int64_t> policy_generation;
};

}  // namespace vci::metrics::internal

#endif  // VCISSUER_DAEMON_METRICS_REGION_H_
