#include "crypto/sdjwt/random_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>

#include "crypto/jose/base64url.h"
#include "tests/fakes/fixed_random.h"

namespace vci::sdjwt {
namespace {

// A source that always fails, to show its error comes back unchanged.
class FailingRandom final : public RandomSource {
 public:
  Result<void> Fill(std::span<uint8_t> /*out*/) override {
    return Error(ErrorCode::kInternal, "internal error", "no entropy");
  }
};

// RandomBelow stays below its bound, rejects the biased tail of the counter's draws and refuses a
// zero bound.
TEST(RandomOrderTest, RandomBelowWorks) {
  testing::CountingRandom random;
  for (size_t bound : {1u, 2u, 3u, 7u, 17u, 1000u}) {
    for (int i = 0; i < 20; ++i) {
      auto value = RandomBelow(random, bound);
      ASSERT_TRUE(value.has_value());
      EXPECT_LT(*value, bound);
    }
  }
  EXPECT_FALSE(RandomBelow(random, 0).has_value());
  FailingRandom failing;
  auto failed = RandomBelow(failing, 5);
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code(), ErrorCode::kInternal);
}

// ShuffleJson returns a permutation of its input.
TEST(RandomOrderTest, ShuffleIsPermutationWorks) {
  testing::CountingRandom random;
  std::vector<nlohmann::json> items;
  for (int i = 0; i < 20; ++i) {
    items.emplace_back(i);
  }
  std::vector<nlohmann::json> shuffled = items;
  ASSERT_TRUE(ShuffleJson(random, shuffled).has_value());
  EXPECT_NE(shuffled, items);
  std::sort(shuffled.begin(), shuffled.end());
  EXPECT_EQ(shuffled, items);
}

// Decoy digests look like real ones (32 bytes of base64url) and differ from each other.
TEST(RandomOrderTest, DecoyDigestWorks) {
  auto ctx = ossl::Context::Create();
  ASSERT_TRUE(ctx.has_value());
  testing::CountingRandom random;
  std::set<std::string> seen;
  for (int i = 0; i < 8; ++i) {
    auto decoy = DecoyDigest(**ctx, random);
    ASSERT_TRUE(decoy.has_value());
    auto bytes = jose::Base64UrlDecode(*decoy, 32);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->size(), 32u);
    EXPECT_TRUE(seen.insert(*decoy).second);
  }
  FailingRandom failing;
  EXPECT_FALSE(DecoyDigest(**ctx, failing).has_value());
}

}  // namespace
}  // namespace vci::sdjwt
