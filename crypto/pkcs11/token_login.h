// TokenLogin: the one user login of this process on a token.
//
// C_Logout logs out every session of the process on the token, so the login is not tied to any
// pooled session: it keeps a session of its own open (a token logs out when its last session
// closes) and is owned by the Token, above the session pool.
#ifndef VCISSUER_CRYPTO_PKCS11_TOKEN_LOGIN_H_
#define VCISSUER_CRYPTO_PKCS11_TOKEN_LOGIN_H_

#include <p11-kit/pkcs11.h>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"
#include "crypto/pkcs11/session.h"

namespace vci::pkcs11 {

class TokenLogin {
 public:
  // Login opens a session on `slot` and calls C_Login as the user with `pin`, exactly once: a
  // refused PIN is kPinIncorrect or kPinLocked and is never retried (real HSMs lock the token).
  // A process that is already logged in (CKR_USER_ALREADY_LOGGED_IN) counts as logged in.
  static Result<TokenLogin> Login(const CK_FUNCTION_LIST& fn, CK_SLOT_ID slot,
                                  const SecretBytes& pin);

  // The destructor calls C_Logout (errors ignored) and closes its session.
  ~TokenLogin();

  // Copying is deleted: a copy would log out twice.
  TokenLogin(const TokenLogin&) = delete;
  TokenLogin& operator=(const TokenLogin&) = delete;
  TokenLogin(TokenLogin&& other) noexcept;
  TokenLogin& operator=(TokenLogin&&) = delete;

 private:
  TokenLogin(const CK_FUNCTION_LIST* fn, Session session, bool logged_in)
      : fn_(fn), session_(std::move(session)), logged_in_(logged_in) {}

  const CK_FUNCTION_LIST* fn_;
  Session session_;
  bool logged_in_;  // False when moved from, or when the login was already there.
};

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_TOKEN_LOGIN_H_
