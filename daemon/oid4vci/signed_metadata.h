// Signed Credential Issuer Metadata (OID4VCI 1.0 section 12.2.3): the metadata as the payload of
// a JWT signed inside the HSM, served when a wallet's Accept header prefers application/jwt.
#ifndef VCISSUER_DAEMON_OID4VCI_SIGNED_METADATA_H_
#define VCISSUER_DAEMON_OID4VCI_SIGNED_METADATA_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/result.h"
#include "daemon/oid4vci/signer_registry.h"

namespace vci::oid4vci {

// The JOSE "typ" of signed metadata (section 12.2.3).
inline constexpr std::string_view kSignedMetadataType = "openidvci-issuer-metadata+jwt";

// PrefersJwt returns whether the Accept header value `accept` asks for application/jwt at least
// as strongly (by q-value) as for application/json (or a wildcard that covers it). An absent or
// empty header prefers JSON. Malformed q-values count as 1, as lenient servers do.
bool PrefersJwt(std::string_view accept);

// SignMetadata returns a compact JWS whose payload is `metadata` with "sub" and "iss" set to
// `credential_issuer` and "iat" to `now`, and whose header carries typ
// openidvci-issuer-metadata+jwt and the signer's kid. Errors are the signer's (kUnavailable when
// the HSM is down).
Result<std::string> SignMetadata(nlohmann::json metadata, const std::string& credential_issuer,
                                 int64_t now, const RegisteredSigner& signer);

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_SIGNED_METADATA_H_
