// A PKCS#11 module for tests that forwards every call to a real module (SoftHSM2) and, on
// command, makes the device fail the way real HSMs do.
//
// Environment, read at C_Initialize:
//   VCI_FAULT_TARGET     the real module (default /usr/lib/softhsm/libsofthsm2.so)
//   VCI_FAULT_CONTROL    a control file, read again on every call (optional)
//   VCI_FAULT_LOGIN_LOG  a file that gets one line "C_Login <rv>" per C_Login (optional), so a
//                        test can count login attempts across processes
//
// The control file holds one command (a missing or empty file means no fault):
//   CKR_DEVICE_REMOVED | CKR_DEVICE_ERROR | CKR_TOKEN_NOT_PRESENT
//       every call but C_Initialize, C_Finalize, C_GetInfo and C_GetFunctionList returns it
//   CKR_SESSION_HANDLE_INVALID
//       the next C_SignInit closes its session in the real module and returns it; then the
//       command is used up (the file is emptied)
//   reset
//       the device was unplugged and put back: the real module closes every session (which ends
//       the login) at the next call; then the command is used up
//   delay <milliseconds>
//       every call waits that long before it is forwarded
#include <dlfcn.h>
#include <p11-kit/pkcs11.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

namespace {

const CK_FUNCTION_LIST* g_real = nullptr;
CK_FUNCTION_LIST g_list;
std::string g_control;    // Path of the control file, or empty.
std::string g_login_log;  // Path of the login log, or empty.
std::mutex g_control_mutex;

struct Command {
  std::string verb;
  long arg = 0;
};

Command ReadCommand() {
  Command command;
  if (g_control.empty()) {
    return command;
  }
  std::ifstream in(g_control);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return command;
  }
  std::istringstream words(line);
  words >> command.verb >> command.arg;
  return command;
}

// UseUp empties the control file, so a one-shot command happens once in all processes.
void UseUp() {
  std::ofstream out(g_control, std::ios::trunc);
}

CK_RV RvFor(const std::string& verb) {
  if (verb == "CKR_DEVICE_REMOVED") {
    return CKR_DEVICE_REMOVED;
  }
  if (verb == "CKR_DEVICE_ERROR") {
    return CKR_DEVICE_ERROR;
  }
  if (verb == "CKR_TOKEN_NOT_PRESENT") {
    return CKR_TOKEN_NOT_PRESENT;
  }
  return CKR_OK;
}

void CloseAllSessions() {
  CK_ULONG count = 0;
  if (g_real->C_GetSlotList(CK_FALSE, nullptr, &count) != CKR_OK || count == 0) {
    return;
  }
  std::vector<CK_SLOT_ID> slots(count);
  if (g_real->C_GetSlotList(CK_FALSE, slots.data(), &count) != CKR_OK) {
    return;
  }
  for (CK_ULONG i = 0; i < count; ++i) {
    g_real->C_CloseAllSessions(slots[i]);
  }
}

// Fault returns the CK_RV the device answers `function` with, or CKR_OK to forward the call.
CK_RV Fault(std::string_view function) {
  Command command;
  {
    std::lock_guard<std::mutex> lock(g_control_mutex);
    command = ReadCommand();
    if (command.verb == "reset") {
      CloseAllSessions();
      UseUp();
      return CKR_OK;
    }
    if (command.verb == "CKR_SESSION_HANDLE_INVALID") {
      if (function != "C_SignInit") {
        return CKR_OK;
      }
      UseUp();
      return CKR_SESSION_HANDLE_INVALID;
    }
  }
  if (command.verb == "delay" && command.arg > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(command.arg));
    return CKR_OK;
  }
  return RvFor(command.verb);
}

void LogLogin(CK_RV rv) {
  if (g_login_log.empty()) {
    return;
  }
  if (FILE* log = std::fopen(g_login_log.c_str(), "a"); log != nullptr) {
    (void)std::fprintf(log, "C_Login %lu\n", rv);
    (void)std::fclose(log);
  }
}

template <typename F>
struct Forward;

// Forward<CK_RV (*)(Args...)>::Call<&CK_FUNCTION_LIST::C_X, kSignInit> is C_X with the fault
// check first; kSignInit marks C_SignInit, where a session loss is injected.
template <typename... Args>
struct Forward<CK_RV (*)(Args...)> {
  template <auto Member, bool kSignInit>
  static CK_RV Call(Args... args) {
    try {
      if (CK_RV rv = Fault(kSignInit ? "C_SignInit" : ""); rv != CKR_OK) {
        if constexpr (kSignInit) {
          if (rv == CKR_SESSION_HANDLE_INVALID) {
            // The session really goes away, as on a device that dropped it.
            g_real->C_CloseSession(std::get<0>(std::tuple<Args...>(args...)));
          }
        }
        return rv;
      }
    } catch (...) {
      return CKR_GENERAL_ERROR;
    }
    return (g_real->*Member)(args...);
  }
};

