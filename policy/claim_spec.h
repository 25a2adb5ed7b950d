// ClaimSpec: what the policy says about one claim of a credential: its type, whether the issuer
// requires it, whether the holder may disclose it selectively, and the constraints its value must
// meet. Claims of type object have children; claims of type array have one item spec.
#ifndef VCISSUER_POLICY_CLAIM_SPEC_H_
#define VCISSUER_POLICY_CLAIM_SPEC_H_

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace vci::policy {

enum class ClaimType { kString, kInteger, kNumber, kBoolean, kDate, kDateTime, kObject, kArray };

// ParseClaimType maps a policy type name ("string", "datetime", ...) to the enum.
std::optional<ClaimType> ParseClaimType(std::string_view name);

// ClaimTypeName returns the policy name of `type`, as used in messages.
std::string_view ClaimTypeName(ClaimType type);

// The bounds that hold even when a policy sets none. They keep a validation request cheap.
inline constexpr size_t kMaxClaimDepth = 8;              // Nesting of objects and arrays.
inline constexpr size_t kMaxClaimsPerObject = 100;       // Claims a policy may define per level.
inline constexpr size_t kDefaultMaxStringLength = 4096;  // Code points, if max_length is unset.
inline constexpr size_t kDefaultMaxItems = 100;          // Array elements, when max_items is unset.

struct ClaimDisplay {
  std::string locale;
  std::string name;
};

struct ClaimConstraints {
  // pattern must match the whole string (std::regex_match, ECMAScript grammar).
  std::optional<std::string> pattern_source;
  std::shared_ptr<const std::regex> pattern;  // Compiled at load; shared by copies.
  std::vector<nlohmann::json> enum_values;    // Empty: any value of the type.
  std::optional<size_t> min_length;           // Strings, in Unicode code points.
  std::optional<size_t> max_length;
  std::optional<double> minimum;  // Integers and numbers, inclusive.
  std::optional<double> maximum;
  std::optional<size_t> max_items;  // Arrays.
};

struct ClaimSpec {
  std::string name;  // The claim's key; "" for an array's item spec.
  ClaimType type = ClaimType::kString;
  bool required = false;
  bool selectively_disclosable = true;
  ClaimConstraints constraints;
  std::vector<ClaimDisplay> display;
  std::vector<ClaimSpec> children;  // kObject: the members.
  std::vector<ClaimSpec> items;     // kArray: exactly one spec that every element meets.
  // A value the policy itself sets (an issuing authority, say); a client may not set it. Only
  // top-level claims of a scalar type have one.
  std::optional<nlohmann::json> fixed_value;

  // ItemSpec returns the spec of an array's elements, or nullptr for other types.
  const ClaimSpec* ItemSpec() const { return items.empty() ? nullptr : &items.front(); }

  // FindChild returns the member spec called `child_name`, or nullptr.
  const ClaimSpec* FindChild(std::string_view child_name) const;
};

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_CLAIM_SPEC_H_
