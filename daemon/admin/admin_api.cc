#include "daemon/admin/admin_api.h"

#include <variant>

#include "crypto/ossl/digest.h"
#include "daemon/admin/offer_status_api.h"
#include "daemon/http/form.h"
#include "daemon/http/json_body.h"
#include "daemon/metrics/readiness.h"
#include "daemon/oid4vci/error_response.h"
#include "daemon/oid4vci/public_api.h"
#include "policy/client_parser.h"

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
  // Optional integers: the offer's lifetime, and the credential's validity and not-before time.
  for (auto [name, target] : {std::pair{"expires_in", &request.expires_in},
                              std::pair{"credential_validity", &request.credential_validity},
                              std::pair{"credential_not_before", &request.credential_not_before}}) {
    if (auto value = json.find(name); value != json.end()) {
      if (!value->is_number_integer()) {
        return Error(ErrorCode::kInvalidRequest,
                     std::string(name) + " must be an integer number of seconds");
      }
      *target = value->get<int64_t>();
    }
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
      nlohmann::json entry = {{"locale", d.locale}, {"name", d.name}};
      if (d.logo.has_value()) {
        entry["logo"] = {{"uri", d.logo->uri}, {"alt_text", d.logo->alt_text}};
      }
      display.push_back(std::move(entry));
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
         {"validity",
          {{"default", configuration.validity.count()},
           {"maximum", configuration.max_validity.count()},
           {"not_before", configuration.max_not_before.count()}}},
         {"holder_binding", configuration.holder_binding},
         {"claims", ClaimsJson(configuration.claims)}});
  }
  return {{"credential_configurations", std::move(configurations)}};
}

http::HttpResponse AdminApi::Handle(const http::HttpRequest& request) {
  // The probes answer without a bearer token: the admin listener is private.
  if (std::optional<http::HttpResponse> probe = metrics::HandleProbe(request, readiness_)) {
    return std::move(*probe);
  }

  std::shared_ptr<const policy::Policy> policy = context_.policy.Get();
  std::variant<const policy::Client*, http::HttpResponse> authenticated =
      Authenticate(*policy, request);
  if (auto* refusal = std::get_if<http::HttpResponse>(&authenticated)) {
    return std::move(*refusal);
  }
  const policy::Client* client = std::get<const policy::Client*>(authenticated);

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
  if (std::optional<OfferPath> offer = ParseOfferPath(request.path)) {
    return HandleOfferPath(context_, *client, request, *offer);
  }
  return ErrorResponse(Error(ErrorCode::kNotFound, "no such resource"));
}

std::variant<const policy::Client*, http::HttpResponse> AdminApi::Authenticate(
    const policy::Policy& policy, const http::HttpRequest& request) {
  Result<std::optional<std::string>> token = oid4vci::BearerToken(request);
  if (!token.has_value()) {
    return ErrorResponse(token.error());
  }
  const policy::Client* by_token = nullptr;
  if (token->has_value()) {
    Result<ossl::Sha256Digest> hash = ossl::Sha256(context_.ossl, AsBytes(**token));
    if (!hash.has_value()) {
      return ErrorResponse(hash.error());
    }
    by_token = policy.FindClientByTokenHash(*hash);
    if (by_token == nullptr) {
      return ErrorResponse(Error(ErrorCode::kInvalidToken, "unknown client token"));
    }
  }
  // A TLS client certificate that verified against [tls.admin] client_ca names a client by its
  // SHA-256; with a bearer token as well, both must name the same client.
  const policy::Client* by_certificate = nullptr;
  if (!request.client_certificate_sha256.empty()) {
    std::optional<Bytes> hash = policy::DecodeSha256Hex(request.client_certificate_sha256);
    by_certificate = hash ? policy.FindClientByCertificateHash(*hash) : nullptr;
  }
  if (by_token != nullptr && by_certificate != nullptr && by_token != by_certificate) {
    return ErrorResponse(Error(ErrorCode::kInvalidToken,
                               "the bearer token and the client certificate name different "
                               "clients"));
  }
  if (by_token != nullptr) {
    return by_token;
  }
  if (by_certificate != nullptr) {
    return by_certificate;
  }
  return oid4vci::BearerChallengeResponse();
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
