#include "cli/report.h"

#include <cstdio>

namespace vci::cli {

int ReportFailure(const Error& error) {
  return ReportFailure(error, ExitCodeFor(error));
}

int ReportFailure(const Error& error, ExitCode code) {
  std::string text = "vcissuerctl: " + TerminalSafe(error.message(), /*keep_newlines=*/true) + "\n";
  if (!error.detail().empty()) {
    text += "  (" + std::string(ErrorCodeName(error.code())) + ": " +
            TerminalSafe(error.detail(), /*keep_newlines=*/true) + ")\n";
  }
  PrintErr(text);
  return ExitStatus(code);
}

void PrintOut(std::string_view text) {
  static_cast<void>(std::fwrite(text.data(), 1, text.size(), stdout));
  static_cast<void>(std::fflush(stdout));
}

void PrintErr(std::string_view text) {
  static_cast<void>(std::fwrite(text.data(), 1, text.size(), stderr));
}

std::string TerminalSafe(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool control = byte < 0x20 || byte == 0x7f;
    if (control && !(keep_newlines && c == '\n')) {
      out.push_back('?');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace vci::cli
