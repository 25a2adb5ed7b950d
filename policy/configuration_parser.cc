#include "policy/configuration_parser.h"

#include <algorithm>

#include "policy/claim_spec_parser.h"
#include "policy/display_parser.h"
#include "policy/duration.h"
#include "policy/syntax_checks.h"

namespace vci::policy {
namespace {

using std::chrono::seconds;

constexpr std::string_view kSdJwtVcFormat = "dc+sd-jwt";
constexpr seconds kMinValidity{60};
constexpr seconds kMaxValidity{int64_t{3660} * 86400};  // About ten years.
constexpr seconds kMaxNotBefore{int64_t{366} * 86400};  // An offer may postpone by a year.
constexpr seconds kMinOfferLifetime{60};
constexpr seconds kMaxOfferLifetime{int64_t{7} * 86400};
constexpr size_t kMaxTxCodeDescription = 300;  // OID4VCI 1.0 section 4.1.1.

constexpr std::string_view kValidityHelp =
    R"(a duration from 60s to 3660d, written like "365d", "12h", "90m" or as a number of )"
    "seconds";
constexpr std::string_view kOfferLifetimeHelp = "a duration from 60s to 7d, such as \"15m\"";

// ConfigurationParser reads one table; each Read* method handles one group of keys.
class ConfigurationParser {
 public:
  ConfigurationParser(TableReader& reader, Diagnostics* diags) : reader_(reader), diags_(diags) {}

  void ReadTypeAndKey(CredentialConfiguration& out);
  void ReadValidity(CredentialConfiguration& out);
  void ReadOfferLifetime(CredentialConfiguration& out);
  void ReadHolderBinding(CredentialConfiguration& out);
  void ReadTxCode(TxCodePolicy& out);

 private:
  void ReadAlgorithms(CredentialConfiguration& out);
  void ReadBindingMethods(CredentialConfiguration& out);

  TableReader& reader_;
  Diagnostics* diags_;
};

void ConfigurationParser::ReadTypeAndKey(CredentialConfiguration& out) {
  out.format = reader_.String("format", true).value_or("");
  if (reader_.Node("format") != nullptr && out.format != kSdJwtVcFormat) {
    reader_.ReportKey("format",
                      "must be \"dc+sd-jwt\": it is the only format this issuer can issue.");
  }
  out.vct = reader_.String("vct", true).value_or("");
  if (reader_.Node("vct") != nullptr && !IsValidVct(out.vct)) {
    reader_.ReportKey("vct", "must be an https URL or a URN such as \"urn:example:badge:1\".");
  }
  out.signing_key = reader_.String("signing_key", true).value_or("");
  if (reader_.Node("signing_key") != nullptr) {
    if (!IsPkcs11Uri(out.signing_key)) {
      reader_.ReportKey("signing_key", "must be a PKCS#11 URI starting with \"pkcs11:\".");
    } else if (Pkcs11UriHasPin(out.signing_key)) {
      reader_.ReportKey("signing_key",
                        "must not carry a PIN (pin-value or pin-source); the PIN is configured "
                        "in vcissuer.toml [pkcs11].");
    }
  }
  std::string signing_alg = reader_.String("signing_alg", true).value_or("");
  if (reader_.Node("signing_alg") != nullptr) {
    std::optional<jose::JwsAlgorithm> alg = ParseSigningAlgorithm(signing_alg);
    if (!alg) {
      reader_.ReportKey("signing_alg", "must be ES256, ES384 or EdDSA.");
    } else {
      out.signing_alg = *alg;
    }
  }
}

// validity is either one duration (the default and the maximum) or a table with default,
// maximum and not_before (how far ahead an offer may set the credential's nbf).
void ConfigurationParser::ReadValidity(CredentialConfiguration& out) {
  const toml::node* node = reader_.Node("validity");
  if (node == nullptr) {
    reader_.ReportKey("validity", "is required but missing: say how long a credential is valid.");
    return;
  }
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    std::optional<seconds> parsed = ReadDurationNode(*node, kMinValidity, kMaxValidity);
    if (!parsed) {
      reader_.ReportKey("validity", "must be " + std::string(kValidityHelp) +
                                        ", or a table with default, maximum and not_before.");
      return;
    }
    out.validity = out.max_validity = *parsed;
    return;
  }
  TableReader validity(*table, "the validity of " + reader_.context(), reader_.source(), diags_);
  auto read = [&](std::string_view key, seconds min, seconds max,
                  std::string_view help) -> std::optional<seconds> {
    const toml::node* value = validity.Node(key);
    if (value == nullptr) {
      return std::nullopt;
    }
    std::optional<seconds> parsed = ReadDurationNode(*value, min, max);
    if (!parsed) {
      validity.ReportKey(key, "must be " + std::string(help) + ".");
    }
    return parsed;
  };
  std::optional<seconds> by_default = read("default", kMinValidity, kMaxValidity, kValidityHelp);
  std::optional<seconds> maximum = read("maximum", kMinValidity, kMaxValidity, kValidityHelp);
  std::optional<seconds> not_before =
      read("not_before", seconds(0), kMaxNotBefore, "a duration from 0s to 366d");
  if (validity.Node("default") == nullptr) {
    validity.ReportKey("default",
                       "is required but missing: the validity of a credential whose "
                       "offer asks for none.");
  }
  validity.RejectUnknownKeys();
  if (!by_default) {
    return;
  }
  out.validity = *by_default;
  out.max_validity = maximum.value_or(*by_default);
  out.max_not_before = not_before.value_or(seconds(0));
  if (maximum && *maximum < *by_default) {
    validity.ReportKey("maximum", "must not be shorter than default (" +
                                      std::to_string(by_default->count()) + " seconds).");
  }
}

void ConfigurationParser::ReadOfferLifetime(CredentialConfiguration& out) {
  const toml::table* table = reader_.Table("offer_lifetime", false);
  if (table == nullptr) {
    return;
  }
  TableReader lifetime(*table, "the offer_lifetime of " + reader_.context(), reader_.source(),
                       diags_);
  OfferLifetimePolicy policy;
  for (std::string_view key : {"default", "maximum"}) {
    const toml::node* value = lifetime.Node(key);
    if (value == nullptr) {
      continue;
    }
    std::optional<seconds> parsed = ReadDurationNode(*value, kMinOfferLifetime, kMaxOfferLifetime);
    if (!parsed) {
      lifetime.ReportKey(key, "must be " + std::string(kOfferLifetimeHelp) + ".");
    } else if (key == "default") {
      policy.default_lifetime = *parsed;
    } else {
      policy.max_lifetime = *parsed;
    }
  }
  if (policy.default_lifetime && policy.max_lifetime &&
      *policy.max_lifetime < *policy.default_lifetime) {
    lifetime.ReportKey("maximum", "must not be shorter than default.");
  }
  lifetime.RejectUnknownKeys();
  out.offer_lifetime = policy;
}

void ConfigurationParser::ReadHolderBinding(CredentialConfiguration& out) {
  out.holder_binding = reader_.Boolean("holder_binding").value_or(true);
  if (!out.holder_binding) {
    for (std::string_view key : {"proof_algs", "binding_methods"}) {
      if (reader_.Node(key) != nullptr) {
        reader_.ReportKey(key,
                          "has no meaning with holder_binding = false: a credential bound to "
                          "no key needs no proof. Remove one of the two.");
      }
    }
    return;
  }
  ReadAlgorithms(out);
  ReadBindingMethods(out);
}

void ConfigurationParser::ReadAlgorithms(CredentialConfiguration& out) {
  std::optional<std::vector<std::string>> proof_algs = reader_.Strings("proof_algs");
  if (!proof_algs) {
    out.proof_algs = {jose::JwsAlgorithm::kEs256};
    return;
  }
  if (proof_algs->empty()) {
    reader_.ReportKey("proof_algs", "must list at least one algorithm.");
  }
  for (const std::string& name : *proof_algs) {
    std::optional<jose::JwsAlgorithm> alg = ParseSigningAlgorithm(name);
    if (!alg) {
      reader_.ReportKey("proof_algs", "may contain only ES256, ES384 and EdDSA.");
    } else if (std::find(out.proof_algs.begin(), out.proof_algs.end(), *alg) !=
               out.proof_algs.end()) {
      reader_.ReportKey("proof_algs", "lists " + name + " twice.");
    } else {
      out.proof_algs.push_back(*alg);
    }
  }
}

void ConfigurationParser::ReadBindingMethods(CredentialConfiguration& out) {
  std::optional<std::vector<std::string>> names = reader_.Strings("binding_methods");
  if (!names) {
    out.binding_methods = {BindingMethod::kJwk};
    return;
  }
  if (names->empty()) {
    reader_.ReportKey("binding_methods", "must list at least one of jwk, did:jwk and did:key.");
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
      reader_.ReportKey("binding_methods", "may contain only jwk, did:jwk and did:key.");
    } else if (out.AllowsBinding(*method)) {
      reader_.ReportKey("binding_methods", "lists " + name + " twice.");
    } else {
      out.binding_methods.push_back(*method);
    }
  }
}

