#include "crypto/pkcs11/ec_encoding.h"

#include <algorithm>
#include <array>

#include "crypto/jose/key_import.h"
#include "crypto/jose/key_type.h"

namespace vci::pkcs11 {

namespace {

// OID 1.2.840.10045.3.1.7 (prime256v1), 1.3.132.0.34 (secp384r1), 1.3.101.112 (Ed25519).
constexpr std::array<uint8_t, 10> kP256Oid = {0x06, 0x08, 0x2a, 0x86, 0x48,
                                              0xce, 0x3d, 0x03, 0x01, 0x07};
constexpr std::array<uint8_t, 7> kP384Oid = {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
constexpr std::array<uint8_t, 5> kEd25519Oid = {0x06, 0x03, 0x2b, 0x65, 0x70};
// PrintableString "edwards25519".
constexpr std::array<uint8_t, 14> kEd25519Name = {0x13, 0x0c, 'e', 'd', 'w', 'a', 'r',
                                                  'd',  's',  '2', '5', '5', '1', '9'};

bool Equal(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

Error PointError(const char* detail) {
  return Error(ErrorCode::kInvalidArgument, "invalid public key on token", detail);
}

// RawPoint strips the DER OCTET STRING around `ec_point` when there is one, and checks that
// `raw_len` bytes remain.
Result<ByteView> RawPoint(ByteView ec_point, size_t raw_len) {
  if (ec_point.size() == raw_len) {
    return ec_point;
  }
  // Short-form length only: every point here is shorter than 128 bytes.
  if (ec_point.size() == raw_len + 2 && ec_point[0] == 0x04 && ec_point[1] == raw_len) {
    return ec_point.subspan(2);
  }
  return PointError("CKA_EC_POINT has the wrong length or encoding");
}

}  // namespace

ByteView EcParamsFor(KeyKind kind) {
  switch (kind) {
    case KeyKind::kEcP256:
      return kP256Oid;
    case KeyKind::kEcP384:
      return kP384Oid;
    case KeyKind::kEd25519:
      return kEd25519Oid;
    case KeyKind::kHmacSha256:
    case KeyKind::kAes256:
      break;
  }
  return {};
}

Result<KeyKind> KindFromEcParams(CK_KEY_TYPE key_type, ByteView params) {
  if (key_type == CKK_EC && Equal(params, kP256Oid)) {
    return KeyKind::kEcP256;
  }
  if (key_type == CKK_EC && Equal(params, kP384Oid)) {
    return KeyKind::kEcP384;
  }
  if (key_type == CKK_EC_EDWARDS && (Equal(params, kEd25519Oid) || Equal(params, kEd25519Name))) {
    return KeyKind::kEd25519;
  }
  return Error(ErrorCode::kFailedPrecondition, "unsupported key type or curve",
               "CKA_EC_PARAMS is not P-256, P-384 or Ed25519");
}

Result<ossl::EvpPkeyPtr> PublicKeyFromEcPoint(const ossl::Context& ctx, KeyKind kind,
                                              ByteView ec_point) {
  switch (kind) {
    case KeyKind::kEcP256:
    case KeyKind::kEcP384: {
      const jose::KeyType& type = jose::KeyTypeForAlgorithm(
          kind == KeyKind::kEcP256 ? jose::JwsAlgorithm::kEs256 : jose::JwsAlgorithm::kEs384);
      VCI_ASSIGN_OR_RETURN(ByteView point, RawPoint(ec_point, 1 + 2 * type.coordinate_len));
      if (point[0] != 0x04) {
        return PointError("CKA_EC_POINT is not an uncompressed point");
      }
      return jose::ImportEcKey(ctx, type, point.subspan(1, type.coordinate_len),
                               point.subspan(1 + type.coordinate_len), {});
    }
    case KeyKind::kEd25519: {
      VCI_ASSIGN_OR_RETURN(ByteView point, RawPoint(ec_point, 32));
      return jose::ImportEd25519PublicKey(ctx, point);
    }
    case KeyKind::kHmacSha256:
    case KeyKind::kAes256:
      break;
  }
  return Error(ErrorCode::kInvalidArgument, "not a signing key", "no public key for a secret key");
}

}  // namespace vci::pkcs11
