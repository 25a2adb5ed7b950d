#include "crypto/sdjwt/disclosure.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "crypto/jose/base64url.h"
#include "tests/fakes/fixed_random.h"
#include "tests/fakes/ossl_test.h"

namespace vci::sdjwt {
namespace {

using nlohmann::json;

struct RfcDisclosure {
  std::string section;
  std::string encoded;
  std::string digest;
  std::string salt;
  std::optional<std::string> name;
  json value;
};

// The Disclosures and digests printed in RFC 9901: section 4.2.1/4.2.3 (object property),
// 4.2.2/4.2.4.2 (array element) and the section 5.1 example issuance.
const RfcDisclosure kRfcVectors[] = {
    {"4.2.1", "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0",
     "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0", "_26bc4LT-ac6q2KI6cBW5es", "family_name",
     "M\xc3\xb6"
     "bius"},
    {"4.2.2", "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0",
     "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs", "lklxF5jMYlGTPUovMNIvCA", std::nullopt, "FR"},
    {"5.1 given_name", "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd",
     "jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4", "2GLC42sKQveCfGfryNRN9w", "given_name", "John"},
    {"5.1 family_name", "WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd",
     "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo", "eluV5Og3gSNII8EYnsxA_A", "family_name", "Doe"},
    {"5.1 email", "WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwgImVtYWlsIiwgImpvaG5kb2VAZXhhbXBsZS5jb20iXQ",
     "JzYjH4svliH0R3PyEMfeZu6Jt69u5qehZo7F7EPYlSE", "6Ij7tM-a5iVPGboS5tmvVA", "email",
     "johndoe@example.com"},
    {"5.1 phone_number",
     "WyJlSThaV205UW5LUHBOUGVOZW5IZGhRIiwgInBob25lX251bWJlciIsICIrMS0yMDItNTU1LTAxMDEiXQ",
     "PorFbpKuVu6xymJagvkFsFXAbRoc2JGlAUA2BA4o7cI", "eI8ZWm9QnKPpNPeNenHdhQ", "phone_number",
     "+1-202-555-0101"},
    {"5.1 phone_number_verified",
     "WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgInBob25lX251bWJlcl92ZXJpZmllZCIsIHRydWVd",
     "XQ_3kPKt1XyX7KANkqVR6yZ2Va5NrPIvPYbyMvRKBMM", "Qg_O64zqAxe412a108iroA",
     "phone_number_verified", true},
    {"5.1 address",
     "WyJBSngtMDk1VlBycFR0TjRRTU9xUk9BIiwgImFkZHJlc3MiLCB7InN0cmVldF9hZGRyZXNzIjogIjEyMyBNYWluIFN0"
     "IiwgImxvY2FsaXR5IjogIkFueXRvd24iLCAicmVnaW9uIjogIkFueXN0YXRlIiwgImNvdW50cnkiOiAiVVMifV0",
     "XzFrzwscM6Gn6CJDc6vVK8BkMnfG8vOSKfpPIZdAfdE", "AJx-095VPrpTtN4QMOqROA", "address",
     json{{"street_address", "123 Main St"},
          {"locality", "Anytown"},
          {"region", "Anystate"},
          {"country", "US"}}},
    {"5.1 birthdate", "WyJQYzMzSk0yTGNoY1VfbEhnZ3ZfdWZRIiwgImJpcnRoZGF0ZSIsICIxOTQwLTAxLTAxIl0",
     "gbOsI4Edq2x2Kw-w5wPEzakob9hV1cRD0ATN3oQL9JM", "Pc33JM2LchcU_lHggv_ufQ", "birthdate",
     "1940-01-01"},
    {"5.1 updated_at", "WyJHMDJOU3JRZmpGWFE3SW8wOXN5YWpBIiwgInVwZGF0ZWRfYXQiLCAxNTcwMDAwMDAwXQ",
     "CrQe7S5kqBAHt-nMYXgc6bdt2SH5aTY1sU_M-PgkjPI", "G02NSrQfjFXQ7Io09syajA", "updated_at",
     1570000000},
    {"5.1 nationalities US", "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0",
     "pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo", "lklxF5jMYlGTPUovMNIvCA", std::nullopt, "US"},
    {"5.1 nationalities DE", "WyJuUHVvUW5rUkZxM0JJZUFtN0FuWEZBIiwgIkRFIl0",
     "7Cf6JkPudry3lcbwHgeZ8khAv1U1OSlerP0VkBJrWZ0", "nPuoQnkRFq3BIeAm7AnXFA", std::nullopt, "DE"},
};

class DisclosureTest : public vci::testing::OsslTest {};

// Every RFC 9901 example digest is recomputed byte for byte from its Disclosure.
TEST_F(DisclosureTest, RfcDigestsWork) {
  for (const RfcDisclosure& v : kRfcVectors) {
    auto digest = DisclosureDigest(*ctx_, v.encoded);
    ASSERT_TRUE(digest.has_value()) << v.section;
    EXPECT_EQ(*digest, v.digest) << v.section;
  }
}

// ParseDisclosure of every RFC 9901 example returns its salt, name, value and digest.
TEST_F(DisclosureTest, ParseRfcDisclosuresWorks) {
  for (const RfcDisclosure& v : kRfcVectors) {
    auto parsed = ParseDisclosure(*ctx_, v.encoded);
    ASSERT_TRUE(parsed.has_value()) << v.section << ": " << parsed.error().detail();
    EXPECT_EQ(parsed->encoded, v.encoded) << v.section;
    EXPECT_EQ(parsed->digest, v.digest) << v.section;
    EXPECT_EQ(parsed->salt, v.salt) << v.section;
    EXPECT_EQ(parsed->name, v.name) << v.section;
    EXPECT_EQ(parsed->value, v.value) << v.section;
  }
}

// MakeDisclosure draws a 128-bit salt from the source, and ParseDisclosure reads back what it made,
// for an object property and an array element.
TEST_F(DisclosureTest, MakeThenParseWorks) {
  testing::CountingRandom random;
  auto made = MakeDisclosure(*ctx_, random, "address", json{{"country", "DE"}});
  ASSERT_TRUE(made.has_value());
  EXPECT_EQ(made->salt, "AAECAwQFBgcICQoLDA0ODw");  // base64url of the bytes 0x00..0x0f.
  auto parsed = ParseDisclosure(*ctx_, made->encoded);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->salt, made->salt);
  EXPECT_EQ(parsed->name, std::optional<std::string>("address"));
  EXPECT_EQ(parsed->value, made->value);
  EXPECT_EQ(parsed->digest, made->digest);

