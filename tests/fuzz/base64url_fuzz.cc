// Fuzzes strict base64url: whatever decodes must encode back to exactly the input (canonical
// form only), and nothing longer than the bound decodes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/jose/base64url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr size_t kMaxLen = 4096;
  auto decoded = vci::jose::Base64UrlDecode(text, kMaxLen);
  if (decoded.has_value()) {
    VCI_CHECK(text.size() <= kMaxLen);
    VCI_CHECK(vci::jose::Base64UrlEncode(*decoded) == text);
  }
  return 0;
}
