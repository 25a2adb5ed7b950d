// One signing operation inside the token (C_SignInit + C_Sign), shared by the JWS signer and the
// HMAC key, with the session-loss retry written once.
#ifndef VCISSUER_CRYPTO_PKCS11_SIGN_OPERATION_H_
#define VCISSUER_CRYPTO_PKCS11_SIGN_OPERATION_H_

#include <p11-kit/pkcs11.h>

#include <cstddef>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/pkcs11/key_ref.h"
#include "crypto/pkcs11/session_pool.h"

namespace vci::pkcs11 {

// SignInToken returns the output of `mechanism` (no parameters) with `key` over `data`, computed
// on a session leased from `pool`. `expected_len` is the output size to expect (a first guess for
// the buffer; a longer answer is fetched with the size protocol). When the session was lost
// (CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED) it opens a new one and retries once. On a
// device fault (see token_health.h) it asks the pool's health for recovery (re-open and re-login
// at a bounded rate) and, if that worked, retries once more. Any other failure, or a second loss,
// is the CK_RV's error (device faults are kUnavailable). A key handle the token no longer knows
// is found again (KeyRef::Refind) and the operation tried once more; a key that is gone stays
// kNotFound. Every call is recorded in pool.health().
Result<Bytes> SignInToken(SessionPool& pool, CK_MECHANISM_TYPE mechanism, KeyRef& key,
                          ByteView data, size_t expected_len);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_SIGN_OPERATION_H_
