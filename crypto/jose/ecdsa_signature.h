// ECDSA signatures in their two encodings: the fixed-width r||s pair that JWS uses (RFC 7518
// section 3.4) and the DER ECDSA-Sig-Value that OpenSSL produces and consumes.
#ifndef VCISSUER_CRYPTO_JOSE_ECDSA_SIGNATURE_H_
#define VCISSUER_CRYPTO_JOSE_ECDSA_SIGNATURE_H_

#include <cstddef>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::jose {

// EcdsaRawToDer returns the DER form of the r||s signature `raw`, whose halves are each
// `coordinate_len` bytes. Fails with kInvalidArgument when raw.size() != 2 * coordinate_len, and
// kInternal if OpenSSL fails.
Result<Bytes> EcdsaRawToDer(ByteView raw, size_t coordinate_len);

// EcdsaDerToRaw returns the r||s form, each half left-padded to `coordinate_len` bytes, of the DER
// signature `der`. Fails with kInvalidArgument when `der` is not exactly one DER ECDSA-Sig-Value
// or r or s does not fit in `coordinate_len` bytes.
Result<Bytes> EcdsaDerToRaw(ByteView der, size_t coordinate_len);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_ECDSA_SIGNATURE_H_
