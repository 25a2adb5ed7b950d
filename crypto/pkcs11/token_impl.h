// TokenImpl: what a Token owns, in the order it must be torn down (see token.h for the contract).
#ifndef VCISSUER_CRYPTO_PKCS11_TOKEN_IMPL_H_
#define VCISSUER_CRYPTO_PKCS11_TOKEN_IMPL_H_

#include <p11-kit/pkcs11.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "crypto/ossl/context.h"
#include "crypto/pkcs11/module.h"
#include "crypto/pkcs11/session_pool.h"
#include "crypto/pkcs11/token_login.h"
#include "crypto/pkcs11/uri.h"

namespace vci::pkcs11 {

class TokenImpl {
 public:
  // Members are destroyed in reverse order: the pool's sessions close, then the login ends and
  // its session closes, then the module is finalized.
  std::unique_ptr<ossl::Context> ctx;  // For the RFC 7638 thumbprints in KeyInfo.
  std::unique_ptr<Module> module;
  std::optional<TokenLogin> login;
  std::unique_ptr<SessionPool> pool;
  CK_SLOT_ID slot = 0;
  CK_TOKEN_INFO info = {};
  std::string label;

  // Recovery state, guarded by recovery_mutex: the last probe's time and answer.
  std::mutex recovery_mutex;
  std::optional<std::chrono::steady_clock::time_point> last_probe;
  std::optional<Error> last_probe_error;

  // Recover probes the token and restores the login (token_health_check.cc), at most once per
  // kTokenRecoveryInterval; otherwise it returns the last answer.
  Result<void> Recover();

  const CK_FUNCTION_LIST& Functions() const { return module->Functions(); }

  // ParseKeyUri parses `key_uri` and checks that its token attributes, if any, name this token
  // (kNotFound otherwise).
  Result<Uri> ParseKeyUri(std::string_view key_uri) const {
    VCI_ASSIGN_OR_RETURN(Uri uri, Uri::Parse(key_uri));
    if (!uri.MatchesToken(info)) {
      return Error(ErrorCode::kNotFound, "the key URI names another token",
                   "token attributes do not match " + label);
    }
    return uri;
  }
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_TOKEN_IMPL_H_
