// Opening the appliance's key registry (the key sets in the state database) for the officer's
// commands, and recording each key operation in the journal beside the registry's audit table.
#ifndef VCISSUER_CLI_KEY_REGISTRY_ACCESS_H_
#define VCISSUER_CLI_KEY_REGISTRY_ACCESS_H_

#include <memory>
#include <string>
#include <string_view>

#include "cli/command.h"
#include "crypto/base/result.h"
#include "daemon/store/key_registry.h"

namespace vci::cli {

// kMessageKeyOperation is the journald MESSAGE_ID of every key operation vcissuerctl records
// (`journalctl MESSAGE_ID=...`). It never changes meaning.
inline constexpr std::string_view kMessageKeyOperation = "8b0f3c1e6d2a4f57a9e4c7d1b2f36a08";

// OpenRegistry loads the configuration at globals.config_path and opens the key registry in its
// state database. On failure it reports to stderr, sets `out_status` and returns null.
std::unique_ptr<store::KeyRegistry> OpenRegistry(const GlobalOptions& globals, int& out_status);

// CurrentUnixUser is the name of the effective user (or "uid N" when it has no name).
std::string CurrentUnixUser();

// JournalKeyOperation sends `event` to the journal with kMessageKeyOperation and the fields
// VCI_KEY_OPERATION, VCI_KEY_ID, VCI_KEY_SET, VCI_KEY_OUTCOME, VCI_UNIX_USER. Best effort: a
// system without journald loses the line, never the registry's audit row.
void JournalKeyOperation(const store::KeyAuditEvent& event);

// RecordRefusal appends a "refused" (or "failed") row for `error` to the registry's audit trail
// and the journal, reports `error` to stderr and returns its exit status.
int RecordRefusal(store::KeyRegistry& registry, store::KeyAuditEvent event, const Error& error);

// JournalTransitions sends one journal line per state change a registry call made.
void JournalTransitions(const std::vector<store::KeyTransition>& transitions,
                        std::string_view operation, int64_t now);

// Now is the wall-clock time in seconds since the epoch.
int64_t Now();

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_REGISTRY_ACCESS_H_
