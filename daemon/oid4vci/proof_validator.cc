#include "daemon/oid4vci/proof_validator.h"

#include <algorithm>
#include <cmath>

#include "crypto/did/did_resolver.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"

namespace vci::oid4vci {
namespace {

Error BadProof(std::string message) {
  return Error(ErrorCode::kInvalidProof, std::move(message));
}

// AudienceMatches accepts `aud` as a string or an array of strings (RFC 7519 section 4.1.3).
bool AudienceMatches(const nlohmann::json& aud, const std::string& audience) {
  if (aud.is_string()) {
    return aud.get_ref<const std::string&>() == audience;
  }
  if (aud.is_array()) {
    return std::any_of(aud.begin(), aud.end(), [&](const nlohmann::json& a) {
      return a.is_string() && a.get_ref<const std::string&>() == audience;
    });
  }
  return false;
}

// CheckOptionalTime checks the NumericDate claim `name` when present: exp must lie after now
// (less the allowed skew), nbf must not lie after now (plus the skew).
Result<void> CheckOptionalTime(const nlohmann::json& claims, const char* name,
                               const ProofRequirements& requirements, bool must_be_after_now) {
  auto claim = claims.find(name);
  if (claim == claims.end()) {
    return Ok();
  }
  if (!claim->is_number() || !std::isfinite(claim->get<double>())) {
    return BadProof(std::string("the proof's ") + name + " is not a number");
  }
  auto value = claim->get<double>();
  auto skew = static_cast<double>(requirements.max_future_seconds);
  auto now = static_cast<double>(requirements.now);
  bool valid = must_be_after_now ? value > now - skew : value <= now + skew;
  if (!valid) {
    return BadProof(std::string("the proof is not valid now (") + name + ")");
  }
  return Ok();
}

bool Allows(const ProofRequirements& requirements, policy::BindingMethod method) {
  return std::find(requirements.binding_methods.begin(), requirements.binding_methods.end(),
                   method) != requirements.binding_methods.end();
}

}  // namespace

Result<ossl::EvpPkeyPtr> ProofValidator::ProofKey(const nlohmann::json& header,
                                                  const ProofRequirements& requirements) const {
  // Appendix F.1: the key is named by exactly one of kid (a DID URL) and jwk. An x5c chain
  // would need trust anchors for wallet keys, which this issuer does not configure.
  if (header.contains("x5c")) {
    // TODO(lead): accept x5c once trust anchors for wallet keys can be configured, #4
    return BadProof("x5c proofs are not accepted; name the key with jwk or kid");
  }
  bool has_jwk = header.contains("jwk");
  bool has_kid = header.contains("kid");
  if (has_jwk == has_kid) {
    return BadProof("the proof must name its key with exactly one of jwk and kid");
  }
  nlohmann::json jwk;
  if (has_jwk) {
    if (!Allows(requirements, policy::BindingMethod::kJwk)) {
      return BadProof("this credential is not bound to a jwk; name the key with a DID kid");
    }
    jwk = header["jwk"];
  } else {
    const nlohmann::json& kid = header["kid"];
    if (!kid.is_string()) {
      return BadProof("the proof's kid must be a string");
    }
    Result<did::DidMethod> method = did::MethodOf(kid.get_ref<const std::string&>());
    bool allowed = method.has_value() && Allows(requirements, *method == did::DidMethod::kJwk
                                                                  ? policy::BindingMethod::kDidJwk
                                                                  : policy::BindingMethod::kDidKey);
    if (!allowed) {
      return BadProof("the proof's kid is not a DID URL of a supported binding method");
    }
    Result<nlohmann::json> resolved = did::ResolveDidKey(ossl_, kid.get_ref<const std::string&>());
    if (!resolved.has_value()) {
      return BadProof("the proof's kid does not resolve to an acceptable public key");
    }
    jwk = std::move(resolved).value();
  }
  Result<ossl::EvpPkeyPtr> key = jose::ParsePublicJwk(ossl_, jwk);
  if (!key.has_value()) {
    return BadProof("the proof's jwk is not an acceptable public key");
  }
  return key;
}

Result<ValidatedProof> ProofValidator::Validate(std::string_view jwt,
                                                const ProofRequirements& requirements) const {
  Result<jose::ParsedJws> parsed = jose::ParseCompact(jwt, kMaxProofJwtBytes);
  if (!parsed.has_value()) {
    return BadProof("the proof is not a well-formed JWT");
  }
  const nlohmann::json& header = parsed->header;

  // Appendix F.1: typ MUST be openid4vci-proof+jwt.
  auto typ = header.find("typ");
  if (typ == header.end() || !typ->is_string() ||
      typ->get_ref<const std::string&>() != kProofJwtType) {
    return BadProof("the proof's typ must be openid4vci-proof+jwt");
  }

  // RFC 7515 section 4.1.11: a recipient that does not understand every extension listed in
  // crit must reject the JWS. This validator understands none.
  if (header.contains("crit")) {
    return BadProof("the proof lists critical header extensions this issuer does not support");
  }

  // alg: an asymmetric algorithm the issuer advertises; never none or a MAC.
  auto alg_name = header.find("alg");
  if (alg_name == header.end() || !alg_name->is_string()) {
    return BadProof("the proof has no alg");
  }
  Result<jose::JwsAlgorithm> alg = jose::ParseJwsAlgorithm(alg_name->get_ref<const std::string&>());
  if (!alg.has_value() || std::find(requirements.algorithms.begin(), requirements.algorithms.end(),
                                    *alg) == requirements.algorithms.end()) {
    return BadProof("the proof's alg is not supported");
  }

  VCI_ASSIGN_OR_RETURN(ossl::EvpPkeyPtr key, ProofKey(header, requirements));
  if (!jose::AlgorithmFitsKey(*alg, key.get())) {
    return BadProof("the proof's alg does not fit its key");
  }
  if (!jose::VerifySignature(ossl_, *parsed, *alg, key.get()).has_value()) {
    return BadProof("the proof's signature does not verify");
  }

  nlohmann::json claims = nlohmann::json::parse(parsed->payload.begin(), parsed->payload.end(),
                                                nullptr, /*allow_exceptions=*/false);
  if (!claims.is_object()) {
    return BadProof("the proof's payload is not a JSON object");
  }
  auto aud = claims.find("aud");
  if (aud == claims.end() || !AudienceMatches(*aud, requirements.audience)) {
    return BadProof("the proof's aud must be the credential issuer");
  }
  auto iat = claims.find("iat");
  if (iat == claims.end() || !iat->is_number()) {
    return BadProof("the proof has no iat");
  }
  // A number outside any plausible time would overflow the conversion below.
  auto iat_value = iat->get<double>();
  if (!std::isfinite(iat_value) || iat_value < 0 || iat_value > 1e11) {
    return BadProof("the proof's iat is outside the accepted window");
  }
  auto issued_at = static_cast<int64_t>(iat_value);
  if (issued_at < requirements.now - requirements.max_age_seconds ||
      issued_at > requirements.now + requirements.max_future_seconds) {
    return BadProof("the proof's iat is outside the accepted window");
  }
  // RFC 7519 sections 4.1.4 and 4.1.5: a proof past its exp or before its nbf is not valid now;
  // both allow the same clock skew as iat.
  VCI_TRY(CheckOptionalTime(claims, "exp", requirements, /*must_be_after_now=*/true));
  VCI_TRY(CheckOptionalTime(claims, "nbf", requirements, /*must_be_after_now=*/false));

  // Section 8.3.1.2: a proof without a c_nonce is invalid_proof; a wrong one is invalid_nonce.
  auto nonce = claims.find("nonce");
  if (nonce == claims.end() || !nonce->is_string() ||
      nonce->get_ref<const std::string&>().empty()) {
    return BadProof("the proof has no nonce");
  }

  VCI_ASSIGN_OR_RETURN(nlohmann::json holder_jwk, jose::PublicKeyToJwk(key.get()));
  // The key was imported and checked above: hash it without importing it again (#11).
  VCI_ASSIGN_OR_RETURN(std::string thumbprint, jose::KeyThumbprint(ossl_, key.get()));
  return ValidatedProof(std::move(holder_jwk), std::move(thumbprint), nonce->get<std::string>());
}

}  // namespace vci::oid4vci
