// `vcissuerctl keys destroy`: removes a key (and its public half) from the token for good.
//
// Security property: a key the configuration or the policy uses is destroyed only when forced
// with a written reason, and nothing is destroyed without a confirmation (an interactive "yes",
// or --yes), because a destroyed signing key can never sign again and a destroyed HMAC key
// invalidates every outstanding offer.
#ifndef VCISSUER_CLI_KEY_DESTROY_COMMAND_H_
#define VCISSUER_CLI_KEY_DESTROY_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace vci::cli {

// AddDestroyCommand adds `destroy` to the `keys` group `keys`; parsing it sets `out_action`.
void AddDestroyCommand(CLI::App& keys, const GlobalOptions& globals, Action& out_action);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_DESTROY_COMMAND_H_
