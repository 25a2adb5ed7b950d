#include "cli/key_rotate_command.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/expires_in.h"
#include "cli/key_lookup.h"
#include "cli/key_registry_access.h"
#include "cli/key_set_output.h"
#include "cli/report.h"
#include "crypto/pkcs11/key_info.h"
#include "crypto/pkcs11/token.h"

namespace vci::cli {
namespace {

struct RotateOptions {
  std::string set;
  std::string type;
  std::string label;
  std::string lead_time = "24h";
  std::string pin_file;
  bool now = false;
  bool json = false;
};

// WeakAttribute names the first protection `key` lacks (as the daemon refuses such a key at
// start-up), or returns "" for a key made as keys generate makes them.
std::string WeakAttribute(const pkcs11::KeyInfo& key) {
  if (!key.sensitive) {
    return "CKA_SENSITIVE must be true";
  }
  if (key.extractable) {
    return "CKA_EXTRACTABLE must be false";
  }
  if (!key.always_sensitive) {
    return "CKA_ALWAYS_SENSITIVE must be true";
  }
  if (!key.never_extractable) {
    return "CKA_NEVER_EXTRACTABLE must be true";
  }
  if (key.copyable) {
    return "CKA_COPYABLE must be false";
  }
  if (!key.is_private) {
    return "CKA_PRIVATE must be true";
  }
  return "";
}

// AddToSet records `key` as a member of options.set: next, active after the lead time, or active
// at once with --now.
int AddToSet(store::KeyRegistry& registry, const pkcs11::KeyInfo& key, const RotateOptions& options,
             std::string_view operation) {
  int64_t now = Now();
  store::KeySetMember member;
  member.set_name = options.set;
  member.key_id = ToHex(key.id);
  member.label = key.label;
  member.thumbprint = key.kid.value_or("");
  member.state = options.now ? store::KeyState::kActive : store::KeyState::kNext;
  store::KeyAuditEvent event{
      now, CurrentUnixUser(), std::string(operation), member.key_id, options.set, "ok", ""};
  if (!options.now) {
    Result<std::chrono::seconds> lead = ParseExpiresIn(options.lead_time);
    if (!lead.has_value()) {
      return ReportFailure(lead.error(), ExitCode::kUsage);
    }
    member.activate_at = now + lead->count();
  }
  Result<std::vector<store::KeyTransition>> moved =
      registry.AddMember(member, now, event.unix_user);
  if (!moved.has_value()) {
    return RecordRefusal(registry, event, moved.error());
  }
  event.detail =
      options.now ? "active now" : "next, active at " + UtcTime(member.activate_at.value_or(0));
  JournalKeyOperation(event);
  JournalTransitions(*moved, operation, now);
  if (options.json) {
    Result<store::KeySetMember> stored = registry.FindMember(member.key_id);
    if (stored.has_value()) {
      PrintOut(MemberJson(*stored).dump() + "\n");
    }
  } else {
    PrintOut("key " + member.key_id + " (" + TerminalSafe(member.label) + ") joined " +
             options.set + ": " + event.detail + "\n" + TransitionsText(*moved));
  }
  return ExitStatus(ExitCode::kOk);
}

int RunRotate(const GlobalOptions& globals, const RotateOptions& options) {
  Result<pkcs11::KeyKind> kind = pkcs11::ParseKeyKind(options.type);
  if (!kind.has_value()) {
    return ReportFailure(kind.error(), ExitCode::kUsage);
  }
  if (!options.now && !ParseExpiresIn(options.lead_time).has_value()) {
    return ReportFailure(ParseExpiresIn(options.lead_time).error(), ExitCode::kUsage);
  }
  int status = 0;
  std::unique_ptr<store::KeyRegistry> registry = OpenRegistry(globals, status);
  if (registry == nullptr) {
    return status;
  }
  if (Result<store::KeySet> set = registry->GetSet(options.set); !set.has_value()) {
    return ReportFailure(set.error());
  }
  std::unique_ptr<pkcs11::Token> token = OpenToken(globals, options.pin_file, status);
  if (token == nullptr) {
    return status;
  }
  pkcs11::KeySpec spec;
  spec.kind = *kind;
  spec.label = options.label.empty() ? options.set + "-" + std::to_string(Now()) : options.label;
  Result<pkcs11::KeyInfo> key = token->GenerateKey(spec);
  store::KeyAuditEvent event{Now(),
                             CurrentUnixUser(),
                             "generate",
                             "",
                             options.set,
                             "ok",
                             std::string(pkcs11::KeyKindName(*kind))};
  if (!key.has_value()) {
    return RecordRefusal(*registry, event, key.error());
  }
  event.key_id = ToHex(key->id);
  static_cast<void>(registry->AppendAudit(event));
  JournalKeyOperation(event);
  return AddToSet(*registry, *key, options, "rotate");
}

int RunAdd(const GlobalOptions& globals, const RotateOptions& options) {
  int status = 0;
  std::unique_ptr<store::KeyRegistry> registry = OpenRegistry(globals, status);
  if (registry == nullptr) {
    return status;
  }
  std::unique_ptr<pkcs11::Token> token = OpenToken(globals, options.pin_file, status);
  if (token == nullptr) {
    return status;
  }
  Result<pkcs11::KeyInfo> key = FindKeyByLabel(*token, options.label);
  if (!key.has_value()) {
    return ReportFailure(key.error());
  }
  if (std::string weak = WeakAttribute(*key); !weak.empty()) {
    store::KeyAuditEvent event{Now(), CurrentUnixUser(), "add", ToHex(key->id), options.set, "",
                               ""};
    return RecordRefusal(*registry, event,
                         Error(ErrorCode::kFailedPrecondition,
                               "key '" + TerminalSafe(options.label) +
                                   "' is too weak for a key "
                                   "set: " +
                                   weak + " (make keys with vcissuerctl keys generate)"));
  }
  return AddToSet(*registry, *key, options, "add");
}

void AddCommonOptions(CLI::App& cmd, RotateOptions& options) {
  cmd.add_option("--set", options.set, "Name of the key set")->required();
  cmd.add_option("--lead-time", options.lead_time,
                 "How long the key stays next (published, not signing): seconds or 30m, 24h, 7d")
      ->capture_default_str();
  cmd.add_flag("--now", options.now, "Make the key active at once");
  cmd.add_option("--pin-file", options.pin_file, kPinFileHelp);
  cmd.add_flag("--json", options.json, "Print the new member as one JSON object");
}

}  // namespace

void AddRotateCommands(CLI::App& keys, const GlobalOptions& globals, Action& out_action) {
  auto rotate = std::make_shared<RotateOptions>();
  CLI::App* rotate_cmd = keys.add_subcommand(
      "rotate", "Generate a new key in the token and add it to a key set as its next key");
  AddCommonOptions(*rotate_cmd, *rotate);
  rotate_cmd
      ->add_option("--type", rotate->type, "ec-p256, ec-p384, ed25519, hmac-sha256 or aes-256")
      ->required();
  rotate_cmd->add_option("--label", rotate->label, "Label of the new key; default: <set>-<time>");
  rotate_cmd->callback([&globals, &out_action, rotate] {
    out_action = [&globals, rotate] { return RunRotate(globals, *rotate); };
  });

  auto add = std::make_shared<RotateOptions>();
  CLI::App* add_cmd =
      keys.add_subcommand("add", "Add an existing key of the token to a key set as next");
  AddCommonOptions(*add_cmd, *add);
  add_cmd->add_option("--label", add->label, "Label of the key on the token")->required();
  add_cmd->callback([&globals, &out_action, add] {
    out_action = [&globals, add] { return RunAdd(globals, *add); };
  });
}

}  // namespace vci::cli
