// `vcissuerctl audit`: the security officer's key audit trail and the issuance record, read from
// the appliance's state database. Neither holds a claim value, a PIN or a token.
#ifndef VCISSUER_CLI_AUDIT_COMMAND_H_
#define VCISSUER_CLI_AUDIT_COMMAND_H_

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace vci::cli {

// AddAuditCommand adds `audit` to `app`. `globals` must outlive the action that parsing stores
// in `out_action`.
void AddAuditCommand(CLI::App& app, const GlobalOptions& globals, Action& out_action);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_AUDIT_COMMAND_H_
