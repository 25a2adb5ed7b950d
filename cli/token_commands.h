// `vcissuerctl token init`: a SoftHSM2 token for development, in a directory the user names.
#ifndef VCISSUER_CLI_TOKEN_COMMANDS_H_
#define VCISSUER_CLI_TOKEN_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace vci::cli {

// kDefaultSoftHsmModule is where Debian installs the SoftHSM2 PKCS#11 module.
inline constexpr char kDefaultSoftHsmModule[] = "/usr/lib/softhsm/libsofthsm2.so";

// AddTokenCommands adds the `token` group (`token init`) to `app`. When the command line selects
// one of its commands, parsing sets `out_action` to run it; `out_action` must outlive `app`'s
// parse. `token init` needs no configuration file.
void AddTokenCommands(CLI::App& app, Action& out_action);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_TOKEN_COMMANDS_H_
