// HTML text helpers for the console's pages.
#ifndef VCISSUER_CONSOLE_HTML_H_
#define VCISSUER_CONSOLE_HTML_H_

#include <string>
#include <string_view>

namespace vci::console {

// HtmlEscape escapes & < > " ' for use in text and in double-quoted attribute values.
inline std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_HTML_H_
