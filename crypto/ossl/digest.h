// One-shot SHA-2 digests through the project's OpenSSL context.
#ifndef VCISSUER_CRYPTO_OSSL_DIGEST_H_
#define VCISSUER_CRYPTO_OSSL_DIGEST_H_

#include <array>
#include <cstdint>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::ossl {

using Sha256Digest = std::array<uint8_t, 32>;
using Sha384Digest = std::array<uint8_t, 48>;
using Sha512Digest = std::array<uint8_t, 64>;

// Sha256 returns SHA-256(data), or kInternal (detail: the OpenSSL error queue) if OpenSSL fails.
// Thread-safe.
Result<Sha256Digest> Sha256(const Context& ctx, ByteView data);

// Sha384 returns SHA-384(data); failures as for Sha256.
Result<Sha384Digest> Sha384(const Context& ctx, ByteView data);

// Sha512 returns SHA-512(data); failures as for Sha256.
Result<Sha512Digest> Sha512(const Context& ctx, ByteView data);

}  // namespace vci::ossl

#endif  // VCISSUER_CRYPTO_OSSL_DIGEST_H_