  auto element = MakeDisclosure(*ctx_, random, std::nullopt, "FR");
  ASSERT_TRUE(element.has_value());
  auto salt = jose::Base64UrlDecode(element->salt, kSaltBytes);
  ASSERT_TRUE(salt.has_value());
  EXPECT_EQ(salt->size(), kSaltBytes);
  EXPECT_NE(element->salt, made->salt);
  auto parsed_element = ParseDisclosure(*ctx_, element->encoded);
  ASSERT_TRUE(parsed_element.has_value());
  EXPECT_FALSE(parsed_element->name.has_value());
  EXPECT_EQ(parsed_element->value, "FR");
}

// Reserved names and invalid UTF-8 cannot be made into Disclosures.
TEST_F(DisclosureTest, MakeReservedOrInvalidFails) {
  testing::CountingRandom random;
  for (std::string_view name : {"_sd", "..."}) {
    auto made = MakeDisclosure(*ctx_, random, name, 1);
    ASSERT_FALSE(made.has_value()) << name;
    EXPECT_EQ(made.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(MakeDisclosure(*ctx_, random, "name", "\xff\xfe").has_value());
  EXPECT_FALSE(
      MakeDisclosure(*ctx_, random, "big", std::string(kMaxDisclosureChars, 'a')).has_value());
}

std::string Encode(std::string_view json_text) {
  return jose::Base64UrlEncode(AsBytes(json_text));
}

// Malformed Disclosures give kInvalidArgument, never a crash.
TEST_F(DisclosureTest, ParseMalformedFails) {
  const std::string cases[] = {
      Encode(R"(["salt", "_sd", 1])"),
      Encode(R"(["salt", "...", 1])"),
      Encode(R"({"salt": "x"})"),
      Encode(R"(["salt"])"),
      Encode(R"(["salt", "a", "b", "c"])"),
      Encode(R"([1, "name", "value"])"),
      Encode(R"(["salt", 2, "value"])"),
      Encode(R"(["salt", "name", "value")"),
      Encode(R"(["salt", "name", "value"] [])"),
      Encode(R"([])"),
      Encode(""),
      Encode(R"(["s", "n", {"a": 1, "a": 2}])"),
      "WyJ=",
      "WyJzYWx0IiwgIkZSIl0=",
      "WyJz!WFsdCIsICJGUiJd",
      std::string(kMaxDisclosureChars + 4, 'A'),
  };
  for (const std::string& encoded : cases) {
    auto parsed = ParseDisclosure(*ctx_, encoded);
    ASSERT_FALSE(parsed.has_value()) << encoded.substr(0, 60);
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace vci::sdjwt
