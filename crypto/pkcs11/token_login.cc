#include "crypto/pkcs11/token_login.h"

#include <utility>

#include "crypto/pkcs11/ck_rv.h"

namespace vci::pkcs11 {

Result<TokenLogin> TokenLogin::Login(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot,
                                     const SecretBytes& pin) {
  VCI_ASSIGN_OR_RETURN(Session session, Session::Open(fn, slot, false));
  // The C API takes a non-const PIN pointer; modules do not write to it.
  auto* pin_bytes = const_cast<CK_UTF8CHAR*>(pin.Reveal().data());
  CK_RV rv = fn.C_Login(session.Handle(), CKU_USER, pin_bytes, pin.size());
  if (rv == CKR_USER_ALREADY_LOGGED_IN) {
    return TokenLogin(&fn, std::move(session), false);
  }
  if (rv != CKR_OK) {
    return CkError("C_Login", rv);
  }
  return TokenLogin(&fn, std::move(session), true);
}

TokenLogin::~TokenLogin() {
  if (logged_in_) {
    fn_->C_Logout(session_.Handle());
  }
}

TokenLogin::TokenLogin(TokenLogin&& other) noexcept
    : fn_(other.fn_),
      session_(std::move(other.session_)),
      logged_in_(std::exchange(other.logged_in_, false)) {}

}  // namespace vci::pkcs11
