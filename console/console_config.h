// ConsoleConfig: vcissuer-console's configuration file (/etc/vcissuer-console/console.toml).
// Like the daemon's, it never holds a secret: the admin bearer token and the OIDC client secret
// come from files (mode 0600) or systemd credentials (LoadCredential=).
#ifndef VCISSUER_CONSOLE_CONSOLE_CONFIG_H_
#define VCISSUER_CONSOLE_CONSOLE_CONFIG_H_

#include <chrono>
#include <string>

#include "crypto/base/result.h"
#include "daemon/config/listen_address.h"

namespace vci::console {

// SecretRef names where a secret is read: a file, or a systemd credential.
struct SecretRef {
  std::string file;
  std::string credential;
};

struct ConsoleConfig {
  std::string public_url;  // What browsers see, without a trailing '/'; the cookie's origin.
  config::ListenAddress listen;
  std::string rules_file;  // Eligibility and claim-mapping rules (policy/console_rules.h).

  std::string oidc_issuer;  // Compared exactly with the discovery document's and the ID token's.
  std::string oidc_client_id;
  SecretRef oidc_client_secret;
  std::string oidc_scope = "openid profile email";

  std::string admin_url;  // The daemon's admin listener, e.g. "http://127.0.0.1:8444".
  SecretRef admin_token;

  std::string smtp_url;  // "smtp://relay:25" or "smtps://..."; empty: no mail (on-screen only).
  std::string mail_from;

  std::chrono::seconds session_idle{900};
  std::chrono::seconds session_absolute{8 * 3600};
  std::chrono::seconds offer_lifetime{300};
  std::chrono::seconds jwks_cache{600};
  bool allow_insecure_loopback = false;  // http:// URLs on loopback, for development and tests.
};

// ParseConsoleConfig reads configuration `text` named `source` in messages. kInvalidArgument with
// one "file:line:column: sentence" line per problem.
Result<ConsoleConfig> ParseConsoleConfig(std::string_view text, std::string_view source);

// LoadConsoleConfig reads and parses the file at `path`; kNotFound if it cannot be read.
Result<ConsoleConfig> LoadConsoleConfig(const std::string& path);

// ReadSecret returns the secret `ref` names, without one trailing newline. A file readable by
// group or others is refused (kInvalidArgument), as the daemon refuses such a PIN file.
Result<std::string> ReadSecret(const SecretRef& ref);

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_CONSOLE_CONFIG_H_
