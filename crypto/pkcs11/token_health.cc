#include "crypto/pkcs11/token_health.h"

#include "crypto/pkcs11/ck_rv.h"

namespace vci::pkcs11 {

std::string_view HsmOperationName(HsmOperation operation) {
  switch (operation) {
    case HsmOperation::kSign:
      return "sign";
    case HsmOperation::kHmac:
      return "hmac";
    case HsmOperation::kOpenSession:
      return "open_session";
    case HsmOperation::kLogin:
      return "login";
    case HsmOperation::kProbe:
      return "probe";
  }
  return "other";
}

std::string_view HsmOutcomeName(HsmOutcome outcome) {
  switch (outcome) {
    case HsmOutcome::kOk:
      return "ok";
    case HsmOutcome::kSessionLost:
      return "session_lost";
    case HsmOutcome::kNotLoggedIn:
      return "not_logged_in";
    case HsmOutcome::kDeviceError:
      return "device_error";
    case HsmOutcome::kDeviceRemoved:
      return "device_removed";
    case HsmOutcome::kTokenNotPresent:
      return "token_not_present";
    case HsmOutcome::kPinRefused:
      return "pin_refused";
    case HsmOutcome::kHandleLost:
      return "handle_lost";
    case HsmOutcome::kOther:
      return "other";
  }
  return "other";
}

HsmOutcome ClassifyRv(CK_RV rv) {
  switch (rv) {
    case CKR_OK:
      return HsmOutcome::kOk;
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
      return HsmOutcome::kSessionLost;
    case CKR_USER_NOT_LOGGED_IN:
      return HsmOutcome::kNotLoggedIn;
    case CKR_DEVICE_ERROR:
    case CKR_DEVICE_MEMORY:
    case CKR_GENERAL_ERROR:
      return HsmOutcome::kDeviceError;
    case CKR_DEVICE_REMOVED:
      return HsmOutcome::kDeviceRemoved;
    case CKR_TOKEN_NOT_PRESENT:
      return HsmOutcome::kTokenNotPresent;
    case CKR_PIN_INCORRECT:
    case CKR_PIN_LOCKED:
      return HsmOutcome::kPinRefused;
    case CKR_KEY_HANDLE_INVALID:
    case CKR_OBJECT_HANDLE_INVALID:
      return HsmOutcome::kHandleLost;
    default:
      return HsmOutcome::kOther;
  }
}

bool IsDeviceFault(CK_RV rv) {
  switch (ClassifyRv(rv)) {
    case HsmOutcome::kNotLoggedIn:
    case HsmOutcome::kDeviceError:
    case HsmOutcome::kDeviceRemoved:
    case HsmOutcome::kTokenNotPresent:
      return true;
    default:
      return false;
  }
}

void TokenHealth::Record(HsmOperation operation, std::string_view function, CK_RV rv,
                         std::chrono::steady_clock::time_point start) noexcept {
  if (observer_ != nullptr) {
    auto latency = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - start);
    observer_->OnHsmCall(operation, ClassifyRv(rv), latency);
  }
  if (rv != CKR_OK && !IsDeviceFault(rv)) {
    return;  // A fault of this request (a bad key handle, a lost session), not of the device.
  }
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    if (rv == CKR_OK) {
      degraded_reason_.reset();
    } else {
      degraded_reason_ = std::string(function) + ": " + CkRvName(rv);
    }
  } catch (...) {
    // Out of memory while naming the fault: the next call records it again.
  }
}

std::optional<std::string> TokenHealth::DegradedReason() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return degraded_reason_;
}

}  // namespace vci::pkcs11
