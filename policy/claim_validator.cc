#include "policy/claim_validator.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "policy/date_time.h"
#include "policy/syntax_checks.h"

namespace vci::policy {
namespace {

using json = nlohmann::json;

// SafeName makes a client-supplied key fit for a message: printable ASCII only, at most 64.
std::string SafeName(std::string_view name) {
  std::string out;
  for (char c : name.substr(0, 64)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return name.size() > 64 ? out + "..." : out;
}

Error Refuse(const std::string& path, std::string_view rule) {
  return Error(ErrorCode::kInvalidRequest, "claim '" + path + "': " + std::string(rule));
}

std::string Expected(ClaimType type) {
  return "expected " + std::string(ClaimTypeName(type));
}

// FormatBound prints a policy bound without a trailing ".000000".
std::string FormatBound(double bound) {
  if (std::floor(bound) == bound && std::fabs(bound) < 1e15) {
    return std::to_string(static_cast<int64_t>(bound));
  }
  return std::to_string(bound);
}

Result<void> CheckObject(const std::vector<ClaimSpec>& specs, const json& value,
                         const std::string& prefix, size_t depth);

Result<void> CheckString(const ClaimSpec& spec, const json& value, const std::string& path) {
  if (!value.is_string()) {
    return Refuse(path, Expected(spec.type));
  }
  const auto& text = value.get_ref<const std::string&>();
  const ClaimConstraints& c = spec.constraints;
  size_t length = Utf8Length(text);
  size_t max_length = c.max_length.value_or(kDefaultMaxStringLength);
  if (length > max_length) {
    return Refuse(path, "longer than " + std::to_string(max_length) + " characters");
  }
  if (c.min_length && length < *c.min_length) {
    return Refuse(path, "shorter than " + std::to_string(*c.min_length) + " characters");
  }
  if (spec.type == ClaimType::kDate && !IsValidDate(text)) {
    return Refuse(path, "expected a date written YYYY-MM-DD");
  }
  if (spec.type == ClaimType::kDateTime && !IsValidDateTime(text)) {
    return Refuse(path, "expected an RFC 3339 date-time with a time zone offset");
  }
  if (c.pattern && !std::regex_match(text, *c.pattern)) {
    return Refuse(path, "does not match the pattern the policy requires");
  }
  return Ok();
}

Result<void> CheckNumber(const ClaimSpec& spec, const json& value, const std::string& path) {
  bool ok = spec.type == ClaimType::kInteger ? value.is_number_integer() : value.is_number();
  if (!ok) {
    return Refuse(path, Expected(spec.type));
  }
  auto number = value.get<double>();
  if (!std::isfinite(number)) {
    return Refuse(path, Expected(spec.type));
  }
  const ClaimConstraints& c = spec.constraints;
  if (c.minimum && number < *c.minimum) {
    return Refuse(path, "less than the minimum " + FormatBound(*c.minimum));
  }
  if (c.maximum && number > *c.maximum) {
    return Refuse(path, "greater than the maximum " + FormatBound(*c.maximum));
  }
  return Ok();
}

Result<void> CheckValue(const ClaimSpec& spec, const json& value, const std::string& path,
                        size_t depth) {
  if (depth > kMaxClaimDepth) {
    return Refuse(path, "nested too deeply");
  }
  switch (spec.type) {
    case ClaimType::kString:
    case ClaimType::kDate:
    case ClaimType::kDateTime:
      VCI_TRY(CheckString(spec, value, path));
      break;
    case ClaimType::kInteger:
    case ClaimType::kNumber:
      VCI_TRY(CheckNumber(spec, value, path));
      break;
    case ClaimType::kBoolean:
      if (!value.is_boolean()) {
        return Refuse(path, Expected(spec.type));
      }
      break;
    case ClaimType::kObject:
      if (!value.is_object()) {
        return Refuse(path, Expected(spec.type));
      }
      return CheckObject(spec.children, value, path + ".", depth + 1);
    case ClaimType::kArray: {
      if (!value.is_array()) {
        return Refuse(path, Expected(spec.type));
      }
      size_t max_items = spec.constraints.max_items.value_or(kDefaultMaxItems);
      if (value.size() > max_items) {
        return Refuse(path, "more than " + std::to_string(max_items) + " elements");
      }
      const ClaimSpec* item = spec.ItemSpec();
      VCI_CHECK(item != nullptr);  // The loader requires an item spec for every array.
      for (size_t i = 0; i < value.size(); ++i) {
        VCI_TRY(CheckValue(*item, value[i], path + "[" + std::to_string(i) + "]", depth + 1));
      }
      return Ok();
    }
  }
  const std::vector<json>& allowed = spec.constraints.enum_values;
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    return Refuse(path, "not one of the values the policy allows");
  }
  return Ok();
}

Result<void> CheckObject(const std::vector<ClaimSpec>& specs, const json& value,
                         const std::string& prefix, size_t depth) {
  for (const auto& item : value.items()) {
    const std::string& name = item.key();
    const json& member = item.value();
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&name](const ClaimSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      return Refuse(prefix + SafeName(name), "not defined by the policy");
    }
    VCI_TRY(CheckValue(*spec, member, prefix + spec->name, depth));
  }
  for (const ClaimSpec& spec : specs) {
    if (spec.required && !value.contains(spec.name)) {
      return Refuse(prefix + spec.name, "required but missing");
    }
  }
  return Ok();
}

}  // namespace

Result<void> ValidateClaims(const CredentialConfiguration& config, const json& claims) {
  if (!claims.is_object()) {
    return Error(ErrorCode::kInvalidRequest, "claims must be a JSON object");
  }
  for (const ClaimSpec& spec : config.claims) {
    if (spec.fixed_value.has_value() && claims.contains(spec.name)) {
      return Refuse(spec.name, "fixed by the policy; a client may not set it");
    }
  }
  return CheckObject(config.claims, WithFixedClaims(config, claims), "", 1);
}

json WithFixedClaims(const CredentialConfiguration& config, const json& claims) {
  json out = claims;
  for (const ClaimSpec& spec : config.claims) {
    if (spec.fixed_value.has_value()) {
      out[spec.name] = *spec.fixed_value;
    }
  }
  return out;
}

}  // namespace vci::policy
