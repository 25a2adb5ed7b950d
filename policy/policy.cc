#include "policy/policy.h"

#include <algorithm>

#include "crypto/base/secret.h"

namespace vci::policy {

std::string_view BindingMethodName(BindingMethod method) {
  switch (method) {
    case BindingMethod::kJwk:
      return "jwk";
    case BindingMethod::kDidJwk:
      return "did:jwk";
    case BindingMethod::kDidKey:
      return "did:key";
  }
  return "jwk";
}

const ClaimSpec* CredentialConfiguration::FindClaim(std::string_view name) const {
  for (const ClaimSpec& claim : claims) {
    if (claim.name == name) {
      return &claim;
    }
  }
  return nullptr;
}

bool CredentialConfiguration::AllowsBinding(BindingMethod method) const {
  return std::find(binding_methods.begin(), binding_methods.end(), method) != binding_methods.end();
}

bool Client::Grants(std::string_view id) const {
  return std::find(configurations.begin(), configurations.end(), id) != configurations.end();
}

bool Client::MaySet(std::string_view claim) const {
  return !settable_claims.has_value() || std::find(settable_claims->begin(), settable_claims->end(),
                                                   claim) != settable_claims->end();
}

const CredentialConfiguration* Policy::FindConfiguration(std::string_view id) const {
  for (const CredentialConfiguration& configuration : configurations) {
    if (configuration.id == id) {
      return &configuration;
    }
  }
  return nullptr;
}

const Client* Policy::FindClientByTokenHash(ByteView sha256) const {
  const Client* found = nullptr;
  for (const Client& client : clients) {
    // No early exit: every hash is compared. Hashes are unique, so at most one matches.
    bool equal = ConstantTimeEquals(client.token_sha256, sha256);
    found = equal ? &client : found;
  }
  return found;
}

}  // namespace vci::policy
