#include "crypto/pkcs11/sign_operation.h"

#include "crypto/pkcs11/ck_rv.h"
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

}  // namespace

Result<Bytes> SignInToken(SessionPool& pool, CK_MECHANISM_TYPE mechanism, CK_OBJECT_HANDLE key,
                          ByteView data, size_t expected_len) {
  VCI_ASSIGN_OR_RETURN(SessionPool::Lease lease, pool.Acquire());
  SignAttempt attempt =
      SignOnce(pool.Functions(), lease.Handle(), mechanism, key, data, expected_len);
  if (IsSessionLost(attempt.rv)) {
    VCI_TRY(lease.Reopen());
    attempt = SignOnce(pool.Functions(), lease.Handle(), mechanism, key, data, expected_len);
  }
  if (attempt.rv != CKR_OK) {
    if (attempt.rv == CKR_BUFFER_TOO_SMALL || IsSessionLost(attempt.rv)) {
      // Lost twice, or an operation may still be active: do not give the session back.
      lease.Discard();
    }
    return CkError(attempt.function, attempt.rv);
  }
  return std::move(attempt.out);
}

}  // namespace vci::pkcs11
