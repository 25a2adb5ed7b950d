// ConsoleApp: vcissuer-console's web application behind the HTTP edge. A person logs in at the
// organisation's OpenID provider, sees the credential configurations the rules grant them, picks
// one and gets the offer as a QR code, with its tx_code sent by mail.
//
// Routes: GET / (types), GET /login, GET /callback, POST /logout, GET /logged-out,
// POST /offers, GET /offer/{id}, GET /offer/{id}/status, GET /static/{console.css,status.js}.
//
// Security properties: server-side sessions behind a __Host- cookie (HttpOnly, Secure,
// SameSite=Lax) with idle and absolute timeouts, a new session id after login, a CSRF token on
// every POST, deny by default (no rule: no type and no offer), a strict CSP with no inline script,
// and logs that name a person only by the SHA-256 of their issuer and subject.
#ifndef VCISSUER_CONSOLE_CONSOLE_APP_H_
#define VCISSUER_CONSOLE_CONSOLE_APP_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "console/console_config.h"
#include "console/daemon_client.h"
#include "console/i18n.h"
#include "console/mailer.h"
#include "console/oidc_client.h"
#include "console/session_store.h"
#include "daemon/http/handler.h"
#include "policy/console_rules.h"

namespace vci::console {

inline constexpr std::string_view kSessionCookie = "__Host-vci-session";

class ConsoleApp final : public http::Handler {
 public:
  // ConsoleApp borrows every collaborator; all must outlive it. `mailer` may be null (no relay).
  ConsoleApp(const ConsoleConfig& config, const policy::ConsoleRules& rules, OidcClient& oidc,
             DaemonClient& daemon, const Mailer* mailer, SessionStore& sessions,
             const ossl::Context& ossl);

  // http::Handler:
  http::HttpResponse Handle(const http::HttpRequest& request) override;

 private:
  // Context is one request: its language and its live session, if any.
  struct Context {
    Lang lang = Lang::kEn;
    std::string session_id;
    std::optional<Session> session;
  };

  http::HttpResponse Route(Context& ctx, const http::HttpRequest& request);
  http::HttpResponse Login(Context& ctx);
  http::HttpResponse Callback(Context& ctx, const http::HttpRequest& request);
  http::HttpResponse Logout(Context& ctx, const http::HttpRequest& request);
  http::HttpResponse Types(Context& ctx);
  http::HttpResponse CreateOffer(Context& ctx, const http::HttpRequest& request);
  http::HttpResponse ShowOffer(Context& ctx, const std::string& offer_id);
  http::HttpResponse OfferStatus(Context& ctx, const std::string& offer_id);

  // ReplaceOffer cancels the person's earlier pending offer of `configuration` and remembers
  // `offer_id` (or forgets, when empty) as their current one.
  void ReplaceOffer(const std::string& subject_hash, const std::string& configuration,
                    const std::string& offer_id);

  const ConsoleConfig& config_;
  const policy::ConsoleRules& rules_;
  OidcClient& oidc_;
  DaemonClient& daemon_;
  const Mailer* mailer_;
  SessionStore& sessions_;
  const ossl::Context& ossl_;
  std::mutex offers_mutex_;
  // (subject hash, configuration id) -> the pending offer, across the person's sessions.
  std::map<std::pair<std::string, std::string>, std::string> offers_;  // guarded by offers_mutex_
};

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_CONSOLE_APP_H_
