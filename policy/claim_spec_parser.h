// Reading claim specifications ([[credential_configuration.claim]] and nested claims) from
// policy TOML.
#ifndef VCISSUER_POLICY_CLAIM_SPEC_PARSER_H_
#define VCISSUER_POLICY_CLAIM_SPEC_PARSER_H_

#include <string_view>
#include <vector>

#include "policy/claim_spec.h"
#include "policy/toml_reader.h"

namespace vci::policy {

// ParseClaimSpecs reads the "claim" array of tables of `reader`'s table: the top-level claims of
// a credential configuration when `parent_path` is empty, else the members of the object claim at
// `parent_path`. It checks names (unique, not an SD-JWT VC registered claim), types and the
// consistency of constraints, compiles patterns, and reports every problem to the reader's
// diagnostics. It returns the specs that passed.
std::vector<ClaimSpec> ParseClaimSpecs(TableReader& reader, std::string_view parent_path);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_CLAIM_SPEC_PARSER_H_
