// ProofValidator: checks a wallet's key proof JWT (OID4VCI 1.0 Appendix F.1) and yields the key
// to bind the credential to.
//
// Security property: a ValidatedProof can only be made by ProofValidator::Validate, after the
// header, the signature, the audience and the time were checked, so code that issues a
// credential cannot forget a check. The c_nonce is checked against the store by the caller,
// because the proofs of one batch request share one nonce.
#ifndef VCISSUER_DAEMON_OID4VCI_PROOF_VALIDATOR_H_
#define VCISSUER_DAEMON_OID4VCI_PROOF_VALIDATOR_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/result.h"
#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"
#include "policy/policy.h"

namespace vci::oid4vci {

// The media type of a key proof JWT (OID4VCI 1.0 Appendix F.1).
inline constexpr std::string_view kProofJwtType = "openid4vci-proof+jwt";

// A proof JWT is a few hundred bytes; anything much larger is not one.
inline constexpr size_t kMaxProofJwtBytes = size_t{8} * 1024;

struct ProofRequirements {
  std::string audience;                        // the credential issuer identifier
  std::vector<jose::JwsAlgorithm> algorithms;  // proof_signing_alg_values_supported
  // cryptographic_binding_methods_supported: how the proof may name its key.
  std::vector<policy::BindingMethod> binding_methods = {policy::BindingMethod::kJwk};
  int64_t now = 0;                  // seconds since the epoch
  int64_t max_age_seconds = 300;    // how old `iat` may be
  int64_t max_future_seconds = 60;  // how far ahead `iat` may be
};

class ValidatedProof {
 public:
  // HolderJwk is the wallet's public key as a JWK with public members only.
  const nlohmann::json& HolderJwk() const { return holder_jwk_; }

  // Thumbprint is the RFC 7638 thumbprint of HolderJwk, used to spot duplicate keys.
  const std::string& Thumbprint() const { return thumbprint_; }

  // Nonce is the `nonce` claim, which the caller must consume in the store.
  const std::string& Nonce() const { return nonce_; }

 private:
  friend class ProofValidator;

  ValidatedProof(nlohmann::json holder_jwk, std::string thumbprint, std::string nonce)
      : holder_jwk_(std::move(holder_jwk)),
        thumbprint_(std::move(thumbprint)),
        nonce_(std::move(nonce)) {}

  nlohmann::json holder_jwk_;
  std::string thumbprint_;
  std::string nonce_;
};

class ProofValidator {
 public:
  explicit ProofValidator(const ossl::Context& ossl) : ossl_(ossl) {}

  // Validate checks `jwt` against `requirements`. Every failure is kInvalidProof with a message
  // that says which rule failed (never the token itself). Thread-safe.
  Result<ValidatedProof> Validate(std::string_view jwt,
                                  const ProofRequirements& requirements) const;

 private:
  // ProofKey returns the wallet key that `header` names (jwk, or a did:jwk / did:key kid), as
  // far as `requirements` allows that binding method; otherwise kInvalidProof.
  Result<ossl::EvpPkeyPtr> ProofKey(const nlohmann::json& header,
                                    const ProofRequirements& requirements) const;

  const ossl::Context& ossl_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_PROOF_VALIDATOR_H_
