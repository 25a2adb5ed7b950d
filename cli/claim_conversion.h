// Turning the officer's `--claim name=value` arguments into the typed JSON claims of an offer.
//
// The admin API's GET /types says, for each credential configuration the client may offer, the
// type of every claim ("string", "integer", "number", "boolean", "date", "datetime", "object",
// "array"). A command line only has strings, so each value is converted to the type the policy
// names: `age=42` becomes the integer 42 where the policy says integer. Conversions are strict,
// so a typo is refused here, with the claim's name, before anything is sent to the daemon.
#ifndef VCISSUER_CLI_CLAIM_CONVERSION_H_
#define VCISSUER_CLI_CLAIM_CONVERSION_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/result.h"

namespace vci::cli {

// FindConfigurationClaims returns the "claims" array of the configuration `configuration_id` in
// `types` (a GET /types answer). Fails with kNotFound, naming the configurations the client may
// offer, when there is no such configuration, and kInternal when `types` is not shaped as the
// admin API documents.
Result<nlohmann::json> FindConfigurationClaims(const nlohmann::json& types,
                                               std::string_view configuration_id);

// ConvertClaimValue returns `text` as a JSON value of the type `type_name`: integers are decimal
// (an optional '-' and digits, within 64 bits), numbers are finite decimals, booleans are "true"
// or "false", objects and arrays are JSON texts of that kind, and strings, dates and datetimes are
// kept as strings (the daemon checks their form). Fails with kInvalidArgument, naming `name`.
Result<nlohmann::json> ConvertClaimValue(std::string_view name, std::string_view type_name,
                                         std::string_view text);

// BuildClaims returns the claims object of an offer for the configuration `configuration_id`:
// the members of `base` (the --claims file, a JSON object, may be null) with each of
// `assignments` ("name=value", converted as ConvertClaimValue says) added or replacing the member
// of that name. Fails with kInvalidArgument for an assignment without '=', for a claim the
// configuration does not define (naming those it does) and for a bad value; kNotFound as
// FindConfigurationClaims.
Result<nlohmann::json> BuildClaims(const nlohmann::json& types, std::string_view configuration_id,
                                   const std::vector<std::string>& assignments,
                                   const nlohmann::json& base);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_CLAIM_CONVERSION_H_
