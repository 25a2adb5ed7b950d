#include "policy/display_parser.h"

#include <set>
#include <string>

#include "policy/syntax_checks.h"

namespace vci::policy {
namespace {

constexpr size_t kMaxDisplayEntries = 50;
constexpr size_t kMaxDisplayText = 500;

std::optional<std::string> ReadText(TableReader& reader, std::string_view key, bool required) {
  std::optional<std::string> text = reader.String(key, required);
  if (text && (text->empty() || text->size() > kMaxDisplayText || !IsPrintable(*text))) {
    reader.ReportKey(key,
                     "must be 1 to " + std::to_string(kMaxDisplayText) + " printable characters.");
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> ReadColor(TableReader& reader, std::string_view key) {
  std::optional<std::string> color = reader.String(key, false);
  if (color && !IsValidColor(*color)) {
    reader.ReportKey(key, "must be a hex colour such as \"#12107c\".");
    return std::nullopt;
  }
  return color;
}

std::optional<Logo> ReadLogo(TableReader& reader) {
  const toml::table* table = reader.Table("logo", false);
  if (table == nullptr) {
    return std::nullopt;
  }
  TableReader logo_reader(*table, "the logo of " + reader.context(), reader.source(),
                          reader.diags());
  Logo logo;
  std::optional<std::string> uri = logo_reader.String("uri", true);
  if (uri && !IsHttpsUrl(*uri) && !uri->starts_with("data:")) {
    logo_reader.ReportKey("uri", "must be an https URL or a data: URI.");
  }
  logo.uri = uri.value_or("");
  logo.alt_text = ReadText(logo_reader, "alt_text", false).value_or("");
  logo_reader.RejectUnknownKeys();
  return logo;
}

}  // namespace

std::vector<Display> ParseDisplays(TableReader& reader, DisplayKind kind) {
  std::vector<Display> out;
  std::set<std::string, std::less<>> locales;
  std::vector<const toml::table*> entries = reader.Tables("display");
  if (entries.size() > kMaxDisplayEntries) {
    reader.ReportKey("display",
                     "has more than " + std::to_string(kMaxDisplayEntries) + " entries.");
    return out;
  }
  for (const toml::table* entry : entries) {
    TableReader entry_reader(*entry, "a display entry of " + reader.context(), reader.source(),
                             reader.diags());
    Display display;
    std::optional<std::string> locale = entry_reader.String("locale", true);
    if (locale && !IsValidLocale(*locale)) {
      entry_reader.ReportKey("locale", R"(must be a language tag such as "en" or "de-CH".)");
      locale.reset();
    }
    if (locale && !locales.insert(*locale).second) {
      entry_reader.ReportKey("locale", "repeats locale \"" + *locale +
                                           "\"; each locale may have only one display entry.");
      locale.reset();
    }
    std::optional<std::string> name = ReadText(entry_reader, "name", true);
    display.locale = locale.value_or("");
    display.name = name.value_or("");
    if (kind != DisplayKind::kClaim) {
      display.logo = ReadLogo(entry_reader);
    }
    if (kind == DisplayKind::kCredential) {
      display.description = ReadText(entry_reader, "description", false).value_or("");
      display.background_color = ReadColor(entry_reader, "background_color").value_or("");
      display.text_color = ReadColor(entry_reader, "text_color").value_or("");
    }
    entry_reader.RejectUnknownKeys();
    if (locale && name) {
      out.push_back(std::move(display));
    }
  }
  return out;
}

}  // namespace vci::policy
