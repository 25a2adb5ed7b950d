// LoadRun: C concurrent wallets redeem offers from a pool for a set time while the daemon's CPU
// time is measured from /proc; the result is one JSON object (see RunLoad).
#ifndef VCISSUER_BENCH_DRIVER_LOAD_RUN_H_
#define VCISSUER_BENCH_DRIVER_LOAD_RUN_H_

#include <sys/types.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/driver/offer_pool.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::bench {

struct LoadOptions {
  std::string issuer;            // Credential Issuer Identifier (public base URL).
  std::string configuration_id;  // What the offers in the pool are for.
  size_t concurrency = 1;        // Wallets at once, each on its own thread and connection.
  std::chrono::milliseconds duration{10000};
  pid_t daemon_pid = 0;  // The supervisor (vcissuerd); its children are the workers.
};

// RunLoad runs the wallets until `options.duration` has passed or the pool is empty, and returns
// {"concurrency", "seconds", "issuances", "errors", "pool_exhausted", "issuances_per_second",
//  "server_cpu_seconds", "issuances_per_cpu_second", "processes", "latency_ms": {"token",
//  "nonce", "credential", "flow"}, "workers": [{"pid", "rss_mib", "peak_rss_mib",
//  "cpu_seconds"}]}. Fails when a wallet cannot be made or the daemon is not running; failed
// issuances are counted, and the first failure's detail is kept under "first_error".
Result<nlohmann::json> RunLoad(const ossl::Context& ctx, const LoadOptions& options,
                               OfferPool& pool);

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_LOAD_RUN_H_
