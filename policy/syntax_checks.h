// Syntax checks for the identifiers, locales, colours, URIs and types a policy names.
#ifndef VCISSUER_POLICY_SYNTAX_CHECKS_H_
#define VCISSUER_POLICY_SYNTAX_CHECKS_H_

#include <cstddef>
#include <string_view>

namespace vci::policy {

// IsValidIdentifier returns true for 1 to 64 characters of [A-Za-z0-9_.-] (configuration ids,
// client names).
bool IsValidIdentifier(std::string_view text);

// IsValidLocale returns true for a BCP 47 shaped tag: 2-8 letters, then "-" subtags of 1-8
// letters or digits ("en", "de-CH", "zh-Hant-TW").
bool IsValidLocale(std::string_view text);

// IsValidColor returns true for a CSS hex colour, "#rgb" or "#rrggbb".
bool IsValidColor(std::string_view text);

// IsValidVct returns true when `text` can be an SD-JWT VC type (SD-JWT VC section 3.2.2.1.1): an
// https URL with a host, or a URN with a namespace and a name ("urn:eudi:pid:1"). Whitespace and
// control characters are never allowed.
bool IsValidVct(std::string_view text);

// IsHttpsUrl returns true for "https://" followed by a host and nothing unprintable.
bool IsHttpsUrl(std::string_view text);

// IsPkcs11Uri returns true when `text` starts with "pkcs11:" (RFC 7512 section 2.3) and has no
// whitespace or control characters.
bool IsPkcs11Uri(std::string_view text);

// Pkcs11UriHasPin returns true when a PKCS#11 URI carries the PIN itself or names a PIN source
// (RFC 7512 attributes "pin-value" and "pin-source"), which a configuration must not do.
bool Pkcs11UriHasPin(std::string_view uri);

// Utf8Length returns the number of Unicode code points in UTF-8 `text` (bytes that do not continue
// a sequence). It does not check that `text` is valid UTF-8.
size_t Utf8Length(std::string_view text);

// IsPrintable returns true when `text` has no ASCII control characters (UTF-8 is allowed).
bool IsPrintable(std::string_view text);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_SYNTAX_CHECKS_H_
