// ObjectSearch: one C_FindObjectsInit .. C_FindObjectsFinal operation on a session.
#ifndef VCISSUER_CRYPTO_PKCS11_OBJECT_SEARCH_H_
#define VCISSUER_CRYPTO_PKCS11_OBJECT_SEARCH_H_

#include <p11-kit/pkcs11.h>

#include <vector>

#include "crypto/base/result.h"

namespace vci::pkcs11 {

class ObjectSearch {
 public:
  // Start begins a search for the objects matching `attrs` (all of them). Fails with the CK_RV's
  // error. `fn` must outlive the search, and the session must stay open while it runs.
  static Result<ObjectSearch> Start(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                    std::vector<CK_ATTRIBUTE> attrs);

  // The destructor ends the search with C_FindObjectsFinal.
  ~ObjectSearch();

  // Copying is deleted: a copy would end the search twice.
  ObjectSearch(const ObjectSearch&) = delete;
  ObjectSearch& operator=(const ObjectSearch&) = delete;
  ObjectSearch(ObjectSearch&& other) noexcept;
  ObjectSearch& operator=(ObjectSearch&&) = delete;

  // All returns every matching object, at most `max_objects` of them.
  Result<std::vector<CK_OBJECT_HANDLE>> All(size_t max_objects);

 private:
  ObjectSearch(const CK_FUNCTION_LIST* fn, CK_SESSION_HANDLE session)
      : fn_(fn), session_(session) {}

  const CK_FUNCTION_LIST* fn_;
  CK_SESSION_HANDLE session_;
  bool active_ = true;
};

// FindObjects returns every object on the session's token matching `attrs`, up to 1024.
Result<std::vector<CK_OBJECT_HANDLE>> FindObjects(const CK_FUNCTION_LIST& fn,
                                                  CK_SESSION_HANDLE session,
                                                  std::vector<CK_ATTRIBUTE> attrs);

}  // namespace vci::pkcs11

#endif  // VCISSUER_CRYPTO_PKCS11_OBJECT_SEARCH_H_
