#include "daemon/systemd/listen_fds.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "crypto/base/errno_text.h"

namespace vci::systemd {
namespace {

// Frees the name array sd_listen_fds_with_names allocates.
class NameArray {
 public:
  NameArray() = default;

  NameArray(const NameArray&) = delete;  // A copy would free the strings twice.
  NameArray& operator=(const NameArray&) = delete;

  ~NameArray() {
    if (names_ == nullptr) {
      return;
    }
    // This class is the owner (the code uses no gsl::owner).
    for (char** name = names_; *name != nullptr; ++name) {
      std::free(*name);  // NOLINT(cppcoreguidelines-owning-memory): see above
    }
    std::free(names_);  // NOLINT(cppcoreguidelines-owning-memory): see above
  }

  char*** out() { return &names_; }

  const char* at(int index) const { return names_ == nullptr ? nullptr : names_[index]; }

 private:
  char** names_ = nullptr;
};

bool IsKnownName(std::string_view name) {
  return name == kPublicListener || name == kAdminListener;
}

}  // namespace

Result<std::map<std::string, int>> AssignListenerNames(
    const std::vector<std::pair<int, std::string>>& fds) {
  if (fds.size() > 2) {
    return Error(ErrorCode::kInvalidArgument, "too many sockets passed by socket activation",
                 std::to_string(fds.size()) + " fds; expected at most public and admin");
  }
  std::map<std::string, int> named;
  for (const auto& [fd, name] : fds) {
    if (!IsKnownName(name)) {
      continue;
    }
    if (!named.emplace(name, fd).second) {
      return Error(ErrorCode::kInvalidArgument, "socket activation passed a listener twice",
                   "duplicate FileDescriptorName=" + name);
    }
  }
  for (const auto& [fd, name] : fds) {
    if (IsKnownName(name)) {
      continue;
    }
    const char* free_name = named.count(kPublicListener) == 0 ? kPublicListener : kAdminListener;
    named.emplace(free_name, fd);
  }
  return named;
}

Result<std::map<std::string, int>> TakeListenFds() {
  NameArray names;
  int num_fds = ::sd_listen_fds_with_names(/*unset_environment=*/1, names.out());
  if (num_fds < 0) {
    return Error(ErrorCode::kInvalidArgument, "invalid socket activation environment",
                 std::string("sd_listen_fds_with_names: ") + ErrnoText(-num_fds));
  }

  std::vector<std::pair<int, std::string>> fds;
  for (int i = 0; i < num_fds; ++i) {
    int fd = SD_LISTEN_FDS_START + i;
    if (::sd_is_socket(fd, AF_UNSPEC, SOCK_STREAM, /*listening=*/1) <= 0) {
      return Error(ErrorCode::kInvalidArgument, "a passed fd is not a listening stream socket",
                   "fd " + std::to_string(fd));
    }
    int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0 || ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0) {
      return Error(ErrorCode::kInvalidArgument, "cannot set close-on-exec on a passed socket",
                   std::string("fcntl: ") + ErrnoText(errno));
    }
    const char* name = names.at(i);
    fds.emplace_back(fd, name == nullptr ? "" : name);
  }
  return AssignListenerNames(fds);
}

}  // namespace vci::systemd
