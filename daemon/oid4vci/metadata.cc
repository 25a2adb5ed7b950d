#include "daemon/oid4vci/metadata.h"

#include "daemon/oid4vci/offer_service.h"

namespace vci::oid4vci {
namespace {

nlohmann::json DisplayJson(const policy::Display& display) {
  nlohmann::json out = {{"name", display.name}};
  if (!display.locale.empty()) {
    out["locale"] = display.locale;
  }
  if (!display.description.empty()) {
    out["description"] = display.description;
  }
  if (!display.background_color.empty()) {
    out["background_color"] = display.background_color;
  }
  if (!display.text_color.empty()) {
    out["text_color"] = display.text_color;
  }
  if (display.logo.has_value()) {
    nlohmann::json logo = {{"uri", display.logo->uri}};
    if (!display.logo->alt_text.empty()) {
      logo["alt_text"] = display.logo->alt_text;
    }
    out["logo"] = std::move(logo);
  }
  return out;
}

nlohmann::json DisplayArray(const std::vector<policy::Display>& displays) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& display : displays) {
    out.push_back(DisplayJson(display));
  }
  return out;
}

// AppendClaims adds one claims description per claim, depth first (OID4VCI 1.0 Appendix B.2):
// an object's members extend the path by name, an array's elements by null.
void AppendClaims(const std::vector<policy::ClaimSpec>& specs, const nlohmann::json& parent_path,
                  nlohmann::json& out) {
  for (const policy::ClaimSpec& spec : specs) {
    nlohmann::json path = parent_path;
    path.push_back(spec.name);
    nlohmann::json entry = {{"path", path}};
    if (spec.required) {
      entry["mandatory"] = true;
    }
    if (!spec.display.empty()) {
      nlohmann::json display = nlohmann::json::array();
      for (const auto& d : spec.display) {
        display.push_back({{"name", d.name}, {"locale", d.locale}});
      }
      entry["display"] = std::move(display);
    }
    out.push_back(std::move(entry));
    AppendClaims(spec.children, path, out);
    if (const policy::ClaimSpec* item = spec.ItemSpec(); item != nullptr) {
      nlohmann::json item_path = path;
      item_path.push_back(nullptr);
      AppendClaims(item->children, item_path, out);
    }
  }
}

nlohmann::json AlgorithmNames(const std::vector<jose::JwsAlgorithm>& algs) {
  nlohmann::json out = nlohmann::json::array();
  for (jose::JwsAlgorithm alg : algs) {
    out.push_back(jose::JwsAlgorithmName(alg));
  }
  return out;
}

nlohmann::json BindingMethodNames(const policy::CredentialConfiguration& configuration) {
  nlohmann::json out = nlohmann::json::array();
  for (policy::BindingMethod method : configuration.binding_methods) {
    out.push_back(policy::BindingMethodName(method));
  }
  return out;
}

nlohmann::json ConfigurationJson(const policy::CredentialConfiguration& configuration) {
  nlohmann::json claims = nlohmann::json::array();
  AppendClaims(configuration.claims, nlohmann::json::array(), claims);
  nlohmann::json credential_metadata = {{"claims", std::move(claims)}};
  if (!configuration.display.empty()) {
    credential_metadata["display"] = DisplayArray(configuration.display);
  }
  nlohmann::json out = {
      {"format", configuration.format},
      {"vct", configuration.vct},
      {"credential_signing_alg_values_supported",
       {jose::JwsAlgorithmName(configuration.signing_alg)}},
      {"credential_metadata", std::move(credential_metadata)},
  };
  // Section 12.2.4: without holder binding both are absent, and wallets send no proof.
  if (configuration.holder_binding) {
    out["cryptographic_binding_methods_supported"] = BindingMethodNames(configuration);
    out["proof_types_supported"] = {
        {"jwt",
         {{"proof_signing_alg_values_supported", AlgorithmNames(configuration.proof_algs)}}}};
  }
  return out;
}

}  // namespace

nlohmann::json CredentialIssuerMetadata(const IssuerSettings& settings,
                                        const policy::Policy& policy) {
  const std::string& issuer = settings.credential_issuer;
  nlohmann::json configurations = nlohmann::json::object();
  for (const auto& configuration : policy.configurations) {
    configurations[configuration.id] = ConfigurationJson(configuration);
  }
  nlohmann::json metadata = {
      {"credential_issuer", issuer},
      {"credential_endpoint", issuer + "/credential"},
      {"nonce_endpoint", issuer + "/nonce"},
      {"notification_endpoint", issuer + "/notification"},
      {"credential_configurations_supported", std::move(configurations)},
  };
  if (policy.issuer.batch_size >= policy::kMinBatchSize) {
    metadata["batch_credential_issuance"] = {{"batch_size", policy.issuer.batch_size}};
  }
  if (!policy.issuer.display.empty()) {
    metadata["display"] = DisplayArray(policy.issuer.display);
  }
  return metadata;
}

nlohmann::json AuthorizationServerMetadata(const IssuerSettings& settings) {
  const std::string& issuer = settings.credential_issuer;
  return {
      {"issuer", issuer},
      {"token_endpoint", issuer + "/token"},
      {"grant_types_supported", {kPreAuthorizedGrantType}},
      {"pre-authorized_grant_anonymous_access_supported", settings.allowed_client_ids.empty()},
      {"token_endpoint_auth_methods_supported", {"none"}},
      {"response_types_supported", nlohmann::json::array()},
  };
}

nlohmann::json JwtVcIssuerMetadata(const IssuerSettings& settings, const SignerRegistry& signers) {
  return {{"issuer", settings.credential_issuer}, {"jwks", signers.Jwks()}};
}

}  // namespace vci::oid4vci
