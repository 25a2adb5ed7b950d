#include "crypto/jose/key_type.h"

#include <openssl/core_names.h>

#include <array>
#include <string>

namespace vci::jose {

namespace {

constexpr std::array<KeyType, 3> kKeyTypes = {{
    {"EC", "P-256", "prime256v1", 32, 64, JwsAlgorithm::kEs256},
    {"EC", "P-384", "secp384r1", 48, 96, JwsAlgorithm::kEs384},
    {"OKP", "Ed25519", "ED25519", 32, 64, JwsAlgorithm::kEdDsa},
}};

}  // namespace

const KeyType* FindKeyTypeByCrv(std::string_view kty, std::string_view crv) {
  for (const KeyType& type : kKeyTypes) {
    if (type.kty == kty && type.crv == crv) {
      return &type;
    }
  }
  return nullptr;
}

const KeyType* FindKeyTypeOfKey(const EVP_PKEY* key) {
  if (key == nullptr) {
    return nullptr;
  }
  if (::EVP_PKEY_is_a(key, "ED25519") == 1) {
    return &kKeyTypes[2];
  }
  if (::EVP_PKEY_is_a(key, "EC") != 1) {
    return nullptr;
  }
  char group[64] = {};
  size_t group_len = 0;
  if (::EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                       &group_len) != 1) {
    return nullptr;
  }
  // OpenSSL reports the short name; accept the NIST alias too, in case a provider uses it.
  std::string_view name(group, group_len);
  for (const KeyType& type : kKeyTypes) {
    if (type.kty == "EC" && (name == type.ossl_name || name == type.crv)) {
      return &type;
    }
  }
  return nullptr;
}

const KeyType& KeyTypeForAlgorithm(JwsAlgorithm alg) {
  for (const KeyType& type : kKeyTypes) {
    if (type.alg == alg) {
      return type;
    }
  }
  VCI_CHECK(false && "every JwsAlgorithm has a key type");
  return kKeyTypes[0];
}

}  // namespace vci::jose
