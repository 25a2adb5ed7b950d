// NonceService: the nonce endpoint (OID4VCI 1.0 section 7). Each c_nonce is 256 bits from the
// CSPRNG, stored only as its SHA-256 hash, valid for a bounded time and consumed by the first
// credential request that uses it.
#ifndef VCISSUER_DAEMON_OID4VCI_NONCE_SERVICE_H_
#define VCISSUER_DAEMON_OID4VCI_NONCE_SERVICE_H_

#include <string_view>

#include "crypto/base/secret.h"
#include "daemon/oid4vci/issuer_context.h"

namespace vci::oid4vci {

class NonceService {
 public:
  explicit NonceService(IssuerContext& context) : context_(context) {}

  // Issue makes and stores a fresh c_nonce. kUnavailable when the store is down or already holds
  // max_live_nonces of them (a flood: the answer is 503 with Retry-After).
  Result<SecretBytes> Issue();

  // Consume marks `nonce` used. kInvalidNonce when it is unknown, expired or used.
  Result<void> Consume(std::string_view nonce);

 private:
  Result<void> CheckCapacity();

  IssuerContext& context_;
};

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_NONCE_SERVICE_H_
