#include "crypto/pkcs11/slot_finder.h"

#include <string>
#include <thread>

#include "crypto/pkcs11/ck_rv.h"
#include "crypto/pkcs11/two_call.h"

namespace vci::pkcs11 {

Result<std::vector<FoundSlot>> ListTokens(const CK_FUNCTION_LIST& fn) {
  TwoCallResult<CK_SLOT_ID> slots = CallWithSize<CK_SLOT_ID>(
      [&](CK_SLOT_ID* out, CK_ULONG* len) { return fn.C_GetSlotList(CK_TRUE, out, len); }, 0);
  if (slots.rv != CKR_OK) {
    return CkError("C_GetSlotList", slots.rv);
  }
  std::vector<FoundSlot> found;
  for (CK_SLOT_ID slot : slots.out) {
    FoundSlot entry;
    entry.slot = slot;
    CK_RV rv = fn.C_GetTokenInfo(slot, &entry.info);
    if (rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_TOKEN_NOT_RECOGNIZED) {
      continue;  // Removed between the two calls.
    }
    if (rv != CKR_OK) {
      return CkError("C_GetTokenInfo", rv);
    }
    found.push_back(entry);
  }
  return found;
}

Result<FoundSlot> FindTokenSlot(const CK_FUNCTION_LIST& fn, const Uri& uri, int num_attempts,
                                std::chrono::milliseconds pause) {
  for (int attempt = 1;; ++attempt) {
    VCI_ASSIGN_OR_RETURN(std::vector<FoundSlot> tokens, ListTokens(fn));
    std::vector<FoundSlot> matches;
    for (const FoundSlot& token : tokens) {
      if ((token.info.flags & CKF_TOKEN_INITIALIZED) != 0 && uri.MatchesToken(token.info)) {
        matches.push_back(token);
      }
    }
    if (matches.size() == 1) {
      return matches[0];
    }
    if (matches.size() > 1) {
      return Error(ErrorCode::kInvalidArgument, "several tokens match the token URI",
                   std::to_string(matches.size()) + " tokens match");
    }
    if (attempt >= num_attempts) {
      return Error(ErrorCode::kNotFound, "no token matches the token URI",
                   "searched " + std::to_string(tokens.size()) + " slots " +
                       std::to_string(attempt) + " times");
    }
    std::this_thread::sleep_for(pause);
  }
}

}  // namespace vci::pkcs11
