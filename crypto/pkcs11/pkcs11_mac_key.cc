#include "crypto/pkcs11/pkcs11_mac_key.h"

#include <algorithm>
#include <string>

#include "crypto/pkcs11/sign_operation.h"

namespace vci::pkcs11 {

Result<Sha256Mac> Pkcs11MacKey::HmacSha256(ByteView data) {
  Sha256Mac mac{};
  VCI_ASSIGN_OR_RETURN(Bytes out, SignInToken(pool_, CKM_SHA256_HMAC, *key_, data, mac.size()));
  if (out.size() != mac.size()) {
    return Error(ErrorCode::kInternal, "token operation failed",
                 "CKM_SHA256_HMAC returned " + std::to_string(out.size()) + " bytes");
  }
  std::copy(out.begin(), out.end(), mac.begin());
  return mac;
}

}  // namespace vci::pkcs11
