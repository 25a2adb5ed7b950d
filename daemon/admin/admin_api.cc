#include "daemon/admin/admin_api.h"

#include "crypto/ossl/digest.h"
#include "daemon/http/form.h"
#include "daemon/http/json_body.h"
#include "daemon/oid4vci/error_response.h"
#include "daemon/oid4vci/public_api.h"

namespace vci::admin {
namespace {

using oid4vci::ErrorResponse;

nlohmann::json ClaimsJson(const std::vector<policy::ClaimSpec>& specs) {
  nlohmann::json out = nlohmann::json::array();
  for (const policy::ClaimSpec& spec : specs) {
    nlohmann::json entry = {{"name", spec.name},
                            {"type", policy::ClaimTypeName(spec.type)},
                            {"required", spec.required},
                            {"selectively_disclosable", spec.selectively_disclosable}};
    if (!spec.children.empty()) {
      entry["claims"] = ClaimsJson(spec.children);
    }
    if (const policy::ClaimSpec* item = spec.ItemSpec(); item != nullptr) {
      entry["items"] = {{"type", policy::ClaimTypeName(item->type)}};
      if (!item->children.empty()) {
        entry["items"]["claims"] = ClaimsJson(item->children);
      }
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::string_view TxCodeModeName(policy::TxCodeMode mode) {
  switch (mode) {
    case policy::TxCodeMode::kRequired:
      return "required";
    case policy::TxCodeMode::kOptional:
      return "optional";
    case policy::TxCodeMode::kForbidden:
      return "forbidden";
  }
  return "forbidden";
}

Result<oid4vci::CreateOfferRequest> ParseCreateOffer(std::string_view body) {
  nlohmann::json json = http::ParseRequestJson(body);
  if (!json.is_object()) {
    return Error(ErrorCode::kInvalidRequest, "the request body must be a JSON object");
  }
  oid4vci::CreateOfferRequest request;
  auto id = json.find("credential_configuration_id");
  if (id == json.end() || !id->is_string()) {
    return Error(ErrorCode::kInvalidRequest, "credential_configuration_id must be a string");
  }
  request.configuration_id = id->get<std::string>();
  auto claims = json.find("claims");
  if (claims == json.end() || !claims->is_object()) {
    return Error(ErrorCode::kInvalidRequest, "claims must be a JSON object");
  }
  request.claims = *claims;
  if (auto tx = json.find("tx_code"); tx != json.end()) {
    if (!tx->is_boolean()) {
      return Error(ErrorCode::kInvalidRequest, "tx_code must be true or false");
    }
    request.want_tx_code = tx->get<bool>();
  }
  if (auto expires = json.find("expires_in"); expires != json.end()) {
    if (!expires->is_number_integer()) {
      return Error(ErrorCode::kInvalidRequest, "expires_in must be an integer number of seconds");
    }
    request.expires_in = expires->get<int64_t>();
  }
  return request;
}

}  // namespace

nlohmann::json TypesJson(const policy::Policy& policy, const policy::Client& client) {
  nlohmann::json configurations = nlohmann::json::array();
  for (const policy::CredentialConfiguration& configuration : policy.configurations) {
    if (!client.Grants(configuration.id)) {
      continue;
    }
    nlohmann::json display = nlohmann::json::array();
    for (const policy::Display& d : configuration.display) {
      display.push_back({{"locale", d.locale}, {"name", d.name}});
    }
    const policy::TxCodePolicy& tx = configuration.tx_code;
    configurations.push_back(
        {{"id", configuration.id},
         {"format", configuration.format},
         {"vct", configuration.vct},
         {"display", std::move(display)},
         {"tx_code",
          {{"mode", TxCodeModeName(tx.mode)},
           {"input_mode", tx.input_mode == policy::TxCodeInputMode::kText ? "text" : "numeric"},
           {"length", tx.length}}},
         {"claims", ClaimsJson(configuration.claims)}});
  }
  return {{"credential_configurations", std::move(configurations)}};
}

http::HttpResponse AdminApi::Handle(const http::HttpRequest& request) {
  if (request.path == "/healthz") {
    return http::JsonResponse(200, {{"status", "ok"}});
  }

  Result<std::optional<std::string>> token = oid4vci::BearerToken(request);
  if (!token.has_value()) {
    return ErrorResponse(token.error());
  }
  if (!token->has_value()) {
    return oid4vci::BearerChallengeResponse();
  }
  std::shared_ptr<const policy::Policy> policy = context_.policy.Get();
  Result<ossl::Sha256Digest> hash = ossl::Sha256(context_.ossl, AsBytes(**token));
  if (!hash.has_value()) {
    return ErrorResponse(hash.error());
  }
  const policy::Client* client = policy->FindClientByTokenHash(*hash);
  if (client == nullptr) {
    return ErrorResponse(Error(ErrorCode::kInvalidToken, "unknown client token"));
  }

  if (request.path == "/types") {
    if (request.method != "GET") {
      return ErrorResponse(Error(ErrorCode::kInvalidRequest, "use GET"));
    }
    return HandleTypes(*policy, *client);
  }
  if (request.path == "/offers") {
    if (request.method != "POST") {
      return ErrorResponse(Error(ErrorCode::kInvalidRequest, "use POST"));
    }
    return HandleCreateOffer(*policy, *client, request);
  }
  return ErrorResponse(Error(ErrorCode::kNotFound, "no such resource"));
}

http::HttpResponse AdminApi::HandleTypes(const policy::Policy& policy,
                                         const policy::Client& client) {
  return http::JsonResponse(200, TypesJson(policy, client));
}

http::HttpResponse AdminApi::HandleCreateOffer(const policy::Policy& policy,
                                               const policy::Client& client,
                                               const http::HttpRequest& request) {
  if (!http::IsContentType(request, "application/json")) {
    return ErrorResponse(Error(ErrorCode::kInvalidRequest, "the body must be application/json"));
  }
  Result<oid4vci::CreateOfferRequest> parsed = ParseCreateOffer(request.body);
  if (!parsed.has_value()) {
    return ErrorResponse(parsed.error());
  }
  Result<oid4vci::CreatedOffer> created = offers_.Create(policy, client, *parsed);
  if (!created.has_value()) {
    return ErrorResponse(created.error());
  }
  nlohmann::json body = {{"offer_id", created->offer_id},
                         {"credential_offer_uri", created->credential_offer_uri},
                         {"offer_link", created->offer_link},
                         {"expires_at", created->expires_at}};
  if (created->tx_code.has_value()) {
    body["tx_code"] = created->tx_code->RevealAsString();
  }
  return http::JsonResponse(201, body);
}

}  // namespace vci::admin
