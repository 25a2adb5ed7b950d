// What every vcissuerctl command shares: the global options and the shape of a parsed command.
#ifndef VCISSUER_CLI_COMMAND_H_
#define VCISSUER_CLI_COMMAND_H_

#include <functional>
#include <string>

namespace vci::cli {

// kDefaultConfigPath is where the daemon's configuration lives on an installed system.
inline constexpr char kDefaultConfigPath[] = "/etc/vcissuer/vcissuer.toml";

struct GlobalOptions {
  std::string config_path = kDefaultConfigPath;  // --config FILE
};

// Action runs the command the command line selected and returns the process exit status. A
// subcommand's parse callback stores it; it runs after parsing has finished without error.
using Action = std::function<int()>;

}  // namespace vci::cli

#endif  // VCISSUER_CLI_COMMAND_H_
