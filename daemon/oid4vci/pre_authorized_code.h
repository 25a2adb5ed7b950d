// PreAuthorizedCode: how a code is made from an offer id inside the HSM, and checked again.
//
// Codes are never stored. A code is base64url(version || offer id || key id length || key id ||
// HMAC-SHA256(key, label || offer id)), so the token endpoint can find the offer and the HMAC key
// from the code alone, derive the code again and compare in constant time. Knowing an offer id
// does not let anyone make its code without the HSM.
#ifndef VCISSUER_DAEMON_OID4VCI_PRE_AUTHORIZED_CODE_H_
#define VCISSUER_DAEMON_OID4VCI_PRE_AUTHORIZED_CODE_H_

#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/base/secret.h"
#include "daemon/oid4vci/mac_keyring.h"

namespace vci::oid4vci {

// The raw size of offer ids: 128 bits from the CSPRNG.
inline constexpr size_t kOfferIdBytes = 16;

// OfferIdToString / OfferIdFromString convert between raw offer ids and their base64url form,
// the form used in offer URIs and in the store. FromString fails with kNotFound for anything that
// is not a well-formed id.
std::string OfferIdToString(ByteView raw);
Result<Bytes> OfferIdFromString(std::string_view text);

// DerivePreAuthorizedCode makes the code for `offer_id` (raw bytes) with `key`.
Result<SecretBytes> DerivePreAuthorizedCode(MacKey& key, ByteView offer_id);

// VerifyPreAuthorizedCode checks `code` and returns the raw offer id it names. Any malformed
// code, unknown key id or mismatch gives kInvalidGrant; an HSM failure keeps its own code
// (kUnavailable) so that a down HSM is not reported as a wrong code.
Result<Bytes> VerifyPreAuthorizedCode(const MacKeyring& keys, std::string_view code);

// TxCodeMac is the HMAC that the store keeps instead of the tx_code of `offer_id`.
Result<Bytes> TxCodeMac(MacKey& key, ByteView offer_id, std::string_view tx_code);

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_PRE_AUTHORIZED_CODE_H_
