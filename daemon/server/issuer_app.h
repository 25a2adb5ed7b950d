// IssuerApp: the appliance assembled from its parts: the token and its keys, the store, the
// policy, the protocol endpoints and the two HTTP listeners. One IssuerApp is one worker process;
// each opens the PKCS#11 module itself (nothing forks after C_Initialize).
#ifndef VCISSUER_DAEMON_SERVER_ISSUER_APP_H_
#define VCISSUER_DAEMON_SERVER_ISSUER_APP_H_

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "crypto/base/clock.h"
#include "crypto/base/random.h"
#include "crypto/ossl/context.h"
#include "crypto/pkcs11/token.h"
#include "daemon/admin/admin_api.h"
#include "daemon/config/config.h"
#include "daemon/http/http_server.h"
#include "daemon/oid4vci/public_api.h"
#include "daemon/store/sqlite_store.h"

namespace vci::server {

// StartupError is an Error together with the exit status it calls for.
struct StartupError {
  int exit_code;
  Error error;
};

class IssuerApp {
 public:
  // Create loads the policy, logs in to the token, opens and checks every key the policy and the
  // configuration name, and opens the store. Nothing listens yet. On failure it returns the
  // exit status to use (kExitPinRefused, kExitPolicyInvalid, kExitKeyInvalid, kExitFailure).
  static std::variant<std::unique_ptr<IssuerApp>, StartupError> Create(
      const config::Config& config);

  // Listen starts both listeners, on the sockets systemd passed (by name) where there are any,
  // else on the configured addresses.
  Result<void> Listen(const std::map<std::string, int>& listen_fds);

  // ReloadPolicy parses and checks the policy directory again and swaps the new policy in
  // atomically; requests in flight finish under the one they started with. On failure the old
  // policy stays. A configuration whose signing key was not opened at startup is refused.
  // TODO(lead): open new keys on reload and report a policy generation per worker, #5
  Result<void> ReloadPolicy();

  // PurgeExpired deletes what has expired from the store. Called periodically by main.
  Result<store::PurgeCounts> PurgeExpired();

  // Stop stops accepting connections on both listeners and gives requests in flight up to
  // `drain` in total to finish.
  void Stop(std::chrono::milliseconds drain);

  uint16_t public_port() const;
  uint16_t admin_port() const;

  ~IssuerApp();
  IssuerApp(const IssuerApp&) = delete;  // owns the token session pool and the listeners
  IssuerApp& operator=(const IssuerApp&) = delete;

 private:
  explicit IssuerApp(config::Config config) : config_(std::move(config)) {}

  config::Config config_;
  std::unique_ptr<ossl::Context> ossl_;
  std::unique_ptr<pkcs11::Token> token_;
  oid4vci::SignerRegistry signers_;
  std::unique_ptr<oid4vci::MacKeyring> mac_keys_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<oid4vci::PolicyHolder> policy_;
  SystemClock clock_;
  CsprngRandom random_;
  std::unique_ptr<oid4vci::IssuerContext> context_;
  std::unique_ptr<oid4vci::PublicApi> public_api_;
  std::unique_ptr<metrics::Readiness> readiness_;
  std::unique_ptr<admin::AdminApi> admin_api_;
  std::unique_ptr<http::HttpServer> public_server_;
  std::unique_ptr<http::HttpServer> admin_server_;
};

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_ISSUER_APP_H_
