// Token recovery after the device was reset: every session and the login gone, object handles
// forgotten. The Token must log in again once, find its keys again and go on signing.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/ossl_ptr.h"
#include "crypto/pkcs11/token.h"
#include "crypto/pkcs11/token_health.h"
#include "tests/crypto/pkcs11/softhsm_fixture.h"

namespace vci::pkcs11::testing {
namespace {

class TokenRecoveryTest : public SoftHsmTest {
 protected:
  Result<KeyInfo> Generate(KeyKind kind, const std::string& suffix) {
    KeySpec spec;
    spec.kind = kind;
    spec.label = UniqueLabel(suffix);
    return token_->GenerateKey(spec);
  }

  // ResetDevice closes every session of the process on every slot behind the Token's back, as a
  // device that was unplugged and put back does: the login ends and handles go stale.
  static void ResetDevice() {
    const CK_FUNCTION_LIST& fn = fake().real();
    CK_ULONG count = 0;
    ASSERT_EQ(fn.C_GetSlotList(CK_TRUE, nullptr, &count), CKR_OK);
    std::vector<CK_SLOT_ID> slots(count);
    ASSERT_EQ(fn.C_GetSlotList(CK_TRUE, slots.data(), &count), CKR_OK);
    for (CK_SLOT_ID slot : slots) {
      ASSERT_EQ(fn.C_CloseAllSessions(slot), CKR_OK);
    }
  }
};

// After a reset, HMAC and signing work again with exactly one new C_Login, and the token is
// healthy; the signature still verifies under the public key read at the start.
TEST_F(TokenRecoveryTest, ResetDeviceLogsInOnceAndFindsKeysAgain) {
  Result<KeyInfo> hmac = Generate(KeyKind::kHmacSha256, "hmac");
  Result<KeyInfo> ec = Generate(KeyKind::kEcP256, "ec");
  ASSERT_TRUE(hmac.has_value() && ec.has_value());
  Result<std::unique_ptr<MacKey>> mac_key = token_->OpenMacKey(hmac->uri);
  Result<std::unique_ptr<jose::JwsSigner>> signer = token_->OpenSigner(*ctx_, ec->uri);
  ASSERT_TRUE(mac_key.has_value() && signer.has_value());
  const ByteView message = AsBytes("offer 42");
  Result<Sha256Mac> before = (*mac_key)->HmacSha256(message);
  ASSERT_TRUE(before.has_value());

  ResetDevice();
  int logins_before = fake().login_calls.load();
  Result<Sha256Mac> after = (*mac_key)->HmacSha256(message);
  ASSERT_TRUE(after.has_value()) << after.error().detail();
  EXPECT_EQ(*after, *before);
  Result<Bytes> signature = (*signer)->Sign(message);
  ASSERT_TRUE(signature.has_value()) << signature.error().detail();
  EXPECT_EQ(fake().login_calls.load(), logins_before + 1);
  EXPECT_FALSE(token_->DegradedReason().has_value());
  EXPECT_TRUE(token_->CheckHealth().has_value());

  // The ES256 signature (r||s) verifies with OpenSSL under the key read before the reset.
  ossl::EcdsaSigPtr sig(::ECDSA_SIG_new());
  ASSERT_EQ(signature->size(), 64u);
  ::ECDSA_SIG_set0(sig.get(), ::BN_bin2bn(signature->data(), 32, nullptr),
                   ::BN_bin2bn(signature->data() + 32, 32, nullptr));
  unsigned char* der = nullptr;
  int der_len = ::i2d_ECDSA_SIG(sig.get(), &der);
  ASSERT_GT(der_len, 0);
  ossl::EvpMdCtxPtr md(::EVP_MD_CTX_new());
  ASSERT_EQ(::EVP_DigestVerifyInit_ex(md.get(), nullptr, "SHA256", ctx_->lib_ctx(), nullptr,
                                      const_cast<EVP_PKEY*>((*signer)->PublicKey()), nullptr),
            1);
  EXPECT_EQ(::EVP_DigestVerify(md.get(), der, static_cast<size_t>(der_len), message.data(),
                               message.size()),
            1);
  ::OPENSSL_free(der);
}

// A key destroyed in the token stays gone: the handle is not found again, no login is made, and
// the error is kNotFound (what the token endpoint turns into invalid_grant).
TEST_F(TokenRecoveryTest, DestroyedKeyIsNotFoundAgain) {
  Result<KeyInfo> hmac = Generate(KeyKind::kHmacSha256, "gone");
  ASSERT_TRUE(hmac.has_value());
  Result<std::unique_ptr<MacKey>> mac_key = token_->OpenMacKey(hmac->uri);
  ASSERT_TRUE(mac_key.has_value());
  ASSERT_TRUE(token_->DestroyKey(hmac->uri).has_value());
  int logins_before = fake().login_calls.load();
  Result<Sha256Mac> mac = (*mac_key)->HmacSha256(AsBytes("x"));
  ASSERT_FALSE(mac.has_value());
  EXPECT_EQ(mac.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(fake().login_calls.load(), logins_before);
  EXPECT_FALSE(token_->DegradedReason().has_value());
}

// The outcome classes the metrics and the degraded state rest on.
TEST(TokenHealthTest, ClassifiesDeviceFaults) {
  EXPECT_TRUE(IsDeviceFault(CKR_DEVICE_REMOVED));
  EXPECT_TRUE(IsDeviceFault(CKR_DEVICE_ERROR));
  EXPECT_TRUE(IsDeviceFault(CKR_TOKEN_NOT_PRESENT));
  EXPECT_TRUE(IsDeviceFault(CKR_USER_NOT_LOGGED_IN));
  EXPECT_FALSE(IsDeviceFault(CKR_SESSION_HANDLE_INVALID));  // Reopened, not degraded.
  EXPECT_FALSE(IsDeviceFault(CKR_KEY_HANDLE_INVALID));
  EXPECT_FALSE(IsDeviceFault(CKR_PIN_INCORRECT));
  EXPECT_EQ(ClassifyRv(CKR_OBJECT_HANDLE_INVALID), HsmOutcome::kHandleLost);
  EXPECT_EQ(ClassifyRv(CKR_PIN_LOCKED), HsmOutcome::kPinRefused);
  EXPECT_EQ(ClassifyRv(CKR_SESSION_CLOSED), HsmOutcome::kSessionLost);
  EXPECT_EQ(ClassifyRv(CKR_FUNCTION_FAILED), HsmOutcome::kOther);
}

// A device fault degrades the token with the call and CK_RV named; the next success clears it;
// faults of a request (a lost handle) do not degrade.
TEST(TokenHealthTest, DegradedUntilTheNextSuccess) {
  TokenHealth health(nullptr);
  auto now = std::chrono::steady_clock::now();
  EXPECT_FALSE(health.DegradedReason().has_value());
  health.Record(HsmOperation::kSign, "C_Sign", CKR_DEVICE_REMOVED, now);
  EXPECT_EQ(health.DegradedReason().value_or(""), "C_Sign: CKR_DEVICE_REMOVED");
  health.Record(HsmOperation::kHmac, "C_SignInit", CKR_KEY_HANDLE_INVALID, now);
  EXPECT_EQ(health.DegradedReason().value_or(""), "C_Sign: CKR_DEVICE_REMOVED");
  health.Record(HsmOperation::kProbe, "C_GetSessionInfo", CKR_OK, now);
  EXPECT_FALSE(health.DegradedReason().has_value());
}

}  // namespace
}  // namespace vci::pkcs11::testing
