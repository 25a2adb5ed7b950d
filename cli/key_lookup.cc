#include "cli/key_lookup.h"

#include <optional>
#include <vector>

#include "cli/report.h"
#include "cli/token_access.h"
#include "daemon/config/config.h"

namespace vci::cli {

std::unique_ptr<pkcs11::Token> OpenToken(const GlobalOptions& globals, const std::string& pin_file,
                                         int& out_status) {
  Result<config::Config> config = config::LoadConfig(globals.config_path);
  if (!config.has_value()) {
    out_status = ReportFailure(config.error(), ExitCode::kConfigInvalid);
    return nullptr;
  }
  Result<std::unique_ptr<pkcs11::Token>> token = OpenConfiguredToken(config->pkcs11, pin_file);
  if (!token.has_value()) {
    out_status = ReportFailure(token.error());
    return nullptr;
  }
  return std::move(token).value();
}

Result<pkcs11::KeyInfo> FindKeyByLabel(pkcs11::Token& token, const std::string& label) {
  VCI_ASSIGN_OR_RETURN(std::vector<pkcs11::KeyInfo> keys, token.ListKeys());
  std::optional<pkcs11::KeyInfo> found;
  for (pkcs11::KeyInfo& key : keys) {
    if (key.label != label) {
      continue;
    }
    if (found.has_value()) {
      return Error(ErrorCode::kInvalidArgument,
                   "several keys are labelled '" + label + "'; use --uri");
    }
    found = std::move(key);
  }
  if (!found.has_value()) {
    return Error(ErrorCode::kNotFound, "no key is labelled '" + label + "'");
  }
  return std::move(found).value();
}

}  // namespace vci::cli
