// Log sinks: where Logger's escaped records go (journald, stderr, or memory for tests).
#ifndef VCISSUER_DAEMON_SYSTEMD_LOG_SINK_H_
#define VCISSUER_DAEMON_SYSTEMD_LOG_SINK_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vci::systemd {

// LogLevel values are the syslog priorities journald expects in PRIORITY=.
enum class LogLevel { kErr = 3, kWarning = 4, kNotice = 5, kInfo = 6, kDebug = 7 };

// LogLevelName returns "err", "warning", "notice", "info" or "debug".
std::string_view LogLevelName(LogLevel level);

// ParseLogLevel maps one of LogLevelName's strings back to a level, or nullopt.
std::optional<LogLevel> ParseLogLevel(std::string_view name);

// LogRecord is one line, already escaped and truncated by Logger.
struct LogRecord {
  LogLevel level;
  std::string message;
  std::vector<std::pair<std::string, std::string>> fields;
};

class LogSink {
 public:
  virtual ~LogSink() = default;

  // Write emits one record. Must be thread-safe and must not throw.
  virtual void Write(const LogRecord& record) noexcept = 0;
};

// JournalSink sends each record to journald with sd_journal_sendv(3): MESSAGE, PRIORITY and one
// journal field per LogField.
class JournalSink final : public LogSink {
 public:
  void Write(const LogRecord& record) noexcept override;
};

// StderrSink writes `level: message KEY=value ...` lines to stderr, one write per line.
class StderrSink final : public LogSink {
 public:
  void Write(const LogRecord& record) noexcept override;

  // Format returns the line Write would print, without the trailing newline.
  static std::string Format(const LogRecord& record);

 private:
  std::mutex mutex_;
};

// CaptureSink keeps every record in memory so tests can assert on fields and on what was never
// logged. Thread-safe.
class CaptureSink final : public LogSink {
 public:
  void Write(const LogRecord& record) noexcept override;

  // Records returns a copy of everything written so far.
  std::vector<LogRecord> Records() const;

  // Contains returns whether `text` occurs in any message or field value written so far.
  bool Contains(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<LogRecord> records_;
};

// StderrIsJournal returns whether stderr is the journal stream systemd connected
// ($JOURNAL_STREAM names the device and inode of stderr), i.e. whether JournalSink is the right
// sink for this process.
bool StderrIsJournal();

// MakeDefaultSink returns a JournalSink when StderrIsJournal(), else a StderrSink.
std::shared_ptr<LogSink> MakeDefaultSink();

}  // namespace vci::systemd

#endif  // VCISSUER_DAEMON_SYSTEMD_LOG_SINK_H_
