// vcissuerd: the credential issuance daemon.
//
// Exit statuses are listed in daemon/server/exit_codes.h; systemd's unit lists the ones a restart
// cannot fix in RestartPreventExitStatus=.
#include <signal.h>
#include <sys/prctl.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "daemon/config/config.h"
#include "daemon/server/exit_codes.h"
#include "daemon/server/issuer_app.h"
#include "daemon/systemd/listen_fds.h"
#include "daemon/systemd/log.h"
#include "daemon/systemd/notify.h"
#include "policy/policy_loader.h"

namespace vci::server {
namespace {

using systemd::LogLevel;

// Stable MESSAGE_IDs (journalctl MESSAGE_ID=...) for lifecycle events.
constexpr std::string_view kMessageStarted = "4c3a0a5d8e3b4c61a1f6d9b2e7c05a11";
constexpr std::string_view kMessageReady = "9d1f6b3e2a7c4e08b5d4c3a2f1e0d912";
constexpr std::string_view kMessageStartFailed = "e2b7c1d04f6a4b3e9c8d7a6b5f4e3d21";
constexpr std::string_view kMessageStopping = "1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6";
constexpr std::string_view kMessageReloaded = "6f5e4d3c2b1a4098a7b6c5d4e3f2a1b0";

constexpr auto kPurgeInterval = std::chrono::seconds(60);

void LogFailure(std::string_view what, const Error& error, int exit_code) {
  std::string code(ErrorCodeName(error.code()));
  std::string status = std::to_string(exit_code);
  systemd::DefaultLogger().Log(LogLevel::kErr, std::string(what) + ": " + error.message(),
                               {{"MESSAGE_ID", kMessageStartFailed},
                                {"ERROR_CODE", code},
                                {"DETAIL", error.detail()},
                                {"EXIT_STATUS", status}});
  systemd::NotifyStatus(std::string(what) + ": " + error.message());
}

// Run serves until SIGTERM or SIGINT. Signals are blocked in every thread and taken here.
int Run(const std::string& config_path) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  (void)::signal(SIGPIPE, SIG_IGN);
  // Memory holds session handles and, briefly, secrets: no core dumps, no ptrace by peers.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

  Result<std::map<std::string, int>> listen_fds = systemd::TakeListenFds();
  if (!listen_fds.has_value()) {
    LogFailure("socket activation", listen_fds.error(), kExitConfigInvalid);
    return kExitConfigInvalid;
  }

  systemd::NotifyStatus("loading configuration");
  Result<config::Config> config = config::LoadConfig(config_path);
  if (!config.has_value()) {
    (void)std::fprintf(stderr, "%s\n", config.error().message().c_str());
    LogFailure("configuration", config.error(), kExitConfigInvalid);
    return kExitConfigInvalid;
  }
  systemd::DefaultLogger().SetMinLevel(config->logging.level);
  systemd::DefaultLogger().Log(LogLevel::kNotice, "vcissuerd starting",
                               {{"MESSAGE_ID", kMessageStarted}});

  systemd::NotifyStatus("opening the token and checking keys");
  auto created = IssuerApp::Create(*config);
  if (auto* failure = std::get_if<StartupError>(&created)) {
    (void)std::fprintf(stderr, "vcissuerd: %s (%s)\n", failure->error.message().c_str(),
                       failure->error.detail().c_str());
    LogFailure("startup", failure->error, failure->exit_code);
    return failure->exit_code;
  }
  std::unique_ptr<IssuerApp> app = std::move(std::get<std::unique_ptr<IssuerApp>>(created));

  systemd::NotifyStatus("starting listeners");
  if (Result<void> listening = app->Listen(*listen_fds); !listening.has_value()) {
    (void)std::fprintf(stderr, "vcissuerd: %s (%s)\n", listening.error().message().c_str(),
                       listening.error().detail().c_str());
    LogFailure("listen", listening.error(), kExitFailure);
    return kExitFailure;
  }
  std::string public_port = std::to_string(app->public_port());
  std::string admin_port = std::to_string(app->admin_port());
  systemd::DefaultLogger().Log(LogLevel::kNotice, "vcissuerd ready",
                               {{"MESSAGE_ID", kMessageReady},
                                {"CREDENTIAL_ISSUER", config->issuer.identifier},
                                {"PUBLIC_PORT", public_port},
                                {"ADMIN_PORT", admin_port}});
  systemd::NotifyReady();
  systemd::NotifyStatus("ready");

