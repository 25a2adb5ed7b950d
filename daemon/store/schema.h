// The SQLite schema, by version. Each step migrates from the version before it.
#ifndef VCISSUER_DAEMON_STORE_SCHEMA_H_
#define VCISSUER_DAEMON_STORE_SCHEMA_H_

#include "daemon/store/sqlite_db.h"

namespace vci::store {

// MigrateSchema brings the database to `target_version` inside one transaction. kFailedPrecondition
// if the database is newer than this build; any failure leaves the database unchanged.
Result<void> MigrateSchema(SqliteDb& db, int target_version);

}  // namespace vci::store

#endif  // VCISSUER_DAEMON_STORE_SCHEMA_H_
