#include "daemon/config/config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "policy/diagnostics.h"
#include "policy/syntax_checks.h"
#include "policy/toml_reader.h"

namespace vci::config {
namespace {

using policy::Diagnostics;
using policy::TableReader;

constexpr size_t kMaxConfigBytes = 1 << 20;
constexpr std::string_view kPinAdvice =
    "the configuration must not contain the PIN. Put the PIN in a file readable only by the "
    "daemon and set pin_file to its path, or pass it as a systemd credential "
    "(LoadCredential=) and set pin_credential to the credential's name.";

// Reader bundles what every section parser needs.
struct Reader {
  Diagnostics* diags;
  std::string_view source;
  std::filesystem::path base_dir;
};

std::string ResolvePath(const Reader& r, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute() || r.base_dir.empty()) {
    return p.lexically_normal().string();
  }
  return (r.base_dir / p).lexically_normal().string();
}

// Section returns a reader for [name]; an absent section reads as an empty table so that its
// required keys are reported and its defaults apply.
const toml::table& SectionTable(TableReader& root, std::string_view name) {
  static const toml::table empty_table;
  const toml::table* table = root.Table(name, false);
  return table != nullptr ? *table : empty_table;
}

std::chrono::seconds ReadSeconds(TableReader& t, std::string_view key, std::chrono::seconds def,
                                 int64_t max) {
  return std::chrono::seconds(t.Integer(key, false, 1, max).value_or(def.count()));
}

void ReadIssuer(TableReader& t, bool allow_insecure, Config& out) {
  std::optional<std::string> identifier = t.String("identifier", true);
  if (!identifier) {
    return;
  }
  Result<IssuerUrl> url = ParseIssuerUrl(*identifier);
  if (!url) {
    t.ReportKey("identifier", url.error().message() + ".");
    return;
  }
  if (url->scheme != "https") {
    if (!allow_insecure) {
      t.ReportKey("identifier",
                  "must use https. Plain http is accepted only for a loopback "
                  "host with [development] allow_insecure_loopback = true.");
      return;
    }
    if (!IsLoopbackHost(url->host)) {
      t.ReportKey("identifier",
                  "uses http with a host that is not 127.0.0.1, localhost or "
                  "[::1]; http is allowed only on loopback, even in development.");
      return;
    }
  }
  out.issuer.url = *url;
  out.issuer.identifier = url->ToString();
}

void ReadListen(TableReader& t, Config& out) {
  for (auto [key, target] : {std::pair{"public", &out.listen.public_address},
                             std::pair{"admin", &out.listen.admin_address}}) {
    std::optional<std::string> text = t.String(key, false);
    if (!text) {
      continue;
    }
    std::optional<ListenAddress> address = ParseListenAddress(*text);
    if (!address) {
      t.ReportKey(key, R"(must be host:port, such as "127.0.0.1:8443" or "[::1]:8443", )"
                       "with a port from 0 to 65535.");
    } else {
      *target = *address;
    }
  }
  out.listen.threads = static_cast<size_t>(t.Integer("threads", false, 1, 64).value_or(4));
}

void ReadServer(TableReader& t, Config& out) {
  out.server.workers = static_cast<size_t>(t.Integer("workers", false, 0, 64).value_or(0));
  out.server.heartbeat_timeout =
      ReadSeconds(t, "heartbeat_timeout", out.server.heartbeat_timeout, 600);
  out.server.drain_timeout = ReadSeconds(t, "drain_timeout", out.server.drain_timeout, 300);
}

void ReadPkcs11Uri(TableReader& t, std::string_view key, std::string* out) {
  std::optional<std::string> uri = t.String(key, true);
  if (!uri) {
    return;
  }
  if (!policy::IsPkcs11Uri(*uri)) {
    t.ReportKey(key, "must be a PKCS#11 URI (RFC 7512) starting with \"pkcs11:\".");
  } else if (policy::Pkcs11UriHasPin(*uri)) {
    t.ReportKey(key, "must not carry pin-value or pin-source: " + std::string(kPinAdvice));
  } else {
    *out = *uri;
  }
}

bool IsCredentialName(std::string_view name) {
  return !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
         name.find('/') == std::string_view::npos && policy::IsPrintable(name);
}

void ReadPkcs11(TableReader& t, const Reader& r, Config& out) {
  Pkcs11Config& p = out.pkcs11;
  t.Forbid("pin", kPinAdvice);
  t.Forbid("pin_value", kPinAdvice);
  t.Forbid("so_pin", kPinAdvice);
  if (std::optional<std::string> module = t.String("module", true)) {
    // A bare file name is left to the dynamic loader's search path.
    p.module = module->find('/') == std::string::npos ? *module : ResolvePath(r, *module);
  }
  ReadPkcs11Uri(t, "token", &p.token);
  std::optional<std::string> pin_file = t.String("pin_file", false);
  std::optional<std::string> pin_credential = t.String("pin_credential", false);
  if (pin_file && pin_credential) {
    t.ReportKey("pin_credential",
                "cannot be set together with pin_file; choose exactly one "
                "place for the PIN.");
  } else if (!pin_file && !pin_credential) {
    t.ReportHere(
        "must set pin_file (a path to a file holding the PIN) or pin_credential (a "
        "systemd credential name).");
  }
  if (pin_file) {
    p.pin_file = pin_file->empty() ? "" : ResolvePath(r, *pin_file);
    if (pin_file->empty()) {
      t.ReportKey("pin_file", "must not be empty.");
    }
  }
  if (pin_credential && !IsCredentialName(*pin_credential)) {
    t.ReportKey("pin_credential", "must be a systemd credential name: a file name without '/'.");
  } else if (pin_credential) {
    p.pin_credential = *pin_credential;
  }
  p.max_sessions = static_cast<size_t>(t.Integer("max_sessions", false, 1, 256).value_or(8));
}

std::string ReadDirectory(TableReader& t, const Reader& r) {
  std::optional<std::string> dir = t.String("directory", true);
  if (dir && dir->empty()) {
    t.ReportKey("directory", "must not be empty.");
  }
  return dir && !dir->empty() ? ResolvePath(r, *dir) : "";
}

// ReadTlsListener reads [tls.public] or [tls.admin]: certificate and key together or neither.
void ReadTlsListener(TableReader& t, const Reader& r, bool allow_client_ca,
                     TlsListenerConfig& out) {
  std::optional<std::string> certificate = t.String("certificate", false);
  std::optional<std::string> key = t.String("key", false);
  if (certificate.has_value() != key.has_value()) {
    t.ReportHere("must set both certificate and key, or neither.");
    return;
  }
  if (certificate && (certificate->empty() || key->empty())) {
    t.ReportHere("certificate and key must be file paths.");
    return;
  }
  if (certificate) {
    out.certificate_file = ResolvePath(r, *certificate);
    out.key_file = ResolvePath(r, *key);
  }
  if (!allow_client_ca) {
    return;
  }
  if (std::optional<std::string> ca = t.String("client_ca", false); ca && !ca->empty()) {
    if (!certificate) {
      t.ReportKey("client_ca", "needs certificate and key: client certificates need TLS.");
      return;
    }
    out.client_ca_file = ResolvePath(r, *ca);
  }
}

void ReadLogging(TableReader& t, Config& out) {
  std::optional<std::string> level = t.String("level", false);
  if (!level) {
    return;
  }
  if (std::optional<LogLevel> parsed = systemd::ParseLogLevel(*level)) {
    out.logging.level = *parsed;
    return;
  }
  t.ReportKey("level", "must be one of err, warning, notice, info, debug.");
}

// ReadClientIds reads [token] client_ids: printable, unique, at most 64 of them.
void ReadClientIds(TableReader& t, Config& out) {
  constexpr size_t kMaxClientIds = 64;
  constexpr size_t kMaxClientIdChars = 256;
  std::optional<std::vector<std::string>> ids = t.Strings("client_ids");
  if (!ids) {
    return;
  }
  if (ids->size() > kMaxClientIds) {
    t.ReportKey("client_ids", "lists more than 64 clients.");
    return;
  }
  for (const std::string& id : *ids) {
    bool printable = !id.empty() && id.size() <= kMaxClientIdChars &&
                     std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (!printable) {
      t.ReportKey("client_ids", "must hold printable ASCII client ids of 1 to 256 characters.");
    } else if (std::find(out.token.allowed_client_ids.begin(), out.token.allowed_client_ids.end(),
                         id) != out.token.allowed_client_ids.end()) {
      t.ReportKey("client_ids", "lists " + id + " twice.");
    } else {
      out.token.allowed_client_ids.push_back(id);
    }
  }
}

void ReadConfig(const toml::table& root, const Reader& r, Config& out) {
  TableReader top(root, "the configuration file", r.source, r.diags);

  // [development] first: it decides whether an http identifier is acceptable.
  TableReader dev(SectionTable(top, "development"), "[development]", r.source, r.diags);
  out.development.allow_insecure_loopback = dev.Boolean("allow_insecure_loopback").value_or(false);

  TableReader issuer(SectionTable(top, "issuer"), "[issuer]", r.source, r.diags);
  ReadIssuer(issuer, out.development.allow_insecure_loopback, out);
  TableReader listen(SectionTable(top, "listen"), "[listen]", r.source, r.diags);
  ReadListen(listen, out);
  TableReader server(SectionTable(top, "server"), "[server]", r.source, r.diags);
  ReadServer(server, out);
  TableReader pkcs11(SectionTable(top, "pkcs11"), "[pkcs11]", r.source, r.diags);
  ReadPkcs11(pkcs11, r, out);
  TableReader keys(SectionTable(top, "keys"), "[keys]", r.source, r.diags);
  ReadPkcs11Uri(keys, "hmac", &out.keys.hmac);
  TableReader state(SectionTable(top, "state"), "[state]", r.source, r.diags);
  out.state.directory = ReadDirectory(state, r);
  TableReader policy_dir(SectionTable(top, "policy"), "[policy]", r.source, r.diags);
  out.policy.directory = ReadDirectory(policy_dir, r);

  TableReader lifetimes(SectionTable(top, "lifetimes"), "[lifetimes]", r.source, r.diags);
  out.lifetimes.offer = ReadSeconds(lifetimes, "offer", out.lifetimes.offer, int64_t{7} * 86400);
  out.lifetimes.access_token = ReadSeconds(lifetimes, "access_token", out.lifetimes.access_token,
                                           kMaxAccessTokenLifetime.count());
  out.lifetimes.nonce = ReadSeconds(lifetimes, "nonce", out.lifetimes.nonce, 3600);
  TableReader proof(SectionTable(top, "proof"), "[proof]", r.source, r.diags);
  out.proof.iat_window = ReadSeconds(proof, "iat_window", out.proof.iat_window, 3600);
  out.proof.accept_draft15_proof = proof.Boolean("accept_draft15_proof").value_or(false);
  TableReader token(SectionTable(top, "token"), "[token]", r.source, r.diags);
  ReadClientIds(token, out);
  TableReader logging(SectionTable(top, "logging"), "[logging]", r.source, r.diags);
  ReadLogging(logging, out);
  TableReader limits(SectionTable(top, "limits"), "[limits]", r.source, r.diags);
  ReadLimits(limits, out.limits);
  TableReader tls(SectionTable(top, "tls"), "[tls]", r.source, r.diags);
  TableReader tls_public(SectionTable(tls, "public"), "[tls.public]", r.source, r.diags);
  ReadTlsListener(tls_public, r, false, out.tls.public_listener);
  TableReader tls_admin(SectionTable(tls, "admin"), "[tls.admin]", r.source, r.diags);
  ReadTlsListener(tls_admin, r, true, out.tls.admin);
  for (TableReader* t : {&tls_public, &tls_admin, &tls}) {
    t->RejectUnknownKeys();
  }

  for (TableReader* t : {&dev, &issuer, &listen, &server, &pkcs11, &keys, &state, &policy_dir,
                         &lifetimes, &proof, &token, &logging, &limits, &top}) {
    t->RejectUnknownKeys();
  }
}

}  // namespace

Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name) {
  Diagnostics diags;
  Reader reader{&diags, source_name, std::filesystem::path(source_name).parent_path()};
  Config config;
  std::optional<toml::table> root = policy::ParseTomlDocument(toml_text, source_name, &diags);
  if (root) {
    ReadConfig(*root, reader, config);
  }
  if (!diags.empty()) {
    return diags.ToError(
        ErrorCode::kInvalidArgument,
        "the configuration is invalid (" + std::to_string(diags.size()) + " problems):");
  }
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  std::ifstream in(ec ? std::filesystem::path(path) : absolute, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound, "cannot open the configuration file " + path);
  }
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes) {
    return Error(ErrorCode::kInvalidArgument,
                 "the configuration file " + path + " is larger than 1 MiB");
  }
  return ParseConfig(text, ec ? path : absolute.string());
}

}  // namespace vci::config
