// Logger: levelled, structured log lines for the daemon's edge and lifecycle code.
//
// Who logs (STYLE.md): the HTTP edge, once per request, and the startup/supervisor code. Library
// code (crypto, policy, store, protocol) never logs; it returns Result. Never pass a PIN, code,
// tx_code, token, nonce, Authorization header, body or claim value to the logger.
//
// Security property: every message and field value is escaped (control characters, backslash,
// double quote and non-ASCII bytes become \xNN) and truncated before it reaches a sink, so a
// client-chosen string cannot forge a line or a field in a text log.
#ifndef VCISSUER_DAEMON_SYSTEMD_LOG_H_
#define VCISSUER_DAEMON_SYSTEMD_LOG_H_

#include <atomic>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/systemd/log_sink.h"

namespace vci::systemd {

// LogField is one structured field: an upper-case journald field name (REQUEST_ID, ENDPOINT,
// OUTCOME, ERROR_CODE, LATENCY_MS, MESSAGE_ID, ...) and its value.
struct LogField {
  std::string_view key;
  std::string_view value;
};

// Longest message and field value a sink receives, in bytes after escaping ("..." marks a cut).
inline constexpr size_t kMaxLogMessageBytes = 1024;
inline constexpr size_t kMaxLogFieldBytes = 256;

class Logger {
 public:
  // Logger writes records at `min_level` or more severe to `sink`.
  Logger(std::shared_ptr<LogSink> sink, LogLevel min_level)
      : sink_(std::move(sink)), min_level_(min_level) {}

  Logger(const Logger&) = delete;  // Loggers are shared by pointer; a copy would fork the level.
  Logger& operator=(const Logger&) = delete;
  ~Logger() = default;

  // Enabled returns whether a record at `level` would be written. Callers that build an expensive
  // message check this first. Thread-safe.
  bool Enabled(LogLevel level) const {
    return static_cast<int>(level) <= static_cast<int>(min_level_.load(std::memory_order_relaxed));
  }

  // SetMinLevel changes the threshold (e.g. on reload). Thread-safe.
  void SetMinLevel(LogLevel level) { min_level_.store(level, std::memory_order_relaxed); }

  // Log escapes and truncates `message` and each field value and hands one record to the sink.
  // Fields whose key is not a valid journald name (A-Z, 0-9, '_', not starting with '_', at most
  // 64 characters) are dropped. Does nothing below the minimum level. Never throws; thread-safe.
  void Log(LogLevel level, std::string_view message,
           std::initializer_list<LogField> fields = {}) noexcept;

  // Log with a vector of fields, for callers that assemble fields at run time.
  void Log(LogLevel level, std::string_view message, const std::vector<LogField>& fields) noexcept;

 private:
  void Write(LogLevel level, std::string_view message, const LogField* fields,
             size_t num_fields) noexcept;

  std::shared_ptr<LogSink> sink_;
  std::atomic<LogLevel> min_level_;
};

// EscapeLogValue returns `text` with control characters, DEL, '\\', '"' and bytes >= 0x80 written
// as \xNN, cut to at most `max_bytes` bytes (ending in "..." when cut, never inside an escape).
std::string EscapeLogValue(std::string_view text, size_t max_bytes);

// DefaultLogger returns the process-wide logger: until SetDefaultLogger is called, a stderr logger
// at info. The reference stays valid until the next SetDefaultLogger call.
Logger& DefaultLogger();

// SetDefaultLogger replaces the process-wide logger. Call it from main before starting threads.
void SetDefaultLogger(std::shared_ptr<Logger> logger);

}  // namespace vci::systemd

#endif  // VCISSUER_DAEMON_SYSTEMD_LOG_H_
