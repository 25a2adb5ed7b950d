#include "policy/policy_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "policy/claim_spec_parser.h"
#include "policy/diagnostics.h"
#include "policy/display_parser.h"
#include "policy/duration.h"
#include "policy/syntax_checks.h"
#include "policy/toml_reader.h"

namespace vci::policy {
namespace {

// A client that needs more offers than this per minute should be several clients.
constexpr int64_t kMaxOffersPerMinute = 100000;

// Coarser than a day would make a fresh credential look a day old.
constexpr int64_t kMaxTimestampGranularitySeconds = 86400;

constexpr std::string_view kSdJwtVcFormat = "dc+sd-jwt";
constexpr int64_t kMinValiditySeconds = 60;
constexpr int64_t kMaxValiditySeconds = int64_t{3660} * 86400;  // About ten years.
constexpr size_t kMaxTxCodeDescription = 300;                   // OID4VCI 1.0 section 4.1.1.
constexpr size_t kMaxPolicyFiles = 1000;

struct Location {
  std::string source;
  uint32_t line = 0;
  uint32_t column = 0;
};

Location LocationOf(std::string_view source, const toml::node& node) {
  return {std::string(source), node.source().begin.line, node.source().begin.column};
}

std::optional<jose::JwsAlgorithm> ParseAlgorithm(std::string_view name) {
  if (name == "ES256") {
    return jose::JwsAlgorithm::kEs256;
  }
  if (name == "ES384") {
    return jose::JwsAlgorithm::kEs384;
  }
  if (name == "EdDSA") {
    return jose::JwsAlgorithm::kEdDsa;
  }
  return std::nullopt;
}

std::optional<Bytes> DecodeSha256Hex(std::string_view hex) {
  if (hex.size() != 64) {
    return std::nullopt;
  }
  Bytes out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    for (char c : hex.substr(i, 2)) {
      int digit = (c >= '0' && c <= '9')   ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                           : -1;
      if (digit < 0) {
        return std::nullopt;
      }
      value = value * 16 + digit;
    }
    out.push_back(static_cast<uint8_t>(value));
  }
  return out;
}

// PolicyBuilder merges files one by one and runs the checks that span files at the end.
class PolicyBuilder {
 public:
  void AddFile(std::string_view text, std::string_view source);

  Result<Policy> Finish();

 private:
  void AddConfiguration(const toml::table& table, std::string_view source);
  void AddClient(const toml::table& table, std::string_view source);
  void ReadTxCode(TableReader& reader, TxCodePolicy& out);
  void ReadAlgorithms(TableReader& reader, CredentialConfiguration& out);
  void ReadIssuerLimits(TableReader& reader, IssuerPolicy& out);
  void ReadBindingMethods(TableReader& reader, CredentialConfiguration& out);
  void ReadValidity(TableReader& reader, CredentialConfiguration& out);

  Diagnostics diags_;
  Policy policy_;
  std::optional<Location> issuer_location_;
  std::set<std::string, std::less<>> client_names_;

  // Every grant written, by valid and invalid clients alike, for the final check.
  struct Grant {
    std::string client;
    std::string configuration;
    Location location;
  };

  std::vector<Grant> grants_;

  struct Validity {
    std::string configuration;
    std::chrono::seconds validity;
    Location location;
  };

