#include "cli/policy_command.h"

#include <filesystem>
#include <memory>
#include <system_error>

#include "cli/report.h"
#include "cli/small_file.h"
#include "daemon/config/config.h"
#include "policy/policy_loader.h"

namespace vci::cli {
namespace {

Result<policy::Policy> LoadPolicyPath(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return policy::LoadPolicyDir(path);
  }
  VCI_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, policy::kMaxPolicyFileBytes));
  return policy::ParsePolicyText(text, path);
}

int RunPolicyCheck(const GlobalOptions& globals, const std::string& path_option) {
  std::string path = path_option;
  if (path.empty()) {
    Result<config::Config> config = config::LoadConfig(globals.config_path);
    if (!config.has_value()) {
      return ReportFailure(config.error(), ExitCode::kConfigInvalid);
    }
    path = config->policy.directory;
  }
  return CheckPolicy(path);
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

  auto path = std::make_shared<std::string>();
  CLI::App* check = policy->add_subcommand(
      "check",
      "Load a policy directory (every *.toml) or one file and print every problem as "
      "file:line:column; exit 0 when valid, 3 when invalid");
  check->add_option("path", *path,
                    "Policy directory or file; default: [policy] directory of --config");
  check->callback([&globals, &out_action, path] {
    out_action = [&globals, path] { return RunPolicyCheck(globals, *path); };
  });
}

}  // namespace vci::cli
