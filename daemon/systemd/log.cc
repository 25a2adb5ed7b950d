#include "daemon/systemd/log.h"

#include <array>
#include <cstdint>

#include "crypto/base/result.h"

namespace vci::systemd {
namespace {

constexpr size_t kMaxFieldKeyBytes = 64;
constexpr std::string_view kCutMarker = "...";

// journald field names: upper-case letters, digits and '_', not starting with '_' (which marks
// trusted fields set by journald itself).
bool IsValidFieldKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxFieldKeyBytes || key.front() == '_') {
    return false;
  }
  for (char c : key) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool NeedsEscape(unsigned char c) {
  return c < 0x20 || c >= 0x7f || c == '\\' || c == '"';
}

std::shared_ptr<Logger>& DefaultLoggerSlot() {
  static auto* slot = new std::shared_ptr<Logger>(
      std::make_shared<Logger>(std::make_shared<StderrSink>(), LogLevel::kInfo));
  return *slot;
}

}  // namespace

std::string EscapeLogValue(std::string_view text, size_t max_bytes) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (NeedsEscape(c)) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    } else {
      out.push_back(ch);
    }
  }
  if (out.size() <= max_bytes) {
    return out;
  }

  // Cut so that the marker fits, without splitting a \xNN escape.
  size_t cut = max_bytes > kCutMarker.size() ? max_bytes - kCutMarker.size() : 0;
  size_t escape_start = out.rfind("\\x", cut);
  if (escape_start != std::string::npos && escape_start + 4 > cut && escape_start < cut) {
    cut = escape_start;
  }
  out.resize(cut);
  out += kCutMarker.substr(0, max_bytes - cut);
  return out;
}

void Logger::Log(LogLevel level, std::string_view message,
                 std::initializer_list<LogField> fields) noexcept {
  if (!Enabled(level)) {
    return;
  }
  Write(level, message, fields.begin(), fields.size());
}

void Logger::Log(LogLevel level, std::string_view message,
                 const std::vector<LogField>& fields) noexcept {
  if (!Enabled(level)) {
    return;
  }
  Write(level, message, fields.data(), fields.size());
}

void Logger::Write(LogLevel level, std::string_view message, const LogField* fields,
                   size_t num_fields) noexcept {
  try {
    LogRecord record{level, EscapeLogValue(message, kMaxLogMessageBytes), {}};
    record.fields.reserve(num_fields);
    for (size_t i = 0; i < num_fields; ++i) {
      if (IsValidFieldKey(fields[i].key)) {
        record.fields.emplace_back(std::string(fields[i].key),
                                   EscapeLogValue(fields[i].value, kMaxLogFieldBytes));
      }
    }
    sink_->Write(record);
  } catch (...) {
    // Out of memory while logging: drop the line rather than take the daemon down.
  }
}

Logger& DefaultLogger() {
  return *DefaultLoggerSlot();
}

void SetDefaultLogger(std::shared_ptr<Logger> logger) {
  VCI_CHECK(logger != nullptr);
  DefaultLoggerSlot() = std::move(logger);
}

}  // namespace vci::systemd
