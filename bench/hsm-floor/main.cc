// vci-hsm-floor: what the token itself can do, as a ceiling for the daemon's throughput.
//
// Forks --processes children (as many as the daemon has workers). Each opens the token on its
// own (C_Initialize, one login), reports ready, and once all are ready signs with ES256 for one
// phase and computes HMAC-SHA256 for the next. Prints JSON: the summed rates and the issuance
// floor, 1 / (1/sign_rate + 2/hmac_rate): one signature and two HMACs per issuance.
// The PIN is read from a file and never printed.
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "bench/hsm-floor/floor_worker.h"

namespace {

using vci::bench::FloorCounts;
using vci::bench::FloorOptions;

// What a child sends back on the result pipe: fixed-size, so no text is parsed.
struct ChildReport {
  bool ok = false;
  FloorCounts counts;
};

bool WriteAll(int fd, const void* data, size_t size) {
  return write(fd, data, size) == static_cast<ssize_t>(size);
}

// A child's life: open, say ready, wait for the start (the go pipe closing), count, report.
// Errors go to stderr (never the PIN: Error messages and details do not hold it).
[[noreturn]] void Child(const FloorOptions& options, int ready_fd, int go_fd, int result_fd) {
  ChildReport report;
  auto keys = vci::bench::OpenFloorKeys(options);
  if (!keys) {
    std::cerr << "vci-hsm-floor: " << keys.error().message() << " (" << keys.error().detail()
              << ")\n";
    WriteAll(result_fd, &report, sizeof(report));
    WriteAll(ready_fd, "R", 1);
    _exit(1);
  }
  WriteAll(ready_fd, "R", 1);
  char byte = 0;
  if (read(go_fd, &byte, 1) < 0) {  // Returns 0 when the parent closes its end.
    _exit(1);
  }
  auto counts = vci::bench::RunFloorPhases(**keys, options.phase);
  if (counts) {
    report.ok = true;
    report.counts = *counts;
  } else {
    std::cerr << "vci-hsm-floor: " << counts.error().detail() << "\n";
  }
  WriteAll(result_fd, &report, sizeof(report));
  keys->reset();  // Log out and finalize before _exit.
  _exit(report.ok ? 0 : 1);
}

struct Pipe {
  int fds[2] = {-1, -1};

  bool Open() { return pipe(fds) == 0; }
};

int Main(int argc, char** argv) {
  CLI::App app{"vci-hsm-floor: the token's raw ES256 and HMAC rates with N processes"};
  FloorOptions options;
  size_t processes = 2;
  double seconds = 3;
  app.add_option("--module", options.module)->default_val("/usr/lib/softhsm/libsofthsm2.so");
  app.add_option("--token", options.token)->default_val("pkcs11:token=vcissuer");
  app.add_option("--pin-file", options.pin_file)->required();
  app.add_option("--signing-key", options.signing_key)->required();
  app.add_option("--hmac-key", options.hmac_key)->required();
  app.add_option("--processes", processes)->check(CLI::Range(1, 64));
  app.add_option("--seconds", seconds, "length of each phase")->check(CLI::Range(0.1, 600.0));
  CLI11_PARSE(app, argc, argv);
  options.phase = std::chrono::milliseconds(std::llround(seconds * 1000));

  Pipe ready, go, result;
  if (!ready.Open() || !go.Open() || !result.Open()) {
    std::perror("vci-hsm-floor: pipe");
    return 1;
  }
  std::vector<pid_t> children;
  for (size_t i = 0; i < processes; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      close(go.fds[1]);
      Child(options, ready.fds[1], go.fds[0], result.fds[1]);
    }
    children.push_back(pid);
  }
  close(ready.fds[1]);
  close(result.fds[1]);
  close(go.fds[0]);
  char byte = 0;
  for (size_t i = 0; i < processes; ++i) {
    if (read(ready.fds[0], &byte, 1) != 1) {
      break;
    }
  }
  close(go.fds[1]);  // Every child starts counting now.

  double sign_rate = 0;
  double hmac_rate = 0;
  size_t reports = 0;
  bool failed = false;
  ChildReport report;
  while (read(result.fds[0], &report, sizeof(report)) == static_cast<ssize_t>(sizeof(report))) {
    ++reports;
    failed = failed || !report.ok;
    if (report.ok) {
      sign_rate += report.counts.sign_count / report.counts.sign_seconds;
      hmac_rate += report.counts.hmac_count / report.counts.hmac_seconds;
    }
  }
  for (pid_t pid : children) {
    waitpid(pid, nullptr, 0);
  }
  if (failed || reports != processes) {
    std::cerr << "vci-hsm-floor: " << processes - reports << " of " << processes
              << " processes did not report, or one failed\n";
    return 1;
  }
  double floor = 1.0 / (1.0 / sign_rate + 2.0 / hmac_rate);
  nlohmann::json out = {{"processes", processes},
                        {"phase_seconds", seconds},
                        {"es256_per_second", sign_rate},
                        {"hmac_per_second", hmac_rate},
                        {"issuance_floor_per_second", floor}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "vci-hsm-floor: " << e.what() << "\n";
    return 1;
  }
}
