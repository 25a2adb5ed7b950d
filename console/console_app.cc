#include "console/console_app.h"

#include "console/pages.h"
#include "console/responses.h"
#include "crypto/ossl/digest.h"
#include "daemon/systemd/log.h"

namespace vci::console {
namespace {

using systemd::LogLevel;

// Origin returns scheme://host[:port] of `url`.
std::string Origin(const std::string& url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return url;
  }
  return url.substr(0, url.find('/', scheme_end + 3));
}

std::optional<std::string> CookieValue(const http::HttpRequest& request, std::string_view name) {
  for (std::string_view header : request.headers.GetAll("Cookie")) {
    while (!header.empty()) {
      size_t end = header.find(';');
      std::string_view pair = header.substr(0, end);
      header = end == std::string_view::npos ? "" : header.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') {
        pair.remove_prefix(1);
      }
      if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
        return std::string(pair.substr(name.size() + 1));
      }
    }
  }
  return std::nullopt;
}

std::string SessionCookie(const std::string& id) {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; Secure; HttpOnly; SameSite=Lax";
}

std::string ExpiredCookie() {
  return std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0";
}

std::string QueryParam(const http::HttpRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.query) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

std::string SubjectHash(const ossl::Context& ossl, const nlohmann::json& claims) {
  std::string who = claims.value("iss", "") + " " + claims.value("sub", "");
  Result<ossl::Sha256Digest> digest = ossl::Sha256(ossl, AsBytes(who));
  return digest.has_value() ? ToHex(*digest) : "";
}

}  // namespace

ConsoleApp::ConsoleApp(const ConsoleConfig& config, const policy::ConsoleRules& rules,
                       OidcClient& oidc, DaemonClient& daemon, const Mailer* mailer,
                       SessionStore& sessions, const ossl::Context& ossl)
    : config_(config),
      rules_(rules),
      oidc_(oidc),
      daemon_(daemon),
      mailer_(mailer),
      sessions_(sessions),
      ossl_(ossl) {}

http::HttpResponse ConsoleApp::Handle(const http::HttpRequest& request) {
  Context ctx;
  ctx.lang = PickLang(request.headers.Get("Accept-Language").value_or(""));
  if (std::optional<std::string> id = CookieValue(request, kSessionCookie)) {
    ctx.session = sessions_.Get(*id);
    if (ctx.session.has_value()) {
      ctx.session_id = *id;
    }
  }
  http::HttpResponse response = Route(ctx, request);
  response.SetHeader("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; "
                     "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                     "frame-ancestors 'none'; form-action 'self' " +
                         Origin(config_.oidc_issuer));
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  return response;
}

