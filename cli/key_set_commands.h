// `vcissuerctl keys create-set|sets|show|rotate|add|activate|retire`: key sets and the states of
// their members (next, active, retiring, retired), kept in the appliance's state database.
//
// Security property: every change, and every refusal, is written to the append-only key audit
// table and to the journal with who ran it.
#ifndef VCISSUER_CLI_KEY_SET_COMMANDS_H_
#define VCISSUER_CLI_KEY_SET_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace vci::cli {

// AddKeySetCommands adds the key set commands to the `keys` group. `globals` must outlive the
// action that parsing stores in `out_action`.
void AddKeySetCommands(CLI::App& keys, const GlobalOptions& globals, Action& out_action);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_SET_COMMANDS_H_
