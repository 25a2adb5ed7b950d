#include "policy/policy_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace vci::policy {
namespace {

// kBase is a valid policy; each case edits it. Line numbers matter: the cases refer to them.
constexpr std::string_view kBase =
    "[[credential_configuration]]\n"                         // 1
    "id = \"badge\"\n"                                       // 2
    "format = \"dc+sd-jwt\"\n"                               // 3
    "vct = \"urn:example:badge:1\"\n"                        // 4
    "signing_key = \"pkcs11:token=t;object=k\"\n"            // 5
    "signing_alg = \"ES256\"\n"                              // 6
    "validity = \"30d\"\n"                                   // 7
    "display = [ { locale = \"en\", name = \"Badge\" } ]\n"  // 8
    "[[credential_configuration.claim]]\n"                   // 9
    "name = \"given_name\"\n"                                // 10
    "type = \"string\"\n";                                   // 11; appended lines start at 12.

constexpr std::string_view kClient =
    "[[client]]\n"                                                                           // 12
    "name = \"hr\"\n"                                                                        // 13
    "token_sha256 = \"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"\n"  // 14
    "configurations = [\"badge\"]\n";                                                        // 15

struct PolicyCase {
  std::string_view name;
  std::string_view replace;  // A whole line of kBase (without "\n"), or "" for none.
  std::string_view with;
  std::string append;
  std::string_view expected;  // "" for a valid policy.
  int line;
};

std::string Apply(const PolicyCase& c) {
  std::string text(kBase);
  if (!c.replace.empty()) {
    size_t at = text.find(std::string(c.replace) + "\n");
    EXPECT_NE(at, std::string::npos) << c.name;
    text.replace(at, c.replace.size(), c.with);
  }
  return text + c.append;
}

// PrintTo names a case in test output (instead of its bytes).
void PrintTo(const PolicyCase& c, std::ostream* os) {
  *os << c.name;
}

class PolicyCaseTest : public testing::TestWithParam<PolicyCase> {};

// Each policy text is accepted, or refused with the expected sentence at the expected line.
TEST_P(PolicyCaseTest, ParsesOrReportsAtLine) {
  const PolicyCase& c = GetParam();
  Result<Policy> policy = ParsePolicyText(Apply(c), "case.toml");
  if (c.expected.empty()) {
    ASSERT_TRUE(policy.has_value()) << policy.error().message();
    return;
  }
  ASSERT_FALSE(policy.has_value());
  EXPECT_EQ(policy.error().code(), ErrorCode::kInvalidArgument);
  const std::string& message = policy.error().message();
  EXPECT_NE(message.find(c.expected), std::string::npos) << message;
  EXPECT_NE(message.find("case.toml:" + std::to_string(c.line) + ":"), std::string::npos)
      << message;
}

const PolicyCase kCases[] = {
    {"Minimal", "", "", "", "", 0},
    {"WithClient", "", "", std::string(kClient), "", 0},
    {"NestedObject", "type = \"string\"", "type = \"object\"",
     "[[credential_configuration.claim.claim]]\nname = \"street\"\ntype = \"string\"\n", "", 0},
    {"ArrayWithItems", "type = \"string\"", "type = \"array\"",
     "items = { type = \"string\", max_length = 2 }\n", "", 0},
    {"IntegerValidity", "validity = \"30d\"", "validity = 86400", "", "", 0},
    {"OtherFormat", "format = \"dc+sd-jwt\"", "format = \"jwt_vc_json\"", "",
     "the only format this issuer can issue", 3},
    {"RsaSigningAlg", "signing_alg = \"ES256\"", "signing_alg = \"RS256\"", "",
     "must be ES256, ES384 or EdDSA", 6},
    {"VctNotUri", "vct = \"urn:example:badge:1\"", "vct = \"employee badge\"", "",
     "https URL or a URN", 4},
    {"BadId", "id = \"badge\"", "id = \"bad id!\"", "", "must be 1 to 64 characters", 2},
    {"BadValidity", "validity = \"30d\"", "validity = \"1y\"", "", "must be a duration", 7},
    {"ShortValidity", "validity = \"30d\"", "validity = 59", "", "from 60s to 3660d", 7},
    {"UnknownKey", "display = [ { locale = \"en\", name = \"Badge\" } ]",
     "dispaly = [ { locale = \"en\", name = \"Badge\" } ]", "", "unknown key 'dispaly'", 8},
    {"EmptyDisplay", "display = [ { locale = \"en\", name = \"Badge\" } ]", "display = []", "",
     "at least one entry", 8},
    {"DuplicateLocale", "display = [ { locale = \"en\", name = \"Badge\" } ]",
     "display = [ { locale = \"en\", name = \"A\" }, { locale = \"en\", name = \"B\" } ]", "",
     "repeats locale \"en\"", 8},
    {"RegisteredClaim", "name = \"given_name\"", "name = \"iss\"", "", "registered SD-JWT VC claim",
     10},
    {"SdClaim", "name = \"given_name\"", "name = \"_sd\"", "", "SD-JWT reserves", 10},
    {"UnknownClaimType", "type = \"string\"", "type = \"uuid\"", "", "must be one of string", 11},
    {"MinAboveMax", "", "", "max_length = 5\nmin_length = 6\n", "greater than max_length", 13},
    {"BadPattern", "", "", "pattern = \"[a-\"\n", "not a valid ECMAScript regular expression", 12},
    {"EnumWrongType", "", "", "enum = [\"a\", 5]\n", "is not a string", 12},
    {"MinimumOnString", "", "", "minimum = 1\n", "applies only to integer and number", 12},
    {"EnumOutsideRange", "type = \"string\"", "type = \"integer\"",
     "minimum = 0\nmaximum = 10\nenum = [1, 11]\n", "lies outside minimum..maximum", 14},
    {"ObjectWithoutChildren", "type = \"string\"", "type = \"object\"", "",
     "defines no nested claims", 9},
    {"ArrayWithoutItems", "type = \"string\"", "type = \"array\"", "", "items in claim", 9},
    {"ItemsOnString", "", "", "items = { type = \"string\" }\n", "only in array claims", 12},
    {"SyntaxError", "", "", "= broken\n", "not valid TOML", 12},
    {"BadTxCodeMode", "", "", "[credential_configuration.tx_code]\nmode = \"sometimes\"\n",
     "must be required, optional or forbidden", 13},
    {"ProofAlgNone", "validity = \"30d\"", "validity = \"30d\"\nproof_algs = [\"none\"]", "",
     "may contain only ES256, ES384 and EdDSA", 8},
    {"DidBindings", "validity = \"30d\"",
     "validity = \"30d\"\nbinding_methods = [\"jwk\", \"did:jwk\", \"did:key\"]", "", "", 0},
    {"UnknownBinding", "validity = \"30d\"", "validity = \"30d\"\nbinding_methods = [\"did:web\"]",
     "", "may contain only jwk, did:jwk and did:key", 8},
    {"RepeatedBinding", "validity = \"30d\"",
     "validity = \"30d\"\nbinding_methods = [\"jwk\", \"jwk\"]", "", "lists jwk twice", 8},
    {"ValidityBelowGranularity", "validity = \"30d\"", "validity = \"90m\"", "",
     "must be at least twice [issuer] timestamp_granularity (3600 seconds)", 7},
    {"ValidityWithFineGranularity", "validity = \"30d\"", "validity = \"90m\"",
     "[issuer]\ndisplay = [ { locale = \"en\", name = \"Issuer\" } ]\ntimestamp_granularity = "
     "\"15m\"\n",
     "", 0},
    {"BatchSizeOne", "", "",
     "[issuer]\ndisplay = [ { locale = \"en\", name = \"Issuer\" } ]\nbatch_size = 1\n",
     "batch_size", 14},
    {"FixedValue", "", "", "value = \"Example Corp\"\n", "", 0},
    {"FixedValueWrongType", "", "", "value = 5\n", "is not a string", 12},
    {"FixedValueOutsideEnum", "", "", "enum = [\"A\", \"B\"]\nvalue = \"C\"\n",
     "is not one of the claim's enum values", 13},
    {"FixedValueOnObject", "type = \"string\"", "type = \"object\"",
     "value = \"x\"\n[[credential_configuration.claim.claim]]\nname = \"a\"\ntype = \"string\"\n",
     "can be fixed only on top-level claims", 12},
    {"ClientClaimsAndRate", "", "",
     std::string(kClient) + "claims = [\"given_name\"]\noffers_per_minute = 30\n", "", 0},
    {"ClientRateZero", "", "", std::string(kClient) + "offers_per_minute = 0\n",
     "offers_per_minute", 16},
    {"PinInSigningKey", "signing_key = \"pkcs11:token=t;object=k\"",
     "signing_key = \"pkcs11:token=t;object=k?pin-value=1234\"", "", "must not carry a PIN", 5},
    {"TopLevelTypo", "[[credential_configuration]]", "clients = 1\n[[credential_configuration]]",
     "", "unknown key 'clients' in the policy file", 1},
    {"ShortTokenHash", "", "",
     "[[client]]\nname = \"hr\"\ntoken_sha256 = \"abc\"\nconfigurations = [\"badge\"]\n",
     "64 hexadecimal characters", 14},
    {"GrantUnknown", "", "",
     "[[client]]\nname = \"hr\"\n"
     "token_sha256 = \"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"\n"
     "configurations = [\"badge\", \"diploma\"]\n",
     "is granted configuration 'diploma'", 15},
    {"DuplicateClient", "", "",
     std::string(kClient) + "[[client]]\nname = \"hr\"\n"
                            "token_sha256 = \"ff112233445566778899aabbccddeeff00112233445566778899"
                            "aabbccddeeff\"\nconfigurations = [\"badge\"]\n",
     "is already used by another client", 17},
    {"DuplicateClaim", "", "",
     "[[credential_configuration.claim]]\nname = \"given_name\"\n"
     "type = \"string\"\n",
     "claim 'given_name' of credential_configuration 'badge' is defined twice", 12},
};

INSTANTIATE_TEST_SUITE_P(Cases, PolicyCaseTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<PolicyCase>& param_info) {
                           return std::string(param_info.param.name);
                         });

