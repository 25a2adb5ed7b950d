#include "daemon/systemd/log_sink.h"

#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace vci::systemd {

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kErr:
      return "err";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kNotice:
      return "notice";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kDebug:
      return "debug";
  }
  return "unknown";
}

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (LogLevel level :
       {LogLevel::kErr, LogLevel::kWarning, LogLevel::kNotice, LogLevel::kInfo, LogLevel::kDebug}) {
    if (LogLevelName(level) == name) {
      return level;
    }
  }
  return std::nullopt;
}

void JournalSink::Write(const LogRecord& record) noexcept {
  try {
    std::vector<std::string> entries;
    entries.reserve(record.fields.size() + 3);
    entries.push_back("MESSAGE=" + record.message);
    entries.push_back("PRIORITY=" + std::to_string(static_cast<int>(record.level)));
    entries.push_back(std::string("SYSLOG_IDENTIFIER=") + program_invocation_short_name);
    for (const auto& [key, value] : record.fields) {
      std::string& entry = entries.emplace_back(key);
      entry += '=';
      entry += value;
    }
    std::vector<struct iovec> iov(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      iov[i].iov_base = entries[i].data();
      iov[i].iov_len = entries[i].size();
    }
    ::sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
  } catch (...) {
    // Out of memory: drop the line.
  }
}

std::string StderrSink::Format(const LogRecord& record) {
  std::string line(LogLevelName(record.level));
  line += ": ";
  line += record.message;
  for (const auto& [key, value] : record.fields) {
    line += ' ';
    line += key;
    line += '=';
    // Values are escaped already (no '"', no control characters); quote those with spaces.
    bool quote = value.empty() || value.find(' ') != std::string::npos;
    if (quote) {
      line += '"';
    }
    line += value;
    if (quote) {
      line += '"';
    }
  }
  return line;
}

void StderrSink::Write(const LogRecord& record) noexcept {
  try {
    std::string line = Format(record);
    line += '\n';
    std::lock_guard<std::mutex> lock(mutex_);
    (void)std::fwrite(line.data(), 1, line.size(), stderr);
    (void)std::fflush(stderr);
  } catch (...) {
    // Out of memory: drop the line.
  }
}

void CaptureSink::Write(const LogRecord& record) noexcept {
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back(record);
  } catch (...) {
    // Out of memory in a test: the assertion on the missing record will say so.
  }
}

std::vector<LogRecord> CaptureSink::Records() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return records_;
}

bool CaptureSink::Contains(std::string_view text) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const LogRecord& record : records_) {
    if (record.message.find(text) != std::string::npos) {
      return true;
    }
    for (const auto& field : record.fields) {
      if (field.second.find(text) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

namespace {

// ParseDecimal reads the whole of `text` as an unsigned decimal number.
std::optional<unsigned long long> ParseDecimal(std::string_view text) {
  unsigned long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

bool StderrIsJournal() {
  // systemd.exec(5): $JOURNAL_STREAM is "<device>:<inode>" of the stream stdout/stderr go to.
  const char* env = std::getenv("JOURNAL_STREAM");
  if (env == nullptr) {
    return false;
  }
  const std::string_view stream(env);
  const size_t colon = stream.find(':');
  if (colon == std::string_view::npos) {
    return false;
  }
  const std::optional<unsigned long long> device = ParseDecimal(stream.substr(0, colon));
  const std::optional<unsigned long long> inode = ParseDecimal(stream.substr(colon + 1));
  if (!device.has_value() || !inode.has_value()) {
    return false;
  }

  struct stat st {};

  if (::fstat(STDERR_FILENO, &st) != 0) {
    return false;
  }
  return static_cast<unsigned long long>(st.st_dev) == *device &&
         static_cast<unsigned long long>(st.st_ino) == *inode;
}

std::shared_ptr<LogSink> MakeDefaultSink() {
  if (StderrIsJournal()) {
    return std::make_shared<JournalSink>();
  }
  return std::make_shared<StderrSink>();
}

}  // namespace vci::systemd
