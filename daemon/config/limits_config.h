// [limits]: the bounds the daemon enforces on what arrives from outside (issue #10). Every one
// has a default that the tests exercise; operators raise them for a busy deployment behind a
// shared address (a corporate NAT) or lower them on a small one.
#ifndef VCISSUER_DAEMON_CONFIG_LIMITS_CONFIG_H_
#define VCISSUER_DAEMON_CONFIG_LIMITS_CONFIG_H_

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "policy/toml_reader.h"

namespace vci::config {

struct LimitsConfig {
  // Requests per address (IPv6: per /64) per minute on the public endpoints that cost work or
  // state; 0 turns a limit off. Beyond a limit: 429 with Retry-After.
  uint32_t token_per_minute = 60;
  uint32_t nonce_per_minute = 300;
  uint32_t credential_per_minute = 120;
  // HTTP bounds of each listener.
  size_t max_body_bytes = size_t{64} * 1024;
  size_t max_url_bytes = size_t{4} * 1024;
  uint32_t connections = 256;                   // Open connections per listener and worker.
  uint32_t connections_per_address = 32;        // Of those, from one address.
  std::chrono::seconds connection_timeout{15};  // An idle or trickling connection is closed.
  // The store: at most this many unexpired c_nonces (a flood beyond it gets 503 with
  // Retry-After), and how often expired offers, nonces, tokens and records are deleted.
  uint64_t max_live_nonces = 200000;
  std::chrono::seconds purge_interval{60};
};

// ReadLimits reads the [limits] table into `out`, reporting problems through `t`.
void ReadLimits(policy::TableReader& t, LimitsConfig& out);

}  // namespace vci::config

#endif  // VCISSUER_DAEMON_CONFIG_LIMITS_CONFIG_H_
