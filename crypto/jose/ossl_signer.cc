#include "crypto/jose/ossl_signer.h"

#include "crypto/jose/ecdsa_signature.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/key_import.h"
#include "crypto/jose/key_type.h"
#include "crypto/ossl/errors.h"

namespace vci::jose {

namespace {

Error OsslFailure(std::string_view what) {
  return Error(ErrorCode::kInternal, "internal error",
               std::string(what) + ": " + ossl::DrainErrors());
}

}  // namespace

OsslSigner::OsslSigner(const ossl::Context& ctx, JwsAlgorithm alg, ossl::EvpPkeyPtr private_key,
                       ossl::EvpPkeyPtr public_key)
    : ctx_(ctx),
      alg_(alg),
      private_key_(std::move(private_key)),
      public_key_(std::move(public_key)) {}

Result<std::unique_ptr<OsslSigner>> OsslSigner::Generate(const ossl::Context& ctx,
                                                         JwsAlgorithm alg) {
  const KeyType& type = KeyTypeForAlgorithm(alg);
  const char* key_type = type.kty == "EC" ? "EC" : type.ossl_name;
  ossl::EvpPkeyCtxPtr pctx(::EVP_PKEY_CTX_new_from_name(ctx.lib_ctx(), key_type, nullptr));
  if (pctx == nullptr || ::EVP_PKEY_keygen_init(pctx.get()) != 1) {
    return OsslFailure("EVP_PKEY_keygen_init");
  }
  if (type.kty == "EC" && ::EVP_PKEY_CTX_set_group_name(pctx.get(), type.ossl_name) != 1) {
    return OsslFailure("EVP_PKEY_CTX_set_group_name");
  }
  EVP_PKEY* raw_key = nullptr;
  if (::EVP_PKEY_generate(pctx.get(), &raw_key) != 1) {
    return OsslFailure("EVP_PKEY_generate");
  }
  return FromPrivateKey(ctx, alg, ossl::EvpPkeyPtr(raw_key));
}

Result<std::unique_ptr<OsslSigner>> OsslSigner::FromPrivateKey(const ossl::Context& ctx,
                                                               JwsAlgorithm alg,
                                                               ossl::EvpPkeyPtr key) {
  if (!AlgorithmFitsKey(alg, key.get())) {
    return Error(ErrorCode::kInvalidArgument, "algorithm does not fit the key");
  }
  // A public-only copy, so that PublicKey() can never be used to sign.
  VCI_ASSIGN_OR_RETURN(nlohmann::json public_jwk, PublicKeyToJwk(key.get()));
  VCI_ASSIGN_OR_RETURN(ossl::EvpPkeyPtr public_key, ParsePublicJwk(ctx, public_jwk));
  return std::unique_ptr<OsslSigner>(
      new OsslSigner(ctx, alg, std::move(key), std::move(public_key)));
}

Result<std::unique_ptr<OsslSigner>> OsslSigner::FromPrivateJwk(const ossl::Context& ctx,
                                                               const nlohmann::json& jwk) {
  if (!jwk.is_object() || !jwk.contains("kty") || !jwk["kty"].is_string() || !jwk.contains("crv") ||
      !jwk["crv"].is_string()) {
    return Error(ErrorCode::kInvalidArgument, "invalid JWK", "missing kty or crv");
  }
  const KeyType* type = FindKeyTypeByCrv(jwk["kty"].get_ref<const std::string&>(),
                                         jwk["crv"].get_ref<const std::string&>());
  if (type == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "invalid JWK", "unsupported kty/crv");
  }
  VCI_ASSIGN_OR_RETURN(Bytes x, JwkMemberBytes(jwk, "x", type->coordinate_len));
  VCI_ASSIGN_OR_RETURN(Bytes d, JwkMemberBytes(jwk, "d", type->coordinate_len));
  if (type->kty == "EC") {
    VCI_ASSIGN_OR_RETURN(Bytes y, JwkMemberBytes(jwk, "y", type->coordinate_len));
    VCI_ASSIGN_OR_RETURN(ossl::EvpPkeyPtr key, ImportEcKey(ctx, *type, x, y, d));
    return FromPrivateKey(ctx, type->alg, std::move(key));
  }

  VCI_ASSIGN_OR_RETURN(ossl::EvpPkeyPtr key, ImportEd25519PrivateKey(ctx, d));
  VCI_ASSIGN_OR_RETURN(nlohmann::json derived, PublicKeyToJwk(key.get()));
  if (derived["x"] != jwk["x"]) {
    return Error(ErrorCode::kInvalidArgument, "invalid JWK", "x does not match d");
  }
  return FromPrivateKey(ctx, type->alg, std::move(key));
}

Result<Bytes> OsslSigner::Sign(ByteView signing_input) {
  const char* digest = nullptr;
  if (alg_ == JwsAlgorithm::kEs256) {
    digest = "SHA256";
  } else if (alg_ == JwsAlgorithm::kEs384) {
    digest = "SHA384";
  }
  ossl::EvpMdCtxPtr md_ctx(::EVP_MD_CTX_new());
  if (md_ctx == nullptr || ::EVP_DigestSignInit_ex(md_ctx.get(), nullptr, digest, ctx_.lib_ctx(),
                                                   nullptr, private_key_.get(), nullptr) != 1) {
    return OsslFailure("EVP_DigestSignInit_ex");
  }
  // The size query, then the signature itself (EVP_DigestSign's two-call convention).
  size_t signature_len = 0;
  if (::EVP_DigestSign(md_ctx.get(), nullptr, &signature_len, signing_input.data(),
                       signing_input.size()) != 1) {
    return OsslFailure("EVP_DigestSign size query");
  }
  Bytes signature(signature_len);
  if (::EVP_DigestSign(md_ctx.get(), signature.data(), &signature_len, signing_input.data(),
                       signing_input.size()) != 1) {
    return OsslFailure("EVP_DigestSign");
  }
  signature.resize(signature_len);
  if (alg_ == JwsAlgorithm::kEdDsa) {
    return signature;
  }
  // RFC 7518 section 3.4: JWS carries ECDSA signatures as fixed-width r||s, not DER.
  return EcdsaDerToRaw(signature, KeyTypeForAlgorithm(alg_).coordinate_len);
}

}  // namespace vci::jose
