#include "crypto/pkcs11/token_login.h"

#include <chrono>
#include <utility>

#include "crypto/pkcs11/ck_rv.h"

namespace vci::pkcs11 {

namespace {

bool IsUserState(CK_STATE state) {
  return state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS;
}

}  // namespace

Result<TokenLogin> TokenLogin::Login(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot,
                                     const SecretBytes& pin) {
  VCI_ASSIGN_OR_RETURN(Session session, Session::Open(fn, slot, false));
  // The C API takes a non-const PIN pointer; modules do not write to it.
  auto* pin_bytes = const_cast<CK_UTF8CHAR*>(pin.Reveal().data());
  CK_RV rv = fn.C_Login(session.Handle(), CKU_USER, pin_bytes, pin.size());
  if (rv == CKR_USER_ALREADY_LOGGED_IN) {
    return TokenLogin(&fn, slot, SecretBytes(pin.Reveal()), std::move(session), false);
  }
  if (rv != CKR_OK) {
    return CkError("C_Login", rv);
  }
  return TokenLogin(&fn, slot, SecretBytes(pin.Reveal()), std::move(session), true);
}

CK_RV TokenLogin::LoginOnce(TokenHealth& health) {
  auto start = std::chrono::steady_clock::now();
  auto* pin_bytes = const_cast<CK_UTF8CHAR*>(pin_.Reveal().data());
  CK_RV rv = fn_->C_Login(session_.Handle(), CKU_USER, pin_bytes, pin_.size());
  health.Record(HsmOperation::kLogin, "C_Login", rv, start);
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LOCKED) {
    pin_refused_ = true;  // Real HSMs lock the token after a few refusals: never again.
  }
  if (rv == CKR_OK) {
    logged_in_ = true;
  }
  return rv == CKR_USER_ALREADY_LOGGED_IN ? CKR_OK : rv;
}

Result<void> TokenLogin::Recover(TokenHealth& health,
                                 std::chrono::milliseconds min_login_interval) {
  if (pin_refused_) {
    return Error(ErrorCode::kPinIncorrect, "the token refused the PIN",
                 "C_Login refused earlier; not retried");
  }
  auto start = std::chrono::steady_clock::now();
  CK_SESSION_INFO info{};
  CK_RV rv = fn_->C_GetSessionInfo(session_.Handle(), &info);
  health.Record(HsmOperation::kProbe, "C_GetSessionInfo", rv, start);
  if (IsSessionLost(rv)) {
    // The device dropped every session (removed and put back, or reset): a new one, which is
    // logged in already if another session of this process kept the login.
    start = std::chrono::steady_clock::now();
    Result<Session> fresh = Session::Open(*fn_, slot_, false, &rv);
    health.Record(HsmOperation::kOpenSession, "C_OpenSession", rv, start);
    if (!fresh.has_value()) {
      return fresh.error();
    }
    session_ = std::move(fresh).value();
    start = std::chrono::steady_clock::now();
    rv = fn_->C_GetSessionInfo(session_.Handle(), &info);
    health.Record(HsmOperation::kProbe, "C_GetSessionInfo", rv, start);
  }
  if (rv != CKR_OK) {
    return CkError("C_GetSessionInfo", rv);
  }
  if (IsUserState(info.state)) {
    return Ok();
  }
  auto now = std::chrono::steady_clock::now();
  if (last_login_.has_value() && now - *last_login_ < min_login_interval) {
    return Error(ErrorCode::kUnavailable, "the signing token is unavailable",
                 "the token lost the login; the next login attempt is due shortly");
  }
  last_login_ = now;
  rv = LoginOnce(health);
  if (rv != CKR_OK) {
    return CkError("C_Login", rv);
  }
  return Ok();
}

TokenLogin::~TokenLogin() {
  if (logged_in_) {
    fn_->C_Logout(session_.Handle());
  }
}

TokenLogin::TokenLogin(TokenLogin&& other) noexcept
    : fn_(other.fn_),
      slot_(other.slot_),
      pin_(std::move(other.pin_)),
      session_(std::move(other.session_)),
      logged_in_(std::exchange(other.logged_in_, false)),
      pin_refused_(other.pin_refused_) {}

}  // namespace vci::pkcs11
