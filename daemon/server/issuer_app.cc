#include "daemon/server/issuer_app.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "crypto/base/errno_text.h"
#include "crypto/pkcs11/pin_source.h"
#include "daemon/metrics/hsm_metrics.h"
#include "daemon/server/exit_codes.h"
#include "policy/policy_loader.h"

namespace vci::server {
namespace {

StartupError Fail(int exit_code, Error error) {
  return StartupError{exit_code, std::move(error)};
}

int ExitCodeForTokenError(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kPinIncorrect:
    case ErrorCode::kPinLocked:
      return kExitPinRefused;
    case ErrorCode::kInvalidArgument:
      return kExitConfigInvalid;
    default:
      return kExitFailure;
  }
}

int ExitCodeForKeyError(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kNotFound:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kInvalidArgument:
      return kExitKeyInvalid;
    default:
      return kExitFailure;
  }
}

Result<SecretBytes> ReadPin(const config::Pkcs11Config& pkcs11) {
  if (!pkcs11.pin_credential.empty()) {
    return pkcs11::ReadPinCredential(pkcs11.pin_credential);
  }
  return pkcs11::ReadPinFile(pkcs11.pin_file);
}

Result<void> EnsureDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return Error(ErrorCode::kUnavailable, "the state directory cannot be created",
                 path + ": " + ErrnoText(errno));
  }
  return Ok();
}

}  // namespace

std::variant<std::unique_ptr<IssuerApp>, StartupError> IssuerApp::Create(
    const config::Config& config) {
  // NOLINTNEXTLINE(modernize-make-unique,cppcoreguidelines-owning-memory): private constructor.
  std::unique_ptr<IssuerApp> app(new IssuerApp(config));

  Result<std::unique_ptr<ossl::Context>> ossl = ossl::Context::Create();
  if (!ossl.has_value()) {
    return Fail(kExitFailure, ossl.error());
  }
  app->ossl_ = std::move(ossl).value();

  Result<policy::Policy> policy = policy::LoadPolicyDir(config.policy.directory);
  if (!policy.has_value()) {
    return Fail(kExitPolicyInvalid, policy.error());
  }
  auto shared_policy = std::make_shared<const policy::Policy>(std::move(policy).value());

  Result<SecretBytes> pin = ReadPin(config.pkcs11);
  if (!pin.has_value()) {
    return Fail(kExitConfigInvalid, pin.error());
  }
  pkcs11::TokenOptions options;
  options.module_path = config.pkcs11.module;
  options.token_uri = config.pkcs11.token;
  options.pin = std::move(pin).value();
  options.max_sessions = config.pkcs11.max_sessions;
  options.observer = &metrics::GlobalHsmObserver();
  Result<std::unique_ptr<pkcs11::Token>> token = pkcs11::Token::Open(std::move(options));
  if (!token.has_value()) {
    return Fail(ExitCodeForTokenError(token.error()), token.error());
  }
  app->token_ = std::move(token).value();

  // Every key the policy names is opened and checked now, so a missing or weak key stops the
  // daemon at startup rather than failing a wallet later.
  for (const policy::CredentialConfiguration& configuration : shared_policy->configurations) {
    if (app->signers_.Contains(configuration.signing_key)) {
      continue;
    }
    Result<std::unique_ptr<jose::JwsSigner>> signer =
        app->token_->OpenSigner(*app->ossl_, configuration.signing_key);
    if (!signer.has_value()) {
      return Fail(ExitCodeForKeyError(signer.error()),
                  signer.error().WithContext("signing key of " + configuration.id));
    }
    if ((*signer)->Algorithm() != configuration.signing_alg) {
      return Fail(kExitKeyInvalid,
                  Error(ErrorCode::kFailedPrecondition, "signing key does not fit signing_alg",
                        "configuration " + configuration.id + ": the key signs " +
                            std::string(jose::JwsAlgorithmName((*signer)->Algorithm()))));
    }
    Result<void> added =
        app->signers_.Add(*app->ossl_, configuration.signing_key, std::move(signer).value());
    if (!added.has_value()) {
      return Fail(kExitKeyInvalid, added.error());
    }
  }
  Result<std::unique_ptr<MacKey>> mac_key = app->token_->OpenMacKey(config.keys.hmac);
  if (!mac_key.has_value()) {
    return Fail(ExitCodeForKeyError(mac_key.error()), mac_key.error().WithContext("keys.hmac"));
  }
  std::vector<std::unique_ptr<MacKey>> mac_keys;
  mac_keys.push_back(std::move(mac_key).value());
  app->mac_keys_ = std::make_unique<oid4vci::MacKeyring>(std::move(mac_keys));

  Result<void> dir = EnsureDirectory(config.state.directory);
  if (!dir.has_value()) {
    return Fail(kExitFailure, dir.error());
  }
  // One connection per HTTP thread of both listeners, and one for housekeeping.
  size_t num_connections = 2 * config.listen.threads + 1;
  Result<std::unique_ptr<store::SqliteStore>> store =
      store::SqliteStore::Open(config.state.DatabasePath(), num_connections);
  if (!store.has_value()) {
    return Fail(kExitFailure, store.error());
  }
  app->store_ = std::move(store).value();
  app->policy_ = std::make_unique<oid4vci::PolicyHolder>(std::move(shared_policy));

  oid4vci::IssuerSettings settings;
  settings.credential_issuer = config.issuer.identifier;
  settings.path_prefix = config.issuer.url.path;
  settings.offer_lifetime = config.lifetimes.offer;
  settings.access_token_lifetime = config.lifetimes.access_token;
  settings.nonce_lifetime = config.lifetimes.nonce;
  settings.proof_iat_window = config.proof.iat_window;
  settings.proof_iat_future = config.proof.future_skew;
  settings.accept_draft15_proof = config.proof.accept_draft15_proof;
  settings.allowed_client_ids = config.token.allowed_client_ids;
  settings.token_per_minute = config.limits.token_per_minute;
  settings.nonce_per_minute = config.limits.nonce_per_minute;
  settings.credential_per_minute = config.limits.credential_per_minute;
  settings.max_live_nonces = config.limits.max_live_nonces;
  // IssuerContext is an aggregate of references: make_unique would need parenthesized aggregate
  // initialisation, which clang 14 lacks.
  // NOLINTNEXTLINE(modernize-make-unique,cppcoreguidelines-owning-memory): see above.
  app->context_.reset(new oid4vci::IssuerContext{settings, *app->policy_, *app->store_,
                                                 *app->mac_keys_, app->signers_, *app->ossl_,
                                                 app->clock_, app->random_});
  app->public_api_ = std::make_unique<oid4vci::PublicApi>(*app->context_);
  app->readiness_ = std::make_unique<metrics::Readiness>(*app->token_, *app->store_);
  app->admin_api_ = std::make_unique<admin::AdminApi>(*app->context_, app->readiness_.get());
  return app;
}

