// vcissuerctl: see cli/cli_app.h.
#include <cstdio>
#include <exception>

#include "cli/cli_app.h"
#include "cli/exit_codes.h"

int main(int argc, char** argv) {
  // Nothing in the project throws; this boundary turns a stray library exception into a message
  // and the generic failure status instead of std::terminate.
  try {
    return vci::cli::RunCli(argc, argv);
  } catch (const std::exception& e) {
    static_cast<void>(std::fprintf(stderr, "vcissuerctl: unexpected failure: %s\n", e.what()));
  } catch (...) {
    static_cast<void>(std::fputs("vcissuerctl: unexpected failure\n", stderr));
  }
  return vci::cli::ExitStatus(vci::cli::ExitCode::kFailure);
}
