#include "cli/claim_conversion.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <system_error>

namespace vci::cli {
namespace {

using nlohmann::json;

Error BadValue(std::string_view name, std::string_view expected) {
  return Error(ErrorCode::kInvalidArgument,
               "claim '" + std::string(name) + "' must be " + std::string(expected));
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// KnownNames lists the claim names of `claims` for a message: "a, b, c".
std::string KnownNames(const json& claims) {
  std::string out;
  for (const json& claim : claims) {
    if (!out.empty()) {
      out += ", ";
    }
    out += claim.value("name", "");
  }
  return out.empty() ? "none" : out;
}

const json* FindClaim(const json& claims, std::string_view name) {
  for (const json& claim : claims) {
    auto it = claim.find("name");
    if (it != claim.end() && it->is_string() && it->get_ref<const std::string&>() == name) {
      return &claim;
    }
  }
  return nullptr;
}

Error UnknownClaim(std::string_view name, std::string_view configuration_id, const json& claims) {
  return Error(ErrorCode::kInvalidArgument,
               "unknown claim '" + std::string(name) + "' for configuration '" +
                   std::string(configuration_id) + "'; it defines: " + KnownNames(claims));
}

}  // namespace

Result<json> FindConfigurationClaims(const json& types, std::string_view configuration_id) {
  auto list = types.find("credential_configurations");
  if (!types.is_object() || list == types.end() || !list->is_array()) {
    return Error(ErrorCode::kInternal, "the daemon's GET /types answer is malformed",
                 "no credential_configurations array");
  }
  std::string offered;
  for (const json& configuration : *list) {
    if (!configuration.is_object()) {
      continue;
    }
    std::string id = configuration.value("id", "");
    if (id == configuration_id) {
      auto claims = configuration.find("claims");
      if (claims == configuration.end() || !claims->is_array()) {
        return Error(ErrorCode::kInternal, "the daemon's GET /types answer is malformed",
                     "configuration without a claims array: " + id);
      }
      return *claims;
    }
    offered += offered.empty() ? id : ", " + id;
  }
  return Error(ErrorCode::kPermissionDenied,
               "this client may not offer configuration '" + std::string(configuration_id) +
                   "'; it may offer: " + (offered.empty() ? "none" : offered));
}

Result<json> ConvertClaimValue(std::string_view name, std::string_view type_name,
                               std::string_view text) {
  if (type_name == "string" || type_name == "date" || type_name == "datetime") {
    return json(std::string(text));
  }
  if (type_name == "integer") {
    std::optional<int64_t> value = ParseInteger(text);
    if (!value.has_value()) {
      return BadValue(name, "an integer (digits, optionally after '-')");
    }
    return json(*value);
  }
  if (type_name == "number") {
    if (std::optional<int64_t> integer = ParseInteger(text); integer.has_value()) {
      return json(*integer);
    }
    std::optional<double> value = ParseNumber(text);
    if (!value.has_value()) {
      return BadValue(name, "a finite decimal number");
    }
    return json(*value);
  }
  if (type_name == "boolean") {
    if (text == "true" || text == "false") {
      return json(text == "true");
    }
    return BadValue(name, "true or false");
  }
  if (type_name == "object" || type_name == "array") {
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    bool fits = type_name == "object" ? value.is_object() : value.is_array();
    if (value.is_discarded() || !fits) {
      return BadValue(name, type_name == "object" ? R"(a JSON object, e.g. '{"k":"v"}')"
                                                  : R"(a JSON array, e.g. '["a","b"]')");
    }
    return value;
  }
  return Error(ErrorCode::kInternal,
               "claim '" + std::string(name) + "' has a type this vcissuerctl does not know",
               "type: " + std::string(type_name));
}

Result<json> BuildClaims(const json& types, std::string_view configuration_id,
                         const std::vector<std::string>& assignments, const json& base) {
  VCI_ASSIGN_OR_RETURN(json specs, FindConfigurationClaims(types, configuration_id));
  json claims = base.is_object() ? base : json::object();
  for (const auto& [name, value] : claims.items()) {
    if (FindClaim(specs, name) == nullptr) {
      return UnknownClaim(name, configuration_id, specs);
    }
  }
  for (size_t i = 0; i < assignments.size(); ++i) {
    // The value is personal data: messages name the claim, never echo the value.
    const std::string& assignment = assignments[i];
    size_t equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Error(ErrorCode::kInvalidArgument, "--claim takes name=value; --claim number " +
                                                    std::to_string(i + 1) + " has no name=");
    }
    std::string name = assignment.substr(0, equals);
    const json* spec = FindClaim(specs, name);
    if (spec == nullptr) {
      return UnknownClaim(name, configuration_id, specs);
    }
    VCI_ASSIGN_OR_RETURN(json value,
                         ConvertClaimValue(name, spec->value("type", "string"),
                                           std::string_view(assignment).substr(equals + 1)));
    claims[name] = std::move(value);
  }
  return claims;
}

}  // namespace vci::cli
