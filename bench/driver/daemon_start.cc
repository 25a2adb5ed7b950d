// StartDaemon: a notify socket, fork + exec, then a 1 ms polling loop on the socket and /healthz.
#include "bench/driver/daemon_start.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <optional>

#include "bench/driver/http_client.h"

namespace vci::bench {
namespace {

using Clock = std::chrono::steady_clock;

// NotifySocket owns the bound datagram socket and unlinks its path.
class NotifySocket {
 public:
  explicit NotifySocket(std::string path) : path_(std::move(path)) {}

  ~NotifySocket() {
    if (fd_ >= 0) {
      close(fd_);
      unlink(path_.c_str());
    }
  }

  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  Result<void> Bind() {
    sockaddr_un addr{};
    if (path_.size() >= sizeof(addr.sun_path)) {
      return Error(ErrorCode::kInvalidArgument, "notify socket path too long");
    }
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path_.c_str(), path_.size());
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      return Error(ErrorCode::kUnavailable, "cannot bind the notify socket", strerror(errno));
    }
    return Ok();
  }

  // ReadyWithin waits up to `wait` for a datagram holding the line READY=1.
  bool ReadyWithin(std::chrono::milliseconds wait) {
    pollfd fd{fd_, POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(wait.count())) <= 0) {
      return false;
    }
    char buffer[4096];
    for (ssize_t n; (n = recv(fd_, buffer, sizeof(buffer) - 1, 0)) > 0;) {
      std::string message(buffer, static_cast<size_t>(n));
      if (("\n" + message + "\n").find("\nREADY=1\n") != std::string::npos) {
        return true;
      }
    }
    return false;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// Spawn forks and execs `options.argv` with NOTIFY_SOCKET set and output to the log file.
Result<pid_t> Spawn(const StartOptions& options) {
  std::vector<char*> argv;
  for (const std::string& arg : options.argv) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  int log = open(options.log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (log < 0) {
    return Error(ErrorCode::kUnavailable, "cannot open the daemon's log", strerror(errno));
  }
  pid_t pid = fork();
  if (pid == 0) {
    setsid();
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    setenv("NOTIFY_SOCKET", options.notify_socket.c_str(), 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log);
  if (pid < 0) {
    return Error(ErrorCode::kUnavailable, "fork failed", strerror(errno));
  }
  return pid;
}

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

Result<nlohmann::json> StartDaemon(const StartOptions& options) {
  if (options.argv.empty()) {
    return Error(ErrorCode::kInvalidArgument, "no daemon command line");
  }
  NotifySocket notify(options.notify_socket);
  VCI_TRY(notify.Bind());
  VCI_ASSIGN_OR_RETURN(auto http, HttpClient::Create());
  Clock::time_point start = Clock::now();
  VCI_ASSIGN_OR_RETURN(pid_t pid, Spawn(options));
  std::optional<double> ready_ms;
  std::optional<double> healthz_ms;
  while (!ready_ms || !healthz_ms) {
    if (Clock::now() - start > options.timeout) {
      if (healthz_ms) {
        break;  // It answers but never sent READY=1 (reported as null).
      }
      return Error(ErrorCode::kUnavailable, "the daemon did not become ready");
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      return Error(ErrorCode::kUnavailable, "the daemon exited during startup");
    }
    if (!ready_ms && notify.ReadyWithin(std::chrono::milliseconds(1))) {
      ready_ms = MsSince(start);
    }
    if (!healthz_ms) {
      Result<HttpReply> reply = http->Get(options.health_url);
      if (reply && reply->status == 200) {
        healthz_ms = MsSince(start);
      }
    }
  }
  nlohmann::json result = {{"pid", pid}, {"healthz_ms", *healthz_ms}, {"ready_ms", nullptr}};
  if (ready_ms) {
    result["ready_ms"] = *ready_ms;
  }
  return result;
}

}  // namespace vci::bench
