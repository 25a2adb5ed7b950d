#include "crypto/pkcs11/uri.h"

#include <gtest/gtest.h>

#include <cstring>

namespace vci::pkcs11 {
namespace {

// A full key URI is read into its parts, percent-decoded.
TEST(UriTest, ParseKeyUriWorks) {
  Result<Uri> uri = Uri::Parse(
      "pkcs11:token=vci%20issuer;serial=0123;manufacturer=SoftHSM%20project;model=SoftHSM%20v2;"
      "object=issuer-key;id=%01%02%ff;type=private");
  ASSERT_TRUE(uri.has_value()) << uri.error().detail();
  EXPECT_EQ(uri->token_label, "vci issuer");
  EXPECT_EQ(uri->token_serial, "0123");
  EXPECT_EQ(uri->token_manufacturer, "SoftHSM project");
  EXPECT_EQ(uri->token_model, "SoftHSM v2");
  EXPECT_EQ(uri->object_label, "issuer-key");
  EXPECT_EQ(uri->id, (Bytes{0x01, 0x02, 0xff}));
  EXPECT_EQ(uri->object_class, CKO_PRIVATE_KEY);
}

// Absent parts stay absent, and each type name maps to its class.
TEST(UriTest, PartialUrisWork) {
  Result<Uri> token_only = Uri::Parse("pkcs11:token=vcissuer");
  ASSERT_TRUE(token_only.has_value());
  EXPECT_EQ(token_only->token_label, "vcissuer");
  EXPECT_FALSE(token_only->token_serial.has_value());
  EXPECT_FALSE(token_only->HasObjectAttributes());
  EXPECT_FALSE(token_only->object_class.has_value());

  const struct {
    const char* type;
    CK_OBJECT_CLASS klass;
  } kTypes[] = {{"private", CKO_PRIVATE_KEY},
                {"public", CKO_PUBLIC_KEY},
                {"secret-key", CKO_SECRET_KEY},
                {"cert", CKO_CERTIFICATE}};

  for (const auto& t : kTypes) {
    Result<Uri> uri = Uri::Parse(std::string("pkcs11:object=k;type=") + t.type);
    ASSERT_TRUE(uri.has_value()) << t.type;
    EXPECT_EQ(uri->object_class, t.klass) << t.type;
    EXPECT_FALSE(uri->token_label.has_value());
  }
}

// A URI that carries a PIN is refused, whatever else it holds.
TEST(UriTest, PinInUriFails) {
  for (const char* text :
       {"pkcs11:token=vcissuer?pin-value=1234", "pkcs11:object=key?pin-source=file:/etc/pin",
        "pkcs11:token=a;object=b?module-path=/x.so&pin-value=0000"}) {
    Result<Uri> uri = Uri::Parse(text);
    ASSERT_FALSE(uri.has_value()) << text;
    EXPECT_EQ(uri.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(uri.error().message(), "a pkcs11: URI must not carry a PIN");
  }
}

// Text that is not a well-formed pkcs11: URI is refused.
TEST(UriTest, GarbageFails) {
  for (const char* text : {"", "token=vcissuer", "https://example.com/", "pkcs11:id=%zz",
                           "pkcs11:object=a%", "pkcs11:type=banana", "pkcs11:unknown-attr=1"}) {
    Result<Uri> uri = Uri::Parse(text);
    ASSERT_FALSE(uri.has_value()) << text;
    EXPECT_EQ(uri.error().code(), ErrorCode::kInvalidArgument) << text;
  }
}

// A formatted key URI parses back to the same parts, however odd the label.
TEST(UriTest, FormatParsesBack) {
  const std::string label = "key; with=odd/chars?&%";
  const Bytes id = {0x00, 0x7f, 0x80, 0xff};
  std::string text = FormatKeyUri("vci test", label, id, CKO_SECRET_KEY);
  EXPECT_EQ(text.rfind("pkcs11:token=vci%20test;object=key%3b", 0), 0u) << text;
  Result<Uri> uri = Uri::Parse(text);
  ASSERT_TRUE(uri.has_value()) << text;
  EXPECT_EQ(uri->token_label, "vci test");
  EXPECT_EQ(uri->object_label, label);
  EXPECT_EQ(uri->id, id);
  EXPECT_EQ(uri->object_class, CKO_SECRET_KEY);
}

// Token attributes match the blank-padded fields of CK_TOKEN_INFO.
TEST(UriTest, MatchesTokenWorks) {
  CK_TOKEN_INFO info = {};
  std::memset(info.label, ' ', sizeof(info.label));
  std::memcpy(info.label, "vcissuer", 8);
  std::memset(info.serialNumber, ' ', sizeof(info.serialNumber));
  std::memcpy(info.serialNumber, "42", 2);
  EXPECT_TRUE(Uri::Parse("pkcs11:token=vcissuer")->MatchesToken(info));
  EXPECT_TRUE(Uri::Parse("pkcs11:token=vcissuer;serial=42")->MatchesToken(info));
  EXPECT_TRUE(Uri::Parse("pkcs11:object=x")->MatchesToken(info));
  EXPECT_FALSE(Uri::Parse("pkcs11:token=vcissue")->MatchesToken(info));
  EXPECT_FALSE(Uri::Parse("pkcs11:token=vcissuer;serial=43")->MatchesToken(info));
}

}  // namespace
}  // namespace vci::pkcs11
