#include "crypto/pkcs11/key_generator.h"

#include <vector>

#include "crypto/pkcs11/attributes.h"
#include "crypto/pkcs11/ck_rv.h"
#include "crypto/pkcs11/ec_encoding.h"

namespace vci::pkcs11 {

namespace {

constexpr CK_BBOOL kTrue = CK_TRUE;
constexpr CK_BBOOL kFalse = CK_FALSE;

// The one mechanism a key of `kind` may be used with.
CK_MECHANISM_TYPE UsageMechanism(KeyKind kind) {
  switch (kind) {
    case KeyKind::kEcP256:
    case KeyKind::kEcP384:
      return CKM_ECDSA;
    case KeyKind::kEd25519:
      return CKM_EDDSA;
    case KeyKind::kHmacSha256:
      return CKM_SHA256_HMAC;
    case KeyKind::kAes256:
      return CKM_AES_GCM;
  }
  return CKM_VENDOR_DEFINED;
}

// ProtectedKeyTemplate is what every private or secret key gets: a private token object that
// never leaves the token.
std::vector<CK_ATTRIBUTE> ProtectedKeyTemplate(const KeySpec& spec, ByteView id,
                                               const CK_MECHANISM_TYPE& allowed) {
  return {
      Attr(CKA_TOKEN, kTrue),
      Attr(CKA_PRIVATE, kTrue),
      Attr(CKA_SENSITIVE, kTrue),
      Attr(CKA_EXTRACTABLE, kFalse),
      Attr(CKA_COPYABLE, kFalse),
      Attr(CKA_ALLOWED_MECHANISMS, allowed),
      AttrBytes(CKA_LABEL, AsBytes(spec.label)),
      AttrBytes(CKA_ID, id),
  };
}

Result<CK_OBJECT_HANDLE> GenerateKeyPair(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                         const KeySpec& spec, ByteView id) {
  const CK_MECHANISM_TYPE allowed = UsageMechanism(spec.kind);
  ByteView params = EcParamsFor(spec.kind);
  std::vector<CK_ATTRIBUTE> public_template = {
      Attr(CKA_TOKEN, kTrue),
      Attr(CKA_PRIVATE, kFalse),
      Attr(CKA_VERIFY, kTrue),
      AttrBytes(CKA_EC_PARAMS, params),
      AttrBytes(CKA_LABEL, AsBytes(spec.label)),
      AttrBytes(CKA_ID, id),
  };
  std::vector<CK_ATTRIBUTE> private_template = ProtectedKeyTemplate(spec, id, allowed);
  private_template.push_back(Attr(CKA_SIGN, kTrue));
  private_template.push_back(Attr(CKA_DERIVE, kFalse));
  CK_MECHANISM mechanism = {
      spec.kind == KeyKind::kEd25519 ? CKM_EC_EDWARDS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN, nullptr,
      0};
  CK_OBJECT_HANDLE public_key = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE private_key = CK_INVALID_HANDLE;
  CK_RV rv = fn.C_GenerateKeyPair(session, &mechanism, public_template.data(),
                                  public_template.size(), private_template.data(),
                                  private_template.size(), &public_key, &private_key);
  if (rv != CKR_OK) {
    return CkError("C_GenerateKeyPair", rv);
  }
  return private_key;
}

Result<CK_OBJECT_HANDLE> GenerateSecretKey(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                           const KeySpec& spec, ByteView id) {
  const bool is_hmac = spec.kind == KeyKind::kHmacSha256;
  const CK_MECHANISM_TYPE allowed = UsageMechanism(spec.kind);
  const CK_OBJECT_CLASS klass = CKO_SECRET_KEY;
  const CK_KEY_TYPE key_type = is_hmac ? CKK_GENERIC_SECRET : CKK_AES;
  const CK_ULONG value_len = 32;
  std::vector<CK_ATTRIBUTE> key_template = ProtectedKeyTemplate(spec, id, allowed);
  key_template.push_back(Attr(CKA_CLASS, klass));
  key_template.push_back(Attr(CKA_KEY_TYPE, key_type));
  key_template.push_back(Attr(CKA_VALUE_LEN, value_len));
  key_template.push_back(Attr(is_hmac ? CKA_SIGN : CKA_ENCRYPT, kTrue));
  key_template.push_back(Attr(is_hmac ? CKA_VERIFY : CKA_DECRYPT, kTrue));
  key_template.push_back(Attr(CKA_DERIVE, kFalse));
  key_template.push_back(Attr(CKA_WRAP, kFalse));
  CK_MECHANISM mechanism = {is_hmac ? CKM_GENERIC_SECRET_KEY_GEN : CKM_AES_KEY_GEN, nullptr, 0};
  CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
  CK_RV rv = fn.C_GenerateKey(session, &mechanism, key_template.data(), key_template.size(), &key);
  if (rv != CKR_OK) {
    return CkError("C_GenerateKey", rv);
  }
  return key;
}

}  // namespace

Result<CK_OBJECT_HANDLE> GenerateKeyObjects(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                            const KeySpec& spec, ByteView id) {
  switch (spec.kind) {
    case KeyKind::kEcP256:
    case KeyKind::kEcP384:
    case KeyKind::kEd25519:
      return GenerateKeyPair(fn, session, spec, id);
    case KeyKind::kHmacSha256:
    case KeyKind::kAes256:
      return GenerateSecretKey(fn, session, spec, id);
  }
  return Error(ErrorCode::kInvalidArgument, "invalid key kind", "unknown KeyKind");
}

}  // namespace vci::pkcs11