// All problems of a file are reported in one error, one per line.
TEST(PolicyLoaderTest, ReportsEveryProblemAtOnce) {
  std::string text(kBase);
  text.replace(text.find("ES256"), 5, "HS256");
  text.replace(text.find("dc+sd-jwt"), 9, "mso_mdoc");
  Result<Policy> policy = ParsePolicyText(text, "two.toml");
  ASSERT_FALSE(policy.has_value());
  const std::string& message = policy.error().message();
  EXPECT_NE(message.find("(2 problems)"), std::string::npos) << message;
  EXPECT_NE(message.find("\ntwo.toml:3:"), std::string::npos) << message;
  EXPECT_NE(message.find("\ntwo.toml:6:"), std::string::npos) << message;
}

// Defaults: deny-by-default tx_code (required) and ES256 proofs when the policy is silent.
TEST(PolicyLoaderTest, DefaultsAreStrict) {
  Result<Policy> policy = ParsePolicyText(kBase, "base.toml");
  ASSERT_TRUE(policy.has_value()) << policy.error().message();
  const CredentialConfiguration* badge = policy->FindConfiguration("badge");
  ASSERT_NE(badge, nullptr);
  EXPECT_EQ(badge->tx_code.mode, TxCodeMode::kRequired);
  EXPECT_EQ(badge->proof_algs, std::vector<jose::JwsAlgorithm>{jose::JwsAlgorithm::kEs256});
  EXPECT_EQ(badge->validity, std::chrono::seconds(30 * 86400));
  EXPECT_TRUE(policy->clients.empty());
}

