// The PKCS#11 size protocol (PKCS#11 2.40 section 5.2), written once: a call that fills a buffer
// either reports the size it needs (null buffer) or CKR_BUFFER_TOO_SMALL with the size in its
// length argument.
#ifndef VCISSUER_CRYPTO_PKCS11_TWO_CALL_H_
#define VCISSUER_CRYPTO_PKCS11_TWO_CALL_H_

#include <p11-kit/pkcs11.h>

#include <cstddef>
#include <vector>

namespace vci::pkcs11 {

// TwoCallResult is the final CK_RV of a sized call and, on CKR_OK, its output.
template <typename T>
struct TwoCallResult {
  CK_RV rv = CKR_GENERAL_ERROR;
  std::vector<T> out;
};

// CallWithSize runs `call(T* buffer, CK_ULONG* len)` until it fills a buffer large enough. With
// `guess` > 0 the first call already passes a buffer of that many elements (one call when the
// guess is right; C_Sign then keeps its operation active on CKR_BUFFER_TOO_SMALL); with 0 the
// first call asks for the size with a null buffer. A size that keeps growing (a slot list that
// changes between calls) is retried a few times, then CKR_BUFFER_TOO_SMALL is returned.
template <typename T, typename Call>
TwoCallResult<T> CallWithSize(Call&& call, size_t guess) {
  constexpr int kMaxAttempts = 4;
  TwoCallResult<T> result;
  CK_ULONG len = guess;
  if (guess == 0) {
    result.rv = call(nullptr, &len);
    if (result.rv != CKR_OK) {
      return result;
    }
  }
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    // A zero-length answer still needs a valid pointer for the second call on some modules.
    result.out.assign(len == 0 ? 1 : len, T{});
    CK_ULONG filled = len;
    result.rv = call(result.out.data(), &filled);
    if (result.rv == CKR_OK) {
      result.out.resize(filled);
      return result;
    }
    if (result.rv != CKR_BUFFER_TOO_SMALL || filled <= len) {
      result.out.clear();
      return result;
    }
    len = filled;
  }
  result.out.clear();
  return result;
}

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_TWO_CALL_H_
