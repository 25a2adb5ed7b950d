#include "crypto/pkcs11/session_pool.h"

#include <utility>

namespace vci::pkcs11 {

SessionPool::Lease::~Lease() {
  InFlightCalls::Process().End(in_flight_);
  if (pool_ != nullptr) {
    pool_->Return(std::move(session_));
  }
}

SessionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      session_(std::move(other.session_)),
      in_flight_(std::exchange(other.in_flight_, -1)) {}

Result<void> SessionPool::Lease::Reopen() {
  // Close the lost session first, so the slot's session count does not grow.
  session_.reset();
  VCI_ASSIGN_OR_RETURN(Session fresh, pool_->OpenSession());
  session_.emplace(std::move(fresh));
  return Ok();
}

SessionPool::SessionPool(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot, size_t max_sessions,
                         HsmObserver* observer)
    : fn_(fn),
      slot_(slot),
      max_sessions_(max_sessions == 0 ? 1 : max_sessions),
      health_(observer) {}

Result<Session> SessionPool::OpenSession() {
  auto start = std::chrono::steady_clock::now();
  CK_RV rv = CKR_OK;
  Result<Session> session = Session::Open(fn_, slot_, false, &rv);
  health_.Record(HsmOperation::kOpenSession, "C_OpenSession", rv, start);
  return session;
}

Result<SessionPool::Lease> SessionPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty() || num_open_ < max_sessions_; });
  if (!idle_.empty()) {
    Session session = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(session));
  }
  // Reserve the place before unlocking, so that opening does not hold the pool's lock.
  ++num_open_;
  lock.unlock();
  Result<Session> session = OpenSession();
  if (!session.has_value()) {
    Return(std::nullopt);
    return session.error();
  }
  return Lease(this, std::move(session).value());
}

void SessionPool::Return(std::optional<Session> session) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (session.has_value()) {
      idle_.push_back(std::move(*session));
    } else {
      --num_open_;
    }
  }
  available_.notify_one();
}

}  // namespace vci::pkcs11
