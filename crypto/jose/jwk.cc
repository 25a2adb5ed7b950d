#include "crypto/jose/jwk.h"

#include <openssl/core_names.h>

#include <array>
#include <string>

#include "crypto/jose/base64url.h"
#include "crypto/jose/key_import.h"
#include "crypto/jose/key_type.h"
#include "crypto/ossl/errors.h"

namespace vci::jose {

namespace {

constexpr size_t kMaxMembers = 32;

// RFC 7518 sections 6.2.2 and 6.3.2, RFC 8037 section 2: the members that hold private keys.
constexpr std::array<std::string_view, 8> kPrivateMembers = {"d",  "p",  "q",   "dp",
                                                             "dq", "qi", "oth", "k"};

Error JwkError(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "invalid JWK", std::move(detail));
}

Result<std::string_view> StringMember(const nlohmann::json& jwk, std::string_view name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return JwkError("missing or non-string member " + std::string(name));
  }
  return std::string_view(it->get_ref<const std::string&>());
}

Result<std::string> EncodeCoordinate(const EVP_PKEY* key, const char* param, size_t len) {
  BIGNUM* raw = nullptr;
  if (::EVP_PKEY_get_bn_param(key, param, &raw) != 1) {
    return Error(ErrorCode::kInternal, "internal error",
                 "EVP_PKEY_get_bn_param: " + ossl::DrainErrors());
  }
  ossl::BignumPtr value(raw);
  Bytes out(len);
  if (::BN_bn2binpad(value.get(), out.data(), static_cast<int>(len)) != static_cast<int>(len)) {
    return Error(ErrorCode::kInternal, "internal error", "EC coordinate wider than the curve");
  }
  return Base64UrlEncode(out);
}

}  // namespace

Result<Bytes> JwkMemberBytes(const nlohmann::json& jwk, std::string_view name, size_t len) {
  VCI_ASSIGN_OR_RETURN(std::string_view text, StringMember(jwk, name));
  Result<Bytes> bytes = Base64UrlDecode(text, len);
  if (!bytes.has_value() || bytes->size() != len) {
    return JwkError("member " + std::string(name) + " is not " + std::to_string(len) +
                    " base64url bytes");
  }
  return bytes;
}

Result<ossl::EvpPkeyPtr> ParsePublicJwk(const ossl::Context& ctx, const nlohmann::json& jwk) {
  if (!jwk.is_object() || jwk.size() > kMaxMembers) {
    return JwkError("JWK is not a small JSON object");
  }
  for (std::string_view name : kPrivateMembers) {
    if (jwk.contains(name)) {
      return JwkError("JWK holds private key material");
    }
  }
  VCI_ASSIGN_OR_RETURN(std::string_view kty, StringMember(jwk, "kty"));
  VCI_ASSIGN_OR_RETURN(std::string_view crv, StringMember(jwk, "crv"));
  const KeyType* type = FindKeyTypeByCrv(kty, crv);
  if (type == nullptr) {
    return JwkError("unsupported kty/crv");
  }

  VCI_ASSIGN_OR_RETURN(Bytes x, JwkMemberBytes(jwk, "x", type->coordinate_len));
  if (type->kty == "OKP") {
    if (jwk.contains("y")) {
      return JwkError("OKP key with a y member");
    }
    return ImportEd25519PublicKey(ctx, x);
  }
  VCI_ASSIGN_OR_RETURN(Bytes y, JwkMemberBytes(jwk, "y", type->coordinate_len));
  return ImportEcKey(ctx, *type, x, y, {});
}

Result<nlohmann::json> PublicKeyToJwk(const EVP_PKEY* key) {
  const KeyType* type = FindKeyTypeOfKey(key);
  if (type == nullptr) {
    return Error(ErrorCode::kInvalidArgument, "unsupported key type");
  }
  nlohmann::json jwk = nlohmann::json::object();
  jwk["kty"] = std::string(type->kty);
  jwk["crv"] = std::string(type->crv);

  if (type->kty == "OKP") {
    Bytes x(type->coordinate_len);
    size_t x_len = x.size();
    if (::EVP_PKEY_get_raw_public_key(key, x.data(), &x_len) != 1 || x_len != x.size()) {
      return Error(ErrorCode::kInternal, "internal error",
                   "EVP_PKEY_get_raw_public_key: " + ossl::DrainErrors());
    }
    jwk["x"] = Base64UrlEncode(x);
    return jwk;
  }
  VCI_ASSIGN_OR_RETURN(jwk["x"],
                       EncodeCoordinate(key, OSSL_PKEY_PARAM_EC_PUB_X, type->coordinate_len));
  VCI_ASSIGN_OR_RETURN(jwk["y"],
                       EncodeCoordinate(key, OSSL_PKEY_PARAM_EC_PUB_Y, type->coordinate_len));
  return jwk;
}

bool AlgorithmFitsKey(JwsAlgorithm alg, const EVP_PKEY* key) {
  const KeyType* type = FindKeyTypeOfKey(key);
  return type != nullptr && type->alg == alg;
}

}  // namespace vci::jose
