#include "cli/key_commands.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/key_destroy_command.h"
#include "cli/key_export.h"
#include "cli/key_lookup.h"
#include "cli/key_output.h"
#include "cli/key_rotate_command.h"
#include "cli/key_set_commands.h"
#include "cli/report.h"
#include "cli/token_access.h"
#include "crypto/ossl/context.h"
#include "crypto/pkcs11/key_info.h"
#include "crypto/pkcs11/token.h"
#include "daemon/config/config.h"

namespace vci::cli {
namespace {

struct GenerateOptions {
  std::string type;
  std::string label;
  std::string id_hex;
  std::string pin_file;
  bool json = false;
};

struct ListOptions {
  std::string pin_file;
  bool json = false;
};

struct ExportOptions {
  std::string label;
  std::string uri;
  std::string format = "jwk";
  std::string pin_file;
};

int RunGenerate(const GlobalOptions& globals, const GenerateOptions& options) {
  Result<pkcs11::KeyKind> kind = pkcs11::ParseKeyKind(options.type);
  if (!kind.has_value()) {
    return ReportFailure(kind.error());
  }
  pkcs11::KeySpec spec;
  spec.kind = *kind;
  spec.label = options.label;
  if (!options.id_hex.empty()) {
    Result<Bytes> id = ParseHexId(options.id_hex);
    if (!id.has_value()) {
      return ReportFailure(id.error());
    }
    spec.id = std::move(id).value();
  }
  int status = 0;
  std::unique_ptr<pkcs11::Token> token = OpenToken(globals, options.pin_file, status);
  if (token == nullptr) {
    return status;
  }
  Result<pkcs11::KeyInfo> key = token->GenerateKey(spec);
  if (!key.has_value()) {
    return ReportFailure(key.error());
  }
  std::string out = options.json ? KeyInfoJson(*key).dump() + "\n" : KeyInfoText(*key);
  PrintOut(out);
  return ExitStatus(ExitCode::kOk);
}

int RunList(const GlobalOptions& globals, const ListOptions& options) {
  int status = 0;
  std::unique_ptr<pkcs11::Token> token = OpenToken(globals, options.pin_file, status);
  if (token == nullptr) {
    return status;
  }
  Result<std::vector<pkcs11::KeyInfo>> keys = token->ListKeys();
  if (!keys.has_value()) {
    return ReportFailure(keys.error());
  }
  if (options.json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const pkcs11::KeyInfo& key : *keys) {
      list.push_back(KeyInfoJson(key));
    }
    PrintOut(list.dump() + "\n");
    return ExitStatus(ExitCode::kOk);
  }
  for (size_t i = 0; i < keys->size(); ++i) {
    PrintOut((i == 0 ? "" : "\n") + KeyInfoText((*keys)[i]));
  }
  return ExitStatus(ExitCode::kOk);
}

// KeyUriForLabel returns the URI of the one signing key labelled `label`.
Result<std::string> KeyUriForLabel(pkcs11::Token& token, const std::string& label) {
  VCI_ASSIGN_OR_RETURN(pkcs11::KeyInfo found, FindKeyByLabel(token, label));
  if (!found.kid.has_value()) {
    return Error(ErrorCode::kInvalidArgument, "key '" + label + "' is a " +
                                                  std::string(pkcs11::KeyKindName(found.kind)) +
                                                  " secret key; it has no public key to export");
  }
  return found.uri;
}

int RunExport(const GlobalOptions& globals, const ExportOptions& options) {
  if (options.label.empty() == options.uri.empty()) {
    return ReportFailure(
        Error(ErrorCode::kInvalidArgument, "keys export: give exactly one of --label or --uri"));
  }
  Result<ExportFormat> format = ParseExportFormat(options.format);
  if (!format.has_value()) {
    return ReportFailure(format.error());
  }
  Result<std::unique_ptr<ossl::Context>> ctx = ossl::Context::Create();
  if (!ctx.has_value()) {
    return ReportFailure(ctx.error());
  }
  int status = 0;
  std::unique_ptr<pkcs11::Token> token = OpenToken(globals, options.pin_file, status);
  if (token == nullptr) {
    return status;
  }
  Result<std::string> uri = options.uri;
  if (options.uri.empty()) {
    uri = KeyUriForLabel(*token, options.label);
  }
  if (!uri.has_value()) {
    return ReportFailure(uri.error());
  }
  Result<ossl::EvpPkeyPtr> key = token->PublicKey(**ctx, *uri);
  if (!key.has_value()) {
    return ReportFailure(key.error());
  }
  Result<std::string> out = ExportPublicKey(**ctx, key->get(), *format);
  if (!out.has_value()) {
    return ReportFailure(out.error());
  }
  PrintOut(*out);
  return ExitStatus(ExitCode::kOk);
}

void AddGenerate(CLI::App& keys, const GlobalOptions& globals, Action& out_action) {
  auto options = std::make_shared<GenerateOptions>();
  CLI::App* cmd = keys.add_subcommand(
      "generate", "Generate a key inside the token (sensitive, non-extractable, non-copyable)");
  cmd->add_option("--type", options->type, "ec-p256, ec-p384, ed25519, hmac-sha256 or aes-256")
      ->required();
  cmd->add_option("--label", options->label, "Key label (CKA_LABEL), unique on the token")
      ->required();
  cmd->add_option("--id", options->id_hex, "Key id (CKA_ID) in hex; default: 16 random bytes");
  cmd->add_option("--pin-file", options->pin_file, kPinFileHelp);
  cmd->add_flag("--json", options->json, "Print the key as one JSON object");
  cmd->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunGenerate(globals, *options); };
  });
}

void AddList(CLI::App& keys, const GlobalOptions& globals, Action& out_action) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* cmd = keys.add_subcommand("list", "List the private and secret keys on the token");
  cmd->add_option("--pin-file", options->pin_file, kPinFileHelp);
  cmd->add_flag("--json", options->json, "Print one JSON array");
  cmd->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunList(globals, *options); };
  });
}

void AddExport(CLI::App& keys, const GlobalOptions& globals, Action& out_action) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = keys.add_subcommand(
      "export", "Print the public key of a signing key (JWK with kid = RFC 7638 thumbprint)");
  CLI::Option* label = cmd->add_option("--label", options->label, "Label of the key");
  CLI::Option* uri = cmd->add_option("--uri", options->uri, "PKCS#11 URI of the private key");
  label->excludes(uri);
  cmd->add_option("--format", options->format, "jwk, jwks or pem")
      ->capture_default_str()
      ->check(CLI::IsMember({"jwk", "jwks", "pem"}));
  cmd->add_option("--pin-file", options->pin_file, kPinFileHelp);
  cmd->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunExport(globals, *options); };
  });
}

}  // namespace

void AddKeyCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action) {
  CLI::App* keys = app.add_subcommand("keys", "Manage the keys on the configured token");
  keys->require_subcommand(1);
  AddGenerate(*keys, globals, out_action);
  AddList(*keys, globals, out_action);
  AddExport(*keys, globals, out_action);
  AddDestroyCommand(*keys, globals, out_action);
  AddKeySetCommands(*keys, globals, out_action);
  AddRotateCommands(*keys, globals, out_action);
}

}  // namespace vci::cli
