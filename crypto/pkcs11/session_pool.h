// SessionPool: the sessions that many threads use at once, each borrowing one of its own.
#ifndef VCISSUER_CRYPTO_PKCS11_SESSION_POOL_H_
#define VCISSUER_CRYPTO_PKCS11_SESSION_POOL_H_

#include <p11-kit/pkcs11.h>

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

#include "crypto/base/result.h"
#include "crypto/pkcs11/inflight_calls.h"
#include "crypto/pkcs11/session.h"
#include "crypto/pkcs11/token_health.h"

namespace vci::pkcs11 {

// SessionPool opens sessions lazily up to `max_sessions` and keeps idle ones for reuse. It does
// not log in: the login belongs to the token (it covers every session of the process), and the
// owner keeps it for as long as the pool lives. Thread-safe.
class SessionPool {
 public:
  // Lease is one borrowed session, given back to the pool when the lease ends. A lease is one HSM
  // operation: it holds a slot in InFlightCalls::Process() while it lasts, so that a worker's
  // heartbeat can tell a call that never returns.
  class Lease {
   public:
    ~Lease();
    // Copying is deleted: two owners would return the session twice.
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;

    // Handle is the borrowed session. Using a lease after Discard() or a failed Reopen() is a
    // broken invariant and terminates.
    CK_SESSION_HANDLE Handle() const {
      VCI_CHECK(session_.has_value());
      return session_->Handle();
    }

    // Reopen replaces a lost session (CKR_SESSION_HANDLE_INVALID / CKR_SESSION_CLOSED) with a new
    // one, keeping this lease's place in the pool. Fails with the CK_RV's error.
    Result<void> Reopen();

    // Discard closes the session instead of giving it back to the pool when the lease ends, for a
    // session left in an unknown state.
    void Discard() { session_.reset(); }

   private:
    friend class SessionPool;

    Lease(SessionPool* pool, Session session)
        : pool_(pool), session_(std::move(session)), in_flight_(InFlightCalls::Process().Begin()) {}

    SessionPool* pool_;
    std::optional<Session> session_;
    int in_flight_;  // The InFlightCalls slot, or -1.
  };

  // SessionPool opens its sessions on `slot` through `fn`, which must outlive it; a
  // `max_sessions` of 0 counts as 1. Every call is reported to `observer` when it is not null (not
  // owned; must outlive the pool).
  SessionPool(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot, size_t max_sessions,
              HsmObserver* observer = nullptr);

  // Copying is deleted: the pool owns its sessions.
  SessionPool(const SessionPool&) = delete;
  SessionPool& operator=(const SessionPool&) = delete;
  SessionPool(SessionPool&&) = delete;
  SessionPool& operator=(SessionPool&&) = delete;

  // The destructor closes idle sessions; every lease must have ended.
  ~SessionPool() = default;

  // Acquire returns an idle session, opens a new one while fewer than max_sessions exist, or waits
  // until a lease ends. Fails with the CK_RV's error when a new session cannot be opened.
  Result<Lease> Acquire();

  // Functions is the function table the sessions belong to.
  const CK_FUNCTION_LIST& Functions() const { return fn_; }

  // health is what the calls through this pool have seen of the device.
  TokenHealth& health() { return health_; }

 private:
  void Return(std::optional<Session> session);

  // OpenSession opens one session and records the call in health_.
  Result<Session> OpenSession();

  const CK_FUNCTION_LIST& fn_;
  CK_SLOT_ID slot_;
  size_t max_sessions_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Session> idle_;  // Guarded by mutex_.
  size_t num_open_ = 0;        // Sessions open, idle or leased; guarded by mutex_.
  TokenHealth health_;
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_SESSION_POOL_H_