  std::vector<Validity> validities_;
};

void PolicyBuilder::AddFile(std::string_view text, std::string_view source) {
  std::optional<toml::table> root = ParseTomlDocument(text, source, &diags_);
  if (!root) {
    return;
  }
  TableReader reader(*root, "the policy file", source, &diags_);
  if (const toml::table* issuer = reader.Table("issuer", false)) {
    if (issuer_location_) {
      reader.ReportAt(*issuer, "[issuer] is already defined at " + issuer_location_->source + ":" +
                                   std::to_string(issuer_location_->line) +
                                   "; only one policy file may define it.");
    } else {
      issuer_location_ = LocationOf(source, *issuer);
      TableReader issuer_reader(*issuer, "[issuer]", source, &diags_);
      policy_.issuer.display = ParseDisplays(issuer_reader, DisplayKind::kIssuer);
      ReadIssuerLimits(issuer_reader, policy_.issuer);
      issuer_reader.RejectUnknownKeys();
    }
  }
  for (const toml::table* table : reader.Tables("credential_configuration")) {
    AddConfiguration(*table, source);
  }
  for (const toml::table* table : reader.Tables("client")) {
    AddClient(*table, source);
  }
  reader.RejectUnknownKeys();
}

void PolicyBuilder::AddConfiguration(const toml::table& table, std::string_view source) {
  TableReader id_reader(table, "a [[credential_configuration]]", source, &diags_);
  std::optional<std::string> id = id_reader.String("id", true);
  if (!id) {
    return;
  }
  TableReader reader(table, "credential_configuration '" + *id + "'", source, &diags_);
  reader.Node("id");
  size_t before = diags_.size();
  CredentialConfiguration config;
  config.id = *id;
  if (!IsValidIdentifier(*id)) {
    reader.ReportKey("id", "must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'.");
  } else if (policy_.FindConfiguration(*id) != nullptr) {
    reader.ReportKey("id", "is already used by another credential configuration.");
  }

  config.format = reader.String("format", true).value_or("");
  if (reader.Node("format") != nullptr && config.format != kSdJwtVcFormat) {
    reader.ReportKey("format",
                     "must be \"dc+sd-jwt\": it is the only format this issuer can "
                     "issue.");
  }
  config.vct = reader.String("vct", true).value_or("");
  if (reader.Node("vct") != nullptr && !IsValidVct(config.vct)) {
    reader.ReportKey("vct", "must be an https URL or a URN such as \"urn:example:badge:1\".");
  }
  config.signing_key = reader.String("signing_key", true).value_or("");
  if (reader.Node("signing_key") != nullptr) {
    if (!IsPkcs11Uri(config.signing_key)) {
      reader.ReportKey("signing_key", "must be a PKCS#11 URI starting with \"pkcs11:\".");
    } else if (Pkcs11UriHasPin(config.signing_key)) {
      reader.ReportKey("signing_key",
                       "must not carry a PIN (pin-value or pin-source); the "
                       "PIN is configured in vcissuer.toml [pkcs11].");
    }
  }
  ReadValidity(reader, config);
  if (const toml::node* validity = reader.Node("validity")) {
    validities_.push_back({config.id, config.validity, LocationOf(source, *validity)});
  }
  ReadAlgorithms(reader, config);
  ReadBindingMethods(reader, config);
  ReadTxCode(reader, config.tx_code);
  config.display = ParseDisplays(reader, DisplayKind::kCredential);
  const auto* displays = table.get_as<toml::array>("display");
  if (displays == nullptr || displays->empty()) {
    reader.ReportKey("display", "is required: give at least one entry with locale and name.");
  }
  config.claims = ParseClaimSpecs(reader, "");
  if (reader.Node("claim") == nullptr) {
    reader.ReportHere("defines no claims; add [[credential_configuration.claim]] tables.");
  }
  reader.RejectUnknownKeys();
  if (diags_.size() == before) {
    policy_.configurations.push_back(std::move(config));
  }
}

void PolicyBuilder::ReadIssuerLimits(TableReader& reader, IssuerPolicy& out) {
  std::optional<int64_t> batch_size =
      reader.Integer("batch_size", false, kMinBatchSize, kMaxBatchSize);
  if (batch_size) {
    out.batch_size = static_cast<size_t>(*batch_size);
  }
  if (const toml::node* node = reader.Node("timestamp_granularity")) {
    std::optional<std::chrono::seconds> parsed;
    if (const auto* text = node->as_string()) {
      parsed = ParseDuration(text->get());
    } else if (const auto* seconds = node->as_integer()) {
      parsed = std::chrono::seconds(seconds->get());
    }
    if (!parsed || parsed->count() < 1 || parsed->count() > kMaxTimestampGranularitySeconds) {
      reader.ReportKey("timestamp_granularity",
                       "must be a duration from 1s to 1d, written like \"1h\" or \"15m\".");
    } else {
      out.timestamp_granularity = *parsed;
    }
  }
}

void PolicyBuilder::ReadValidity(TableReader& reader, CredentialConfiguration& out) {
  const toml::node* node = reader.Node("validity");
  if (node == nullptr) {
    reader.ReportKey("validity", "is required but missing: say how long a credential is valid.");
    return;
  }
  std::optional<std::chrono::seconds> parsed;
  if (const auto* text = node->as_string()) {
    parsed = ParseDuration(text->get());
  } else if (const auto* seconds = node->as_integer()) {
    parsed = std::chrono::seconds(seconds->get());
  }
  if (!parsed || parsed->count() < kMinValiditySeconds || parsed->count() > kMaxValiditySeconds) {
    reader.ReportKey("validity",
                     "must be a duration from 60s to 3660d, written like \"365d\", "
                     "\"12h\", \"90m\" or as a number of seconds.");
    return;
  }
  out.validity = *parsed;
}

void PolicyBuilder::ReadAlgorithms(TableReader& reader, CredentialConfiguration& out) {
  std::string signing_alg = reader.String("signing_alg", true).value_or("");
  if (reader.Node("signing_alg") != nullptr) {
    std::optional<jose::JwsAlgorithm> alg = ParseAlgorithm(signing_alg);
    if (!alg) {
      reader.ReportKey("signing_alg", "must be ES256, ES384 or EdDSA.");
    } else {
      out.signing_alg = *alg;
    }
  }
  std::optional<std::vector<std::string>> proof_algs = reader.Strings("proof_algs");
  if (!proof_algs) {
    out.proof_algs = {jose::JwsAlgorithm::kEs256};
    return;
  }
  if (proof_algs->empty()) {
    reader.ReportKey("proof_algs", "must list at least one algorithm.");
  }
  for (const std::string& name : *proof_algs) {
    std::optional<jose::JwsAlgorithm> alg = ParseAlgorithm(name);
    if (!alg) {
      reader.ReportKey("proof_algs", "may contain only ES256, ES384 and EdDSA.");
    } else if (std::find(out.proof_algs.begin(), out.proof_algs.end(), *alg) !=
               out.proof_algs.end()) {
      reader.ReportKey("proof_algs", "lists " + name + " twice.");
    } else {
      out.proof_algs.push_back(*alg);
    }
  }
}

void PolicyBuilder::ReadBindingMethods(TableReader& reader, CredentialConfiguration& out) {
  std::optional<std::vector<std::string>> names = reader.Strings("binding_methods");
  if (!names) {
    out.binding_methods = {BindingMethod::kJwk};
    return;
  }
  if (names->empty()) {
    reader.ReportKey("binding_methods", "must list at least one of jwk, did:jwk and did:key.");
  }
  for (const std::string& name : *names) {
    std::optional<BindingMethod> method;
    for (BindingMethod known :
         {BindingMethod::kJwk, BindingMethod::kDidJwk, BindingMethod::kDidKey}) {
      if (name == BindingMethodName(known)) {
        method = known;
      }
    }
    if (!method) {
      reader.ReportKey("binding_methods", "may contain only jwk, did:jwk and did:key.");
    } else if (out.AllowsBinding(*method)) {
      reader.ReportKey("binding_methods", "lists " + name + " twice.");
    } else {
      out.binding_methods.push_back(*method);
    }
  }
}

void PolicyBuilder::ReadTxCode(TableReader& reader, TxCodePolicy& out) {
  const toml::table* table = reader.Table("tx_code", false);
  if (table == nullptr) {
    out = TxCodePolicy();
    out.mode = TxCodeMode::kRequired;
    return;
  }
  TableReader tx(*table, "the tx_code of " + reader.context(), reader.source(), &diags_);
  std::string mode = tx.String("mode", true).value_or("required");
  if (mode == "required") {
    out.mode = TxCodeMode::kRequired;
  } else if (mode == "optional") {
    out.mode = TxCodeMode::kOptional;
  } else if (mode == "forbidden") {
    out.mode = TxCodeMode::kForbidden;
  } else {
    tx.ReportKey("mode", "must be required, optional or forbidden.");
  }
  std::string input_mode = tx.String("input_mode", false).value_or("numeric");
  if (input_mode == "numeric") {
    out.input_mode = TxCodeInputMode::kNumeric;
  } else if (input_mode == "text") {
    out.input_mode = TxCodeInputMode::kText;
  } else {
    tx.ReportKey("input_mode", "must be numeric or text.");
  }
  out.length = static_cast<size_t>(tx.Integer("length", false, 4, 16).value_or(6));
  out.description = tx.String("description", false).value_or("");
  if (out.description.size() > kMaxTxCodeDescription || !IsPrintable(out.description)) {
    tx.ReportKey("description", "must be at most 300 printable characters.");
  }
  out.max_attempts = static_cast<size_t>(tx.Integer("max_attempts", false, 1, 10).value_or(5));
  tx.RejectUnknownKeys();
}

void PolicyBuilder::AddClient(const toml::table& table, std::string_view source) {
  TableReader name_reader(table, "a [[client]]", source, &diags_);
  std::optional<std::string> name = name_reader.String("name", true);
  if (!name) {
    return;
  }
  TableReader reader(table, "client '" + *name + "'", source, &diags_);
  reader.Node("name");
  size_t before = diags_.size();
  Client client;
  client.name = *name;
  if (!IsValidIdentifier(*name)) {
    reader.ReportKey("name", "must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'.");
  } else if (!client_names_.insert(*name).second) {
    reader.ReportKey("name", "is already used by another client.");
  }
  std::optional<std::string> hash_hex = reader.String("token_sha256", true);
  std::optional<Bytes> hash = hash_hex ? DecodeSha256Hex(*hash_hex) : std::nullopt;
  if (hash_hex && !hash) {
    reader.ReportKey("token_sha256",
                     "must be the SHA-256 of the client's bearer token as 64 "
                     "hexadecimal characters (e.g. sha256sum output).");
  } else if (hash && policy_.FindClientByTokenHash(*hash) != nullptr) {
    reader.ReportKey("token_sha256",
                     "equals another client's; every client needs its own "
                     "token.");
  }
  client.token_sha256 = hash.value_or(Bytes{});
  if (const toml::array* ids = reader.Array("configurations")) {
    std::set<std::string, std::less<>> seen;
    for (const toml::node& id : *ids) {
      const auto* text = id.as_string();
      if (text == nullptr) {
        reader.ReportAt(id, "each element of configurations in " + reader.context() +
                                " must be a credential configuration id in quotes.");
      } else if (!seen.insert(text->get()).second) {
        reader.ReportAt(
            id, "configurations in " + reader.context() + " lists '" + text->get() + "' twice.");
      } else {
        client.configurations.push_back(text->get());
        grants_.push_back({*name, text->get(), LocationOf(source, id)});
      }
    }
    if (ids->empty()) {
      reader.ReportKey("configurations",
                       "is empty; a client with no configurations can offer "
                       "nothing. Remove the client instead.");
    }
  } else if (reader.Node("configurations") == nullptr) {
    reader.ReportKey("configurations",
                     "is required but missing: list the credential "
                     "configuration ids this client may offer.");
  }
  if (std::optional<std::vector<std::string>> claims = reader.Strings("claims")) {
    std::set<std::string, std::less<>> seen;
    for (const std::string& claim : *claims) {
      if (!seen.insert(claim).second) {
        reader.ReportKey("claims", "lists '" + claim + "' twice.");
      }
    }
    client.settable_claims = std::move(*claims);
  }
  if (std::optional<int64_t> rate =
          reader.Integer("offers_per_minute", false, 1, kMaxOffersPerMinute)) {
    client.offers_per_minute = static_cast<size_t>(*rate);
  }
  reader.RejectUnknownKeys();
  if (diags_.size() == before) {
    policy_.clients.push_back(std::move(client));
  }
}

Result<Policy> PolicyBuilder::Finish() {
  // A credential must stay valid well past its rounded-down iat (see timestamp_granularity).
  for (const Validity& validity : validities_) {
    if (validity.validity.count() > 0 &&
        validity.validity < 2 * policy_.issuer.timestamp_granularity) {
      diags_.Add(validity.location.source, validity.location.line, validity.location.column,
                 "validity of credential_configuration '" + validity.configuration +
                     "' must be at least twice [issuer] timestamp_granularity (" +
                     std::to_string(policy_.issuer.timestamp_granularity.count()) +
                     " seconds), since credential times are rounded down to it.");
    }
  }
  // Grants are checked last: a client may name a configuration defined in a later file.
  for (const Grant& grant : grants_) {
    if (policy_.FindConfiguration(grant.configuration) == nullptr) {
      diags_.Add(grant.location.source, grant.location.line, grant.location.column,
                 "client '" + grant.client + "' is granted configuration '" + grant.configuration +
                     "', which no valid [[credential_configuration]] defines.");
    }
  }
  if (!diags_.empty()) {
    return diags_.ToError(
        ErrorCode::kInvalidArgument,
        "the issuance policy is invalid (" + std::to_string(diags_.size()) + " problems):");
  }
  return std::move(policy_);
}

Result<std::string> ReadBoundedFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kUnavailable, "cannot read policy file " + path.string());
  }
  std::string text;
  text.resize(kMaxPolicyFileBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    return Error(ErrorCode::kUnavailable, "cannot read policy file " + path.string());
  }
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxPolicyFileBytes) {
    return Error(ErrorCode::kInvalidArgument,
                 "policy file " + path.string() + " is larger than 1 MiB");
  }
  return text;
}

}  // namespace

