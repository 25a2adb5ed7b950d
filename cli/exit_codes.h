// The exit statuses of vcissuerctl. They are part of its interface: scripts branch on them, so a
// value, once given a meaning, keeps it.
#ifndef VCISSUER_CLI_EXIT_CODES_H_
#define VCISSUER_CLI_EXIT_CODES_H_

#include "crypto/base/error.h"

namespace vci::cli {

enum class ExitCode : int {
  kOk = 0,             // The command did what was asked.
  kFailure = 1,        // Anything not listed below (an internal or unexpected failure).
  kUsage = 2,          // A bad command line, or an argument value that cannot be used.
  kConfigInvalid = 3,  // The configuration file, or the policy `policy check` read, is invalid.
  kPinRefused = 4,     // The token refused the PIN, or is locked. Never retried.
  kNotFound = 5,       // A named key, file, token or credential configuration does not exist.
  kUnavailable = 6,    // The HSM (or, for `offer create`, the daemon) could not be reached.
  kRefused = 7,        // The daemon or the policy refused the request.
  kAlreadyExists = 8,  // A key or token with that label exists already.
};

// ExitStatus returns `code` as the int main() returns.
constexpr int ExitStatus(ExitCode code) {
  return static_cast<int>(code);
}

// ExitCodeFor maps an Error's code to the exit status a command ends with when nothing more
// specific applies (a command reading the configuration reports its errors as kConfigInvalid).
ExitCode ExitCodeFor(const Error& error);

// ExitCodeForHttpStatus maps a failed admin API answer's HTTP status: 503 is kUnavailable, any
// other 4xx kRefused, anything else kFailure.
ExitCode ExitCodeForHttpStatus(long status);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_EXIT_CODES_H_
