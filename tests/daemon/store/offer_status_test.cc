// Tests of SqliteStore's offer status and cancellation (sqlite_store_offer_status.cc).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "daemon/store/sqlite_store.h"

namespace vci::store {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1'800'000'000;

class OfferStatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vci-offer-status-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = SqliteStore::Open((dir_ / "state.db").string(), 2);
    ASSERT_TRUE(store.has_value()) << store.error().detail();
    store_ = std::move(store).value();
    OfferRecord offer;
    offer.offer_id = "offer-1";
    offer.client = "console";
    offer.configuration_id = "employee_badge";
    offer.claims_json = R"({"given_name":"Erika"})";
    offer.hmac_key_id = {1, 2, 3};
    offer.created_at = kNow;
    offer.expires_at = kNow + 300;
    ASSERT_TRUE(store_->InsertOffer(offer).has_value());
  }

  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  OfferStatus StatusAt(int64_t now) {
    auto record = store_->GetOfferStatus("offer-1", now);
    EXPECT_TRUE(record.has_value());
    return record.has_value() ? record->status : OfferStatus::kInvalidated;
  }

  fs::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

// A fresh offer is pending until the second its lifetime ends, then expired.
TEST_F(OfferStatusTest, PendingThenExpiredWorks) {
  auto record = store_->GetOfferStatus("offer-1", kNow);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->client, "console");
  EXPECT_EQ(record->configuration_id, "employee_badge");
  EXPECT_EQ(record->expires_at, kNow + 300);
  EXPECT_EQ(record->status, OfferStatus::kPending);
  EXPECT_FALSE(record->redeemed_at.has_value());
  EXPECT_EQ(StatusAt(kNow + 299), OfferStatus::kPending);
  EXPECT_EQ(StatusAt(kNow + 300), OfferStatus::kExpired);
}

// A redeemed offer says so, with the time of redemption, even after its lifetime.
TEST_F(OfferStatusTest, RedeemedWorks) {
  AccessTokenRecord token{Bytes(32, 7), "offer-1", "employee_badge", "", kNow + 600};
  ASSERT_TRUE(store_->RedeemOffer("offer-1", kNow + 10, token).has_value());
  auto record = store_->GetOfferStatus("offer-1", kNow + 1000);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->status, OfferStatus::kRedeemed);
  EXPECT_EQ(record->redeemed_at, kNow + 10);
}

// Too many wrong tx_codes show as invalidated.
TEST_F(OfferStatusTest, InvalidatedWorks) {
  ASSERT_TRUE(store_->RecordFailedTxCode("offer-1", 1).has_value());
  EXPECT_EQ(StatusAt(kNow), OfferStatus::kInvalidated);
}

// Cancelling removes the claims, stops redemption, is recorded in the audit trail as one event
// and may be repeated.
TEST_F(OfferStatusTest, CancelWorks) {
  auto cancelled = store_->CancelOffer("offer-1", "console", kNow + 5);
  ASSERT_TRUE(cancelled.has_value()) << cancelled.error().detail();
  EXPECT_EQ(cancelled->status, OfferStatus::kCancelled);
  EXPECT_EQ(StatusAt(kNow + 6), OfferStatus::kCancelled);
  auto offer = store_->GetOffer("offer-1");
  ASSERT_TRUE(offer.has_value()) << offer.error().detail();
  EXPECT_EQ(offer->claims_json, "");
  EXPECT_NE(offer->state, OfferState::kPending);
  AccessTokenRecord token{Bytes(32, 7), "offer-1", "employee_badge", "", kNow + 600};
  auto redeem = store_->RedeemOffer("offer-1", kNow + 6, token);
  ASSERT_FALSE(redeem.has_value());
  EXPECT_EQ(redeem.error().code(), ErrorCode::kInvalidGrant);
  auto again = store_->CancelOffer("offer-1", "console", kNow + 7);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->status, OfferStatus::kCancelled);
}

// Another client cannot cancel the offer, nor learn that it exists; the offer stays pending.
TEST_F(OfferStatusTest, CancelByAnotherClientFails) {
  auto cancelled = store_->CancelOffer("offer-1", "hr", kNow);
  ASSERT_FALSE(cancelled.has_value());
  EXPECT_EQ(cancelled.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(StatusAt(kNow), OfferStatus::kPending);
}

// A redeemed or expired offer is left as it is; the caller learns its status.
TEST_F(OfferStatusTest, CancelAfterRedemptionOrExpiryChangesNothing) {
  auto expired = store_->CancelOffer("offer-1", "console", kNow + 300);
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->status, OfferStatus::kExpired);
  AccessTokenRecord token{Bytes(32, 7), "offer-1", "employee_badge", "", kNow + 600};
  ASSERT_TRUE(store_->RedeemOffer("offer-1", kNow + 1, token).has_value());
  auto redeemed = store_->CancelOffer("offer-1", "console", kNow + 2);
  ASSERT_TRUE(redeemed.has_value());
  EXPECT_EQ(redeemed->status, OfferStatus::kRedeemed);
}

// An unknown offer is kNotFound for both calls.
TEST_F(OfferStatusTest, UnknownOfferFails) {
  EXPECT_EQ(store_->GetOfferStatus("nope", kNow).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store_->CancelOffer("nope", "console", kNow).error().code(), ErrorCode::kNotFound);
}

// The wire names are the ones the admin API documents.
TEST(OfferStatusNameTest, NamesWork) {
  EXPECT_EQ(OfferStatusName(OfferStatus::kPending), "pending");
  EXPECT_EQ(OfferStatusName(OfferStatus::kRedeemed), "redeemed");
  EXPECT_EQ(OfferStatusName(OfferStatus::kExpired), "expired");
  EXPECT_EQ(OfferStatusName(OfferStatus::kCancelled), "cancelled");
  EXPECT_EQ(OfferStatusName(OfferStatus::kInvalidated), "invalidated");
}

}  // namespace
}  // namespace vci::store
