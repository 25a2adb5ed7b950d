// Tests of the console's pages and their helpers: language choice, escaping, the QR code's SVG.
#include "console/pages.h"

#include <gtest/gtest.h>

#include "console/html.h"
#include "console/i18n.h"
#include "console/qr_svg.h"
#include "console/responses.h"

namespace vci::console {
namespace {

// RFC 9110 section 12.5.4: the highest q wins, then the first; unknown languages are skipped.
TEST(I18nTest, PickLangWorks) {
  EXPECT_EQ(PickLang(""), Lang::kEn);
  EXPECT_EQ(PickLang("de-DE,de;q=0.9,en;q=0.8"), Lang::kDe);
  EXPECT_EQ(PickLang("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), Lang::kFr);
  EXPECT_EQ(PickLang("en;q=0.3, de;q=0.7"), Lang::kDe);
  EXPECT_EQ(PickLang("ja, it;q=0.9"), Lang::kEn);
  EXPECT_EQ(PickLang("dex, fr;q=0.1"), Lang::kFr);
  EXPECT_EQ(PickLang("de;q=0"), Lang::kEn);
}

// Every catalog key the pages use has a text in each language.
TEST(I18nTest, CatalogIsComplete) {
  for (std::string_view key :
       {"types.heading", "status.pending", "status.redeemed", "status.expired", "status.cancelled",
        "status.invalidated", "offer.mail", "error.login", "mail.body"}) {
    for (Lang lang : {Lang::kEn, Lang::kDe, Lang::kFr}) {
      EXPECT_NE(T(lang, key), key) << key;
    }
  }
  EXPECT_EQ(T(Lang::kDe, "types.get"), "Erhalten");
  EXPECT_EQ(T(Lang::kFr, "logout"), "Se déconnecter");
}

// Names from the daemon's policy are escaped; the page has no inline script or style.
TEST(PagesTest, TypesPageEscapesAndHasNoInlineScript) {
  std::string page =
      TypesPage(Lang::kEn, {{"badge", "<b>Badge</b> & \"co\"", "", ""}}, "csrf-token-1");
  EXPECT_NE(page.find("&lt;b&gt;Badge&lt;/b&gt; &amp; &quot;co&quot;"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("style="), std::string::npos);
  EXPECT_NE(page.find("name=\"csrf\" value=\"csrf-token-1\""), std::string::npos);
  EXPECT_NE(page.find("<html lang=\"en\">"), std::string::npos);
}

// The offer page never shows a tx_code unless told to, and loads its script from /static/.
TEST(PagesTest, OfferPageWorks) {
  OfferView offer{
      "id1", "openid-credential-offer://?x=1&y=2", "<svg/>", "10:00 UTC", "pending", true, ""};
  std::string page = OfferPage(Lang::kDe, offer, "c");
  EXPECT_NE(page.find("openid-credential-offer://?x=1&amp;y=2"), std::string::npos);
  EXPECT_NE(page.find("<script src=\"/static/status.js\" defer></script>"), std::string::npos);
  EXPECT_NE(page.find(std::string(T(Lang::kDe, "offer.mail"))), std::string::npos);
  EXPECT_EQ(page.find("txcode"), std::string::npos);
  offer.tx_code_mailed = false;
  offer.tx_code_on_screen = "493017";
  EXPECT_NE(OfferPage(Lang::kEn, offer, "c").find("493017"), std::string::npos);
}

TEST(HtmlTest, EscapeWorks) {
  EXPECT_EQ(HtmlEscape("a<'&\">"), "a&lt;&#39;&amp;&quot;&gt;");
}

// A version 1 code (21 modules) plus the quiet zone gives a 29-unit square; the label is escaped.
TEST(QrSvgTest, SvgWorks) {
  Result<std::string> svg = QrSvg("HELLO", "QR <code>");
  ASSERT_TRUE(svg.has_value());
  EXPECT_NE(svg->find("viewBox=\"0 0 29 29\""), std::string::npos);
  EXPECT_NE(svg->find("<title>QR &lt;code&gt;</title>"), std::string::npos);
  // The top-left finder pattern starts at the quiet zone's edge.
  EXPECT_NE(svg->find("d=\"M4 4h1v1h-1z"), std::string::npos);
  EXPECT_FALSE(QrSvg("", "x").has_value());
  EXPECT_FALSE(QrSvg(std::string(8000, 'a'), "x").has_value());
}

// Secrets match only when equal and non-empty; forms keep the first of duplicate fields.
TEST(ResponsesTest, SameSecretAndFormFieldsWork) {
  EXPECT_TRUE(SameSecret("abc", "abc"));
  EXPECT_FALSE(SameSecret("abc", "abd"));
  EXPECT_FALSE(SameSecret("abc", "abcd"));
  EXPECT_FALSE(SameSecret("", ""));
  http::HttpRequest request;
  request.body = "csrf=a%2Bb&configuration=badge&csrf=second";
  std::map<std::string, std::string> fields = FormFields(request);
  EXPECT_EQ(fields["csrf"], "a+b");
  EXPECT_EQ(fields["configuration"], "badge");
  request.body = "csrf=%zz";
  EXPECT_TRUE(FormFields(request).empty());
}

}  // namespace
}  // namespace vci::console
