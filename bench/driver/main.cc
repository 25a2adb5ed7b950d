// vci-bench: the wallet load driver of bench/run.sh.
//
//   vci-bench start --notify-socket P --health-url U --log F -- vcissuerd --config X
//       starts the daemon and prints {"pid", "ready_ms", "healthz_ms"} as JSON.
//   vci-bench run --issuer URL --admin URL --admin-token-file F --daemon-pid PID -c 8 -d 10
//       makes offers (untimed), then runs C wallets for D seconds and prints the report as JSON
//       (see bench/driver/load_run.h). A human summary goes to stderr.
#include <curl/curl.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <exception>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "bench/driver/daemon_start.h"
#include "bench/driver/load_run.h"
#include "bench/driver/offer_pool.h"

namespace {

using vci::bench::LoadOptions;
using vci::bench::OfferPoolOptions;

struct RunFlags {
  LoadOptions load;
  OfferPoolOptions pool;
  std::string admin_token_file;
  std::string mark_file;  // Created when the timed phase starts (for a profiler to attach).
  double seconds = 10;
  double offers_per_second = 1000;  // Sizes the pool: seconds * this, at least 4 per wallet.
};

int Fail(const vci::Error& error) {
  std::cerr << "vci-bench: " << error.message();
  if (!error.detail().empty()) {
    std::cerr << " (" << error.detail() << ")";
  }
  std::cerr << "\n";
  return 1;
}

std::string ReadToken(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  return token;
}

void PrintSummary(const nlohmann::json& r) {
  const nlohmann::json& flow = r["latency_ms"]["flow"];
  std::cerr << std::fixed << std::setprecision(1) << "C=" << r["concurrency"] << ": "
            << r["issuances"] << " issuances in " << r["seconds"].get<double>() << " s, "
            << r["issuances_per_second"].get<double>() << "/s, "
            << r["issuances_per_cpu_second"].get<double>()
            << " per server CPU-second, flow p50/p90/p99 " << flow["p50"].get<double>() << "/"
            << flow["p90"].get<double>() << "/" << flow["p99"].get<double>() << " ms, errors "
            << r["errors"] << "\n";
}

int Run(RunFlags& flags) {
  flags.pool.admin_token = ReadToken(flags.admin_token_file);
  flags.pool.configuration_id = flags.load.configuration_id;
  flags.load.duration = std::chrono::milliseconds(std::llround(flags.seconds * 1000));
  flags.pool.count = std::max<size_t>(static_cast<size_t>(flags.seconds * flags.offers_per_second),
                                      4 * flags.load.concurrency);
  auto ctx = vci::ossl::Context::Create();
  if (!ctx) {
    return Fail(ctx.error());
  }
  vci::bench::OfferPool pool;
  if (auto filled = vci::bench::OfferPool::Fill(flags.pool, pool); !filled) {
    return Fail(filled.error());
  }
  if (!flags.mark_file.empty()) {
    std::ofstream(flags.mark_file) << "timed phase\n";
  }
  auto report = vci::bench::RunLoad(**ctx, flags.load, pool);
  if (!report) {
    return Fail(report.error());
  }
  (*report)["offers_made"] = pool.size();
  PrintSummary(*report);
  std::cout << report->dump() << "\n";
  return 0;
}

int Start(vci::bench::StartOptions& options) {
  auto started = vci::bench::StartDaemon(options);
  if (!started) {
    return Fail(started.error());
  }
  std::cout << started->dump() << "\n";
  return 0;
}

int Main(int argc, char** argv) {
  CLI::App app{"vci-bench: a wallet load driver for vcissuerd"};
  app.require_subcommand(1);

  RunFlags run;
  CLI::App* run_cmd = app.add_subcommand("run", "make offers, then run wallets for a set time");
  run_cmd->add_option("--issuer", run.load.issuer, "Credential Issuer Identifier")->required();
  run_cmd->add_option("--admin", run.pool.admin, "admin listener base URL")->required();
  run_cmd->add_option("--admin-token-file", run.admin_token_file)->required();
  run_cmd->add_option("--daemon-pid", run.load.daemon_pid, "pid of vcissuerd")->required();
  run_cmd->add_option("-c,--concurrency", run.load.concurrency)->check(CLI::Range(1, 1024));
  run_cmd->add_option("-d,--duration", run.seconds, "seconds")->check(CLI::Range(0.1, 3600.0));
  run_cmd->add_option("--configuration", run.load.configuration_id)->default_val("employee_badge");
  run_cmd->add_option("--offers-per-second", run.offers_per_second,
                      "pool size per second of run; wallets stop early when it runs out");
  run_cmd->add_option("--setup-threads", run.pool.threads);
  run_cmd->add_option("--mark-file", run.mark_file, "created when the timed phase starts");
  run_cmd->add_flag("!--no-tx-code", run.pool.tx_code, "offers without a tx_code");

  vci::bench::StartOptions start;
  CLI::App* start_cmd = app.add_subcommand("start", "start vcissuerd and time it to READY");
  start_cmd->add_option("--notify-socket", start.notify_socket)->required();
  start_cmd->add_option("--health-url", start.health_url)->required();
  start_cmd->add_option("--log", start.log_file)->required();
  start_cmd->add_option("argv", start.argv, "the daemon's command line, after --")->required();

  CLI11_PARSE(app, argc, argv);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int status = run_cmd->parsed() ? Run(run) : Start(start);
  curl_global_cleanup();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "vci-bench: " << e.what() << "\n";
    return 1;
  }
}
