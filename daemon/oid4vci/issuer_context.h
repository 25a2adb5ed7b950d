// IssuerContext: what every endpoint of the issuer shares. Built once at startup by the server
// wiring; the endpoints hold a reference and never own any of it.
#ifndef VCISSUER_DAEMON_OID4VCI_ISSUER_CONTEXT_H_
#define VCISSUER_DAEMON_OID4VCI_ISSUER_CONTEXT_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "crypto/base/clock.h"
#include "crypto/base/random.h"
#include "crypto/ossl/context.h"
#include "daemon/oid4vci/mac_keyring.h"
#include "daemon/oid4vci/signer_registry.h"
#include "daemon/store/store.h"
#include "policy/policy.h"

namespace vci::oid4vci {

// IssuerSettings come from the configuration file and never change under a running daemon, so
// `credential_issuer` and the `aud` that proofs are checked against never move.
struct IssuerSettings {
  std::string credential_issuer;  // The issuer identifier, without a trailing slash.
  std::string path_prefix;        // Its path ("" or "/tenant"); every endpoint lives under it.
  std::chrono::seconds offer_lifetime{1800};
  std::chrono::seconds access_token_lifetime{300};
  std::chrono::seconds nonce_lifetime{300};
  std::chrono::seconds proof_iat_window{300};  // How old a proof's iat may be.
  std::chrono::seconds proof_iat_future{60};   // How far ahead a wallet's clock may run.
  bool accept_draft15_proof = false;           // Accept draft 15's singular "proof" object.
  // client_ids the token endpoint accepts; empty for anonymous access.
  std::vector<std::string> allowed_client_ids;
  // Requests per address per minute on /token, /nonce and /credential (0: unlimited), and the
  // most unexpired c_nonces the store may hold ([limits] of the configuration).
  uint32_t token_per_minute = 0;
  uint32_t nonce_per_minute = 0;
  uint32_t credential_per_minute = 0;
  uint64_t max_live_nonces = 0;  // 0: unbounded.
};

// PolicyHolder hands out the current policy. Readers keep the snapshot they took for the whole
// request, so a reload never changes the rules under a request in flight.
class PolicyHolder {
 public:
  explicit PolicyHolder(std::shared_ptr<const policy::Policy> policy)
      : policy_(std::move(policy)) {}

  std::shared_ptr<const policy::Policy> Get() const {
    std::lock_guard lock(mutex_);
    return policy_;
  }

  void Set(std::shared_ptr<const policy::Policy> policy) {
    std::lock_guard lock(mutex_);
    policy_ = std::move(policy);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const policy::Policy> policy_;  // guarded by mutex_
};

struct IssuerContext {
  IssuerSettings settings;
  PolicyHolder& policy;
  store::Store& store;
  MacKeyring& mac_keys;
  SignerRegistry& signers;
  const ossl::Context& ossl;
  const Clock& clock;
  RandomSource& random;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_ISSUER_CONTEXT_H_
