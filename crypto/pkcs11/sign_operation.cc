#include "crypto/pkcs11/sign_operation.h"

#include <chrono>

#include "crypto/pkcs11/ck_rv.h"
#include "crypto/pkcs11/token_health.h"
#include "crypto/pkcs11/two_call.h"

namespace vci::pkcs11 {

namespace {

struct SignAttempt {
  CK_RV rv = CKR_OK;
  const char* function = "";
  Bytes out;
};

SignAttempt SignOnce(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                     CK_MECHANISM_TYPE mechanism, CK_OBJECT_HANDLE key, ByteView data,
                     size_t expected_len) {
  SignAttempt attempt;
  CK_MECHANISM mech = {mechanism, nullptr, 0};
  attempt.rv = fn.C_SignInit(session, &mech, key);
  if (attempt.rv != CKR_OK) {
    attempt.function = "C_SignInit";
    return attempt;
  }
  // C_Sign takes a non-const input pointer in the C API; the module does not write to it.
  auto* input = const_cast<CK_BYTE*>(data.data());
  TwoCallResult<CK_BYTE> signed_out = CallWithSize<CK_BYTE>(
      [&](CK_BYTE* out, CK_ULONG* out_len) {
        return fn.C_Sign(session, input, data.size(), out, out_len);
      },
      expected_len);
  attempt.rv = signed_out.rv;
  attempt.function = "C_Sign";
  attempt.out = std::move(signed_out.out);
  return attempt;
}

// SignWithReopen signs on the lease's session and, when that session was lost, once more on a
// new one.
Result<SignAttempt> SignWithReopen(SessionPool& pool, SessionPool::Lease& lease,
                                   HsmOperation operation, CK_MECHANISM_TYPE mechanism,
                                   const KeyRef& key, ByteView data, size_t expected_len) {
  auto start = std::chrono::steady_clock::now();
  SignAttempt attempt =
      SignOnce(pool.Functions(), lease.Handle(), mechanism, key.handle(), data, expected_len);
  if (IsSessionLost(attempt.rv)) {
    pool.health().Record(operation, attempt.function, attempt.rv, start);  // Counts the reopen.
    VCI_TRY(lease.Reopen());
    attempt =
        SignOnce(pool.Functions(), lease.Handle(), mechanism, key.handle(), data, expected_len);
  }
  return attempt;
}

}  // namespace

Result<Bytes> SignInToken(SessionPool& pool, CK_MECHANISM_TYPE mechanism, KeyRef& key,
                          ByteView data, size_t expected_len) {
  const HsmOperation operation =
      mechanism == CKM_SHA256_HMAC ? HsmOperation::kHmac : HsmOperation::kSign;
  VCI_ASSIGN_OR_RETURN(SessionPool::Lease lease, pool.Acquire());
  auto start = std::chrono::steady_clock::now();
  VCI_ASSIGN_OR_RETURN(SignAttempt attempt,
                       SignWithReopen(pool, lease, operation, mechanism, key, data, expected_len));
  if (IsDeviceFault(attempt.rv)) {
    pool.health().Record(operation, attempt.function, attempt.rv, start);
    // The device failed, or came back without the login: recovery (re-open, re-login) runs at the
    // token's bounded rate, and only when it worked is the operation tried once more.
    if (!pool.health().TryRecover()) {
      lease.Discard();
      return CkError(attempt.function, attempt.rv);
    }
    start = std::chrono::steady_clock::now();
    VCI_ASSIGN_OR_RETURN(
        attempt, SignWithReopen(pool, lease, operation, mechanism, key, data, expected_len));
  }
  // A handle the token no longer knows: the key was destroyed, or the token was reset (which may
  // also have ended the login, hiding private keys). Restore the login, then look for the key.
  if (IsHandleLost(attempt.rv) && pool.health().TryRecover() &&
      key.Refind(pool.Functions(), lease.Handle()).has_value()) {
    pool.health().Record(operation, attempt.function, attempt.rv, start);
    start = std::chrono::steady_clock::now();
    VCI_ASSIGN_OR_RETURN(
        attempt, SignWithReopen(pool, lease, operation, mechanism, key, data, expected_len));
  }
  pool.health().Record(operation, attempt.function, attempt.rv, start);
  if (attempt.rv != CKR_OK) {
    if (attempt.rv == CKR_BUFFER_TOO_SMALL || IsSessionLost(attempt.rv) ||
        IsDeviceFault(attempt.rv)) {
      // Lost twice, an operation may still be active, or the device failed under it: do not
      // give the session back.
      lease.Discard();
    }
    return CkError(attempt.function, attempt.rv);
  }
  return std::move(attempt.out);
}

}  // namespace vci::pkcs11
