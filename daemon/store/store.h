// Store: the appliance's state (offers, redemptions, access tokens, nonces, the issuance record).
//
// The interface exists because a second implementation is planned (PostgreSQL, for several
// appliances sharing the load) and because tests use it directly. Implementations are
// thread-safe: every method may be called from any HTTP thread at once.
//
// Security property: the store never holds a pre-authorized code (codes are derived again from
// the offer id inside the HSM), and holds access tokens and nonces only as SHA-256 hashes and
// tx_codes only as HMACs.
#ifndef VCISSUER_DAEMON_STORE_STORE_H_
#define VCISSUER_DAEMON_STORE_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "daemon/store/offer_status.h"

namespace vci::store {

enum class OfferState { kPending, kRedeemed, kInvalidated };

// OfferRecord is one credential offer made by an admin client for one person.
struct OfferRecord {
  std::string offer_id;              // base64url of 128 random bits; the key of the offer URI
  std::string client;                // the admin client that made it
  std::string configuration_id;      // credential_configuration_id
  std::string claims_json;           // the subject's claims; empty once deleted
  Bytes hmac_key_id;                 // CKA_ID of the HMAC key that derives this offer's code
  std::optional<Bytes> tx_code_mac;  // HMAC of the tx_code; absent when none is required
  std::string tx_code_input_mode;    // "numeric" or "text" when a tx_code is required
  int tx_code_length = 0;
  std::string tx_code_description;
  int tx_code_failures = 0;
  int64_t created_at = 0;  // seconds since the epoch
  int64_t expires_at = 0;
  OfferState state = OfferState::kPending;
  int64_t credential_validity = 0;    // seconds; 0: the configuration's default validity
  int64_t credential_not_before = 0;  // seconds since the epoch; 0: when it is issued
};

// AccessTokenRecord is what an access token grants: issuance for one offer until expires_at.
struct AccessTokenRecord {
  Bytes token_hash;  // SHA-256 of the token
  std::string offer_id;
  std::string configuration_id;
  std::string credential_identifier;  // set when authorization_details were used
  int64_t expires_at = 0;
};

// IssuanceRecord describes an issued credential, never its claims.
struct IssuanceRecord {
  std::string offer_id;
  std::string client;
  std::string configuration_id;
  std::string signing_key_id;     // the JWK thumbprint of the signing key
  std::string credential_digest;  // base64url SHA-256 of the issued credential
  int64_t issued_at = 0;
  int64_t expires_at = 0;  // the credential's exp; decides when its signing key may retire
};

// AuditEvent is one line of the append-only audit trail: what happened, to which offer, never a
// claim value or a secret.
struct AuditEvent {
  int64_t at = 0;
  std::string kind;      // "notification.credential_accepted", ...
  std::string offer_id;  // "" when the event concerns no offer
  std::string detail;
};

// PurgeCounts says what one Purge call removed.
struct PurgeCounts {
  int64_t offers_deleted = 0;
  int64_t claims_deleted = 0;
  int64_t tokens_deleted = 0;
  int64_t nonces_deleted = 0;
  int64_t notifications_deleted = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // InsertOffer stores a new pending offer. kAlreadyExists if the id is taken.
  virtual Result<void> InsertOffer(const OfferRecord& offer) = 0;

  // GetOffer returns the offer with `offer_id` whatever its state, or kNotFound.
  virtual Result<OfferRecord> GetOffer(std::string_view offer_id) = 0;

  // RedeemOffer atomically moves a pending, unexpired offer to redeemed and stores `token`.
  // Of any number of concurrent calls for one offer, exactly one succeeds; the others get
  // kInvalidGrant, as does an offer that is unknown, expired, redeemed or invalidated.
  virtual Result<void> RedeemOffer(std::string_view offer_id, int64_t now,
                                   const AccessTokenRecord& token) = 0;

  // RecordFailedTxCode counts one wrong tx_code for a pending offer and returns the new count;
  // at `max_attempts` the offer becomes invalidated. kInvalidGrant if the offer is not pending.
  virtual Result<int> RecordFailedTxCode(std::string_view offer_id, int max_attempts) = 0;

  // GetOfferStatus returns where `offer_id` stands at `now`, or kNotFound.
  virtual Result<OfferStatusRecord> GetOfferStatus(std::string_view offer_id, int64_t now) = 0;

  // CancelOffer moves a pending, unexpired offer of `client` to cancelled, deletes its claims and
  // returns its status afterwards; an offer that is no longer pending is left alone and its
  // status returned. kNotFound if the offer is unknown or belongs to another client.
  virtual Result<OfferStatusRecord> CancelOffer(std::string_view offer_id, std::string_view client,
                                                int64_t now) = 0;

  // GetAccessToken returns the token with `token_hash` if it has not expired at `now`, or
  // kNotFound.
  virtual Result<AccessTokenRecord> GetAccessToken(ByteView token_hash, int64_t now) = 0;

  // InsertNonce stores a fresh c_nonce hash valid until `expires_at`.
  virtual Result<void> InsertNonce(ByteView nonce_hash, int64_t expires_at) = 0;

  // ConsumeNonce atomically marks a nonce used. kInvalidNonce if it is unknown, used or expired;
  // of concurrent calls with one nonce exactly one succeeds.
  virtual Result<void> ConsumeNonce(ByteView nonce_hash, int64_t now) = 0;

  // CountNonces returns how many c_nonces the store holds, expired ones not yet purged
  // included. It reads every row: call it seldom.
  virtual Result<int64_t> CountNonces() = 0;

  // CountOffer adds one to the offers `client` made in the window starting at `window_start`
  // and returns the new count. Atomic across threads and processes.
  virtual Result<int64_t> CountOffer(std::string_view client, int64_t window_start) = 0;

  // InsertNotification stores a notification id handed out with credentials of `offer_id`,
  // usable until `expires_at`.
  virtual Result<void> InsertNotification(std::string_view notification_id,
                                          std::string_view offer_id, int64_t expires_at) = 0;

  // RecordNotification records `event` for the notification id, which must belong to `offer_id`
  // and not have expired at `now`, and appends it to the audit trail. Repeating an event is
  // accepted and recorded again (the endpoint is idempotent). kInvalidNotificationId otherwise.
  virtual Result<void> RecordNotification(std::string_view notification_id,
                                          std::string_view offer_id, std::string_view event,
                                          int64_t now) = 0;

  // AppendAudit appends one event to the audit trail.
  virtual Result<void> AppendAudit(const AuditEvent& event) = 0;

  // RecordIssuance appends one line to the issuance record.
  virtual Result<void> RecordIssuance(const IssuanceRecord& record) = 0;

  // Purge deletes expired nonces and tokens, the claims of offers that can no longer be redeemed
  // or used (the offer expired, or its access token expired), and offers past their lifetime.
  virtual Result<PurgeCounts> Purge(int64_t now) = 0;
};

}  // namespace vci::store

#endif  // VCISSUER_DAEMON_STORE_STORE_H_
