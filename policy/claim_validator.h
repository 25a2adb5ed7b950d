// Checking the claims a client asks to issue against the policy's claim specs.
#ifndef VCISSUER_POLICY_CLAIM_VALIDATOR_H_
#define VCISSUER_POLICY_CLAIM_VALIDATOR_H_

#include <nlohmann/json.hpp>

#include "crypto/base/result.h"
#include "policy/policy.h"

namespace vci::policy {

// ValidateClaims checks that `claims` is a JSON object that meets `config`'s claim specs: every
// required claim present, no claim the policy does not define, every value of its type (42 is an
// integer and a number, 4.2 only a number; a date is a real YYYY-MM-DD day; a datetime is RFC 3339
// with an offset) and within its constraints, objects and arrays checked recursively. Strings are
// at most kDefaultMaxStringLength and arrays at most kDefaultMaxItems long unless the policy says
// otherwise. On failure it returns kInvalidRequest whose message names the claim's path and the
// rule broken ("claim 'address.street': expected string") and never the claim's value. Pure
// function; thread-safe.
// A claim the policy fixes (ClaimSpec::fixed_value) may not be set by the client: it is refused
// with "fixed by the policy".
Result<void> ValidateClaims(const CredentialConfiguration& config, const nlohmann::json& claims);

// WithFixedClaims returns `claims` (a JSON object) with every value the policy fixes added: the
// claims to issue. Pure function; thread-safe.
nlohmann::json WithFixedClaims(const CredentialConfiguration& config, const nlohmann::json& claims);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_CLAIM_VALIDATOR_H_