// Only one file of a directory may define [issuer]; the second is reported with both places.
TEST(PolicyLoaderTest, IssuerDefinedTwiceFails) {
  std::string issuer = "[issuer]\ndisplay = [ { locale = \"en\", name = \"X\" } ]\n";
  Result<Policy> policy =
      ParsePolicyFiles({{"a.toml", issuer + std::string(kBase)}, {"b.toml", issuer}});
  ASSERT_FALSE(policy.has_value());
  EXPECT_NE(policy.error().message().find("b.toml:1:1: [issuer] is already defined at a.toml:1"),
            std::string::npos)
      << policy.error().message();
}

// A client may be granted a configuration defined in a later file; ids are unique across files.
TEST(PolicyLoaderTest, MergesAcrossFiles) {
  Result<Policy> merged =
      ParsePolicyFiles({{"a.toml", std::string(kClient)}, {"b.toml", std::string(kBase)}});
  ASSERT_TRUE(merged.has_value()) << merged.error().message();
  EXPECT_TRUE(merged->clients.at(0).Grants("badge"));
  Result<Policy> twice =
      ParsePolicyFiles({{"a.toml", std::string(kBase)}, {"b.toml", std::string(kBase)}});
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().message().find("b.toml:2:6: id in credential_configuration 'badge' is "
                                         "already used"),
            std::string::npos)
      << twice.error().message();
}

