// SqliteStore's offer status queries for the admin API: the status of one offer and its
// cancellation by the client that made it. (Offers themselves are in sqlite_store.cc.)
#include "daemon/store/offer_status.h"
#include "daemon/store/sqlite_store.h"

namespace vci::store {
namespace {

Error UnknownOffer() {
  return Error(ErrorCode::kNotFound, "unknown offer");
}

OfferStatus StatusOf(int64_t state, int64_t expires_at, int64_t now) {
  switch (state) {
    case 0:
      return expires_at <= now ? OfferStatus::kExpired : OfferStatus::kPending;
    case 1:
      return OfferStatus::kRedeemed;
    case kOfferStateCancelled:
      return OfferStatus::kCancelled;
    default:
      return OfferStatus::kInvalidated;
  }
}

// ReadStatus reads the status of `offer_id` through `db`, inside the caller's transaction if any.
Result<OfferStatusRecord> ReadStatus(SqliteDb& db, std::string_view offer_id, int64_t now) {
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt,
                       db.Prepare("SELECT client, configuration_id, state, expires_at, redeemed_at"
                                  " FROM offers WHERE offer_id = ?1"));
  stmt->BindText(1, offer_id);
  VCI_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    stmt->Reset();
    return UnknownOffer();
  }
  OfferStatusRecord record;
  record.offer_id = std::string(offer_id);
  record.client = stmt->ColumnText(0);
  record.configuration_id = stmt->ColumnText(1);
  record.expires_at = stmt->ColumnInt(3);
  record.status = StatusOf(stmt->ColumnInt(2), record.expires_at, now);
  if (!stmt->ColumnIsNull(4)) {
    record.redeemed_at = stmt->ColumnInt(4);
  }
  stmt->Reset();
  return record;
}

}  // namespace

std::string_view OfferStatusName(OfferStatus status) {
  switch (status) {
    case OfferStatus::kPending:
      return "pending";
    case OfferStatus::kRedeemed:
      return "redeemed";
    case OfferStatus::kExpired:
      return "expired";
    case OfferStatus::kCancelled:
      return "cancelled";
    case OfferStatus::kInvalidated:
      return "invalidated";
  }
  return "invalidated";
}

Result<OfferStatusRecord> SqliteStore::GetOfferStatus(std::string_view offer_id, int64_t now) {
  Lease lease(*this);
  return ReadStatus(lease.db(), offer_id, now);
}

Result<OfferStatusRecord> SqliteStore::CancelOffer(std::string_view offer_id,
                                                   std::string_view client, int64_t now) {
  Lease lease(*this);
  SqliteDb& db = lease.db();
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  // The claims go with the offer: nothing can ever be issued from them again.
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * cancel,
      db.Prepare("UPDATE offers SET state = ?4, claims_json = NULL"
                 " WHERE offer_id = ?1 AND client = ?2 AND state = 0 AND expires_at > ?3"));
  cancel->BindText(1, offer_id);
  cancel->BindText(2, client);
  cancel->BindInt(3, now);
  cancel->BindInt(4, kOfferStateCancelled);
  VCI_TRY(cancel->Run());
  bool cancelled_now = db.Changes() == 1;
  VCI_ASSIGN_OR_RETURN(OfferStatusRecord record, ReadStatus(db, offer_id, now));
  // Another client's offer is as unknown as one that never existed.
  if (record.client != client) {
    return UnknownOffer();
  }
  if (cancelled_now) {
    VCI_ASSIGN_OR_RETURN(SqliteStatement * audit,
                         db.Prepare("INSERT INTO audit_events (at, kind, offer_id, detail)"
                                    " VALUES (?1, 'offer.cancelled', ?2, '')"));
    audit->BindInt(1, now);
    audit->BindText(2, offer_id);
    VCI_TRY(audit->Run());
  }
  VCI_TRY(tx.Commit());
  return record;
}

}  // namespace vci::store
