#include "daemon/oid4vci/offer_service.h"

#include "daemon/oid4vci/error_response.h"
#include "daemon/oid4vci/pre_authorized_code.h"
#include "policy/claim_validator.h"

namespace vci::oid4vci {
namespace {

// Offers shorter than this could expire before a person has scanned the QR code.
constexpr int64_t kMinOfferLifetimeSeconds = 30;

// Text-mode tx_codes avoid characters people confuse when they read them aloud (0/O, 1/l/I).
constexpr std::string_view kTextTxCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
constexpr std::string_view kNumericTxCodeAlphabet = "0123456789";

std::string_view InputModeName(policy::TxCodeInputMode mode) {
  return mode == policy::TxCodeInputMode::kText ? "text" : "numeric";
}

}  // namespace

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0f]);
    }
  }
  return out;
}

std::string OfferService::OfferUri(std::string_view offer_id) const {
  return context_.settings.credential_issuer + "/credential-offer/" + std::string(offer_id);
}

Result<SecretBytes> OfferService::GenerateTxCode(const policy::TxCodePolicy& tx_policy) {
  std::string_view alphabet = tx_policy.input_mode == policy::TxCodeInputMode::kText
                                  ? kTextTxCodeAlphabet
                                  : kNumericTxCodeAlphabet;
  // Rejection sampling keeps every character equally likely.
  // The limit is 256 itself when the alphabet size divides 256, so it is no uint8_t.
  const unsigned limit = 256U - static_cast<unsigned>(256 % alphabet.size());
  SecretBytes code(tx_policy.length);
  std::span<uint8_t> out = code.MutableSpan();
  size_t filled = 0;
  uint8_t byte = 0;
  while (filled < out.size()) {
    VCI_TRY(context_.random.Fill(std::span<uint8_t>(&byte, 1)));
    if (byte < limit) {
      out[filled++] = static_cast<uint8_t>(alphabet[byte % alphabet.size()]);
    }
  }
  WipeMemory(&byte, sizeof(byte));
  return code;
}

Result<void> OfferService::CheckRate(const policy::Client& client) {
  if (!client.offers_per_minute.has_value()) {
    return Ok();
  }
  constexpr int64_t kWindowSeconds = 60;
  int64_t now = context_.clock.NowSeconds();
  int64_t window = now - now % kWindowSeconds;
  VCI_ASSIGN_OR_RETURN(int64_t count, context_.store.CountOffer(client.name, window));
  if (count > static_cast<int64_t>(*client.offers_per_minute)) {
    return Error(ErrorCode::kResourceExhausted,
                 "this client made more offers this minute than its policy allows",
                 "offers_per_minute of client " + client.name + " reached");
  }
  return Ok();
}

Result<int64_t> OfferService::OfferLifetime(const policy::CredentialConfiguration& configuration,
                                            const CreateOfferRequest& request) const {
  const policy::OfferLifetimePolicy& bounds = configuration.offer_lifetime;
  int64_t max_lifetime = bounds.max_lifetime.value_or(context_.settings.offer_lifetime).count();
  int64_t lifetime = request.expires_in.value_or(
      bounds.default_lifetime
          .value_or(std::min(context_.settings.offer_lifetime, std::chrono::seconds(max_lifetime)))
          .count());
  if (lifetime < kMinOfferLifetimeSeconds || lifetime > max_lifetime) {
    return Error(ErrorCode::kInvalidRequest,
                 "expires_in must be between " + std::to_string(kMinOfferLifetimeSeconds) +
                     " and " + std::to_string(max_lifetime) + " seconds for configuration '" +
                     configuration.id + "'");
  }
  return lifetime;
}

Result<OfferService::CredentialTimes> OfferService::RequestedTimes(
    const policy::Policy& policy, const policy::CredentialConfiguration& configuration,
    const CreateOfferRequest& request) const {
  CredentialTimes times;
  if (request.credential_validity.has_value()) {
    // At least twice the timestamp granularity, as the policy checker demands of every default.
    int64_t min = 2 * policy.issuer.timestamp_granularity.count();
    int64_t max = configuration.max_validity.count();
    if (*request.credential_validity < min || *request.credential_validity > max) {
      return Error(ErrorCode::kInvalidRequest,
                   "credential_validity must be between " + std::to_string(min) + " and " +
                       std::to_string(max) + " seconds (validity.maximum of configuration '" +
                       configuration.id + "')");
    }
    times.validity = *request.credential_validity;
  }
  if (request.credential_not_before.has_value()) {
    int64_t now = context_.clock.NowSeconds();
    int64_t latest = now + configuration.max_not_before.count();
    if (configuration.max_not_before.count() == 0) {
      return Error(ErrorCode::kInvalidRequest,
                   "credential_not_before is not allowed: configuration '" + configuration.id +
                       "' sets no validity.not_before");
    }
    if (*request.credential_not_before < now || *request.credential_not_before > latest) {
      return Error(ErrorCode::kInvalidRequest,
                   "credential_not_before must lie between now and " +
                       std::to_string(configuration.max_not_before.count()) +
                       " seconds from now (validity.not_before of configuration '" +
                       configuration.id + "')");
    }
    times.not_before = *request.credential_not_before;
  }
  return times;
}

