// HsmObserver: how the token reports each call it makes, for metrics, without the daemon seeing
// PKCS#11 types. Operations and outcomes are small closed sets, so whatever counts them has a
// bounded label set.
#ifndef VCISSUER_CRYPTO_PKCS11_HSM_OBSERVER_H_
#define VCISSUER_CRYPTO_PKCS11_HSM_OBSERVER_H_

#include <chrono>
#include <cstddef>
#include <string_view>

namespace vci::pkcs11 {

// HsmOperation is what the token was asked to do.
enum class HsmOperation { kSign, kHmac, kOpenSession, kLogin, kProbe };
inline constexpr size_t kNumHsmOperations = 5;

// HsmOutcome classifies a call's CK_RV.
enum class HsmOutcome {
  kOk,
  kSessionLost,      // CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED
  kNotLoggedIn,      // CKR_USER_NOT_LOGGED_IN: the token forgot the login (it was reset)
  kDeviceError,      // CKR_DEVICE_ERROR, CKR_DEVICE_MEMORY, CKR_GENERAL_ERROR
  kDeviceRemoved,    // CKR_DEVICE_REMOVED
  kTokenNotPresent,  // CKR_TOKEN_NOT_PRESENT
  kPinRefused,       // CKR_PIN_INCORRECT, CKR_PIN_LOCKED
  kHandleLost,       // CKR_KEY_HANDLE_INVALID, CKR_OBJECT_HANDLE_INVALID: key gone or token reset
  kOther,
};
inline constexpr size_t kNumHsmOutcomes = 9;

// HsmOperationName returns "sign", "hmac", "open_session", "login" or "probe".
std::string_view HsmOperationName(HsmOperation operation);

// HsmOutcomeName returns "ok", "session_lost", "not_logged_in", "device_error",
// "device_removed", "token_not_present", "pin_refused", "handle_lost" or "other".
std::string_view HsmOutcomeName(HsmOutcome outcome);

// HsmObserver receives one call per PKCS#11 operation the token makes on behalf of a request or a
// health probe. Implementations must be thread-safe and must not block.
class HsmObserver {
 public:
  virtual ~HsmObserver() = default;

  // OnHsmCall reports one finished call and how long it took.
  virtual void OnHsmCall(HsmOperation operation, HsmOutcome outcome,
                         std::chrono::microseconds latency) noexcept = 0;
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_HSM_OBSERVER_H_
