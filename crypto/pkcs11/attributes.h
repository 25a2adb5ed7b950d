// Reading object attributes with C_GetAttributeValue, and building attribute templates.
#ifndef VCISSUER_CRYPTO_PKCS11_ATTRIBUTES_H_
#define VCISSUER_CRYPTO_PKCS11_ATTRIBUTES_H_

#include <p11-kit/pkcs11.h>

#include <optional>
#include <string>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::pkcs11 {

// GetBytes returns the value of attribute `type` of `object`, or std::nullopt when the module
// does not know the attribute for this object (CKR_ATTRIBUTE_TYPE_INVALID). Other failures
// (including CKR_ATTRIBUTE_SENSITIVE) are the CK_RV's error.
Result<std::optional<Bytes>> GetBytes(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                      CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);

// GetBool returns a CK_BBOOL attribute as bool, std::nullopt when unknown (as GetBytes), and
// kInternal when the value is not one byte long.
Result<std::optional<bool>> GetBool(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                    CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);

// GetUlong returns a CK_ULONG attribute (CKA_CLASS, CKA_KEY_TYPE, CKA_VALUE_LEN); an unknown
// attribute is an error here.
Result<CK_ULONG> GetUlong(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                          CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);

// Attr returns a template entry pointing at `value`, which must outlive the template.
template <typename T>
CK_ATTRIBUTE Attr(CK_ATTRIBUTE_TYPE type, const T& value) {
  return CK_ATTRIBUTE{type, const_cast<T*>(&value), sizeof(T)};
}

// AttrBytes returns a template entry pointing at `bytes`, which must outlive the template.
inline CK_ATTRIBUTE AttrBytes(CK_ATTRIBUTE_TYPE type, ByteView bytes) {
  return CK_ATTRIBUTE{type, const_cast<uint8_t*>(bytes.data()), bytes.size()};
}

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_ATTRIBUTES_H_
