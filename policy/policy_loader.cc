#include "policy/policy_loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "policy/client_parser.h"
#include "policy/configuration_parser.h"
#include "policy/diagnostics.h"
#include "policy/display_parser.h"
#include "policy/toml_reader.h"

namespace vci::policy {
namespace {

using std::chrono::seconds;

// Coarser than a day would make a fresh credential look a day old.
constexpr seconds kMaxTimestampGranularity{86400};
// Access tokens stay short: a leaked one is useful only briefly (and the configuration's own
// bound is the same).
constexpr seconds kMinAccessTokenLifetime{30};
constexpr seconds kMaxAccessTokenLifetime{300};
constexpr seconds kMinNonceLifetime{30};
constexpr seconds kMaxNonceLifetime{3600};
constexpr size_t kMaxPolicyFiles = 1000;

struct Location {
  std::string source;
  uint32_t line = 0;
  uint32_t column = 0;
};

Location LocationOf(std::string_view source, const toml::node& node) {
  return {std::string(source), node.source().begin.line, node.source().begin.column};
}

// PolicyBuilder merges files one by one and runs the checks that span files at the end.
class PolicyBuilder {
 public:
  PolicyBuilder() { clients_.policy = &policy_; }

  void AddFile(std::string_view text, std::string_view source);

  Result<Policy> Finish();

 private:
  void ReadIssuer(const toml::table& table, std::string_view source);
  void AddConfiguration(const toml::table& table, std::string_view source);

  Diagnostics diags_;
  Policy policy_;
  std::optional<Location> issuer_location_;
  ClientsSoFar clients_;

  // Where each valid configuration's validity is written, for the check against the issuer's
  // timestamp granularity, which may come from a later file.
  std::vector<Location> validity_locations_;
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
      ReadIssuer(*issuer, source);
    }
  }
  for (const toml::table* table : reader.Tables("credential_configuration")) {
    AddConfiguration(*table, source);
  }
  for (const toml::table* table : reader.Tables("client")) {
    if (std::optional<Client> client = ParseClient(*table, source, &diags_, clients_)) {
      policy_.clients.push_back(std::move(*client));
    }
  }
  reader.RejectUnknownKeys();
}

void PolicyBuilder::ReadIssuer(const toml::table& table, std::string_view source) {
  TableReader reader(table, "[issuer]", source, &diags_);
  IssuerPolicy& out = policy_.issuer;
  out.display = ParseDisplays(reader, DisplayKind::kIssuer);
  if (std::optional<int64_t> batch_size =
          reader.Integer("batch_size", false, kMinBatchSize, kMaxBatchSize)) {
    out.batch_size = static_cast<size_t>(*batch_size);
  }
  auto duration = [&](std::string_view key, seconds min, seconds max,
                      std::string_view help) -> std::optional<seconds> {
    const toml::node* node = reader.Node(key);
    if (node == nullptr) {
      return std::nullopt;
    }
    std::optional<seconds> parsed = ReadDurationNode(*node, min, max);
    if (!parsed) {
      reader.ReportKey(key, "must be " + std::string(help) + ".");
    }
    return parsed;
  };
  out.timestamp_granularity =
      duration("timestamp_granularity", seconds(1), kMaxTimestampGranularity,
               R"(a duration from 1s to 1d, written like "1h" or "15m")")
          .value_or(out.timestamp_granularity);
  out.access_token_lifetime =
      duration("access_token_lifetime", kMinAccessTokenLifetime, kMaxAccessTokenLifetime,
               "a duration from 30s to 300s, such as \"5m\"");
  out.nonce_lifetime = duration("nonce_lifetime", kMinNonceLifetime, kMaxNonceLifetime,
                                "a duration from 30s to 1h, such as \"5m\"");
  reader.RejectUnknownKeys();
}

void PolicyBuilder::AddConfiguration(const toml::table& table, std::string_view source) {
  std::optional<CredentialConfiguration> config = ParseConfiguration(
      table, source, &diags_,
      [this](std::string_view id) { return policy_.FindConfiguration(id) != nullptr; });
  if (!config) {
    return;
  }
  validity_locations_.push_back(LocationOf(source, *table.get("validity")));
  policy_.configurations.push_back(std::move(*config));
}

Result<Policy> PolicyBuilder::Finish() {
  // A credential must stay valid well past its rounded-down iat (see timestamp_granularity).
  for (size_t i = 0; i < policy_.configurations.size(); ++i) {
    const CredentialConfiguration& config = policy_.configurations[i];
    const Location& at = validity_locations_[i];
    if (config.validity < 2 * policy_.issuer.timestamp_granularity) {
      diags_.Add(at.source, at.line, at.column,
                 "validity of credential_configuration '" + config.id +
                     "' must be at least twice [issuer] timestamp_granularity (" +
                     std::to_string(policy_.issuer.timestamp_granularity.count()) +
                     " seconds), since credential times are rounded down to it.");
    }
  }
  // Grants are checked last: a client may name a configuration defined in a later file.
  for (const Grant& grant : clients_.grants) {
    if (policy_.FindConfiguration(grant.configuration) == nullptr) {
      diags_.Add(grant.source, grant.line, grant.column,
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
