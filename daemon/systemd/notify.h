// Intent-named wrappers over sd_notify(3) and sd_watchdog_enabled(3).
//
// Every readiness and lifecycle message the daemon sends to its service manager goes through this
// file, so the protocol lives in one place (the Knot DNS habit). When the process is not run by
// systemd ($NOTIFY_SOCKET unset) each call does nothing and returns false.
#ifndef VCISSUER_DAEMON_SYSTEMD_NOTIFY_H_
#define VCISSUER_DAEMON_SYSTEMD_NOTIFY_H_

#include <chrono>
#include <optional>
#include <string_view>

namespace vci::systemd {

// NotifyReady sends READY=1. Call it only once the listen sockets exist, the HSM login succeeded
// and every configured key was found. Returns true if the message was delivered, false when there
// is no service manager to tell or sending failed. Thread-safe.
bool NotifyReady();

// NotifyStatus sends STATUS=<text>, the one-line status `systemctl status` shows. Line breaks in
// `text` are replaced by spaces. Never pass a secret. Returns true if delivered. Thread-safe.
bool NotifyStatus(std::string_view text);

// NotifyStopping sends STOPPING=1, on SIGTERM before the listeners are drained. Returns true if
// delivered. Thread-safe.
bool NotifyStopping();

// NotifyReloading sends RELOADING=1 with MONOTONIC_USEC (sd_notify(3), Type=notify-reload). The
// caller sends NotifyReady() again when the reload is done. Returns true if delivered.
bool NotifyReloading();

// NotifyWatchdog sends WATCHDOG=1, the keep-alive ping for WatchdogSec=. Returns true if
// delivered. Thread-safe.
bool NotifyWatchdog();

// WatchdogInterval returns the watchdog timeout systemd expects pings within ($WATCHDOG_USEC for
// this process), or nullopt when the watchdog is off. Ping at half this interval.
std::optional<std::chrono::microseconds> WatchdogInterval();

}  // namespace vci::systemd

#endif  // VCISSUER_DAEMON_SYSTEMD_NOTIFY_H_
