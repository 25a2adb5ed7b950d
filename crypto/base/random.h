// RandomSource: where salts, offer ids, access tokens and nonces come from. Production uses the
// OpenSSL CSPRNG; the interface exists only so that tests can pin values.
#ifndef VCISSUER_CRYPTO_BASE_RANDOM_H_
#define VCISSUER_CRYPTO_BASE_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci {

class RandomSource {
 public:
  virtual ~RandomSource() = default;

  // Fill writes unpredictable bytes over all of `out`. On failure `out` is unspecified and an
  // kInternal error is returned. Safe to call from any thread.
  virtual Result<void> Fill(std::span<uint8_t> out) = 0;

  // Generate returns `num_bytes` fresh random bytes.
  Result<Bytes> Generate(size_t num_bytes);
};

// CsprngRandom draws from OpenSSL's DRBG (RAND_priv_bytes).
class CsprngRandom final : public RandomSource {
 public:
  Result<void> Fill(std::span<uint8_t> out) override;
};

}  // namespace vci

#endif  // VCISSUER_CRYPTO_BASE_RANDOM_H_
