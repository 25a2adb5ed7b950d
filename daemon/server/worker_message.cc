#include "daemon/server/worker_message.h"

#include <charconv>

namespace vci::server {
namespace {

using Kind = WorkerMessage::Kind;

struct Verb {
  Kind kind;
  std::string_view name;
};

constexpr Verb kVerbs[] = {{Kind::kReady, "ready"},
                           {Kind::kHeartbeat, "heartbeat"},
                           {Kind::kReloaded, "reloaded"},
                           {Kind::kReloadFailed, "reload-failed"},
                           {Kind::kReload, "reload"}};

Error Malformed(std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "malformed worker message", std::string(why));
}

// TakeNumber parses the decimal number at the start of `rest` and removes it (and one following
// space, if any).
Result<uint64_t> TakeNumber(std::string_view& rest) {
  uint64_t value = 0;
  const char* end = rest.data() + rest.size();
  auto [ptr, ec] = std::from_chars(rest.data(), end, value);
  if (ec != std::errc() || ptr == rest.data()) {
    return Malformed("expected a decimal number");
  }
  rest.remove_prefix(static_cast<size_t>(ptr - rest.data()));
  if (!rest.empty()) {
    if (rest.front() != ' ') {
      return Malformed("expected a space after the number");
    }
    rest.remove_prefix(1);
  }
  return value;
}

}  // namespace

std::string FormatWorkerMessage(const WorkerMessage& message) {
  std::string line;
  for (const Verb& verb : kVerbs) {
    if (verb.kind == message.kind) {
      line = verb.name;
    }
  }
  line += ' ';
  line +=
      std::to_string(message.kind == Kind::kHeartbeat ? message.hsm_call_ms : message.generation);
  if (message.kind == Kind::kReloadFailed) {
    line += ' ';
    for (char c : message.reason) {
      if (line.size() >= kMaxWorkerMessageBytes) {
        break;
      }
      line.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
    }
  }
  return line;
}

Result<WorkerMessage> ParseWorkerMessage(std::string_view line) {
  if (line.size() > kMaxWorkerMessageBytes) {
    return Malformed("longer than kMaxWorkerMessageBytes");
  }
  size_t space = line.find(' ');
  if (space == std::string_view::npos) {
    return Malformed("no argument");
  }
  std::string_view name = line.substr(0, space);
  std::string_view rest = line.substr(space + 1);
  WorkerMessage message;
  bool known = false;
  for (const Verb& verb : kVerbs) {
    if (verb.name == name) {
      message.kind = verb.kind;
      known = true;
    }
  }
  if (!known) {
    return Malformed("unknown verb");
  }
  VCI_ASSIGN_OR_RETURN(uint64_t number, TakeNumber(rest));
  if (message.kind == Kind::kHeartbeat) {
    message.hsm_call_ms = number;
  } else {
    message.generation = number;
  }
  if (message.kind == Kind::kReloadFailed) {
    message.reason = std::string(rest);
  } else if (!rest.empty()) {
    return Malformed("trailing text");
  }
  return message;
}

}  // namespace vci::server
