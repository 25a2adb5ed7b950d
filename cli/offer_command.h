// `vcissuerctl offer create`: asks the running daemon's admin API for a credential offer.
//
// The command first reads GET /types to learn each claim's type and converts the --claim values
// (claim_conversion.h), so a typo is refused before anything is created. On success stdout holds
// exactly one JSON line: {"offer_id","credential_offer_uri","offer_link","tx_code"?,"expires_at"};
// --qr draws the offer link on stderr. The bearer token is read from a file and never printed.
#ifndef VCISSUER_CLI_OFFER_COMMAND_H_
#define VCISSUER_CLI_OFFER_COMMAND_H_

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/admin_client.h"
#include "cli/command.h"

namespace vci::cli {

// AddOfferCommands adds the `offer` group (`offer create`) to `app`. The configuration at
// `globals.config_path` is read only when --admin-url is not given. When the command line selects
// the command, parsing sets `out_action` to run it.
void AddOfferCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action);

// ServerRefusal returns the error to show for a failed admin API answer: the HTTP status and,
// when the body is the API's JSON error, its "error" and "error_description" (made safe for a
// terminal).
Error ServerRefusal(const HttpReply& reply);

// OfferOutput returns the one line `offer create` prints for a 201 answer `created`, in a fixed
// member order, tx_code only when present. Fails with kInternal when a member is missing.
Result<std::string> OfferOutput(const nlohmann::json& created);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_OFFER_COMMAND_H_
