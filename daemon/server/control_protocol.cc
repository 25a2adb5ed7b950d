#include "daemon/server/control_protocol.h"

#include <charconv>

namespace vci::server {
namespace {

constexpr std::string_view kOk = "ok ";
constexpr std::string_view kError = "error ";

Error Malformed(std::string_view what, std::string_view line) {
  return Error(ErrorCode::kInvalidArgument, std::string(what),
               "line of " + std::to_string(line.size()) + " bytes");
}

std::string_view WithoutNewline(std::string_view line) {
  if (!line.empty() && line.back() == '\n') {
    line.remove_suffix(1);
  }
  return line;
}

// TakeUnsigned parses a decimal number at the start of `text`, removes it and returns it.
template <typename T>
bool TakeUnsigned(std::string_view& text, T& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || ptr == text.data()) {
    return false;
  }
  text.remove_prefix(static_cast<size_t>(ptr - text.data()));
  return true;
}

bool TakePrefix(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) {
    return false;
  }
  text.remove_prefix(prefix.size());
  return true;
}

}  // namespace

Result<ControlRequest> ParseControlRequest(std::string_view line) {
  line = WithoutNewline(line);
  if (line == "reload") {
    return ControlRequest::kReload;
  }
  if (line == "status") {
    return ControlRequest::kStatus;
  }
  return Malformed("unknown control request", line);
}

std::string FormatControlRequest(ControlRequest request) {
  return request == ControlRequest::kReload ? "reload\n" : "status\n";
}

std::string FormatControlReply(const ControlReply& reply) {
  if (reply.ok) {
    return "ok generation=" + std::to_string(reply.generation) +
           " workers=" + std::to_string(reply.ready_workers) + "/" +
           std::to_string(reply.num_workers) + "\n";
  }
  std::string line(kError);
  for (char c : reply.reason) {
    if (line.size() + 1 >= kMaxControlLineBytes) {
      break;
    }
    line.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
  }
  line.push_back('\n');
  return line;
}

Result<ControlReply> ParseControlReply(std::string_view line) {
  line = WithoutNewline(line);
  ControlReply reply;
  if (TakePrefix(line, kError)) {
    reply.reason = std::string(line);
    return reply;
  }
  if (!TakePrefix(line, kOk) || !TakePrefix(line, "generation=") ||
      !TakeUnsigned(line, reply.generation) || !TakePrefix(line, " workers=") ||
      !TakeUnsigned(line, reply.ready_workers) || !TakePrefix(line, "/") ||
      !TakeUnsigned(line, reply.num_workers) || !line.empty()) {
    return Malformed("malformed control reply", line);
  }
  reply.ok = true;
  return reply;
}

}  // namespace vci::server
