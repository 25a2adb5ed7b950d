#include "policy/console_rules.h"

#include <ctime>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

#include "policy/toml_reader.h"

namespace vci::policy {
namespace {

constexpr size_t kMaxRulesBytes = size_t{256} * 1024;

std::optional<nlohmann::json> ScalarJson(const toml::node& node) {
  if (const auto* s = node.as_string()) {
    return nlohmann::json(s->get());
  }
  if (const auto* i = node.as_integer()) {
    return nlohmann::json(i->get());
  }
  if (const auto* b = node.as_boolean()) {
    return nlohmann::json(b->get());
  }
  return std::nullopt;
}

std::optional<GrantCondition> ReadCondition(const toml::table& table, std::string_view source,
                                            Diagnostics* diags) {
  TableReader reader(table, "a condition of when", source, diags);
  GrantCondition condition;
  condition.claim = reader.String("claim", true).value_or("");
  condition.contains = reader.String("contains", false);
  if (const toml::node* equals = reader.Node("equals")) {
    condition.equals = ScalarJson(*equals);
    if (!condition.equals.has_value()) {
      reader.ReportAt(*equals, "equals must be a string, an integer or a boolean");
    }
  }
  if (condition.equals.has_value() == condition.contains.has_value()) {
    reader.ReportHere("needs exactly one of equals and contains");
  }
  reader.RejectUnknownKeys();
  return condition;
}

bool IsValidFormat(const std::string& format) {
  return format.find('%') != std::string::npos && format.size() <= 64;
}

ClaimSource ReadSource(const toml::node& node, const std::string& name, std::string_view source,
                       Diagnostics* diags) {
  ClaimSource out;
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    diags->Add(source, node.source().begin.line, node.source().begin.column,
               "claim '" + name + "' must be a table { from = ... } or { value = ... }");
    return out;
  }
  TableReader reader(*table, "claim '" + name + "'", source, diags);
  out.from = reader.String("from", false).value_or("");
  const toml::node* value = reader.Node("value");
  if (value != nullptr) {
    std::optional<nlohmann::json> scalar = ScalarJson(*value);
    if (!scalar.has_value()) {
      reader.ReportAt(*value, "value must be a string, an integer or a boolean");
    }
    out.value = scalar.value_or(nullptr);
  }
  if (out.from.empty() == (value == nullptr)) {
    reader.ReportHere("needs exactly one of from and value");
  }
  out.from_format = reader.String("from_format", false).value_or("");
  out.format = reader.String("format", false).value_or("");
  if (out.from_format.empty() != out.format.empty() ||
      (!out.format.empty() && (!IsValidFormat(out.format) || !IsValidFormat(out.from_format)))) {
    reader.ReportHere("needs both from_format and format, each with a % conversion");
  } else if (!out.format.empty() && out.from.empty()) {
    reader.ReportHere("reformats only a claim read with from");
  }
  reader.RejectUnknownKeys();
  return out;
}

ConsoleGrant ReadGrant(const toml::table& table, std::string_view source, Diagnostics* diags) {
  ConsoleGrant grant;
  TableReader reader(table, "grant", source, diags);
  grant.configuration = reader.String("configuration", true).value_or("");
  std::string tx = reader.String("tx_code", false).value_or("mail");
  if (tx == "screen") {
    grant.tx_code = TxCodeDelivery::kScreen;
  } else if (tx == "none") {
    grant.tx_code = TxCodeDelivery::kNone;
  } else if (tx != "mail") {
    reader.ReportKey("tx_code", R"(must be "mail", "screen" or "none")");
  }
  for (const toml::table* condition : reader.Tables("when")) {
    if (auto parsed = ReadCondition(*condition, source, diags)) {
      grant.when.push_back(std::move(*parsed));
    }
  }
  if (grant.when.empty()) {
    reader.ReportHere("needs at least one condition in when (deny by default)");
  }
  if (const toml::table* claims = reader.Table("claims", true)) {
    for (const auto& [key, node] : *claims) {
      std::string name(key.str());
      grant.claims.emplace_back(name, ReadSource(node, name, source, diags));
    }
  }
  reader.RejectUnknownKeys();
  return grant;
}

bool Holds(const GrantCondition& condition, const nlohmann::json& id_claims) {
  auto claim = id_claims.find(condition.claim);
  if (claim == id_claims.end()) {
    return false;
  }
  if (condition.equals.has_value()) {
    return *claim == *condition.equals;
  }
  if (!claim->is_array()) {
    return false;
  }
  for (const nlohmann::json& item : *claim) {
    if (item.is_string() && item.get<std::string>() == *condition.contains) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> Reformat(const std::string& text, const ClaimSource& source) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, source.from_format.c_str());
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return std::nullopt;
  }
  std::ostringstream out;
  out << std::put_time(&tm, source.format.c_str());
  return out.str();
}

}  // namespace

std::vector<const ConsoleGrant*> ConsoleRules::Matching(const nlohmann::json& id_claims) const {
  std::vector<const ConsoleGrant*> out;
  std::set<std::string, std::less<>> seen;
  for (const ConsoleGrant& grant : grants) {
    bool all = !grant.when.empty();
    for (const GrantCondition& condition : grant.when) {
      all = all && Holds(condition, id_claims);
    }
    if (all && seen.insert(grant.configuration).second) {
      out.push_back(&grant);
    }
  }
  return out;
}

Result<nlohmann::json> MapClaims(const ConsoleGrant& grant, const nlohmann::json& id_claims) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, source] : grant.claims) {
    if (source.from.empty()) {
      out[name] = source.value;
      continue;
    }
    auto claim = id_claims.find(source.from);
    if (claim == id_claims.end() || claim->is_null()) {
      return Error(ErrorCode::kFailedPrecondition,
                   "your identity lacks what the credential claim '" + name + "' needs");
    }
    if (source.format.empty()) {
      out[name] = *claim;
      continue;
    }
    std::optional<std::string> date =
        claim->is_string() ? Reformat(claim->get<std::string>(), source) : std::nullopt;
    if (!date.has_value()) {
      return Error(ErrorCode::kFailedPrecondition,
                   "the date for the credential claim '" + name + "' does not parse");
    }
    out[name] = *date;
  }
  return out;
}

Result<ConsoleRules> ParseConsoleRules(std::string_view text, std::string_view source) {
  Diagnostics diags;
  ConsoleRules rules;
  if (std::optional<toml::table> root = ParseTomlDocument(text, source, &diags)) {
    TableReader top(*root, "the console rules", source, &diags);
    for (const toml::table* grant : top.Tables("grant")) {
      rules.grants.push_back(ReadGrant(*grant, source, &diags));
    }
    top.RejectUnknownKeys();
  }
  if (!diags.empty()) {
    return diags.ToError(ErrorCode::kInvalidArgument, "the console rules are invalid");
  }
  return rules;
}

Result<ConsoleRules> LoadConsoleRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound, "cannot read " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxRulesBytes) {
    return Error(ErrorCode::kInvalidArgument, path + " is too large");
  }
  return ParseConsoleRules(text.str(), path);
}

}  // namespace vci::policy
