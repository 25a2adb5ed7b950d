// What the officer asks of a new key (KeySpec) and what the token says of an existing one
// (KeyInfo). Plain data: no PKCS#11 types, so the CLI and the daemon need no PKCS#11 headers.
#ifndef VCISSUER_CRYPTO_PKCS11_KEY_INFO_H_
#define VCISSUER_CRYPTO_PKCS11_KEY_INFO_H_

#include <optional>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::pkcs11 {

enum class KeyKind {
  kEcP256,      // ES256 signing key (CKM_ECDSA)
  kEcP384,      // ES384 signing key (CKM_ECDSA)
  kEd25519,     // EdDSA signing key (CKM_EDDSA)
  kHmacSha256,  // 256-bit generic secret for CKM_SHA256_HMAC
  kAes256,      // AES-256 key for CKM_AES_GCM (claims at rest)
};

// KeyKindName returns the CLI spelling: "ec-p256", "ec-p384", "ed25519", "hmac-sha256", "aes-256".
std::string_view KeyKindName(KeyKind kind);

// ParseKeyKind maps a CLI spelling back to the enum, or kInvalidArgument naming the valid ones.
Result<KeyKind> ParseKeyKind(std::string_view name);

struct KeySpec {
  KeyKind kind = KeyKind::kEcP256;
  std::string label;  // CKA_LABEL; required, unique on the token.
  Bytes id;           // CKA_ID; when empty, 16 random bytes are chosen.
};

struct KeyInfo {
  KeyKind kind = KeyKind::kEcP256;
  std::string label;
  Bytes id;
  std::string uri;  // "pkcs11:token=...;object=<label>;id=%..;type=private|secret-key"
  bool sensitive = false;
  bool always_sensitive = false;
  bool extractable = true;
  bool never_extractable = false;
  bool copyable = true;
  bool is_private = false;
  std::optional<std::string> kid;  // RFC 7638 thumbprint of the public key (signing keys only).
};

// ObjectLabelOfUri returns the object label ("object=") that the pkcs11: URI `uri` names, nullopt
// when it names none. kInvalidArgument when `uri` is not a valid pkcs11: URI. For tools that must
// compare keys by label without including PKCS#11 headers. Defined in uri.cc.
Result<std::optional<std::string>> ObjectLabelOfUri(std::string_view uri);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_KEY_INFO_H_
