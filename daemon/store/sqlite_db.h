// SqliteDb and SqliteStatement: RAII over one SQLite connection and its prepared statements.
#ifndef VCISSUER_DAEMON_STORE_SQLITE_DB_H_
#define VCISSUER_DAEMON_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"

namespace vci::store {

// SqliteStatement is a prepared statement, reset and unbound after each use.
class SqliteStatement {
 public:
  explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}

  ~SqliteStatement();
  // A copy would finalize the statement twice.
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Bind* set the 1-based parameter `index`. Failures surface at Step().
  void BindText(int index, std::string_view text);
  void BindBlob(int index, ByteView blob);
  void BindInt(int index, int64_t value);
  void BindNull(int index);

  // Step runs the statement one step: true when a row is ready, false when done, or an
  // kUnavailable error (busy, I/O) / kInternal error (misuse, constraint).
  Result<bool> Step();

  std::string ColumnText(int index);
  Bytes ColumnBlob(int index);
  int64_t ColumnInt(int index);
  bool ColumnIsNull(int index);

  // Reset clears the bindings and rewinds the statement for its next use.
  void Reset();

  // Run steps a statement that returns no rows to its end and resets it; errors as for Step.
  Result<void> Run();

 private:
  sqlite3_stmt* stmt_;  // owned
};

// SqliteDb is one connection, with its statements prepared once and cached by SQL text. Not
// thread-safe: the store hands each connection to one thread at a time.
class SqliteDb {
 public:
  // Open opens (creating if asked) the database at `path` in WAL mode with a busy timeout.
  // kUnavailable if the file cannot be opened.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, bool create);

  ~SqliteDb();
  // A copy would close the connection twice.
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Exec runs one or more statements without results (schema, BEGIN, COMMIT).
  Result<void> Exec(const char* sql);

  // Prepare returns the cached statement for `sql`, preparing it on first use. The statement is
  // owned by this connection and reset when the caller's Reset or the next Prepare runs.
  Result<SqliteStatement*> Prepare(const char* sql);

  // Changes is the number of rows the last statement changed.
  int64_t Changes() const;

  sqlite3* handle() { return db_; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}

  sqlite3* db_;  // owned
  std::map<const char*, std::unique_ptr<SqliteStatement>> statements_;
};

// SqliteTransaction is BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() succeeded.
// IMMEDIATE takes the write lock at once, so two redemptions of one code serialise instead of
// both reading "pending".
class SqliteTransaction {
 public:
  // Begin starts a transaction on `db`, which must outlive it.
  static Result<SqliteTransaction> Begin(SqliteDb& db);

  SqliteTransaction(SqliteTransaction&& other) noexcept;
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  // A copy would end the transaction twice.
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  ~SqliteTransaction();

  // Commit ends the transaction; on failure it is rolled back.
  Result<void> Commit();

 private:
  explicit SqliteTransaction(SqliteDb& db) : db_(&db) {}

  SqliteDb* db_;  // not owned; null once finished
};

// SqliteError converts the connection's last error into an Error with `what` as context.
Error SqliteError(sqlite3* db, int rc, std::string_view what);

}  // namespace vci::store

#endif  // VCISSUER_DAEMON_STORE_SQLITE_DB_H_
