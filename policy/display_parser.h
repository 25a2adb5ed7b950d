// Reading "display" arrays (OID4VCI 1.0 section 12.2.4 and appendix A) from policy TOML.
#ifndef VCISSUER_POLICY_DISPLAY_PARSER_H_
#define VCISSUER_POLICY_DISPLAY_PARSER_H_

#include <vector>

#include "policy/policy.h"
#include "policy/toml_reader.h"

namespace vci::policy {

// Which keys a display entry may have: the issuer's (name, locale, logo), a credential's (also
// description, background_color, text_color) or a claim's (name, locale).
enum class DisplayKind { kIssuer, kCredential, kClaim };

// ParseDisplays reads the "display" key of `reader`'s table. Every entry needs a valid locale and
// a name, and no locale may appear twice. It returns the entries that passed; every problem is
// reported to the reader's diagnostics. An absent key gives an empty vector.
std::vector<Display> ParseDisplays(TableReader& reader, DisplayKind kind);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_DISPLAY_PARSER_H_
