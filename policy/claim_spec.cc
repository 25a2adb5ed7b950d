#include "policy/claim_spec.h"

#include <array>
#include <utility>

namespace vci::policy {
namespace {

constexpr std::array<std::pair<std::string_view, ClaimType>, 8> kClaimTypeNames = {{
    {"string", ClaimType::kString},
    {"integer", ClaimType::kInteger},
    {"number", ClaimType::kNumber},
    {"boolean", ClaimType::kBoolean},
    {"date", ClaimType::kDate},
    {"datetime", ClaimType::kDateTime},
    {"object", ClaimType::kObject},
    {"array", ClaimType::kArray},
}};

}  // namespace

std::optional<ClaimType> ParseClaimType(std::string_view name) {
  for (const auto& [type_name, type] : kClaimTypeNames) {
    if (type_name == name) {
      return type;
    }
  }
  return std::nullopt;
}

std::string_view ClaimTypeName(ClaimType type) {
  for (const auto& [type_name, candidate] : kClaimTypeNames) {
    if (candidate == type) {
      return type_name;
    }
  }
  return "unknown";
}

const ClaimSpec* ClaimSpec::FindChild(std::string_view child_name) const {
  for (const ClaimSpec& child : children) {
    if (child.name == child_name) {
      return &child;
    }
  }
  return nullptr;
}

}  // namespace vci::policy
