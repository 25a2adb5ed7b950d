#include "cli/offer_command.h"

#include <memory>
#include <string>
#include <vector>

#include "cli/admin_url.h"
#include "cli/claim_conversion.h"
#include "cli/expires_in.h"
#include "cli/qr_terminal.h"
#include "cli/report.h"
#include "cli/small_file.h"
#include "daemon/config/config.h"

namespace vci::cli {
namespace {

using nlohmann::json;

// kMaxClaimsFileBytes matches the daemon's bound on a POST /offers body.
constexpr size_t kMaxClaimsFileBytes = size_t{64} * 1024;

struct OfferOptions {
  std::string admin_url;
  std::string token_file;
  std::string configuration;
  std::vector<std::string> claims;
  std::string claims_file;
  bool tx_code = false;
  std::string expires_in;
  bool qr = false;
};

// CommandFailure is an error together with the exit status it ends the command with.
struct CommandFailure {
  Error error;
  ExitCode code;
};

Result<json> ReadClaimsFile(const std::string& path) {
  if (path.empty()) {
    return json::object();
  }
  VCI_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path, kMaxClaimsFileBytes));
  json claims = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (claims.is_discarded() || !claims.is_object()) {
    return Error(ErrorCode::kInvalidArgument, "--claims " + path + " must hold a JSON object");
  }
  return claims;
}

Result<json> ParseAnswer(const HttpReply& reply, std::string_view what) {
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return Error(ErrorCode::kInternal,
                 "the daemon's answer to " + std::string(what) + " is not a JSON object");
  }
  return body;
}

// ResolveAdminUrl returns --admin-url, or the admin listener of the configuration.
std::optional<CommandFailure> ResolveAdminUrl(const GlobalOptions& globals,
                                              const OfferOptions& options, std::string& out_url) {
  if (!options.admin_url.empty()) {
    Result<std::string> url = NormalizeAdminUrl(options.admin_url);
    if (!url.has_value()) {
      return CommandFailure{url.error(), ExitCode::kUsage};
    }
    out_url = *url;
    return std::nullopt;
  }
  Result<config::Config> config = config::LoadConfig(globals.config_path);
  if (!config.has_value()) {
    return CommandFailure{config.error(), ExitCode::kConfigInvalid};
  }
  Result<std::string> url = AdminUrlFromListen(config->listen.admin_address);
  if (!url.has_value()) {
    return CommandFailure{url.error(), ExitCode::kConfigInvalid};
  }
  out_url = *url;
  return std::nullopt;
}

// Fetch sends one request and turns a transport error or an unexpected status into a failure.
Result<json> Fetch(const AdminClient& client, const std::string& path, const std::string* body,
                   long expected_status, std::optional<CommandFailure>& out_failure) {
  Result<HttpReply> reply = body == nullptr ? client.Get(path) : client.PostJson(path, *body);
  if (!reply.has_value()) {
    out_failure = CommandFailure{reply.error(), ExitCodeFor(reply.error())};
    return reply.error();
  }
  if (reply->status != expected_status) {
    Error refusal = ServerRefusal(*reply);
    out_failure = CommandFailure{refusal, ExitCodeForHttpStatus(reply->status)};
    return refusal;
  }
  Result<json> answer = ParseAnswer(*reply, path);
  if (!answer.has_value()) {
    out_failure = CommandFailure{answer.error(), ExitCode::kFailure};
  }
  return answer;
}