Result<void> IssuerApp::Listen(const std::map<std::string, int>& listen_fds) {
  auto options_for = [&](const char* name, const config::ListenAddress& address) {
    http::ServerOptions options;
    options.name = name;
    options.host = address.host;
    options.port = address.port;
    options.threads = static_cast<unsigned>(config_.listen.threads);
    const config::LimitsConfig& limits = config_.limits;
    options.max_body_bytes = limits.max_body_bytes;
    options.max_url_bytes = limits.max_url_bytes;
    options.connection_limit = limits.connections;
    options.per_ip_connection_limit = limits.connections_per_address;
    options.connection_timeout_s = static_cast<unsigned>(limits.connection_timeout.count());
    auto fd = listen_fds.find(name);
    if (fd != listen_fds.end()) {
      options.listen_fd = fd->second;
    }
    return options;
  };
  http::ServerOptions public_options = options_for("public", config_.listen.public_address);
  // Browser-based wallets call the public endpoints from other origins.
  public_options.cors_allow_origin = "*";
  public_options.tls_certificate_file = config_.tls.public_listener.certificate_file;
  public_options.tls_key_file = config_.tls.public_listener.key_file;
  VCI_ASSIGN_OR_RETURN(public_server_, http::HttpServer::Start(public_options, *public_api_));
  http::ServerOptions admin_options = options_for("admin", config_.listen.admin_address);
  admin_options.tls_certificate_file = config_.tls.admin.certificate_file;
  admin_options.tls_key_file = config_.tls.admin.key_file;
  admin_options.tls_client_ca_file = config_.tls.admin.client_ca_file;
  VCI_ASSIGN_OR_RETURN(admin_server_, http::HttpServer::Start(admin_options, *admin_api_));
  return Ok();
}

Result<void> IssuerApp::ReloadPolicy() {
  VCI_ASSIGN_OR_RETURN(policy::Policy policy, policy::LoadPolicyDir(config_.policy.directory));
  for (const policy::CredentialConfiguration& configuration : policy.configurations) {
    const oid4vci::RegisteredSigner* signer = signers_.Find(configuration.signing_key);
    if (signer == nullptr || signer->signer->Algorithm() != configuration.signing_alg) {
      return Error(ErrorCode::kFailedPrecondition, "the new policy names a key not loaded",
                   "configuration " + configuration.id +
                       ": its signing key was not opened at startup; restart to use new keys");
    }
  }
  policy_->Set(std::make_shared<const policy::Policy>(std::move(policy)));
  return Ok();
}

Result<store::PurgeCounts> IssuerApp::PurgeExpired() {
  return store_->Purge(clock_.NowSeconds());
}

void IssuerApp::Stop(std::chrono::milliseconds drain) {
  auto deadline = std::chrono::steady_clock::now() + drain;
  for (http::HttpServer* server : {public_server_.get(), admin_server_.get()}) {
    if (server != nullptr) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      server->Stop(std::max(left, std::chrono::milliseconds(0)));
    }
  }
}

uint16_t IssuerApp::public_port() const {
  return public_server_ == nullptr ? 0 : public_server_->port();
}

uint16_t IssuerApp::admin_port() const {
  return admin_server_ == nullptr ? 0 : admin_server_->port();
}

IssuerApp::~IssuerApp() {
  // Listeners first: no request may run while the services below them go away.
  public_server_.reset();
  admin_server_.reset();
}

}  // namespace vci::server
