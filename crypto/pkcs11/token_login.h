// TokenLogin: the one user login of this process on a token.
//
// C_Logout logs out every session of the process on the token, so the login is not tied to any
// pooled session: it keeps a session of its own open (a token logs out when its last session
// closes) and is owned by the Token, above the session pool. It keeps a copy of the PIN in wiping
// memory, so that a token that comes back after an outage without the login can be logged in
// again (Recover); a PIN the token refused is never sent again.
#ifndef VCISSUER_CRYPTO_PKCS11_TOKEN_LOGIN_H_
#define VCISSUER_CRYPTO_PKCS11_TOKEN_LOGIN_H_

#include <p11-kit/pkcs11.h>

#include <chrono>
#include <optional>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"
#include "crypto/pkcs11/session.h"
#include "crypto/pkcs11/token_health.h"

namespace vci::pkcs11 {

class TokenLogin {
 public:
  // Login opens a session on `slot` and calls C_Login as the user with `pin`, exactly once: a
  // refused PIN is kPinIncorrect or kPinLocked and is never retried (real HSMs lock the token).
  // A process that is already logged in (CKR_USER_ALREADY_LOGGED_IN) counts as logged in.
  static Result<TokenLogin> Login(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot,
                                  const SecretBytes& pin);

  // Recover makes sure the token still holds this process's login, using the login's own session:
  // a lost session is replaced by a new one, and a token that forgot the login (it was reset or
  // removed and put back) is logged in again with the kept PIN, at most once per
  // `min_login_interval`. Returns Ok when the login holds; kUnavailable when the device does not
  // answer or a login must wait; kPinIncorrect / kPinLocked, without calling C_Login, once the
  // token has refused the PIN. Every call is recorded in `health`. Not thread-safe: the Token
  // serialises calls.
  Result<void> Recover(TokenHealth& health, std::chrono::milliseconds min_login_interval);

  // The destructor calls C_Logout (errors ignored) and closes its session.
  ~TokenLogin();

  // Copying is deleted: a copy would log out twice.
  TokenLogin(const TokenLogin&) = delete;
  TokenLogin& operator=(const TokenLogin&) = delete;
  TokenLogin(TokenLogin&& other) noexcept;
  TokenLogin& operator=(TokenLogin&&) = delete;

 private:
  TokenLogin(const CK_FUNCTION_LIST* fn, CK_SLOT_ID slot, SecretBytes pin, Session session,
             bool logged_in)
      : fn_(fn),
        slot_(slot),
        pin_(std::move(pin)),
        session_(std::move(session)),
        logged_in_(logged_in) {}

  // LoginOnce calls C_Login on session_ and records it; refusals latch pin_refused_.
  CK_RV LoginOnce(TokenHealth& health);

  const CK_FUNCTION_LIST* fn_;
  CK_SLOT_ID slot_;
  SecretBytes pin_;
  Session session_;
  bool logged_in_;            // False when moved from, or when the login was already there.
  bool pin_refused_ = false;  // The token refused pin_: never send it again.
  std::optional<std::chrono::steady_clock::time_point> last_login_;  // Of Recover's logins.
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_TOKEN_LOGIN_H_
