#include "crypto/pkcs11/object_search.h"

#include <array>
#include <utility>

#include "crypto/pkcs11/ck_rv.h"

namespace vci::pkcs11 {

Result<ObjectSearch> ObjectSearch::Start(const CK_FUNCTION_LIST& fn, CK_SESSION_HANDLE session,
                                         std::vector<CK_ATTRIBUTE> attrs) {
  CK_RV rv = fn.C_FindObjectsInit(session, attrs.empty() ? nullptr : attrs.data(), attrs.size());
  if (rv != CKR_OK) {
    return CkError("C_FindObjectsInit", rv);
  }
  return ObjectSearch(&fn, session);
}

ObjectSearch::~ObjectSearch() {
  if (active_) {
    fn_->C_FindObjectsFinal(session_);
  }
}

ObjectSearch::ObjectSearch(ObjectSearch&& other) noexcept
    : fn_(other.fn_), session_(other.session_), active_(std::exchange(other.active_, false)) {}

Result<std::vector<CK_OBJECT_HANDLE>> ObjectSearch::All(size_t max_objects) {
  std::vector<CK_OBJECT_HANDLE> found;
  std::array<CK_OBJECT_HANDLE, 64> batch{};
  while (found.size() < max_objects) {
    CK_ULONG count = 0;
    CK_RV rv = fn_->C_FindObjects(session_, batch.data(), batch.size(), &count);
    if (rv != CKR_OK) {
      return CkError("C_FindObjects", rv);
    }
    if (count == 0) {
      break;
    }
    found.insert(found.end(), batch.begin(), batch.begin() + static_cast<ptrdiff_t>(count));
  }
  if (found.size() > max_objects) {
    found.resize(max_objects);
  }
  return found;
}

Result<std::vector<CK_OBJECT_HANDLE>> FindObjects(const CK_FUNCTION_LIST& fn,
                                                  CK_SESSION_HANDLE session,
                                                  std::vector<CK_ATTRIBUTE> attrs) {
  constexpr size_t kMaxObjects = 1024;
  VCI_ASSIGN_OR_RETURN(ObjectSearch search, ObjectSearch::Start(fn, session, std::move(attrs)));
  return search.All(kMaxObjects);
}

}  // namespace vci::pkcs11
