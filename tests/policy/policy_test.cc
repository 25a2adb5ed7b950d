#include "policy/policy.h"

#include <gtest/gtest.h>

namespace vci::policy {
namespace {

// A client is found by its exact token hash only, and grants only what it lists.
TEST(PolicyTest, FindClientByTokenHashWorks) {
  Policy policy;
  policy.clients.push_back({"a", Bytes(32, 0x11), {}, {"badge"}, std::nullopt, std::nullopt});
  policy.clients.push_back({"b", Bytes(32, 0x22), {}, {"diploma"}, std::nullopt, std::nullopt});
  const Client* b = policy.FindClientByTokenHash(Bytes(32, 0x22));
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->name, "b");
  EXPECT_TRUE(b->Grants("diploma"));
  EXPECT_FALSE(b->Grants("badge"));
  Bytes almost(32, 0x22);
  almost.back() = 0x23;
  EXPECT_EQ(policy.FindClientByTokenHash(almost), nullptr);
  EXPECT_EQ(policy.FindClientByTokenHash(Bytes(31, 0x22)), nullptr);
  EXPECT_EQ(policy.FindClientByTokenHash({}), nullptr);
}

// A client named by its certificate is found by that hash only; one without a certificate is
// never found by an empty hash.
TEST(PolicyTest, FindClientByCertificateHashWorks) {
  Policy policy;
  policy.clients.push_back(
      {"token-only", Bytes(32, 0x11), {}, {"badge"}, std::nullopt, std::nullopt});
  policy.clients.push_back({"hr", {}, Bytes(32, 0x33), {"badge"}, std::nullopt, std::nullopt});
  const Client* hr = policy.FindClientByCertificateHash(Bytes(32, 0x33));
  ASSERT_NE(hr, nullptr);
  EXPECT_EQ(hr->name, "hr");
  EXPECT_EQ(policy.FindClientByCertificateHash(Bytes(32, 0x11)), nullptr);
  EXPECT_EQ(policy.FindClientByCertificateHash({}), nullptr);
  EXPECT_EQ(policy.FindClientByTokenHash({}), nullptr);
}

// Configurations are found by id; unknown ids give nullptr (deny by default).
TEST(PolicyTest, FindConfigurationWorks) {
  Policy policy;
  policy.configurations.emplace_back();
  policy.configurations.back().id = "badge";
  EXPECT_EQ(policy.FindConfiguration("badge"), &policy.configurations.back());
  EXPECT_EQ(policy.FindConfiguration("Badge"), nullptr);
}

}  // namespace
}  // namespace vci::policy
