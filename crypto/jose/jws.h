// JWS Compact Serialization (RFC 7515 sections 3.1 and 7.1): signing through a JwsSigner, strict
// parsing, and signature verification with an OpenSSL public key.
#ifndef VCISSUER_CRYPTO_JOSE_JWS_H_
#define VCISSUER_CRYPTO_JOSE_JWS_H_

#include <openssl/evp.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"

namespace vci::jose {

// SignCompact returns BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature), with
// header["alg"] set to the signer's algorithm (any "alg" given is replaced) and the header
// serialised compactly. Fails with kInvalidArgument when `header` is not a JSON object or holds
// invalid UTF-8, with kInternal when the signer returns a signature of the wrong length, and with
// the signer's error when signing fails. Thread-safe if the signer is.
Result<std::string> SignCompact(nlohmann::json header, ByteView payload, JwsSigner& signer);

// A JWS split into its parts; nothing in it has been verified.
// json's noexcept default constructor only looks like it throws (a branch unreachable for null;
// json.hpp carries the same NOLINT).
// NOLINTNEXTLINE(bugprone-exception-escape): see above.
struct ParsedJws {
  nlohmann::json header;      // The JOSE header: a JSON object with a string "alg".
  Bytes payload;              // The decoded payload octets.
  std::string signing_input;  // ASCII(BASE64URL(header) '.' BASE64URL(payload)), as received.
  Bytes signature;            // The decoded signature octets.
};

// ParseCompact splits `jws` into its parts. Fails with kInvalidArgument when `jws` is longer than
// `max_len`, does not have exactly three '.'-separated segments, a segment is not strict base64url
// (see Base64UrlDecode), the header is not a JSON object (or has a duplicate member name), or it
// has no string "alg". The algorithm itself is not checked here: see ParseJwsAlgorithm.
Result<ParsedJws> ParseCompact(std::string_view jws, size_t max_len);

// VerifySignature checks `jws.signature` over `jws.signing_input` with `key` for `alg`. Succeeds
// only when the header's "alg" equals JwsAlgorithmName(alg), `alg` fits `key` (AlgorithmFitsKey),
// the signature has the algorithm's fixed length (64 bytes for ES256 and EdDSA, 96 for ES384;
// ECDSA as r||s, RFC 7518 section 3.4) and it verifies. Each failure is kInvalidArgument. `key`
// stays owned by the caller. Thread-safe.
Result<void> VerifySignature(const ossl::Context& ctx, const ParsedJws& jws, JwsAlgorithm alg,
                             const EVP_PKEY* key);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_JWS_H_
