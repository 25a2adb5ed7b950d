// Token: the officer's key administration (generate, list, destroy). Opening the token and the
// daemon's operations are in token.cc.
#include <array>

#include "crypto/base/random.h"
#include "crypto/pkcs11/attributes.h"
#include "crypto/pkcs11/ck_rv.h"
#include "crypto/pkcs11/key_generator.h"
#include "crypto/pkcs11/key_object.h"
#include "crypto/pkcs11/object_search.h"
#include "crypto/pkcs11/token.h"
#include "crypto/pkcs11/token_impl.h"

namespace vci::pkcs11 {

namespace {

constexpr size_t kGeneratedIdLen = 16;
constexpr size_t kMaxLabelLen = 128;

}  // namespace

Result<KeyInfo> Token::GenerateKey(const KeySpec& spec) {
  if (spec.label.empty() || spec.label.size() > kMaxLabelLen) {
    return Error(ErrorCode::kInvalidArgument, "a key label of 1 to 128 bytes is required",
                 "label length " + std::to_string(spec.label.size()));
  }
  if (KeyKindName(spec.kind) == "unknown") {
    return Error(ErrorCode::kInvalidArgument, "invalid key kind", "unknown KeyKind");
  }
  Bytes id = spec.id;
  if (id.empty()) {
    CsprngRandom random;
    VCI_ASSIGN_OR_RETURN(id, random.Generate(kGeneratedIdLen));
  }
  const CK_FUNCTION_LIST& fn = impl_->Functions();
  VCI_ASSIGN_OR_RETURN(Session session, Session::Open(fn, impl_->slot, true));
  VCI_ASSIGN_OR_RETURN(
      std::vector<CK_OBJECT_HANDLE> same_label,
      FindObjects(fn, session.Handle(), {AttrBytes(CKA_LABEL, AsBytes(spec.label))}));
  if (!same_label.empty()) {
    return Error(ErrorCode::kAlreadyExists, "a key labelled '" + spec.label + "' exists",
                 "label already on the token");
  }
  VCI_ASSIGN_OR_RETURN(CK_OBJECT_HANDLE key, GenerateKeyObjects(fn, session.Handle(), spec, id));
  return ReadKeyInfo(*impl_->ctx, fn, session.Handle(), key, impl_->label);
}

Result<std::vector<KeyInfo>> Token::ListKeys() {
  const CK_FUNCTION_LIST& fn = impl_->Functions();
  VCI_ASSIGN_OR_RETURN(SessionPool::Lease lease, impl_->pool->Acquire());
  std::vector<KeyInfo> keys;
  for (CK_OBJECT_CLASS klass : std::array<CK_OBJECT_CLASS, 2>{CKO_PRIVATE_KEY, CKO_SECRET_KEY}) {
    VCI_ASSIGN_OR_RETURN(std::vector<CK_OBJECT_HANDLE> objects,
                         FindObjects(fn, lease.Handle(), {Attr(CKA_CLASS, klass)}));
    for (CK_OBJECT_HANDLE object : objects) {
      Result<KeyInfo> info = ReadKeyInfo(*impl_->ctx, fn, lease.Handle(), object, impl_->label);
      if (info.has_value()) {
        keys.push_back(std::move(info).value());
      } else if (info.error().code() != ErrorCode::kFailedPrecondition) {
        // kFailedPrecondition is a key of a type this project does not use: it is left out.
        return info.error();
      }
    }
  }
  return keys;
}

Result<void> Token::DestroyKey(std::string_view key_uri) {
  VCI_ASSIGN_OR_RETURN(Uri uri, impl_->ParseKeyUri(key_uri));
  const CK_FUNCTION_LIST& fn = impl_->Functions();
  VCI_ASSIGN_OR_RETURN(Session session, Session::Open(fn, impl_->slot, true));
  VCI_ASSIGN_OR_RETURN(std::vector<CK_OBJECT_HANDLE> objects,
                       FindObjectsByUri(fn, session.Handle(), uri, std::nullopt));
  if (objects.empty()) {
    return Error(ErrorCode::kNotFound, "key not found on the token", "no object matches");
  }
  for (CK_OBJECT_HANDLE object : objects) {
    CK_RV rv = fn.C_DestroyObject(session.Handle(), object);
    if (rv != CKR_OK) {
      return CkError("C_DestroyObject", rv);
    }
  }
  return Ok();
}

}  // namespace vci::pkcs11
