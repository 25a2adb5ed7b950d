// The public half of a signing key, in the forms `keys export` writes: a JWK, a JWK Set, or PEM.
#ifndef VCISSUER_CLI_KEY_EXPORT_H_
#define VCISSUER_CLI_KEY_EXPORT_H_

#include <openssl/evp.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::cli {

enum class ExportFormat { kJwk, kJwks, kPem };

// ParseExportFormat maps "jwk", "jwks" or "pem" to the enum, or fails with kInvalidArgument.
Result<ExportFormat> ParseExportFormat(std::string_view name);

// SigningJwk returns the public JWK of `key` (RFC 7517) with "kid" set to its RFC 7638
// thumbprint, "alg" to its JWS algorithm (ES256, ES384, EdDSA) and "use" to "sig". Fails with
// kInvalidArgument for a key type the project does not sign with. `key` stays the caller's.
Result<nlohmann::json> SigningJwk(const ossl::Context& ctx, const EVP_PKEY* key);

// ExportPublicKey returns `key`'s public key as a one-line JWK or JWK Set ({"keys":[jwk]})
// followed by '\n', or as a PEM SubjectPublicKeyInfo block. Failures as SigningJwk, and kInternal
// when OpenSSL cannot write the PEM.
Result<std::string> ExportPublicKey(const ossl::Context& ctx, const EVP_PKEY* key,
                                    ExportFormat format);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_EXPORT_H_
