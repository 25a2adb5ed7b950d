// TokenHealth: whether the token answers right now, as every call through the session pool saw
// it, and the hook that brings a token back after an outage.
//
// A device that is removed or failing (CKR_DEVICE_REMOVED, CKR_DEVICE_ERROR,
// CKR_TOKEN_NOT_PRESENT, or a token that forgot the login) makes the token degraded: callers get
// kUnavailable, which the HTTP edge answers with 503 and Retry-After, and /readyz says why. The
// next call that succeeds clears it. Thread-safe.
#ifndef VCISSUER_CRYPTO_PKCS11_TOKEN_HEALTH_H_
#define VCISSUER_CRYPTO_PKCS11_TOKEN_HEALTH_H_

#include <p11-kit/pkcs11.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/pkcs11/hsm_observer.h"

namespace vci::pkcs11 {

// ClassifyRv maps a CK_RV to the outcome an HsmObserver sees.
HsmOutcome ClassifyRv(CK_RV rv);

// IsDeviceFault says whether `rv` means the device or its login is gone (not a fault of the
// request): the token is degraded until a call succeeds again.
bool IsDeviceFault(CK_RV rv);

class TokenHealth {
 public:
  // TokenHealth reports every recorded call to `observer` when it is not null; the observer is
  // not owned and must outlive this object.
  explicit TokenHealth(HsmObserver* observer) : observer_(observer) {}

  TokenHealth(const TokenHealth&) = delete;  // Shared by reference; a copy would split the state.
  TokenHealth& operator=(const TokenHealth&) = delete;
  TokenHealth(TokenHealth&&) = delete;
  TokenHealth& operator=(TokenHealth&&) = delete;
  ~TokenHealth() = default;

  // Record reports one call of `function` ("C_Sign") for `operation` that returned `rv` after
  // starting at `start`. A device fault marks the token degraded, naming the call and the CK_RV;
  // CKR_OK clears it.
  void Record(HsmOperation operation, std::string_view function, CK_RV rv,
              std::chrono::steady_clock::time_point start) noexcept;

  // DegradedReason returns "C_Sign: CKR_DEVICE_REMOVED" (say) while degraded, else nullopt.
  std::optional<std::string> DegradedReason() const;

  // SetRecovery installs the function TryRecover calls (the Token's re-open and re-login, which
  // bounds its own rate). Call before the token is shared between threads.
  void SetRecovery(std::function<bool()> recover) { recover_ = std::move(recover); }

  // TryRecover runs the recovery function and returns whether the token is usable again; false
  // when none is installed.
  bool TryRecover() { return recover_ ? recover_() : false; }

 private:
  HsmObserver* observer_;  // Not owned; may be null.
  std::function<bool()> recover_;
  mutable std::mutex mutex_;
  std::optional<std::string> degraded_reason_;  // Guarded by mutex_.
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_TOKEN_HEALTH_H_
