#include "daemon/store/sqlite_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

namespace vci::store {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1'800'000'000;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vci-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = SqliteStore::Open((dir_ / "state.db").string(), 4);
    ASSERT_TRUE(store.has_value()) << store.error().detail();
    store_ = std::move(store).value();
  }

  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  static OfferRecord MakeOffer(const std::string& id) {
    OfferRecord offer;
    offer.offer_id = id;
    offer.client = "hr";
    offer.configuration_id = "employee_badge";
    offer.claims_json = R"({"given_name":"Erika"})";
    offer.hmac_key_id = {1, 2, 3};
    offer.created_at = kNow;
    offer.expires_at = kNow + 600;
    return offer;
  }

  static AccessTokenRecord MakeToken(uint8_t tag, const std::string& offer_id) {
    AccessTokenRecord token;
    token.token_hash = Bytes(32, tag);
    token.offer_id = offer_id;
    token.configuration_id = "employee_badge";
    token.expires_at = kNow + 300;
    return token;
  }

  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

// An inserted offer reads back field for field.
TEST_F(SqliteStoreTest, InsertThenGetWorks) {
  OfferRecord offer = MakeOffer("o1");
  offer.tx_code_mac = Bytes(32, 0xaa);
  offer.tx_code_input_mode = "numeric";
  offer.tx_code_length = 6;
  ASSERT_TRUE(store_->InsertOffer(offer).has_value());
  auto got = store_->GetOffer("o1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->client, "hr");
  EXPECT_EQ(got->claims_json, R"({"given_name":"Erika"})");
  EXPECT_EQ(got->hmac_key_id, (Bytes{1, 2, 3}));
  ASSERT_TRUE(got->tx_code_mac.has_value());
  EXPECT_EQ(*got->tx_code_mac, Bytes(32, 0xaa));
  EXPECT_EQ(got->tx_code_length, 6);
  EXPECT_EQ(got->state, OfferState::kPending);
  EXPECT_EQ(store_->GetOffer("nope").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->InsertOffer(offer).error().code(), ErrorCode::kAlreadyExists);
}

// A code redeems once; the second redemption and an expired offer get invalid_grant.
TEST_F(SqliteStoreTest, RedeemTwiceFails) {
  ASSERT_TRUE(store_->InsertOffer(MakeOffer("o1")).has_value());
  EXPECT_TRUE(store_->RedeemOffer("o1", kNow, MakeToken(1, "o1")).has_value());
  auto again = store_->RedeemOffer("o1", kNow, MakeToken(2, "o1"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kInvalidGrant);
  EXPECT_EQ(store_->GetOffer("o1")->state, OfferState::kRedeemed);

  ASSERT_TRUE(store_->InsertOffer(MakeOffer("o2")).has_value());
  EXPECT_EQ(store_->RedeemOffer("o2", kNow + 600, MakeToken(3, "o2")).error().code(),
            ErrorCode::kInvalidGrant);
}

// Fifty threads redeeming one offer at once: exactly one wins.
TEST_F(SqliteStoreTest, ConcurrentRedeemHasOneWinner) {
  ASSERT_TRUE(store_->InsertOffer(MakeOffer("o1")).has_value());
  std::atomic<int> wins{0};
  std::atomic<int> invalid_grants{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&, i] {
      auto r = store_->RedeemOffer("o1", kNow, MakeToken(static_cast<uint8_t>(i), "o1"));
      if (r.has_value()) {
        ++wins;
      } else if (r.error().code() == ErrorCode::kInvalidGrant) {
        ++invalid_grants;
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(invalid_grants.load(), 49);
}

// Wrong tx_codes are counted, and the cap invalidates the offer for good.
TEST_F(SqliteStoreTest, TxCodeFailuresInvalidateAtCap) {
  ASSERT_TRUE(store_->InsertOffer(MakeOffer("o1")).has_value());
  EXPECT_EQ(store_->RecordFailedTxCode("o1", 3).value(), 1);
  EXPECT_EQ(store_->RecordFailedTxCode("o1", 3).value(), 2);
  EXPECT_EQ(store_->GetOffer("o1")->state, OfferState::kPending);
  EXPECT_EQ(store_->RecordFailedTxCode("o1", 3).value(), 3);
  EXPECT_EQ(store_->GetOffer("o1")->state, OfferState::kInvalidated);
  EXPECT_EQ(store_->RecordFailedTxCode("o1", 3).error().code(), ErrorCode::kInvalidGrant);
  EXPECT_EQ(store_->RedeemOffer("o1", kNow, MakeToken(1, "o1")).error().code(),
            ErrorCode::kInvalidGrant);
}

// A nonce is consumed once, and an expired one not at all.
TEST_F(SqliteStoreTest, NonceConsumedOnce) {
  Bytes n1(32, 1);
  Bytes n2(32, 2);
  ASSERT_TRUE(store_->InsertNonce(n1, kNow + 300).has_value());
  ASSERT_TRUE(store_->InsertNonce(n2, kNow + 300).has_value());
  EXPECT_TRUE(store_->ConsumeNonce(n1, kNow).has_value());
  EXPECT_EQ(store_->ConsumeNonce(n1, kNow).error().code(), ErrorCode::kInvalidNonce);
  EXPECT_EQ(store_->ConsumeNonce(n2, kNow + 300).error().code(), ErrorCode::kInvalidNonce);
  EXPECT_EQ(store_->ConsumeNonce(Bytes(32, 9), kNow).error().code(), ErrorCode::kInvalidNonce);
}

// Access tokens are found by hash until they expire.
TEST_F(SqliteStoreTest, AccessTokenExpires) {
  ASSERT_TRUE(store_->InsertOffer(MakeOffer("o1")).has_value());
  ASSERT_TRUE(store_->RedeemOffer("o1", kNow, MakeToken(7, "o1")).has_value());
  auto token = store_->GetAccessToken(Bytes(32, 7), kNow + 10);
  ASSERT_TRUE(token.has_value());
  EXPECT_EQ(token->offer_id, "o1");
  EXPECT_EQ(store_->GetAccessToken(Bytes(32, 7), kNow + 300).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->GetAccessToken(Bytes(32, 8), kNow).error().code(), ErrorCode::kNotFound);
}

// Purge deletes claims once nothing can issue from them, and the rows once they are useless.
TEST_F(SqliteStoreTest, PurgeDeletesClaimsWhenUnusable) {
  ASSERT_TRUE(store_->InsertOffer(MakeOffer("pending")).has_value());
  ASSERT_TRUE(store_->InsertOffer(MakeOffer("redeemed")).has_value());
  ASSERT_TRUE(store_->RedeemOffer("redeemed", kNow, MakeToken(1, "redeemed")).has_value());
  ASSERT_TRUE(store_->InsertNonce(Bytes(32, 5), kNow + 300).has_value());

  // While the token lives the redeemed offer keeps its claims.
  auto early = store_->Purge(kNow + 100);
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->claims_deleted, 0);
  EXPECT_EQ(store_->GetOffer("redeemed")->claims_json, R"({"given_name":"Erika"})");

  // After the token expired (300 s) but before the offer did (600 s).
  auto mid = store_->Purge(kNow + 400);
  ASSERT_TRUE(mid.has_value());
  EXPECT_EQ(mid->tokens_deleted, 1);
  EXPECT_EQ(mid->nonces_deleted, 1);
  EXPECT_EQ(mid->claims_deleted, 1);
  EXPECT_EQ(store_->GetOffer("redeemed")->claims_json, "");
  EXPECT_EQ(store_->GetOffer("pending")->claims_json, R"({"given_name":"Erika"})");

  auto late = store_->Purge(kNow + 700);
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->offers_deleted, 2);
  EXPECT_EQ(store_->GetOffer("pending").error().code(), ErrorCode::kNotFound);
}

// A database written by a newer schema is refused, not silently used.
TEST_F(SqliteStoreTest, NewerSchemaIsRefused) {
  store_.reset();
  std::string path = (dir_ / "state.db").string();
  {
    auto db = SqliteDb::Open(path, false);
    ASSERT_TRUE(db.has_value());
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 99").has_value());
  }
  auto reopened = SqliteStore::Open(path, 1);
  ASSERT_FALSE(reopened.has_value());
  EXPECT_EQ(reopened.error().code(), ErrorCode::kFailedPrecondition);
}

// A notification id accepts events (repeats included) only for its own offer and until it
// expires; each accepted event lands in the audit trail.
TEST_F(SqliteStoreTest, NotificationEventsWork) {
  ASSERT_TRUE(store_->InsertNotification("n-1", "offer-a", kNow + 300).has_value());
  EXPECT_TRUE(
      store_->RecordNotification("n-1", "offer-a", "credential_accepted", kNow).has_value());
  EXPECT_TRUE(
      store_->RecordNotification("n-1", "offer-a", "credential_accepted", kNow).has_value());
  EXPECT_EQ(
      store_->RecordNotification("n-1", "offer-b", "credential_accepted", kNow).error().code(),
      ErrorCode::kInvalidNotificationId);
  EXPECT_EQ(store_->RecordNotification("n-2", "offer-a", "credential_failure", kNow).error().code(),
            ErrorCode::kInvalidNotificationId);
  EXPECT_EQ(
      store_->RecordNotification("n-1", "offer-a", "credential_deleted", kNow + 300).error().code(),
      ErrorCode::kInvalidNotificationId);

  auto db = SqliteDb::Open((dir_ / "state.db").string(), false);
  ASSERT_TRUE(db.has_value());
  auto count = (*db)->Prepare(
      "SELECT COUNT(*) FROM audit_events WHERE kind = 'notification.credential_accepted'"
      " AND offer_id = 'offer-a'");
  ASSERT_TRUE(count.has_value());
  ASSERT_TRUE((*count)->Step().value());
  EXPECT_EQ((*count)->ColumnInt(0), 2);
  (*count)->Reset();
}

// The audit trail refuses UPDATE and DELETE, so no code path can rewrite history.
TEST_F(SqliteStoreTest, AuditTrailIsAppendOnly) {
  ASSERT_TRUE(store_->AppendAudit(AuditEvent{kNow, "key.generated", "", "id=01"}).has_value());
  auto db = SqliteDb::Open((dir_ / "state.db").string(), false);
  ASSERT_TRUE(db.has_value());
  EXPECT_FALSE((*db)->Exec("UPDATE audit_events SET kind = 'x'").has_value());
  EXPECT_FALSE((*db)->Exec("DELETE FROM audit_events").has_value());
  auto purged = store_->Purge(kNow + 10'000'000);
  ASSERT_TRUE(purged.has_value());
  auto count = (*db)->Prepare("SELECT COUNT(*) FROM audit_events");
  ASSERT_TRUE(count.has_value());
  ASSERT_TRUE((*count)->Step().value());
  EXPECT_EQ((*count)->ColumnInt(0), 1);
  (*count)->Reset();
}

}  // namespace
}  // namespace vci::store
