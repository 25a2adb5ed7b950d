// `vcissuerctl keys generate|list|export`: the officer's key management on the configured token.
//
// Security property: keys are made inside the token as sensitive, never extractable and not
// copyable (pkcs11::Token::GenerateKey), and `keys export` only ever writes a public key.
#ifndef VCISSUER_CLI_KEY_COMMANDS_H_
#define VCISSUER_CLI_KEY_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace vci::cli {

// AddKeyCommands adds the `keys` group to `app`. Its commands open the token that the
// configuration at `globals.config_path` names, read when the command runs (so `globals` must
// outlive the action). When the command line selects one, parsing sets `out_action` to run it.
void AddKeyCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_COMMANDS_H_
