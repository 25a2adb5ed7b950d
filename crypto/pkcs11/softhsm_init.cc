// InitSoftHsmToken: a development token made through PKCS#11 itself (C_InitToken, C_InitPIN), the
// same code path as the officer's `token init`.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "crypto/pkcs11/ck_rv.h"
#include "crypto/pkcs11/module.h"
#include "crypto/pkcs11/session.h"
#include "crypto/pkcs11/slot_finder.h"
#include "crypto/pkcs11/token.h"

namespace vci::pkcs11 {

namespace {

constexpr std::string_view kSystemTokenDir = "/var/lib/softhsm";

Result<void> WriteConfig(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::path tokens = dir / "tokens";
  std::filesystem::create_directories(tokens, ec);
  if (ec || ::chmod(tokens.c_str(), 0700) != 0) {
    return Error(ErrorCode::kFailedPrecondition, "cannot create the token directory",
                 tokens.string() + ": " + ec.message());
  }
  std::filesystem::path conf = dir / "softhsm2.conf";
  std::ofstream out(conf, std::ios::trunc);
  out << "directories.tokendir = " << tokens.string() << "\n"
      << "objectstore.backend = file\n"
      << "log.level = ERROR\n";
  out.close();
  if (!out) {
    return Error(ErrorCode::kFailedPrecondition, "cannot write softhsm2.conf", conf.string());
  }
  // NOLINTNEXTLINE(concurrency-mt-unsafe): runs before any other thread starts (see token.h).
  if (::setenv("SOFTHSM2_CONF", conf.c_str(), 1) != 0) {
    return Error(ErrorCode::kInternal, "internal error", "setenv SOFTHSM2_CONF failed");
  }
  return Ok();
}

bool IsInside(const std::filesystem::path& dir, std::string_view parent) {
  std::string text = dir.string();
  return text == parent || (text.starts_with(parent) && text[parent.size()] == '/');
}

Result<void> CheckPin(const SecretBytes& pin, const char* what) {
  if (pin.empty()) {
    return Error(ErrorCode::kInvalidArgument, std::string("the ") + what + " is empty", what);
  }
  return Ok();
}

}  // namespace

Result<void> InitSoftHsmToken(const std::string& module_path, const std::string& dir,
                              const std::string& label, const SecretBytes& so_pin,
                              const SecretBytes& user_pin) {
  if (label.empty() || label.size() > sizeof(CK_TOKEN_INFO::label)) {
    return Error(ErrorCode::kInvalidArgument, "a token label of 1 to 32 bytes is required",
                 "label length " + std::to_string(label.size()));
  }
  VCI_TRY(CheckPin(so_pin, "SO PIN"));
  VCI_TRY(CheckPin(user_pin, "user PIN"));
  std::error_code ec;
  std::filesystem::path root = std::filesystem::weakly_canonical(dir, ec);
  if (ec || dir.empty()) {
    return Error(ErrorCode::kInvalidArgument, "invalid token directory", dir);
  }
  if (IsInside(root, kSystemTokenDir)) {
    return Error(ErrorCode::kInvalidArgument,
                 "refusing to make a development token in the system token directory",
                 root.string());
  }
  VCI_TRY(WriteConfig(root));

  VCI_ASSIGN_OR_RETURN(std::unique_ptr<Module> module, Module::Load(module_path, nullptr));
  const CK_FUNCTION_LIST& fn = module->Functions();
  VCI_ASSIGN_OR_RETURN(std::vector<FoundSlot> tokens, ListTokens(fn));
  const FoundSlot* free_slot = nullptr;
  for (const FoundSlot& token : tokens) {
    bool initialized = (token.info.flags & CKF_TOKEN_INITIALIZED) != 0;
    if (initialized && PaddedToString(token.info.label, sizeof(token.info.label)) == label) {
      return Error(ErrorCode::kAlreadyExists, "a token with this label exists", label);
    }
    if (!initialized && free_slot == nullptr) {
      free_slot = &token;
    }
  }
  if (free_slot == nullptr) {
    return Error(ErrorCode::kNotFound, "no free slot for a new token", "all slots initialised");
  }

  // The token label is a blank-padded field, not a C string.
  std::array<unsigned char, sizeof(CK_TOKEN_INFO::label)> padded;
  padded.fill(' ');
  std::copy(label.begin(), label.end(), padded.begin());
  auto* so_bytes = const_cast<CK_UTF8CHAR*>(so_pin.Reveal().data());
  CK_RV rv = fn.C_InitToken(free_slot->slot, so_bytes, so_pin.size(), padded.data());
  if (rv != CKR_OK) {
    return CkError("C_InitToken", rv);
  }
  // SoftHSM2 moves an initialised token to a new slot id: find it again by its label.
  Uri by_label;
  by_label.token_label = label;
  VCI_ASSIGN_OR_RETURN(FoundSlot slot, FindTokenSlot(fn, by_label));
  VCI_ASSIGN_OR_RETURN(Session session, Session::Open(fn, slot.slot, true));
  rv = fn.C_Login(session.Handle(), CKU_SO, so_bytes, so_pin.size());
  if (rv != CKR_OK) {
    return CkError("C_Login(SO)", rv);
  }
  auto* user_bytes = const_cast<CK_UTF8CHAR*>(user_pin.Reveal().data());
  rv = fn.C_InitPIN(session.Handle(), user_bytes, user_pin.size());
  CK_RV logout_rv = fn.C_Logout(session.Handle());
  if (rv != CKR_OK) {
    return CkError("C_InitPIN", rv);
  }
  if (logout_rv != CKR_OK) {
    return CkError("C_Logout", logout_rv);
  }
  return Ok();
}

}  // namespace vci::pkcs11
