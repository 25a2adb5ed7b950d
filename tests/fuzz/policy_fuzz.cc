// Fuzzes the policy parser (toml++ underneath): hostile TOML gives a policy or an error with
// file:line:column diagnostics, never a crash or an exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "policy/policy_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto policy = vci::policy::ParsePolicyText(text, "fuzz.toml");
  if (!policy.has_value()) {
    VCI_CHECK(!policy.error().message().empty());
  }
  return 0;
}
