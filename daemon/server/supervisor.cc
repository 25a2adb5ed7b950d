#include "daemon/server/supervisor.h"

#include <poll.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction, kill
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>

#include "daemon/server/exit_codes.h"
#include "daemon/server/message_ids.h"
#include "daemon/server/pin_guard.h"
#include "daemon/server/supervisor_loop.h"
#include "daemon/systemd/log.h"
#include "daemon/systemd/notify.h"

namespace vci::server {
namespace {

using Clock = std::chrono::steady_clock;
using systemd::LogLevel;
using namespace std::chrono_literals;

constexpr auto kTick = 200ms;
// How long a worker may take from exec to "ready": module load, login, opening every key.
constexpr auto kStartTimeout = 60s;

bool IsNoRestartStatus(int status) {
  return status == kExitUsage || status == kExitConfigInvalid || status == kExitPolicyInvalid ||
         status == kExitPinRefused || status == kExitKeyInvalid;
}

void Log(LogLevel level, std::string_view message, const std::vector<systemd::LogField>& fields) {
  systemd::DefaultLogger().Log(level, message, fields);
}

}  // namespace

SupervisorLoop::SupervisorLoop(const SupervisorOptions& options, ControlSocket control,
                               int signal_fd)
    : options_(options), control_(std::move(control)), signal_fd_(signal_fd) {
  for (size_t i = 0; i < options.num_workers; ++i) {
    slots_.emplace_back(static_cast<int>(i));
  }
}

int SupervisorLoop::Run() {
  std::optional<std::chrono::microseconds> watchdog = systemd::WatchdogInterval();
  for (;;) {
    Poll();
    now_ = Clock::now();
    CheckHealth();
    StartWorkers();
    CheckReady();
    CheckReload();
    UpdateStatus();
    if (watchdog.has_value() && now_ - last_watchdog_ >= *watchdog / 4) {
      systemd::NotifyWatchdog();
      last_watchdog_ = now_;
    }
    bool running = std::any_of(slots_.begin(), slots_.end(),
                               [](const WorkerSlot& s) { return s.process.has_value(); });
    if (phase_ == Phase::kStopping && !running) {
      return exit_status_;
    }
    if (phase_ == Phase::kStopping && now_ > stop_deadline_ && !killed_all_) {
      killed_all_ = true;
      for (WorkerSlot& slot : slots_) {
        Kill(slot, "still running after the drain time");
      }
    }
  }
}

void SupervisorLoop::Poll() {
  std::vector<pollfd> fds = {{signal_fd_, POLLIN, 0}, {control_.fd(), POLLIN, 0}};
  for (const WorkerSlot& slot : slots_) {
    fds.push_back({slot.process.has_value() ? slot.process->channel_fd() : -1, POLLIN, 0});
  }
  for (int client : clients_) {
    fds.push_back({client, POLLIN, 0});
  }
  if (::poll(fds.data(), fds.size(), static_cast<int>(kTick.count())) <= 0) {
    return;
  }
  now_ = Clock::now();
  if (fds[0].revents != 0) {
    HandleSignals();
  }
  if (fds[1].revents != 0) {
    AcceptClient();
  }
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (fds[2 + i].revents != 0 && slots_[i].process.has_value()) {
      ReadWorker(slots_[i]);
    }
  }
  for (size_t i = 2 + slots_.size(); i < fds.size(); ++i) {
    if (fds[i].revents != 0) {
      ReadClient(fds[i].fd);
    }
  }
}

void SupervisorLoop::HandleSignals() {
  signalfd_siginfo info{};
  while (::read(signal_fd_, &info, sizeof(info)) == static_cast<ssize_t>(sizeof(info))) {
    if (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT) {
      BeginStop(kExitOk, "asked to stop");
    } else if (info.ssi_signo == SIGHUP) {
      RequestReload(-1);
    }
  }
  ReapChildren();  // SIGCHLD coalesces: always look.
}

