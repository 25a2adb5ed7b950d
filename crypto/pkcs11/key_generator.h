// Making new keys inside the token with the attributes this project requires.
#ifndef VCISSUER_CRYPTO_PKCS11_KEY_GENERATOR_H_
#define VCISSUER_CRYPTO_PKCS11_KEY_GENERATOR_H_

#include <p11-kit/pkcs11.h>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/pkcs11/key_info.h"

namespace vci::pkcs11 {

// GenerateKeyObjects makes a `spec.kind` key labelled `spec.label` with CKA_ID `id` on the
// read-write `session`: a key pair (C_GenerateKeyPair) for signing kinds, a secret key
// (C_GenerateKey) otherwise. The private or secret key is a token object that is private,
// sensitive, not extractable and not copyable, with CKA_ALLOWED_MECHANISMS limited to its one
// mechanism; the public key of a pair is a public token object with CKA_VERIFY. Returns the
// private or secret key's handle, or the CK_RV's error.
Result<CK_OBJECT_HANDLE> GenerateKeyObjects(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                            const KeySpec& spec, ByteView id);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_KEY_GENERATOR_H_
