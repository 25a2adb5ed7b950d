// Building OpenSSL keys from raw JWK members, in the project's library context. Used by the JWK
// parser (public keys) and by OsslSigner (private keys for tests and tooling).
#ifndef VCISSUER_CRYPTO_JOSE_KEY_IMPORT_H_
#define VCISSUER_CRYPTO_JOSE_KEY_IMPORT_H_

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/jose/key_type.h"
#include "crypto/ossl/context.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::jose {

// ImportEcKey returns the EC key of curve `type` with public point (x, y) and, when `d` is not
// empty, private scalar d. x, y (and d) must each be type.coordinate_len bytes. Fails with
// kInvalidArgument when a length is wrong, the point is not on the curve (checked with
// EVP_PKEY_public_check) or d does not match the point; kInternal if OpenSSL fails otherwise.
Result<ossl::EvpPkeyPtr> ImportEcKey(const ossl::Context& ctx, const KeyType& type, ByteView x,
                                     ByteView y, ByteView d);

// ImportEd25519PublicKey returns the Ed25519 public key `x` (32 bytes), or kInvalidArgument.
Result<ossl::EvpPkeyPtr> ImportEd25519PublicKey(const ossl::Context& ctx, ByteView x);

// ImportEd25519PrivateKey returns the Ed25519 private key with seed `d` (32 bytes), or
// kInvalidArgument.
Result<ossl::EvpPkeyPtr> ImportEd25519PrivateKey(const ossl::Context& ctx, ByteView d);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_KEY_IMPORT_H_
