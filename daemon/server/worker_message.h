// WorkerMessage: what a worker and its supervisor tell each other over their socketpair.
//
// One message per SOCK_SEQPACKET datagram, as one ASCII line:
//   worker -> supervisor   "ready G"            logged in, keys checked, policy G loaded, listening
//                          "heartbeat MS"       alive; MS is the age of its oldest HSM call in
//                          flight "reloaded G"         now serving policy generation G
//                          "reload-failed G R"  generation G was refused for reason R (no secrets)
//   supervisor -> worker   "reload G"           load the policy again and call it generation G
#ifndef VCISSUER_DAEMON_SERVER_WORKER_MESSAGE_H_
#define VCISSUER_DAEMON_SERVER_WORKER_MESSAGE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::server {

inline constexpr size_t kMaxWorkerMessageBytes = 512;

struct WorkerMessage {
  enum class Kind { kReady, kHeartbeat, kReloaded, kReloadFailed, kReload };

  Kind kind = Kind::kHeartbeat;
  uint64_t generation = 0;   // kReady, kReloaded, kReloadFailed, kReload.
  uint64_t hsm_call_ms = 0;  // kHeartbeat: 0 when no HSM call is in flight.
  std::string reason;        // kReloadFailed.
};

// FormatWorkerMessage returns `message` as its line (without a newline). A reason is cut so the
// line fits kMaxWorkerMessageBytes, and control characters in it become spaces.
std::string FormatWorkerMessage(const WorkerMessage& message);

// ParseWorkerMessage parses one datagram. kInvalidArgument for an unknown verb, a missing or
// non-decimal number, or trailing text where none belongs.
Result<WorkerMessage> ParseWorkerMessage(std::string_view line);

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_WORKER_MESSAGE_H_
