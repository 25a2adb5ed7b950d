// The daemon's exit statuses. systemd's unit lists the ones no restart can fix in
// RestartPreventExitStatus=, so a wrong PIN (which a real HSM punishes by locking the token) or a
// bad configuration is never retried in a loop.
#ifndef VCISSUER_DAEMON_SERVER_EXIT_CODES_H_
#define VCISSUER_DAEMON_SERVER_EXIT_CODES_H_

namespace vci::server {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;         // A failure a restart may fix (HSM or store down).
inline constexpr int kExitUsage = 2;           // Bad command line.
inline constexpr int kExitConfigInvalid = 10;  // The configuration file is invalid.
inline constexpr int kExitPolicyInvalid = 11;  // The policy is invalid.
inline constexpr int kExitPinRefused = 12;     // The token refused the PIN, or is locked.
inline constexpr int kExitKeyInvalid = 13;     // A configured key is missing or too weak.

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_EXIT_CODES_H_