// Claims nested deeper than kMaxClaimDepth are refused.
TEST(PolicyLoaderTest, TooDeepNestingFails) {
  std::string text(kBase);
  text.replace(text.find("type = \"string\""), 15, "type = \"object\"");
  std::string table = "[[credential_configuration.claim";
  for (size_t depth = 2; depth <= kMaxClaimDepth + 1; ++depth) {
    table += ".claim";
    text += table + "]]\nname = \"c" + std::to_string(depth) + "\"\ntype = \"" +
            (depth <= kMaxClaimDepth ? "object" : "string") + "\"\n";
  }
  Result<Policy> policy = ParsePolicyText(text, "deep.toml");
  ASSERT_FALSE(policy.has_value());
  EXPECT_NE(policy.error().message().find("nested deeper than 8 levels"), std::string::npos)
      << policy.error().message();
}

// Every example policy file loads on its own, and the directory loads as a whole.
TEST(PolicyLoaderTest, ExamplesLoad) {
  std::filesystem::path dir = std::filesystem::path(VCI_SOURCE_DIR) / "examples" / "policy";
  for (const char* name :
       {"00-issuer.toml", "employee_badge.toml", "university_diploma.toml", "personal_id.toml"}) {
    std::ifstream in(dir / name);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(text.empty()) << name;
    Result<Policy> policy = ParsePolicyText(text, name);
    EXPECT_TRUE(policy.has_value()) << policy.error().message();
  }
  Result<Policy> policy = LoadPolicyDir(dir.string());
  ASSERT_TRUE(policy.has_value()) << policy.error().message();
  EXPECT_EQ(policy->issuer.display.size(), 2u);
  ASSERT_EQ(policy->configurations.size(), 3u);
  EXPECT_EQ(policy->configurations[0].id, "employee_badge");  // Files are read in sorted order.
  EXPECT_EQ(policy->clients.size(), 3u);
  const CredentialConfiguration* pid = policy->FindConfiguration("personal_id");
  ASSERT_NE(pid, nullptr);
  const ClaimSpec* address = pid->FindClaim("address");
  ASSERT_NE(address, nullptr);
  EXPECT_NE(address->FindChild("postal_code"), nullptr);
  ASSERT_NE(pid->FindClaim("nationalities"), nullptr);
  EXPECT_EQ(pid->FindClaim("nationalities")->ItemSpec()->constraints.pattern_source, "[A-Z]{2}");
}