void SupervisorLoop::ReapChildren() {
  int wait_status = 0;
  pid_t pid = 0;
  while ((pid = ::waitpid(-1, &wait_status, WNOHANG)) > 0) {
    for (WorkerSlot& slot : slots_) {
      if (slot.process.has_value() && slot.process->pid() == pid) {
        OnWorkerExit(slot, wait_status);
      }
    }
  }
}

void SupervisorLoop::OnWorkerExit(WorkerSlot& slot, int wait_status) {
  slot.process.reset();
  slot.state = WorkerSlot::State::kIdle;
  int code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  std::string how = code >= 0 ? "status " + std::to_string(code)
                              : "signal " + std::to_string(WTERMSIG(wait_status));
  std::string worker = std::to_string(slot.index);
  if (phase_ == Phase::kStopping) {
    Log(LogLevel::kInfo, "worker stopped", {{"WORKER", worker}, {"EXIT", how}});
    return;
  }
  Log(LogLevel::kWarning, "worker exited",
      {{"MESSAGE_ID", kMessageWorkerExited}, {"WORKER", worker}, {"EXIT", how}});
  if (code == kExitPinRefused) {
    std::string reason = "the token refused the PIN (worker " + worker + " exited with status 12)";
    Result<void> guarded = PinGuard(options_.config.state.directory).Set(reason);
    Log(LogLevel::kErr,
        guarded.has_value() ? "PIN guard set: vcissuerd will not log in again until "
                              "`vcissuerctl pin-guard clear`"
                            : "cannot set the PIN guard",
        {{"MESSAGE_ID", kMessagePinGuardSet},
         {"DETAIL", guarded.has_value() ? reason : guarded.error().detail()}});
    BeginStop(kExitPinRefused, "the token refused the PIN");
    return;
  }
  if (IsNoRestartStatus(code) && !logged_in_once_) {
    BeginStop(code, "worker " + worker + " failed to start with " + how);
    return;
  }
  auto delay = slot.backoff.NextDelay();
  slot.restart_at = now_ + delay;
  Log(LogLevel::kNotice, "restarting worker after back-off",
      {{"WORKER", worker}, {"DELAY_MS", std::to_string(delay.count())}});
}

void SupervisorLoop::ReadWorker(WorkerSlot& slot) {
  for (;;) {
    Result<std::optional<WorkerMessage>> message = slot.process->Receive();
    if (!message.has_value()) {
      // A closed channel means the process is going: SIGCHLD follows. Anything malformed is a
      // broken worker.
      if (message.error().code() == ErrorCode::kInvalidArgument) {
        Kill(slot, "sent a malformed message");
      }
      return;
    }
    if (!message->has_value()) {
      return;
    }
    OnMessage(slot, **message);
  }
}

void SupervisorLoop::OnMessage(WorkerSlot& slot, const WorkerMessage& message) {
  using Kind = WorkerMessage::Kind;
  slot.last_heartbeat = now_;
  switch (message.kind) {
    case Kind::kReady:
      slot.state = WorkerSlot::State::kReady;
      slot.generation = message.generation;
      logged_in_once_ = true;
      Log(LogLevel::kInfo, "worker ready", {{"WORKER", std::to_string(slot.index)}});
      if (message.generation < generation_) {
        slot.process->Send({Kind::kReload, generation_, 0, ""});
      }
      break;
    case Kind::kHeartbeat:
      slot.backoff.Healthy(slot.started, now_);
      if (std::chrono::milliseconds(message.hsm_call_ms) >
          options_.config.server.heartbeat_timeout) {
        Kill(slot, "inside one HSM call for longer than heartbeat_timeout");
      }
      break;
    case Kind::kReloaded:
      slot.generation = message.generation;
      break;
    case Kind::kReloadFailed:
      slot.failed_generation = message.generation;
      reload_failure_ = "worker " + std::to_string(slot.index) + ": " + message.reason;
      break;
    case Kind::kReload:
      Kill(slot, "sent a supervisor's message");
      break;
  }
}

