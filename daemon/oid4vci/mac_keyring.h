// MacKeyring: the HMAC keys that derive pre-authorized codes and protect tx_codes, by key id.
//
// New derivations use the current key; verification finds the key named inside what it checks,
// so rotating the current key leaves outstanding offers redeemable.
#ifndef VCISSUER_DAEMON_OID4VCI_MAC_KEYRING_H_
#define VCISSUER_DAEMON_OID4VCI_MAC_KEYRING_H_

#include <memory>
#include <vector>

#include "crypto/base/mac.h"

namespace vci::oid4vci {

class MacKeyring {
 public:
  // MacKeyring takes the keys; the first is current. `keys` must not be empty.
  explicit MacKeyring(std::vector<std::unique_ptr<MacKey>> keys);

  // Current is the key for new derivations.
  MacKey& Current() const { return *keys_.front(); }

  // Find returns the key whose KeyId() equals `key_id`, or nullptr.
  MacKey* Find(ByteView key_id) const;

 private:
  std::vector<std::unique_ptr<MacKey>> keys_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_MAC_KEYRING_H_
