// ConsoleApp's pages for a logged-in person: the types they may obtain, creating an offer, the
// offer page with its QR code and the offer's live status.
#include <ctime>

#include "console/console_app.h"
#include "console/pages.h"
#include "console/qr_svg.h"
#include "console/responses.h"
#include "daemon/systemd/log.h"

namespace vci::console {
namespace {

using systemd::LogLevel;

// DisplayName picks the configuration's display entry for `lang`, then English, then the first.
std::pair<std::string, const nlohmann::json*> DisplayFor(const nlohmann::json& configuration,
                                                         Lang lang) {
  const nlohmann::json* chosen = nullptr;
  const nlohmann::json& display = configuration["display"];
  for (std::string_view want : {LangTag(lang), std::string_view("en")}) {
    for (const nlohmann::json& entry : display) {
      std::string locale = entry.value("locale", "");
      if (chosen == nullptr && locale.substr(0, 2) == want) {
        chosen = &entry;
      }
    }
  }
  if (chosen == nullptr && display.is_array() && !display.empty()) {
    chosen = &display[0];
  }
  std::string name = chosen != nullptr ? chosen->value("name", "") : "";
  return {name.empty() ? configuration.value("id", "") : name, chosen};
}

std::string UtcTime(int64_t seconds) {
  std::time_t t = seconds;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char text[32];
  if (std::strftime(text, sizeof(text), "%H:%M UTC", &tm) == 0) {
    return "";
  }
  return text;
}

// ConfigurationsById returns the daemon's /types answer keyed by configuration id.
Result<std::map<std::string, nlohmann::json>> DaemonTypes(DaemonClient& daemon) {
  VCI_ASSIGN_OR_RETURN(nlohmann::json types, daemon.Types());
  std::map<std::string, nlohmann::json> out;
  for (const nlohmann::json& configuration : types["credential_configurations"]) {
    out[configuration.value("id", "")] = configuration;
  }
  return out;
}

}  // namespace

http::HttpResponse ConsoleApp::Types(Context& ctx) {
  Result<std::map<std::string, nlohmann::json>> offered = DaemonTypes(daemon_);
  if (!offered.has_value()) {
    systemd::DefaultLogger().Log(LogLevel::kErr, "cannot list types",
                                 {{"DETAIL", offered.error().detail()}});
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  std::vector<TypeChoice> choices;
  for (const policy::ConsoleGrant* grant : rules_.Matching(ctx.session->id_claims)) {
    auto configuration = offered->find(grant->configuration);
    if (configuration == offered->end()) {
      continue;  // the daemon's policy does not let the console offer it
    }
    auto [name, display] = DisplayFor(configuration->second, ctx.lang);
    TypeChoice choice{grant->configuration, name, "", ""};
    if (display != nullptr && display->contains("logo")) {
      std::string uri = (*display)["logo"].value("uri", "");
      // No external assets: only logos embedded as data: URIs are shown.
      if (uri.starts_with("data:image/")) {
        choice.logo_uri = uri;
        choice.logo_alt = (*display)["logo"].value("alt_text", "");
      }
    }
    choices.push_back(std::move(choice));
  }
  return HtmlResponse(200, TypesPage(ctx.lang, choices, ctx.session->csrf_token));
}

void ConsoleApp::ReplaceOffer(const std::string& subject_hash, const std::string& configuration,
                              const std::string& offer_id) {
  std::string earlier;
  {
    std::lock_guard lock(offers_mutex_);
    std::string& slot = offers_[{subject_hash, configuration}];
    earlier = slot;
    slot = offer_id;
  }
  if (!earlier.empty() && earlier != offer_id) {
    Result<void> cancelled = daemon_.CancelOffer(earlier);
    if (!cancelled.has_value()) {
      systemd::DefaultLogger().Log(
          LogLevel::kWarning, "cannot cancel an earlier offer",
          {{"SUBJECT_HASH", subject_hash}, {"DETAIL", cancelled.error().detail()}});
    }
  }
}

http::HttpResponse ConsoleApp::CreateOffer(Context& ctx, const http::HttpRequest& request) {
  std::map<std::string, std::string> form = FormFields(request);
  Session& session = *ctx.session;
  if (!SameSecret(form["csrf"], session.csrf_token)) {
    return HtmlResponse(403, ErrorPage(ctx.lang, "error.forbidden", false));
  }
  const std::string& configuration_id = form["configuration"];
  const policy::ConsoleGrant* grant = nullptr;
  for (const policy::ConsoleGrant* candidate : rules_.Matching(session.id_claims)) {
    grant = candidate->configuration == configuration_id ? candidate : grant;
  }
  Result<std::map<std::string, nlohmann::json>> offered = DaemonTypes(daemon_);
  if (grant == nullptr || (offered.has_value() && !offered->contains(configuration_id))) {
    // Deny by default: no rule grants this person this configuration.
    systemd::DefaultLogger().Log(LogLevel::kWarning, "offer refused: no rule grants it",
                                 {{"SUBJECT_HASH", session.subject_hash}});
    return HtmlResponse(403, ErrorPage(ctx.lang, "error.forbidden", false));
  }
  if (!offered.has_value()) {
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  std::string mode = (*offered)[configuration_id]["tx_code"].value("mode", "forbidden");
  bool want_tx =
      mode == "required" || (mode == "optional" && grant->tx_code != policy::TxCodeDelivery::kNone);
  bool by_mail = want_tx && grant->tx_code != policy::TxCodeDelivery::kScreen;
  auto email_claim = session.id_claims.find("email");
  std::string email = email_claim != session.id_claims.end() && email_claim->is_string()
                          ? email_claim->get<std::string>()
                          : "";
  if (by_mail && (mailer_ == nullptr || email.empty())) {
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.mail", false));
  }
  Result<nlohmann::json> claims = policy::MapClaims(*grant, session.id_claims);
  if (!claims.has_value()) {
    systemd::DefaultLogger().Log(LogLevel::kWarning, "offer refused: " + claims.error().message(),
                                 {{"SUBJECT_HASH", session.subject_hash}});
    return HtmlResponse(403, ErrorPage(ctx.lang, "error.forbidden", false));
  }
  Result<nlohmann::json> created =
      daemon_.CreateOffer(configuration_id, *claims, want_tx, config_.offer_lifetime.count());
  if (!created.has_value()) {
    systemd::DefaultLogger().Log(
        LogLevel::kErr, "the daemon refused an offer",
        {{"SUBJECT_HASH", session.subject_hash}, {"DETAIL", created.error().detail()}});
    return HtmlResponse(503, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  std::string offer_id = created->value("offer_id", "");
  SessionOffer offer{configuration_id, created->value("offer_link", ""),
                     created->value("expires_at", int64_t{0}), false, ""};
  std::string tx_code = created->value("tx_code", "");
  if (!tx_code.empty() && by_mail) {
    MailMessage mail{email, std::string(T(ctx.lang, "mail.subject")),
                     std::string(T(ctx.lang, "mail.body")) + "\n\n" + tx_code + "\n"};
    Result<void> sent = mailer_->Send(mail);
    std::fill(mail.text.begin(), mail.text.end(), '\0');
    if (!sent.has_value()) {
      systemd::DefaultLogger().Log(
          LogLevel::kErr, "cannot mail the tx_code",
          {{"SUBJECT_HASH", session.subject_hash}, {"DETAIL", sent.error().detail()}});
      (void)daemon_.CancelOffer(offer_id);
      return HtmlResponse(503, ErrorPage(ctx.lang, "error.mail", false));
    }
    offer.tx_code_mailed = true;
  } else if (!tx_code.empty()) {
    offer.tx_code_on_screen = tx_code;
  }
  std::fill(tx_code.begin(), tx_code.end(), '\0');
  ReplaceOffer(session.subject_hash, configuration_id, offer_id);
  session.offers[offer_id] = offer;
  sessions_.Put(ctx.session_id, session);
  systemd::DefaultLogger().Log(
      LogLevel::kInfo, "offer created",
      {{"SUBJECT_HASH", session.subject_hash}, {"CONFIGURATION", configuration_id}});
  return Redirect("/offer/" + offer_id);
}

http::HttpResponse ConsoleApp::ShowOffer(Context& ctx, const std::string& offer_id) {
  auto offer = ctx.session->offers.find(offer_id);
  if (offer == ctx.session->offers.end()) {
    return HtmlResponse(404, ErrorPage(ctx.lang, "error.not_found", false));
  }
  Result<std::string> svg = QrSvg(offer->second.offer_link, T(ctx.lang, "offer.qr"));
  if (!svg.has_value()) {
    return HtmlResponse(500, ErrorPage(ctx.lang, "error.unavailable", false));
  }
  Result<nlohmann::json> status = daemon_.OfferStatus(offer_id);
  OfferView view{offer_id,
                 offer->second.offer_link,
                 *svg,
                 UtcTime(offer->second.expires_at),
                 status.has_value() ? status->value("status", "expired") : "expired",
                 offer->second.tx_code_mailed,
                 offer->second.tx_code_on_screen};
  return HtmlResponse(200, OfferPage(ctx.lang, view, ctx.session->csrf_token));
}

http::HttpResponse ConsoleApp::OfferStatus(Context& ctx, const std::string& offer_id) {
  if (!ctx.session->offers.contains(offer_id)) {
    return http::JsonResponse(404, {{"error", "not_found"}});
  }
  Result<nlohmann::json> status = daemon_.OfferStatus(offer_id);
  if (!status.has_value() && status.error().code() != ErrorCode::kNotFound) {
    return http::JsonResponse(503, {{"error", "unavailable"}});
  }
  // The daemon forgets offers some time after they expire.
  std::string state = status.has_value() ? status->value("status", "expired") : "expired";
  return http::JsonResponse(200, {{"status", state}});
}

}  // namespace vci::console
