// Pages: the console's HTML. Every page is complete and static (no inline script or style: the
// CSP forbids both), labelled for screen readers and usable by keyboard alone.
#ifndef VCISSUER_CONSOLE_PAGES_H_
#define VCISSUER_CONSOLE_PAGES_H_

#include <string>
#include <vector>

#include "console/i18n.h"

namespace vci::console {

struct TypeChoice {
  std::string configuration_id;
  std::string name;      // display name in the page's language
  std::string logo_uri;  // a data: URI, or "" (no external assets)
  std::string logo_alt;
};

struct OfferView {
  std::string offer_id;
  std::string offer_link;
  std::string qr_svg;
  std::string expires_at_utc;  // "HH:MM UTC"
  std::string status;          // "pending", "redeemed", ...
  bool tx_code_mailed = false;
  std::string tx_code_on_screen;  // only with tx_code = "screen"
};

std::string TypesPage(Lang lang, const std::vector<TypeChoice>& types, const std::string& csrf);
std::string OfferPage(Lang lang, const OfferView& offer, const std::string& csrf);
std::string ErrorPage(Lang lang, std::string_view message_key, bool offer_login);
std::string LoggedOutPage(Lang lang);

// kConsoleCss and kStatusJs are served from /static/ (same origin, as the CSP requires).
extern const std::string_view kConsoleCss;
extern const std::string_view kStatusJs;

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_PAGES_H_
