// RunVcissuerctl: runs the built vcissuerctl binary the way a user would, without a shell, and
// captures its exit status, stdout and stderr.
#ifndef VCISSUER_TESTS_CLI_RUN_BINARY_H_
#define VCISSUER_TESTS_CLI_RUN_BINARY_H_

#include <string>
#include <vector>

namespace vci::cli::testing {

struct RunResult {
  int status = -1;  // The exit status, or -1 when the process did not exit normally.
  std::string out;
  std::string err;
};

// VcissuerctlPath returns ${VCI_BINARY_DIR}/bin/vcissuerctl.
std::string VcissuerctlPath();

// RunVcissuerctl runs vcissuerctl with `args` in an environment that holds only PATH and `env`
// ("NAME=value" entries), so no SOFTHSM2_CONF or CREDENTIALS_DIRECTORY leaks in from the test
// runner.
RunResult RunVcissuerctl(const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {});

}  // namespace vci::cli::testing

#endif  // VCISSUER_TESTS_CLI_RUN_BINARY_H_
