#include "tests/crypto/pkcs11/function_list_double.h"

#include <dlfcn.h>

#include <chrono>
#include <thread>

namespace vci::pkcs11::testing {

namespace {

FunctionListDouble* g_double = nullptr;

CK_RV CountingLogin(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR* pin,
                    CK_ULONG pin_len) {
  ++g_double->login_calls;
  return g_double->real().C_Login(session, user, pin, pin_len);
}

CK_RV CountingOpenSession(CK_SLOT_ID slot, CK_FLAGS flags, void* app, CK_NOTIFY notify,
                          CK_SESSION_HANDLE* session) {
  ++g_double->open_session_calls;
  return g_double->real().C_OpenSession(slot, flags, app, notify, session);
}

CK_RV FaultySignInit(CK_SESSION_HANDLE session, CK_MECHANISM* mechanism, CK_OBJECT_HANDLE key) {
  int left = g_double->session_losses_to_inject.load();
  while (left > 0 && !g_double->session_losses_to_inject.compare_exchange_weak(left, left - 1)) {}
  if (left > 0) {
    g_double->real().C_CloseSession(session);
    return CKR_SESSION_HANDLE_INVALID;
  }
  return g_double->real().C_SignInit(session, mechanism, key);
}

CK_RV CountingSign(CK_SESSION_HANDLE session, CK_BYTE* data, CK_ULONG data_len, CK_BYTE* out,
                   CK_ULONG* out_len) {
  ++g_double->sign_calls;
  int now = ++g_double->sign_in_flight;
  int max = g_double->max_sign_in_flight.load();
  while (now > max && !g_double->max_sign_in_flight.compare_exchange_weak(max, now)) {}
  int delay = g_double->sign_delay_us.load();
  if (delay > 0) {
    std::this_thread::sleep_for(std::chrono::microseconds(delay));
  }
  CK_RV rv = g_double->real().C_Sign(session, data, data_len, out, out_len);
  --g_double->sign_in_flight;
  return rv;
}

}  // namespace

FunctionListDouble* FunctionListDouble::Get(const std::string& module_path) {
  if (g_double != nullptr) {
    return g_double;
  }
  void* handle = ::dlopen(module_path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == nullptr) {
    return nullptr;
  }
  auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"));
  CK_FUNCTION_LIST* real = nullptr;
  if (get_list == nullptr || get_list(&real) != CKR_OK || real == nullptr) {
    return nullptr;
  }
  // Deliberately never freed: the C callbacks may run until the process ends.
  g_double = new FunctionListDouble(real);
  return g_double;
}

FunctionListDouble::FunctionListDouble(const CK_FUNCTION_LIST* real) : real_(real), list_(*real) {
  list_.C_Login = CountingLogin;
  list_.C_OpenSession = CountingOpenSession;
  list_.C_SignInit = FaultySignInit;
  list_.C_Sign = CountingSign;
}

void FunctionListDouble::Reset() {
  login_calls = 0;
  sign_calls = 0;
  open_session_calls = 0;
  sign_in_flight = 0;
  max_sign_in_flight = 0;
  sign_delay_us = 0;
  session_losses_to_inject = 0;
}

}  // namespace vci::pkcs11::testing
