#include "daemon/store/sqlite_db.h"

#include <climits>
#include <utility>

namespace vci::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string detail(what);
  detail += ": ";
  detail += db != nullptr ? ::sqlite3_errmsg(db) : ::sqlite3_errstr(rc);
  int primary = rc & 0xff;
  bool transient = primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
                   primary == SQLITE_FULL || primary == SQLITE_CANTOPEN;
  return Error(transient ? ErrorCode::kUnavailable : ErrorCode::kInternal,
               "the state store is not available", std::move(detail));
}

SqliteStatement::~SqliteStatement() {
  ::sqlite3_finalize(stmt_);
}

void SqliteStatement::BindText(int index, std::string_view text) {
  ::sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::BindBlob(int index, ByteView blob) {
  // An empty blob must still bind as a blob, not as NULL.
  static constexpr uint8_t kEmpty = 0;
  const void* data = blob.empty() ? &kEmpty : blob.data();
  ::sqlite3_bind_blob(stmt_, index, data, static_cast<int>(blob.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::BindInt(int index, int64_t value) {
  ::sqlite3_bind_int64(stmt_, index, value);
}

void SqliteStatement::BindNull(int index) {
  ::sqlite3_bind_null(stmt_, index);
}

Result<bool> SqliteStatement::Step() {
  int rc = ::sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return SqliteError(::sqlite3_db_handle(stmt_), rc, "sqlite3_step");
}

std::string SqliteStatement::ColumnText(int index) {
  const unsigned char* text = ::sqlite3_column_text(stmt_, index);
  int len = ::sqlite3_column_bytes(stmt_, index);
  if (text == nullptr) {
    return {};
  }
  return {reinterpret_cast<const char*>(text), static_cast<size_t>(len)};
}

Bytes SqliteStatement::ColumnBlob(int index) {
  const auto* data = static_cast<const uint8_t*>(::sqlite3_column_blob(stmt_, index));
  int len = ::sqlite3_column_bytes(stmt_, index);
  if (data == nullptr) {
    return {};
  }
  return {data, data + len};
}

int64_t SqliteStatement::ColumnInt(int index) {
  return ::sqlite3_column_int64(stmt_, index);
}

bool SqliteStatement::ColumnIsNull(int index) {
  return ::sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

void SqliteStatement::Reset() {
  ::sqlite3_reset(stmt_);
  ::sqlite3_clear_bindings(stmt_);
}

Result<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = ::sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<SqliteDb> db(new SqliteDb(raw));
  if (rc != SQLITE_OK) {
    return SqliteError(raw, rc, "open " + path);
  }
  ::sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  ::sqlite3_extended_result_codes(raw, 1);
  // WAL lets readers run beside the single writer; NORMAL sync is durable across process
  // crashes (the kill -9 case) and loses at most the last commits on power loss.
  VCI_TRY(
      db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
               "PRAGMA secure_delete=ON;"));
  return db;
}

SqliteDb::~SqliteDb() {
  statements_.clear();
  ::sqlite3_close_v2(db_);
}

Result<void> SqliteDb::Exec(const char* sql) {
  char* message = nullptr;
  int rc = ::sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  ::sqlite3_free(message);
  if (rc != SQLITE_OK) {
    return SqliteError(db_, rc, "sqlite3_exec");
  }
  return Ok();
}

Result<SqliteStatement*> SqliteDb::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = ::sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return SqliteError(db_, rc, "sqlite3_prepare");
  }
  auto owned = std::make_unique<SqliteStatement>(stmt);
  SqliteStatement* out = owned.get();
  statements_.emplace(sql, std::move(owned));
  return out;
}

int64_t SqliteDb::Changes() const {
  return ::sqlite3_changes64(db_);
}

Result<void> SqliteStatement::Run() {
  Result<bool> step = Step();
  Reset();
  if (!step.has_value()) {
    return step.error();
  }
  return Ok();
}

Result<SqliteTransaction> SqliteTransaction::Begin(SqliteDb& db) {
  VCI_TRY(db.Exec("BEGIN IMMEDIATE"));
  return SqliteTransaction(db);
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)) {}

SqliteTransaction::~SqliteTransaction() {
  if (db_ != nullptr) {
    (void)db_->Exec("ROLLBACK");
  }
}

Result<void> SqliteTransaction::Commit() {
  SqliteDb* db = std::exchange(db_, nullptr);
  Result<void> done = db->Exec("COMMIT");
  if (!done.has_value()) {
    (void)db->Exec("ROLLBACK");
  }
  return done;
}

}  // namespace vci::store
