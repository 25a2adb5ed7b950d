#include "daemon/oid4vci/public_api.h"

#include <cstring>
#include <optional>
#include <variant>

#include "daemon/http/form.h"
#include "daemon/oid4vci/error_response.h"
#include "daemon/oid4vci/metadata.h"
#include "daemon/oid4vci/signed_metadata.h"
#include "daemon/ratelimit/address_limiter.h"

namespace vci::oid4vci {
namespace {

constexpr std::string_view kIssuerWellKnown = "/.well-known/openid-credential-issuer";
constexpr std::string_view kOauthWellKnown = "/.well-known/oauth-authorization-server";
constexpr std::string_view kOidcWellKnown = "/.well-known/openid-configuration";
constexpr std::string_view kJwtVcIssuerWellKnown = "/.well-known/jwt-vc-issuer";
constexpr std::string_view kOfferPrefix = "/credential-offer/";
constexpr size_t kMaxFormParams = 32;

http::HttpResponse MethodNotAllowed(std::string_view allow) {
  http::HttpResponse response =
      ErrorResponse(Error(ErrorCode::kInvalidRequest, "method not allowed on this endpoint"));
  response.status = 405;
  response.headers.emplace_back("Allow", std::string(allow));
  return response;
}

http::HttpResponse NotFound() {
  return ErrorResponse(Error(ErrorCode::kNotFound, "no such resource"));
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         ::strncasecmp(text.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

Result<std::optional<std::string>> BearerToken(const http::HttpRequest& request) {
  std::vector<std::string_view> headers = request.headers.GetAll("Authorization");
  bool in_query = false;
  for (const auto& [name, value] : request.query) {
    in_query = in_query || name == "access_token";
  }
  // RFC 6750 section 2.3 (URI query parameter) is not supported: a token there alone does not
  // count, but a token in both places is the "more than one method" error of section 3.1.
  if (headers.empty()) {
    return std::optional<std::string>();
  }
  if (headers.size() > 1 || in_query) {
    return Error(ErrorCode::kInvalidRequest, "the access token must be sent in one way only");
  }
  std::string_view value = headers.front();
  constexpr std::string_view kScheme = "Bearer ";
  if (!StartsWithIgnoreCase(value, kScheme)) {
    return Error(ErrorCode::kInvalidToken, "the Authorization header must use the Bearer scheme");
  }
  std::string_view token = value.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') {
    token.remove_prefix(1);
  }
  if (token.empty() || token.size() > 512 || token.find(' ') != std::string_view::npos) {
    return Error(ErrorCode::kInvalidToken, "the access token is malformed");
  }
  return std::optional<std::string>(std::string(token));
}

PublicApi::PublicApi(IssuerContext& context)
    : context_(context),
      offers_(context),
      tokens_(context),
      nonces_(context),
      credentials_(context) {}

http::HttpResponse PublicApi::Handle(const http::HttpRequest& request) {
  // Metadata lives at the path-inserted well-known URL (OID4VCI 1.0 section 12.2.2, RFC 8414
  // section 3.1); the endpoints live under the issuer's own path.
  const std::string& prefix = context_.settings.path_prefix;
  std::string_view path = request.path;
  for (std::string_view well_known :
       {kIssuerWellKnown, kOauthWellKnown, kOidcWellKnown, kJwtVcIssuerWellKnown}) {
    if (path.size() == well_known.size() + prefix.size() && path.starts_with(well_known) &&
        path.substr(well_known.size()) == prefix) {
      if (request.method != "GET" && request.method != "HEAD") {
        return MethodNotAllowed("GET");
      }
      std::shared_ptr<const policy::Policy> policy = context_.policy.Get();
      nlohmann::json body;
      if (well_known == kIssuerWellKnown) {
        body = CredentialIssuerMetadata(context_.settings, *policy);
        std::optional<std::string_view> accept = request.headers.Get("Accept");
        if (accept.has_value() && PrefersJwt(*accept)) {
          return SignedIssuerMetadata(std::move(body), *policy);
        }
      } else if (well_known == kJwtVcIssuerWellKnown) {
        body = JwtVcIssuerMetadata(context_.settings, context_.signers);
      } else {
        body = AuthorizationServerMetadata(context_.settings);
      }
      http::HttpResponse response = http::JsonResponse(200, body);
      response.headers.emplace_back("Cache-Control", "public, max-age=300");
      response.headers.emplace_back("Vary", "Accept");
      return response;
    }
  }
  if (!path.starts_with(prefix)) {
    return NotFound();
  }
  return Route(request, path.substr(prefix.size()));
}

http::HttpResponse PublicApi::SignedIssuerMetadata(nlohmann::json metadata,
                                                   const policy::Policy& policy) {
  // The metadata is signed with the key of the first credential configuration: the key that
  // verifiers of this issuer's credentials already trust.
  const RegisteredSigner* signer =
      policy.configurations.empty()
          ? nullptr
          : context_.signers.Find(policy.configurations.front().signing_key);
  if (signer == nullptr) {
    return ErrorResponse(Error(ErrorCode::kInternal, "internal error", "no metadata signing key"));
  }
  Result<std::string> jwt = SignMetadata(std::move(metadata), context_.settings.credential_issuer,
                                         context_.clock.NowSeconds(), *signer);
  if (!jwt.has_value()) {
    return ErrorResponse(jwt.error());
  }
  http::HttpResponse response;
  response.status = 200;
  response.body = std::move(jwt).value();
  response.SetHeader("Content-Type", "application/jwt");
  response.SetHeader("Cache-Control", "public, max-age=300");
  response.SetHeader("Vary", "Accept");
  return response;
}

std::optional<http::HttpResponse> PublicApi::CheckAddressLimit(const http::HttpRequest& request,
                                                               std::string_view path) {
  const IssuerSettings& settings = context_.settings;
  ratelimit::Group group = ratelimit::Group::kToken;
  uint32_t limit = 0;
  if (path == "/token") {
    limit = settings.token_per_minute;
  } else if (path == "/nonce") {
    group = ratelimit::Group::kNonce;
    limit = settings.nonce_per_minute;
  } else if (path == "/credential") {
    group = ratelimit::Group::kCredential;
    limit = settings.credential_per_minute;
  }
  if (limit == 0 || request.method != "POST") {
    return std::nullopt;
  }
  ratelimit::Decision decision =
      ratelimit::Global().Check(group, request.peer_address, context_.clock.NowSeconds(), limit);
  if (decision.allowed) {
    return std::nullopt;
  }
  http::HttpResponse response = ErrorResponse(
      Error(ErrorCode::kResourceExhausted, "too many requests from this address; retry later",
            "per-address limit of " + std::string(path) + " reached"));
  response.SetHeader("Retry-After", std::to_string(decision.retry_after_seconds));
  return response;
}

http::HttpResponse PublicApi::Route(const http::HttpRequest& request, std::string_view path) {
  // Per-address limits on the endpoints that cost the issuer work or state (issue #10).
  if (std::optional<http::HttpResponse> refused = CheckAddressLimit(request, path)) {
    return *std::move(refused);
  }
  if (path == "/token") {
    return request.method == "POST" ? HandleToken(request) : MethodNotAllowed("POST");
  }
  if (path == "/nonce") {
    return request.method == "POST" ? HandleNonce(request) : MethodNotAllowed("POST");
  }
  if (path == "/credential") {
    return request.method == "POST" ? HandleCredential(request) : MethodNotAllowed("POST");
  }
  if (path == "/notification") {
    return request.method == "POST" ? HandleNotification(request) : MethodNotAllowed("POST");
  }
  if (path.starts_with(kOfferPrefix)) {
    if (request.method != "GET") {
      return MethodNotAllowed("GET");
    }
    return HandleOffer(path.substr(kOfferPrefix.size()));
  }
  return NotFound();
}

http::HttpResponse PublicApi::HandleToken(const http::HttpRequest& request) {
  if (!http::IsContentType(request, "application/x-www-form-urlencoded")) {
    return ErrorResponse(Error(ErrorCode::kInvalidRequest,
                               "the token request must be application/x-www-form-urlencoded"));
  }
  Result<FormParams> form = http::ParseFormUrlEncoded(request.body, kMaxFormParams);
  if (!form.has_value()) {
    return ErrorResponse(form.error().Rewrap(ErrorCode::kInvalidRequest, form.error().message()));
  }
  Result<nlohmann::json> answer = tokens_.Exchange(*form);
  if (!answer.has_value()) {
    return ErrorResponse(answer.error());
  }
  return http::JsonResponse(200, *answer);
}

http::HttpResponse PublicApi::HandleNonce(const http::HttpRequest& /*request*/) {
  Result<SecretBytes> nonce = nonces_.Issue();
  if (!nonce.has_value()) {
    return ErrorResponse(nonce.error());
  }
  return http::JsonResponse(200, {{"c_nonce", nonce->RevealAsString()}});
}

std::variant<std::string, http::HttpResponse> PublicApi::AuthorizedJsonRequest(
    const http::HttpRequest& request, ErrorCode bad_body_code) {
  Result<std::optional<std::string>> token = BearerToken(request);
  if (!token.has_value()) {
    return ErrorResponse(token.error());
  }
  if (!token->has_value()) {
    return BearerChallengeResponse();
  }
  if (!http::IsContentType(request, "application/json")) {
    return ErrorResponse(Error(bad_body_code, "the request body must be application/json"));
  }
  return std::move(**token);
}

http::HttpResponse PublicApi::HandleCredential(const http::HttpRequest& request) {
  auto token = AuthorizedJsonRequest(request, ErrorCode::kInvalidCredentialRequest);
  if (auto* refused = std::get_if<http::HttpResponse>(&token)) {
    return std::move(*refused);
  }
  Result<nlohmann::json> answer = credentials_.Issue(std::get<std::string>(token), request.body);
  if (!answer.has_value()) {
    return ErrorResponse(answer.error());
  }
  return http::JsonResponse(200, *answer);
}

http::HttpResponse PublicApi::HandleNotification(const http::HttpRequest& request) {
  auto token = AuthorizedJsonRequest(request, ErrorCode::kInvalidNotificationRequest);
  if (auto* refused = std::get_if<http::HttpResponse>(&token)) {
    return std::move(*refused);
  }
  Result<void> done = credentials_.Notify(std::get<std::string>(token), request.body);
  if (!done.has_value()) {
    return ErrorResponse(done.error());
  }
  http::HttpResponse response;
  response.status = 204;
  return response;
}

http::HttpResponse PublicApi::HandleOffer(std::string_view offer_id) {
  Result<nlohmann::json> offer = offers_.OfferJson(offer_id);
  if (!offer.has_value()) {
    return ErrorResponse(offer.error());
  }
  return http::JsonResponse(200, *offer);
}

}  // namespace vci::oid4vci
