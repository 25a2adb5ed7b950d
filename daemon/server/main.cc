// vcissuerd: the credential issuance daemon.
//
// Run as `vcissuerd --config FILE`, it is the supervisor (supervisor.h): it takes or binds the
// listening sockets and starts the worker processes, which are the same binary run with the
// hidden --worker flags (worker.h). Exit statuses are listed in daemon/server/exit_codes.h;
// systemd's unit lists the ones a restart cannot fix in RestartPreventExitStatus=.
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction, kill
#include <sys/prctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

#include "daemon/config/config.h"
#include "daemon/metrics/registry.h"
#include "daemon/ratelimit/address_limiter.h"
#include "daemon/server/control_socket.h"
#include "daemon/server/exit_codes.h"
#include "daemon/server/listen_sockets.h"
#include "daemon/server/message_ids.h"
#include "daemon/server/pin_guard.h"
#include "daemon/server/supervisor.h"
#include "daemon/server/worker.h"
#include "daemon/server/worker_process.h"
#include "daemon/systemd/listen_fds.h"
#include "daemon/systemd/log.h"
#include "daemon/systemd/notify.h"
#include "policy/policy_loader.h"

namespace vci::server {
namespace {

using systemd::LogLevel;

struct CommandLine {
  std::string config_path = "/etc/vcissuer/vcissuer.toml";
  bool check_only = false;
  int worker = -1;  // >= 0: run as that worker.
  int channel_fd = -1;
  int public_fd = -1;
  int admin_fd = -1;
  uint64_t generation = 1;
  int metrics_fd = -1;
  int ratelimit_fd = -1;
};

void LogFailure(std::string_view what, const Error& error, int exit_code) {
  (void)std::fprintf(stderr, "vcissuerd: %s: %s (%s)\n", std::string(what).c_str(),
                     error.message().c_str(), error.detail().c_str());
  systemd::DefaultLogger().Log(LogLevel::kErr, std::string(what) + ": " + error.message(),
                               {{"MESSAGE_ID", kMessageStartFailed},
                                {"ERROR_CODE", ErrorCodeName(error.code())},
                                {"DETAIL", error.detail()},
                                {"EXIT_STATUS", std::to_string(exit_code)}});
  systemd::NotifyStatus(std::string(what) + ": " + error.message());
}

// BlockSignals blocks the signals the process takes through a signalfd, in every thread to come.
void BlockSignals(bool supervisor) {
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal_number : {SIGTERM, SIGINT, SIGHUP}) {
    sigaddset(&signals, signal_number);
  }
  if (supervisor) {
    sigaddset(&signals, SIGCHLD);
  }
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  (void)::signal(SIGPIPE, SIG_IGN);
  // Memory holds session handles and, briefly, secrets: no core dumps, no ptrace by peers.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

Result<config::Config> LoadConfig(const std::string& path) {
  Result<config::Config> config = config::LoadConfig(path);
  if (config.has_value()) {
    systemd::DefaultLogger().SetMinLevel(config->logging.level);
  }
  return config;
}

size_t NumWorkers(const config::Config& config) {
  if (config.server.workers > 0) {
    return config.server.workers;
  }
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  return static_cast<size_t>(std::clamp<long>(cpus, 1, 64));
}

int RunWorkerProcess(const CommandLine& cli) {
  BlockSignals(/*supervisor=*/false);
  // A worker outlives no supervisor.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
  Result<config::Config> config = LoadConfig(cli.config_path);
  if (!config.has_value()) {
    LogFailure("configuration", config.error(), kExitConfigInvalid);
    return kExitConfigInvalid;
  }
  // Shared memory first, before any thread: a failure leaves this worker with counters of its own.
  if (cli.metrics_fd >= 0) {
    if (Result<void> attached = metrics::AttachShared(cli.metrics_fd); !attached.has_value()) {
      LogFailure("shared metrics", attached.error(), kExitOk);
    }
  }
  if (cli.ratelimit_fd >= 0) {
    if (Result<void> attached = ratelimit::AttachShared(cli.ratelimit_fd); !attached.has_value()) {
      LogFailure("shared rate limits", attached.error(), kExitOk);
    }
  }
  WorkerOptions options{*config, cli.worker, cli.channel_fd, {}, cli.generation};
  options.listen_fds = {{systemd::kPublicListener, cli.public_fd},
                        {systemd::kAdminListener, cli.admin_fd}};
  return RunWorker(options);
}

int RunSupervisorProcess(const CommandLine& cli) {
  BlockSignals(/*supervisor=*/true);
  Result<std::map<std::string, int>> activated = systemd::TakeListenFds();
  if (!activated.has_value()) {
    LogFailure("socket activation", activated.error(), kExitConfigInvalid);
    return kExitConfigInvalid;
  }
  systemd::NotifyStatus("loading configuration");
  Result<config::Config> config = LoadConfig(cli.config_path);
  if (!config.has_value()) {
    LogFailure("configuration", config.error(), kExitConfigInvalid);
    return kExitConfigInvalid;
  }
  systemd::DefaultLogger().Log(LogLevel::kNotice, "vcissuerd starting",
                               {{"MESSAGE_ID", kMessageStarted}});
  if (std::optional<std::string> guard = PinGuard(config->state.directory).Read()) {
    Error error(ErrorCode::kPinIncorrect,
                "the PIN guard is set: fix the PIN, then run `vcissuerctl pin-guard clear`",
                *guard);
    LogFailure("PIN guard", error, kExitPinRefused);
    return kExitPinRefused;
  }
  Result<std::map<std::string, int>> listen_fds = OpenListenSockets(*config, *activated);
  if (!listen_fds.has_value()) {
    LogFailure("listen", listen_fds.error(), kExitFailure);
    return kExitFailure;
  }
  systemd::DefaultLogger().Log(
      LogLevel::kInfo, "listening",
      {{"PUBLIC_PORT", std::to_string(LocalPort(listen_fds->at(systemd::kPublicListener)))},
       {"ADMIN_PORT", std::to_string(LocalPort(listen_fds->at(systemd::kAdminListener)))}});
  // Shared memory every worker maps: made here, before the first fork.
  SupervisorOptions options{*config, cli.config_path, *listen_fds, NumWorkers(*config),
                            ControlSocketPath(*config)};
  Result<int> metrics_fd = metrics::MapShared();
  Result<int> ratelimit_fd = ratelimit::MapShared();
  if (!metrics_fd.has_value() || !ratelimit_fd.has_value()) {
    const Error& error = metrics_fd.has_value() ? ratelimit_fd.error() : metrics_fd.error();
    LogFailure("shared memory", error, kExitFailure);
    return kExitFailure;
  }
  options.metrics_fd = *metrics_fd;
  options.ratelimit_fd = *ratelimit_fd;
  return RunSupervisor(options);
}

int CheckConfig(const std::string& config_path) {
  Result<config::Config> config = config::LoadConfig(config_path);
  if (!config.has_value()) {
    (void)std::fprintf(stderr, "%s\n", config.error().message().c_str());
    return kExitConfigInvalid;
  }
  // The policy is checked too: a daemon that would refuse to start must not pass the check.
  Result<policy::Policy> policy = policy::LoadPolicyDir(config->policy.directory);
  if (!policy.has_value()) {
    (void)std::fprintf(stderr, "%s\n%s\n", policy.error().message().c_str(),
                       policy.error().detail().c_str());
    return kExitPolicyInvalid;
  }
  (void)std::printf("%s", config::RedactedDump(*config).c_str());
  return kExitOk;
}

}  // namespace
}  // namespace vci::server

