#include "cli/token_commands.h"

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "cli/report.h"
#include "crypto/pkcs11/pin_source.h"
#include "crypto/pkcs11/token.h"

namespace vci::cli {
namespace {

struct TokenInitOptions {
  std::string dir;
  std::string label;
  std::string so_pin_file;
  std::string pin_file;
  std::string module = kDefaultSoftHsmModule;
};

// ShellQuote returns `text` in single quotes for a POSIX shell.
std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

int RunTokenInit(const TokenInitOptions& options) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(options.dir, ec).lexically_normal();
  if (!ec) {
    std::filesystem::create_directories(dir, ec);
  }
  if (ec) {
    return ReportFailure(Error(ErrorCode::kFailedPrecondition,
                               "cannot create the token directory " + options.dir, ec.message()));
  }
  Result<SecretBytes> so_pin = pkcs11::ReadPinFile(options.so_pin_file);
  if (!so_pin.has_value()) {
    return ReportFailure(so_pin.error().WithContext("--so-pin-file"));
  }
  Result<SecretBytes> user_pin = pkcs11::ReadPinFile(options.pin_file);
  if (!user_pin.has_value()) {
    return ReportFailure(user_pin.error().WithContext("--pin-file"));
  }
  Result<void> made =
      pkcs11::InitSoftHsmToken(options.module, dir.string(), options.label, *so_pin, *user_pin);
  if (!made.has_value()) {
    return ReportFailure(made.error());
  }

  std::string conf = (dir / "softhsm2.conf").string();
  PrintErr("vcissuerctl: token \"" + TerminalSafe(options.label) + "\" initialised in " +
           TerminalSafe(dir.string()) +
           "\nvcissuerctl: in vcissuer.toml, set [pkcs11] module = \"" +
           TerminalSafe(options.module) +
           "\" and token = \"pkcs11:token=" + TerminalSafe(options.label) + "\"\n");
  PrintOut("export SOFTHSM2_CONF=" + ShellQuote(conf) + "\n");
  return ExitStatus(ExitCode::kOk);
}

}  // namespace

void AddTokenCommands(CLI::App& app, Action& out_action) {
  CLI::App* token = app.add_subcommand("token", "Manage development tokens");
  token->require_subcommand(1);

  auto options = std::make_shared<TokenInitOptions>();
  CLI::App* init = token->add_subcommand(
      "init",
      "Initialise a SoftHSM2 token for development in DIR (never /var/lib/softhsm) and print the "
      "SOFTHSM2_CONF line to export. Needs no --config.");
  init->add_option("--dir", options->dir, "Directory for softhsm2.conf and the token files")
      ->required();
  init->add_option("--label", options->label, "Token label (1 to 32 bytes)")->required();
  init->add_option("--so-pin-file", options->so_pin_file,
                   "File holding the security officer PIN (mode 600)")
      ->required();
  init->add_option("--pin-file", options->pin_file, "File holding the user PIN (mode 600)")
      ->required();
  init->add_option("--module", options->module, "SoftHSM2 PKCS#11 module")->capture_default_str();
  init->callback(
      [options, &out_action] { out_action = [options] { return RunTokenInit(*options); }; });
}

}  // namespace vci::cli
