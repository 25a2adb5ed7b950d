// Base58 with the Bitcoin alphabet, as did:key's multibase "z" prefix uses it.
#ifndef VCISSUER_CRYPTO_DID_BASE58_H_
#define VCISSUER_CRYPTO_DID_BASE58_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::did {

// Base58BtcDecode returns the bytes that `text` encodes (each leading '1' is a zero byte).
// Fails with kInvalidArgument on a character outside the alphabet, on empty input, or when
// `text` is longer than `max_chars`. Quadratic in the length, hence the bound.
Result<Bytes> Base58BtcDecode(std::string_view text, size_t max_chars);

// Base58BtcEncode returns the Base58 (Bitcoin alphabet) form of `data`.
std::string Base58BtcEncode(ByteView data);

}  // namespace vci::did

#endif  // VCISSUER_CRYPTO_DID_BASE58_H_
