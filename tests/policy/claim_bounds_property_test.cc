// Property tests of the claim validator: for bounds drawn at random (fixed seed, so a failure
// repeats), a value exactly at each bound is accepted and a value just beyond it is refused, with
// a message that names the claim and the rule. Lengths count Unicode code points, so strings are
// built from one-, two-, three- and four-byte characters alike.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "policy/claim_validator.h"
#include "policy/policy_loader.h"

namespace vci::policy {
namespace {

using json = nlohmann::json;

constexpr int kRounds = 200;

// One-, two-, three- and four-byte UTF-8 characters.
constexpr std::string_view kCharacters[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};

CredentialConfiguration Configuration(const std::string& claims) {
  std::string text =
      "[[credential_configuration]]\n"
      "id = \"c\"\nformat = \"dc+sd-jwt\"\nvct = \"urn:example:c:1\"\n"
      "signing_key = \"pkcs11:token=t;object=k\"\nsigning_alg = \"ES256\"\nvalidity = \"1d\"\n"
      "display = [ { locale = \"en\", name = \"C\" } ]\n" +
      claims;
  Result<Policy> policy = ParsePolicyText(text, "property.toml");
  EXPECT_TRUE(policy.has_value()) << policy.error().message() << "\n" << text;
  return policy.has_value() ? policy->configurations.at(0) : CredentialConfiguration{};
}

std::string Text(std::mt19937& random, size_t code_points) {
  std::string out;
  for (size_t i = 0; i < code_points; ++i) {
    out += kCharacters[random() % std::size(kCharacters)];
  }
  return out;
}

// Refused returns the validator's message, or "" when it accepted.
std::string Refused(const CredentialConfiguration& config, const json& claims) {
  Result<void> result = ValidateClaims(config, claims);
  return result.has_value() ? "" : result.error().message();
}

TEST(ClaimBoundsProperty, StringLengthsAtAndBeyondTheirBounds) {
  std::mt19937 random(20261204);
  for (int round = 0; round < kRounds; ++round) {
    size_t min = random() % 20;
    size_t max = min + random() % 20;
    CredentialConfiguration config = Configuration(
        "[[credential_configuration.claim]]\nname = \"s\"\ntype = \"string\"\nmin_length = " +
        std::to_string(min) + "\nmax_length = " + std::to_string(max) + "\n");
    EXPECT_EQ(Refused(config, {{"s", Text(random, min)}}), "") << min;
    EXPECT_EQ(Refused(config, {{"s", Text(random, max)}}), "") << max;
    EXPECT_EQ(Refused(config, {{"s", Text(random, max + 1)}}),
              "claim 's': longer than " + std::to_string(max) + " characters");
    if (min > 0) {
      EXPECT_EQ(Refused(config, {{"s", Text(random, min - 1)}}),
                "claim 's': shorter than " + std::to_string(min) + " characters");
    }
  }
}

TEST(ClaimBoundsProperty, IntegersAtAndBeyondTheirBounds) {
  std::mt19937_64 random(7);
  for (int round = 0; round < kRounds; ++round) {
    auto min = static_cast<int64_t>(random() % 2000000) - 1000000;
    int64_t max = min + static_cast<int64_t>(random() % 1000);
    CredentialConfiguration config = Configuration(
        "[[credential_configuration.claim]]\nname = \"i\"\ntype = \"integer\"\nminimum = " +
        std::to_string(min) + "\nmaximum = " + std::to_string(max) + "\n");
    EXPECT_EQ(Refused(config, {{"i", min}}), "");
    EXPECT_EQ(Refused(config, {{"i", max}}), "");
    EXPECT_NE(Refused(config, {{"i", min - 1}}).find("claim 'i': less than the minimum"),
              std::string::npos);
    EXPECT_NE(Refused(config, {{"i", max + 1}}).find("claim 'i': greater than the maximum"),
              std::string::npos);
    // An integer claim refuses a fraction, even one inside the bounds.
    EXPECT_NE(Refused(config, {{"i", static_cast<double>(min) + 0.5}}), "");
  }
}

TEST(ClaimBoundsProperty, NumbersAtAndJustBeyondTheirBounds) {
  std::mt19937 random(11);
  for (int round = 0; round < kRounds; ++round) {
    // Bounds in hundredths, written as decimal text; the test reads the text back with strtod,
    // as the TOML reader does, so the bound is the same double on both sides.
    int min_cents = static_cast<int>(random() % 200000) - 100000;
    int max_cents = min_cents + static_cast<int>(random() % 100000);
    char min_text[32];
    char max_text[32];
    (void)std::snprintf(min_text, sizeof(min_text), "%.2f", min_cents / 100.0);
    (void)std::snprintf(max_text, sizeof(max_text), "%.2f", max_cents / 100.0);
    double min = std::strtod(min_text, nullptr);
    double max = std::strtod(max_text, nullptr);
    CredentialConfiguration config = Configuration(
        "[[credential_configuration.claim]]\nname = \"n\"\ntype = \"number\"\nminimum = " +
        std::string(min_text) + "\nmaximum = " + std::string(max_text) + "\n");
    EXPECT_EQ(Refused(config, {{"n", min}}), "") << min_text;
    EXPECT_EQ(Refused(config, {{"n", max}}), "") << max_text;
    EXPECT_NE(Refused(config, {{"n", std::nextafter(min, -INFINITY)}}), "") << min_text;
    EXPECT_NE(Refused(config, {{"n", std::nextafter(max, INFINITY)}}), "") << max_text;
  }
}

TEST(ClaimBoundsProperty, ArrayItemCountsAtAndBeyondMaxItems) {
  std::mt19937 random(3);
  for (int round = 0; round < 50; ++round) {
    size_t max = 1 + random() % 30;
    CredentialConfiguration config = Configuration(
        "[[credential_configuration.claim]]\nname = \"a\"\ntype = \"array\"\nmax_items = " +
        std::to_string(max) + "\nitems = { type = \"string\", max_length = 3 }\n");
    json at = json::array();
    for (size_t i = 0; i < max; ++i) {
      at.push_back(Text(random, 3));
    }
    EXPECT_EQ(Refused(config, {{"a", at}}), "");
    json beyond = at;
    beyond.push_back("x");
    EXPECT_EQ(Refused(config, {{"a", beyond}}),
              "claim 'a': more than " + std::to_string(max) + " elements");
    // One element one character too long is refused, and named by its index.
    json long_item = at;
    long_item[max - 1] = Text(random, 4);
    EXPECT_NE(Refused(config, {{"a", long_item}}).find("longer than 3 characters"),
              std::string::npos);
  }
}

// Dates: every day of a leap and a common year is accepted; the day after each month's last day
// is refused.
TEST(ClaimBoundsProperty, EveryCalendarDayAndTheDayAfterEachMonth) {
  CredentialConfiguration config =
      Configuration("[[credential_configuration.claim]]\nname = \"d\"\ntype = \"date\"\n");
  for (int year : {2023, 2024, 1900, 2000}) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; ++month) {
      char text[48];
      (void)std::snprintf(text, sizeof(text), "%04d-%02d-%02d", year, month, days[month - 1]);
      EXPECT_EQ(Refused(config, {{"d", text}}), "") << text;
      (void)std::snprintf(text, sizeof(text), "%04d-%02d-%02d", year, month, days[month - 1] + 1);
      EXPECT_EQ(Refused(config, {{"d", text}}), "claim 'd': expected a date written YYYY-MM-DD")
          << text;
    }
  }
}

}  // namespace
}  // namespace vci::policy
