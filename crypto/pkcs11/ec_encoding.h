// The DER encodings PKCS#11 uses for EC and Edwards keys: CKA_EC_PARAMS (a curve OID) and
// CKA_EC_POINT (the public point, wrapped in an OCTET STRING), and their conversion to OpenSSL.
#ifndef VCISSUER_CRYPTO_PKCS11_EC_ENCODING_H_
#define VCISSUER_CRYPTO_PKCS11_EC_ENCODING_H_

#include <p11-kit/pkcs11.h>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"
#include "crypto/pkcs11/key_info.h"

namespace vci::pkcs11 {

// EcParamsFor returns the DER OBJECT IDENTIFIER of the curve of `kind` (P-256, P-384, or
// 1.3.101.112 for Ed25519, RFC 8410), or an empty view for a secret key kind.
ByteView EcParamsFor(KeyKind kind);

// KindFromEcParams returns the signing key kind of a key with CKA_KEY_TYPE `key_type` (CKK_EC or
// CKK_EC_EDWARDS) and CKA_EC_PARAMS `params`. Edwards keys may name the curve by OID or by the
// PrintableString "edwards25519" (PKCS#11 3.0 section 2.3.5). kFailedPrecondition for another
// curve or key type.
Result<KeyKind> KindFromEcParams(CK_KEY_TYPE key_type, ByteView params);

// PublicKeyFromEcPoint imports the CKA_EC_POINT `ec_point` of a `kind` key into `ctx`. The point is
// accepted DER-wrapped in an OCTET STRING (the standard form) or raw (some modules). Fails with
// kInvalidArgument when it is malformed or not on the curve.
Result<ossl::EvpPkeyPtr> PublicKeyFromEcPoint(const ossl::Context& ctx, KeyKind kind,
                                              ByteView ec_point);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_EC_ENCODING_H_
