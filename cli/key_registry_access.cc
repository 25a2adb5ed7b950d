#include "cli/key_registry_access.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "cli/report.h"
#include "daemon/config/config.h"
#include "daemon/systemd/log_sink.h"

namespace vci::cli {

std::unique_ptr<store::KeyRegistry> OpenRegistry(const GlobalOptions& globals, int& out_status) {
  Result<config::Config> config = config::LoadConfig(globals.config_path);
  if (!config.has_value()) {
    out_status = ReportFailure(config.error(), ExitCode::kConfigInvalid);
    return nullptr;
  }
  // TODO(lead): switch to the service user when run as root, #6
  // Run as root, this creates a root-owned database; the switch belongs before opening it and
  // the module (who runs the CLI).
  Result<std::unique_ptr<store::KeyRegistry>> registry =
      store::KeyRegistry::Open(config->state.DatabasePath());
  if (!registry.has_value()) {
    out_status = ReportFailure(registry.error());
    return nullptr;
  }
  return std::move(registry).value();
}

std::string CurrentUnixUser() {
  uid_t uid = ::geteuid();
  std::vector<char> buffer(4096);

  struct passwd entry {};
  struct passwd* found = nullptr;
  if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
    return found->pw_name;
  }
  return "uid " + std::to_string(uid);
}

void JournalKeyOperation(const store::KeyAuditEvent& event) {
  systemd::LogRecord record;
  record.level = event.outcome == "ok" ? systemd::LogLevel::kNotice : systemd::LogLevel::kWarning;
  record.message = "key " + event.operation + " " + event.outcome +
                   (event.key_id.empty() ? "" : " key_id=" + event.key_id) +
                   (event.set_name.empty() ? "" : " set=" + event.set_name) + " by " +
                   event.unix_user;
  record.fields = {{"MESSAGE_ID", std::string(kMessageKeyOperation)},
                   {"VCI_KEY_OPERATION", event.operation},
                   {"VCI_KEY_ID", event.key_id},
                   {"VCI_KEY_SET", event.set_name},
                   {"VCI_KEY_OUTCOME", event.outcome},
                   {"VCI_UNIX_USER", event.unix_user}};
  systemd::JournalSink().Write(record);
}

int RecordRefusal(store::KeyRegistry& registry, store::KeyAuditEvent event, const Error& error) {
  bool refused =
      error.code() == ErrorCode::kFailedPrecondition || error.code() == ErrorCode::kAlreadyExists;
  event.outcome = refused ? "refused" : "failed";
  event.detail = std::string(error.message());
  static_cast<void>(registry.AppendAudit(event));
  JournalKeyOperation(event);
  return ReportFailure(error, refused && error.code() == ErrorCode::kFailedPrecondition
                                  ? ExitCode::kRefused
                                  : ExitCodeFor(error));
}

void JournalTransitions(const std::vector<store::KeyTransition>& transitions,
                        std::string_view operation, int64_t now) {
  for (const store::KeyTransition& step : transitions) {
    JournalKeyOperation(store::KeyAuditEvent{now, CurrentUnixUser(), std::string(operation),
                                             step.key_id, step.set_name, "ok",
                                             std::string(store::KeyStateName(step.from)) + " -> " +
                                                 std::string(store::KeyStateName(step.to))});
  }
}

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace vci::cli
