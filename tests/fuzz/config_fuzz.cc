// Fuzzes the daemon's configuration parser: any text gives a configuration or an error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = vci::config::ParseConfig(text, "/etc/vcissuer/fuzz.toml");
  if (config.has_value()) {
    VCI_CHECK(config->lifetimes.access_token <= vci::config::kMaxAccessTokenLifetime);
  }
  return 0;
}
