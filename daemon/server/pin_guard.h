// PinGuard: the file that stops the daemon from offering the token a PIN it has refused.
//
// A real HSM locks its token after a few wrong PINs, and under socket activation every new
// connection would start the service again. So when the token refuses the PIN, the supervisor
// sets this guard in the state directory; while it is set, vcissuerd never calls C_Login and
// exits at once with status 12, saying why. The operator fixes the PIN and clears the guard
// with `vcissuerctl pin-guard clear`.
#ifndef VCISSUER_DAEMON_SERVER_PIN_GUARD_H_
#define VCISSUER_DAEMON_SERVER_PIN_GUARD_H_

#include <optional>
#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::server {

// kPinGuardFileName is the guard's name inside the state directory.
inline constexpr std::string_view kPinGuardFileName = "pin-refused";

class PinGuard {
 public:
  explicit PinGuard(const std::string& state_directory);

  // path is the guard file's absolute path.
  const std::string& path() const { return path_; }

  // Read returns nullopt when the guard is not set, else the reason written when it was set. A
  // guard that exists but cannot be read counts as set (fail closed), with a reason saying so.
  // Never fails.
  std::optional<std::string> Read() const;

  // Set writes the guard (mode 0600, replacing any earlier one, flushed to disk) with one line:
  // `reason`, which must hold no secret. Fails with kUnavailable if the file cannot be written.
  Result<void> Set(std::string_view reason) const;

  // Clear removes the guard. Returns true if it was set, false if there was none. Fails with
  // kUnavailable (kPermissionDenied when not allowed) if it cannot be removed.
  Result<bool> Clear() const;

 private:
  std::string path_;
};

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_PIN_GUARD_H_
