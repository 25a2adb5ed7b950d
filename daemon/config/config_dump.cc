// RedactedDump: the effective configuration as TOML for --print-config.
#include <sstream>
#include <utility>

#include "daemon/config/config.h"

namespace vci::config {
namespace {

// Quoted returns a TOML basic string; configuration values are printable (checked at load).
std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
    }
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string RedactedDump(const Config& config) {
  std::ostringstream out;
  out << "[issuer]\nidentifier = " << Quoted(config.issuer.identifier) << "\n\n";
  out << "[listen]\npublic = " << Quoted(config.listen.public_address.ToString())
      << "\nadmin = " << Quoted(config.listen.admin_address.ToString())
      << "\nthreads = " << config.listen.threads << "\n\n";
  out << "[server]\nworkers = " << config.server.workers
      << "\nheartbeat_timeout = " << config.server.heartbeat_timeout.count()
      << "\ndrain_timeout = " << config.server.drain_timeout.count() << "\n\n";

  // The PIN itself is never part of a Config; only where to find it.
  out << "[pkcs11]\nmodule = " << Quoted(config.pkcs11.module)
      << "\ntoken = " << Quoted(config.pkcs11.token) << "\n";
  if (!config.pkcs11.pin_file.empty()) {
    out << "pin_file = " << Quoted(config.pkcs11.pin_file) << "\n";
  }
  if (!config.pkcs11.pin_credential.empty()) {
    out << "pin_credential = " << Quoted(config.pkcs11.pin_credential) << "\n";
  }
  out << "max_sessions = " << config.pkcs11.max_sessions << "\n\n";
  out << "[keys]\nhmac = " << Quoted(config.keys.hmac) << "\n\n";
  out << "[state]\ndirectory = " << Quoted(config.state.directory) << "\n\n";
  out << "[policy]\ndirectory = " << Quoted(config.policy.directory) << "\n\n";
  out << "[lifetimes]\noffer = " << config.lifetimes.offer.count()
      << "\naccess_token = " << config.lifetimes.access_token.count()
      << "\nnonce = " << config.lifetimes.nonce.count() << "\n\n";
  const LimitsConfig& limits = config.limits;
  out << "[limits]\ntoken_per_minute = " << limits.token_per_minute
      << "\nnonce_per_minute = " << limits.nonce_per_minute
      << "\ncredential_per_minute = " << limits.credential_per_minute
      << "\nmax_body_bytes = " << limits.max_body_bytes
      << "\nmax_url_bytes = " << limits.max_url_bytes << "\nconnections = " << limits.connections
      << "\nconnections_per_address = " << limits.connections_per_address
      << "\nconnection_timeout = " << limits.connection_timeout.count()
      << "\nmax_live_nonces = " << limits.max_live_nonces
      << "\npurge_interval = " << limits.purge_interval.count() << "\n\n";
  out << "[proof]\niat_window = " << config.proof.iat_window.count()
      << "\naccept_draft15_proof = " << (config.proof.accept_draft15_proof ? "true" : "false")
      << "\n\n";
  out << "[token]\nclient_ids = [";
  for (size_t i = 0; i < config.token.allowed_client_ids.size(); ++i) {
    out << (i == 0 ? "" : ", ") << Quoted(config.token.allowed_client_ids[i]);
  }
  out << "]\n\n";
  out << "[logging]\nlevel = " << Quoted(systemd::LogLevelName(config.logging.level)) << "\n\n";
  // TLS: the key file's path, never its content.
  for (auto [name, tls] :
       {std::pair{"public", &config.tls.public_listener}, std::pair{"admin", &config.tls.admin}}) {
    if (!tls->enabled()) {
      continue;
    }
    out << "[tls." << name << "]\ncertificate = " << Quoted(tls->certificate_file)
        << "\nkey = " << Quoted(tls->key_file) << "\n";
    if (!tls->client_ca_file.empty()) {
      out << "client_ca = " << Quoted(tls->client_ca_file) << "\n";
    }
    out << "\n";
  }
  out << "[development]\nallow_insecure_loopback = "
      << (config.development.allow_insecure_loopback ? "true" : "false") << "\n";
  return out.str();
}

}  // namespace vci::config