Result<CreatedOffer> OfferService::Create(const policy::Policy& policy,
                                          const policy::Client& client,
                                          const CreateOfferRequest& request) {
  Result<CreatedOffer> created = CreateUnaudited(policy, client, request);
  store::AuditEvent event;
  event.at = context_.clock.NowSeconds();
  event.detail = "client=" + client.name + " configuration=" + SafeName(request.configuration_id);
  if (created.has_value()) {
    event.kind = "offer.created";
    event.offer_id = created->offer_id;
  } else {
    // The refusal names the rule (claim name and constraint), never a claim's value.
    event.kind = "offer.refused";
    event.detail += " error=" + std::string(ErrorCodeName(created.error().code())) + " rule=\"" +
                    created.error().message() + "\"";
  }
  if (Result<void> audited = context_.store.AppendAudit(event); !audited.has_value()) {
    // An offer the trail cannot record is not made: the audit trail must be complete.
    return created.has_value() ? Result<CreatedOffer>(audited.error()) : created;
  }
  return created;
}

Result<CreatedOffer> OfferService::CreateUnaudited(const policy::Policy& policy,
                                                   const policy::Client& client,
                                                   const CreateOfferRequest& request) {
  const policy::CredentialConfiguration* configuration =
      policy.FindConfiguration(request.configuration_id);
  if (configuration == nullptr || !client.Grants(request.configuration_id)) {
    // An unknown configuration and one the client may not offer look alike to the client, so
    // that a client cannot probe which configurations exist.
    return Error(ErrorCode::kPermissionDenied,
                 "this client may not offer credential configuration '" +
                     SafeName(request.configuration_id) + "'");
  }
  if (request.claims.is_object()) {
    for (const auto& [name, value] : request.claims.items()) {
      if (!client.MaySet(name)) {
        return Error(ErrorCode::kPermissionDenied,
                     "claim '" + SafeName(name) + "': this client may not set it");
      }
    }
  }
  VCI_TRY(policy::ValidateClaims(*configuration, request.claims));
  VCI_TRY(CheckRate(client));

  const policy::TxCodePolicy& tx_policy = configuration->tx_code;
  bool with_tx_code = tx_policy.mode == policy::TxCodeMode::kRequired ||
                      (tx_policy.mode == policy::TxCodeMode::kOptional && request.want_tx_code);
  if (request.want_tx_code && tx_policy.mode == policy::TxCodeMode::kForbidden) {
    return Error(ErrorCode::kInvalidRequest,
                 "the policy forbids a tx_code for this credential configuration");
  }

  VCI_ASSIGN_OR_RETURN(int64_t lifetime, OfferLifetime(*configuration, request));
  VCI_ASSIGN_OR_RETURN(CredentialTimes times, RequestedTimes(policy, *configuration, request));

  VCI_ASSIGN_OR_RETURN(Bytes raw_id, context_.random.Generate(kOfferIdBytes));
  MacKey& mac_key = context_.mac_keys.Current();
  int64_t now = context_.clock.NowSeconds();

  store::OfferRecord record;
  record.offer_id = OfferIdToString(raw_id);
  record.client = client.name;
  record.configuration_id = configuration->id;
  record.claims_json = policy::WithFixedClaims(*configuration, request.claims).dump();
  ByteView key_id = mac_key.KeyId();
  record.hmac_key_id.assign(key_id.begin(), key_id.end());
  record.created_at = now;
  record.expires_at = now + lifetime;
  record.credential_validity = times.validity;
  record.credential_not_before = times.not_before;

  CreatedOffer created;
  if (with_tx_code) {
    VCI_ASSIGN_OR_RETURN(SecretBytes tx_code, GenerateTxCode(tx_policy));
    VCI_ASSIGN_OR_RETURN(Bytes mac, TxCodeMac(mac_key, raw_id, tx_code.RevealAsString()));
    record.tx_code_mac = std::move(mac);
    record.tx_code_input_mode = std::string(InputModeName(tx_policy.input_mode));
    record.tx_code_length = static_cast<int>(tx_policy.length);
    record.tx_code_description = tx_policy.description;
    created.tx_code = std::move(tx_code);
  }
  VCI_TRY(context_.store.InsertOffer(record));

  created.offer_id = record.offer_id;
  created.credential_offer_uri = OfferUri(record.offer_id);
  created.offer_link = "openid-credential-offer://?credential_offer_uri=" +
                       PercentEncode(created.credential_offer_uri);
  created.expires_at = record.expires_at;
  return created;
}

Result<nlohmann::json> OfferService::OfferJson(std::string_view offer_id) {
  VCI_ASSIGN_OR_RETURN(Bytes raw_id, OfferIdFromString(offer_id));
  VCI_ASSIGN_OR_RETURN(store::OfferRecord offer, context_.store.GetOffer(offer_id));
  if (offer.state != store::OfferState::kPending ||
      offer.expires_at <= context_.clock.NowSeconds()) {
    return Error(ErrorCode::kNotFound, "unknown offer", "offer is no longer pending");
  }
  MacKey* key = context_.mac_keys.Find(offer.hmac_key_id);
  if (key == nullptr) {
    return Error(ErrorCode::kNotFound, "unknown offer", "the offer's HMAC key is not configured");
  }
  VCI_ASSIGN_OR_RETURN(SecretBytes code, DerivePreAuthorizedCode(*key, raw_id));

  nlohmann::json grant = {{"pre-authorized_code", code.RevealAsString()}};
  if (offer.tx_code_mac.has_value()) {
    nlohmann::json tx_code = {{"input_mode", offer.tx_code_input_mode},
                              {"length", offer.tx_code_length}};
    if (!offer.tx_code_description.empty()) {
      tx_code["description"] = offer.tx_code_description;
    }
    grant["tx_code"] = std::move(tx_code);
  }
  return nlohmann::json{
      {"credential_issuer", context_.settings.credential_issuer},
      {"credential_configuration_ids", nlohmann::json::array({offer.configuration_id})},
      {"grants", {{kPreAuthorizedGrantType, std::move(grant)}}}};
}

}  // namespace vci::oid4vci
