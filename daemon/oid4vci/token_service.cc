#include "daemon/oid4vci/token_service.h"

#include <algorithm>
#include <map>
#include <optional>

#include "crypto/jose/base64url.h"
#include "crypto/ossl/digest.h"
#include "daemon/metrics/registry.h"
#include "daemon/oid4vci/error_response.h"
#include "daemon/oid4vci/offer_service.h"
#include "daemon/oid4vci/pre_authorized_code.h"

namespace vci::oid4vci {
namespace {

constexpr size_t kAccessTokenBytes = 32;
constexpr size_t kMaxTxCodeChars = 64;

Error InvalidGrant(std::string detail = {}) {
  return Error(ErrorCode::kInvalidGrant, "the pre-authorized code is invalid, expired or used",
               std::move(detail));
}

// SingleParams indexes the form by name. RFC 6749 section 3.2: parameters sent without a value
// are treated as omitted, and parameters MUST NOT be included more than once.
Result<std::map<std::string_view, std::string_view>> SingleParams(const FormParams& form) {
  std::map<std::string_view, std::string_view> params;
  for (const auto& [name, value] : form) {
    if (value.empty()) {
      continue;
    }
    if (!params.emplace(name, value).second) {
      return Error(ErrorCode::kInvalidRequest, "parameter repeated: " + SafeName(name));
    }
  }
  return params;
}

std::optional<std::string_view> Param(const std::map<std::string_view, std::string_view>& params,
                                      std::string_view name) {
  auto it = params.find(name);
  if (it == params.end()) {
    return std::nullopt;
  }
  return it->second;
}

// Most authorization_details entries one token request may carry.
constexpr size_t kMaxAuthorizationDetails = 8;

Error BadDetails(std::string message) {
  return Error(ErrorCode::kInvalidAuthorizationDetails, std::move(message));
}

}  // namespace

std::string CredentialIdentifierFor(std::string_view configuration_id) {
  return std::string(configuration_id) + ":1";
}

Result<nlohmann::json> AnswerAuthorizationDetails(std::string_view text,
                                                  std::string_view offered_configuration) {
  nlohmann::json details = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!details.is_array() || details.empty() || details.size() > kMaxAuthorizationDetails) {
    return BadDetails("authorization_details must be a JSON array of 1 to 8 objects");
  }
  nlohmann::json answer = nlohmann::json::array();
  for (const nlohmann::json& entry : details) {
    if (!entry.is_object()) {
      return BadDetails("each authorization_details entry must be an object");
    }
    auto type = entry.find("type");
    if (type == entry.end() || !type->is_string() || *type != "openid_credential") {
      return BadDetails("authorization_details entries must have type openid_credential");
    }
    auto id = entry.find("credential_configuration_id");
    if (id == entry.end() || !id->is_string()) {
      return BadDetails("authorization_details needs a credential_configuration_id");
    }
    if (id->get_ref<const std::string&>() != offered_configuration) {
      return BadDetails("authorization_details asks for a configuration the offer does not hold");
    }
    answer.push_back(
        {{"type", "openid_credential"},
         {"credential_configuration_id", offered_configuration},
         {"credential_identifiers", {CredentialIdentifierFor(offered_configuration)}}});
  }
  return answer;
}

Result<void> TokenService::CheckClientId(std::optional<std::string_view> client_id) const {
  const std::vector<std::string>& allowed = context_.settings.allowed_client_ids;
  if (allowed.empty()) {
    return Ok();  // Anonymous access: a client_id, if any, identifies nothing we rely on.
  }
  if (!client_id.has_value() ||
      std::find(allowed.begin(), allowed.end(), *client_id) == allowed.end()) {
    return Error(ErrorCode::kInvalidClient, "this client may not use the token endpoint");
  }
  return Ok();
}

