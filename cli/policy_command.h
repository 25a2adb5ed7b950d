// `vcissuerctl policy check [PATH]`: loads a policy directory or file as the daemon would and
// prints every problem as "file:line:column: sentence".
#ifndef VCISSUER_CLI_POLICY_COMMAND_H_
#define VCISSUER_CLI_POLICY_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"

namespace vci::cli {

// AddPolicyCommands adds the `policy` group (`policy check`) to `app`. Without PATH the command
// checks the configuration's [policy] directory. When the command line selects the command,
// parsing sets `out_action` to run it.
void AddPolicyCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action);

// CheckPolicy loads the policy directory or single file at `path`, prints the diagnostics to
// stderr or a one-line summary ("<path>: valid: N configurations, M clients") to stdout, and
// returns the exit status: 0 valid, 3 invalid, 5 not found, 1 unreadable.
int CheckPolicy(const std::string& path);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_POLICY_COMMAND_H_
