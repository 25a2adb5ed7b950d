#include "daemon/store/schema.h"

#include <string>

namespace vci::store {
namespace {

// Version 1: offers, access tokens, nonces, notification ids, the audit trail and the issuance
// record. A nonce row is deleted when it
// is consumed, so "unknown" and "used" are one state, as the credential endpoint treats them.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE offers (
  offer_id            TEXT PRIMARY KEY,
  client              TEXT NOT NULL,
  configuration_id    TEXT NOT NULL,
  claims_json         TEXT,
  hmac_key_id         BLOB NOT NULL,
  tx_code_mac         BLOB,
  tx_code_input_mode  TEXT NOT NULL DEFAULT '',
  tx_code_length      INTEGER NOT NULL DEFAULT 0,
  tx_code_description TEXT NOT NULL DEFAULT '',
  tx_code_failures    INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  expires_at          INTEGER NOT NULL,
  state               INTEGER NOT NULL,
  redeemed_at         INTEGER
) STRICT;
CREATE INDEX offers_expires_at ON offers(expires_at);

CREATE TABLE access_tokens (
  token_hash            BLOB PRIMARY KEY,
  offer_id              TEXT NOT NULL REFERENCES offers(offer_id) ON DELETE CASCADE,
  configuration_id      TEXT NOT NULL,
  credential_identifier TEXT NOT NULL DEFAULT '',
  expires_at            INTEGER NOT NULL
) STRICT;
CREATE INDEX access_tokens_expires_at ON access_tokens(expires_at);
CREATE INDEX access_tokens_offer_id ON access_tokens(offer_id);

CREATE TABLE nonces (
  nonce_hash BLOB PRIMARY KEY,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX nonces_expires_at ON nonces(expires_at);

-- Offers per client per minute, for the policy's offers_per_minute: one row per client and
-- window, counted in the store so that every worker process shares the count.
CREATE TABLE offer_rate (
  client TEXT NOT NULL,
  window INTEGER NOT NULL,
  count  INTEGER NOT NULL,
  PRIMARY KEY (client, window)
) STRICT;

CREATE TABLE notifications (
  notification_id TEXT PRIMARY KEY,
  offer_id        TEXT NOT NULL,
  last_event      TEXT NOT NULL DEFAULT '',
  expires_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX notifications_expires_at ON notifications(expires_at);

-- Append-only: the store never updates or deletes a row of it.
CREATE TABLE audit_events (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  offer_id TEXT NOT NULL DEFAULT '',
  detail   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

CREATE TABLE issuance_record (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  offer_id          TEXT NOT NULL,
  client            TEXT NOT NULL,
  configuration_id  TEXT NOT NULL,
  signing_key_id    TEXT NOT NULL,
  credential_digest TEXT NOT NULL,
  issued_at         INTEGER NOT NULL
) STRICT;
)sql";

// Version 2: what an offer asked of its credential: a validity in seconds (0: the
// configuration's default) and a not-before time (0: the time of issuance).
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE offers ADD COLUMN credential_validity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN credential_not_before INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 3: key custody (#6). A key set is what a credential configuration names as its signer
// (or what derives codes, or encrypts claims); its members are token keys, by CKA_ID in hex, each
// in one state: next (published, not signing), active (signs; at most one per set), retiring
// (published until every credential it signed has expired) or retired. key_audit is the
// officer's append-only trail. Offers gain the claims encrypted at rest with the id of the
// AES key beside them, and the issuance record the credential's expiry, which decides when a
// retiring key may retire.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE key_sets (
  name       TEXT PRIMARY KEY,
  purpose    TEXT NOT NULL CHECK (purpose IN ('sign', 'hmac', 'claims')),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE key_set_members (
  set_name     TEXT NOT NULL REFERENCES key_sets(name),
  key_id       TEXT NOT NULL,
  label        TEXT NOT NULL DEFAULT '',
  thumbprint   TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL CHECK (state IN ('next', 'active', 'retiring', 'retired')),
  created_at   INTEGER NOT NULL,
  activate_at  INTEGER,
  activated_at INTEGER,
  retiring_at  INTEGER,
  retired_at   INTEGER,
  PRIMARY KEY (set_name, key_id)
) STRICT;
CREATE UNIQUE INDEX key_set_members_one_active ON key_set_members(set_name)
  WHERE state = 'active';
CREATE INDEX key_set_members_key_id ON key_set_members(key_id);

-- Append-only: the store never updates or deletes a row of it.
CREATE TABLE key_audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  unix_user TEXT NOT NULL,
  operation TEXT NOT NULL,
  key_id    TEXT NOT NULL DEFAULT '',
  set_name  TEXT NOT NULL DEFAULT '',
  outcome   TEXT NOT NULL,
  detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER key_audit_no_update BEFORE UPDATE ON key_audit
  BEGIN SELECT RAISE(ABORT, 'the key audit trail is append-only'); END;
CREATE TRIGGER key_audit_no_delete BEFORE DELETE ON key_audit
  BEGIN SELECT RAISE(ABORT, 'the key audit trail is append-only'); END;

ALTER TABLE offers ADD COLUMN claims_ciphertext BLOB;
ALTER TABLE offers ADD COLUMN claims_iv BLOB;
ALTER TABLE offers ADD COLUMN claims_key_id BLOB;
CREATE INDEX offers_claims_key_id ON offers(claims_key_id) WHERE claims_key_id IS NOT NULL;

ALTER TABLE issuance_record ADD COLUMN credential_expires_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX issuance_record_signing_key_id ON issuance_record(signing_key_id);
)sql";

constexpr const char* kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3};
constexpr int kNumMigrations = sizeof(kMigrations) / sizeof(kMigrations[0]);

Result<int> ReadUserVersion(SqliteDb& db) {
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, db.Prepare("PRAGMA user_version"));
  VCI_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    return Error(ErrorCode::kInternal, "the state store is not available", "no user_version");
  }
  auto version = static_cast<int>(stmt->ColumnInt(0));
  stmt->Reset();
  return version;
}

}  // namespace

Result<void> MigrateSchema(SqliteDb& db, int target_version) {
  VCI_CHECK(target_version <= kNumMigrations);
  VCI_TRY(db.Exec("BEGIN IMMEDIATE"));
  Result<int> current = ReadUserVersion(db);
  if (!current.has_value()) {
    (void)db.Exec("ROLLBACK");
    return current.error();
  }
  if (*current > target_version) {
    (void)db.Exec("ROLLBACK");
    return Error(
        ErrorCode::kFailedPrecondition, "the state database is newer than this build",
        "schema version " + std::to_string(*current) + " > " + std::to_string(target_version));
  }
  for (int v = *current; v < target_version; ++v) {
    Result<void> step = db.Exec(kMigrations[v]);
    if (!step.has_value()) {
      (void)db.Exec("ROLLBACK");
      return step.error().WithContext("schema migration to version " + std::to_string(v + 1));
    }
  }
  std::string set_version = "PRAGMA user_version = " + std::to_string(target_version);
  Result<void> done = db.Exec(set_version.c_str());
  if (!done.has_value()) {
    (void)db.Exec("ROLLBACK");
    return done.error();
  }
  return db.Exec("COMMIT");
}

}  // namespace vci::store