  std::optional<std::chrono::microseconds> watchdog = systemd::WatchdogInterval();
  auto tick = std::chrono::seconds(1);
  auto last_purge = std::chrono::steady_clock::now();
  for (;;) {
    timespec timeout{static_cast<time_t>(tick.count()), 0};
    int sig = ::sigtimedwait(&signals, nullptr, &timeout);
    if (watchdog.has_value()) {
      systemd::NotifyWatchdog();
    }
    if (sig == SIGTERM || sig == SIGINT) {
      break;
    }
    if (sig == SIGHUP) {
      systemd::NotifyReloading();
      Result<void> reloaded = app->ReloadPolicy();
      if (reloaded.has_value()) {
        systemd::DefaultLogger().Log(LogLevel::kNotice, "policy reloaded",
                                     {{"MESSAGE_ID", kMessageReloaded}});
      } else {
        systemd::DefaultLogger().Log(
            LogLevel::kErr, "policy reload refused; the old policy stays",
            {{"ERROR_CODE", ErrorCodeName(reloaded.error().code())},
             {"DETAIL", reloaded.error().message() + " " + reloaded.error().detail()}});
      }
      systemd::NotifyReady();
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_purge >= kPurgeInterval) {
      last_purge = now;
      if (Result<store::PurgeCounts> purged = app->PurgeExpired(); !purged.has_value()) {
        systemd::DefaultLogger().Log(LogLevel::kWarning, "purging expired state failed",
                                     {{"DETAIL", purged.error().detail()}});
      }
    }
  }

  systemd::NotifyStopping();
  systemd::NotifyStatus("stopping");
  systemd::DefaultLogger().Log(LogLevel::kNotice, "vcissuerd stopping",
                               {{"MESSAGE_ID", kMessageStopping}});
  app->Stop();
  app.reset();
  return kExitOk;
}

}  // namespace
}  // namespace vci::server

int main(int argc, char** argv) {
  try {
    CLI::App cli{"vcissuerd: OpenID4VCI credential issuer with keys in a PKCS#11 token"};
    std::string config_path = "/etc/vcissuer/vcissuer.toml";
    bool check_only = false;
    cli.add_option("-c,--config", config_path, "configuration file")->capture_default_str();
    cli.add_flag(
        "--check-config", check_only,
        "check the configuration and the policy it names, print the effective configuration, exit");
    try {
      cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      int rc = cli.exit(e);
      return rc == 0 ? 0 : vci::server::kExitUsage;
    }
    if (check_only) {
      vci::Result<vci::config::Config> config = vci::config::LoadConfig(config_path);
      if (!config.has_value()) {
        (void)std::fprintf(stderr, "%s\n", config.error().message().c_str());
        return vci::server::kExitConfigInvalid;
      }
      // The policy is checked too: a daemon that would refuse to start must not pass the check.
      vci::Result<vci::policy::Policy> policy =
          vci::policy::LoadPolicyDir(config->policy.directory);
      if (!policy.has_value()) {
        (void)std::fprintf(stderr, "%s\n%s\n", policy.error().message().c_str(),
                           policy.error().detail().c_str());
        return vci::server::kExitPolicyInvalid;
      }
      std::printf("%s", vci::config::RedactedDump(*config).c_str());
      return vci::server::kExitOk;
    }
    return vci::server::Run(config_path);
  } catch (const std::exception& e) {
    (void)std::fprintf(stderr, "vcissuerd: unexpected failure: %s\n", e.what());
    return vci::server::kExitFailure;
  } catch (...) {
    (void)std::fprintf(stderr, "vcissuerd: unexpected failure\n");
    return vci::server::kExitFailure;
  }
}
