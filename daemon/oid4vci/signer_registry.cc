#include "daemon/oid4vci/signer_registry.h"

#include "crypto/jose/jwk.h"

namespace vci::oid4vci {

Result<void> SignerRegistry::Add(const ossl::Context& ossl, const std::string& key_uri,
                                 std::unique_ptr<jose::JwsSigner> signer) {
  if (signers_.find(key_uri) != signers_.end()) {
    return Ok();
  }
  VCI_ASSIGN_OR_RETURN(nlohmann::json jwk, jose::PublicKeyToJwk(signer->PublicKey()));
  VCI_ASSIGN_OR_RETURN(std::string kid, jose::JwkThumbprint(ossl, jwk));
  jwk["kid"] = kid;
  jwk["alg"] = std::string(jose::JwsAlgorithmName(signer->Algorithm()));
  jwk["use"] = "sig";
  signers_.emplace(key_uri, RegisteredSigner{std::move(signer), std::move(kid), std::move(jwk)});
  return Ok();
}

const RegisteredSigner* SignerRegistry::Find(std::string_view key_uri) const {
  auto it = signers_.find(key_uri);
  return it == signers_.end() ? nullptr : &it->second;
}

nlohmann::json SignerRegistry::Jwks() const {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& [uri, entry] : signers_) {
    keys.push_back(entry.public_jwk);
  }
  return {{"keys", keys}};
}

}  // namespace vci::oid4vci
