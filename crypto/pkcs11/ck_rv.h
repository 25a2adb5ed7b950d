// CK_RV return values turned into names for logs and into the project's Error codes.
#ifndef VCISSUER_CRYPTO_PKCS11_CK_RV_H_
#define VCISSUER_CRYPTO_PKCS11_CK_RV_H_

#include <p11-kit/pkcs11.h>

#include <string>
#include <string_view>

#include "crypto/base/error.h"

namespace vci::pkcs11 {

// CkRvName returns the specification's name of `rv` ("CKR_PIN_INCORRECT"), or "CKR_0x..." in hex
// for a value it does not know (vendor-defined codes).
std::string CkRvName(CK_RV rv);

// IsSessionLost says whether `rv` means the session is gone but the token may still be there
// (CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED): the caller reopens a session and retries once.
bool IsSessionLost(CK_RV rv);

// CkError returns the Error for a failed call `function` (e.g. "C_Sign") that returned `rv`:
// kPinIncorrect / kPinLocked for a refused PIN, kUnavailable when the device or token is missing or
// failing (or the session or login was lost), kNotFound when the key handle is invalid (the key
// was destroyed), kInternal otherwise. The detail names the call and
// the CK_RV; the message never holds a secret.
Error CkError(std::string_view function, CK_RV rv);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_CK_RV_H_
