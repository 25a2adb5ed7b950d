#include "cli/key_set_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/key_registry_access.h"
#include "cli/key_set_output.h"
#include "cli/report.h"

namespace vci::cli {
namespace {

struct SetOptions {
  std::string set;
  std::string purpose = "sign";
  bool json = false;
};

struct MoveOptions {
  std::string label;
  std::string id;
  std::string reason;
  bool force = false;
};

// ResolveMember finds the member named by --id (its CKA_ID in hex) or by --label.
Result<store::KeySetMember> ResolveMember(store::KeyRegistry& registry,
                                          const MoveOptions& options) {
  if (options.label.empty() == options.id.empty()) {
    return Error(ErrorCode::kInvalidArgument, "give exactly one of --label or --id");
  }
  if (!options.id.empty()) {
    return registry.FindMember(options.id);
  }
  VCI_ASSIGN_OR_RETURN(std::vector<store::KeySet> sets, registry.ListSets());
  for (const store::KeySet& set : sets) {
    VCI_ASSIGN_OR_RETURN(std::vector<store::KeySetMember> members, registry.Members(set.name));
    for (store::KeySetMember& member : members) {
      if (member.label == options.label) {
        return std::move(member);
      }
    }
  }
  return Error(ErrorCode::kNotFound, "no key labelled '" + options.label + "' is in a key set");
}

int RunCreateSet(const GlobalOptions& globals, const SetOptions& options) {
  int status = 0;
  std::unique_ptr<store::KeyRegistry> registry = OpenRegistry(globals, status);
  if (registry == nullptr) {
    return status;
  }
  int64_t now = Now();
  store::KeyAuditEvent event{now, CurrentUnixUser(), "create-set", "", options.set, "ok", ""};
  Result<store::KeyPurpose> purpose = store::ParseKeyPurpose(options.purpose);
  if (!purpose.has_value()) {
    return ReportFailure(purpose.error());
  }
  Result<void> created =
      registry->CreateSet(store::KeySet{options.set, *purpose, now}, event.unix_user);
  if (!created.has_value()) {
    return RecordRefusal(*registry, event, created.error());
  }
  event.detail = options.purpose;
  JournalKeyOperation(event);
  PrintOut("key set " + options.set + " (" + options.purpose + ") created\n");
  return ExitStatus(ExitCode::kOk);
}

int RunShow(const GlobalOptions& globals, const SetOptions& options) {
  int status = 0;
  std::unique_ptr<store::KeyRegistry> registry = OpenRegistry(globals, status);
  if (registry == nullptr) {
    return status;
  }
  Result<std::vector<store::KeySet>> sets = registry->ListSets();
  if (!sets.has_value()) {
    return ReportFailure(sets.error());
  }
  nlohmann::ordered_json json = nlohmann::ordered_json::array();
  std::string text;
  bool found = false;
  for (const store::KeySet& set : *sets) {
    if (!options.set.empty() && set.name != options.set) {
      continue;
    }
    found = true;
    Result<std::vector<store::KeySetMember>> members = registry->Members(set.name);
    if (!members.has_value()) {
      return ReportFailure(members.error());
    }
    nlohmann::ordered_json entry;
    entry["set"] = set.name;
    entry["purpose"] = store::KeyPurposeName(set.purpose);
    entry["members"] = nlohmann::ordered_json::array();
    text += (text.empty() ? "" : "\n") + set.name + " (" +
            std::string(store::KeyPurposeName(set.purpose)) + ")\n";
    for (const store::KeySetMember& member : *members) {
      entry["members"].push_back(MemberJson(member));
      text += "  " + MemberText(member);
    }
    json.push_back(std::move(entry));
  }
  if (!options.set.empty() && !found) {
    return ReportFailure(Error(ErrorCode::kNotFound, "no key set named " + options.set));
  }
  PrintOut(options.json ? json.dump() + "\n" : TerminalSafe(text, /*keep_newlines=*/true));
  return ExitStatus(ExitCode::kOk);
}

// RunMove runs `keys activate` (retire == false) or `keys retire`.
int RunMove(const GlobalOptions& globals, const MoveOptions& options, bool retire) {
  if (options.force && options.reason.empty()) {
    return ReportFailure(Error(ErrorCode::kInvalidArgument, "--force needs --reason \"why\""),
                         ExitCode::kUsage);
  }
  int status = 0;
  std::unique_ptr<store::KeyRegistry> registry = OpenRegistry(globals, status);
  if (registry == nullptr) {
    return status;
  }
  int64_t now = Now();
  std::string operation = retire ? "retire" : "activate";
  store::KeyAuditEvent event{now, CurrentUnixUser(), operation, options.id, "", "ok", ""};
  Result<store::KeySetMember> member = ResolveMember(*registry, options);
  if (!member.has_value()) {
    return RecordRefusal(*registry, event, member.error());
  }
  event.key_id = member->key_id;
  event.set_name = member->set_name;
  Result<std::vector<store::KeyTransition>> moved =
      retire ? registry->Retire(member->key_id, options.force, now, event.unix_user)
             : registry->Activate(member->key_id, now, event.unix_user);
  if (!moved.has_value()) {
    return RecordRefusal(*registry, event, moved.error());
  }
  if (options.force) {
    event.operation = "retire-forced";
    event.detail = "reason: " + options.reason;
    static_cast<void>(registry->AppendAudit(event));
  }
  JournalTransitions(*moved, operation, now);
  PrintOut(moved->empty() ? "nothing to do: key " + member->key_id + " is already " +
                                std::string(store::KeyStateName(member->state)) + "\n"
                          : TransitionsText(*moved));
  return ExitStatus(ExitCode::kOk);
}

void AddMoveOptions(CLI::App& cmd, MoveOptions& options) {
  CLI::Option* label = cmd.add_option("--label", options.label, "Label of the key");
  CLI::Option* id = cmd.add_option("--id", options.id, "Key id (CKA_ID) in lowercase hex");
  label->excludes(id);
}

}  // namespace

void AddKeySetCommands(CLI::App& keys, const GlobalOptions& globals, Action& out_action) {
  auto set = std::make_shared<SetOptions>();
  CLI::App* create = keys.add_subcommand("create-set", "Create a key set for the policy to name");
  create->add_option("--set", set->set, "Name of the key set")->required();
  create->add_option("--purpose", set->purpose, "sign, hmac or claims")
      ->capture_default_str()
      ->check(CLI::IsMember({"sign", "hmac", "claims"}));
  create->callback([&globals, &out_action, set] {
    out_action = [&globals, set] { return RunCreateSet(globals, *set); };
  });

  auto show = std::make_shared<SetOptions>();
  CLI::App* show_cmd = keys.add_subcommand(
      "show", "Show key sets and the state of each member (all sets by default)");
  show_cmd->add_option("--set", show->set, "Only this key set");
  show_cmd->add_flag("--json", show->json, "Print one JSON array");
  show_cmd->callback([&globals, &out_action, show] {
    out_action = [&globals, show] { return RunShow(globals, *show); };
  });

  auto activate = std::make_shared<MoveOptions>();
  CLI::App* activate_cmd = keys.add_subcommand(
      "activate", "Make a next (or retiring) key the signer of its set; the old one retires");
  AddMoveOptions(*activate_cmd, *activate);
  activate_cmd->callback([&globals, &out_action, activate] {
    out_action = [&globals, activate] { return RunMove(globals, *activate, false); };
  });

  auto retire = std::make_shared<MoveOptions>();
  CLI::App* retire_cmd = keys.add_subcommand(
      "retire", "Retire a next key, or a retiring key once its last credential has expired");
  AddMoveOptions(*retire_cmd, *retire);
  retire_cmd->add_flag("--force", retire->force, "Retire a key still in use (needs --reason)");
  retire_cmd->add_option("--reason", retire->reason, "Why --force is used; kept in the audit");
  retire_cmd->callback([&globals, &out_action, retire] {
    out_action = [&globals, retire] { return RunMove(globals, *retire, true); };
  });
}

}  // namespace vci::cli
