// SqliteStore's records of what happened: notification ids and their events, the append-only
// audit trail, and the issuance record. (Offers, tokens and nonces are in sqlite_store.cc.)
#include "daemon/store/sqlite_store.h"

namespace vci::store {
namespace {

Error UnknownNotification() {
  return Error(ErrorCode::kInvalidNotificationId, "the notification_id is unknown or expired");
}

// InsertAudit appends `event` through `db`, inside the caller's transaction if any.
Result<void> InsertAudit(SqliteDb& db, const AuditEvent& event) {
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt,
                       db.Prepare("INSERT INTO audit_events (at, kind, offer_id, detail)"
                                  " VALUES (?1, ?2, ?3, ?4)"));
  stmt->BindInt(1, event.at);
  stmt->BindText(2, event.kind);
  stmt->BindText(3, event.offer_id);
  stmt->BindText(4, event.detail);
  return stmt->Run();
}

}  // namespace

Result<int64_t> SqliteStore::CountOffer(std::string_view client, int64_t window_start) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare("INSERT INTO offer_rate (client, window, count) VALUES (?1, ?2, 1)"
                         " ON CONFLICT (client, window) DO UPDATE SET count = count + 1"
                         " RETURNING count"));
  stmt->BindText(1, client);
  stmt->BindInt(2, window_start);
  VCI_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    stmt->Reset();
    return Error(ErrorCode::kInternal, "the state store is not available", "no count returned");
  }
  int64_t count = stmt->ColumnInt(0);
  VCI_TRY(stmt->Run());
  return count;
}

Result<void> SqliteStore::InsertNotification(std::string_view notification_id,
                                             std::string_view offer_id, int64_t expires_at) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare("INSERT INTO notifications (notification_id, offer_id, expires_at)"
                         " VALUES (?1, ?2, ?3)"));
  stmt->BindText(1, notification_id);
  stmt->BindText(2, offer_id);
  stmt->BindInt(3, expires_at);
  return stmt->Run();
}

Result<void> SqliteStore::RecordNotification(std::string_view notification_id,
                                             std::string_view offer_id, std::string_view event,
                                             int64_t now) {
  Lease lease(*this);
  SqliteDb& db = lease.db();
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(db));
  VCI_ASSIGN_OR_RETURN(SqliteStatement * update,
                       db.Prepare("UPDATE notifications SET last_event = ?3"
                                  " WHERE notification_id = ?1 AND offer_id = ?2"
                                  " AND expires_at > ?4"));
  update->BindText(1, notification_id);
  update->BindText(2, offer_id);
  update->BindText(3, event);
  update->BindInt(4, now);
  VCI_TRY(update->Run());
  if (db.Changes() != 1) {
    return UnknownNotification();
  }
  VCI_TRY(InsertAudit(
      db, AuditEvent{now, "notification." + std::string(event), std::string(offer_id), ""}));
  return tx.Commit();
}

Result<void> SqliteStore::AppendAudit(const AuditEvent& event) {
  Lease lease(*this);
  return InsertAudit(lease.db(), event);
}

Result<void> SqliteStore::RecordIssuance(const IssuanceRecord& record) {
  Lease lease(*this);
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      lease.db().Prepare("INSERT INTO issuance_record (offer_id, client, configuration_id,"
                         " signing_key_id, credential_digest, issued_at, credential_expires_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  stmt->BindText(1, record.offer_id);
  stmt->BindText(2, record.client);
  stmt->BindText(3, record.configuration_id);
  stmt->BindText(4, record.signing_key_id);
  stmt->BindText(5, record.credential_digest);
  stmt->BindInt(6, record.issued_at);
  stmt->BindInt(7, record.expires_at);
  return stmt->Run();
}

}  // namespace vci::store
