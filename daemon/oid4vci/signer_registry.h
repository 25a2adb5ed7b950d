// SignerRegistry: the issuer's signing keys, by the pkcs11: URI that the policy names, with the
// public JWK and key id that verifiers find in /.well-known/jwt-vc-issuer.
#ifndef VCISSUER_DAEMON_OID4VCI_SIGNER_REGISTRY_H_
#define VCISSUER_DAEMON_OID4VCI_SIGNER_REGISTRY_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"

namespace vci::oid4vci {

struct RegisteredSigner {
  std::unique_ptr<jose::JwsSigner> signer;
  std::string kid;            // RFC 7638 thumbprint of the public key
  nlohmann::json public_jwk;  // with kid, alg and use
};

class SignerRegistry {
 public:
  // Add registers `signer` under `key_uri`, computing its JWK and kid. kInternal if the public
  // key cannot be expressed as a JWK.
  Result<void> Add(const ossl::Context& ossl, const std::string& key_uri,
                   std::unique_ptr<jose::JwsSigner> signer);

  // Find returns the signer registered under `key_uri`, or nullptr.
  const RegisteredSigner* Find(std::string_view key_uri) const;

  // Jwks returns {"keys": [...]} with every registered public key.
  nlohmann::json Jwks() const;

  bool Contains(std::string_view key_uri) const { return Find(key_uri) != nullptr; }

 private:
  std::map<std::string, RegisteredSigner, std::less<>> signers_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_SIGNER_REGISTRY_H_
