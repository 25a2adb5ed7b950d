// Session: one open PKCS#11 session on a slot.
#ifndef VCISSUER_CRYPTO_PKCS11_SESSION_H_
#define VCISSUER_CRYPTO_PKCS11_SESSION_H_

#include <p11-kit/pkcs11.h>

#include "crypto/base/result.h"

namespace vci::pkcs11 {

class Session {
 public:
  // Open opens a serial session on `slot`, read-write when `read_write` (key generation and
  // destruction need it). Fails with the CK_RV's error. `fn` must outlive the session. When
  // `out_rv` is not null it receives C_OpenSession's return value.
  static Result<Session> Open(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot, bool read_write,
                              CK_RV* out_rv = nullptr);

  // The destructor closes the session (errors ignored: the handle may already be gone).
  ~Session();

  // Copying is deleted: a copy would close the session twice.
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  Session(Session&& other) noexcept;
  Session& operator=(Session&& other) noexcept;

  CK_SESSION_HANDLE Handle() const { return handle_; }

 private:
  Session(const CK_FUNCTION_LIST* fn, CK_SESSION_HANDLE handle) : fn_(fn), handle_(handle) {}

  void Close() noexcept;

  const CK_FUNCTION_LIST* fn_;
  CK_SESSION_HANDLE handle_;
  bool open_ = true;
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_SESSION_H_
