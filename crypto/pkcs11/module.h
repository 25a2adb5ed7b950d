// Module: one loaded and initialised PKCS#11 module (a shared object such as SoftHSM2).
#ifndef VCISSUER_CRYPTO_PKCS11_MODULE_H_
#define VCISSUER_CRYPTO_PKCS11_MODULE_H_

#include <p11-kit/pkcs11.h>

#include <memory>
#include <string>

#include "crypto/base/result.h"

namespace vci::pkcs11 {

class Module {
 public:
  // Load dlopens `path`, fetches its function list with C_GetFunctionList and calls C_Initialize
  // with CKF_OS_LOCKING_OK (the module may be used from many threads). When `override_list` is not
  // null, that function list is used instead and nothing is loaded (tests pass a double that
  // forwards to the real module; it must outlive the Module). Fails with kNotFound when the file
  // cannot be loaded or lacks C_GetFunctionList, kFailedPrecondition when the module is already
  // initialised in this process, and the CK_RV's error otherwise.
  static Result<std::unique_ptr<Module>> Load(const std::string& path,
                                              const CK_FUNCTION_LIST* override_list);

  // The destructor calls C_Finalize; the shared object stays mapped (see module.cc).
  ~Module();

  // Copying is deleted: a copy would finalize the module twice.
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  Module(Module&&) = delete;
  Module& operator=(Module&&) = delete;

  // Functions is the module's function table; owned by the module (or the test), valid for its
  // lifetime.
  const CK_FUNCTION_LIST& Functions() const { return *functions_; }

 private:
  Module(void* handle, const CK_FUNCTION_LIST* functions)
      : handle_(handle), functions_(functions) {}

  void* handle_;  // dlopen handle, or null with an override list.
  const CK_FUNCTION_LIST* functions_;
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_MODULE_H_
