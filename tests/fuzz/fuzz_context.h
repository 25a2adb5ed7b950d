// What every fuzz target shares: one OpenSSL context made on first use and kept for the process.
#ifndef VCISSUER_TESTS_FUZZ_FUZZ_CONTEXT_H_
#define VCISSUER_TESTS_FUZZ_FUZZ_CONTEXT_H_

#include <cstdlib>
#include <memory>

#include "crypto/ossl/context.h"

namespace vci::fuzz {

// SharedContext returns the process's OpenSSL context; aborts if it cannot be made, since no
// target can run without it.
inline const ossl::Context& SharedContext() {
  static const std::unique_ptr<ossl::Context> context = [] {
    Result<std::unique_ptr<ossl::Context>> made = ossl::Context::Create();
    VCI_CHECK(made.has_value());
    return std::move(made).value();
  }();
  return *context;
}

}  // namespace vci::fuzz

#endif  // VCISSUER_TESTS_FUZZ_FUZZ_CONTEXT_H_