Result<Policy> ParsePolicyFiles(const std::vector<PolicyFile>& files) {
  PolicyBuilder builder;
  for (const PolicyFile& file : files) {
    builder.AddFile(file.text, file.name);
  }
  return builder.Finish();
}

Result<Policy> ParsePolicyText(std::string_view text, std::string_view source_name) {
  return ParsePolicyFiles({PolicyFile{std::string(source_name), std::string(text)}});
}

Result<Policy> LoadPolicyDir(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) {
      paths.push_back(it->path());
    }
  }
  if (ec) {
    return Error(ErrorCode::kNotFound, "cannot read the policy directory " + dir, ec.message());
  }
  if (paths.empty()) {
    return Error(ErrorCode::kNotFound, "the policy directory " + dir +
                                           " holds no *.toml file, so nothing could be issued");
  }
  if (paths.size() > kMaxPolicyFiles) {
    return Error(ErrorCode::kInvalidArgument,
                 "the policy directory " + dir + " holds more than 1000 *.toml files");
  }
  std::sort(paths.begin(), paths.end());
  std::vector<PolicyFile> files;
  for (const std::filesystem::path& path : paths) {
    VCI_ASSIGN_OR_RETURN(std::string text, ReadBoundedFile(path));
    files.push_back({path.string(), std::move(text)});
  }
  return ParsePolicyFiles(files);
}

}  // namespace vci::policy