// A directory without policy files, or a missing one, is kNotFound rather than an empty policy.
TEST(PolicyLoaderTest, MissingOrEmptyDirectoryFails) {
  Result<Policy> missing = LoadPolicyDir("/nonexistent/vcissuer-policy");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  std::filesystem::path empty = std::filesystem::path(VCI_BINARY_DIR) / "empty-policy-dir";
  std::filesystem::create_directories(empty);
  std::ofstream(empty / "README") << "not a policy";
  Result<Policy> none = LoadPolicyDir(empty.string());
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code(), ErrorCode::kNotFound);
}

// The corpus's valid cases read back as written: validity rules, holder binding, offer lifetimes
// and the issuer-wide lifetimes.
Policy LoadCase(const std::string& name) {
  std::ifstream in(std::string(VCI_POLICY_CASES_DIR) + "/" + name, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<Policy> policy = ParsePolicyText(text, name);
  EXPECT_TRUE(policy.has_value()) << policy.error().message();
  return policy.has_value() ? std::move(*policy) : Policy{};
}

TEST(PolicyLoaderTest, ValidityTableSetsDefaultMaximumAndNotBefore) {
  Policy policy = LoadCase("valid-validity-table.toml");
  ASSERT_EQ(policy.configurations.size(), 1u);
  EXPECT_EQ(policy.configurations[0].validity, std::chrono::seconds(365 * 86400));
  EXPECT_EQ(policy.configurations[0].max_validity, std::chrono::seconds(1095 * 86400));
  EXPECT_EQ(policy.configurations[0].max_not_before, std::chrono::seconds(90 * 86400));
}

TEST(PolicyLoaderTest, OneValidityIsDefaultAndMaximumAndForbidsNotBefore) {
  Policy policy = LoadCase("valid-minimal.toml");
  ASSERT_EQ(policy.configurations.size(), 1u);
  EXPECT_EQ(policy.configurations[0].validity, std::chrono::seconds(365 * 86400));
  EXPECT_EQ(policy.configurations[0].max_validity, std::chrono::seconds(365 * 86400));
  EXPECT_EQ(policy.configurations[0].max_not_before, std::chrono::seconds(0));
  EXPECT_TRUE(policy.configurations[0].holder_binding);
  EXPECT_FALSE(policy.configurations[0].offer_lifetime.max_lifetime.has_value());
  EXPECT_FALSE(policy.issuer.access_token_lifetime.has_value());
}

TEST(PolicyLoaderTest, HolderBindingOffLeavesNoProofRules) {
  Policy policy = LoadCase("valid-no-holder-binding.toml");
  ASSERT_EQ(policy.configurations.size(), 1u);
  EXPECT_FALSE(policy.configurations[0].holder_binding);
  EXPECT_TRUE(policy.configurations[0].proof_algs.empty());
  EXPECT_TRUE(policy.configurations[0].binding_methods.empty());
}

TEST(PolicyLoaderTest, OfferLifetimeAndIssuerLifetimes) {
  Policy offers = LoadCase("valid-offer-lifetime.toml");
  ASSERT_EQ(offers.configurations.size(), 1u);
  EXPECT_EQ(offers.configurations[0].offer_lifetime.default_lifetime, std::chrono::seconds(900));
  EXPECT_EQ(offers.configurations[0].offer_lifetime.max_lifetime, std::chrono::seconds(172800));
  Policy issuer = LoadCase("valid-issuer-settings.toml");
  EXPECT_EQ(issuer.issuer.batch_size, 10u);
  EXPECT_EQ(issuer.issuer.timestamp_granularity, std::chrono::seconds(900));
  EXPECT_EQ(issuer.issuer.access_token_lifetime, std::chrono::seconds(120));
  EXPECT_EQ(issuer.issuer.nonce_lifetime, std::chrono::seconds(600));
}

}  // namespace
}  // namespace vci::policy
