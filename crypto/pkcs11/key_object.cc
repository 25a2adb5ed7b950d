#include "crypto/pkcs11/key_object.h"

#include <array>

#include "crypto/jose/jwk.h"
#include "crypto/pkcs11/attributes.h"
#include "crypto/pkcs11/ec_encoding.h"
#include "crypto/pkcs11/object_search.h"

namespace vci::pkcs11 {

namespace {

constexpr CK_ULONG kMinHmacKeyLen = 32;

struct RequiredFlag {
  CK_ATTRIBUTE_TYPE type;
  const char* name;
  bool want;
  bool may_be_unknown;  // Modules older than PKCS#11 2.40 do not know CKA_COPYABLE.
};

// Each flag comes before the one derived from it (CKA_SENSITIVE before CKA_ALWAYS_SENSITIVE), so
// the message names the attribute the key was made with.
constexpr std::array<RequiredFlag, 6> kRequiredFlags = {{
    {CKA_SENSITIVE, "CKA_SENSITIVE", true, false},
    {CKA_EXTRACTABLE, "CKA_EXTRACTABLE", false, false},
    {CKA_ALWAYS_SENSITIVE, "CKA_ALWAYS_SENSITIVE", true, false},
    {CKA_NEVER_EXTRACTABLE, "CKA_NEVER_EXTRACTABLE", true, false},
    {CKA_COPYABLE, "CKA_COPYABLE", false, true},
    {CKA_PRIVATE, "CKA_PRIVATE", true, false},
}};

Result<bool> ReadFlag(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                      CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, bool if_unknown) {
  VCI_ASSIGN_OR_RETURN(std::optional<bool> value, GetBool(fn, session, object, type));
  return value.value_or(if_unknown);
}

}  // namespace

Result<std::vector<CK_OBJECT_HANDLE>> FindObjectsByUri(const CK_FUNCTION_LIST& fn,
                                                       CK_SESSION_HANDLE session, const Uri& uri,
                                                       std::optional<CK_OBJECT_CLASS> klass) {
  if (!uri.HasObjectAttributes()) {
    return Error(ErrorCode::kInvalidArgument, "the key URI names no object",
                 "URI has neither object= nor id=");
  }
  if (klass.has_value() && uri.object_class.has_value() && *uri.object_class != *klass) {
    return Error(ErrorCode::kInvalidArgument, "the key URI names another object type",
                 "type= does not fit the operation");
  }
  std::optional<CK_OBJECT_CLASS> want = uri.object_class ? uri.object_class : klass;
  std::vector<CK_ATTRIBUTE> attrs;
  CK_OBJECT_CLASS class_value = want.value_or(CKO_DATA);
  if (want.has_value()) {
    attrs.push_back(Attr(CKA_CLASS, class_value));
  }
  if (uri.object_label.has_value()) {
    attrs.push_back(AttrBytes(CKA_LABEL, AsBytes(*uri.object_label)));
  }
  if (uri.id.has_value()) {
    attrs.push_back(AttrBytes(CKA_ID, *uri.id));
  }
  return FindObjects(fn, session, std::move(attrs));
}

Result<CK_OBJECT_HANDLE> FindOneKey(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                    const Uri& uri, CK_OBJECT_CLASS klass) {
  VCI_ASSIGN_OR_RETURN(std::vector<CK_OBJECT_HANDLE> found,
                       FindObjectsByUri(fn, session, uri, klass));
  if (found.empty()) {
    return Error(ErrorCode::kNotFound, "key not found on the token",
                 "no object matches " + uri.object_label.value_or("(id only)"));
  }
  if (found.size() > 1) {
    return Error(ErrorCode::kInvalidArgument, "the key URI matches several keys",
                 std::to_string(found.size()) + " objects match");
  }
  return found[0];
}

Result<std::string> ReadLabel(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                              CK_OBJECT_HANDLE object) {
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> label, GetBytes(fn, session, object, CKA_LABEL));
  return label.has_value() ? std::string(AsString(*label)) : std::string();
}

Result<KeyKind> ReadKeyKind(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                            CK_OBJECT_HANDLE object) {
  VCI_ASSIGN_OR_RETURN(CK_ULONG key_type, GetUlong(fn, session, object, CKA_KEY_TYPE));
  if (key_type == CKK_EC || key_type == CKK_EC_EDWARDS) {
    VCI_ASSIGN_OR_RETURN(std::optional<Bytes> params, GetBytes(fn, session, object, CKA_EC_PARAMS));
    return KindFromEcParams(key_type, params.value_or(Bytes()));
  }
  if (key_type == CKK_GENERIC_SECRET || key_type == CKK_SHA256_HMAC || key_type == CKK_AES) {
    VCI_ASSIGN_OR_RETURN(CK_ULONG len, GetUlong(fn, session, object, CKA_VALUE_LEN));
    if (key_type == CKK_AES && len == 32) {
      return KeyKind::kAes256;
    }
    if (key_type != CKK_AES && len >= kMinHmacKeyLen) {
      return KeyKind::kHmacSha256;
    }
  }
  return Error(ErrorCode::kFailedPrecondition, "unsupported key type",
               "CKA_KEY_TYPE " + std::to_string(key_type) + " or its size is not supported");
}

