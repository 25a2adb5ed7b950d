#include "daemon/config/limits_config.h"

#include <optional>
#include <type_traits>

namespace vci::config {

void ReadLimits(policy::TableReader& t, LimitsConfig& out) {
  auto count = [&t](std::string_view key, int64_t min, int64_t max, auto& field) {
    if (std::optional<int64_t> value = t.Integer(key, false, min, max)) {
      field = static_cast<std::remove_reference_t<decltype(field)>>(*value);
    }
  };
  count("token_per_minute", 0, 1000000, out.token_per_minute);
  count("nonce_per_minute", 0, 1000000, out.nonce_per_minute);
  count("credential_per_minute", 0, 1000000, out.credential_per_minute);
  // A credential request with a batch of proofs is the largest a wallet sends: 100 proofs of a
  // few hundred bytes each stay far below 1 MiB.
  count("max_body_bytes", 1024, 1 << 20, out.max_body_bytes);
  count("max_url_bytes", 256, int64_t{64} * 1024, out.max_url_bytes);
  count("connections", 1, 100000, out.connections);
  count("connections_per_address", 1, 100000, out.connections_per_address);
  int64_t timeout = out.connection_timeout.count();
  count("connection_timeout", 1, 3600, timeout);
  out.connection_timeout = std::chrono::seconds(timeout);
  count("max_live_nonces", 1000, int64_t{1} << 40, out.max_live_nonces);
  int64_t purge = out.purge_interval.count();
  count("purge_interval", 1, 3600, purge);
  out.purge_interval = std::chrono::seconds(purge);
  if (out.connections_per_address > out.connections) {
    t.ReportKey("connections_per_address", "must not exceed connections.");
  }
}

}  // namespace vci::config
