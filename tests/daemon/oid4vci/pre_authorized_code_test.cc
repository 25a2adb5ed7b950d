#include "daemon/oid4vci/pre_authorized_code.h"

#include <gtest/gtest.h>

#include "crypto/jose/base64url.h"
#include "tests/fakes/fake_mac_key.h"

namespace vci::oid4vci {
namespace {

using testing::FakeMacKey;

MacKeyring MakeKeyring(FakeMacKey** out_key, Bytes key_id = {0xc0, 0xde}) {
  auto key = std::make_unique<FakeMacKey>(std::move(key_id), Bytes(32, 0x42));
  *out_key = key.get();
  std::vector<std::unique_ptr<MacKey>> keys;
  keys.push_back(std::move(key));
  return MacKeyring(std::move(keys));
}

const Bytes kOfferId = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

// A derived code verifies and names its offer.
TEST(PreAuthorizedCodeTest, DeriveThenVerifyWorks) {
  FakeMacKey* key = nullptr;
  MacKeyring keys = MakeKeyring(&key);
  auto code = DerivePreAuthorizedCode(*key, kOfferId);
  ASSERT_TRUE(code.has_value());
  // version + offer id + key id length + key id + 32-byte MAC = 52 bytes = 70 base64url chars.
  EXPECT_EQ(code->size(), 70u);
  auto offer = VerifyPreAuthorizedCode(keys, code->RevealAsString());
  ASSERT_TRUE(offer.has_value()) << offer.error().detail();
  EXPECT_EQ(*offer, kOfferId);
}

// The code is the HMAC of the labelled offer id: the same key gives the same code, another
// secret a different one.
TEST(PreAuthorizedCodeTest, CodeDependsOnSecret) {
  FakeMacKey a({1}, Bytes(32, 0x01));
  FakeMacKey b({1}, Bytes(32, 0x02));
  auto code_a1 = DerivePreAuthorizedCode(a, kOfferId);
  auto code_a2 = DerivePreAuthorizedCode(a, kOfferId);
  auto code_b = DerivePreAuthorizedCode(b, kOfferId);
  EXPECT_EQ(code_a1->RevealAsString(), code_a2->RevealAsString());
  EXPECT_NE(code_a1->RevealAsString(), code_b->RevealAsString());
}

// Any change to a code makes it invalid_grant.
TEST(PreAuthorizedCodeTest, TamperedCodeFails) {
  FakeMacKey* key = nullptr;
  MacKeyring keys = MakeKeyring(&key);
  auto code = DerivePreAuthorizedCode(*key, kOfferId);
  auto raw = jose::Base64UrlDecode(code->RevealAsString(), 256);
  ASSERT_TRUE(raw.has_value());
  for (size_t i = 0; i < raw->size(); ++i) {
    Bytes tampered = *raw;
    tampered[i] ^= 0x01;
    auto result = VerifyPreAuthorizedCode(keys, jose::Base64UrlEncode(tampered));
    ASSERT_FALSE(result.has_value()) << "byte " << i;
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidGrant);
  }
}

// Malformed codes are invalid_grant, never a crash.
TEST(PreAuthorizedCodeTest, MalformedCodesFail) {
  FakeMacKey* key = nullptr;
  MacKeyring keys = MakeKeyring(&key);
  for (std::string_view bad :
       std::initializer_list<std::string_view>{"", "a", "!!!!", "AAAA", "AQ==", "x"}) {
    auto result = VerifyPreAuthorizedCode(keys, bad);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidGrant);
  }
  EXPECT_EQ(VerifyPreAuthorizedCode(keys, std::string(300, 'A')).error().code(),
            ErrorCode::kInvalidGrant);
}

// A code made by a key that is not in the keyring, or whose key was destroyed, is refused.
TEST(PreAuthorizedCodeTest, UnknownOrDestroyedKeyFails) {
  FakeMacKey* key = nullptr;
  MacKeyring keys = MakeKeyring(&key);
  FakeMacKey other({9, 9}, Bytes(32, 0x42));
  auto foreign = DerivePreAuthorizedCode(other, kOfferId);
  EXPECT_EQ(VerifyPreAuthorizedCode(keys, foreign->RevealAsString()).error().code(),
            ErrorCode::kInvalidGrant);

  auto code = DerivePreAuthorizedCode(*key, kOfferId);
  key->Destroy();
  EXPECT_EQ(VerifyPreAuthorizedCode(keys, code->RevealAsString()).error().code(),
            ErrorCode::kInvalidGrant);
}

// tx_code MACs differ per offer and per code, and are stable for the same input.
TEST(PreAuthorizedCodeTest, TxCodeMacBindsOfferAndCode) {
  FakeMacKey key({1}, Bytes(32, 0x07));
  Bytes other_offer = kOfferId;
  other_offer[0] = 0xff;
  auto m1 = TxCodeMac(key, kOfferId, "123456");
  auto m2 = TxCodeMac(key, kOfferId, "123456");
  auto m3 = TxCodeMac(key, kOfferId, "123457");
  auto m4 = TxCodeMac(key, other_offer, "123456");
  EXPECT_EQ(*m1, *m2);
  EXPECT_NE(*m1, *m3);
  EXPECT_NE(*m1, *m4);
  EXPECT_EQ(m1->size(), 32u);
}

// Offer ids round-trip through their text form; anything else is unknown.
TEST(PreAuthorizedCodeTest, OfferIdTextForm) {
  std::string text = OfferIdToString(kOfferId);
  EXPECT_EQ(text, "AAECAwQFBgcICQoLDA0ODw");
  EXPECT_EQ(*OfferIdFromString(text), kOfferId);
  EXPECT_EQ(OfferIdFromString("AAECAwQFBgcICQoLDA0OD").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(OfferIdFromString("../../etc/passwd").error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace vci::oid4vci
