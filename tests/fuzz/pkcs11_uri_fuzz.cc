// Fuzzes RFC 7512 pkcs11: URI parsing (p11-kit underneath), as the policy and configuration pass
// officer-written URIs to it: any text gives a label or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/pkcs11/key_info.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto label = vci::pkcs11::ObjectLabelOfUri(text);
  if (label.has_value() && label->has_value()) {
    VCI_CHECK((*label)->size() <= size);
  }
  return 0;
}
