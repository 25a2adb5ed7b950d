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

namespace {

// FindByHash compares `sha256` with every client's hash in constant time, and all of them
// whatever matches, so the time taken says nothing about which client (if any) matched. Hashes
// are unique, so at most one matches; an empty hash never does.
const Client* FindByHash(const std::vector<Client>& clients, Bytes Client::*member,
                         ByteView sha256) {
  constexpr size_t kSha256Bytes = 32;
  if (sha256.size() != kSha256Bytes) {
    return nullptr;
  }
  const Client* found = nullptr;
  for (const Client& client : clients) {
    // A client without this kind of credential has an empty hash, which never matches.
    bool equal = ConstantTimeEquals(client.*member, sha256);
    found = equal ? &client : found;
  }
  return found;
}

}  // namespace

const Client* Policy::FindClientByTokenHash(ByteView sha256) const {
  return FindByHash(clients, &Client::token_sha256, sha256);
}

const Client* Policy::FindClientByCertificateHash(ByteView sha256) const {
  return FindByHash(clients, &Client::certificate_sha256, sha256);
}

}  // namespace vci::policy
