// /proc parsing for the daemon's processes. /proc/PID/stat fields are counted after the command
// name's closing parenthesis, since the name itself may hold spaces (proc(5)).
#include "bench/driver/proc_stats.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace vci::bench {
namespace {

// StatFields returns the fields of /proc/PID/stat after the command name: [0] is the state
// (field 3), [1] the parent pid (4), [11] utime (14), [12] stime (15). Empty if unreadable.
std::vector<std::string> StatFields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) {
    return {};
  }
  size_t close = line.rfind(')');
  if (close == std::string::npos) {
    return {};
  }
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) {
    fields.push_back(field);
  }
  return fields;
}

long StatusKib(const std::string& status, std::string_view key) {
  size_t at = status.find(std::string(key) + ":");
  if (at == std::string::npos) {
    return 0;
  }
  return std::strtol(status.c_str() + at + key.size() + 1, nullptr, 10);
}

}  // namespace

Result<std::vector<pid_t>> DaemonProcesses(pid_t supervisor) {
  if (StatFields(supervisor).empty()) {
    return Error(ErrorCode::kNotFound, "the daemon's process does not exist");
  }
  std::vector<pid_t> pids{supervisor};
  DIR* proc = opendir("/proc");
  if (proc == nullptr) {
    return Error(ErrorCode::kUnavailable, "cannot read /proc");
  }
  for (dirent* entry = readdir(proc); entry != nullptr; entry = readdir(proc)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0 || pid == supervisor) {
      continue;
    }
    std::vector<std::string> fields = StatFields(static_cast<pid_t>(pid));
    if (fields.size() > 1 && std::strtol(fields[1].c_str(), nullptr, 10) == supervisor) {
      pids.push_back(static_cast<pid_t>(pid));
    }
  }
  closedir(proc);
  return pids;
}

std::map<pid_t, double> CpuSeconds(const std::vector<pid_t>& pids) {
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  std::map<pid_t, double> seconds;
  for (pid_t pid : pids) {
    std::vector<std::string> fields = StatFields(pid);
    if (fields.size() > 12) {
      long long ticks_used = std::strtoll(fields[11].c_str(), nullptr, 10) +
                             std::strtoll(fields[12].c_str(), nullptr, 10);
      seconds[pid] = static_cast<double>(ticks_used) / ticks;
    }
  }
  return seconds;
}

MemoryUse Memory(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::stringstream text;
  text << in.rdbuf();
  std::string status = text.str();
  return MemoryUse{StatusKib(status, "VmRSS"), StatusKib(status, "VmHWM")};
}

}  // namespace vci::bench
