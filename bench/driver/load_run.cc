// RunLoad: wallet threads, a shared stop time, and /proc snapshots before and after.
#include "bench/driver/load_run.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "bench/driver/latency.h"
#include "bench/driver/proc_stats.h"
#include "bench/driver/wallet.h"

namespace vci::bench {
namespace {

using Clock = std::chrono::steady_clock;

// What one wallet thread saw.
struct WalletTally {
  LatencySamples token, nonce, credential, flow;
  size_t issuances = 0;
  size_t errors = 0;
  std::string first_error;
};

void RunWallet(Wallet& wallet, OfferPool& pool, Clock::time_point stop, WalletTally& tally,
               std::atomic<bool>& exhausted) {
  while (Clock::now() < stop) {
    std::optional<Offer> offer = pool.Take();
    if (!offer) {
      exhausted = true;
      return;
    }
    Result<FlowTiming> timing = wallet.Redeem(*offer);
    if (!timing) {
      if (tally.errors++ == 0) {
        tally.first_error = timing.error().detail();
      }
      continue;
    }
    ++tally.issuances;
    tally.token.Add(timing->token);
    tally.nonce.Add(timing->nonce);
    tally.credential.Add(timing->credential);
    tally.flow.Add(timing->flow);
  }
}

double Sum(const std::map<pid_t, double>& cpu) {
  double total = 0;
  for (const auto& [pid, seconds] : cpu) {
    total += seconds;
  }
  return total;
}

nlohmann::json WorkerReport(const std::vector<pid_t>& pids, const std::map<pid_t, double>& before,
                            const std::map<pid_t, double>& after) {
  nlohmann::json workers = nlohmann::json::array();
  for (size_t i = 0; i < pids.size(); ++i) {
    MemoryUse memory = Memory(pids[i]);
    double cpu = 0;
    if (before.contains(pids[i]) && after.contains(pids[i])) {
      cpu = after.at(pids[i]) - before.at(pids[i]);
    }
    workers.push_back({{"pid", pids[i]},
                       {"role", i == 0 ? "supervisor" : "worker"},
                       {"rss_mib", static_cast<double>(memory.rss_kib) / 1024.0},
                       {"peak_rss_mib", static_cast<double>(memory.peak_kib) / 1024.0},
                       {"cpu_seconds", cpu}});
  }
  return workers;
}

}  // namespace

Result<nlohmann::json> RunLoad(const ossl::Context& ctx, const LoadOptions& options,
                               OfferPool& pool) {
  std::vector<std::unique_ptr<Wallet>> wallets;
  for (size_t i = 0; i < options.concurrency; ++i) {
    VCI_ASSIGN_OR_RETURN(auto wallet,
                         Wallet::Create(ctx, options.issuer, options.configuration_id));
    wallets.push_back(std::move(wallet));
  }
  VCI_ASSIGN_OR_RETURN(std::vector<pid_t> pids, DaemonProcesses(options.daemon_pid));
  std::vector<WalletTally> tallies(options.concurrency);
  std::atomic<bool> exhausted{false};

  std::map<pid_t, double> cpu_before = CpuSeconds(pids);
  Clock::time_point start = Clock::now();
  Clock::time_point stop = start + options.duration;
  std::vector<std::thread> threads;
  for (size_t i = 0; i < options.concurrency; ++i) {
    threads.emplace_back(RunWallet, std::ref(*wallets[i]), std::ref(pool), stop,
                         std::ref(tallies[i]), std::ref(exhausted));
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::map<pid_t, double> cpu_after = CpuSeconds(pids);

  WalletTally all;
  for (WalletTally& tally : tallies) {
    all.issuances += tally.issuances;
    all.errors += tally.errors;
    if (all.first_error.empty()) {
      all.first_error = tally.first_error;
    }
    all.token.Merge(tally.token);
    all.nonce.Merge(tally.nonce);
    all.credential.Merge(tally.credential);
    all.flow.Merge(tally.flow);
  }
  double cpu = Sum(cpu_after) - Sum(cpu_before);
  double issuances = static_cast<double>(all.issuances);
  nlohmann::json report = {{"concurrency", options.concurrency},
                           {"seconds", seconds},
                           {"issuances", all.issuances},
                           {"errors", all.errors},
                           {"pool_exhausted", exhausted.load()},
                           {"issuances_per_second", issuances / seconds},
                           {"server_cpu_seconds", cpu},
                           {"issuances_per_cpu_second", cpu > 0 ? issuances / cpu : 0.0},
                           {"processes", pids.size()},
                           {"latency_ms",
                            {{"token", all.token.Summary()},
                             {"nonce", all.nonce.Summary()},
                             {"credential", all.credential.Summary()},
                             {"flow", all.flow.Summary()}}},
                           {"workers", WorkerReport(pids, cpu_before, cpu_after)}};
  if (!all.first_error.empty()) {
    report["first_error"] = all.first_error;
  }
  return report;
}

}  // namespace vci::bench
