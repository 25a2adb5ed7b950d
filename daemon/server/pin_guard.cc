#include "daemon/server/pin_guard.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "crypto/base/errno_text.h"

namespace vci::server {
namespace {

constexpr size_t kMaxReasonBytes = 1024;

std::string ErrnoDetail(const std::string& what) {
  return what + ": " + ErrnoText(errno);
}

bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

PinGuard::PinGuard(const std::string& state_directory)
    : path_(state_directory + "/" + std::string(kPinGuardFileName)) {}

std::optional<std::string> PinGuard::Read() const {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) {
      return std::nullopt;
    }
    return "the guard file exists but cannot be read (" + ErrnoDetail(path_) + ")";
  }
  std::array<char, kMaxReasonBytes> buffer{};
  ssize_t n = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  std::string reason(buffer.data(), n > 0 ? static_cast<size_t>(n) : 0);
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r')) {
    reason.pop_back();
  }
  return reason.empty() ? "the token refused the PIN" : reason;
}

Result<void> PinGuard::Set(std::string_view reason) const {
  std::string temp = path_ + ".new";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return Error(ErrorCode::kUnavailable, "cannot write the PIN guard", ErrnoDetail(temp));
  }
  std::string line(reason.substr(0, kMaxReasonBytes - 1));
  line.push_back('\n');
  bool written = WriteAll(fd, line) && ::fsync(fd) == 0;
  std::string detail = written ? "" : ErrnoDetail(temp);
  ::close(fd);
  if (!written || ::rename(temp.c_str(), path_.c_str()) != 0) {
    std::string why = written ? ErrnoDetail(path_) : detail;
    ::unlink(temp.c_str());
    return Error(ErrorCode::kUnavailable, "cannot write the PIN guard", why);
  }
  return Ok();
}

Result<bool> PinGuard::Clear() const {
  if (::unlink(path_.c_str()) == 0) {
    return true;
  }
  if (errno == ENOENT) {
    return false;
  }
  ErrorCode code =
      errno == EACCES || errno == EPERM ? ErrorCode::kPermissionDenied : ErrorCode::kUnavailable;
  return Error(code, "cannot remove the PIN guard", ErrnoDetail(path_));
}

}  // namespace vci::server
