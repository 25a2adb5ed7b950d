// Resolving the key of a did:jwk or did:key DID URL locally, as a wallet's proof names it in its
// "kid" header (OID4VCI 1.0 Appendix F.1: a kid that is a DID URL refers to the key the proof
// is signed with). No network: both methods carry the key inside the identifier.
#ifndef VCISSUER_CRYPTO_DID_DID_RESOLVER_H_
#define VCISSUER_CRYPTO_DID_DID_RESOLVER_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::did {

// The DID methods this issuer resolves, as cryptographic_binding_methods_supported names them.
enum class DidMethod { kJwk, kKey };

// Longest DID URL accepted; a P-256 did:jwk is about 200 characters.
inline constexpr size_t kMaxDidUrlChars = 1024;

// MethodOf returns the method of `did_url` ("did:jwk:..." or "did:key:..."), or kInvalidArgument.
Result<DidMethod> MethodOf(std::string_view did_url);

// ResolveDidKey returns the public JWK that `did_url` names, with public members only:
// - did:jwk:<base64url(UTF-8 JWK)>, optionally followed by the fragment "#0" (did:jwk spec,
//   section 2); the JWK must be an EC P-256/P-384 or OKP Ed25519 public key;
// - did:key:z<base58btc(multicodec || key)>, optionally followed by "#" and the same identifier
//   (did:key spec, section 3.1.2): multicodec 0xed (Ed25519, 32 bytes) or 0x1200 (P-256,
//   33-byte compressed point).
// Fails with kInvalidArgument when the URL is longer than kMaxDidUrlChars, of another method,
// malformed, names another key type, holds private members, or the point is not on the curve.
// Thread-safe.
Result<nlohmann::json> ResolveDidKey(const ossl::Context& ctx, std::string_view did_url);

}  // namespace vci::did

#endif  // VCISSUER_CRYPTO_DID_DID_RESOLVER_H_
