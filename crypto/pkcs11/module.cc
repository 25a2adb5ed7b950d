#include "crypto/pkcs11/module.h"

#include <dlfcn.h>

#include "crypto/pkcs11/ck_rv.h"

namespace vci::pkcs11 {

namespace {

// DlError returns dlerror()'s text, or a fixed string when it has none.
std::string DlError() {
  const char* text = ::dlerror();  // NOLINT(concurrency-mt-unsafe): read right after the call
  return text != nullptr ? text : "unknown dlopen error";
}

}  // namespace

Result<std::unique_ptr<Module>> Module::Load(const std::string& path,
                                             const CK_FUNCTION_LIST* override_list) {
  void* handle = nullptr;
  const CK_FUNCTION_LIST* functions = override_list;
  if (functions == nullptr) {
    // RTLD_NODELETE: modules such as SoftHSM2 register OpenSSL and atexit state that must not be
    // unmapped before the process ends.
    handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == nullptr) {
      return Error(ErrorCode::kNotFound, "PKCS#11 module not found", "dlopen: " + DlError());
    }
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"));
    CK_FUNCTION_LIST_PTR list = nullptr;
    CK_RV rv = get_list != nullptr ? get_list(&list) : CKR_FUNCTION_NOT_SUPPORTED;
    if (rv != CKR_OK || list == nullptr) {
      ::dlclose(handle);
      return Error(ErrorCode::kNotFound, "not a PKCS#11 module",
                   path + ": C_GetFunctionList: " + CkRvName(rv));
    }
    functions = list;
  }

  CK_C_INITIALIZE_ARGS args = {};
  args.flags = CKF_OS_LOCKING_OK;
  CK_RV rv = functions->C_Initialize(&args);
  if (rv != CKR_OK) {
    if (handle != nullptr) {
      ::dlclose(handle);
    }
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      return Error(ErrorCode::kFailedPrecondition, "PKCS#11 module already in use",
                   "C_Initialize: " + CkRvName(rv) + " (one Token per process)");
    }
    return CkError("C_Initialize", rv);
  }
  return std::unique_ptr<Module>(new Module(handle, functions));
}

Module::~Module() {
  functions_->C_Finalize(nullptr);
  if (handle_ != nullptr) {
    ::dlclose(handle_);
  }
}

}  // namespace vci::pkcs11
