#include "daemon/store/sqlite_store.h"

#include <utility>

#include "daemon/store/schema.h"

namespace vci::store {
namespace {

Error OfferNotRedeemable() {
  return Error(ErrorCode::kInvalidGrant, "the pre-authorized code is invalid, expired or used");
}

}  // namespace

SqliteStore::Lease::Lease(SqliteStore& store) : store_(store) {
  std::unique_lock lock(store_.mutex_);
  store_.available_.wait(lock, [&] { return !store_.idle_.empty(); });
  db_ = std::move(store_.idle_.back());
  store_.idle_.pop_back();
}

SqliteStore::Lease::~Lease() {
  {
    std::lock_guard lock(store_.mutex_);
    store_.idle_.push_back(std::move(db_));
  }
  store_.available_.notify_one();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       size_t num_connections) {
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> first, SqliteDb::Open(path, /*create=*/true));
  VCI_TRY(MigrateSchema(*first, kSchemaVersion));
  store->idle_.push_back(std::move(first));
  for (size_t i = 1; i < num_connections; ++i) {
    VCI_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, /*create=*/false));
    store->idle_.push_back(std::move(db));
  }
  return store;
}

Result<void> SqliteStore::InsertOffer(const OfferRecord& offer) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare(
          "INSERT INTO offers (offer_id, client, configuration_id, claims_json, hmac_key_id,"
          " tx_code_mac, tx_code_input_mode, tx_code_length, tx_code_description,"
          " tx_code_failures, created_at, expires_at, state, credential_validity,"
          " credential_not_before)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, 0, ?12, ?13)"));
  stmt->BindText(1, offer.offer_id);
  stmt->BindText(2, offer.client);
  stmt->BindText(3, offer.configuration_id);
  stmt->BindText(4, offer.claims_json);
  stmt->BindBlob(5, offer.hmac_key_id);
  if (offer.tx_code_mac.has_value()) {
    stmt->BindBlob(6, *offer.tx_code_mac);
  } else {
    stmt->BindNull(6);
  }
  stmt->BindText(7, offer.tx_code_input_mode);
  stmt->BindInt(8, offer.tx_code_length);
  stmt->BindText(9, offer.tx_code_description);
  stmt->BindInt(10, offer.created_at);
  stmt->BindInt(11, offer.expires_at);
  stmt->BindInt(12, offer.credential_validity);
  stmt->BindInt(13, offer.credential_not_before);
  Result<void> done = stmt->Run();
  if (!done.has_value() && done.error().code() == ErrorCode::kInternal) {
    return Error(ErrorCode::kAlreadyExists, "offer id collision", done.error().detail());
  }
  return done;
}

Result<OfferRecord> SqliteStore::GetOffer(std::string_view offer_id) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare(
          "SELECT client, configuration_id, claims_json, hmac_key_id, tx_code_mac,"
          " tx_code_input_mode, tx_code_length, tx_code_description, tx_code_failures,"
          " created_at, expires_at, state, credential_validity, credential_not_before"
          " FROM offers WHERE offer_id = ?1"));
  stmt->BindText(1, offer_id);
  VCI_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    stmt->Reset();
    return Error(ErrorCode::kNotFound, "unknown offer");
  }
  OfferRecord offer;
  offer.offer_id = std::string(offer_id);
  offer.client = stmt->ColumnText(0);
  offer.configuration_id = stmt->ColumnText(1);
  offer.claims_json = stmt->ColumnText(2);
  offer.hmac_key_id = stmt->ColumnBlob(3);
  if (!stmt->ColumnIsNull(4)) {
    offer.tx_code_mac = stmt->ColumnBlob(4);
  }
  offer.tx_code_input_mode = stmt->ColumnText(5);
  offer.tx_code_length = static_cast<int>(stmt->ColumnInt(6));
  offer.tx_code_description = stmt->ColumnText(7);
  offer.tx_code_failures = static_cast<int>(stmt->ColumnInt(8));
  offer.created_at = stmt->ColumnInt(9);
  offer.expires_at = stmt->ColumnInt(10);
  int64_t state = stmt->ColumnInt(11);
  offer.state = state == 0   ? OfferState::kPending
                : state == 1 ? OfferState::kRedeemed
                             : OfferState::kInvalidated;
  offer.credential_validity = stmt->ColumnInt(12);
  offer.credential_not_before = stmt->ColumnInt(13);
  stmt->Reset();
  return offer;
}

Result<void> SqliteStore::RedeemOffer(std::string_view offer_id, int64_t now,
                                      const AccessTokenRecord& token) {
  Lease lease(*this);
  SqliteDb& db = lease.db();
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  VCI_ASSIGN_OR_RETURN(SqliteStatement * redeem,
                       db.Prepare("UPDATE offers SET state = 1, redeemed_at = ?2"
                                  " WHERE offer_id = ?1 AND state = 0 AND expires_at > ?2"));
  redeem->BindText(1, offer_id);
  redeem->BindInt(2, now);
  VCI_TRY(redeem->Run());
  if (db.Changes() != 1) {
    return OfferNotRedeemable();
  }
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * insert,
      db.Prepare("INSERT INTO access_tokens (token_hash, offer_id, configuration_id,"
                 " credential_identifier, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert->BindBlob(1, token.token_hash);
  insert->BindText(2, offer_id);
  insert->BindText(3, token.configuration_id);
  insert->BindText(4, token.credential_identifier);
  insert->BindInt(5, token.expires_at);
  VCI_TRY(insert->Run());
  return tx.Commit();
}

Result<int> SqliteStore::RecordFailedTxCode(std::string_view offer_id, int max_attempts) {
  Lease lease(*this);
  SqliteDb& db = lease.db();
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * bump,
      db.Prepare("UPDATE offers SET tx_code_failures = tx_code_failures + 1,"
                 " state = CASE WHEN tx_code_failures + 1 >= ?2 THEN 2 ELSE state END"
                 " WHERE offer_id = ?1 AND state = 0 RETURNING tx_code_failures"));
  bump->BindText(1, offer_id);
  bump->BindInt(2, max_attempts);
  VCI_ASSIGN_OR_RETURN(bool row, bump->Step());
  if (!row) {
    bump->Reset();
    return OfferNotRedeemable();
  }
  auto failures = static_cast<int>(bump->ColumnInt(0));
  VCI_TRY(bump->Run());
  VCI_TRY(tx.Commit());
  return failures;
}

