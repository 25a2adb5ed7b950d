// `vcissuerctl keys rotate` (a new key made in the token joins a set as next, and becomes active
// after a lead time or at once with --now) and `keys add` (an existing token key joins a set).
#ifndef VCISSUER_CLI_KEY_ROTATE_COMMAND_H_
#define VCISSUER_CLI_KEY_ROTATE_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace vci::cli {

// AddRotateCommands adds `rotate` and `add` to the `keys` group. `globals` must outlive the
// action that parsing stores in `out_action`.
void AddRotateCommands(CLI::App& keys, const GlobalOptions& globals, Action& out_action);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_ROTATE_COMMAND_H_