#define VCI_FORWARD(name)                                                       \
  g_list.name =                                                                 \
      &Forward<decltype(CK_FUNCTION_LIST::name)>::Call<&CK_FUNCTION_LIST::name, \
                                                       std::string_view(#name) == "C_SignInit">

CK_RV Login(CK_SESSION_HANDLE session, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len) {
  CK_RV rv =
      Forward<CK_C_Login>::Call<&CK_FUNCTION_LIST::C_Login, false>(session, user, pin, pin_len);
  LogLogin(rv);
  return rv;
}

CK_RV Initialize(CK_VOID_PTR args) {
  const char* target = std::getenv("VCI_FAULT_TARGET");
  void* handle = ::dlopen(target != nullptr ? target : "/usr/lib/softhsm/libsofthsm2.so",
                          RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle == nullptr) {
    return CKR_GENERAL_ERROR;
  }
  auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"));
  CK_FUNCTION_LIST_PTR real = nullptr;
  if (get_list == nullptr || get_list(&real) != CKR_OK || real == nullptr) {
    return CKR_GENERAL_ERROR;
  }
  g_real = real;
  const char* control = std::getenv("VCI_FAULT_CONTROL");
  g_control = control != nullptr ? control : "";
  const char* login_log = std::getenv("VCI_FAULT_LOGIN_LOG");
  g_login_log = login_log != nullptr ? login_log : "";
  return g_real->C_Initialize(args);
}

CK_RV Finalize(CK_VOID_PTR reserved) {
  return g_real != nullptr ? g_real->C_Finalize(reserved) : CKR_CRYPTOKI_NOT_INITIALIZED;
}

CK_RV GetInfo(CK_INFO_PTR info) {
  return g_real != nullptr ? g_real->C_GetInfo(info) : CKR_CRYPTOKI_NOT_INITIALIZED;
}

CK_RV GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out);

void BuildList() {
  g_list.version = {2, 40};
  g_list.C_Initialize = &Initialize;
  g_list.C_Finalize = &Finalize;
  g_list.C_GetInfo = &GetInfo;
  g_list.C_GetFunctionList = &GetFunctionList;
  g_list.C_Login = &Login;
  VCI_FORWARD(C_GetSlotList);
  VCI_FORWARD(C_GetSlotInfo);
  VCI_FORWARD(C_GetTokenInfo);
  VCI_FORWARD(C_GetMechanismList);
  VCI_FORWARD(C_GetMechanismInfo);
  VCI_FORWARD(C_InitToken);
  VCI_FORWARD(C_InitPIN);
  VCI_FORWARD(C_SetPIN);
  VCI_FORWARD(C_OpenSession);
  VCI_FORWARD(C_CloseSession);
  VCI_FORWARD(C_CloseAllSessions);
  VCI_FORWARD(C_GetSessionInfo);
  VCI_FORWARD(C_GetOperationState);
  VCI_FORWARD(C_SetOperationState);
  VCI_FORWARD(C_Logout);
  VCI_FORWARD(C_CreateObject);
  VCI_FORWARD(C_CopyObject);
  VCI_FORWARD(C_DestroyObject);
  VCI_FORWARD(C_GetObjectSize);
  VCI_FORWARD(C_GetAttributeValue);
  VCI_FORWARD(C_SetAttributeValue);
  VCI_FORWARD(C_FindObjectsInit);
  VCI_FORWARD(C_FindObjects);
  VCI_FORWARD(C_FindObjectsFinal);
  VCI_FORWARD(C_EncryptInit);
  VCI_FORWARD(C_Encrypt);
  VCI_FORWARD(C_EncryptUpdate);
  VCI_FORWARD(C_EncryptFinal);
  VCI_FORWARD(C_DecryptInit);
  VCI_FORWARD(C_Decrypt);
  VCI_FORWARD(C_DecryptUpdate);
  VCI_FORWARD(C_DecryptFinal);
  VCI_FORWARD(C_DigestInit);
  VCI_FORWARD(C_Digest);
  VCI_FORWARD(C_DigestUpdate);
  VCI_FORWARD(C_DigestKey);
  VCI_FORWARD(C_DigestFinal);
  VCI_FORWARD(C_SignInit);
  VCI_FORWARD(C_Sign);
  VCI_FORWARD(C_SignUpdate);
  VCI_FORWARD(C_SignFinal);
  VCI_FORWARD(C_SignRecoverInit);
  VCI_FORWARD(C_SignRecover);
  VCI_FORWARD(C_VerifyInit);
  VCI_FORWARD(C_Verify);
  VCI_FORWARD(C_VerifyUpdate);
  VCI_FORWARD(C_VerifyFinal);
  VCI_FORWARD(C_VerifyRecoverInit);
  VCI_FORWARD(C_VerifyRecover);
  VCI_FORWARD(C_DigestEncryptUpdate);
  VCI_FORWARD(C_DecryptDigestUpdate);
  VCI_FORWARD(C_SignEncryptUpdate);
  VCI_FORWARD(C_DecryptVerifyUpdate);
  VCI_FORWARD(C_GenerateKey);
  VCI_FORWARD(C_GenerateKeyPair);
  VCI_FORWARD(C_WrapKey);
  VCI_FORWARD(C_UnwrapKey);
  VCI_FORWARD(C_DeriveKey);
  VCI_FORWARD(C_SeedRandom);
  VCI_FORWARD(C_GenerateRandom);
  VCI_FORWARD(C_GetFunctionStatus);
  VCI_FORWARD(C_CancelFunction);
  VCI_FORWARD(C_WaitForSlotEvent);
}

CK_RV GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out) {
  if (out == nullptr) {
    return CKR_ARGUMENTS_BAD;
  }
  static std::once_flag built;
  std::call_once(built, BuildList);
  *out = &g_list;
  return CKR_OK;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) CK_RV C_GetFunctionList(
    CK_FUNCTION_LIST_PTR_PTR out) {
  return GetFunctionList(out);
}