Result<AccessTokenRecord> SqliteStore::GetAccessToken(ByteView token_hash, int64_t now) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare("SELECT offer_id, configuration_id, credential_identifier, expires_at"
                         " FROM access_tokens WHERE token_hash = ?1 AND expires_at > ?2"));
  stmt->BindBlob(1, token_hash);
  stmt->BindInt(2, now);
  VCI_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    stmt->Reset();
    return Error(ErrorCode::kNotFound, "the access token is invalid or expired");
  }
  AccessTokenRecord token;
  token.token_hash = Bytes(token_hash.begin(), token_hash.end());
  token.offer_id = stmt->ColumnText(0);
  token.configuration_id = stmt->ColumnText(1);
  token.credential_identifier = stmt->ColumnText(2);
  token.expires_at = stmt->ColumnInt(3);
  stmt->Reset();
  return token;
}

Result<void> SqliteStore::InsertNonce(ByteView nonce_hash, int64_t expires_at) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare("INSERT INTO nonces (nonce_hash, expires_at) VALUES (?1, ?2)"));
  stmt->BindBlob(1, nonce_hash);
  stmt->BindInt(2, expires_at);
  return stmt->Run();
}

Result<int64_t> SqliteStore::CountNonces() {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, lease.db().Prepare("SELECT count(*) FROM nonces"));
  VCI_ASSIGN_OR_RETURN(bool row, stmt->Step());
  int64_t count = row ? stmt->ColumnInt(0) : 0;
  stmt->Reset();
  return count;
}

Result<void> SqliteStore::ConsumeNonce(ByteView nonce_hash, int64_t now) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare("DELETE FROM nonces WHERE nonce_hash = ?1 AND expires_at > ?2"));
  stmt->BindBlob(1, nonce_hash);
  stmt->BindInt(2, now);
  VCI_TRY(stmt->Run());
  if (lease.db().Changes() != 1) {
    return Error(ErrorCode::kInvalidNonce, "the c_nonce is unknown, expired or already used");
  }
  return Ok();
}

Result<PurgeCounts> SqliteStore::Purge(int64_t now) {
  Lease lease(*this);
  SqliteDb& db = lease.db();
  PurgeCounts counts;
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));

  VCI_ASSIGN_OR_RETURN(SqliteStatement * nonces,
                       db.Prepare("DELETE FROM nonces WHERE expires_at <= ?1"));
  nonces->BindInt(1, now);
  VCI_TRY(nonces->Run());
  counts.nonces_deleted = db.Changes();

  VCI_ASSIGN_OR_RETURN(SqliteStatement * tokens,
                       db.Prepare("DELETE FROM access_tokens WHERE expires_at <= ?1"));
  tokens->BindInt(1, now);
  VCI_TRY(tokens->Run());
  counts.tokens_deleted = db.Changes();

  VCI_ASSIGN_OR_RETURN(SqliteStatement * notifications,
                       db.Prepare("DELETE FROM notifications WHERE expires_at <= ?1"));
  notifications->BindInt(1, now);
  VCI_TRY(notifications->Run());
  counts.notifications_deleted = db.Changes();

  // Rate windows are a minute long; anything older than two minutes counts for nothing.
  VCI_ASSIGN_OR_RETURN(SqliteStatement * rates,
                       db.Prepare("DELETE FROM offer_rate WHERE window < ?1 - 120"));
  rates->BindInt(1, now);
  VCI_TRY(rates->Run());

  // Claims are personal data: once the offer can no longer be redeemed (expired or invalidated
  // while pending) or its access token is gone, nothing may issue from them again.
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * claims,
      db.Prepare("UPDATE offers SET claims_json = NULL WHERE claims_json IS NOT NULL AND ("
                 " (state = 0 AND expires_at <= ?1) OR state = 2 OR"
                 " (state = 1 AND NOT EXISTS (SELECT 1 FROM access_tokens t"
                 "   WHERE t.offer_id = offers.offer_id)))"));
  claims->BindInt(1, now);
  VCI_TRY(claims->Run());
  counts.claims_deleted = db.Changes();

  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * offers,
      db.Prepare("DELETE FROM offers WHERE expires_at <= ?1 AND NOT EXISTS"
                 " (SELECT 1 FROM access_tokens t WHERE t.offer_id = offers.offer_id)"));
  offers->BindInt(1, now);
  VCI_TRY(offers->Run());
  counts.offers_deleted = db.Changes();

  VCI_TRY(tx.Commit());
  return counts;
}

}  // namespace vci::store
