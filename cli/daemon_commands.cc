#include "cli/daemon_commands.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "cli/report.h"
#include "crypto/base/errno_text.h"
#include "daemon/config/config.h"
#include "daemon/server/control_socket.h"
#include "daemon/server/pin_guard.h"

namespace vci::cli {
namespace {

// The default runtime directory of the packaged unit (RuntimeDirectory=vcissuer).
constexpr char kInstalledControlSocket[] = "/run/vcissuer/control.sock";

struct ReloadOptions {
  std::string socket_path;
  int timeout_seconds = 90;
};

Error Unreachable(const std::string& path, const std::string& what) {
  return Error(ErrorCode::kUnavailable, "cannot reach vcissuerd's control socket",
               path + ": " + what + ": " + ErrnoText(errno));
}

// ResolveSocketPath: --socket, else where the daemon of this configuration listens
// ($RUNTIME_DIRECTORY under systemd, the installed /run path from a shell, else the state dir).
Result<std::string> ResolveSocketPath(const GlobalOptions& globals, const std::string& given) {
  if (!given.empty()) {
    return given;
  }
  if (std::getenv("RUNTIME_DIRECTORY") == nullptr) {
    std::error_code ec;
    if (std::filesystem::exists(kInstalledControlSocket, ec)) {
      return std::string(kInstalledControlSocket);
    }
  }
  VCI_ASSIGN_OR_RETURN(config::Config config, config::LoadConfig(globals.config_path));
  return server::ControlSocketPath(config);
}

int Reload(const GlobalOptions& globals, const ReloadOptions& options) {
  Result<std::string> path = ResolveSocketPath(globals, options.socket_path);
  if (!path.has_value()) {
    return ReportFailure(path.error(), ExitCode::kConfigInvalid);
  }
  Result<server::ControlReply> reply =
      AskControlSocket(*path, server::ControlRequest::kReload, options.timeout_seconds);
  if (!reply.has_value()) {
    return ReportFailure(reply.error(), ExitCode::kUnavailable);
  }
  if (!reply->ok) {
    return ReportFailure(
        Error(ErrorCode::kFailedPrecondition, "the reload failed", TerminalSafe(reply->reason)),
        ExitCode::kRefused);
  }
  PrintOut("reloaded: policy generation " + std::to_string(reply->generation) + ", " +
           std::to_string(reply->ready_workers) + " of " + std::to_string(reply->num_workers) +
           " workers ready\n");
  return ExitStatus(ExitCode::kOk);
}

int PinGuardCommand(const GlobalOptions& globals, bool clear) {
  Result<config::Config> config = config::LoadConfig(globals.config_path);
  if (!config.has_value()) {
    return ReportFailure(config.error(), ExitCode::kConfigInvalid);
  }
  server::PinGuard guard(config->state.directory);
  if (!clear) {
    std::optional<std::string> reason = guard.Read();
    PrintOut(reason.has_value() ? "set: " + TerminalSafe(*reason) + "\n" : "clear\n");
    return ExitStatus(ExitCode::kOk);
  }
  Result<bool> cleared = guard.Clear();
  if (!cleared.has_value()) {
    return ReportFailure(cleared.error());
  }
  PrintOut(*cleared ? "cleared: vcissuerd will log in at its next start\n"
                    : "clear (was not set)\n");
  return ExitStatus(ExitCode::kOk);
}

}  // namespace

Result<server::ControlReply> AskControlSocket(const std::string& path,
                                              server::ControlRequest request, int timeout_seconds) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path)) {
    return Error(ErrorCode::kInvalidArgument, "the control socket path is too long", path);
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return Unreachable(path, "socket");
  }
  std::string line = server::FormatControlRequest(request);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0 ||
      ::send(fd, line.data(), line.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(line.size())) {
    Error error = Unreachable(path, "connect");
    ::close(fd);
    return error;
  }
  std::string reply;
  std::array<char, server::kMaxControlLineBytes> buffer{};
  while (reply.find('\n') == std::string::npos && reply.size() < buffer.size()) {
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, timeout_seconds * 1000) <= 0) {
      ::close(fd);
      return Error(ErrorCode::kUnavailable, "vcissuerd did not answer in time",
                   std::to_string(timeout_seconds) + " s");
    }
    ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n <= 0) {
      break;
    }
    reply.append(buffer.data(), static_cast<size_t>(n));
  }
  ::close(fd);
  if (reply.empty()) {
    return Error(ErrorCode::kUnavailable, "vcissuerd closed the control connection");
  }
  return server::ParseControlReply(reply);
}

void AddDaemonCommands(CLI::App& app, const GlobalOptions& globals, Action& out_action) {
  auto options = std::make_shared<ReloadOptions>();
  CLI::App* reload = app.add_subcommand(
      "reload",
      "Reload the policy in every worker of the running vcissuerd; returns once all serve it");
  reload->add_option("--socket", options->socket_path,
                     "The control socket (default: $RUNTIME_DIRECTORY/control.sock, "
                     "/run/vcissuer/control.sock, or control.sock in the state directory)");
  reload->add_option("--timeout", options->timeout_seconds, "Seconds to wait for the answer")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  reload->callback([&globals, options, &out_action] {
    out_action = [&globals, options] { return Reload(globals, *options); };
  });

  CLI::App* guard = app.add_subcommand(
      "pin-guard", "Show or clear the guard vcissuerd sets when the token refuses its PIN");
  guard->require_subcommand(1);
  guard->add_subcommand("status", "Print 'set: REASON' or 'clear'")
      ->callback([&globals, &out_action] {
        out_action = [&globals] { return PinGuardCommand(globals, false); };
      });
  guard->add_subcommand("clear", "Remove the guard (after fixing the PIN)")
      ->callback([&globals, &out_action] {
        out_action = [&globals] { return PinGuardCommand(globals, true); };
      });
}

}  // namespace vci::cli
