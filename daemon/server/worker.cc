#include "daemon/server/worker.h"

#include <poll.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction, kill
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>

#include "crypto/pkcs11/inflight_calls.h"
#include "daemon/server/exit_codes.h"
#include "daemon/server/issuer_app.h"
#include "daemon/server/message_ids.h"
#include "daemon/server/pin_guard.h"
#include "daemon/server/worker_message.h"
#include "daemon/systemd/log.h"

namespace vci::server {
namespace {

using Clock = std::chrono::steady_clock;
using systemd::LogLevel;
using Kind = WorkerMessage::Kind;

constexpr auto kHeartbeatInterval = std::chrono::seconds(1);

bool Send(int channel_fd, const WorkerMessage& message) {
  std::string line = FormatWorkerMessage(message);
  return ::send(channel_fd, line.data(), line.size(), MSG_NOSIGNAL | MSG_DONTWAIT) ==
         static_cast<ssize_t>(line.size());
}

void LogStartFailure(const std::string& worker, const StartupError& failure) {
  systemd::DefaultLogger().Log(LogLevel::kErr, "worker startup: " + failure.error.message(),
                               {{"MESSAGE_ID", kMessageStartFailed},
                                {"WORKER", worker},
                                {"ERROR_CODE", ErrorCodeName(failure.error.code())},
                                {"DETAIL", failure.error.detail()},
                                {"EXIT_STATUS", std::to_string(failure.exit_code)}});
}

// Serve is the worker's loop once it is ready. Returns the exit status.
int Serve(const WorkerOptions& options, IssuerApp& app, int signal_fd) {
  std::string worker = std::to_string(options.index);
  auto last_purge = Clock::now();
  for (;;) {
    std::array<pollfd, 2> fds = {{{signal_fd, POLLIN, 0}, {options.channel_fd, POLLIN, 0}}};
    auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(kHeartbeatInterval);
    (void)::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
    if (fds[0].revents != 0) {
      signalfd_siginfo info{};
      if (::read(signal_fd, &info, sizeof(info)) == static_cast<ssize_t>(sizeof(info)) &&
          (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT)) {
        app.Stop(options.config.server.drain_timeout);
        return kExitOk;
      }
    }
    if (fds[1].revents != 0) {
      std::array<char, kMaxWorkerMessageBytes + 1> buffer{};
      ssize_t n = ::recv(options.channel_fd, buffer.data(), buffer.size(), 0);
      if (n <= 0) {
        // The supervisor is gone: serve no more (its replacement starts new workers).
        app.Stop(options.config.server.drain_timeout);
        return kExitFailure;
      }
      Result<WorkerMessage> message =
          ParseWorkerMessage(std::string_view(buffer.data(), static_cast<size_t>(n)));
      if (message.has_value() && message->kind == Kind::kReload) {
        Result<void> reloaded = app.ReloadPolicy();
        Send(options.channel_fd,
             reloaded.has_value()
                 ? WorkerMessage{Kind::kReloaded, message->generation, 0, ""}
                 : WorkerMessage{Kind::kReloadFailed, message->generation, 0,
                                 reloaded.error().message() + ": " + reloaded.error().detail()});
      }
    }
    auto oldest = pkcs11::InFlightCalls::Process().OldestAge();
    Send(options.channel_fd, {Kind::kHeartbeat, 0, static_cast<uint64_t>(oldest.count()), ""});
    // Worker 0 purges expired offers, tokens and nonces for everyone (the store is shared).
    if (options.index == 0 && Clock::now() - last_purge >= options.config.limits.purge_interval) {
      last_purge = Clock::now();
      if (Result<store::PurgeCounts> purged = app.PurgeExpired(); !purged.has_value()) {
        systemd::DefaultLogger().Log(LogLevel::kWarning, "purging expired state failed",
                                     {{"WORKER", worker}, {"DETAIL", purged.error().detail()}});
      }
    }
  }
}

}  // namespace

int RunWorker(const WorkerOptions& options) {
  std::string worker = std::to_string(options.index);
  // Never offer the token a PIN it has refused (pin_guard.h), however often we are started.
  if (std::optional<std::string> guard = PinGuard(options.config.state.directory).Read()) {
    systemd::DefaultLogger().Log(LogLevel::kErr, "PIN guard set; not logging in",
                                 {{"MESSAGE_ID", kMessagePinGuardRefused}, {"DETAIL", *guard}});
    return kExitPinRefused;
  }
  auto created = IssuerApp::Create(options.config);
  if (auto* failure = std::get_if<StartupError>(&created)) {
    LogStartFailure(worker, *failure);
    return failure->exit_code;
  }
  std::unique_ptr<IssuerApp> app = std::move(std::get<std::unique_ptr<IssuerApp>>(created));
  if (Result<void> listening = app->Listen(options.listen_fds); !listening.has_value()) {
    LogStartFailure(worker, StartupError{kExitFailure, listening.error()});
    return kExitFailure;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int signal_fd = ::signalfd(-1, &signals, SFD_CLOEXEC);
  if (signal_fd < 0 || !Send(options.channel_fd, {Kind::kReady, options.generation, 0, ""})) {
    return kExitFailure;
  }
  int status = Serve(options, *app, signal_fd);
  app.reset();
  ::close(signal_fd);
  return status;
}

}  // namespace vci::server
