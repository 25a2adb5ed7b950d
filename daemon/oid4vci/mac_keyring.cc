#include "daemon/oid4vci/mac_keyring.h"

#include <algorithm>

#include "crypto/base/secret.h"

namespace vci::oid4vci {

MacKeyring::MacKeyring(std::vector<std::unique_ptr<MacKey>> keys) : keys_(std::move(keys)) {
  VCI_CHECK(!keys_.empty());
}

MacKey* MacKeyring::Find(ByteView key_id) const {
  for (const auto& key : keys_) {
    if (ConstantTimeEquals(key->KeyId(), key_id)) {
      return key.get();
    }
  }
  return nullptr;
}

}  // namespace vci::oid4vci
