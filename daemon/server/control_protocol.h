// The control socket's line protocol, spoken by `vcissuerctl reload` and `vcissuerctl status`
// with the supervisor over /run/vcissuer/control.sock.
//
// The client sends one request line and reads one reply line; then the connection closes.
//   request  "reload\n"                      reload the policy in every worker; the reply comes
//                                            once every worker serves the new generation
//            "status\n"                      the current state, at once
//   reply    "ok generation=G workers=R/N\n" R of N workers ready, serving generation G
//            "error REASON\n"                the request failed (no secrets in REASON)
#ifndef VCISSUER_DAEMON_SERVER_CONTROL_PROTOCOL_H_
#define VCISSUER_DAEMON_SERVER_CONTROL_PROTOCOL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::server {

// A request line longer than this is refused without reading further.
inline constexpr size_t kMaxControlLineBytes = 1024;

enum class ControlRequest { kReload, kStatus };

struct ControlReply {
  bool ok = false;
  uint64_t generation = 0;  // ok only.
  unsigned ready_workers = 0;
  unsigned num_workers = 0;
  std::string reason;  // !ok only.
};

// ParseControlRequest parses one request line, with or without its trailing "\n".
// kInvalidArgument for anything but "reload" or "status".
Result<ControlRequest> ParseControlRequest(std::string_view line);

// FormatControlRequest returns the request line, with its "\n".
std::string FormatControlRequest(ControlRequest request);

// FormatControlReply returns the reply line, with its "\n". Control characters in a reason
// become spaces, and it is cut to fit kMaxControlLineBytes.
std::string FormatControlReply(const ControlReply& reply);

// ParseControlReply parses one reply line, with or without its trailing "\n". kInvalidArgument
// when it is neither a well-formed "ok ..." nor an "error ..." line.
Result<ControlReply> ParseControlReply(std::string_view line);

}  // namespace vci::server

#endif  // VCISSUER_DAEMON_SERVER_CONTROL_PROTOCOL_H_
