#include "tests/cli/run_binary.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vci::cli::testing {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string VcissuerctlPath() {
  return std::string(VCI_BINARY_DIR) + "/bin/vcissuerctl";
}

RunResult RunVcissuerctl(const std::vector<std::string>& args,
                         const std::vector<std::string>& env) {
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "vcissuerctl-run-XXXXXX").string();
  RunResult result;
  if (::mkdtemp(dir_template.data()) == nullptr) {
    result.err = "mkdtemp failed";
    return result;
  }
  std::filesystem::path dir = dir_template;
  std::string out_path = (dir / "stdout").string();
  std::string err_path = (dir / "stderr").string();

  std::string binary = VcissuerctlPath();
  std::vector<char*> argv;
  argv.reserve(args.size() + 2);
  argv.push_back(binary.data());
  std::vector<std::string> args_copy = args;
  for (std::string& arg : args_copy) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_copy = env;
  env_copy.emplace_back("PATH=/usr/bin:/bin");
  std::vector<char*> envp;
  envp.reserve(env_copy.size() + 1);
  for (std::string& entry : env_copy) {
    envp.push_back(entry.data());
  }
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  ::posix_spawn_file_actions_init(&actions);
  ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = 0;
  int rc = ::posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  ::posix_spawn_file_actions_destroy(&actions);
  if (rc == 0) {
    int wait_status = 0;
    if (::waitpid(pid, &wait_status, 0) == pid && WIFEXITED(wait_status)) {
      result.status = WEXITSTATUS(wait_status);
    }
    result.out = Slurp(out_path);
    result.err = Slurp(err_path);
  } else {
    result.err = "posix_spawn failed for " + binary;
  }
  std::filesystem::remove_all(dir);
  return result;
}

}  // namespace vci::cli::testing
