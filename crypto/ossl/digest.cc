#include "crypto/ossl/digest.h"

#include "crypto/ossl/errors.h"

namespace vci::ossl {

namespace {

template <size_t N>
Result<std::array<uint8_t, N>> Digest(const EVP_MD* md, ByteView data) {
  std::array<uint8_t, N> out{};
  unsigned int out_len = 0;
  if (::EVP_Digest(data.data(), data.size(), out.data(), &out_len, md, nullptr) != 1 ||
      out_len != N) {
    return Error(ErrorCode::kInternal, "internal error", "EVP_Digest failed: " + DrainErrors());
  }
  return out;
}

}  // namespace

Result<Sha256Digest> Sha256(const Context& ctx, ByteView data) {
  return Digest<32>(ctx.sha256(), data);
}

Result<Sha384Digest> Sha384(const Context& ctx, ByteView data) {
  return Digest<48>(ctx.sha384(), data);
}

Result<Sha512Digest> Sha512(const Context& ctx, ByteView data) {
  return Digest<64>(ctx.sha512(), data);
}

}  // namespace vci::ossl
