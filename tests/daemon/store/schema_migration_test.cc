// Schema migration: a version 1 database, written with the version 1 SQL as it shipped, upgrades
// in place to the current version, keeping its rows and gaining the key custody tables.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "daemon/store/key_registry.h"
#include "daemon/store/sqlite_store.h"

namespace vci::store {
namespace {

namespace fs = std::filesystem;

// The version 1 schema, copied from the release that wrote it (commit 05a85a8). It must never
// change: it is what databases in the field hold.
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

constexpr const char* kV1Rows = R"sql(
INSERT INTO offers (offer_id, client, configuration_id, claims_json, hmac_key_id, created_at,
                    expires_at, state)
  VALUES ('offer-1', 'hr', 'employee_badge', '{"given_name":"Erika"}', x'0102', 1000, 1600, 0);
INSERT INTO audit_events (at, kind, offer_id, detail) VALUES (1000, 'offer.created', 'offer-1', '');
INSERT INTO issuance_record (offer_id, client, configuration_id, signing_key_id,
                             credential_digest, issued_at)
  VALUES ('offer-1', 'hr', 'employee_badge', 'kid-old', 'digest-1', 1100);
PRAGMA user_version = 1;
)sql";

class SchemaMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vci-migrate-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "state.db").string();
    auto db = SqliteDb::Open(path_, /*create=*/true);
    ASSERT_TRUE(db.has_value()) << db.error().detail();
    ASSERT_TRUE((*db)->Exec(kSchemaV1).has_value());
    ASSERT_TRUE((*db)->Exec(kV1Rows).has_value());
  }

  void TearDown() override { fs::remove_all(dir_); }

  // Query returns the first column of the first row of `sql` as text ("" when there is none).
  std::string Query(const char* sql) {
    auto db = SqliteDb::Open(path_, /*create=*/false);
    EXPECT_TRUE(db.has_value());
    auto stmt = (*db)->Prepare(sql);
    EXPECT_TRUE(stmt.has_value());
    auto row = (*stmt)->Step();
    std::string text = row.has_value() && *row ? (*stmt)->ColumnText(0) : "";
    (*stmt)->Reset();
    return text;
  }

  fs::path dir_;
  std::string path_;
};

// Opening the store upgrades the file; the version 1 rows read back unchanged through the store.
TEST_F(SchemaMigrationTest, VersionOneUpgradesInPlace) {
  auto store = SqliteStore::Open(path_, 1);
  ASSERT_TRUE(store.has_value()) << store.error().detail();
  EXPECT_EQ(Query("PRAGMA user_version"), "3");

  auto offer = (*store)->GetOffer("offer-1");
  ASSERT_TRUE(offer.has_value()) << offer.error().detail();
  EXPECT_EQ(offer->client, "hr");
  EXPECT_EQ(offer->claims_json, R"({"given_name":"Erika"})");
  EXPECT_EQ(offer->hmac_key_id, (Bytes{1, 2}));
  EXPECT_EQ(offer->expires_at, 1600);
  EXPECT_EQ(offer->credential_validity, 0);

  // The new columns exist with their defaults.
  EXPECT_EQ(Query("SELECT claims_ciphertext IS NULL FROM offers"), "1");
  EXPECT_EQ(Query("SELECT credential_expires_at FROM issuance_record"), "0");
  EXPECT_EQ(Query("SELECT signing_key_id || '/' || credential_digest FROM issuance_record"),
            "kid-old/digest-1");
  EXPECT_EQ(Query("SELECT kind FROM audit_events"), "offer.created");
  EXPECT_EQ(Query("SELECT count(*) FROM key_sets"), "0");
}

// An issuance recorded before version 3 has no expiry, so its signing key never retires by
// itself: the registry counts the credential as valid for ever.
TEST_F(SchemaMigrationTest, VersionOneIssuanceKeepsItsKeyInUse) {
  auto registry = KeyRegistry::Open(path_);
  ASSERT_TRUE(registry.has_value()) << registry.error().detail();
  KeySetMember member;
  member.set_name = "badge";
  member.key_id = "01";
  member.thumbprint = "kid-old";
  auto until = (*registry)->InUseUntil(member, KeyPurpose::kSign);
  ASSERT_TRUE(until.has_value());
  EXPECT_EQ(*until, INT64_MAX);
}

// Migrating twice (a second process opening the same file) changes nothing.
TEST_F(SchemaMigrationTest, SecondOpenIsANoOp) {
  ASSERT_TRUE(SqliteStore::Open(path_, 1).has_value());
  auto again = SqliteStore::Open(path_, 1);
  ASSERT_TRUE(again.has_value()) << again.error().detail();
  EXPECT_EQ(Query("SELECT count(*) FROM offers"), "1");
}

}  // namespace
}  // namespace vci::store