void SupervisorLoop::AcceptClient() {
  long refused_uid = -2;
  int client = control_.Accept(&refused_uid);
  if (client >= 0) {
    clients_.push_back(client);
  } else if (refused_uid != -2) {
    Log(LogLevel::kWarning, "control socket: peer refused",
        {{"MESSAGE_ID", kMessageControlPeerRefused}, {"PEER_UID", std::to_string(refused_uid)}});
  }
}

void SupervisorLoop::ReadClient(int fd) {
  clients_.erase(std::remove(clients_.begin(), clients_.end(), fd), clients_.end());
  // Requests are one short line sent at once; a client that sends less is dropped.
  std::array<char, kMaxControlLineBytes> buffer{};
  ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
  Result<ControlRequest> request =
      n > 0 ? ParseControlRequest(std::string_view(buffer.data(), static_cast<size_t>(n)))
            : Result<ControlRequest>(Error(ErrorCode::kInvalidArgument, "empty request"));
  if (!request.has_value()) {
    ReplyAndClose(fd, ControlReply{false, 0, 0, 0, request.error().message()});
  } else if (*request == ControlRequest::kStatus) {
    ReplyAndClose(fd, Status());
  } else {
    RequestReload(fd);
  }
}

void SupervisorLoop::Kill(WorkerSlot& slot, std::string_view why) {
  if (!slot.process.has_value() || slot.kill_sent) {
    return;
  }
  slot.kill_sent = true;
  Log(LogLevel::kErr, "killing a hung worker",
      {{"MESSAGE_ID", kMessageWorkerHung},
       {"WORKER", std::to_string(slot.index)},
       {"REASON", why}});
  slot.process->Signal(SIGKILL);
}

void SupervisorLoop::CheckHealth() {
  for (WorkerSlot& slot : slots_) {
    if (slot.state == WorkerSlot::State::kStarting && now_ - slot.started > kStartTimeout) {
      Kill(slot, "not ready in time");
    } else if (slot.state == WorkerSlot::State::kReady &&
               now_ - slot.last_heartbeat > options_.config.server.heartbeat_timeout) {
      Kill(slot, "no heartbeat within heartbeat_timeout");
    }
  }
}

void SupervisorLoop::StartWorkers() {
  bool starting = std::any_of(slots_.begin(), slots_.end(), [](const WorkerSlot& s) {
    return s.state == WorkerSlot::State::kStarting;
  });
  if (phase_ == Phase::kStopping || starting) {
    return;  // One at a time: a PIN that has become wrong costs one attempt, not N.
  }
  for (WorkerSlot& slot : slots_) {
    if (slot.state != WorkerSlot::State::kIdle || slot.process.has_value() ||
        now_ < slot.restart_at || (!logged_in_once_ && slot.index != 0)) {
      continue;
    }
    Result<WorkerProcess> process =
        WorkerProcess::Spawn({options_.config_path, slot.index, generation_, options_.listen_fds,
                              options_.metrics_fd, options_.ratelimit_fd});
    if (!process.has_value()) {
      Log(LogLevel::kErr, "cannot start a worker", {{"DETAIL", process.error().detail()}});
      slot.restart_at = now_ + slot.backoff.NextDelay();
      continue;
    }
    slot.Started(std::move(process).value(), now_);
    return;
  }
}

void SupervisorLoop::CheckReady() {
  if (phase_ != Phase::kStarting || NumReady() != slots_.size()) {
    return;
  }
  phase_ = Phase::kRunning;
  Log(LogLevel::kNotice, "vcissuerd ready",
      {{"MESSAGE_ID", kMessageReady}, {"WORKERS", std::to_string(slots_.size())}});
  systemd::NotifyReady();
}

}  // namespace vci::server
