#include "cli/audit_command.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/key_registry_access.h"
#include "cli/key_set_output.h"
#include "cli/report.h"

namespace vci::cli {
namespace {

struct AuditOptions {
  bool issuance = false;
  int64_t limit = 0;
  bool json = false;
};

nlohmann::ordered_json IssuanceJson(const store::IssuanceRecord& record) {
  nlohmann::ordered_json out;
  out["issued_at"] = record.issued_at;
  out["expires_at"] = record.expires_at;
  out["client"] = record.client;
  out["offer_id"] = record.offer_id;
  out["configuration_id"] = record.configuration_id;
  out["signing_key_kid"] = record.signing_key_id;
  out["credential_sha256"] = record.credential_digest;
  return out;
}

std::string IssuanceText(const store::IssuanceRecord& record) {
  return UtcTime(record.issued_at) + " client=" + record.client + " offer=" + record.offer_id +
         " configuration=" + record.configuration_id + " kid=" + record.signing_key_id +
         " sha256=" + record.credential_digest +
         (record.expires_at == 0 ? "" : " expires=" + UtcTime(record.expires_at)) + "\n";
}

int RunAudit(const GlobalOptions& globals, const AuditOptions& options) {
  int status = 0;
  std::unique_ptr<store::KeyRegistry> registry = OpenRegistry(globals, status);
  if (registry == nullptr) {
    return status;
  }
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  std::string text;
  if (options.issuance) {
    Result<std::vector<store::IssuanceRecord>> records = registry->Issuances(options.limit);
    if (!records.has_value()) {
      return ReportFailure(records.error());
    }
    for (const store::IssuanceRecord& record : *records) {
      json.push_back(IssuanceJson(record));
      text += IssuanceText(record);
    }
  } else {
    Result<std::vector<store::KeyAuditEvent>> events = registry->Audit(options.limit);
    if (!events.has_value()) {
      return ReportFailure(events.error());
    }
    for (const store::KeyAuditEvent& event : *events) {
      json.push_back(AuditJson(event));
      text += AuditText(event);
    }
  }
  PrintOut(options.json ? json.dump() + "\n" : TerminalSafe(text, /*keep_newlines=*/true));
  return ExitStatus(ExitCode::kOk);
}

}  // namespace

void AddAuditCommand(CLI::App& app, const GlobalOptions& globals, Action& out_action) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand(
      "audit", "Print the key audit trail (who did what to which key), or the issuance record");
  cmd->add_flag("--issuance", options->issuance,
                "Print the issuance record instead: every credential issued, never its claims");
  cmd->add_option("--limit", options->limit, "Only the newest N entries")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", options->json, "Print one JSON array");
  cmd->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunAudit(globals, *options); };
  });
}

}  // namespace vci::cli
