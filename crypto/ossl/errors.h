// The OpenSSL error queue, turned into text for Error::detail.
#ifndef VCISSUER_CRYPTO_OSSL_ERRORS_H_
#define VCISSUER_CRYPTO_OSSL_ERRORS_H_

#include <string>

namespace vci::ossl {

// DrainErrors returns the entries of this thread's OpenSSL error queue as one line of text
// ("error:...; error:..."), oldest first, and leaves the queue empty. It returns "no OpenSSL error"
// when the queue is empty. The text is for logs only: callers decide failure from return values,
// never from what this says. Thread-safe (the queue is per thread).
std::string DrainErrors();

}  // namespace vci::ossl

#endif  // VCISSUER_CRYPTO_OSSL_ERRORS_H_
