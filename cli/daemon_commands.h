// `vcissuerctl reload` and `vcissuerctl pin-guard status|clear`: the operator's levers on a
// running (or refusing) vcissuerd.
//
// reload asks the supervisor over its control socket (daemon/server/control_protocol.h) and
// returns only when every worker serves the new policy generation (0) or the reload failed
// (7, with the reason; 6 when the daemon cannot be reached). It is the unit's ExecReload=.
// pin-guard reads or removes the guard vcissuerd sets when the token refuses its PIN
// (daemon/server/pin_guard.h); clear it only after fixing the PIN.
#ifndef VCISSUER_CLI_DAEMON_COMMANDS_H_
#define VCISSUER_CLI_DAEMON_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "cli/command.h"
#include "crypto/base/result.h"
#include "daemon/server/control_protocol.h"

namespace vci::cli {

// AddDaemonCommands adds `reload` and `pin-guard` to `app`; parsing sets `out_action`.
void AddDaemonCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action);

// AskControlSocket sends `request` to the control socket at `path` and waits up to
// `timeout_seconds` for the reply. kUnavailable when it cannot connect or no reply comes;
// kInvalidArgument for a malformed reply.
Result<server::ControlReply> AskControlSocket(const std::string& path,
                                              server::ControlRequest request, int timeout_seconds);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_DAEMON_COMMANDS_H_
