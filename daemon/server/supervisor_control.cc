// The supervisor's control side: reloads (from the control socket or SIGHUP), status replies,
// the status line systemd shows, and the orderly stop. See supervisor_loop.h.
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction, kill
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "daemon/server/message_ids.h"
#include "daemon/server/supervisor_loop.h"
#include "daemon/systemd/log.h"
#include "daemon/systemd/notify.h"

namespace vci::server {
namespace {

using systemd::LogLevel;
using namespace std::chrono_literals;

constexpr auto kReloadTimeout = 60s;
// After the drain, workers still running get this long before SIGKILL.
constexpr auto kKillGrace = 5s;

}  // namespace

void SupervisorLoop::ReplyAndClose(int fd, const ControlReply& reply) {
  if (fd < 0) {
    return;  // SIGHUP: nobody to tell.
  }
  std::string line = FormatControlReply(reply);
  (void)::send(fd, line.data(), line.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::close(fd);
}

unsigned SupervisorLoop::NumReady() const {
  return static_cast<unsigned>(std::count_if(slots_.begin(), slots_.end(), [](const WorkerSlot& s) {
    return s.state == WorkerSlot::State::kReady;
  }));
}

ControlReply SupervisorLoop::Status() const {
  ControlReply reply;
  reply.ok = true;
  reply.num_workers = static_cast<unsigned>(slots_.size());
  reply.ready_workers = NumReady();
  // The generation every ready worker serves: the lowest one.
  reply.generation = generation_;
  for (const WorkerSlot& slot : slots_) {
    if (slot.state == WorkerSlot::State::kReady) {
      reply.generation = std::min(reply.generation, slot.generation);
    }
  }
  return reply;
}

void SupervisorLoop::RequestReload(int client_fd) {
  if (phase_ != Phase::kRunning) {
    ReplyAndClose(client_fd, ControlReply{false, 0, 0, 0,
                                          phase_ == Phase::kStarting ? "the daemon is starting"
                                                                     : "the daemon is stopping"});
    return;
  }
  if (reloading_) {
    queued_waiters_.push_back(client_fd);
    return;
  }
  reload_waiters_.push_back(client_fd);
  BeginReload();
}

void SupervisorLoop::BeginReload() {
  ++generation_;
  reloading_ = true;
  reload_started_ = now_;
  reload_failure_.clear();
  systemd::NotifyReloading();
  systemd::DefaultLogger().Log(LogLevel::kInfo, "reloading the policy",
                               {{"GENERATION", std::to_string(generation_)}});
  for (WorkerSlot& slot : slots_) {
    // A refused reload gives its generation number back (see CheckReload), so this one may
    // carry the same number: an old refusal must not count as an answer to it.
    slot.failed_generation = 0;
    if (slot.state == WorkerSlot::State::kReady) {
      slot.process->Send({WorkerMessage::Kind::kReload, generation_, 0, ""});
    }
  }
}

void SupervisorLoop::CheckReload() {
  if (!reloading_) {
    return;
  }
  // Done when every worker answered this generation. A worker that is (re)starting loads the
  // policy afresh and reports it when ready.
  bool answered = std::all_of(slots_.begin(), slots_.end(), [this](const WorkerSlot& s) {
    return s.state == WorkerSlot::State::kReady &&
           (s.generation == generation_ || s.failed_generation == generation_);
  });
  bool timed_out = now_ - reload_started_ > kReloadTimeout;
  if (!answered && !timed_out) {
    return;
  }
  if (!answered && reload_failure_.empty()) {
    reload_failure_ =
        "not every worker answered within " + std::to_string(kReloadTimeout.count()) + " s";
  }
  bool ok = reload_failure_.empty();
  bool any_moved = std::any_of(slots_.begin(), slots_.end(),
                               [this](const WorkerSlot& s) { return s.generation == generation_; });
  std::string generation = std::to_string(generation_);
  if (ok) {
    systemd::DefaultLogger().Log(LogLevel::kNotice, "policy reloaded",
                                 {{"MESSAGE_ID", kMessageReloaded}, {"GENERATION", generation}});
  } else {
    systemd::DefaultLogger().Log(LogLevel::kErr, "policy reload failed; the old policy stays",
                                 {{"MESSAGE_ID", kMessageReloadFailed},
                                  {"GENERATION", generation},
                                  {"DETAIL", reload_failure_}});
    if (!any_moved) {
      --generation_;  // Nobody serves it: the current generation is still the old one.
    }
  }
  // TODO(lead): make reloads two-phase, #7
  // A reload some workers took and others refused leaves them on different policies until the
  // next reload.
  ControlReply reply = ok ? Status() : ControlReply{false, 0, 0, 0, reload_failure_};
  for (int fd : reload_waiters_) {
    ReplyAndClose(fd, reply);
  }
  reload_waiters_.clear();
  reloading_ = false;
  systemd::NotifyReady();
  if (!queued_waiters_.empty()) {
    reload_waiters_.swap(queued_waiters_);
    BeginReload();
  }
}

void SupervisorLoop::BeginStop(int exit_status, const std::string& why) {
  if (phase_ == Phase::kStopping) {
    return;
  }
  phase_ = Phase::kStopping;
  exit_status_ = exit_status;
  systemd::NotifyStopping();
  systemd::NotifyStatus("stopping: " + why);
  systemd::DefaultLogger().Log(exit_status == kExitOk ? LogLevel::kNotice : LogLevel::kErr,
                               "vcissuerd stopping",
                               {{"MESSAGE_ID", kMessageStopping},
                                {"REASON", why},
                                {"EXIT_STATUS", std::to_string(exit_status)}});
  stop_deadline_ = now_ + options_.config.server.drain_timeout + kKillGrace;
  for (WorkerSlot& slot : slots_) {
    if (slot.process.has_value()) {
      slot.process->Signal(SIGTERM);
    }
  }
  for (std::vector<int>* waiters : {&reload_waiters_, &queued_waiters_, &clients_}) {
    for (int fd : *waiters) {
      ReplyAndClose(fd, ControlReply{false, 0, 0, 0, "the daemon is stopping"});
    }
    waiters->clear();
  }
}

void SupervisorLoop::UpdateStatus() {
  if (phase_ == Phase::kStopping) {
    return;  // BeginStop said why.
  }
  std::string ready = std::to_string(NumReady()) + " of " + std::to_string(slots_.size());
  std::string status;
  if (phase_ == Phase::kStarting) {
    status = logged_in_once_ ? "starting workers: " + ready + " ready"
                             : "starting worker 0: logging in to the token";
  } else if (reloading_) {
    status = "reloading the policy (generation " + std::to_string(generation_) + ")";
  } else {
    status = "serving: " + ready + " workers ready, policy generation " +
             std::to_string(Status().generation);
  }
  if (status != status_) {
    status_ = status;
    systemd::NotifyStatus(status);
  }
}

int RunSupervisor(const SupervisorOptions& options) {
  Result<ControlSocket> control = ControlSocket::Listen(options.control_socket_path);
  if (!control.has_value()) {
    systemd::DefaultLogger().Log(LogLevel::kErr, control.error().message(),
                                 {{"DETAIL", control.error().detail()}});
    return kExitFailure;
  }
  sigset_t signals;
  sigemptyset(&signals);
  for (int signal_number : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) {
    sigaddset(&signals, signal_number);
  }
  int signal_fd = ::signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0) {
    return kExitFailure;
  }
  SupervisorLoop loop(options, std::move(control).value(), signal_fd);
  int status = loop.Run();
  ::close(signal_fd);
  return status;
}

}  // namespace vci::server
