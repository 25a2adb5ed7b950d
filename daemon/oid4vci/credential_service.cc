#include "daemon/oid4vci/credential_service.h"

#include <algorithm>
#include <set>

#include "crypto/jose/base64url.h"
#include "crypto/ossl/digest.h"
#include "daemon/http/json_body.h"
#include "daemon/metrics/registry.h"
#include "daemon/oid4vci/sd_jwt_vc_formatter.h"

namespace vci::oid4vci {
namespace {

constexpr size_t kNotificationIdBytes = 16;

Error BadRequest(std::string message) {
  return Error(ErrorCode::kInvalidCredentialRequest, std::move(message));
}

Error Denied(std::string message) {
  return Error(ErrorCode::kCredentialRequestDenied, std::move(message));
}

// IsSafeAsciiText returns whether every character is in %x20-21 / %x23-5B / %x5D-7E, the set
// OID4VCI 1.0 allows in error and event descriptions.
bool IsSafeAsciiText(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'; });
}

// RoundDown returns `t` rounded down to a multiple of `granularity` seconds.
int64_t RoundDown(int64_t t, int64_t granularity) {
  return granularity <= 1 ? t : t - (t % granularity);
}

}  // namespace

CredentialService::CredentialService(IssuerContext& context)
    : context_(context), proofs_(context.ossl), nonces_(context) {
  formatters_.emplace(std::string(kSdJwtVcType),
                      std::make_unique<SdJwtVcFormatter>(context.ossl, context.random));
}

Result<std::vector<std::string>> CredentialService::ProofJwts(const nlohmann::json& request,
                                                              size_t max_proofs) const {
  auto proofs = request.find("proofs");
  auto proof = request.find("proof");
  // Draft 15 sent one proof as {"proof": {"proof_type": "jwt", "jwt": "..."}}; 1.0 replaced it
  // with "proofs". It is read only when the operator turned draft compatibility on, and is
  // otherwise an unknown member and ignored.
  if (proof != request.end() && context_.settings.accept_draft15_proof) {
    if (proofs != request.end()) {
      return BadRequest("send proofs or the draft 15 proof, not both");
    }
    if (!proof->is_object() || proof->value("proof_type", "") != "jwt" || !proof->contains("jwt") ||
        !(*proof)["jwt"].is_string()) {
      return Error(ErrorCode::kInvalidProof, "the draft 15 proof must be a jwt proof");
    }
    return std::vector<std::string>{(*proof)["jwt"].get<std::string>()};
  }
  // Section 8.2: proofs holds exactly one proof type, with a non-empty array; section 8.3.1.2
  // answers an invalid proofs parameter with invalid_proof.
  if (proofs == request.end()) {
    return Error(ErrorCode::kInvalidProof, "proofs is missing");
  }
  if (!proofs->is_object() || proofs->size() != 1) {
    return Error(ErrorCode::kInvalidProof, "proofs must hold exactly one proof type");
  }
  auto jwt = proofs->find("jwt");
  if (jwt == proofs->end()) {
    return Error(ErrorCode::kInvalidProof, "only the jwt proof type is supported");
  }
  if (!jwt->is_array() || jwt->empty()) {
    return Error(ErrorCode::kInvalidProof, "proofs.jwt must be a non-empty array");
  }
  if (jwt->size() > max_proofs) {
    return BadRequest(max_proofs == 1 ? "this issuer issues one credential per request"
                                      : "more proofs than batch_size");
  }
  std::vector<std::string> out;
  for (const auto& item : *jwt) {
    if (!item.is_string()) {
      return Error(ErrorCode::kInvalidProof, "each jwt proof must be a string");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<const policy::CredentialConfiguration*> CredentialService::RequestedConfiguration(
    const nlohmann::json& request, const store::AccessTokenRecord& token,
    const policy::Policy& policy) const {
  // Section 8.2: credential_identifier when the token response named identifiers, else
  // credential_configuration_id; never both.
  bool has_identifier = request.contains("credential_identifier");
  bool has_configuration = request.contains("credential_configuration_id");
  if (has_identifier == has_configuration) {
    return BadRequest(
        "exactly one of credential_identifier and credential_configuration_id is required");
  }
  std::string_view configuration_id;
  if (has_identifier) {
    const nlohmann::json& identifier = request["credential_identifier"];
    if (!identifier.is_string()) {
      return BadRequest("credential_identifier must be a string");
    }
    if (token.credential_identifier.empty() ||
        identifier.get_ref<const std::string&>() != token.credential_identifier) {
      return Error(ErrorCode::kUnknownCredentialIdentifier, "unknown credential_identifier");
    }
    configuration_id = token.configuration_id;
  } else {
    const nlohmann::json& requested = request["credential_configuration_id"];
    if (!requested.is_string()) {
      return BadRequest("credential_configuration_id must be a string");
    }
    if (!token.credential_identifier.empty()) {
      return BadRequest("this access token was issued with credential_identifiers; use one");
    }
    configuration_id = requested.get_ref<const std::string&>();
    if (configuration_id != token.configuration_id) {
      if (policy.FindConfiguration(configuration_id) == nullptr) {
        return Error(ErrorCode::kUnknownCredentialConfiguration,
                     "unknown credential_configuration_id");
      }
      return Denied("the access token was not issued for this credential configuration");
    }
  }
  const policy::CredentialConfiguration* configuration = policy.FindConfiguration(configuration_id);
  if (configuration == nullptr) {
    return Denied("this credential configuration is no longer offered");
  }
  return configuration;
}

Result<std::vector<ValidatedProof>> CredentialService::ValidateProofs(
    const std::vector<std::string>& jwts, const policy::CredentialConfiguration& configuration,
    int64_t now) const {
  ProofRequirements requirements;
  requirements.audience = context_.settings.credential_issuer;
  requirements.algorithms = configuration.proof_algs;
  requirements.binding_methods = configuration.binding_methods;
  requirements.now = now;
  requirements.max_age_seconds = context_.settings.proof_iat_window.count();
  requirements.max_future_seconds = context_.settings.proof_iat_future.count();
  std::vector<ValidatedProof> validated;
  std::set<std::string> keys;
  for (const std::string& jwt : jwts) {
    VCI_ASSIGN_OR_RETURN(ValidatedProof proof, proofs_.Validate(jwt, requirements));
    // One credential per key: two proofs of one key would yield linkable credentials.
    if (!keys.insert(proof.Thumbprint()).second) {
      return BadRequest("two proofs use the same key");
    }
    validated.push_back(std::move(proof));
  }
  // Section 7: the proofs of one request share one c_nonce, consumed once.
  for (const ValidatedProof& proof : validated) {
    if (proof.Nonce() != validated.front().Nonce()) {
      return Error(ErrorCode::kInvalidNonce, "the proofs of one request must share one c_nonce");
    }
  }
  return validated;
}

Result<store::AccessTokenRecord> CredentialService::FindAccessToken(std::string_view access_token,
                                                                    int64_t now) const {
  VCI_ASSIGN_OR_RETURN(auto token_hash, ossl::Sha256(context_.ossl, AsBytes(access_token)));
  Result<store::AccessTokenRecord> token = context_.store.GetAccessToken(token_hash, now);
  if (!token.has_value() && token.error().code() == ErrorCode::kNotFound) {
    return Error(ErrorCode::kInvalidToken, "the access token is invalid or expired");
  }
  return token;
}

Result<nlohmann::json> CredentialService::Issue(std::string_view access_token,
                                                std::string_view body) {
  int64_t now = context_.clock.NowSeconds();
  VCI_ASSIGN_OR_RETURN(store::AccessTokenRecord token, FindAccessToken(access_token, now));

  nlohmann::json request = http::ParseRequestJson(body);
  if (!request.is_object()) {
    return BadRequest("the credential request must be a JSON object");
  }
  // Section 8.2: a wallet that asks for an encrypted response must get one; this issuer
  // advertises no credential_response_encryption, so it can only refuse.
  if (request.contains("credential_response_encryption")) {
    return Error(ErrorCode::kInvalidEncryptionParameters,
                 "this issuer does not encrypt credential responses");
  }
  std::shared_ptr<const policy::Policy> policy = context_.policy.Get();
  VCI_ASSIGN_OR_RETURN(const policy::CredentialConfiguration* configuration,
                       RequestedConfiguration(request, token, *policy));
  // One holder key per credential; a configuration without holder binding issues one credential
  // bound to no key, and needs (so reads) no proof.
  std::vector<nlohmann::json> holder_keys;
  if (configuration->holder_binding) {
    auto max_proofs = std::max<size_t>(1, policy->issuer.batch_size);
    VCI_ASSIGN_OR_RETURN(std::vector<std::string> proof_jwts, ProofJwts(request, max_proofs));
    VCI_ASSIGN_OR_RETURN(std::vector<ValidatedProof> validated,
                         ValidateProofs(proof_jwts, *configuration, now));
    VCI_TRY(nonces_.Consume(validated.front().Nonce()));
    for (const ValidatedProof& proof : validated) {
      holder_keys.push_back(proof.HolderJwk());
    }
  } else {
    holder_keys.emplace_back(nullptr);
  }

  VCI_ASSIGN_OR_RETURN(store::OfferRecord offer, context_.store.GetOffer(token.offer_id));
  nlohmann::json claims =
      nlohmann::json::parse(offer.claims_json, nullptr, /*allow_exceptions=*/false);
  if (!claims.is_object()) {
    return Denied("the claims for this credential are no longer available");
  }
  const RegisteredSigner* signer = context_.signers.Find(configuration->signing_key);
  auto formatter = formatters_.find(configuration->format);
  if (signer == nullptr || formatter == formatters_.end()) {
    return Error(ErrorCode::kInternal, "internal error",
                 "no signer or formatter for configuration " + configuration->id);
  }

  // Every credential of the batch carries the same times, rounded down, so neither the batch's
  // credentials nor credentials issued close together can be told apart by time.
  int64_t granularity = policy->issuer.timestamp_granularity.count();
  int64_t issued_at = RoundDown(now, granularity);
  // An offer may postpone the credential's validity (rounded down like iat) and ask for a
  // validity of its own, both checked against the policy when the offer was made.
  int64_t not_before = std::max(issued_at, RoundDown(offer.credential_not_before, granularity));
  int64_t validity =
      offer.credential_validity > 0 ? offer.credential_validity : configuration->validity.count();
  nlohmann::json credentials = nlohmann::json::array();
  for (const nlohmann::json& holder_jwk : holder_keys) {
    CredentialInput input{*configuration,
                          claims,
                          holder_jwk,
                          *signer,
                          context_.settings.credential_issuer,
                          issued_at,
                          not_before,
                          not_before + validity};
    VCI_ASSIGN_OR_RETURN(std::string credential, formatter->second->Format(input));
    VCI_ASSIGN_OR_RETURN(auto digest, ossl::Sha256(context_.ossl, AsBytes(credential)));
    store::IssuanceRecord record{offer.offer_id,
                                 offer.client,
                                 configuration->id,
                                 signer->kid,
                                 jose::Base64UrlEncode(digest),
                                 now,
                                 not_before + validity};
    VCI_TRY(context_.store.RecordIssuance(record));
    metrics::Global().CountIssuance(configuration->id);
    credentials.push_back({{"credential", std::move(credential)}});
  }

  // Section 11: one notification_id for the credentials of this response, usable while the
  // access token lives.
  VCI_ASSIGN_OR_RETURN(Bytes id_bytes, context_.random.Generate(kNotificationIdBytes));
  std::string notification_id = jose::Base64UrlEncode(id_bytes);
  VCI_TRY(context_.store.InsertNotification(notification_id, offer.offer_id, token.expires_at));
  return nlohmann::json{{"credentials", std::move(credentials)},
                        {"notification_id", std::move(notification_id)}};
}

Result<void> CredentialService::Notify(std::string_view access_token, std::string_view body) {
  int64_t now = context_.clock.NowSeconds();
  VCI_ASSIGN_OR_RETURN(store::AccessTokenRecord token, FindAccessToken(access_token, now));
  nlohmann::json request = http::ParseRequestJson(body);
  auto bad = [](std::string message) {
    return Error(ErrorCode::kInvalidNotificationRequest, std::move(message));
  };
  if (!request.is_object()) {
    return bad("the notification request must be a JSON object");
  }
  auto id = request.find("notification_id");
  auto event = request.find("event");
  if (id == request.end() || !id->is_string() || event == request.end() || !event->is_string()) {
    return bad("notification_id and event are required strings");
  }
  const auto& name = event->get_ref<const std::string&>();
  if (name != "credential_accepted" && name != "credential_failure" &&
      name != "credential_deleted") {
    return bad("event must be credential_accepted, credential_failure or credential_deleted");
  }
  // Section 11.1: event_description is ASCII text without '"' and '\\'.
  if (auto description = request.find("event_description"); description != request.end()) {
    if (!description->is_string() || !IsSafeAsciiText(description->get_ref<const std::string&>())) {
      return bad("event_description must be printable ASCII without quote or backslash");
    }
  }
  return context_.store.RecordNotification(id->get_ref<const std::string&>(), token.offer_id, name,
                                           now);
}

}  // namespace vci::oid4vci
