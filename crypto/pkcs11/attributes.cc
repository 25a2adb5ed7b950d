#include "crypto/pkcs11/attributes.h"

#include "crypto/pkcs11/ck_rv.h"
#include "crypto/pkcs11/two_call.h"

namespace vci::pkcs11 {

Result<std::optional<Bytes>> GetBytes(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                      CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  TwoCallResult<uint8_t> got = CallWithSize<uint8_t>(
      [&](uint8_t* out, CK_ULONG* len) {
        CK_ATTRIBUTE attr = {type, out, *len};
        CK_RV rv = fn.C_GetAttributeValue(session, object, &attr, 1);
        // A too small buffer is reported in ulValueLen as CK_UNAVAILABLE_INFORMATION by some
        // modules and as the needed length by others; a size query always gives the length.
        if (rv == CKR_OK || attr.ulValueLen != CK_UNAVAILABLE_INFORMATION) {
          *len = attr.ulValueLen;
        }
        return rv;
      },
      0);
  if (got.rv == CKR_ATTRIBUTE_TYPE_INVALID) {
    return std::optional<Bytes>();
  }
  if (got.rv != CKR_OK) {
    return CkError("C_GetAttributeValue", got.rv);
  }
  return std::optional<Bytes>(std::move(got.out));
}

Result<std::optional<bool>> GetBool(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                    CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  VCI_ASSIGN_OR_RETURN(std::optional<Bytes> value, GetBytes(fn, session, object, type));
  if (!value.has_value()) {
    return std::optional<bool>();
  }
  if (value->size() != sizeof(CK_BBOOL)) {
    return Error(ErrorCode::kInternal, "token operation failed", "CK_BBOOL of wrong size");
  }
  return std::optional<bool>((*value)[0] != CK_FALSE);
}

Result<CK_ULONG> GetUlong(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                          CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ULONG value = 0;
  CK_ATTRIBUTE attr = {type, &value, sizeof(value)};
  CK_RV rv = fn.C_GetAttributeValue(session, object, &attr, 1);
  if (rv != CKR_OK) {
    return CkError("C_GetAttributeValue", rv);
  }
  if (attr.ulValueLen != sizeof(value)) {
    return Error(ErrorCode::kInternal, "token operation failed", "CK_ULONG of wrong size");
  }
  return value;
}

}  // namespace vci::pkcs11
