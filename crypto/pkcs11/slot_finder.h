// Finding the slot that holds the token a URI names.
#ifndef VCISSUER_CRYPTO_PKCS11_SLOT_FINDER_H_
#define VCISSUER_CRYPTO_PKCS11_SLOT_FINDER_H_

#include <p11-kit/pkcs11.h>

#include <chrono>
#include <vector>

#include "crypto/base/result.h"
#include "crypto/pkcs11/uri.h"

namespace vci::pkcs11 {

struct FoundSlot {
  CK_SLOT_ID slot = 0;
  CK_TOKEN_INFO info = {};
};

// ListTokens returns every slot with a token present and that token's info (initialised or not).
Result<std::vector<FoundSlot>> ListTokens(const CK_FUNCTION_LIST& fn);

// FindTokenSlot returns the one slot whose initialised token matches `uri`'s token attributes.
// A token another process has just written may not show at once, so an empty answer is retried
// `num_attempts` times, `pause` apart. kNotFound when none matches, kInvalidArgument when several
// do (the URI must be more specific), or the CK_RV's error.
Result<FoundSlot> FindTokenSlot(const CK_FUNCTION_LIST& fn, const Uri& uri, int num_attempts = 5,
                                std::chrono::milliseconds pause = std::chrono::milliseconds(200));

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_SLOT_FINDER_H_
