// FunctionListDouble: a CK_FUNCTION_LIST that forwards every call to the real module and, for the
// calls tests care about, counts them and injects faults. Passed to Token through
// TokenOptions::function_list_override.
#ifndef VCISSUER_TESTS_CRYPTO_PKCS11_FUNCTION_LIST_DOUBLE_H_
#define VCISSUER_TESTS_CRYPTO_PKCS11_FUNCTION_LIST_DOUBLE_H_

#include <p11-kit/pkcs11.h>

#include <atomic>
#include <string>

namespace vci::pkcs11::testing {

class FunctionListDouble {
 public:
  // Get returns the process's one double, forwarding to the module at `module_path`, or null when
  // the module cannot be loaded. C callbacks cannot carry state, hence one per process.
  static FunctionListDouble* Get(const std::string& module_path);

  // Copying is deleted: the C callbacks point at the one instance.
  FunctionListDouble(const FunctionListDouble&) = delete;
  FunctionListDouble& operator=(const FunctionListDouble&) = delete;

  // list is what to pass as TokenOptions::function_list_override.
  const CK_FUNCTION_LIST* list() const { return &list_; }

  // real is the module's own function table, for raw calls in tests.
  const CK_FUNCTION_LIST& real() const { return *real_; }

  // Reset zeroes the counters and disarms every fault.
  void Reset();

  std::atomic<int> login_calls{0};
  std::atomic<int> sign_calls{0};
  std::atomic<int> open_session_calls{0};
  std::atomic<int> sign_in_flight{0};
  std::atomic<int> max_sign_in_flight{0};
  // Each C_Sign waits this long before forwarding, so that overlapping calls are visible even
  // though SoftHSM2 serialises them inside.
  std::atomic<int> sign_delay_us{0};
  // The next this-many C_SignInit calls close their session for real and return
  // CKR_SESSION_HANDLE_INVALID, as if the token had dropped it.
  std::atomic<int> session_losses_to_inject{0};

 private:
  explicit FunctionListDouble(const CK_FUNCTION_LIST* real);

  const CK_FUNCTION_LIST* real_;
  CK_FUNCTION_LIST list_;
};

}  // namespace vci::pkcs11::testing

#endif  // VCISSUER_TESTS_CRYPTO_PKCS11_FUNCTION_LIST_DOUBLE_H_
