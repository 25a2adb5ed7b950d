#include "crypto/pkcs11/key_ref.h"

#include "crypto/pkcs11/key_object.h"

namespace vci::pkcs11 {

Result<void> KeyRef::Refind(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session) {
  VCI_ASSIGN_OR_RETURN(CK_OBJECT_HANDLE found, FindOneKey(fn, session, uri_, klass_));
  VCI_TRY(same_key_(fn, session, found));
  handle_.store(found, std::memory_order_release);
  return Ok();
}

}  // namespace vci::pkcs11
