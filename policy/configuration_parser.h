// Reading one [[credential_configuration]] table of a policy file: its format and type, signing
// key, validity, proof and key-binding rules, tx_code rule, offer lifetimes, display and claims.
// Checks that span files (grants, validity against the issuer's timestamp granularity) are the
// policy loader's.
#ifndef VCISSUER_POLICY_CONFIGURATION_PARSER_H_
#define VCISSUER_POLICY_CONFIGURATION_PARSER_H_

#include <functional>
#include <optional>
#include <string_view>

#include "policy/diagnostics.h"
#include "policy/policy.h"
#include "policy/toml_reader.h"

namespace vci::policy {

// ParseConfiguration reads `table` from the file `source`, reporting every problem to `diags`.
// It returns the configuration only when `table` produced no problem. `id_taken(id)` says
// whether an earlier configuration already uses `id`.
std::optional<CredentialConfiguration> ParseConfiguration(
    const toml::table& table, std::string_view source, Diagnostics* diags,
    const std::function<bool(std::string_view)>& id_taken);

// ParseSigningAlgorithm returns the algorithm called `name` (ES256, ES384, EdDSA), or nullopt.
std::optional<jose::JwsAlgorithm> ParseSigningAlgorithm(std::string_view name);

// ReadDurationNode returns the duration `node` holds ("365d" or a number of seconds) when it
// lies in [min, max], else nullopt. It reports nothing.
std::optional<std::chrono::seconds> ReadDurationNode(const toml::node& node,
                                                     std::chrono::seconds min,
                                                     std::chrono::seconds max);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_CONFIGURATION_PARSER_H_
