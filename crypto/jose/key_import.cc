#include "crypto/jose/key_import.h"

#include <openssl/core_names.h>

#include "crypto/ossl/errors.h"

namespace vci::jose {

namespace {

Error KeyError(std::string_view what) {
  return Error(ErrorCode::kInvalidArgument, "invalid key",
               std::string(what) + ": " + ossl::DrainErrors());
}

// CheckPublicKey checks that the point is on the curve and not the point at infinity. For P-256
// and P-384 (cofactor 1) every such point has the group's prime order, so the full check's
// scalar multiplication by the order (EVP_PKEY_public_check) proves nothing more; it cost about
// 65 us per wallet proof key, a third of one issuance's cryptography (#11, docs/performance.md).
Result<void> CheckPublicKey(const ossl::Context& ctx, EVP_PKEY* key) {
  ossl::EvpPkeyCtxPtr check(::EVP_PKEY_CTX_new_from_pkey(ctx.lib_ctx(), key, nullptr));
  if (check == nullptr) {
    return Error(ErrorCode::kInternal, "internal error",
                 "EVP_PKEY_CTX_new_from_pkey: " + ossl::DrainErrors());
  }
  if (::EVP_PKEY_public_check_quick(check.get()) != 1) {
    return KeyError("public key check failed");
  }
  return Ok();
}

}  // namespace

Result<ossl::EvpPkeyPtr> ImportEcKey(const ossl::Context& ctx, const KeyType& type, ByteView x,
                                     ByteView y, ByteView d) {
  if (type.kty != "EC" || x.size() != type.coordinate_len || y.size() != type.coordinate_len ||
      (!d.empty() && d.size() != type.coordinate_len)) {
    return Error(ErrorCode::kInvalidArgument, "invalid key", "wrong EC coordinate length");
  }

  // SEC 1 section 2.3.3: the uncompressed point is 0x04 || x || y.
  Bytes point;
  point.reserve(1 + x.size() + y.size());
  point.push_back(0x04);
  point.insert(point.end(), x.begin(), x.end());
  point.insert(point.end(), y.begin(), y.end());

  ossl::ParamBldPtr builder(::OSSL_PARAM_BLD_new());
  ossl::BignumPtr scalar;
  if (!d.empty()) {
    scalar.reset(::BN_bin2bn(d.data(), static_cast<int>(d.size()), nullptr));
  }
  if (builder == nullptr || (!d.empty() && scalar == nullptr) ||
      ::OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, type.ossl_name,
                                        0) != 1 ||
      ::OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1 ||
      (scalar != nullptr &&
       ::OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) != 1)) {
    return Error(ErrorCode::kInternal, "internal error", "OSSL_PARAM_BLD: " + ossl::DrainErrors());
  }
  ossl::ParamPtr params(::OSSL_PARAM_BLD_to_param(builder.get()));
  ossl::EvpPkeyCtxPtr pctx(::EVP_PKEY_CTX_new_from_name(ctx.lib_ctx(), "EC", nullptr));
  if (params == nullptr || pctx == nullptr || ::EVP_PKEY_fromdata_init(pctx.get()) != 1) {
    return Error(ErrorCode::kInternal, "internal error",
                 "EVP_PKEY_fromdata: " + ossl::DrainErrors());
  }
  EVP_PKEY* raw_key = nullptr;
  int selection = d.empty() ? EVP_PKEY_PUBLIC_KEY : EVP_PKEY_KEYPAIR;
  if (::EVP_PKEY_fromdata(pctx.get(), &raw_key, selection, params.get()) != 1) {
    return KeyError("EC point rejected");
  }
  ossl::EvpPkeyPtr key(raw_key);
  VCI_TRY(CheckPublicKey(ctx, key.get()));

  if (!d.empty()) {
    ossl::EvpPkeyCtxPtr check(::EVP_PKEY_CTX_new_from_pkey(ctx.lib_ctx(), key.get(), nullptr));
    if (check == nullptr || ::EVP_PKEY_pairwise_check(check.get()) != 1) {
      return KeyError("EC private key does not match its public point");
    }
  }
  return key;
}

Result<ossl::EvpPkeyPtr> ImportEd25519PublicKey(const ossl::Context& ctx, ByteView x) {
  if (x.size() != 32) {
    return Error(ErrorCode::kInvalidArgument, "invalid key", "Ed25519 key is not 32 bytes");
  }
  ossl::EvpPkeyPtr key(
      ::EVP_PKEY_new_raw_public_key_ex(ctx.lib_ctx(), "ED25519", nullptr, x.data(), x.size()));
  if (key == nullptr) {
    return KeyError("Ed25519 public key rejected");
  }
  return key;
}

Result<ossl::EvpPkeyPtr> ImportEd25519PrivateKey(const ossl::Context& ctx, ByteView d) {
  if (d.size() != 32) {
    return Error(ErrorCode::kInvalidArgument, "invalid key", "Ed25519 seed is not 32 bytes");
  }
  ossl::EvpPkeyPtr key(
      ::EVP_PKEY_new_raw_private_key_ex(ctx.lib_ctx(), "ED25519", nullptr, d.data(), d.size()));
  if (key == nullptr) {
    return KeyError("Ed25519 private key rejected");
  }
  return key;
}

}  // namespace vci::jose
