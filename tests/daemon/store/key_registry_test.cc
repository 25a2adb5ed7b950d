// KeyRegistry: key sets, member states, the time-driven steps and the append-only key audit.
#include "daemon/store/key_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "daemon/store/sqlite_store.h"

namespace vci::store {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1'800'000'000;
constexpr int64_t kDay = 86'400;

class KeyRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vci-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "state.db").string();
    auto registry = KeyRegistry::Open(path_);
    ASSERT_TRUE(registry.has_value()) << registry.error().detail();
    registry_ = std::move(registry).value();
    ASSERT_TRUE(registry_->CreateSet(KeySet{"badge", KeyPurpose::kSign, kNow}, "alice"));
  }

  void TearDown() override {
    registry_.reset();
    fs::remove_all(dir_);
  }

  static KeySetMember Member(const std::string& key_id, KeyState state,
                             std::optional<int64_t> activate_at = std::nullopt) {
    KeySetMember member;
    member.set_name = "badge";
    member.key_id = key_id;
    member.label = "badge-" + key_id;
    member.thumbprint = "kid-" + key_id;
    member.state = state;
    member.activate_at = activate_at;
    return member;
  }

  KeyState StateOf(const std::string& key_id) {
    auto member = registry_->FindMember(key_id);
    EXPECT_TRUE(member.has_value()) << key_id;
    return member.has_value() ? member->state : KeyState::kRetired;
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<KeyRegistry> registry_;
};

TEST_F(KeyRegistryTest, NamesRoundTrip) {
  for (KeyState state :
       {KeyState::kNext, KeyState::kActive, KeyState::kRetiring, KeyState::kRetired}) {
    EXPECT_EQ(*ParseKeyState(KeyStateName(state)), state);
  }
  EXPECT_EQ(KeyStateName(KeyState::kRetiring), "retiring");
  EXPECT_EQ(KeyPurposeName(KeyPurpose::kClaims), "claims");
  EXPECT_EQ(ParseKeyState("revoked").error().code(), ErrorCode::kInvalidArgument);
}

// The first key of a set becomes active at once; a second key starts as next and takes over
// when activated, and the first starts retiring.
TEST_F(KeyRegistryTest, RotationByTheOfficerWorks) {
  ASSERT_TRUE(registry_->AddMember(Member("aa01", KeyState::kActive), kNow, "alice"));
  EXPECT_EQ(registry_->ActiveMember("badge")->key_id, "aa01");
  auto added = registry_->AddMember(Member("aa02", KeyState::kNext), kNow + 10, "alice");
  ASSERT_TRUE(added.has_value());
  EXPECT_TRUE(added->empty());
  EXPECT_EQ(StateOf("aa02"), KeyState::kNext);

  auto moved = registry_->Activate("aa02", kNow + 20, "bob");
  ASSERT_TRUE(moved.has_value()) << moved.error().message();
  ASSERT_EQ(moved->size(), 2U);
  EXPECT_EQ((*moved)[0].key_id, "aa01");
  EXPECT_EQ((*moved)[0].to, KeyState::kRetiring);
  EXPECT_EQ((*moved)[1].key_id, "aa02");
  EXPECT_EQ((*moved)[1].from, KeyState::kNext);
  EXPECT_EQ(registry_->ActiveMember("badge")->key_id, "aa02");
  auto old = registry_->FindMember("aa01");
  EXPECT_EQ(old->retiring_at, kNow + 20);
  EXPECT_EQ(old->activated_at, kNow);
}