int RunOfferCreate(const GlobalOptions& globals, const OfferOptions& options) {
  // Everything the command line alone can get wrong is refused before any file or network use.
  std::optional<std::chrono::seconds> expires_in;
  if (!options.expires_in.empty()) {
    Result<std::chrono::seconds> parsed = ParseExpiresIn(options.expires_in);
    if (!parsed.has_value()) {
      return ReportFailure(parsed.error(), ExitCode::kUsage);
    }
    expires_in = *parsed;
  }
  std::string base_url;
  if (std::optional<CommandFailure> failure = ResolveAdminUrl(globals, options, base_url)) {
    return ReportFailure(failure->error, failure->code);
  }
  Result<SecretBytes> token = ReadBearerTokenFile(options.token_file);
  if (!token.has_value()) {
    return ReportFailure(token.error(), ExitCode::kUsage);
  }
  Result<json> base_claims = ReadClaimsFile(options.claims_file);
  if (!base_claims.has_value()) {
    return ReportFailure(base_claims.error(), ExitCode::kUsage);
  }
  AdminClient client(base_url, std::move(token).value());

  std::optional<CommandFailure> failure;
  Result<json> types = Fetch(client, "/types", nullptr, 200, failure);
  if (failure.has_value()) {
    return ReportFailure(failure->error, failure->code);
  }
  Result<json> claims = BuildClaims(*types, options.configuration, options.claims, *base_claims);
  if (!claims.has_value()) {
    return ReportFailure(claims.error());
  }
  json request = {{"credential_configuration_id", options.configuration},
                  {"claims", std::move(claims).value()},
                  {"tx_code", options.tx_code}};
  if (expires_in.has_value()) {
    request["expires_in"] = expires_in->count();
  }
  std::string body = request.dump();
  Result<json> created = Fetch(client, "/offers", &body, 201, failure);
  if (failure.has_value()) {
    return ReportFailure(failure->error, failure->code);
  }
  Result<std::string> line = OfferOutput(*created);
  if (!line.has_value()) {
    return ReportFailure(line.error());
  }
  PrintOut(*line);

  if (options.qr) {
    // The offer exists now; a QR failure is reported but the JSON line above stands.
    Result<QrMatrix> qr = EncodeQr((*created)["offer_link"].get<std::string>());
    if (!qr.has_value()) {
      return ReportFailure(qr.error());
    }
    PrintErr(RenderHalfBlocks(*qr));
  }
  return ExitStatus(ExitCode::kOk);
}

}  // namespace

Error ServerRefusal(const HttpReply& reply) {
  std::string message =
      "the daemon refused the request (HTTP " + std::to_string(reply.status) + ")";
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    message += ": " + TerminalSafe(body["error"].get<std::string>().substr(0, 100));
    if (body.contains("error_description") && body["error_description"].is_string()) {
      message += ": " + TerminalSafe(body["error_description"].get<std::string>().substr(0, 1000));
    }
  }
  return Error(reply.status == 503 ? ErrorCode::kUnavailable : ErrorCode::kPermissionDenied,
               message);
}

Result<std::string> OfferOutput(const json& created) {
  nlohmann::ordered_json out;
  for (const char* name : {"offer_id", "credential_offer_uri", "offer_link"}) {
    if (!created.contains(name) || !created[name].is_string()) {
      return Error(ErrorCode::kInternal, "the daemon's offer lacks " + std::string(name));
    }
    out[name] = created[name];
  }
  if (created.contains("tx_code")) {
    out["tx_code"] = created["tx_code"];
  }
  if (!created.contains("expires_at")) {
    return Error(ErrorCode::kInternal, "the daemon's offer lacks expires_at");
  }
  out["expires_at"] = created["expires_at"];
  return out.dump() + "\n";
}

void AddOfferCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action) {
  CLI::App* offer = app.add_subcommand("offer", "Create credential offers through the daemon");
  offer->require_subcommand(1);

  auto options = std::make_shared<OfferOptions>();
  CLI::App* create = offer->add_subcommand(
      "create",
      "Create an offer; prints one JSON line {offer_id, credential_offer_uri, offer_link, "
      "tx_code?, expires_at}");
  create->add_option("--admin-url", options->admin_url,
                     "Admin API base URL; default: http://<[listen] admin> of --config");
  create->add_option("--token-file", options->token_file, "File holding this client's bearer token")
      ->required();
  create->add_option("--configuration", options->configuration, "credential_configuration_id")
      ->required();
  create->add_option("--claim", options->claims,
                     "name=value, converted to the claim's policy type (repeatable)");
  create->add_option("--claims", options->claims_file,
                     "File holding a JSON object of claims (--claim values win)");
  create->add_flag("--tx-code", options->tx_code, "Ask for a transaction code");
  create->add_option("--expires-in", options->expires_in,
                     "Offer lifetime: seconds or 15m, 2h, 1d; default: the daemon's");
  create->add_flag("--qr", options->qr, "Also draw the offer link as a QR code on stderr");
  create->callback([&globals, &out_action, options] {
    out_action = [&globals, options] { return RunOfferCreate(globals, *options); };
  });
}

}  // namespace vci::cli
