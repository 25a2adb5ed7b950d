// Fuzzes the token endpoint's form decoding: any body parses or fails cleanly, and what parses is
// valid UTF-8 within the parameter bound.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/http/form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  constexpr size_t kMaxParams = 32;
  auto parsed = vci::http::ParseFormUrlEncoded(body, kMaxParams);
  if (parsed.has_value()) {
    VCI_CHECK(parsed->size() <= kMaxParams);
    for (const auto& [name, value] : *parsed) {
      VCI_CHECK(vci::http::IsValidUtf8(name));
      VCI_CHECK(vci::http::IsValidUtf8(value));
    }
  }
  return 0;
}
