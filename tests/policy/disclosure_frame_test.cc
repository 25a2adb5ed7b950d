#include "policy/disclosure_frame.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "policy/claim_validator.h"
#include "policy/policy_loader.h"

namespace vci::policy {
namespace {

using json = nlohmann::json;

Policy LoadExamples() {
  Result<Policy> policy =
      LoadPolicyDir((std::filesystem::path(VCI_SOURCE_DIR) / "examples" / "policy").string());
  EXPECT_TRUE(policy.has_value()) << policy.error().message();
  return policy.has_value() ? std::move(policy).value() : Policy{};
}

// The personal ID's frame discloses top-level claims, address members and each nationality
// separately, in policy order, and only for claims present.
TEST(DisclosureFrameTest, NestedPersonalIdWorks) {
  Policy policy = LoadExamples();
  const CredentialConfiguration* pid = policy.FindConfiguration("personal_id");
  ASSERT_NE(pid, nullptr);
  json claims = json::parse(R"({
    "given_name": "Erika", "family_name": "Mustermann", "birthdate": "1964-08-12",
    "address": {"locality": "Berlin", "street_address": "Heidestrasse 17"},
    "nationalities": ["DE", "FR"]
  })");
  ASSERT_TRUE(ValidateClaims(*pid, claims).has_value());
  json expected = json::parse(R"({
    "_sd": ["given_name", "family_name", "birthdate", "address", "nationalities"],
    "address": {"_sd": ["street_address", "locality"]},
    "nationalities": {"_sd": [0, 1]}
  })");
  EXPECT_EQ(DisclosureFrame(*pid, claims), expected);
}

// A claim that is not selectively disclosable stays plain, while its members may still be.
TEST(DisclosureFrameTest, PlainParentWithDisclosableChildrenWorks) {
  Policy policy = LoadExamples();
  const CredentialConfiguration* diploma = policy.FindConfiguration("university_diploma");
  ASSERT_NE(diploma, nullptr);
  json claims = {{"given_name", "Ada"},
                 {"family_name", "Lovelace"},
                 {"birthdate", "1815-12-10"},
                 {"awarded_at", "2024-06-30T12:00:00Z"},
                 {"degree", {{"type", "MasterDegree"}, {"name", "MSc Mathematics"}}}};
  ASSERT_TRUE(ValidateClaims(*diploma, claims).has_value());
  json expected = {{"_sd", {"given_name", "family_name", "birthdate", "awarded_at"}},
                   {"degree", {{"_sd", {"type", "name"}}}}};
  EXPECT_EQ(DisclosureFrame(*diploma, claims), expected);
}

// The employee id is plain; with no other claim present the frame is empty.
TEST(DisclosureFrameTest, NothingDisclosableGivesEmptyFrame) {
  Policy policy = LoadExamples();
  const CredentialConfiguration* badge = policy.FindConfiguration("employee_badge");
  ASSERT_NE(badge, nullptr);
  EXPECT_EQ(DisclosureFrame(*badge, {{"employee_id", "E123456"}}), json::object());
}

}  // namespace
}  // namespace vci::policy
