#include "crypto/pkcs11/token.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/jose/jwk.h"
#include "crypto/pkcs11/attributes.h"
#include "crypto/pkcs11/object_search.h"
#include "tests/crypto/pkcs11/softhsm_fixture.h"

namespace vci::pkcs11::testing {
namespace {

using ::testing::HasSubstr;

class TokenTest : public SoftHsmTest {
 protected:
  Result<KeyInfo> Generate(KeyKind kind, const std::string& suffix) {
    KeySpec spec;
    spec.kind = kind;
    spec.label = UniqueLabel(suffix);
    return token_->GenerateKey(spec);
  }

  // RawFlag reads a CK_BBOOL attribute with a bare C_GetAttributeValue, bypassing the library.
  static CK_BBOOL RawFlag(const Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
    CK_BBOOL value = 0xff;
    CK_ATTRIBUTE attr = {type, &value, sizeof(value)};
    CK_RV rv = fake().real().C_GetAttributeValue(session.Handle(), object, &attr, 1);
    EXPECT_EQ(rv, CKR_OK) << type;
    return value;
  }

  // RawFind returns the objects of `klass` labelled `label`, found with the module's own calls.
  static std::vector<CK_OBJECT_HANDLE> RawFind(const Session& session, const std::string& label,
                                               CK_OBJECT_CLASS klass) {
    std::vector<CK_ATTRIBUTE> attrs = {Attr(CKA_CLASS, klass),
                                       AttrBytes(CKA_LABEL, AsBytes(label))};
    Result<std::vector<CK_OBJECT_HANDLE>> found =
        FindObjects(fake().real(), session.Handle(), attrs);
    EXPECT_TRUE(found.has_value());
    return found.value_or(std::vector<CK_OBJECT_HANDLE>());
  }