// A key is in one set only, and sets must exist.
TEST_F(KeyRegistryTest, MembershipRulesHold) {
  ASSERT_TRUE(registry_->AddMember(Member("aa01", KeyState::kActive), kNow, "alice"));
  EXPECT_EQ(registry_->AddMember(Member("aa01", KeyState::kNext), kNow, "alice").error().code(),
            ErrorCode::kAlreadyExists);
  KeySetMember stray = Member("aa09", KeyState::kNext);
  stray.set_name = "nope";
  EXPECT_EQ(registry_->AddMember(stray, kNow, "alice").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(registry_->AddMember(Member("aa03", KeyState::kRetired), kNow, "alice").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(registry_->CreateSet(KeySet{"badge", KeyPurpose::kSign, kNow}, "alice").error().code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(registry_->ActiveMember("nope").error().code(), ErrorCode::kNotFound);
}

// A next key with an activation time becomes active by itself; the old key retires by itself
// once the last credential it signed has expired, and not a second earlier.
TEST_F(KeyRegistryTest, TimeDrivenStepsWork) {
  ASSERT_TRUE(registry_->AddMember(Member("aa01", KeyState::kActive), kNow, "alice"));
  ASSERT_TRUE(registry_->AddMember(Member("aa02", KeyState::kNext, kNow + kDay), kNow, "alice"));
  auto early = registry_->Advance(kNow + kDay - 1, "vcissuerd");
  ASSERT_TRUE(early.has_value());
  EXPECT_TRUE(early->empty());

  // Two credentials signed by the old key, the later one valid for a week.
  {
    auto store = SqliteStore::Open(path_, 1);
    ASSERT_TRUE(store.has_value());
    IssuanceRecord record{"o1", "hr", "employee_badge", "kid-aa01", "d1", kNow, kNow + kDay};
    ASSERT_TRUE((*store)->RecordIssuance(record));
    record.expires_at = kNow + 7 * kDay;
    ASSERT_TRUE((*store)->RecordIssuance(record));
  }

  auto due = registry_->Advance(kNow + kDay, "vcissuerd");
  ASSERT_TRUE(due.has_value());
  ASSERT_EQ(due->size(), 2U);
  EXPECT_EQ(StateOf("aa02"), KeyState::kActive);
  EXPECT_EQ(StateOf("aa01"), KeyState::kRetiring);

  EXPECT_TRUE(registry_->Advance(kNow + 7 * kDay - 1, "vcissuerd")->empty());
  auto retired = registry_->Advance(kNow + 7 * kDay, "vcissuerd");
  ASSERT_EQ(retired->size(), 1U);
  EXPECT_EQ((*retired)[0].to, KeyState::kRetired);
  EXPECT_EQ(StateOf("aa01"), KeyState::kRetired);
}

// Retire refuses the active key and a retiring key still in use (unless forced); a next key
// retires at once; a retired key never signs again.
TEST_F(KeyRegistryTest, RetireRulesHold) {
  ASSERT_TRUE(registry_->AddMember(Member("aa01", KeyState::kActive), kNow, "alice"));
  EXPECT_EQ(registry_->Retire("aa01", false, kNow, "alice").error().code(),
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(registry_->AddMember(Member("aa02", KeyState::kActive), kNow + 1, "alice"));
  {
    auto store = SqliteStore::Open(path_, 1);
    IssuanceRecord record{"o1", "hr", "employee_badge", "kid-aa01", "d1", kNow, kNow + kDay};
    ASSERT_TRUE((*store)->RecordIssuance(record));
  }
  EXPECT_EQ(registry_->Retire("aa01", false, kNow + 2, "alice").error().code(),
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(registry_->Retire("aa01", true, kNow + 2, "alice"));
  EXPECT_EQ(StateOf("aa01"), KeyState::kRetired);
  EXPECT_EQ(registry_->Activate("aa01", kNow + 3, "alice").error().code(),
            ErrorCode::kFailedPrecondition);

  ASSERT_TRUE(registry_->AddMember(Member("aa03", KeyState::kNext), kNow + 4, "alice"));
  ASSERT_TRUE(registry_->Retire("aa03", false, kNow + 5, "alice"));
  EXPECT_EQ(StateOf("aa03"), KeyState::kRetired);
  EXPECT_EQ(registry_->ActiveMember("badge")->key_id, "aa02");
}

// Every change leaves an audit row with who, what, which key, when and the outcome; the trail
// cannot be rewritten.
TEST_F(KeyRegistryTest, AuditTrailIsCompleteAndAppendOnly) {
  ASSERT_TRUE(registry_->AddMember(Member("aa01", KeyState::kActive), kNow, "alice"));
  ASSERT_TRUE(registry_->AppendAudit(
      KeyAuditEvent{kNow + 1, "bob", "destroy", "aa01", "badge", "refused", "key is active"}));
  auto events = registry_->Audit(0);
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 4U);
  EXPECT_EQ((*events)[0].operation, "create-set");
  EXPECT_EQ((*events)[1].operation, "add");
  EXPECT_EQ((*events)[2].operation, "activate");
  EXPECT_EQ((*events)[2].detail, "next -> active");
  EXPECT_EQ((*events)[2].unix_user, "alice");
  EXPECT_EQ((*events)[3].outcome, "refused");
  auto last = registry_->Audit(1);
  ASSERT_EQ(last->size(), 1U);
  EXPECT_EQ((*last)[0].unix_user, "bob");

  auto db = SqliteDb::Open(path_, false);
  ASSERT_TRUE(db.has_value());
  EXPECT_FALSE((*db)->Exec("DELETE FROM key_audit").has_value());
  EXPECT_FALSE((*db)->Exec("UPDATE key_audit SET outcome = 'ok'").has_value());
  EXPECT_EQ(registry_->Audit(0)->size(), 4U);
}

// Two active keys in one set cannot exist, even written around the registry.
TEST_F(KeyRegistryTest, OneActiveKeyPerSet) {
  ASSERT_TRUE(registry_->AddMember(Member("aa01", KeyState::kActive), kNow, "alice"));
  ASSERT_TRUE(registry_->AddMember(Member("aa02", KeyState::kNext), kNow, "alice"));
  auto db = SqliteDb::Open(path_, false);
  EXPECT_FALSE(
      (*db)->Exec("UPDATE key_set_members SET state = 'active' WHERE key_id = 'aa02'").has_value());
}

// A retiring claims key stays in use while an offer holds claims encrypted under it.
TEST_F(KeyRegistryTest, ClaimsKeyInUseWhileRecordsRemain) {
  auto db = SqliteDb::Open(path_, false);
  ASSERT_TRUE(
      (*db)->Exec("INSERT INTO offers (offer_id, client, configuration_id, hmac_key_id,"
                  " created_at, expires_at, state, claims_ciphertext, claims_iv,"
                  " claims_key_id) VALUES ('o1', 'hr', 'c', x'01', 1, 5000, 0, x'00',"
                  " x'00', x'C1A5')"));
  KeySetMember member = Member("c1a5", KeyState::kRetiring);
  EXPECT_EQ(*registry_->InUseUntil(member, KeyPurpose::kClaims), 5000);
  member.key_id = "c1a6";
  EXPECT_EQ(*registry_->InUseUntil(member, KeyPurpose::kClaims), 0);
}

}  // namespace
}  // namespace vci::store