Result<void> CheckKeyHardening(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                               CK_OBJECT_HANDLE object, const std::string& label) {
  for (const RequiredFlag& flag : kRequiredFlags) {
    VCI_ASSIGN_OR_RETURN(std::optional<bool> value, GetBool(fn, session, object, flag.type));
    if (!value.has_value() && flag.may_be_unknown) {
      continue;
    }
    if (!value.has_value() || *value != flag.want) {
      return Error(
          ErrorCode::kFailedPrecondition,
          "key '" + label + "' is not protected: " + flag.name + " must be " +
              (flag.want ? "true" : "false"),
          std::string(flag.name) + (value.has_value() ? " has the wrong value" : " unknown"));
    }
  }
  return Ok();
}

Result<ossl::EvpPkeyPtr> ReadPublicKey(const ossl::Context& ctx, const CK_FUNCTION_LIST& fn,
                                       CK_SESSION_HANDLE session, CK_OBJECT_HANDLE private_key,
                                       KeyKind kind) {
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> id, GetBytes(fn, session, private_key, CKA_ID));
  Uri by_id;
  if (id.has_value() && !id->empty()) {
    by_id.id = *id;
  } else {
    VCI_ASSIGN_OR_RETURN(by_id.object_label, ReadLabel(fn, session, private_key));
  }
  VCI_ASSIGN_OR_RETURN(CK_OBJECT_HANDLE public_key, FindOneKey(fn, session, by_id, CKO_PUBLIC_KEY));
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> point, GetBytes(fn, session, public_key, CKA_EC_POINT));
  if (!point.has_value()) {
    return Error(ErrorCode::kFailedPrecondition, "public key object has no point",
                 "CKA_EC_POINT unknown");
  }
  return PublicKeyFromEcPoint(ctx, kind, *point);
}

Result<KeyInfo> ReadKeyInfo(const ossl::Context& ctx, const CK_FUNCTION_LIST& fn,
                            CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                            const std::string& token_label) {
  KeyInfo info;
  VCI_ASSIGN_OR_RETURN(info.kind, ReadKeyKind(fn, session, object));
  VCI_ASSIGN_OR_RETURN(info.label, ReadLabel(fn, session, object));
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> id, GetBytes(fn, session, object, CKA_ID));
  info.id = id.value_or(Bytes());
  VCI_ASSIGN_OR_RETURN(info.sensitive, ReadFlag(fn, session, object, CKA_SENSITIVE, false));
  VCI_ASSIGN_OR_RETURN(info.always_sensitive,
                       ReadFlag(fn, session, object, CKA_ALWAYS_SENSITIVE, false));
  VCI_ASSIGN_OR_RETURN(info.extractable, ReadFlag(fn, session, object, CKA_EXTRACTABLE, true));
  VCI_ASSIGN_OR_RETURN(info.never_extractable,
                       ReadFlag(fn, session, object, CKA_NEVER_EXTRACTABLE, false));
  VCI_ASSIGN_OR_RETURN(info.copyable, ReadFlag(fn, session, object, CKA_COPYABLE, true));
  VCI_ASSIGN_OR_RETURN(info.is_private, ReadFlag(fn, session, object, CKA_PRIVATE, false));
  bool is_signing = info.kind == KeyKind::kEcP256 || info.kind == KeyKind::kEcP384 ||
                    info.kind == KeyKind::kEd25519;
  info.uri =
      FormatKeyUri(token_label, info.label, info.id, is_signing ? CKO_PRIVATE_KEY : CKO_SECRET_KEY);
  if (is_signing) {
    Result<ossl::EvpPkeyPtr> public_key = ReadPublicKey(ctx, fn, session, object, info.kind);
    if (public_key.has_value()) {
      Result<nlohmann::json> jwk = jose::PublicKeyToJwk(public_key->get());
      if (jwk.has_value()) {
        Result<std::string> kid = jose::JwkThumbprint(ctx, *jwk);
        if (kid.has_value()) {
          info.kid = *kid;
        }
      }
    }
  }
  return info;
}

}  // namespace vci::pkcs11