  // MakeWeakKeyPair makes a P-256 key pair with raw calls, with `attr` on the private key set to
  // `value` and every other attribute as GenerateKey sets it.
  static void MakeWeakKeyPair(const std::string& label, CK_ATTRIBUTE_TYPE attr, CK_BBOOL value) {
    static constexpr uint8_t kP256Oid[] = {0x06, 0x08, 0x2a, 0x86, 0x48,
                                           0xce, 0x3d, 0x03, 0x01, 0x07};
    const CK_BBOOL yes = CK_TRUE;
    const CK_BBOOL no = CK_FALSE;
    const Bytes id = ToBytes(label);
    std::vector<CK_ATTRIBUTE> public_template = {
        Attr(CKA_TOKEN, yes), Attr(CKA_VERIFY, yes), AttrBytes(CKA_EC_PARAMS, kP256Oid),
        AttrBytes(CKA_LABEL, AsBytes(label)), AttrBytes(CKA_ID, id)};
    std::vector<CK_ATTRIBUTE> private_template = {
        Attr(CKA_TOKEN, yes),
        Attr(CKA_PRIVATE, attr == CKA_PRIVATE ? value : yes),
        Attr(CKA_SENSITIVE, attr == CKA_SENSITIVE ? value : yes),
        Attr(CKA_EXTRACTABLE, attr == CKA_EXTRACTABLE ? value : no),
        Attr(CKA_COPYABLE, attr == CKA_COPYABLE ? value : no),
        Attr(CKA_SIGN, yes),
        AttrBytes(CKA_LABEL, AsBytes(label)),
        AttrBytes(CKA_ID, id)};
    CK_MECHANISM mechanism = {CKM_EC_KEY_PAIR_GEN, nullptr, 0};
    CK_OBJECT_HANDLE public_key = 0;
    CK_OBJECT_HANDLE private_key = 0;
    Session session = RawSession();
    ASSERT_EQ(fake().real().C_GenerateKeyPair(session.Handle(), &mechanism, public_template.data(),
                                              public_template.size(), private_template.data(),
                                              private_template.size(), &public_key, &private_key),
              CKR_OK);
  }
};

// MakeExtractableHmacKey makes a 32-byte generic secret with CKA_EXTRACTABLE=true by raw calls.
void MakeExtractableHmacKey(const Session& session, const CK_FUNCTION_LIST& fn,
                            const std::string& label) {
  const CK_BBOOL yes = CK_TRUE;
  const CK_OBJECT_CLASS klass = CKO_SECRET_KEY;
  const CK_KEY_TYPE key_type = CKK_GENERIC_SECRET;
  const CK_ULONG value_len = 32;
  std::vector<CK_ATTRIBUTE> key_template = {Attr(CKA_CLASS, klass),
                                            Attr(CKA_KEY_TYPE, key_type),
                                            Attr(CKA_VALUE_LEN, value_len),
                                            Attr(CKA_TOKEN, yes),
                                            Attr(CKA_PRIVATE, yes),
                                            Attr(CKA_SENSITIVE, yes),
                                            Attr(CKA_EXTRACTABLE, yes),
                                            Attr(CKA_SIGN, yes),
                                            AttrBytes(CKA_LABEL, AsBytes(label))};
  CK_MECHANISM mechanism = {CKM_GENERIC_SECRET_KEY_GEN, nullptr, 0};
  CK_OBJECT_HANDLE key = 0;
  ASSERT_EQ(fn.C_GenerateKey(session.Handle(), &mechanism, key_template.data(), key_template.size(),
                             &key),
            CKR_OK);
}

// A key made by GenerateKey is sensitive, always sensitive, not extractable, never extractable,
// not copyable and private: as ListKeys reports it and as a raw C_GetAttributeValue reads it.
TEST_F(TokenTest, GeneratedKeysAreHardened) {
  const KeyKind kinds[] = {KeyKind::kEcP256, KeyKind::kEcP384, KeyKind::kEd25519,
                           KeyKind::kHmacSha256, KeyKind::kAes256};
  Session raw = RawSession();
  for (KeyKind kind : kinds) {
    SCOPED_TRACE(std::string(KeyKindName(kind)));
    Result<KeyInfo> info = Generate(kind, std::string(KeyKindName(kind)));
    ASSERT_TRUE(info.has_value()) << info.error().message() << " " << info.error().detail();
    EXPECT_EQ(info->kind, kind);
    EXPECT_EQ(info->id.size(), 16u);
    EXPECT_TRUE(info->sensitive && info->always_sensitive && info->never_extractable);
    EXPECT_FALSE(info->extractable || info->copyable);
    EXPECT_TRUE(info->is_private);
    bool is_signing =
        kind == KeyKind::kEcP256 || kind == KeyKind::kEcP384 || kind == KeyKind::kEd25519;
    EXPECT_EQ(info->kid.has_value(), is_signing);

    Result<std::vector<KeyInfo>> listed = token_->ListKeys();
    ASSERT_TRUE(listed.has_value()) << listed.error().detail();
    auto it = std::find_if(listed->begin(), listed->end(),
                           [&](const KeyInfo& k) { return k.label == info->label; });
    ASSERT_NE(it, listed->end());
    EXPECT_EQ(it->id, info->id);
    EXPECT_EQ(it->uri, info->uri);
    EXPECT_EQ(it->kid, info->kid);
    EXPECT_TRUE(it->sensitive && it->always_sensitive && it->never_extractable && it->is_private);
    EXPECT_FALSE(it->extractable || it->copyable);

    std::vector<CK_OBJECT_HANDLE> objects =
        RawFind(raw, info->label, is_signing ? CKO_PRIVATE_KEY : CKO_SECRET_KEY);
    ASSERT_EQ(objects.size(), 1u);
    EXPECT_EQ(RawFlag(raw, objects[0], CKA_SENSITIVE), CK_TRUE);
    EXPECT_EQ(RawFlag(raw, objects[0], CKA_ALWAYS_SENSITIVE), CK_TRUE);
    EXPECT_EQ(RawFlag(raw, objects[0], CKA_EXTRACTABLE), CK_FALSE);
    EXPECT_EQ(RawFlag(raw, objects[0], CKA_NEVER_EXTRACTABLE), CK_TRUE);
    EXPECT_EQ(RawFlag(raw, objects[0], CKA_COPYABLE), CK_FALSE);
    EXPECT_EQ(RawFlag(raw, objects[0], CKA_PRIVATE), CK_TRUE);
    // The secret never comes out.
    uint8_t value[128];
    CK_ATTRIBUTE attr = {CKA_VALUE, value, sizeof(value)};
    EXPECT_EQ(fake().real().C_GetAttributeValue(raw.Handle(), objects[0], &attr, 1),
              CKR_ATTRIBUTE_SENSITIVE);
  }
}

// The kid GenerateKey reports is the RFC 7638 thumbprint of the signer's public key.
TEST_F(TokenTest, KidIsJwkThumbprint) {
  Result<KeyInfo> info = Generate(KeyKind::kEcP256, "key");
  ASSERT_TRUE(info.has_value());
  Result<std::unique_ptr<jose::JwsSigner>> signer = token_->OpenSigner(*ctx_, info->uri);
  ASSERT_TRUE(signer.has_value()) << signer.error().detail();
  Result<nlohmann::json> jwk = jose::PublicKeyToJwk((*signer)->PublicKey());
  ASSERT_TRUE(jwk.has_value());
  Result<std::string> thumbprint = jose::JwkThumbprint(*ctx_, *jwk);
  ASSERT_TRUE(thumbprint.has_value());
  EXPECT_EQ(info->kid, *thumbprint);
}

// HMACs of one message from two MacKeys of the same key match, differ across keys, and are 32
// bytes; KeyId is the key's CKA_ID.
TEST_F(TokenTest, HmacInTokenWorks) {
  Result<KeyInfo> first = Generate(KeyKind::kHmacSha256, "first");
  Result<KeyInfo> second = Generate(KeyKind::kHmacSha256, "second");
  ASSERT_TRUE(first.has_value() && second.has_value());
  Result<std::unique_ptr<MacKey>> a1 = token_->OpenMacKey(first->uri);
  Result<std::unique_ptr<MacKey>> a2 = token_->OpenMacKey("pkcs11:object=" + first->label);
  Result<std::unique_ptr<MacKey>> b = token_->OpenMacKey(second->uri);
  ASSERT_TRUE(a1.has_value() && a2.has_value() && b.has_value());
  EXPECT_TRUE(
      std::equal((*a1)->KeyId().begin(), (*a1)->KeyId().end(), first->id.begin(), first->id.end()));

  const ByteView message = AsBytes("pre-authorized code 42");
  Result<Sha256Mac> mac_a1 = (*a1)->HmacSha256(message);
  Result<Sha256Mac> mac_a2 = (*a2)->HmacSha256(message);
  Result<Sha256Mac> mac_b = (*b)->HmacSha256(message);
  Result<Sha256Mac> mac_other = (*a1)->HmacSha256(AsBytes("pre-authorized code 43"));
  ASSERT_TRUE(mac_a1.has_value() && mac_a2.has_value() && mac_b.has_value() &&
              mac_other.has_value());
  EXPECT_EQ(*mac_a1, *mac_a2);
  EXPECT_NE(*mac_a1, *mac_b);
  EXPECT_NE(*mac_a1, *mac_other);
  EXPECT_EQ(mac_a1->size(), 32u);
  EXPECT_NE(*mac_a1, Sha256Mac{});
}

// A wrong PIN is tried exactly once and reported as kPinIncorrect with a clear message.
TEST_F(TokenTest, WrongPinLogsInOnceAndFails) {
  token_.reset();  // One Token per process.
  fake().Reset();
  Result<std::unique_ptr<Token>> token = OpenToken("not-the-pin", 8);
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code(), ErrorCode::kPinIncorrect);
  EXPECT_THAT(token.error().message(), HasSubstr("refused the PIN"));
  EXPECT_THAT(token.error().detail(), HasSubstr("CKR_PIN_INCORRECT"));
  EXPECT_EQ(fake().login_calls.load(), 1);
}

// A token URI that names no token fails with kNotFound, a malformed one with kInvalidArgument.
TEST_F(TokenTest, OpenWithUnknownTokenFails) {
  token_.reset();
  TokenOptions options;
  options.module_path = kSoftHsmModule;
  options.token_uri = "pkcs11:token=no-such-token";
  options.pin = SecretBytes::FromString(kUserPin);
  Result<std::unique_ptr<Token>> token = Token::Open(std::move(options));
  ASSERT_FALSE(token.has_value());
  EXPECT_EQ(token.error().code(), ErrorCode::kNotFound);

  TokenOptions no_module;
  no_module.module_path = "/nonexistent/libpkcs11.so";
  no_module.token_uri = kTokenUri;
  no_module.pin = SecretBytes::FromString(kUserPin);
  EXPECT_EQ(Token::Open(std::move(no_module)).error().code(), ErrorCode::kNotFound);

  TokenOptions bad;
  bad.module_path = kSoftHsmModule;
  bad.token_uri = "token=vci-test";
  bad.pin = SecretBytes::FromString(kUserPin);
  EXPECT_EQ(Token::Open(std::move(bad)).error().code(), ErrorCode::kInvalidArgument);

  fake().Reset();
  TokenOptions no_pin;
  no_pin.module_path = kSoftHsmModule;
  no_pin.token_uri = kTokenUri;
  no_pin.function_list_override = fake().list();
  Result<std::unique_ptr<Token>> refused = Token::Open(std::move(no_pin));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(fake().login_calls.load(), 0);
}

// Keys made with weaker attributes than GenerateKey sets are refused, naming the attribute.
TEST_F(TokenTest, WeakKeysAreRefused) {
  const struct {
    CK_ATTRIBUTE_TYPE attr;
    CK_BBOOL value;
    const char* name;
  } kCases[] = {{CKA_EXTRACTABLE, CK_TRUE, "CKA_EXTRACTABLE"},
                {CKA_SENSITIVE, CK_FALSE, "CKA_SENSITIVE"},
                {CKA_COPYABLE, CK_TRUE, "CKA_COPYABLE"}};

  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    std::string label = UniqueLabel(c.name);
    MakeWeakKeyPair(label, c.attr, c.value);
    Result<std::unique_ptr<jose::JwsSigner>> signer =
        token_->OpenSigner(*ctx_, "pkcs11:object=" + label);
    ASSERT_FALSE(signer.has_value());
    EXPECT_EQ(signer.error().code(), ErrorCode::kFailedPrecondition);
    EXPECT_THAT(signer.error().message(), HasSubstr(c.name));
    EXPECT_THAT(signer.error().message(), HasSubstr(label));
  }

