#include "console/id_token.h"

#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"

namespace vci::console {
namespace {

constexpr size_t kMaxIdTokenBytes = size_t{16} * 1024;

Error Refused(std::string_view what) {
  return Error(ErrorCode::kUnauthenticated, "the identity provider's answer is not acceptable",
               std::string(what));
}

Result<const nlohmann::json*> FindKey(const nlohmann::json& jwks, const nlohmann::json& header) {
  auto keys = jwks.find("keys");
  if (keys == jwks.end() || !keys->is_array()) {
    return Refused("the JWKS has no keys");
  }
  auto kid = header.find("kid");
  if (kid == header.end()) {
    if (keys->size() == 1) {
      return &(*keys)[0];
    }
    return Refused("the ID token names no kid");
  }
  for (const nlohmann::json& key : *keys) {
    if (key.is_object() && key.value("kid", nlohmann::json()) == *kid) {
      return &key;
    }
  }
  return Refused("no JWKS key has the ID token's kid");
}

bool AudienceFits(const nlohmann::json& claims, const std::string& client_id) {
  auto aud = claims.find("aud");
  if (aud == claims.end()) {
    return false;
  }
  if (aud->is_string()) {
    return aud->get<std::string>() == client_id;
  }
  if (!aud->is_array() || aud->empty()) {
    return false;
  }
  bool listed = false;
  for (const nlohmann::json& entry : *aud) {
    listed = listed || (entry.is_string() && entry.get<std::string>() == client_id);
  }
  // Several audiences: the token must have been issued to us (azp, Core section 2).
  auto azp = claims.find("azp");
  return listed && (aud->size() == 1 || (azp != claims.end() && *azp == client_id));
}

Result<void> CheckClaims(const nlohmann::json& claims, const IdTokenExpectations& expect) {
  if (!claims.is_object()) {
    return Refused("the ID token's payload is not a JSON object");
  }
  if (claims.value("iss", nlohmann::json()) != expect.issuer) {
    return Refused("iss is not the configured issuer");
  }
  if (!AudienceFits(claims, expect.client_id)) {
    return Refused("aud does not name this console");
  }
  auto exp = claims.find("exp");
  if (exp == claims.end() || !exp->is_number_integer() ||
      exp->get<int64_t>() + kIdTokenLeewaySeconds <= expect.now) {
    return Refused("the ID token has expired");
  }
  auto iat = claims.find("iat");
  if (iat == claims.end() || !iat->is_number_integer() ||
      iat->get<int64_t>() > expect.now + kIdTokenLeewaySeconds ||
      iat->get<int64_t>() < expect.now - kMaxIdTokenAgeSeconds) {
    return Refused("iat is missing or out of range");
  }
  if (claims.value("nonce", nlohmann::json()) != expect.nonce || expect.nonce.empty()) {
    return Refused("nonce does not match the login");
  }
  auto sub = claims.find("sub");
  if (sub == claims.end() || !sub->is_string() || sub->get<std::string>().empty()) {
    return Refused("sub is missing");
  }
  return Ok();
}

}  // namespace

Result<nlohmann::json> VerifyIdToken(const ossl::Context& ctx, std::string_view id_token,
                                     const nlohmann::json& jwks,
                                     const IdTokenExpectations& expect) {
  Result<jose::ParsedJws> jws = jose::ParseCompact(id_token, kMaxIdTokenBytes);
  if (!jws.has_value()) {
    return Refused("the ID token is not a JWS");
  }
  // TODO(lead): accept RS256 ID tokens, the default of many providers, #8
  // crypto/jose verifies no RSA signatures yet; until it does the provider must sign with ES256,
  // ES384 or EdDSA.
  Result<jose::JwsAlgorithm> alg = jose::ParseJwsAlgorithm(jws->header["alg"].get<std::string>());
  if (!alg.has_value()) {
    return Refused("the ID token's alg is not accepted");
  }
  VCI_ASSIGN_OR_RETURN(const nlohmann::json* jwk, FindKey(jwks, jws->header));
  Result<ossl::EvpPkeyPtr> key = jose::ParsePublicJwk(ctx, *jwk);
  if (!key.has_value()) {
    return Refused("the provider's key is not usable");
  }
  if (!jose::VerifySignature(ctx, *jws, *alg, key->get()).has_value()) {
    return Refused("the ID token's signature does not verify");
  }
  nlohmann::json claims = nlohmann::json::parse(jws->payload.begin(), jws->payload.end(), nullptr,
                                                /*allow_exceptions=*/false);
  VCI_TRY(CheckClaims(claims, expect));
  return claims;
}

}  // namespace vci::console