void ConfigurationParser::ReadTxCode(TxCodePolicy& out) {
  const toml::table* table = reader_.Table("tx_code", false);
  if (table == nullptr) {
    out = TxCodePolicy();
    out.mode = TxCodeMode::kRequired;
    return;
  }
  TableReader tx(*table, "the tx_code of " + reader_.context(), reader_.source(), diags_);
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

}  // namespace

std::optional<jose::JwsAlgorithm> ParseSigningAlgorithm(std::string_view name) {
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

std::optional<seconds> ReadDurationNode(const toml::node& node, seconds min, seconds max) {
  std::optional<seconds> parsed;
  if (const auto* text = node.as_string()) {
    parsed = ParseDuration(text->get());
  } else if (const auto* count = node.as_integer()) {
    parsed = seconds(count->get());
  }
  if (!parsed || *parsed < min || *parsed > max) {
    return std::nullopt;
  }
  return parsed;
}

std::optional<CredentialConfiguration> ParseConfiguration(
    const toml::table& table, std::string_view source, Diagnostics* diags,
    const std::function<bool(std::string_view)>& id_taken) {
  TableReader id_reader(table, "a [[credential_configuration]]", source, diags);
  std::optional<std::string> id = id_reader.String("id", true);
  if (!id) {
    return std::nullopt;
  }
  TableReader reader(table, "credential_configuration '" + *id + "'", source, diags);
  reader.Node("id");
  size_t before = diags->size();
  CredentialConfiguration config;
  config.id = *id;
  if (!IsValidIdentifier(*id)) {
    reader.ReportKey("id", "must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.' and '-'.");
  } else if (id_taken(*id)) {
    reader.ReportKey("id", "is already used by another credential configuration.");
  }
  ConfigurationParser parser(reader, diags);
  parser.ReadTypeAndKey(config);
  parser.ReadValidity(config);
  parser.ReadHolderBinding(config);
  parser.ReadTxCode(config.tx_code);
  parser.ReadOfferLifetime(config);
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
  if (diags->size() != before) {
    return std::nullopt;
  }
  return config;
}

}  // namespace vci::policy
