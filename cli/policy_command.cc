#include "cli/policy_command.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "cli/key_lookup.h"
#include "cli/report.h"
#include "cli/small_file.h"
#include "cli/token_access.h"
#include "crypto/ossl/context.h"
#include "daemon/config/config.h"
#include "policy/console_rules.h"
#include "policy/policy_loader.h"

namespace vci::cli {
namespace {

struct PolicyCheckOptions {
  std::string path;
  bool check_keys = false;
  std::string pin_file;
  std::string console_rules;  // vcissuer-console's rules file, checked instead of the policy
};

Result<policy::Policy> LoadPolicyPath(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return policy::LoadPolicyDir(path);
  }
  VCI_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, policy::kMaxPolicyFileBytes));
  return policy::ParsePolicyText(text, path);
}

// KeyProblems opens every key that `policy` and `config` name in the configured token, with the
// daemon's own checks (present, hardened attributes, a type that fits signing_alg), and returns
// one line per problem.
Result<std::vector<std::string>> KeyProblems(const config::Config& config,
                                             const policy::Policy& policy,
                                             const std::string& pin_file) {
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<ossl::Context> ctx, ossl::Context::Create());
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<pkcs11::Token> token,
                       OpenConfiguredToken(config.pkcs11, pin_file));
  std::vector<std::string> problems;
  auto describe = [](const Error& error) {
    return error.message() + (error.detail().empty() ? "" : " (" + error.detail() + ")");
  };
  for (const policy::CredentialConfiguration& configuration : policy.configurations) {
    std::string what = "signing_key of credential_configuration '" + configuration.id + "'";
    Result<std::unique_ptr<jose::JwsSigner>> signer =
        token->OpenSigner(*ctx, configuration.signing_key);
    if (!signer.has_value()) {
      problems.push_back(what + ": " + describe(signer.error()));
    } else if ((*signer)->Algorithm() != configuration.signing_alg) {
      problems.push_back(what + ": the key signs " +
                         std::string(jose::JwsAlgorithmName((*signer)->Algorithm())) +
                         ", not the configured signing_alg " +
                         std::string(jose::JwsAlgorithmName(configuration.signing_alg)));
    }
  }
  if (Result<std::unique_ptr<MacKey>> mac = token->OpenMacKey(config.keys.hmac); !mac.has_value()) {
    problems.push_back("[keys] hmac of the configuration: " + describe(mac.error()));
  }
  return problems;
}

// CheckConsoleRules reports every problem of vcissuer-console's rules file at `path`.
int CheckConsoleRules(const std::string& path) {
  Result<policy::ConsoleRules> rules = policy::LoadConsoleRules(path);
  if (!rules.has_value()) {
    if (rules.error().code() != ErrorCode::kInvalidArgument) {
      return ReportFailure(rules.error(), ExitCode::kNotFound);
    }
    PrintErr(TerminalSafe(rules.error().message(), /*keep_newlines=*/true) +
             "\nvcissuerctl: " + TerminalSafe(path) + ": the console rules are invalid\n");
    return ExitStatus(ExitCode::kConfigInvalid);
  }
  PrintOut(TerminalSafe(path) + ": valid: " + std::to_string(rules->grants.size()) +
           " console grants\n");
  return ExitStatus(ExitCode::kOk);
}

int RunPolicyCheck(const GlobalOptions& globals, const PolicyCheckOptions& options) {
  if (!options.console_rules.empty()) {
    return CheckConsoleRules(options.console_rules);
  }
  std::string path = options.path;
  std::optional<config::Config> config;
  if (path.empty() || options.check_keys) {
    Result<config::Config> loaded = config::LoadConfig(globals.config_path);
    if (!loaded.has_value()) {
      return ReportFailure(loaded.error(), ExitCode::kConfigInvalid);
    }
    config = std::move(loaded).value();
  }
  if (path.empty()) {
    path = config->policy.directory;
  }
  int status = CheckPolicy(path);
  if (status != ExitStatus(ExitCode::kOk) || !options.check_keys) {
    return status;
  }
  Result<policy::Policy> policy = LoadPolicyPath(path);
  if (!policy.has_value()) {
    return ReportFailure(policy.error(), ExitCode::kConfigInvalid);
  }
  Result<std::vector<std::string>> problems = KeyProblems(*config, *policy, options.pin_file);
  if (!problems.has_value()) {
    return ReportFailure(problems.error());
  }
  if (!problems->empty()) {
    std::string text;
    for (const std::string& problem : *problems) {
      text += TerminalSafe(problem) + "\n";
    }
    PrintErr(text + "vcissuerctl: the policy's keys are not usable in the token\n");
    return ExitStatus(ExitCode::kConfigInvalid);
  }
  PrintOut("every key the policy and the configuration name is present and hardened\n");
  return ExitStatus(ExitCode::kOk);
}

}  // namespace

int CheckPolicy(const std::string& path) {
  Result<policy::Policy> loaded = LoadPolicyPath(path);
  if (!loaded.has_value()) {
    const Error& error = loaded.error();
    switch (error.code()) {
      case ErrorCode::kInvalidArgument:
        // The message holds one "file:line:column: sentence" line per problem.
        PrintErr(TerminalSafe(error.message(), /*keep_newlines=*/true) +
                 "\nvcissuerctl: " + TerminalSafe(path) + ": the policy is invalid\n");
        return ExitStatus(ExitCode::kConfigInvalid);
      case ErrorCode::kNotFound:
        return ReportFailure(error, ExitCode::kNotFound);
      default:
        return ReportFailure(error, ExitCode::kFailure);
    }
  }
  PrintOut(TerminalSafe(path) + ": valid: " + std::to_string(loaded->configurations.size()) +
           " configurations, " + std::to_string(loaded->clients.size()) + " clients\n");
  return ExitStatus(ExitCode::kOk);
}

void AddPolicyCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action) {
  CLI::App* policy = app.add_subcommand("policy", "Check issuance policies");
  policy->require_subcommand(1);

  auto options = std::make_shared<PolicyCheckOptions>();
  CLI::App* check = policy->add_subcommand(
      "check",
      "Load a policy directory (every *.toml) or one file and print every problem as "
      "file:line:column; exit 0 when valid, 3 when invalid");
  check->add_option("path", options->path,
                    "Policy directory or file; default: [policy] directory of --config");
  check->add_flag("--check-keys", options->check_keys,
                  "Also open every key the policy and --config name in the token, with the "
                  "daemon's checks (present, hardened, fitting signing_alg)");
  check->add_option("--pin-file", options->pin_file, kPinFileHelp);
  check->add_option("--console-rules", options->console_rules,
                    "Check this vcissuer-console rules file (eligibility and claim mapping) "
                    "instead of the policy");
  check->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunPolicyCheck(globals, *options); };
  });
}

}  // namespace vci::cli
