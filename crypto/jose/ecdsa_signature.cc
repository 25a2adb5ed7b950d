#include "crypto/jose/ecdsa_signature.h"

#include <climits>

#include "crypto/ossl/errors.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::jose {

Result<Bytes> EcdsaRawToDer(ByteView raw, size_t coordinate_len) {
  if (coordinate_len == 0 || coordinate_len > 66 || raw.size() != 2 * coordinate_len) {
    return Error(ErrorCode::kInvalidArgument, "wrong ECDSA signature length");
  }
  const int half = static_cast<int>(coordinate_len);
  ossl::BignumPtr r(::BN_bin2bn(raw.data(), half, nullptr));
  ossl::BignumPtr s(::BN_bin2bn(raw.data() + coordinate_len, half, nullptr));
  ossl::EcdsaSigPtr sig(::ECDSA_SIG_new());
  if (r == nullptr || s == nullptr || sig == nullptr) {
    return Error(ErrorCode::kInternal, "internal error", "ECDSA_SIG: " + ossl::DrainErrors());
  }
  if (::ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return Error(ErrorCode::kInternal, "internal error", "ECDSA_SIG_set0: " + ossl::DrainErrors());
  }
  // sig owns r and s now; the pointers themselves are no longer needed.
  static_cast<void>(r.release());
  static_cast<void>(s.release());

  int der_len = ::i2d_ECDSA_SIG(sig.get(), nullptr);
  if (der_len <= 0) {
    return Error(ErrorCode::kInternal, "internal error", "i2d_ECDSA_SIG: " + ossl::DrainErrors());
  }
  Bytes der(static_cast<size_t>(der_len));
  uint8_t* out = der.data();
  if (::i2d_ECDSA_SIG(sig.get(), &out) != der_len) {
    return Error(ErrorCode::kInternal, "internal error", "i2d_ECDSA_SIG: " + ossl::DrainErrors());
  }
  return der;
}

Result<Bytes> EcdsaDerToRaw(ByteView der, size_t coordinate_len) {
  if (der.empty() || der.size() > 256 || coordinate_len == 0 || coordinate_len > 66) {
    return Error(ErrorCode::kInvalidArgument, "malformed ECDSA signature");
  }
  const uint8_t* in = der.data();
  ossl::EcdsaSigPtr sig(::d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
  if (sig == nullptr || in != der.data() + der.size()) {
    return Error(ErrorCode::kInvalidArgument, "malformed ECDSA signature", ossl::DrainErrors());
  }
  const BIGNUM* r = ::ECDSA_SIG_get0_r(sig.get());
  const BIGNUM* s = ::ECDSA_SIG_get0_s(sig.get());
  Bytes raw(2 * coordinate_len);
  const int half = static_cast<int>(coordinate_len);
  if (::BN_bn2binpad(r, raw.data(), half) != half ||
      ::BN_bn2binpad(s, raw.data() + coordinate_len, half) != half) {
    return Error(ErrorCode::kInvalidArgument, "malformed ECDSA signature",
                 "r or s wider than the curve: " + ossl::DrainErrors());
  }
  return raw;
}

}  // namespace vci::jose
