// RunCli: the whole of vcissuerctl behind main(): builds the command tree, parses the command
// line and runs the selected command.
#ifndef VCISSUER_CLI_CLI_APP_H_
#define VCISSUER_CLI_CLI_APP_H_

namespace vci::cli {

// RunCli parses `argv` and runs the command it names, returning the exit status (exit_codes.h):
// 0 for --help, 2 for a command line that does not parse. Call once, from main(), before any
// other thread starts (token init sets SOFTHSM2_CONF in the environment).
int RunCli(int argc, const char* const* argv);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_CLI_APP_H_
