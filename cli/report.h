// How vcissuerctl tells the user that a command failed: one "vcissuerctl: ..." message on stderr,
// then the exit status. Commands print nothing else on failure, so stdout stays clean for scripts.
#ifndef VCISSUER_CLI_REPORT_H_
#define VCISSUER_CLI_REPORT_H_

#include <string>
#include <string_view>

#include "cli/exit_codes.h"
#include "crypto/base/error.h"

namespace vci::cli {

// ReportFailure prints `error`'s message (and its detail, on a second line, when there is one) to
// stderr and returns the exit status ExitCodeFor(error).
int ReportFailure(const Error& error);

// ReportFailure prints `error` as above and returns `code` instead.
int ReportFailure(const Error& error, ExitCode code);

// PrintOut writes `text` to stdout and PrintErr to stderr, as is. A failed write (a closed pipe)
// is not reported: there is nowhere left to report it.
void PrintOut(std::string_view text);
void PrintErr(std::string_view text);

// TerminalSafe returns `text` with every control character (and DEL) replaced by '?', so a string
// that came from the network cannot move the cursor or rewrite the terminal's title. Line feeds
// are kept when `keep_newlines` is true.
std::string TerminalSafe(std::string_view text, bool keep_newlines = false);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_REPORT_H_