  const std::string hmac_label = UniqueLabel("hmac");
  MakeExtractableHmacKey(RawSession(), fake().real(), hmac_label);
  Result<std::unique_ptr<MacKey>> mac = token_->OpenMacKey("pkcs11:object=" + hmac_label);
  ASSERT_FALSE(mac.has_value());
  EXPECT_EQ(mac.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(mac.error().message(), HasSubstr("CKA_EXTRACTABLE must be false"));
}

// InitSoftHsmToken refuses a second token with the same label in the same directory, and the
// system's token directory.
TEST_F(TokenTest, InitSoftHsmTokenRefusesExistingAndSystemDir) {
  token_.reset();  // InitSoftHsmToken initialises the module itself.
  const SecretBytes so_pin = SecretBytes::FromString(kSoPin);
  const SecretBytes user_pin = SecretBytes::FromString(kUserPin);
  Result<void> again =
      InitSoftHsmToken(kSoftHsmModule, TokenDirectory(), kTokenLabel, so_pin, user_pin);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);
  Result<void> system =
      InitSoftHsmToken(kSoftHsmModule, "/var/lib/softhsm/tokens/../x", "other", so_pin, user_pin);
  ASSERT_FALSE(system.has_value());
  EXPECT_EQ(system.error().code(), ErrorCode::kInvalidArgument);
}

