#include "console/oidc_client.h"

#include "console/http_fetch.h"
#include "console/id_token.h"
#include "crypto/base/random.h"
#include "crypto/jose/base64url.h"
#include "crypto/ossl/digest.h"

namespace vci::console {
namespace {

Result<nlohmann::json> FetchJson(const std::string& url) {
  FetchRequest request;
  request.url = url;
  request.headers = {"Accept: application/json"};
  VCI_ASSIGN_OR_RETURN(FetchReply reply, Fetch(request));
  nlohmann::json json = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (reply.status != 200 || !json.is_object()) {
    return Error(ErrorCode::kUnavailable, "the identity provider is unavailable",
                 "HTTP " + std::to_string(reply.status) + " from " + url);
  }
  return json;
}

std::string StringMember(const nlohmann::json& json, std::string_view name) {
  auto it = json.find(name);
  return it != json.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Result<std::string> NewRandomToken() {
  CsprngRandom random;
  VCI_ASSIGN_OR_RETURN(Bytes bytes, random.Generate(32));
  return jose::Base64UrlEncode(bytes);
}

Result<LoginRequest> NewLoginRequest() {
  LoginRequest login;
  VCI_ASSIGN_OR_RETURN(login.state, NewRandomToken());
  VCI_ASSIGN_OR_RETURN(login.nonce, NewRandomToken());
  VCI_ASSIGN_OR_RETURN(login.code_verifier, NewRandomToken());
  return login;
}

Result<std::string> CodeChallengeS256(const ossl::Context& ossl, std::string_view verifier) {
  VCI_ASSIGN_OR_RETURN(ossl::Sha256Digest digest, ossl::Sha256(ossl, AsBytes(verifier)));
  return jose::Base64UrlEncode(digest);
}

OidcClient::OidcClient(const ConsoleConfig& config, std::string client_secret,
                       const ossl::Context& ossl, const Clock& clock)
    : config_(config), client_secret_(std::move(client_secret)), ossl_(ossl), clock_(clock) {}

std::string OidcClient::RedirectUri() const {
  return config_.public_url + "/callback";
}

Result<ProviderEndpoints> OidcClient::Endpoints() {
  std::lock_guard lock(mutex_);
  int64_t now = clock_.NowSeconds();
  if (endpoints_.has_value() && now - endpoints_fetched_at_ < config_.jwks_cache.count()) {
    return *endpoints_;
  }
  VCI_ASSIGN_OR_RETURN(nlohmann::json doc,
                       FetchJson(config_.oidc_issuer + "/.well-known/openid-configuration"));
  // OpenID Connect Discovery 1.0 section 4.3: the issuer must be exactly the one configured.
  if (StringMember(doc, "issuer") != config_.oidc_issuer) {
    return Error(ErrorCode::kUnavailable, "the identity provider is misconfigured",
                 "the discovery document names another issuer");
  }
  ProviderEndpoints endpoints{StringMember(doc, "authorization_endpoint"),
                              StringMember(doc, "token_endpoint"), StringMember(doc, "jwks_uri"),
                              StringMember(doc, "end_session_endpoint")};
  if (endpoints.authorization_endpoint.empty() || endpoints.token_endpoint.empty() ||
      endpoints.jwks_uri.empty()) {
    return Error(ErrorCode::kUnavailable, "the identity provider is misconfigured",
                 "the discovery document lacks an endpoint");
  }
  endpoints_ = endpoints;
  endpoints_fetched_at_ = now;
  return endpoints;
}

Result<nlohmann::json> OidcClient::Jwks(bool refresh) {
  VCI_ASSIGN_OR_RETURN(ProviderEndpoints endpoints, Endpoints());
  std::lock_guard lock(mutex_);
  int64_t now = clock_.NowSeconds();
  // A refresh for an unknown kid is allowed once every 10 seconds, so a forged kid cannot make
  // the console hammer the provider.
  bool stale = now - jwks_fetched_at_ >= config_.jwks_cache.count() ||
               (refresh && now - jwks_fetched_at_ >= 10);
  if (jwks_.is_object() && !stale) {
    return jwks_;
  }
  VCI_ASSIGN_OR_RETURN(jwks_, FetchJson(endpoints.jwks_uri));
  jwks_fetched_at_ = now;
  return jwks_;
}

Result<std::string> OidcClient::AuthorizationUrl(const LoginRequest& login) {
  VCI_ASSIGN_OR_RETURN(ProviderEndpoints endpoints, Endpoints());
  VCI_ASSIGN_OR_RETURN(std::string challenge, CodeChallengeS256(ossl_, login.code_verifier));
  std::string separator =
      endpoints.authorization_endpoint.find('?') == std::string::npos ? "?" : "&";
  return endpoints.authorization_endpoint + separator +
         FormEncode({{"response_type", "code"},
                     {"client_id", config_.oidc_client_id},
                     {"redirect_uri", RedirectUri()},
                     {"scope", config_.oidc_scope},
                     {"state", login.state},
                     {"nonce", login.nonce},
                     {"code_challenge", challenge},
                     {"code_challenge_method", "S256"}});
}

Result<nlohmann::json> OidcClient::Redeem(const std::string& code, const LoginRequest& login) {
  VCI_ASSIGN_OR_RETURN(ProviderEndpoints endpoints, Endpoints());
  FetchRequest request;
  request.method = "POST";
  request.url = endpoints.token_endpoint;
  request.headers = {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"};
  request.body = FormEncode({{"grant_type", "authorization_code"},
                             {"code", code},
                             {"redirect_uri", RedirectUri()},
                             {"code_verifier", login.code_verifier},
                             {"client_id", config_.oidc_client_id},
                             {"client_secret", client_secret_}});
  VCI_ASSIGN_OR_RETURN(FetchReply reply, Fetch(request));
  nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (reply.status != 200 || !body.is_object() || !body.contains("id_token") ||
      !body["id_token"].is_string()) {
    return Error(ErrorCode::kUnauthenticated, "the identity provider refused the login",
                 "token endpoint answered HTTP " + std::to_string(reply.status));
  }
  std::string id_token = body["id_token"].get<std::string>();
  IdTokenExpectations expect{config_.oidc_issuer, config_.oidc_client_id, login.nonce,
                             clock_.NowSeconds()};
  VCI_ASSIGN_OR_RETURN(nlohmann::json jwks, Jwks(/*refresh=*/false));
  Result<nlohmann::json> claims = VerifyIdToken(ossl_, id_token, jwks, expect);
  if (!claims.has_value() && claims.error().detail().find("kid") != std::string::npos) {
    // The provider may have rotated its keys since the JWKS was cached.
    VCI_ASSIGN_OR_RETURN(jwks, Jwks(/*refresh=*/true));
    claims = VerifyIdToken(ossl_, id_token, jwks, expect);
  }
  return claims;
}

std::string OidcClient::EndSessionUrl(const std::string& post_logout) {
  Result<ProviderEndpoints> endpoints = Endpoints();
  if (!endpoints.has_value() || endpoints->end_session_endpoint.empty()) {
    return "";
  }
  return endpoints->end_session_endpoint + "?" +
         FormEncode(
             {{"client_id", config_.oidc_client_id}, {"post_logout_redirect_uri", post_logout}});
}

}  // namespace vci::console
