// OfferStatus: where a credential offer stands in its life, as the admin client that made it may
// ask (GET /offers/{offer_id}) and change (cancel). The store computes it from the offers row.
#ifndef VCISSUER_DAEMON_STORE_OFFER_STATUS_H_
#define VCISSUER_DAEMON_STORE_OFFER_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vci::store {

enum class OfferStatus {
  kPending,      // unredeemed and unexpired: a wallet may still redeem it
  kRedeemed,     // a wallet traded its code for an access token
  kExpired,      // its lifetime ended unredeemed
  kCancelled,    // its creator cancelled it unredeemed
  kInvalidated,  // too many wrong tx_codes
};

// OfferStatusName is the wire name: "pending", "redeemed", "expired", "cancelled", "invalidated".
std::string_view OfferStatusName(OfferStatus status);

// OfferStatusRecord holds what the status endpoint may tell the offer's creator: never its
// claims, its tx_code or its code.
struct OfferStatusRecord {
  std::string offer_id;
  std::string client;
  std::string configuration_id;
  OfferStatus status = OfferStatus::kPending;
  int64_t expires_at = 0;
  std::optional<int64_t> redeemed_at;
};

// The value of offers.state for a cancelled offer (0 pending, 1 redeemed, 2 invalidated are the
// schema's). The column has no CHECK constraint, so this needs no schema change; every reader
// that asks for state = 0 already treats a cancelled offer as unusable.
inline constexpr int64_t kOfferStateCancelled = 3;

}  // namespace vci::store

#endif  // VCISSUER_DAEMON_STORE_OFFER_STATUS_H_