// GenerateKey refuses a label that exists; DestroyKey removes a key pair and then reports
// kNotFound.
TEST_F(TokenTest, DuplicateLabelAndDestroyWork) {
  Result<KeyInfo> info = Generate(KeyKind::kEd25519, "key");
  ASSERT_TRUE(info.has_value());
  KeySpec same_label;
  same_label.kind = KeyKind::kEcP256;
  same_label.label = info->label;
  Result<KeyInfo> again = token_->GenerateKey(same_label);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kAlreadyExists);

  EXPECT_TRUE(token_->DestroyKey("pkcs11:object=" + info->label).has_value());
  EXPECT_EQ(token_->OpenSigner(*ctx_, info->uri).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(token_->PublicKey(*ctx_, info->uri).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(token_->DestroyKey(info->uri).error().code(), ErrorCode::kNotFound);
}

// Key URIs that cannot be used are refused: a MAC key as a signer, a URI naming no object,
// another token, or a PIN.
TEST_F(TokenTest, UnsuitableKeyUrisFail) {
  Result<KeyInfo> hmac = Generate(KeyKind::kHmacSha256, "hmac");
  Result<KeyInfo> ec = Generate(KeyKind::kEcP256, "ec");
  ASSERT_TRUE(hmac.has_value() && ec.has_value());
  EXPECT_EQ(token_->OpenSigner(*ctx_, "pkcs11:object=" + hmac->label).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(token_->OpenMacKey("pkcs11:object=" + ec->label).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(token_->OpenSigner(*ctx_, hmac->uri).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(token_->OpenSigner(*ctx_, "pkcs11:token=vci-test").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(token_->OpenSigner(*ctx_, "pkcs11:token=other;object=" + ec->label).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(token_->OpenSigner(*ctx_, "pkcs11:object=" + ec->label + "?pin-value=1").error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(token_->label(), kTokenLabel);
}

}  // namespace
}  // namespace vci::pkcs11::testing
