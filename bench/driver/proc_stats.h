// Process statistics of the daemon from /proc: CPU time (utime + stime) of the supervisor and
// every worker, and each worker's resident memory.
#ifndef VCISSUER_BENCH_DRIVER_PROC_STATS_H_
#define VCISSUER_BENCH_DRIVER_PROC_STATS_H_

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "crypto/base/result.h"

namespace vci::bench {

// DaemonProcesses returns `supervisor` followed by its child processes (the workers), found by
// their parent pid in /proc/PID/stat. kNotFound when `supervisor` does not exist.
Result<std::vector<pid_t>> DaemonProcesses(pid_t supervisor);

// CpuSeconds maps each process to its utime + stime in seconds; a process that has gone is
// left out.
std::map<pid_t, double> CpuSeconds(const std::vector<pid_t>& pids);

// Memory of one process, from /proc/PID/status, in kibibytes (0 when the process has gone).
struct MemoryUse {
  long rss_kib = 0;   // VmRSS: resident now.
  long peak_kib = 0;  // VmHWM: the most it was ever resident.
};

MemoryUse Memory(pid_t pid);

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_PROC_STATS_H_
