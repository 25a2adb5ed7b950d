#include "daemon/systemd/notify.h"

#include <systemd/sd-daemon.h>
#include <time.h>  // NOLINT(modernize-deprecated-headers): POSIX clock_gettime

#include <cstdint>
#include <string>

namespace vci::systemd {
namespace {

bool Send(const std::string& state) {
  return ::sd_notify(/*unset_environment=*/0, state.c_str()) > 0;
}

}  // namespace

bool NotifyReady() {
  return Send("READY=1");
}

bool NotifyStatus(std::string_view text) {
  std::string state = "STATUS=";
  for (char c : text) {
    state.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return Send(state);
}

bool NotifyStopping() {
  return Send("STOPPING=1");
}

bool NotifyReloading() {
  // sd_notify(3): RELOADING=1 must carry MONOTONIC_USEC, the CLOCK_MONOTONIC time of the request.
  struct timespec now {};

  ::clock_gettime(CLOCK_MONOTONIC, &now);
  uint64_t usec =
      static_cast<uint64_t>(now.tv_sec) * 1000000u + static_cast<uint64_t>(now.tv_nsec) / 1000u;
  return Send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec));
}

bool NotifyWatchdog() {
  return Send("WATCHDOG=1");
}

std::optional<std::chrono::microseconds> WatchdogInterval() {
  uint64_t usec = 0;
  if (::sd_watchdog_enabled(/*unset_environment=*/0, &usec) <= 0) {
    return std::nullopt;
  }
  return std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(usec));
}

}  // namespace vci::systemd