int main(int argc, char** argv) {
  using vci::server::CommandLine;
  try {
    CLI::App app{"vcissuerd: OpenID4VCI credential issuer with keys in a PKCS#11 token"};
    CommandLine cli;
    app.add_option("-c,--config", cli.config_path, "configuration file")->capture_default_str();
    app.add_flag(
        "--check-config", cli.check_only,
        "check the configuration and the policy it names, print the effective configuration, exit");
    // The supervisor starts its workers with these; they are not for people (group "" hides them).
    app.add_option(vci::server::kWorkerFlag, cli.worker)->group("");
    app.add_option(vci::server::kChannelFdFlag, cli.channel_fd)->group("");
    app.add_option(vci::server::kPublicFdFlag, cli.public_fd)->group("");
    app.add_option(vci::server::kAdminFdFlag, cli.admin_fd)->group("");
    app.add_option(vci::server::kGenerationFlag, cli.generation)->group("");
    app.add_option(vci::server::kMetricsFdFlag, cli.metrics_fd)->group("");
    app.add_option(vci::server::kRateLimitFdFlag, cli.ratelimit_fd)->group("");
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      int rc = app.exit(e);
      return rc == 0 ? 0 : vci::server::kExitUsage;
    }
    if (cli.check_only) {
      return vci::server::CheckConfig(cli.config_path);
    }
    if (cli.worker >= 0) {
      return vci::server::RunWorkerProcess(cli);
    }
    return vci::server::RunSupervisorProcess(cli);
  } catch (const std::exception& e) {
    (void)std::fprintf(stderr, "vcissuerd: unexpected failure: %s\n", e.what());
    return vci::server::kExitFailure;
  } catch (...) {
    (void)std::fprintf(stderr, "vcissuerd: unexpected failure\n");
    return vci::server::kExitFailure;
  }
}
