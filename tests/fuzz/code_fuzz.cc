// Fuzzes pre-authorized code verification: a random string is never accepted (it would need the
// HMAC key), and every refusal is invalid_grant.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "daemon/oid4vci/mac_keyring.h"
#include "daemon/oid4vci/pre_authorized_code.h"
#include "tests/fakes/fake_mac_key.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vci::oid4vci::MacKeyring* keys = [] {
    std::vector<std::unique_ptr<vci::MacKey>> list;
    list.push_back(
        std::make_unique<vci::testing::FakeMacKey>(vci::Bytes{0x01, 0x02}, vci::Bytes(32, 0x5a)));
    return new vci::oid4vci::MacKeyring(std::move(list));  // lives for the process
  }();
  std::string_view code(reinterpret_cast<const char*>(data), size);
  auto verified = vci::oid4vci::VerifyPreAuthorizedCode(*keys, code);
  VCI_CHECK(!verified.has_value());
  VCI_CHECK(verified.error().code() == vci::ErrorCode::kInvalidGrant);
  return 0;
}
