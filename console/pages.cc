#include "console/pages.h"

#include "console/html.h"

namespace vci::console {
namespace {

std::string Text(Lang lang, std::string_view key) {
  return HtmlEscape(T(lang, key));
}

std::string Page(Lang lang, std::string_view heading_key, const std::string& body,
                 bool with_script = false) {
  std::string head = "<!doctype html><html lang=\"" + std::string(LangTag(lang)) +
                     "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                     "content=\"width=device-width, initial-scale=1\"><title>" +
                     Text(lang, heading_key) + " – " + Text(lang, "app.title") +
                     "</title><link rel=\"stylesheet\" href=\"/static/console.css\">";
  if (with_script) {
    head += "<script src=\"/static/status.js\" defer></script>";
  }
  return head + "</head><body><a class=\"skip\" href=\"#main\">" + Text(lang, "skip") +
         "</a><header><p class=\"brand\">" + Text(lang, "app.title") +
         "</p></header><main id=\"main\"><h1>" + Text(lang, heading_key) + "</h1>" + body +
         "</main></body></html>";
}

std::string LogoutForm(Lang lang, const std::string& csrf) {
  return "<form method=\"post\" action=\"/logout\" class=\"logout\"><input type=\"hidden\" "
         "name=\"csrf\" value=\"" +
         HtmlEscape(csrf) + "\"><button type=\"submit\">" + Text(lang, "logout") +
         "</button></form>";
}

}  // namespace

std::string TypesPage(Lang lang, const std::vector<TypeChoice>& types, const std::string& csrf) {
  std::string body;
  if (types.empty()) {
    body += "<p>" + Text(lang, "types.none") + "</p>";
  } else {
    body += "<p>" + Text(lang, "types.intro") + "</p><ul class=\"types\">";
    for (const TypeChoice& type : types) {
      body +=
          "<li><form method=\"post\" action=\"/offers\"><input type=\"hidden\" name=\"csrf\" "
          "value=\"" +
          HtmlEscape(csrf) + "\"><input type=\"hidden\" name=\"configuration\" value=\"" +
          HtmlEscape(type.configuration_id) + "\">";
      if (!type.logo_uri.empty()) {
        body += "<img src=\"" + HtmlEscape(type.logo_uri) + "\" alt=\"" +
                HtmlEscape(type.logo_alt) + "\" width=\"48\" height=\"48\">";
      }
      body += "<span class=\"name\">" + HtmlEscape(type.name) +
              "</span><button type=\"submit\" aria-label=\"" + Text(lang, "types.get") + ": " +
              HtmlEscape(type.name) + "\">" + Text(lang, "types.get") + "</button></form></li>";
    }
    body += "</ul>";
  }
  return Page(lang, "types.heading", body + LogoutForm(lang, csrf));
}

std::string OfferPage(Lang lang, const OfferView& offer, const std::string& csrf) {
  std::string link = HtmlEscape(offer.offer_link);
  std::string body = "<div class=\"qrbox\">" + offer.qr_svg + "</div>";
  body += "<p><a class=\"button\" href=\"" + link + "\">" + Text(lang, "offer.same_device") +
          "</a></p>";
  body += "<p><label for=\"offer-link\">" + Text(lang, "offer.link") +
          "</label><br><input id=\"offer-link\" class=\"link\" readonly value=\"" + link +
          "\"></p>";
  if (offer.tx_code_mailed) {
    body += "<p>" + Text(lang, "offer.mail") + "</p>";
  }
  if (!offer.tx_code_on_screen.empty()) {
    body += "<p>" + Text(lang, "offer.screen") + ": <strong class=\"txcode\">" +
            HtmlEscape(offer.tx_code_on_screen) + "</strong></p>";
  }
  body += "<p>" + Text(lang, "offer.expires") + " " + HtmlEscape(offer.expires_at_utc) + "</p>";
  // The live status: status.js fills it in from /offer/{id}/status; without JavaScript the
  // reload button asks again.
  body += "<h2>" + Text(lang, "offer.status") + "</h2><p id=\"status\" role=\"status\" " +
          "aria-live=\"polite\" data-offer=\"" + HtmlEscape(offer.offer_id) + "\"";
  for (std::string_view state : {"pending", "redeemed", "expired", "cancelled", "invalidated"}) {
    body +=
        " data-" + std::string(state) + "=\"" + Text(lang, "status." + std::string(state)) + "\"";
  }
  body += " data-state=\"" + HtmlEscape(offer.status) + "\">" +
          Text(lang, "status." + offer.status) + "</p>";
  body += "<form method=\"get\" action=\"/offer/" + HtmlEscape(offer.offer_id) +
          "\" id=\"reload\"><button type=\"submit\">" + Text(lang, "offer.reload") +
          "</button></form>";
  body += "<p><a href=\"/\">" + Text(lang, "offer.back") + "</a></p>" + LogoutForm(lang, csrf);
  return Page(lang, "offer.heading", body, /*with_script=*/true);
}

std::string ErrorPage(Lang lang, std::string_view message_key, bool offer_login) {
  std::string body = "<p>" + Text(lang, message_key) + "</p>";
  body += offer_login ? "<p><a class=\"button\" href=\"/login\">" + Text(lang, "login") + "</a></p>"
                      : "<p><a href=\"/\">" + Text(lang, "offer.back") + "</a></p>";
  return Page(lang, "error.heading", body);
}

std::string LoggedOutPage(Lang lang) {
  return Page(lang, "logged_out.heading",
              "<p><a class=\"button\" href=\"/login\">" + Text(lang, "login") + "</a></p>");
}

const std::string_view kConsoleCss = R"css(
:root { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }
body { margin: 0; line-height: 1.5; }
header { background: #12355b; color: #fff; padding: 0.75rem 1rem; }
.brand { margin: 0; font-weight: bold; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; color: #12355b; padding: 0.5rem; }
ul.types { list-style: none; padding: 0; }
ul.types li form { display: flex; align-items: center; gap: 1rem; padding: 0.75rem 0;
  border-bottom: 1px solid #767676; }
.name { flex: 1; font-size: 1.1rem; }
button, a.button { font: inherit; background: #12355b; color: #fff; border: 0;
  padding: 0.6rem 1.2rem; border-radius: 0.3rem; cursor: pointer; text-decoration: none;
  display: inline-block; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #b35900;
  outline-offset: 2px; }
a { color: #12355b; }
.qrbox { max-width: 20rem; }
svg.qr { width: 100%; height: auto; display: block; }
input.link { width: 100%; font-family: monospace; padding: 0.4rem; border: 1px solid #767676; }
.txcode { font-family: monospace; font-size: 1.4rem; letter-spacing: 0.2rem; }
.logout { margin-top: 2rem; }
.logout button { background: #fff; color: #12355b; border: 2px solid #12355b; }
.js-live #reload { display: none; }
)css";

const std::string_view kStatusJs =
    R"js(// Live status of the offer on this page; without it the reload button asks again.
'use strict';
(() => {
  const status = document.getElementById('status');
  if (!status || !window.fetch) return;
  document.documentElement.classList.add('js-live');
  const url = '/offer/' + encodeURIComponent(status.dataset.offer) + '/status';
  const show = (state) => {
    const text = status.dataset[state];
    if (text && status.dataset.state !== state) {
      status.dataset.state = state;
      status.textContent = text;
    }
  };
  const poll = async () => {
    try {
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) throw new Error(String(response.status));
      show((await response.json()).status);
    } catch {
      document.documentElement.classList.remove('js-live');
      return;
    }
    if (status.dataset.state === 'pending') setTimeout(poll, 2000);
  };
  if (status.dataset.state === 'pending') setTimeout(poll, 1000);
})();
)js";

}  // namespace vci::console
