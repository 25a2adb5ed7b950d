// I18n: the console's pages in English, German and French, chosen by Accept-Language.
#ifndef VCISSUER_CONSOLE_I18N_H_
#define VCISSUER_CONSOLE_I18N_H_

#include <string_view>

namespace vci::console {

enum class Lang { kEn, kDe, kFr };

// PickLang returns the supported language the Accept-Language header value prefers (RFC 9110
// section 12.5.4: q-values, then order), English when none fits.
Lang PickLang(std::string_view accept_language);

// LangTag returns "en", "de" or "fr".
std::string_view LangTag(Lang lang);

// T returns the text for `key` in `lang`; English when the key has no translation, the key
// itself when it is unknown (a bug that a test catches).
std::string_view T(Lang lang, std::string_view key);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_I18N_H_
