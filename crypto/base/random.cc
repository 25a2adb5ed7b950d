#include "crypto/base/random.h"

#include <openssl/rand.h>

#include <climits>

namespace vci {

Result<Bytes> RandomSource::Generate(size_t num_bytes) {
  Bytes out(num_bytes);
  VCI_TRY(Fill(out));
  return out;
}

Result<void> CsprngRandom::Fill(std::span<uint8_t> out) {
  if (out.size() > INT_MAX) {
    return Error(ErrorCode::kInternal, "internal error", "random request too large");
  }
  if (::RAND_priv_bytes(out.data(), static_cast<int>(out.size())) != 1) {
    return Error(ErrorCode::kInternal, "internal error", "RAND_priv_bytes failed");
  }
  return Ok();
}

}  // namespace vci
