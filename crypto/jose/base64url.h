// Base64url without padding (RFC 7515 section 2, RFC 4648 section 5), decoded strictly.
#ifndef VCISSUER_CRYPTO_JOSE_BASE64URL_H_
#define VCISSUER_CRYPTO_JOSE_BASE64URL_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::jose {

// Base64UrlEncode returns the unpadded base64url form of `data`. Never fails.
std::string Base64UrlEncode(ByteView data);

// Base64UrlDecode returns the bytes that `text` encodes, if `text` is the one canonical unpadded
// base64url encoding of at most `max_len` bytes. It fails with kInvalidArgument on: any character
// outside [A-Za-z0-9_-] (so padding '=', '+', '/' and whitespace), a length with remainder 1
// modulo 4, non-zero unused bits in the last character (e.g. "QR" for the one byte "QQ" encodes),
// or a decoded length above `max_len` (checked before decoding). Empty text decodes to no bytes.
Result<Bytes> Base64UrlDecode(std::string_view text, size_t max_len);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_BASE64URL_H_
