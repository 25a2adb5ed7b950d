#include "crypto/ossl/errors.h"

#include <openssl/err.h>

namespace vci::ossl {

namespace {

// A runaway queue should not produce an unbounded log line.
constexpr int kMaxEntries = 8;

}  // namespace

std::string DrainErrors() {
  std::string out;
  int num_entries = 0;
  for (unsigned long code = ::ERR_get_error(); code != 0; code = ::ERR_get_error()) {
    if (num_entries++ >= kMaxEntries) {
      continue;
    }
    char text[256];
    ::ERR_error_string_n(code, text, sizeof(text));
    if (!out.empty()) {
      out += "; ";
    }
    out += text;
  }
  if (num_entries > kMaxEntries) {
    out += "; (" + std::to_string(num_entries - kMaxEntries) + " more)";
  }
  ::ERR_clear_error();
  return out.empty() ? std::string("no OpenSSL error") : out;
}

}  // namespace vci::ossl
