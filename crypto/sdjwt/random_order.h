// Unbiased random choices for SD-JWT building: decoy counts, digest order, decoy digests.
#ifndef VCISSUER_CRYPTO_SDJWT_RANDOM_ORDER_H_
#define VCISSUER_CRYPTO_SDJWT_RANDOM_ORDER_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/base/random.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::sdjwt {

// RandomBelow returns a uniformly drawn integer in [0, bound) (rejection sampling, no modulo
// bias). Fails with kInvalidArgument when `bound` is 0 or above 2^32, and with the random source's
// error when it fails.
Result<size_t> RandomBelow(RandomSource& random, size_t bound);

// ShuffleJson puts the elements of `items` in a uniformly random order (Fisher-Yates). On failure
// `items` holds some permutation of its elements and the random source's error is returned.
Result<void> ShuffleJson(RandomSource& random, std::vector<nlohmann::json>& items);

// DecoyDigest returns base64url(SHA-256(16 fresh random bytes)): a digest that no Disclosure
// matches and that looks like any other (RFC 9901 section 4.2.5). Fails with the random source's
// error, or kInternal if hashing fails.
Result<std::string> DecoyDigest(const ossl::Context& ctx, RandomSource& random);

}  // namespace vci::sdjwt

#endif  // VCISSUER_CRYPTO_SDJWT_RANDOM_ORDER_H_
