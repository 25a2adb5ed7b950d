#include "daemon/metrics/registry.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

#include "crypto/base/errno_text.h"
#include "daemon/metrics/region.h"

namespace vci::metrics {
namespace {

using internal::ConfigurationSlot;
using internal::Region;

constexpr auto kRelaxed = std::memory_order_relaxed;

// NameEquals compares a published slot's NUL-terminated name with `id`.
bool NameEquals(const ConfigurationSlot& slot, std::string_view id) {
  size_t len = ::strnlen(slot.name.data(), slot.name.size());
  return std::string_view(slot.name.data(), len) == id;
}

// FindOrClaim returns the slot that counts `id`, claiming a free one for a new id, or null when
// every slot is taken.
ConfigurationSlot* FindOrClaim(Region& region, std::string_view id) {
  for (ConfigurationSlot& slot : region.configurations) {
    uint32_t state = slot.state.load(std::memory_order_acquire);
    if (state == ConfigurationSlot::kReady && NameEquals(slot, id)) {
      return &slot;
    }
    if (state == ConfigurationSlot::kFree) {
      uint32_t expected = ConfigurationSlot::kFree;
      if (slot.state.compare_exchange_strong(expected, ConfigurationSlot::kWriting,
                                             std::memory_order_acq_rel)) {
        std::memcpy(slot.name.data(), id.data(), id.size());
        slot.name[id.size()] = '\0';
        slot.state.store(ConfigurationSlot::kReady, std::memory_order_release);
        return &slot;
      }
      // Another thread or process took it: look at what it holds on the next round.
      if (expected == ConfigurationSlot::kReady && NameEquals(slot, id)) {
        return &slot;
      }
    }
  }
  return nullptr;
}

Registry*& GlobalSlot() {
  // Never freed: references handed out before MapShared stay valid for the process's life.
  static Registry* registry = Registry::CreateLocal().release();
  return registry;
}

// Replace makes `next` the process's registry. The one it replaces stays allocated (see
// GlobalSlot) and reachable from here, so that leak checkers do not report it.
void Replace(Registry* next) {
  // volatile: the store must stay, though nothing reads it. A process replaces its registry once.
  [[maybe_unused]] static Registry* volatile replaced = nullptr;
  replaced = GlobalSlot();
  GlobalSlot() = next;
}

}  // namespace

std::unique_ptr<Registry> Registry::CreateLocal() {
  auto* region = new Region{};
  region->magic = internal::kRegionMagic;
  region->size = sizeof(Region);
  return std::unique_ptr<Registry>(new Registry(region, false, -1));
}

Result<std::unique_ptr<Registry>> Registry::CreateShared() {
  int fd = ::memfd_create("vcissuer-metrics", MFD_CLOEXEC);
  if (fd < 0) {
    return Error(ErrorCode::kUnavailable, "cannot make the shared metrics region",
                 std::string("memfd_create: ") + ErrnoText(errno));
  }
  if (::ftruncate(fd, sizeof(Region)) != 0) {
    Error error(ErrorCode::kUnavailable, "cannot make the shared metrics region",
                std::string("ftruncate: ") + ErrnoText(errno));
    ::close(fd);
    return error;
  }
  void* memory = ::mmap(nullptr, sizeof(Region), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (memory == MAP_FAILED) {
    Error error(ErrorCode::kUnavailable, "cannot map the shared metrics region",
                std::string("mmap: ") + ErrnoText(errno));
    ::close(fd);
    return error;
  }
  // A new memfd reads as zeros, which is every atomic's initial value; constructing the region
  // in place makes that official.
  auto* region = new (memory) Region{};
  region->magic = internal::kRegionMagic;
  region->size = sizeof(Region);
  return std::unique_ptr<Registry>(new Registry(region, true, fd));
}

Result<std::unique_ptr<Registry>> Registry::Attach(int fd) {
  struct stat st {};

  if (::fstat(fd, &st) != 0 || static_cast<size_t>(st.st_size) != sizeof(Region)) {
    ::close(fd);
    return Error(ErrorCode::kFailedPrecondition, "the shared metrics region does not fit",
                 "size " + std::to_string(st.st_size) + ", want " + std::to_string(sizeof(Region)));
  }
  void* memory = ::mmap(nullptr, sizeof(Region), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int saved_errno = errno;
  ::close(fd);
  if (memory == MAP_FAILED) {
    return Error(ErrorCode::kUnavailable, "cannot map the shared metrics region",
                 std::string("mmap: ") + ErrnoText(saved_errno));
  }
  auto* region = static_cast<Region*>(memory);
  if (region->magic != internal::kRegionMagic || region->size != sizeof(Region)) {
    ::munmap(memory, sizeof(Region));
    return Error(ErrorCode::kFailedPrecondition, "the shared metrics region does not fit",
                 "another layout version");
  }
  return std::unique_ptr<Registry>(new Registry(region, true, -1));
}

Registry::~Registry() {
  if (mapped_) {
    ::munmap(region_, sizeof(Region));
  } else {
    delete region_;
  }
  if (shared_fd_ >= 0) {
    ::close(shared_fd_);
  }
}

void Registry::CountRequest(Endpoint endpoint, int status) {
  auto index = static_cast<size_t>(endpoint);
  if (index >= kNumEndpoints) {
    index = static_cast<size_t>(Endpoint::kOther);
  }
  region_->requests[index][StatusIndex(status)].fetch_add(1, kRelaxed);
}

void Registry::CountError(std::string_view error_code_name) {
  region_->errors[ErrorCodeIndex(error_code_name)].fetch_add(1, kRelaxed);
}

void Registry::CountIssuance(std::string_view configuration_id) {
  ConfigurationSlot* slot = nullptr;
  if (!configuration_id.empty() && configuration_id.size() <= internal::kMaxConfigurationIdBytes &&
      configuration_id.find('\0') == std::string_view::npos) {
    slot = FindOrClaim(*region_, configuration_id);
  }
  if (slot == nullptr) {
    region_->issuances_other.fetch_add(1, kRelaxed);
    return;
  }
  slot->issuances.fetch_add(1, kRelaxed);
}

void Registry::ObserveHsmCall(pkcs11::HsmOperation operation, pkcs11::HsmOutcome outcome,
                              std::chrono::microseconds latency) {
  auto op = static_cast<size_t>(operation);
  auto result = static_cast<size_t>(outcome);
  if (op >= pkcs11::kNumHsmOperations || result >= pkcs11::kNumHsmOutcomes) {
    return;
  }
  region_->hsm_calls[op][result].fetch_add(1, kRelaxed);
  internal::Histogram& histogram = region_->hsm_latency[op];
  long us = latency.count() < 0 ? 0 : static_cast<long>(latency.count());
  size_t bucket = 0;
  while (bucket < kLatencyBucketsUs.size() && us > kLatencyBucketsUs[bucket]) {
    ++bucket;
  }
  histogram.buckets[bucket].fetch_add(1, kRelaxed);
  histogram.count.fetch_add(1, kRelaxed);
  histogram.sum_us.fetch_add(static_cast<uint64_t>(us), kRelaxed);
}

void Registry::CountTxCodeLockout() {
  region_->tx_code_lockouts.fetch_add(1, kRelaxed);
}

void Registry::CountPolicyReloadFailure() {
  region_->policy_reload_failures.fetch_add(1, kRelaxed);
}

void Registry::SetPolicyGeneration(int64_t generation) {
  region_->policy_generation.store(generation, kRelaxed);
}

Registry& Global() {
  return *GlobalSlot();
}

Result<int> MapShared() {
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<Registry> shared, Registry::CreateShared());
  int fd = shared->shared_fd();
  Replace(shared.release());
  return fd;
}

Result<void> AttachShared(int fd) {
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<Registry> shared, Registry::Attach(fd));
  Replace(shared.release());
  return Ok();
}

}  // namespace vci::metrics
