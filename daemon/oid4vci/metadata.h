// The issuer's public metadata documents, generated from the settings and the policy and nothing
// else: Credential Issuer Metadata (OID4VCI 1.0 section 12.2), OAuth Authorization Server
// Metadata (RFC 8414, OID4VCI 1.0 section 12.3) and JWT VC Issuer Metadata (SD-JWT VC section 5).
#ifndef VCISSUER_DAEMON_OID4VCI_METADATA_H_
#define VCISSUER_DAEMON_OID4VCI_METADATA_H_

#include <nlohmann/json.hpp>

#include "daemon/oid4vci/issuer_context.h"

namespace vci::oid4vci {

// CredentialIssuerMetadata lists every configuration of `policy` with its format, vct, binding
// methods, signing and proof algorithms and credential_metadata (display and claims).
nlohmann::json CredentialIssuerMetadata(const IssuerSettings& settings,
                                        const policy::Policy& policy);

// AuthorizationServerMetadata describes the token endpoint of the pre-authorized code flow, with
// anonymous access (no client authentication).
nlohmann::json AuthorizationServerMetadata(const IssuerSettings& settings);

// JwtVcIssuerMetadata is {"issuer", "jwks"}: what verifiers use to check an SD-JWT VC's `iss`.
nlohmann::json JwtVcIssuerMetadata(const IssuerSettings& settings, const SignerRegistry& signers);

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_METADATA_H_
