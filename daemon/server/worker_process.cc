#include "daemon/server/worker_process.h"

#include <fcntl.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction, kill
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "crypto/base/errno_text.h"

extern char** environ;

namespace vci::server {
namespace {

// ClearCloseOnExec is called in the child between fork and exec: async-signal-safe calls only.
bool ClearCloseOnExec(int fd) {
  int flags = ::fcntl(fd, F_GETFD);
  return flags >= 0 && ::fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) == 0;
}

// WorkerEnvironment is this process's environment without the variables that belong to the
// supervisor alone.
std::vector<std::string> WorkerEnvironment() {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view var(*entry);
    if (var.rfind("NOTIFY_SOCKET=", 0) == 0 || var.rfind("WATCHDOG_", 0) == 0 ||
        var.rfind("LISTEN_", 0) == 0) {
      continue;
    }
    env.emplace_back(var);
  }
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) {
    pointers.push_back(s.data());
  }
  pointers.push_back(nullptr);
  return pointers;
}

int FdOf(const WorkerLaunch& launch, const char* name) {
  auto found = launch.listen_fds.find(name);
  return found == launch.listen_fds.end() ? -1 : found->second;
}

}  // namespace

Result<WorkerProcess> WorkerProcess::Spawn(const WorkerLaunch& launch) {
  std::array<int, 2> pair{-1, -1};
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair.data()) != 0) {
    return Error(ErrorCode::kUnavailable, "cannot start a worker",
                 std::string("socketpair: ") + ErrnoText(errno));
  }
  int public_fd = FdOf(launch, "public");
  int admin_fd = FdOf(launch, "admin");
  // Everything the child needs is built before fork: after it, only async-signal-safe calls.
  std::vector<std::string> args = {"vcissuerd",
                                   "--config",
                                   launch.config_path,
                                   kWorkerFlag,
                                   std::to_string(launch.index),
                                   kChannelFdFlag,
                                   std::to_string(pair[1]),
                                   kPublicFdFlag,
                                   std::to_string(public_fd),
                                   kAdminFdFlag,
                                   std::to_string(admin_fd),
                                   kGenerationFlag,
                                   std::to_string(launch.generation),
                                   kMetricsFdFlag,
                                   std::to_string(launch.metrics_fd),
                                   kRateLimitFdFlag,
                                   std::to_string(launch.ratelimit_fd)};
  std::vector<std::string> env = WorkerEnvironment();
  std::vector<char*> argv = Pointers(args);
  std::vector<char*> envp = Pointers(env);

  pid_t pid = ::fork();
  if (pid < 0) {
    int saved = errno;
    ::close(pair[0]);
    ::close(pair[1]);
    return Error(ErrorCode::kUnavailable, "cannot start a worker",
                 std::string("fork: ") + ErrnoText(saved));
  }
  if (pid == 0) {
    // The child: unblock the signals the supervisor blocked, keep exactly the inherited fds.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int fd : {pair[1], public_fd, admin_fd, launch.metrics_fd, launch.ratelimit_fd}) {
      if (fd >= 0 && !ClearCloseOnExec(fd)) {
        ::_exit(1);
      }
    }
    ::execve("/proc/self/exe", argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(pair[1]);
  (void)::fcntl(pair[0], F_SETFL, ::fcntl(pair[0], F_GETFL) | O_NONBLOCK);
  return WorkerProcess(pid, pair[0]);
}

WorkerProcess::WorkerProcess(WorkerProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), channel_fd_(std::exchange(other.channel_fd_, -1)) {}

WorkerProcess& WorkerProcess::operator=(WorkerProcess&& other) noexcept {
  if (this != &other) {
    if (channel_fd_ >= 0) {
      ::close(channel_fd_);
    }
    pid_ = std::exchange(other.pid_, -1);
    channel_fd_ = std::exchange(other.channel_fd_, -1);
  }
  return *this;
}

WorkerProcess::~WorkerProcess() {
  if (channel_fd_ >= 0) {
    ::close(channel_fd_);
  }
}

bool WorkerProcess::Send(const WorkerMessage& message) {
  std::string line = FormatWorkerMessage(message);
  return ::send(channel_fd_, line.data(), line.size(), MSG_NOSIGNAL | MSG_DONTWAIT) ==
         static_cast<ssize_t>(line.size());
}

Result<std::optional<WorkerMessage>> WorkerProcess::Receive() {
  std::array<char, kMaxWorkerMessageBytes + 1> buffer{};
  ssize_t n = ::recv(channel_fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    return std::optional<WorkerMessage>();
  }
  if (n <= 0) {
    return Error(ErrorCode::kUnavailable, "the worker closed its channel");
  }
  VCI_ASSIGN_OR_RETURN(WorkerMessage message,
                       ParseWorkerMessage(std::string_view(buffer.data(), static_cast<size_t>(n))));
  return std::optional<WorkerMessage>(std::move(message));
}

void WorkerProcess::Signal(int signal_number) const {
  if (pid_ > 0) {
    ::kill(pid_, signal_number);
  }
}

}  // namespace vci::server
