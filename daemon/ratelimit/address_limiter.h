// AddressLimiter: per-address request limits on the public endpoints that cost the issuer work or
// state (token, nonce, credential), so that one address cannot flood the store or grind through
// codes. Each address may make a configured number of requests per endpoint group per minute
// (a fixed window aligned on the minute); beyond it the request is answered 429 with
// Retry-After.
//
// The counters live in a fixed table that can sit in a memfd mapped MAP_SHARED: the supervisor
// creates it before it starts workers (MapShared) and every worker attaches to it
// (AttachShared), so N workers do not allow N times as much. The table holds only atomics; two
// processes racing on one slot may let a request or two more through, never fewer.
// IPv6 addresses are counted per /64, the smallest block one subscriber usually holds.
#ifndef VCISSUER_DAEMON_RATELIMIT_ADDRESS_LIMITER_H_
#define VCISSUER_DAEMON_RATELIMIT_ADDRESS_LIMITER_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::ratelimit {

enum class Group : uint8_t { kToken = 1, kNonce = 2, kCredential = 3 };

// The answer to one request: allowed, or refused until `retry_after_seconds` have passed.
struct Decision {
  bool allowed = true;
  int64_t retry_after_seconds = 0;
};

// kWindowSeconds is the length of one counting window.
inline constexpr int64_t kWindowSeconds = 60;

class AddressLimiter {
 public:
  // kSlots addresses (times groups) can be tracked at once. When a probe finds no free slot, the
  // request is counted in one overflow slot per group with 16 times the limit, so a flood from
  // very many addresses is still bounded.
  static constexpr size_t kSlots = 16384;
  static constexpr size_t kProbe = 8;

  // CreateLocal returns a limiter whose counters only this process sees.
  static std::unique_ptr<AddressLimiter> CreateLocal();

  // CreateShared returns a limiter in a new memfd mapped MAP_SHARED (close-on-exec; see fd()).
  static Result<std::unique_ptr<AddressLimiter>> CreateShared();

  // Attach maps the table another process made with CreateShared from its memfd `fd`, and
  // closes `fd`. kInvalidArgument when the memfd holds a table of another layout.
  static Result<std::unique_ptr<AddressLimiter>> Attach(int fd);

  // Check counts one request of `group` from `address` (numeric, as the HTTP layer reports it)
  // at `now` (seconds since the epoch), against at most `limit_per_window` requests per window;
  // 0 means no limit.
  Decision Check(Group group, std::string_view address, int64_t now, uint32_t limit_per_window);

  // fd returns the memfd of a shared table made by CreateShared, or -1.
  int fd() const { return fd_; }

  ~AddressLimiter();
  AddressLimiter(const AddressLimiter&) = delete;  // owns a mapping
  AddressLimiter& operator=(const AddressLimiter&) = delete;

  struct Table;

 private:
  AddressLimiter(Table* table, int fd, bool mapped) : table_(table), fd_(fd), mapped_(mapped) {}

  Table* table_;
  int fd_;
  bool mapped_;
};

// Global returns the process's limiter: process-local until MapShared or AttachShared.
AddressLimiter& Global();

// MapShared, for the supervisor: replaces the process's limiter by a shared one and returns its
// memfd (owned by the limiter, close-on-exec) to pass to workers.
Result<int> MapShared();

// AttachShared, for a worker: replaces the process's limiter by the shared table whose memfd the
// supervisor passed down. Call it before any thread uses Global().
Result<void> AttachShared(int fd);

// AddressKey returns the 64-bit key of (`group`, `address`): a hash of the group and the
// address's bytes (an IPv6 address cut to its /64). Never 0. Exposed for tests.
uint64_t AddressKey(Group group, std::string_view address);

}  // namespace vci::ratelimit

#endif  // VCISSUER_DAEMON_RATELIMIT_ADDRESS_LIMITER_H_
