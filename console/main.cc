// vcissuer-console: the account console. A person logs in at the organisation's OpenID provider
// and obtains the credentials the rules grant them, as offers made through vcissuerd's admin API.
// It never opens a PKCS#11 module and holds no signing key.
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction, kill

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <memory>

#include "console/console_app.h"
#include "console/console_config.h"
#include "daemon/http/http_server.h"
#include "daemon/systemd/log.h"
#include "daemon/systemd/log_sink.h"
#include "daemon/systemd/notify.h"

namespace vci::console {
namespace {

using systemd::LogLevel;

// Exit statuses, as vcissuerd's: 3 for an invalid configuration or rules (no restart helps),
// 1 for anything else.
constexpr int kExitFailure = 1;
constexpr int kExitConfigInvalid = 3;

int Fail(const Error& error, int status) {
  systemd::DefaultLogger().Log(LogLevel::kErr, error.message(), {{"DETAIL", error.detail()}});
  return status;
}

int Serve(const std::string& config_path, bool check_only) {
  Result<ConsoleConfig> config = LoadConsoleConfig(config_path);
  if (!config.has_value()) {
    return Fail(config.error(), kExitConfigInvalid);
  }
  Result<policy::ConsoleRules> rules = policy::LoadConsoleRules(config->rules_file);
  if (!rules.has_value()) {
    return Fail(rules.error(), kExitConfigInvalid);
  }
  Result<std::string> client_secret = ReadSecret(config->oidc_client_secret);
  Result<std::string> admin_token = ReadSecret(config->admin_token);
  if (!client_secret.has_value() || !admin_token.has_value()) {
    return Fail(client_secret.has_value() ? admin_token.error() : client_secret.error(),
                kExitConfigInvalid);
  }
  if (check_only) {
    (void)std::printf("the console configuration and its %zu rules are valid\n",
                      rules->grants.size());
    return 0;
  }
  Result<std::unique_ptr<ossl::Context>> ossl = ossl::Context::Create();
  if (!ossl.has_value()) {
    return Fail(ossl.error(), kExitFailure);
  }
  SystemClock clock;
  OidcClient oidc(*config, *client_secret, **ossl, clock);
  DaemonClient daemon(config->admin_url, SecretBytes::FromString(*admin_token));
  std::unique_ptr<Mailer> mailer;
  if (!config->smtp_url.empty()) {
    mailer = std::make_unique<Mailer>(config->smtp_url, config->mail_from);
  }
  SessionStore sessions(clock, config->session_idle, config->session_absolute);
  ConsoleApp app(*config, *rules, oidc, daemon, mailer.get(), sessions, **ossl);

  http::ServerOptions options;
  options.name = "console";
  options.host = config->listen.host;
  options.port = config->listen.port;
  Result<std::unique_ptr<http::HttpServer>> server = http::HttpServer::Start(options, app);
  if (!server.has_value()) {
    return Fail(server.error(), kExitFailure);
  }
  systemd::DefaultLogger().Log(LogLevel::kNotice, "vcissuer-console serving",
                               {{"PORT", std::to_string((*server)->port())}});
  systemd::NotifyReady();

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int received = 0;
  ::sigwait(&signals, &received);
  systemd::NotifyStopping();
  (*server)->Stop(std::chrono::seconds(5));
  return 0;
}

}  // namespace
}  // namespace vci::console

int main(int argc, char** argv) {
  // Block the stop signals before any thread starts, so only sigwait sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  (void)::signal(SIGPIPE, SIG_IGN);
  try {
    CLI::App cli("vcissuer-console: log in, pick a credential, scan its QR code");
    std::string config_path = "/etc/vcissuer-console/console.toml";
    bool check_only = false;
    cli.add_option("--config", config_path, "the configuration file")->capture_default_str();
    cli.add_flag("--check-config", check_only, "check the configuration and the rules, then exit");
    CLI11_PARSE(cli, argc, argv);
    vci::systemd::SetDefaultLogger(std::make_shared<vci::systemd::Logger>(
        vci::systemd::MakeDefaultSink(), vci::systemd::LogLevel::kInfo));
    return vci::console::Serve(config_path, check_only);
  } catch (const std::exception& e) {
    (void)std::fprintf(stderr, "vcissuer-console: %s\n", e.what());
    return 1;
  }
}
