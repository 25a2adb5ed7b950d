// Token: one logged-in PKCS#11 token, the only door to the keys this appliance signs and derives
// with.
//
// Security property: no key material ever crosses this interface. Signing and HMAC happen inside
// the token; keys are found by RFC 7512 URI and checked to be sensitive, never extractable and not
// copyable before they are used. The PIN is used for the one C_Login of the process and kept in
// wiping memory only to log in again after the device has come back from an outage; a refused
// PIN is never sent again (real HSMs lock the token after a few attempts).
//
// Lifetime: one Token per process. It loads the module, calls C_Initialize, logs in once and owns
// a pool of sessions that any number of threads use at once, each call on a session of its own.
// Never fork() while a Token exists. Signers and MAC keys it hands out must not outlive it.
#ifndef VCISSUER_CRYPTO_PKCS11_TOKEN_H_
#define VCISSUER_CRYPTO_PKCS11_TOKEN_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/mac.h"
#include "crypto/base/result.h"
#include "crypto/base/secret.h"
#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"
#include "crypto/pkcs11/hsm_observer.h"
#include "crypto/pkcs11/key_info.h"

namespace vci::pkcs11 {

class TokenImpl;

struct TokenOptions {
  // Path of the PKCS#11 module (a shared object), e.g. /usr/lib/softhsm/libsofthsm2.so.
  std::string module_path;
  // RFC 7512 URI of the token, e.g. "pkcs11:token=vcissuer". Only token attributes count.
  std::string token_uri;
  // The user PIN. Wiped when the Token is destroyed.
  SecretBytes pin;
  // Most sessions open at once; threads beyond it wait for a free session.
  size_t max_sessions = 8;
  // For tests: a function list to use instead of the module's own (a counting or fault-injecting
  // double that forwards to the real module). Not owned; must outlive the Token.
  const void* function_list_override = nullptr;
  // Receives every signing, HMAC, session, login and probe call with its outcome and latency.
  // Not owned; may be null; must outlive the Token.
  HsmObserver* observer = nullptr;
};

// kTokenRecoveryInterval bounds how often a failing device is probed, and how often the token
// logs in again after losing the login: at most once per interval, whatever the load.
inline constexpr std::chrono::milliseconds kTokenRecoveryInterval{1000};

class Token {
 public:
  // Open loads the module, calls C_Initialize (CKF_OS_LOCKING_OK), finds the one token that
  // matches `options.token_uri` (retrying slot discovery briefly: a token another process has just
  // written may not show at once) and logs in as the user, exactly once. Failures:
  // kInvalidArgument (a malformed URI), kNotFound (module, or no matching token; kInvalidArgument
  // if several match), kPinIncorrect / kPinLocked (C_Login refused the PIN; never retried),
  // kUnavailable (the device is missing or failing). `detail` names the CK_RV.
  static Result<std::unique_ptr<Token>> Open(TokenOptions options);

  // OpenSigner returns a signer for the private key that `key_uri` names (object label and/or id;
  // type=private or none), with its public key read from the matching public-key object (same
  // CKA_ID) and imported into `ctx`. The private key must be EC P-256 (ES256), EC P-384 (ES384)
  // or Ed25519 (EdDSA) and sensitive, always sensitive, never extractable, not extractable, not
  // copyable and private: otherwise kFailedPrecondition, naming the key and the attribute.
  // kNotFound when no object matches, kInvalidArgument when several do. `ctx` must outlive the
  // signer. The signer's Sign() is thread-safe; ES256/ES384 hash on the host and sign the digest
  // with raw CKM_ECDSA, EdDSA signs with CKM_EDDSA.
  Result<std::unique_ptr<jose::JwsSigner>> OpenSigner(const ossl::Context& ctx,
                                                      std::string_view key_uri);

  // OpenMacKey returns the secret key (CKK_GENERIC_SECRET or CKK_SHA256_HMAC, at least 32 bytes)
  // that `key_uri` names, as a MacKey whose KeyId() is its CKA_ID and whose HmacSha256() runs
  // CKM_SHA256_HMAC inside the token. Attribute checks and failures as for OpenSigner.
  Result<std::unique_ptr<MacKey>> OpenMacKey(std::string_view key_uri);

  // GenerateKey makes a new key inside the token as `spec` says (see key_info.h) with
  // CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false, CKA_COPYABLE=false and
  // CKA_ALLOWED_MECHANISMS set, and returns what ListKeys would say of it. kAlreadyExists if an
  // object with the same label exists; kInvalidArgument for a bad spec.
  Result<KeyInfo> GenerateKey(const KeySpec& spec);

  // ListKeys returns every private and secret key on the token, with its attributes.
  Result<std::vector<KeyInfo>> ListKeys();

  // PublicKey returns the public key of the signing key that `key_uri` names (from its public-key
  // object), imported into `ctx`. Failures as for OpenSigner, without the attribute checks.
  Result<ossl::EvpPkeyPtr> PublicKey(const ossl::Context& ctx, std::string_view key_uri);

  // DestroyKey destroys every object (private, public, secret) that `key_uri` names.
  // kNotFound when nothing matches.
  Result<void> DestroyKey(std::string_view key_uri);

  // CheckHealth returns Ok when the token answers and holds the login. After a failed probe it
  // answers from the cache for kTokenRecoveryInterval. A probe that finds the login's session
  // lost opens a new one; one that finds the login gone logs in again (at most once per
  // interval). Failures: kUnavailable
  // (detail names the call and the CK_RV), kPinIncorrect / kPinLocked once the token refused the
  // PIN (never sent again). Thread-safe.
  Result<void> CheckHealth();

  // DegradedReason returns what the last device fault was ("C_Sign: CKR_DEVICE_REMOVED") until a
  // call succeeds again, or nullopt. Thread-safe and cheap: no call to the token.
  std::optional<std::string> DegradedReason() const;

  // The token's label, as C_GetTokenInfo reports it without padding.
  const std::string& label() const;

  ~Token();
  // Copying is deleted: a copy would log out and finalize the module twice.
  Token(const Token&) = delete;
  Token& operator=(const Token&) = delete;

 private:
  explicit Token(std::unique_ptr<TokenImpl> impl);

  std::unique_ptr<TokenImpl> impl_;
};

// InitSoftHsmToken makes a new SoftHSM2 token for development in `dir`: it writes
// `dir`/softhsm2.conf (tokens under `dir`/tokens, created mode 0700), loads `module_path` with
// SOFTHSM2_CONF pointing there, and initialises the first free slot through PKCS#11 itself
// (C_InitToken with `so_pin`, then C_InitPIN with `user_pin`) under `label`. Refuses
// (kInvalidArgument) a `dir` inside /var/lib/softhsm, the system's token directory, and
// kAlreadyExists when `dir` already holds a token with that label. Sets SOFTHSM2_CONF in this
// process's environment, so it must run before any other thread starts.
Result<void> InitSoftHsmToken(const std::string& module_path, const std::string& dir,
                              const std::string& label, const SecretBytes& so_pin,
                              const SecretBytes& user_pin);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_TOKEN_H_