http::HttpResponse ConsoleApp::Route(Context& ctx, const http::HttpRequest& request) {
  const std::string& path = request.path;
  bool get = request.method == "GET" || request.method == "HEAD";
  if (get && (path == "/static/console.css" || path == "/static/status.js")) {
    bool css = path.ends_with(".css");
    http::HttpResponse response;
    response.body = std::string(css ? kConsoleCss : kStatusJs);
    response.SetHeader("Content-Type",
                       css ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
    response.SetHeader("Cache-Control", "public, max-age=300");
    return response;
  }
  if (get && path == "/login") {
    return Login(ctx);
  }
  if (get && path == "/callback") {
    return Callback(ctx, request);
  }
  if (get && path == "/logged-out") {
    return HtmlResponse(200, LoggedOutPage(ctx.lang));
  }
  if (request.method == "POST" && path == "/logout") {
    return Logout(ctx, request);
  }
  bool authenticated = ctx.session.has_value() && ctx.session->authenticated;
  if (!authenticated) {
    // Not logged in (or the session expired): pages lead to the login; nothing else is served.
    if (get && !path.ends_with("/status")) {
      return Redirect("/login");
    }
    return HtmlResponse(403, ErrorPage(ctx.lang, "error.login", /*offer_login=*/true));
  }
  if (get && path == "/") {
    return Types(ctx);
  }
  if (request.method == "POST" && path == "/offers") {
    return CreateOffer(ctx, request);
  }
  if (get && path.starts_with("/offer/")) {
    std::string rest = path.substr(7);
    if (rest.ends_with("/status")) {
      return OfferStatus(ctx, rest.substr(0, rest.size() - 7));
    }
    return ShowOffer(ctx, rest);
  }
  return HtmlResponse(404, ErrorPage(ctx.lang, "error.not_found", false));
}

http::HttpResponse ConsoleApp::Login(Context& ctx) {
  if (ctx.session.has_value() && ctx.session->authenticated) {
    return Redirect("/");
  }
  if (!ctx.session_id.empty()) {
    sessions_.Erase(ctx.session_id);
  }
  Result<LoginRequest> login = NewLoginRequest();
  Result<std::string> url =
      login.has_value() ? oidc_.AuthorizationUrl(*login) : Result<std::string>(login.error());
  if (!url.has_value()) {
    systemd::DefaultLogger().Log(
        LogLevel::kErr, "cannot start a login",
        {{"ERROR", url.error().message()}, {"DETAIL", url.error().detail()}});
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  Session pre_login;
  pre_login.login = *login;
  Result<std::string> id = sessions_.Create(std::move(pre_login));
  if (!id.has_value()) {
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  http::HttpResponse response = Redirect(*url);
  response.AddHeader("Set-Cookie", SessionCookie(*id));
  return response;
}

http::HttpResponse ConsoleApp::Callback(Context& ctx, const http::HttpRequest& request) {
  // Whatever happens, this session's login request is used up: a replayed or forged callback
  // finds none, and ends whatever session it came with.
  std::optional<LoginRequest> login;
  if (ctx.session.has_value()) {
    login = ctx.session->login;
    sessions_.Erase(ctx.session_id);
  }
  auto refuse = [&](std::string_view why) {
    systemd::DefaultLogger().Log(LogLevel::kWarning, "login refused", {{"REASON", why}});
    http::HttpResponse response =
        HtmlResponse(400, ErrorPage(ctx.lang, "error.login", /*offer_login=*/true));
    response.AddHeader("Set-Cookie", ExpiredCookie());
    return response;
  };
  if (!login.has_value()) {
    return refuse("no login in progress for this browser");
  }
  if (!SameSecret(QueryParam(request, "state"), login->state)) {
    return refuse("state does not match");
  }
  std::string code = QueryParam(request, "code");
  if (code.empty()) {
    return refuse("the provider returned no code");
  }
  Result<nlohmann::json> claims = oidc_.Redeem(code, *login);
  if (!claims.has_value()) {
    return refuse(claims.error().detail().empty() ? claims.error().message()
                                                  : claims.error().detail());
  }
  Session session;
  session.authenticated = true;
  session.id_claims = *claims;
  session.subject_hash = SubjectHash(ossl_, *claims);
  Result<std::string> csrf = NewRandomToken();
  if (csrf.has_value()) {
    session.csrf_token = *csrf;
  }
  // A new session id after login: a session id planted before the login is worth nothing.
  Result<std::string> id =
      csrf.has_value() ? sessions_.Create(session) : Result<std::string>(csrf.error());
  if (!id.has_value()) {
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  systemd::DefaultLogger().Log(LogLevel::kInfo, "login", {{"SUBJECT_HASH", session.subject_hash}});
  http::HttpResponse response = Redirect("/");
  response.AddHeader("Set-Cookie", SessionCookie(*id));
  return response;
}

http::HttpResponse ConsoleApp::Logout(Context& ctx, const http::HttpRequest& request) {
  if (!ctx.session.has_value() || !ctx.session->authenticated) {
    return Redirect("/logged-out");
  }
  std::string csrf = FormFields(request)["csrf"];
  if (!SameSecret(csrf, ctx.session->csrf_token)) {
    return HtmlResponse(403, ErrorPage(ctx.lang, "error.forbidden", false));
  }
  sessions_.Erase(ctx.session_id);
  systemd::DefaultLogger().Log(LogLevel::kInfo, "logout",
                               {{"SUBJECT_HASH", ctx.session->subject_hash}});
  std::string end_session = oidc_.EndSessionUrl(config_.public_url + "/logged-out");
  http::HttpResponse response = Redirect(end_session.empty() ? "/logged-out" : end_session);
  response.AddHeader("Set-Cookie", ExpiredCookie());
  return response;
}

}  // namespace vci::console
