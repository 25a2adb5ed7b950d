// ErrnoText: the message for an errno value, for an Error's operator-facing detail. It stands in
// for std::strerror, which may return a buffer shared between threads.
#ifndef VCISSUER_CRYPTO_BASE_ERRNO_TEXT_H_
#define VCISSUER_CRYPTO_BASE_ERRNO_TEXT_H_

#include <array>
#include <cstring>
#include <string>

namespace vci {

// ErrnoText returns the message for `error` (an errno value). Thread-safe.
inline std::string ErrnoText(int error) {
  std::array<char, 256> buffer{};
  // The GNU strerror_r (g++ defines _GNU_SOURCE): returns the message, which is either in
  // `buffer` or in static storage that is never written.
  return ::strerror_r(error, buffer.data(), buffer.size());
}

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_ERRNO_TEXT_H_
