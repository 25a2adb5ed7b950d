// KeyRef: a key object's handle, and how to find the same key again when the token forgot it.
//
// Object handles live only as long as the module's view of the token: a device that was reset
// or removed and put back (and SoftHSM2 after every session closed) answers the old handle with
// CKR_OBJECT_HANDLE_INVALID or CKR_KEY_HANDLE_INVALID. The key is then searched again by the URI
// it was opened with and accepted only if it is the same key: same CKA_ID, same kind, still
// hardened, and (for signing keys) the same public key.
#ifndef VCISSUER_CRYPTO_PKCS11_KEY_REF_H_
#define VCISSUER_CRYPTO_PKCS11_KEY_REF_H_

#include <p11-kit/pkcs11.h>

#include <atomic>
#include <functional>
#include <utility>

#include "crypto/base/result.h"
#include "crypto/pkcs11/uri.h"

namespace vci::pkcs11 {

class KeyRef {
 public:
  // SameKey checks that `candidate`, found on `session`, is the key this ref was opened for.
  using SameKey = std::function<Result<void>(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                             CK_OBJECT_HANDLE candidate)>;

  // KeyRef starts with `handle`, found by `uri` as an object of class `klass`.
  KeyRef(CK_OBJECT_HANDLE handle, Uri uri, CK_OBJECT_CLASS klass, SameKey same_key)
      : handle_(handle), uri_(std::move(uri)), klass_(klass), same_key_(std::move(same_key)) {}

  KeyRef(const KeyRef&) = delete;  // Refind updates one handle; a copy would go stale.
  KeyRef& operator=(const KeyRef&) = delete;
  KeyRef(KeyRef&&) = delete;
  KeyRef& operator=(KeyRef&&) = delete;
  ~KeyRef() = default;

  // handle returns the current handle. Thread-safe.
  CK_OBJECT_HANDLE handle() const { return handle_.load(std::memory_order_acquire); }

  // Refind searches the key again on `session` and, when SameKey accepts it, makes it the current
  // handle. Failures: kNotFound when the key is gone, kFailedPrecondition when another key now
  // answers to the URI, the CK_RV's error otherwise. Thread-safe (concurrent calls store the same
  // handle).
  Result<void> Refind(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session);

 private:
  std::atomic<CK_OBJECT_HANDLE> handle_;
  Uri uri_;
  CK_OBJECT_CLASS klass_;
  SameKey same_key_;
};

// IsHandleLost says whether `rv` means the key's handle is no longer valid
// (CKR_KEY_HANDLE_INVALID, CKR_OBJECT_HANDLE_INVALID).
inline bool IsHandleLost(CK_RV rv) {
  return rv == CKR_KEY_HANDLE_INVALID || rv == CKR_OBJECT_HANDLE_INVALID;
}

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_KEY_REF_H_
