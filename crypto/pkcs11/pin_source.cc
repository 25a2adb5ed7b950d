#include "crypto/pkcs11/pin_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace vci::pkcs11 {

namespace {

constexpr size_t kMaxPinLen = 256;

// Fd closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}

  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

  // Copying is deleted: a copy would close the descriptor twice.
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&&) = delete;
  Fd& operator=(Fd&&) = delete;

  int Get() const { return fd_; }

 private:
  int fd_;
};

Error PinError(std::string message, std::string detail) {
  return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(detail));
}

Result<SecretBytes> ReadPin(const std::string& path, bool check_mode) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.Get() < 0) {
    return Error(ErrorCode::kNotFound, "cannot open the PIN file", path);
  }
  struct stat st = {};
  if (::fstat(fd.Get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return PinError("the PIN file is not a regular file", path);
  }
  if (check_mode && (st.st_mode & 077) != 0) {
    return PinError("the PIN file is readable by others; chmod 600 it", path);
  }
  // Read one byte more than the longest PIN with its line ending, to see a file that is too long.
  SecretBytes buffer(kMaxPinLen + 3);
  size_t used = 0;
  while (used < buffer.size()) {
    ssize_t n = ::read(fd.Get(), buffer.MutableSpan().data() + used, buffer.size() - used);
    if (n < 0) {
      return Error(ErrorCode::kNotFound, "cannot read the PIN file", path);
    }
    if (n == 0) {
      break;
    }
    used += static_cast<size_t>(n);
  }
  std::string_view text = buffer.RevealAsString().substr(0, used);
  if (text.ends_with("\r\n")) {
    text.remove_suffix(2);
  } else if (text.ends_with('\n')) {
    text.remove_suffix(1);
  }
  if (text.empty()) {
    return PinError("the PIN file is empty", path);
  }
  if (text.size() > kMaxPinLen) {
    return PinError("the PIN is longer than 256 bytes", path);
  }
  if (std::any_of(text.begin(), text.end(),
                  [](char c) { return c == '\0' || c == '\n' || c == '\r'; })) {
    return PinError("the PIN file holds a NUL or a line break inside the PIN", path);
  }
  return SecretBytes::FromString(text);
}

}  // namespace

Result<SecretBytes> ReadPinFile(const std::string& path) {
  return ReadPin(path, true);
}

Result<SecretBytes> ReadPinCredential(const std::string& name) {
  const char* dir = ::secure_getenv("CREDENTIALS_DIRECTORY");
  if (dir == nullptr || *dir == '\0') {
    return Error(ErrorCode::kFailedPrecondition,
                 "CREDENTIALS_DIRECTORY is not set: start the service with LoadCredential=",
                 "no credentials directory");
  }
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
    return PinError("invalid credential name", name);
  }
  return ReadPin(std::string(dir) + "/" + name, false);
}

}  // namespace vci::pkcs11
