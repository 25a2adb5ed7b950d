#include "crypto/sdjwt/random_order.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "crypto/jose/base64url.h"
#include "crypto/ossl/digest.h"
#include "crypto/sdjwt/disclosure.h"

namespace vci::sdjwt {

Result<size_t> RandomBelow(RandomSource& random, size_t bound) {
  constexpr uint64_t kRange = uint64_t{1} << 32;
  if (bound == 0 || bound > kRange) {
    return Error(ErrorCode::kInvalidArgument, "invalid random bound");
  }
  // Values at or above `limit` would make some results likelier than others; draw again. At most
  // half of the range is rejected, so the expected number of draws is below two.
  const uint64_t limit = kRange - kRange % bound;
  for (;;) {
    VCI_ASSIGN_OR_RETURN(Bytes raw, random.Generate(4));
    uint64_t value = (uint64_t{raw[0]} << 24) | (uint64_t{raw[1]} << 16) | (uint64_t{raw[2]} << 8) |
                     uint64_t{raw[3]};
    if (value < limit) {
      return static_cast<size_t>(value % bound);
    }
  }
}

Result<void> ShuffleJson(RandomSource& random, std::vector<nlohmann::json>& items) {
  for (size_t i = items.size(); i > 1; --i) {
    VCI_ASSIGN_OR_RETURN(size_t j, RandomBelow(random, i));
    std::swap(items[i - 1], items[j]);
  }
  return Ok();
}

Result<std::string> DecoyDigest(const ossl::Context& ctx, RandomSource& random) {
  VCI_ASSIGN_OR_RETURN(Bytes seed, random.Generate(kSaltBytes));
  VCI_ASSIGN_OR_RETURN(auto digest, ossl::Sha256(ctx, seed));
  return jose::Base64UrlEncode(digest);
}

}  // namespace vci::sdjwt
