// The disclosure frame: which claims of a credential the SD-JWT issuer turns into disclosures.
#ifndef VCISSUER_POLICY_DISCLOSURE_FRAME_H_
#define VCISSUER_POLICY_DISCLOSURE_FRAME_H_

#include <nlohmann/json.hpp>

#include "policy/policy.h"

namespace vci::policy {

// DisclosureFrame returns a frame in the shape sd-jwt-js uses, for the claims present in `claims`
// whose spec is selectively disclosable: {"_sd": ["given_name", ...], "address": {"_sd":
// ["street"]}}. Names in each "_sd" list follow the policy's order. For arrays, "_sd" lists the
// indices of elements to disclose one by one and an element that is an object gets its own frame
// under its index ("0", "1", ...). Objects without selectively disclosable content are left out,
// so a credential with none gives {}. Call it after ValidateClaims; members the policy does not
// define are ignored. Pure function; thread-safe.
nlohmann::json DisclosureFrame(const CredentialConfiguration& config, const nlohmann::json& claims);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_DISCLOSURE_FRAME_H_
