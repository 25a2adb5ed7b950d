// SqliteStore: the Store on one SQLite database in WAL mode, the default for a single appliance.
#ifndef VCISSUER_DAEMON_STORE_SQLITE_STORE_H_
#define VCISSUER_DAEMON_STORE_SQLITE_STORE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "daemon/store/sqlite_db.h"
#include "daemon/store/store.h"

namespace vci::store {

class SqliteStore final : public Store {
 public:
  // Open opens or creates the database at `path`, migrates its schema to the current version
  // and keeps `num_connections` connections for concurrent callers. kUnavailable if the file
  // cannot be opened, kFailedPrecondition if it was written by a newer schema.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, size_t num_connections);

  // SchemaVersion is the version this build writes (PRAGMA user_version).
  static constexpr int kSchemaVersion = 3;

  // Store:
  Result<void> InsertOffer(const OfferRecord& offer) override;
  Result<OfferRecord> GetOffer(std::string_view offer_id) override;
  Result<void> RedeemOffer(std::string_view offer_id, int64_t now,
                           const AccessTokenRecord& token) override;
  Result<int> RecordFailedTxCode(std::string_view offer_id, int max_attempts) override;
  Result<OfferStatusRecord> GetOfferStatus(std::string_view offer_id, int64_t now) override;
  Result<OfferStatusRecord> CancelOffer(std::string_view offer_id, std::string_view client,
                                        int64_t now) override;
  Result<AccessTokenRecord> GetAccessToken(ByteView token_hash, int64_t now) override;
  Result<void> InsertNonce(ByteView nonce_hash, int64_t expires_at) override;
  Result<void> ConsumeNonce(ByteView nonce_hash, int64_t now) override;
  Result<int64_t> CountNonces() override;
  Result<int64_t> CountOffer(std::string_view client, int64_t window_start) override;
  Result<void> InsertNotification(std::string_view notification_id, std::string_view offer_id,
                                  int64_t expires_at) override;
  Result<void> RecordNotification(std::string_view notification_id, std::string_view offer_id,
                                  std::string_view event, int64_t now) override;
  Result<void> AppendAudit(const AuditEvent& event) override;
  Result<void> RecordIssuance(const IssuanceRecord& record) override;
  Result<PurgeCounts> Purge(int64_t now) override;

 private:
  // Lease lends one connection to one caller and gives it back when destroyed.
  class Lease {
   public:
    explicit Lease(SqliteStore& store);
    ~Lease();
    // A copy would return the connection twice.
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    SqliteDb& db() { return *db_; }

   private:
    SqliteStore& store_;
    std::unique_ptr<SqliteDb> db_;
  };

  SqliteStore() = default;

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqliteDb>> idle_;  // guarded by mutex_
};

}  // namespace vci::store

#endif  // VCISSUER_DAEMON_STORE_SQLITE_STORE_H_
