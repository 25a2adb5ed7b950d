// Policy: what this issuer may issue, and to whom.
//
// Security property: deny by default. A credential configuration can be offered only by a client
// whose list grants it, and a client is found only by the SHA-256 of its bearer token, compared in
// constant time. A Policy is immutable once loaded and safe to read from any thread.
#ifndef VCISSUER_POLICY_POLICY_H_
#define VCISSUER_POLICY_POLICY_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/bytes.h"
#include "crypto/jose/jws_signer.h"
#include "policy/claim_spec.h"

namespace vci::policy {

struct Logo {
  std::string uri;
  std::string alt_text;
};

// Display is one locale's entry of a "display" array (OID4VCI 1.0 sections 12.2.4 and A.1).
struct Display {
  std::string locale;
  std::string name;
  std::string description;
  std::string background_color;
  std::string text_color;
  std::optional<Logo> logo;
};

// Bounds of the issuer-wide batch size (OID4VCI 1.0 section 12.2.4: batch_size is at least 2).
inline constexpr size_t kMinBatchSize = 2;
inline constexpr size_t kMaxBatchSize = 100;

struct IssuerPolicy {
  std::vector<Display> display;
  // batch_credential_issuance.batch_size: most proofs (so credentials) per credential request;
  // 0 when batches are off (one proof per request).
  size_t batch_size = 0;
  // iat, nbf and exp of every credential are rounded down to a multiple of this, so that the
  // credentials of one batch, and of one period, cannot be told apart by their times.
  std::chrono::seconds timestamp_granularity{3600};
  // Lifetimes of access tokens and c_nonces; nullopt: the configuration file's [lifetimes].
  std::optional<std::chrono::seconds> access_token_lifetime;
  std::optional<std::chrono::seconds> nonce_lifetime;
};

// OID4VCI 1.0 section 4.1.1: whether an offer carries a tx_code. kOptional lets the client
// decide per offer.
enum class TxCodeMode { kRequired, kOptional, kForbidden };

enum class TxCodeInputMode { kNumeric, kText };

struct TxCodePolicy {
  TxCodeMode mode = TxCodeMode::kForbidden;
  TxCodeInputMode input_mode = TxCodeInputMode::kNumeric;
  size_t length = 6;
  std::string description;  // At most 300 characters (OID4VCI 1.0 section 4.1.1).
  size_t max_attempts = 5;
};

// How a credential is bound to the wallet's key: the key itself in the proof's "jwk" header, or
// a DID URL in its "kid" (OID4VCI 1.0 Appendix F.1; cryptographic_binding_methods_supported).
enum class BindingMethod { kJwk, kDidJwk, kDidKey };

// BindingMethodName returns the metadata spelling: "jwk", "did:jwk" or "did:key".
std::string_view BindingMethodName(BindingMethod method);

// How long an offer of a configuration stays redeemable; nullopt members fall back to the
// configuration file's [lifetimes] offer.
struct OfferLifetimePolicy {
  std::optional<std::chrono::seconds> default_lifetime;  // When the client asks for none.
  std::optional<std::chrono::seconds> max_lifetime;      // The most a client may ask for.
};

struct CredentialConfiguration {
  std::string id;
  std::string format;  // Always "dc+sd-jwt" in this build.
  std::string vct;
  std::string signing_key;  // PKCS#11 URI of the private key.
  jose::JwsAlgorithm signing_alg = jose::JwsAlgorithm::kEs256;
  // Validity of a credential whose offer asks for none; an offer may ask for up to
  // max_validity, and may postpone the credential's nbf by up to max_not_before.
  std::chrono::seconds validity{0};
  std::chrono::seconds max_validity{0};
  std::chrono::seconds max_not_before{0};
  // Whether credentials are bound to a key of the wallet's (cnf), proven in the request. When
  // false, proof_algs and binding_methods are empty and credentials carry no cnf.
  bool holder_binding = true;
  std::vector<jose::JwsAlgorithm> proof_algs;
  std::vector<BindingMethod> binding_methods;  // Never empty; default {kJwk}.
  TxCodePolicy tx_code;
  OfferLifetimePolicy offer_lifetime;
  std::vector<Display> display;
  std::vector<ClaimSpec> claims;

  // FindClaim returns the top-level claim spec called `name`, or nullptr.
  const ClaimSpec* FindClaim(std::string_view name) const;

  // AllowsBinding returns whether `method` is one of binding_methods.
  bool AllowsBinding(BindingMethod method) const;
};

struct Client {
  std::string name;
  // How the client authenticates: the SHA-256 of its bearer token, the SHA-256 of the DER of its
  // TLS client certificate (admin listener with [tls.admin] client_ca), or both. Each is 32
  // bytes, or empty when not used; a client has at least one.
  Bytes token_sha256;
  Bytes certificate_sha256;
  std::vector<std::string> configurations;
  // The top-level claims this client may set; nullopt: every claim the configuration defines.
  std::optional<std::vector<std::string>> settable_claims;
  // Most offers this client may create per minute; nullopt: no limit.
  std::optional<size_t> offers_per_minute;

  // Grants returns true when this client may offer the configuration `id`.
  bool Grants(std::string_view id) const;

  // MaySet returns true when this client may set the top-level claim `claim`.
  bool MaySet(std::string_view claim) const;
};

struct Policy {
  IssuerPolicy issuer;
  std::vector<CredentialConfiguration> configurations;
  std::vector<Client> clients;

  // FindConfiguration returns the configuration with `id`, or nullptr. The pointer is owned by
  // the Policy and valid while it lives.
  const CredentialConfiguration* FindConfiguration(std::string_view id) const;

  // FindClientByTokenHash returns the client whose token_sha256 equals `sha256`, or nullptr.
  // Every client's hash is compared in constant time, and all of them are compared whatever
  // matches, so the time taken says nothing about which client (if any) matched.
  const Client* FindClientByTokenHash(ByteView sha256) const;

  // FindClientByCertificateHash is FindClientByTokenHash for certificate_sha256.
  const Client* FindClientByCertificateHash(ByteView sha256) const;
};

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_POLICY_H_
