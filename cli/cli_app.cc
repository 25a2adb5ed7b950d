#include "cli/cli_app.h"

#include <CLI/CLI.hpp>

#include "cli/audit_command.h"
#include "cli/command.h"
#include "cli/daemon_commands.h"
#include "cli/exit_codes.h"
#include "cli/key_commands.h"
#include "cli/offer_command.h"
#include "cli/policy_command.h"
#include "cli/token_commands.h"

namespace vci::cli {
namespace {

constexpr char kExitCodesHelp[] =
    "Exit status: 0 ok, 1 failure, 2 usage, 3 configuration or policy invalid, 4 PIN refused,\n"
    "5 not found, 6 HSM or daemon unavailable, 7 refused by the daemon or the policy,\n"
    "8 already exists. PINs are read from files only (--pin-file, or the configuration's\n"
    "pin_file / pin_credential), never from arguments or the environment.";

}  // namespace

int RunCli(int argc, const char* const* argv) {
  CLI::App app("vcissuerctl: the security officer's and operator's tool for vcissuerd",
               "vcissuerctl");
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);

  GlobalOptions globals;
  app.add_option("--config", globals.config_path, "The daemon's configuration file")
      ->capture_default_str();

  Action action;
  AddTokenCommands(app, action);
  AddKeyCommands(app, globals, action);
  AddAuditCommand(app, globals, action);
  AddOfferCommands(app, globals, action);
  AddPolicyCommands(app, globals, action);
  AddDaemonCommands(app, globals, action);

  // CLI11 reports parse errors (and --help) by throwing; they are caught here, the one place
  // this program lets an exception through its own code.
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    static_cast<void>(app.exit(e));
    return ExitStatus(ExitCode::kUsage);
  }
  if (!action) {
    return ExitStatus(ExitCode::kUsage);
  }
  return action();
}

}  // namespace vci::cli