Result<nlohmann::json> TokenService::Exchange(const FormParams& form) {
  VCI_ASSIGN_OR_RETURN(auto params, SingleParams(form));

  std::optional<std::string_view> grant_type = Param(params, "grant_type");
  if (!grant_type.has_value() || grant_type->empty()) {
    return Error(ErrorCode::kInvalidRequest, "grant_type is missing");
  }
  if (*grant_type != kPreAuthorizedGrantType) {
    return Error(ErrorCode::kUnsupportedGrantType,
                 "only the pre-authorized code grant is supported");
  }
  VCI_TRY(CheckClientId(Param(params, "client_id")));

  std::optional<std::string_view> code = Param(params, "pre-authorized_code");
  if (!code.has_value() || code->empty()) {
    return Error(ErrorCode::kInvalidRequest, "pre-authorized_code is missing");
  }

  VCI_ASSIGN_OR_RETURN(Bytes raw_id, VerifyPreAuthorizedCode(context_.mac_keys, *code));
  std::string offer_id = OfferIdToString(raw_id);
  Result<store::OfferRecord> offer = context_.store.GetOffer(offer_id);
  if (!offer.has_value()) {
    return offer.error().code() == ErrorCode::kNotFound ? InvalidGrant("offer is gone")
                                                        : offer.error();
  }
  int64_t now = context_.clock.NowSeconds();
  if (offer->state != store::OfferState::kPending || offer->expires_at <= now) {
    return InvalidGrant("offer is not pending");
  }
  std::shared_ptr<const policy::Policy> policy = context_.policy.Get();
  const policy::CredentialConfiguration* configuration =
      policy->FindConfiguration(offer->configuration_id);
  if (configuration == nullptr) {
    return InvalidGrant("the offer's configuration was removed from the policy");
  }

  // Section 6.3: a missing or unexpected tx_code is invalid_request, a wrong one invalid_grant.
  std::optional<std::string_view> tx_code = Param(params, "tx_code");
  if (offer->tx_code_mac.has_value()) {
    if (!tx_code.has_value()) {
      return Error(ErrorCode::kInvalidRequest, "this offer requires a tx_code");
    }
    MacKey* key = context_.mac_keys.Find(offer->hmac_key_id);
    if (key == nullptr) {
      return InvalidGrant("the offer's HMAC key is not configured");
    }
    // The MAC is computed whatever the length, so a wrong length takes as long as a wrong code.
    std::string_view presented = tx_code->substr(0, kMaxTxCodeChars);
    VCI_ASSIGN_OR_RETURN(Bytes mac, TxCodeMac(*key, raw_id, presented));
    if (!ConstantTimeEquals(mac, *offer->tx_code_mac) || tx_code->size() > kMaxTxCodeChars) {
      auto max_attempts = static_cast<int>(configuration->tx_code.max_attempts);
      Result<int> failures = context_.store.RecordFailedTxCode(offer_id, max_attempts);
      if (!failures.has_value() && failures.error().code() != ErrorCode::kInvalidGrant) {
        return failures.error();
      }
      if (failures.has_value() && *failures == max_attempts) {
        metrics::Global().CountTxCodeLockout();  // This wrong tx_code invalidated the offer.
      }
      return Error(ErrorCode::kInvalidGrant, "the tx_code is wrong", "wrong tx_code");
    }
  } else if (tx_code.has_value()) {
    return Error(ErrorCode::kInvalidRequest, "this offer does not use a tx_code");
  }

  // Section 6.1: authorization_details of type openid_credential ask for one configuration of
  // the offer; the answer names it with a credential identifier that the credential request
  // must then use.
  std::optional<nlohmann::json> authorization_details;
  if (std::optional<std::string_view> details = Param(params, "authorization_details")) {
    VCI_ASSIGN_OR_RETURN(authorization_details,
                         AnswerAuthorizationDetails(*details, offer->configuration_id));
  }

  VCI_ASSIGN_OR_RETURN(Bytes token_bytes, context_.random.Generate(kAccessTokenBytes));
  SecretBytes access_token = SecretBytes::FromString(jose::Base64UrlEncode(token_bytes));
  WipeMemory(token_bytes.data(), token_bytes.size());
  VCI_ASSIGN_OR_RETURN(auto token_hash, ossl::Sha256(context_.ossl, access_token.Reveal()));

  int64_t lifetime =
      policy->issuer.access_token_lifetime.value_or(context_.settings.access_token_lifetime)
          .count();
  store::AccessTokenRecord record;
  record.token_hash.assign(token_hash.begin(), token_hash.end());
  record.offer_id = offer_id;
  record.configuration_id = offer->configuration_id;
  if (authorization_details.has_value()) {
    record.credential_identifier = CredentialIdentifierFor(offer->configuration_id);
  }
  record.expires_at = now + lifetime;
  VCI_TRY(context_.store.RedeemOffer(offer_id, now, record));

  nlohmann::json response = {{"access_token", access_token.RevealAsString()},
                             {"token_type", "Bearer"},
                             {"expires_in", lifetime}};
  if (authorization_details.has_value()) {
    response["authorization_details"] = std::move(*authorization_details);
  }
  return response;
}

}  // namespace vci::oid4vci
