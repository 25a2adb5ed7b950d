#include "policy/claim_spec_parser.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "policy/date_time.h"
#include "policy/display_parser.h"
#include "policy/syntax_checks.h"

namespace vci::policy {
namespace {

constexpr size_t kMaxClaimNameLength = 128;
constexpr size_t kMaxLengthLimit = 1 << 20;
constexpr size_t kMaxItemsLimit = 1000;
constexpr size_t kMaxEnumValues = 1000;

// SD-JWT VC section 3.2.2.2 registers these top-level claims for the issuer's own use; the issuer
// sets them, so a policy may not define them. "sub" is deliberately absent: it is a normal claim.
constexpr std::array<std::string_view, 8> kRegisteredTopLevelClaims = {
    "iss", "iat", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"};

// SD-JWT (RFC 9901) section 4.2 uses these keys for digests at any depth.
constexpr std::array<std::string_view, 3> kSdJwtStructuralKeys = {"_sd", "_sd_alg", "..."};

std::string Quote(std::string_view text) {
  return "'" + std::string(text) + "'";
}

void CheckName(TableReader& reader, const std::string& name, bool top_level) {
  if (name.empty() || name.size() > kMaxClaimNameLength || !IsPrintable(name) ||
      name.find('.') != std::string::npos) {
    reader.ReportKey("name", "must be 1 to 128 printable characters without '.'.");
    return;
  }
  for (std::string_view key : kSdJwtStructuralKeys) {
    if (name == key) {
      reader.ReportKey("name", "uses " + Quote(key) + ", which SD-JWT reserves for digests.");
    }
  }
  if (!top_level) {
    return;
  }
  for (std::string_view registered : kRegisteredTopLevelClaims) {
    if (name == registered) {
      reader.ReportKey("name", "uses " + Quote(registered) +
                                   ", a registered SD-JWT VC claim that the issuer sets itself; "
                                   "choose another name.");
    }
  }
}

bool IsStringLike(ClaimType type) {
  return type == ClaimType::kString || type == ClaimType::kDate || type == ClaimType::kDateTime;
}

bool IsNumeric(ClaimType type) {
  return type == ClaimType::kInteger || type == ClaimType::kNumber;
}

std::optional<size_t> ReadSize(TableReader& reader, std::string_view key, bool allowed,
                               std::string_view applies_to, int64_t max) {
  if (!allowed) {
    if (reader.Node(key) != nullptr) {
      reader.ReportKey(key, "applies only to " + std::string(applies_to) + " claims.");
    }
    return std::nullopt;
  }
  std::optional<int64_t> value = reader.Integer(key, false, 0, max);
  return value ? std::optional<size_t>(static_cast<size_t>(*value)) : std::nullopt;
}

void ReadPattern(TableReader& reader, ClaimSpec& spec) {
  std::optional<std::string> pattern = reader.String("pattern", false);
  if (!pattern) {
    return;
  }
  if (spec.type != ClaimType::kString) {
    reader.ReportKey("pattern", "applies only to string claims.");
    return;
  }
  std::regex::flag_type flags = std::regex::ECMAScript;
  try {
    spec.constraints.pattern = std::make_shared<const std::regex>(*pattern, flags);
    spec.constraints.pattern_source = *pattern;
  } catch (const std::exception&) {
    reader.ReportKey("pattern", "is not a valid ECMAScript regular expression.");
  }
}

// EnumValueFits reports why `value` cannot be a value of `spec`, or returns true.
bool EnumValueFits(const ClaimSpec& spec, const toml::node& value, std::string* out_reason) {
  const ClaimConstraints& c = spec.constraints;
  if (IsStringLike(spec.type)) {
    const auto* text = value.as_string();
    if (text == nullptr) {
      *out_reason = "is not a string";
      return false;
    }
    const std::string& s = text->get();
    bool ok = (spec.type != ClaimType::kDate || IsValidDate(s)) &&
              (spec.type != ClaimType::kDateTime || IsValidDateTime(s)) &&
              (!c.min_length || Utf8Length(s) >= *c.min_length) &&
              (!c.max_length || Utf8Length(s) <= *c.max_length) &&
              (!c.pattern || std::regex_match(s, *c.pattern));
    *out_reason = "does not meet the claim's own type, length or pattern";
    return ok;
  }
  if (spec.type == ClaimType::kBoolean) {
    *out_reason = "is not a boolean";
    return value.is_boolean();
  }
  if (!value.is_integer() && !(spec.type == ClaimType::kNumber && value.is_floating_point())) {
    *out_reason = spec.type == ClaimType::kInteger ? "is not an integer" : "is not a number";
    return false;
  }
  double number =
      value.is_integer() ? static_cast<double>(*value.value<int64_t>()) : *value.value<double>();
  *out_reason = "lies outside minimum..maximum";
  return (!c.minimum || number >= *c.minimum) && (!c.maximum || number <= *c.maximum);
}

void ReadEnum(TableReader& reader, ClaimSpec& spec) {
  if (reader.Node("enum") == nullptr) {
    return;
  }
  if (spec.type == ClaimType::kObject || spec.type == ClaimType::kArray) {
    reader.ReportKey("enum", "cannot be used on object or array claims.");
    return;
  }
  const toml::array* values = reader.Array("enum");
  if (values == nullptr) {
    return;
  }
  if (values->empty() || values->size() > kMaxEnumValues) {
    reader.ReportKey("enum", "must list 1 to " + std::to_string(kMaxEnumValues) + " values.");
    return;
  }
  for (const toml::node& value : *values) {
    std::string reason;
    if (!EnumValueFits(spec, value, &reason)) {
      reader.ReportAt(value, "a value of enum in " + reader.context() + " " + reason + ".");
      continue;
    }
    if (const auto* s = value.as_string()) {
      spec.constraints.enum_values.emplace_back(s->get());
    } else if (const auto* i = value.as_integer()) {
      spec.constraints.enum_values.emplace_back(i->get());
    } else if (const auto* f = value.as_floating_point()) {
      spec.constraints.enum_values.emplace_back(f->get());
    } else if (const auto* b = value.as_boolean()) {
      spec.constraints.enum_values.emplace_back(b->get());
    }
  }
}

void ReadConstraints(TableReader& reader, ClaimSpec& spec) {
  ClaimConstraints& c = spec.constraints;
  bool is_string = spec.type == ClaimType::kString;
  c.min_length = ReadSize(reader, "min_length", is_string, "string", kMaxLengthLimit);
  c.max_length = ReadSize(reader, "max_length", is_string, "string", kMaxLengthLimit);
  if (c.min_length && c.max_length && *c.min_length > *c.max_length) {
    reader.ReportKey("min_length", "is greater than max_length.");
  }
  c.max_items =
      ReadSize(reader, "max_items", spec.type == ClaimType::kArray, "array", kMaxItemsLimit);
  if (c.max_items && *c.max_items == 0) {
    reader.ReportKey("max_items", "must be at least 1.");
  }
  for (std::string_view key : {"minimum", "maximum"}) {
    if (!IsNumeric(spec.type) && reader.Node(key) != nullptr) {
      reader.ReportKey(key, "applies only to integer and number claims.");
    }
  }
  if (IsNumeric(spec.type)) {
    c.minimum = reader.Number("minimum");
    c.maximum = reader.Number("maximum");
    if (c.minimum && c.maximum && *c.minimum > *c.maximum) {
      reader.ReportKey("minimum", "is greater than maximum.");
    }
  }
  ReadPattern(reader, spec);
  ReadEnum(reader, spec);
}

std::optional<ClaimSpec> ParseClaimSpec(const toml::table& table, std::string_view owner,
                                        std::string_view parent_path, bool is_item, size_t depth,
                                        TableReader& parent);

void ReadChildren(TableReader& reader, ClaimSpec& spec, std::string_view owner,
                  const std::string& path, size_t depth) {
  if (spec.type != ClaimType::kObject) {
    if (reader.Node("claim") != nullptr) {
      reader.ReportKey("claim", "(nested claims) is allowed only in object claims.");
    }
  } else {
    std::set<std::string, std::less<>> names;
    for (const toml::table* child : reader.Tables("claim")) {
      std::optional<ClaimSpec> child_spec =
          ParseClaimSpec(*child, owner, path, /*is_item=*/false, depth + 1, reader);
      if (child_spec && !names.insert(child_spec->name).second) {
        reader.ReportAt(*child, "claim '" + path + "." + child_spec->name + "' of " +
                                    std::string(owner) + " is defined twice.");
      } else if (child_spec) {
        spec.children.push_back(std::move(*child_spec));
      }
    }
    if (spec.children.empty()) {
      reader.ReportHere("is an object claim but defines no nested claims.");
    }
    if (spec.children.size() > kMaxClaimsPerObject) {
      reader.ReportHere("defines more than " + std::to_string(kMaxClaimsPerObject) + " claims.");
    }
  }

  if (spec.type != ClaimType::kArray) {
    if (reader.Node("items") != nullptr) {
      reader.ReportKey("items", "is allowed only in array claims.");
    }
    return;
  }
  const toml::table* items = reader.Table("items", true);
  if (items != nullptr) {
    std::optional<ClaimSpec> item =
        ParseClaimSpec(*items, owner, path + "[]", /*is_item=*/true, depth + 1, reader);
    if (item) {
      spec.items.push_back(std::move(*item));
    }
  }
}

// ReadFixedValue reads `value`, a value the policy sets for every credential. It must meet the
// claim's own type and constraints, like an enum value.
void ReadFixedValue(TableReader& reader, ClaimSpec& spec, bool top_level) {
  const toml::node* node = reader.Node("value");
  if (node == nullptr) {
    return;
  }
  if (!top_level || spec.type == ClaimType::kObject || spec.type == ClaimType::kArray) {
    reader.ReportKey("value", "can be fixed only on top-level claims of a scalar type.");
    return;
  }
  std::string reason;
  if (!EnumValueFits(spec, *node, &reason)) {
    reader.ReportKey("value", reason + ".");
    return;
  }
  nlohmann::json value;
  if (const auto* text = node->as_string()) {
    value = text->get();
  } else if (const auto* integer = node->as_integer()) {
    value = integer->get();
  } else if (const auto* number = node->as_floating_point()) {
    value = number->get();
  } else if (const auto* flag = node->as_boolean()) {
    value = flag->get();
  }
  const std::vector<nlohmann::json>& allowed = spec.constraints.enum_values;
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    reader.ReportKey("value", "is not one of the claim's enum values.");
    return;
  }
  spec.fixed_value = std::move(value);
}

std::optional<ClaimSpec> ParseClaimSpec(const toml::table& table, std::string_view owner,
                                        std::string_view parent_path, bool is_item, size_t depth,
                                        TableReader& parent) {
  if (depth > kMaxClaimDepth) {
    parent.ReportAt(table, "claims of " + std::string(owner) + " are nested deeper than " +
                               std::to_string(kMaxClaimDepth) + " levels.");
    return std::nullopt;
  }
  ClaimSpec spec;
  std::string path(parent_path);
  std::optional<std::string> name;
  if (!is_item) {
    // The name is read first so that every later message can say which claim it is about.
    TableReader name_reader(table, "a claim of " + std::string(owner), parent.source(),
                            parent.diags());
    name = name_reader.String("name", true);
    if (!name) {
      return std::nullopt;
    }
    path = parent_path.empty() ? *name : path + "." + *name;
  }
  TableReader reader(table, "claim '" + path + "' of " + std::string(owner), parent.source(),
                     parent.diags());
  if (!is_item) {
    reader.Node("name");
    CheckName(reader, *name, parent_path.empty());
    spec.name = *name;
    spec.required = reader.Boolean("required").value_or(false);
    for (Display& d : ParseDisplays(reader, DisplayKind::kClaim)) {
      spec.display.push_back({std::move(d.locale), std::move(d.name)});
    }
  }
  spec.selectively_disclosable = reader.Boolean("selectively_disclosable").value_or(!is_item);

  std::optional<std::string> type_name = reader.String("type", true);
  std::optional<ClaimType> type = type_name ? ParseClaimType(*type_name) : std::nullopt;
  if (type_name && !type) {
    reader.ReportKey("type",
                     "must be one of string, integer, number, boolean, date, datetime, "
                     "object, array.");
  }
  if (!type) {
    reader.RejectUnknownKeys();
    return std::nullopt;
  }
  spec.type = *type;
  size_t before = reader.diags()->size();
  ReadConstraints(reader, spec);
  ReadChildren(reader, spec, owner, path, depth);
  ReadFixedValue(reader, spec, /*top_level=*/parent_path.empty() && !is_item);
  reader.RejectUnknownKeys();
  bool ok = reader.diags()->size() == before;
  return ok ? std::optional<ClaimSpec>(std::move(spec)) : std::nullopt;
}

}  // namespace

std::vector<ClaimSpec> ParseClaimSpecs(TableReader& reader, std::string_view parent_path) {
  std::vector<ClaimSpec> out;
  std::set<std::string, std::less<>> names;
  std::string owner = reader.context();
  for (const toml::table* table : reader.Tables("claim")) {
    std::optional<ClaimSpec> spec =
        ParseClaimSpec(*table, owner, parent_path, /*is_item=*/false, 1, reader);
    if (!spec) {
      continue;
    }
    if (!names.insert(spec->name).second) {
      reader.ReportAt(*table, "claim '" + spec->name + "' of " + owner + " is defined twice.");
      continue;
    }
    out.push_back(std::move(*spec));
  }
  if (out.size() > kMaxClaimsPerObject) {
    reader.ReportHere("defines more than " + std::to_string(kMaxClaimsPerObject) + " claims.");
  }
  return out;
}

}  // namespace vci::policy
