#include "cli/key_destroy_command.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/key_lookup.h"
#include "cli/report.h"
#include "daemon/config/config.h"
#include "policy/policy_loader.h"

namespace vci::cli {
namespace {

struct DestroyOptions {
  std::string label;
  std::string pin_file;
  std::string reason;
  bool force = false;
  bool yes = false;
};

// UsesOfLabel returns where the configuration and its policy use the key labelled `label`:
// "keys.hmac", "signing key of credential configuration 'badge'", ...
std::vector<std::string> UsesOfLabel(const config::Config& config, const std::string& label) {
  std::vector<std::string> uses;
  auto names = [&label](const std::string& uri) {
    Result<std::optional<std::string>> object = pkcs11::ObjectLabelOfUri(uri);
    return object.has_value() && object->has_value() && **object == label;
  };
  if (names(config.keys.hmac)) {
    uses.push_back("[keys] hmac of the configuration");
  }
  Result<policy::Policy> policy = policy::LoadPolicyDir(config.policy.directory);
  if (policy.has_value()) {
    for (const policy::CredentialConfiguration& configuration : policy->configurations) {
      if (names(configuration.signing_key)) {
        uses.push_back("the signing key of credential configuration '" + configuration.id + "'");
      }
    }
  }
  return uses;
}

// Confirm asks on the terminal; without one, only --yes confirms.
bool Confirm(const std::string& label) {
  if (::isatty(STDIN_FILENO) == 0) {
    return false;
  }
  PrintErr("Destroy key '" + label + "' for good? It cannot be recovered. Type yes: ");
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

int RunDestroy(const GlobalOptions& globals, const DestroyOptions& options) {
  Result<config::Config> config = config::LoadConfig(globals.config_path);
  if (!config.has_value()) {
    return ReportFailure(config.error(), ExitCode::kConfigInvalid);
  }
  std::vector<std::string> uses = UsesOfLabel(*config, options.label);
  if (!uses.empty() && !(options.force && !options.reason.empty())) {
    std::string where;
    for (const std::string& use : uses) {
      where += "\n  " + use;
    }
    return ReportFailure(Error(ErrorCode::kFailedPrecondition,
                               "key '" + options.label + "' is in use:" + where +
                                   "\nDestroy it anyway only with --force --reason \"why\"."),
                         ExitCode::kRefused);
  }
  int status = 0;
  std::unique_ptr<pkcs11::Token> token = OpenToken(globals, options.pin_file, status);
  if (token == nullptr) {
    return status;
  }
  Result<pkcs11::KeyInfo> key = FindKeyByLabel(*token, options.label);
  if (!key.has_value()) {
    return ReportFailure(key.error());
  }
  if (!options.yes && !Confirm(options.label)) {
    return ReportFailure(Error(ErrorCode::kFailedPrecondition,
                               "not confirmed: nothing was destroyed (use --yes to confirm)"),
                         ExitCode::kRefused);
  }
  // TODO(lead): record the destruction, its reason and the unix user in the audit table, #6
  if (Result<void> destroyed = token->DestroyKey(key->uri); !destroyed.has_value()) {
    return ReportFailure(destroyed.error());
  }
  PrintOut("destroyed " + key->uri + "\n");
  return ExitStatus(ExitCode::kOk);
}

}  // namespace

void AddDestroyCommand(CLI::App& keys, const GlobalOptions& globals, Action& out_action) {
  auto options = std::make_shared<DestroyOptions>();
  CLI::App* cmd = keys.add_subcommand(
      "destroy", "Destroy a key in the token for good (asks for confirmation unless --yes)");
  cmd->add_option("--label", options->label, "Label of the key")->required();
  cmd->add_flag("--yes", options->yes, "Do not ask for confirmation");
  cmd->add_flag("--force", options->force,
                "Destroy a key the configuration or policy still uses (needs --reason)");
  cmd->add_option("--reason", options->reason, "Why a key in use is destroyed (with --force)");
  cmd->add_option("--pin-file", options->pin_file, kPinFileHelp);
  cmd->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunDestroy(globals, *options); };
  });
}

}  // namespace vci::cli
