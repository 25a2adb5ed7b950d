#include "crypto/pkcs11/session.h"

#include <utility>

#include "crypto/pkcs11/ck_rv.h"

namespace vci::pkcs11 {

Result<Session> Session::Open(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot, bool read_write,
                              CK_RV* out_rv) {
  CK_FLAGS flags = CKF_SERIAL_SESSION | (read_write ? CKF_RW_SESSION : 0);
  CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
  CK_RV rv = fn.C_OpenSession(slot, flags, nullptr, nullptr, &handle);
  if (out_rv != nullptr) {
    *out_rv = rv;
  }
  if (rv != CKR_OK) {
    return CkError("C_OpenSession", rv);
  }
  return Session(&fn, handle);
}

Session::~Session() {
  Close();
}

Session::Session(Session&& other) noexcept
    : fn_(other.fn_), handle_(other.handle_), open_(std::exchange(other.open_, false)) {}

Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    Close();
    fn_ = other.fn_;
    handle_ = other.handle_;
    open_ = std::exchange(other.open_, false);
  }
  return *this;
}

void Session::Close() noexcept {
  if (open_) {
    fn_->C_CloseSession(handle_);
    open_ = false;
  }
}

}  // namespace vci::pkcs11
