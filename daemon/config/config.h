// Config: the daemon's configuration file (vcissuer.toml), parsed and checked.
//
// Security property: the configuration holds references to secrets (a PIN file path or a systemd
// credential name), never a secret itself. A key named pin or pin_value, or a PKCS#11 URI with
// pin-value, is an error. Unknown keys are errors, so a misspelt setting never silently falls
// back to a default. See examples/config/vcissuer.toml for every key.
#ifndef VCISSUER_DAEMON_CONFIG_CONFIG_H_
#define VCISSUER_DAEMON_CONFIG_CONFIG_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/result.h"
#include "daemon/config/issuer_url.h"
#include "daemon/config/limits_config.h"
#include "daemon/config/listen_address.h"
#include "daemon/systemd/log_sink.h"

namespace vci::config {

struct IssuerConfig {
  std::string identifier;  // Normalized credential_issuer, without a trailing '/'.
  IssuerUrl url;           // Its parts. The public base URL for offers equals the identifier.
};

struct ListenConfig {
  ListenAddress public_address{"127.0.0.1", 8443};  // TOML key "public".
  ListenAddress admin_address{"127.0.0.1", 8444};   // TOML key "admin".
  size_t threads = 4;                               // HTTP worker threads per listener.
};

// The process model: a supervisor and its worker processes (daemon/server/supervisor.h).
struct ServerConfig {
  size_t workers = 0;  // Worker processes, 1 to 64; 0 (the default) means one per online CPU.
  std::chrono::seconds heartbeat_timeout{10};  // A worker silent this long, or inside one HSM
                                               // call this long, is hung and restarted.
  std::chrono::seconds drain_timeout{10};      // How long requests in flight may finish on stop.
};

struct Pkcs11Config {
  std::string module;          // Path of the PKCS#11 module, or a bare name for the loader path.
  std::string token;           // RFC 7512 URI naming the token.
  std::string pin_file;        // Absolute path of a file holding the PIN, or "".
  std::string pin_credential;  // systemd credential name (LoadCredential=), or "".
  size_t max_sessions = 8;
};

struct KeysConfig {
  std::string hmac;  // PKCS#11 URI of the secret key that derives codes and protects tx_codes.
};

struct StateConfig {
  std::string directory;  // Absolute; the SQLite database vcissuer.db lives here.

  // DatabasePath returns directory + "/vcissuer.db".
  std::string DatabasePath() const { return directory + "/vcissuer.db"; }
};

struct PolicyConfig {
  std::string directory;  // Absolute; holds the *.toml policy files.
};

struct Lifetimes {
  std::chrono::seconds offer{1800};
  std::chrono::seconds access_token{300};
  std::chrono::seconds nonce{300};
};

// kMaxAccessTokenLifetime is the longest access token lifetime the configuration accepts.
inline constexpr std::chrono::seconds kMaxAccessTokenLifetime{300};

struct ProofConfig {
  std::chrono::seconds iat_window{300};  // How far in the past a proof's iat may be.
  std::chrono::seconds future_skew{60};  // How far in the future (fixed).
  // Accept draft 15's singular "proof" object in credential requests (wallets not yet on 1.0).
  bool accept_draft15_proof = false;
};

struct TokenConfig {
  // client_id values the token endpoint accepts. Empty: anonymous access (RFC 6749 section 2.4;
  // OID4VCI 1.0 section 6.1), a client_id is then ignored.
  std::vector<std::string> allowed_client_ids;
};

// The configuration names log levels as the logger does (systemd::LogLevelName).
using LogLevel = systemd::LogLevel;

struct LoggingConfig {
  LogLevel level = LogLevel::kInfo;
};

// TlsListenerConfig: direct HTTPS on one listener (libmicrohttpd with GnuTLS, TLS 1.2 and 1.3
// with the BCP 195 cipher suites only). Empty certificate_file: plain HTTP, for a deployment
// behind a TLS reverse proxy (docs/deployment.md).
struct TlsListenerConfig {
  std::string certificate_file;  // PEM certificate chain, leaf first.
  std::string key_file;          // PEM private key (a secret: mode 0600, read at start).
  // Admin listener only: PEM CA certificates that client certificates must chain to. When set,
  // the listener asks for a client certificate (and still accepts bearer tokens).
  std::string client_ca_file;

  bool enabled() const { return !certificate_file.empty(); }
};

struct TlsConfig {
  TlsListenerConfig public_listener;  // TOML [tls.public]
  TlsListenerConfig admin;            // TOML [tls.admin]
};

struct DevelopmentConfig {
  bool allow_insecure_loopback = false;  // Allows an http identifier on a loopback host.
};

struct Config {
  IssuerConfig issuer;
  ListenConfig listen;
  ServerConfig server;
  Pkcs11Config pkcs11;
  KeysConfig keys;
  StateConfig state;
  PolicyConfig policy;
  Lifetimes lifetimes;
  ProofConfig proof;
  TokenConfig token;
  LoggingConfig logging;
  TlsConfig tls;
  LimitsConfig limits;
  DevelopmentConfig development;
};

// LoadConfig reads and checks the configuration file at `path`. Relative paths in it are resolved
// against the file's directory. Failures: kNotFound if the file cannot be opened; kInvalidArgument
// if it is larger than 1 MiB or invalid, with every problem on its own line as
// "file:line:column: sentence". Thread-compatible.
Result<Config> LoadConfig(const std::string& path);

// ParseConfig checks `toml_text`, naming it `source_name` in messages and resolving relative
// paths against the directory part of `source_name` (left relative if it has none). Errors as for
// LoadConfig's content.
Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name);

// RedactedDump returns the effective configuration as TOML, for --print-config. The
// configuration holds no secret, only references to them, so nothing is elided; the function
// exists so that this stays true in one reviewed place.
std::string RedactedDump(const Config& config);

}  // namespace vci::config

#endif  // VCISSUER_DAEMON_CONFIG_CONFIG_H_
