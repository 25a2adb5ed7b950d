#include "daemon/ratelimit/address_limiter.h"

#include <arpa/inet.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>

#include "crypto/base/errno_text.h"

namespace vci::ratelimit {

// A slot's state is one 64-bit word, so that it changes in one compare-and-swap: the window
// number in the high 40 bits, the count in the low 24.
struct AddressLimiter::Table {
  static constexpr uint64_t kMagic = 0x7663697200010001;  // "vcir", layout version 1.

  struct Slot {
    std::atomic<uint64_t> key;
    std::atomic<uint64_t> state;
  };

  uint64_t magic;
  uint64_t size;
  std::array<Slot, kSlots> slots;
  std::array<std::atomic<uint64_t>, 4> overflow;  // One state word per group.
};

namespace {

using Table = AddressLimiter::Table;

constexpr uint64_t kCountBits = 24;
constexpr uint64_t kCountMask = (uint64_t{1} << kCountBits) - 1;

uint64_t Pack(uint64_t window, uint64_t count) {
  return (window << kCountBits) | std::min(count, kCountMask);
}

uint64_t WindowOf(uint64_t state) {
  return state >> kCountBits;
}

uint64_t CountOf(uint64_t state) {
  return state & kCountMask;
}

// Count adds one request in `window` to `state` unless it already holds `limit` of them; a
// state of an older window starts again at one.
bool Count(std::atomic<uint64_t>& state, uint64_t window, uint64_t limit) {
  uint64_t seen = state.load(std::memory_order_relaxed);
  for (;;) {
    uint64_t count = WindowOf(seen) == window ? CountOf(seen) : 0;
    if (count >= limit) {
      return false;
    }
    if (state.compare_exchange_weak(seen, Pack(window, count + 1), std::memory_order_relaxed)) {
      return true;
    }
  }
}

uint64_t Fnv1a(const uint8_t* data, size_t size, uint64_t hash) {
  for (size_t i = 0; i < size; ++i) {
    hash = (hash ^ data[i]) * 0x100000001b3;
  }
  return hash;
}

Result<Table*> MapTable(int fd, bool create) {
  if (create && ::ftruncate(fd, sizeof(Table)) != 0) {
    return Error(ErrorCode::kUnavailable, "cannot create the rate-limit table",
                 std::string("ftruncate: ") + ErrnoText(errno));
  }

  struct stat info {};

  if (!create && (::fstat(fd, &info) != 0 || static_cast<size_t>(info.st_size) < sizeof(Table))) {
    // Reading past the end of a smaller file would raise SIGBUS.
    return Error(ErrorCode::kInvalidArgument, "the rate-limit table has another layout");
  }
  void* memory = ::mmap(nullptr, sizeof(Table), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (memory == MAP_FAILED) {
    return Error(ErrorCode::kUnavailable, "cannot map the rate-limit table",
                 std::string("mmap: ") + ErrnoText(errno));
  }
  return static_cast<Table*>(memory);
}

std::unique_ptr<AddressLimiter>& GlobalSlot() {
  static std::unique_ptr<AddressLimiter> limiter = AddressLimiter::CreateLocal();
  return limiter;
}

}  // namespace

uint64_t AddressKey(Group group, std::string_view address) {
  uint8_t bytes[16] = {};
  size_t size = 0;
  std::string text(address);
  if (::inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    size = 4;
  } else if (::inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    size = 8;  // The /64 prefix.
  } else {
    // Not numeric (a Unix socket, say): count it by its text.
    size = std::min(text.size(), sizeof(bytes));
    std::memcpy(bytes, text.data(), size);
  }
  auto group_byte = static_cast<uint8_t>(group);
  uint64_t hash = Fnv1a(&group_byte, 1, 0xcbf29ce484222325);
  hash = Fnv1a(bytes, size, hash);
  return hash == 0 ? 1 : hash;
}

std::unique_ptr<AddressLimiter> AddressLimiter::CreateLocal() {
  auto* table = new Table();  // Value-initialised: every key and state 0.
  table->magic = Table::kMagic;
  table->size = sizeof(Table);
  return std::unique_ptr<AddressLimiter>(new AddressLimiter(table, -1, false));
}

Result<std::unique_ptr<AddressLimiter>> AddressLimiter::CreateShared() {
  int fd = ::memfd_create("vcissuer-ratelimit", MFD_CLOEXEC);
  if (fd < 0) {
    return Error(ErrorCode::kUnavailable, "cannot create the rate-limit table",
                 std::string("memfd_create: ") + ErrnoText(errno));
  }
  Result<Table*> table = MapTable(fd, /*create=*/true);
  if (!table.has_value()) {
    ::close(fd);
    return table.error();
  }
  // A new memfd reads as zeros, every atomic's initial value; only the header is written.
  (*table)->magic = Table::kMagic;
  (*table)->size = sizeof(Table);
  return std::unique_ptr<AddressLimiter>(new AddressLimiter(*table, fd, true));
}

Result<std::unique_ptr<AddressLimiter>> AddressLimiter::Attach(int fd) {
  Result<Table*> table = MapTable(fd, /*create=*/false);
  ::close(fd);
  if (!table.has_value()) {
    return table.error();
  }
  if ((*table)->magic != Table::kMagic || (*table)->size != sizeof(Table)) {
    ::munmap(*table, sizeof(Table));
    return Error(ErrorCode::kInvalidArgument, "the rate-limit table has another layout");
  }
  return std::unique_ptr<AddressLimiter>(new AddressLimiter(*table, -1, true));
}

AddressLimiter::~AddressLimiter() {
  if (mapped_) {
    ::munmap(table_, sizeof(Table));
  } else {
    delete table_;
  }
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Decision AddressLimiter::Check(Group group, std::string_view address, int64_t now,
                               uint32_t limit_per_window) {
  if (limit_per_window == 0) {
    return {};
  }
  auto window = static_cast<uint64_t>(now / kWindowSeconds);
  Decision refused{false, kWindowSeconds - now % kWindowSeconds};
  uint64_t key = AddressKey(group, address);
  for (size_t i = 0; i < kProbe; ++i) {
    Table::Slot& slot = table_->slots[(key + i) % kSlots];
    uint64_t owner = slot.key.load(std::memory_order_relaxed);
    if (owner != key) {
      // Take the slot if it is free or its owner's window is over; else probe on.
      bool stale = WindowOf(slot.state.load(std::memory_order_relaxed)) < window;
      if ((owner != 0 && !stale) ||
          !slot.key.compare_exchange_strong(owner, key, std::memory_order_relaxed)) {
        continue;
      }
    }
    return Count(slot.state, window, limit_per_window) ? Decision{} : refused;
  }
  // Every probed slot is busy with another address in this window: count in the group's
  // overflow, shared by all such addresses, with a larger limit.
  std::atomic<uint64_t>& overflow = table_->overflow[static_cast<size_t>(group)];
  return Count(overflow, window, uint64_t{limit_per_window} * 16) ? Decision{} : refused;
}

AddressLimiter& Global() {
  return *GlobalSlot();
}

Result<int> MapShared() {
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<AddressLimiter> shared, AddressLimiter::CreateShared());
  int fd = shared->fd();
  GlobalSlot() = std::move(shared);
  return fd;
}

Result<void> AttachShared(int fd) {
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<AddressLimiter> shared, AddressLimiter::Attach(fd));
  GlobalSlot() = std::move(shared);
  return Ok();
}

}  // namespace vci::ratelimit
