#include "cli/key_set_output.h"

#include <ctime>
#include <optional>

namespace vci::cli {
namespace {

nlohmann::ordered_json OptionalTime(const std::optional<int64_t>& time) {
  return time.has_value() ? nlohmann::ordered_json(*time) : nlohmann::ordered_json(nullptr);
}

}  // namespace

std::string UtcTime(int64_t seconds) {
  auto time = static_cast<time_t>(seconds);

  struct tm parts {};

  if (::gmtime_r(&time, &parts) == nullptr) {
    return std::to_string(seconds);
  }
  char text[32];
  size_t len = ::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return {text, len};
}

nlohmann::ordered_json MemberJson(const store::KeySetMember& member) {
  nlohmann::ordered_json out;
  out["set"] = member.set_name;
  out["key_id"] = member.key_id;
  out["label"] = member.label;
  out["kid"] = member.thumbprint.empty() ? nlohmann::ordered_json(nullptr)
                                         : nlohmann::ordered_json(member.thumbprint);
  out["state"] = store::KeyStateName(member.state);
  out["created_at"] = member.created_at;
  out["activate_at"] = OptionalTime(member.activate_at);
  out["activated_at"] = OptionalTime(member.activated_at);
  out["retiring_at"] = OptionalTime(member.retiring_at);
  out["retired_at"] = OptionalTime(member.retired_at);
  return out;
}

std::string MemberText(const store::KeySetMember& member) {
  std::string line =
      std::string(store::KeyStateName(member.state)) + " " + member.key_id + " " + member.label;
  if (member.state == store::KeyState::kNext && member.activate_at.has_value()) {
    line += " (active at " + UtcTime(*member.activate_at) + ")";
  }
  return line + "\n";
}

nlohmann::ordered_json AuditJson(const store::KeyAuditEvent& event) {
  nlohmann::ordered_json out;
  out["at"] = event.at;
  out["unix_user"] = event.unix_user;
  out["operation"] = event.operation;
  out["key_id"] = event.key_id;
  out["set"] = event.set_name;
  out["outcome"] = event.outcome;
  out["detail"] = event.detail;
  return out;
}

std::string AuditText(const store::KeyAuditEvent& event) {
  std::string line =
      UtcTime(event.at) + " " + event.unix_user + " " + event.operation + " " + event.outcome;
  if (!event.key_id.empty()) {
    line += " key=" + event.key_id;
  }
  if (!event.set_name.empty()) {
    line += " set=" + event.set_name;
  }
  if (!event.detail.empty()) {
    line += " " + event.detail;
  }
  return line + "\n";
}

std::string TransitionsText(const std::vector<store::KeyTransition>& transitions) {
  std::string out;
  for (const store::KeyTransition& step : transitions) {
    out += step.key_id + " (" + step.set_name +
           "): " + std::string(store::KeyStateName(step.from)) + " -> " +
           std::string(store::KeyStateName(step.to)) + "\n";
  }
  return out;
}

}  // namespace vci::cli
