#include "console/console_config.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "policy/duration.h"
#include "policy/toml_reader.h"

namespace vci::console {
namespace {

constexpr size_t kMaxConfigBytes = size_t{64} * 1024;
constexpr size_t kMaxSecretBytes = 4096;

using policy::Diagnostics;
using policy::TableReader;

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error(ErrorCode::kNotFound, "cannot read " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > max_bytes) {
    return Error(ErrorCode::kInvalidArgument, path + " is too large");
  }
  return text.str();
}

void ReadDuration(TableReader& table, std::string_view key, std::chrono::seconds* out) {
  std::optional<std::string> text = table.String(key, false);
  if (!text.has_value()) {
    return;
  }
  std::optional<std::chrono::seconds> value = policy::ParseDuration(*text);
  if (!value.has_value() || value->count() <= 0) {
    table.ReportKey(key, "must be a duration such as \"300s\", \"15m\" or \"8h\"");
    return;
  }
  *out = *value;
}

SecretRef ReadSecretRef(TableReader& table, std::string_view name) {
  SecretRef ref;
  ref.file = table.String(std::string(name) + "_file", false).value_or("");
  ref.credential = table.String(std::string(name) + "_credential", false).value_or("");
  if (ref.file.empty() == ref.credential.empty()) {
    table.ReportHere("needs exactly one of " + std::string(name) + "_file and " +
                     std::string(name) + "_credential");
  }
  table.Forbid(name, "secrets never go in the configuration: use " + std::string(name) + "_file");
  return ref;
}

// CheckUrl reports `key` unless it is https, or http on a loopback host when allowed.
void CheckUrl(TableReader& table, std::string_view key, const std::string& url,
              bool allow_loopback_http, std::string_view other_scheme = "") {
  if (url.starts_with("https://") ||
      (!other_scheme.empty() && url.starts_with(std::string(other_scheme) + "://"))) {
    return;
  }
  if (url.starts_with("http://") && allow_loopback_http) {
    std::string host = url.substr(7, url.find_first_of(":/", 7) - 7);
    if (config::IsLoopbackHost(host)) {
      return;
    }
  }
  table.ReportKey(key,
                  "must be an https URL (http only on loopback, with "
                  "[development] allow_insecure_loopback = true)");
}

void ReadSections(const toml::table& root, std::string_view source, Diagnostics* diags,
                  ConsoleConfig* out) {
  TableReader top(root, "the configuration", source, diags);
  if (const toml::table* t = top.Table("development", false)) {
    TableReader dev(*t, "[development]", source, diags);
    out->allow_insecure_loopback = dev.Boolean("allow_insecure_loopback").value_or(false);
    dev.RejectUnknownKeys();
  }
  if (const toml::table* t = top.Table("console", true)) {
    TableReader console(*t, "[console]", source, diags);
    out->public_url = console.String("public_url", true).value_or("");
    while (out->public_url.ends_with('/')) {
      out->public_url.pop_back();
    }
    CheckUrl(console, "public_url", out->public_url, out->allow_insecure_loopback);
    std::string listen = console.String("listen", true).value_or("");
    if (auto address = config::ParseListenAddress(listen)) {
      out->listen = *address;
    } else if (!listen.empty()) {
      console.ReportKey("listen", "must be HOST:PORT");
    }
    out->rules_file = console.String("rules", true).value_or("");
    ReadDuration(console, "session_idle_timeout", &out->session_idle);
    ReadDuration(console, "session_absolute_timeout", &out->session_absolute);
    ReadDuration(console, "offer_lifetime", &out->offer_lifetime);
    console.RejectUnknownKeys();
  }
  if (const toml::table* t = top.Table("oidc", true)) {
    TableReader oidc(*t, "[oidc]", source, diags);
    out->oidc_issuer = oidc.String("issuer", true).value_or("");
    CheckUrl(oidc, "issuer", out->oidc_issuer, out->allow_insecure_loopback);
    out->oidc_client_id = oidc.String("client_id", true).value_or("");
    out->oidc_client_secret = ReadSecretRef(oidc, "client_secret");
    out->oidc_scope = oidc.String("scope", false).value_or(out->oidc_scope);
    ReadDuration(oidc, "jwks_cache", &out->jwks_cache);
    oidc.RejectUnknownKeys();
  }
  if (const toml::table* t = top.Table("admin", true)) {
    TableReader admin(*t, "[admin]", source, diags);
    out->admin_url = admin.String("url", true).value_or("");
    out->admin_token = ReadSecretRef(admin, "token");
    admin.RejectUnknownKeys();
  }
  if (const toml::table* t = top.Table("mail", false)) {
    TableReader mail(*t, "[mail]", source, diags);
    out->smtp_url = mail.String("smtp_url", true).value_or("");
    CheckUrl(mail, "smtp_url", out->smtp_url, false, "smtp");
    out->mail_from = mail.String("from", true).value_or("");
    mail.RejectUnknownKeys();
  }
  top.RejectUnknownKeys();
}

}  // namespace

Result<ConsoleConfig> ParseConsoleConfig(std::string_view text, std::string_view source) {
  Diagnostics diags;
  std::optional<toml::table> root = policy::ParseTomlDocument(text, source, &diags);
  ConsoleConfig config;
  if (root.has_value()) {
    ReadSections(*root, source, &diags, &config);
  }
  if (!diags.empty()) {
    return diags.ToError(ErrorCode::kInvalidArgument, "the console configuration is invalid");
  }
  return config;
}

Result<ConsoleConfig> LoadConsoleConfig(const std::string& path) {
  VCI_ASSIGN_OR_RETURN(std::string text, ReadFile(path, kMaxConfigBytes));
  return ParseConsoleConfig(text, path);
}

Result<std::string> ReadSecret(const SecretRef& ref) {
  std::string path = ref.file;
  if (!ref.credential.empty()) {
    const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
    if (dir == nullptr || ref.credential.find('/') != std::string::npos) {
      return Error(ErrorCode::kFailedPrecondition,
                   "credential " + ref.credential + " needs LoadCredential= in the unit");
    }
    path = std::string(dir) + "/" + ref.credential;
  } else {
    struct stat info {};

    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
      return Error(ErrorCode::kInvalidArgument, path + " is readable by others: chmod 600 it");
    }
  }
  VCI_ASSIGN_OR_RETURN(std::string secret, ReadFile(path, kMaxSecretBytes));
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) {
    secret.pop_back();
  }
  if (secret.empty()) {
    return Error(ErrorCode::kInvalidArgument, path + " is empty");
  }
  return secret;
}

}  // namespace vci::console
