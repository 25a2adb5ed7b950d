#include "policy/syntax_checks.h"

#include <gtest/gtest.h>

namespace vci::policy {
namespace {

// Identifiers, locales and colours follow the documented character sets.
TEST(SyntaxChecksTest, NamesWork) {
  EXPECT_TRUE(IsValidIdentifier("employee_badge.v1-a"));
  EXPECT_FALSE(IsValidIdentifier("bad id"));
  EXPECT_FALSE(IsValidIdentifier(std::string(65, 'a')));
  EXPECT_TRUE(IsValidLocale("en"));
  EXPECT_TRUE(IsValidLocale("zh-Hant-TW"));
  EXPECT_FALSE(IsValidLocale("e"));
  EXPECT_FALSE(IsValidLocale("en-"));
  EXPECT_FALSE(IsValidLocale("en_US"));
  EXPECT_TRUE(IsValidColor("#12107c"));
  EXPECT_TRUE(IsValidColor("#FFF"));
  EXPECT_FALSE(IsValidColor("red"));
  EXPECT_FALSE(IsValidColor("#12107g"));
}

// vct: https URLs or URNs (SD-JWT VC section 3.2.2.1.1); PKCS#11 URIs must not carry a PIN.
TEST(SyntaxChecksTest, UrisWork) {
  EXPECT_TRUE(IsValidVct("https://credentials.example.com/badge"));
  EXPECT_TRUE(IsValidVct("urn:eudi:pid:1"));
  EXPECT_FALSE(IsValidVct("http://credentials.example.com/badge"));
  EXPECT_FALSE(IsValidVct("urn:x:1"));  // NID shorter than two characters.
  EXPECT_FALSE(IsValidVct("urn:eudi:"));
  EXPECT_FALSE(IsValidVct("https:// spaced"));
  EXPECT_TRUE(IsPkcs11Uri("pkcs11:token=a;object=b"));
  EXPECT_FALSE(IsPkcs11Uri("token=a"));
  EXPECT_TRUE(Pkcs11UriHasPin("pkcs11:token=a?pin-value=1234"));
  EXPECT_TRUE(Pkcs11UriHasPin("pkcs11:token=a?pin-source=file:/pin"));
  EXPECT_FALSE(Pkcs11UriHasPin("pkcs11:token=a"));
  EXPECT_EQ(Utf8Length("a\xc3\xa9\xe2\x82\xac"), 3u);  // a, U+00E9, U+20AC.
}

}  // namespace
}  // namespace vci::policy
