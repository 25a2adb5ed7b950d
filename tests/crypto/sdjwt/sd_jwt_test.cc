#include "crypto/sdjwt/sd_jwt.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "crypto/jose/base64url.h"
#include "tests/fakes/fixed_random.h"

namespace vci::sdjwt {
namespace {

using nlohmann::json;

// An independent reading of an SD-JWT payload (RFC 9901 section 7.1, simplified): replaces every
// digest that a Disclosure matches by its claim, counting how often each digest is used, and
// counting the digests that match nothing (decoys).
class Reconstructor {
 public:
  explicit Reconstructor(const std::vector<Disclosure>& disclosures) {
    for (const Disclosure& d : disclosures) {
      by_digest_.emplace(d.digest, &d);
    }
  }

  json Restore(const json& value) {
    if (value.is_object()) {
      json out = json::object();
      for (const auto& [name, member] : value.items()) {
        if (name != "_sd") {
          out[name] = Restore(member);
        }
      }
      auto sd = value.find("_sd");
      if (sd != value.end()) {
        EXPECT_TRUE(sd->is_array());
        for (const json& digest : *sd) {
          const Disclosure* d = Use(digest.get<std::string>());
          if (d == nullptr) {
            continue;
          }
          EXPECT_TRUE(d->name.has_value()) << "array element disclosure in _sd";
          EXPECT_FALSE(out.contains(*d->name)) << "name also in clear: " << *d->name;
          out[*d->name] = Restore(d->value);
        }
      }
      return out;
    }
    if (value.is_array()) {
      json out = json::array();
      for (const json& element : value) {
        if (element.is_object() && element.size() == 1 && element.contains("...")) {
          const Disclosure* d = Use(element["..."].get<std::string>());
          if (d != nullptr) {
            EXPECT_FALSE(d->name.has_value()) << "object disclosure in an array";
            out.push_back(Restore(d->value));
          }
          continue;
        }
        out.push_back(Restore(element));
      }
      return out;
    }
    return value;
  }

  size_t num_decoys() const { return num_decoys_; }

  // EveryDisclosureUsedOnce is whether each Disclosure's digest appeared exactly once.
  bool EveryDisclosureUsedOnce() const {
    for (const auto& [digest, d] : by_digest_) {
      auto it = uses_.find(digest);
      if (it == uses_.end() || it->second != 1) {
        return false;
      }
    }
    return true;
  }

 private:
  const Disclosure* Use(const std::string& digest) {
    auto it = by_digest_.find(digest);
    if (it == by_digest_.end()) {
      ++num_decoys_;
      return nullptr;
    }
    ++uses_[digest];
    return it->second;
  }

  std::map<std::string, const Disclosure*> by_digest_;
  std::map<std::string, int> uses_;
  size_t num_decoys_ = 0;
};

json Claims() {
  return json::parse(R"({
    "sub": "user_42",
    "given_name": "John",
    "family_name": "Doe",
    "email": "johndoe@example.com",
    "address": {"street_address": "123 Main St", "locality": "Anytown", "country": "US"},
    "nationalities": ["US", "DE", "FR"],
    "degrees": [{"type": "BSc", "university": "X"}, {"type": "MSc", "university": "Y"}]
  })");
}

json Frame() {
  return json::parse(R"({
    "_sd": ["given_name", "family_name", "email", "address", "degrees", "missing_claim"],
    "address": {"_sd": ["street_address", "locality"]},
    "nationalities": {"_sd": [0, 2, 7]},
    "degrees": {"_sd": [1], "0": {"_sd": ["university"]}, "1": {"_sd": ["type"]}}
  })");
}

class SdJwtTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto ctx = ossl::Context::Create();
    ASSERT_TRUE(ctx.has_value());
    ctx_ = std::move(*ctx);
  }

  std::unique_ptr<ossl::Context> ctx_;
  testing::CountingRandom random_;
};

// Selectively disclosed claims leave the payload, always-visible ones stay in clear, "_sd_alg" is
// set, and every Disclosure's digest appears exactly once where its claim was.
TEST_F(SdJwtTest, BuildStructureWorks) {
  auto built = BuildSdPayload(*ctx_, Claims(), Frame(), random_, {});
  ASSERT_TRUE(built.has_value()) << built.error().detail();
  const json& payload = built->payload;

  EXPECT_EQ(payload["_sd_alg"], "sha-256");
  EXPECT_EQ(payload["sub"], "user_42");
  for (const char* hidden : {"given_name", "family_name", "email", "address", "degrees"}) {
    EXPECT_FALSE(payload.contains(hidden)) << hidden;
  }
  ASSERT_TRUE(payload["_sd"].is_array());
  EXPECT_EQ(payload["_sd"].size(), 5u);

  // Arrays keep their length: disclosed elements become {"...": digest} in place.
  const json& nationalities = payload["nationalities"];
  ASSERT_EQ(nationalities.size(), 3u);
  EXPECT_TRUE(nationalities[0].contains("..."));
  EXPECT_EQ(nationalities[1], "DE");
  EXPECT_TRUE(nationalities[2].contains("..."));

  // 5 top-level + 2 address members + 2 nationalities + 1 degree + 2 inner degree members.
  EXPECT_EQ(built->disclosures.size(), 12u);
  Reconstructor reader(built->disclosures);
  json restored = reader.Restore(payload);
  restored.erase("_sd_alg");
  EXPECT_EQ(restored, Claims());
  EXPECT_TRUE(reader.EveryDisclosureUsedOnce());
  EXPECT_EQ(reader.num_decoys(), 0u);
}

// A disclosed object carries its own "_sd", and its inner Disclosures come before it.
TEST_F(SdJwtTest, NestedDisclosedFirstWorks) {
  auto built = BuildSdPayload(*ctx_, Claims(), Frame(), random_, {});
  ASSERT_TRUE(built.has_value());
  std::map<std::string, size_t> position;
  for (size_t i = 0; i < built->disclosures.size(); ++i) {
    const Disclosure& d = built->disclosures[i];
    position[d.name.value_or("[" + d.value.dump() + "]")] = i;
    if (d.name == "address") {
      ASSERT_TRUE(d.value.contains("_sd"));
      EXPECT_EQ(d.value["_sd"].size(), 2u);
      EXPECT_EQ(d.value["country"], "US");
      EXPECT_FALSE(d.value.contains("street_address"));
      EXPECT_FALSE(d.value.contains("_sd_alg"));
    }
    if (d.name == "degrees") {
      ASSERT_TRUE(d.value.is_array());
      EXPECT_TRUE(d.value[0]["_sd"].is_array());
      EXPECT_TRUE(d.value[1].contains("..."));
    }
  }
  EXPECT_LT(position.at("street_address"), position.at("address"));
  EXPECT_LT(position.at("locality"), position.at("address"));
  EXPECT_LT(position.at("university"), position.at("degrees"));
  EXPECT_LT(position.at("type"), position.at("degrees"));
}

// Every salt is 128 fresh bits, and no two Disclosures share one.
TEST_F(SdJwtTest, SaltsDistinctWorks) {
  auto built = BuildSdPayload(*ctx_, Claims(), Frame(), random_, {});
  ASSERT_TRUE(built.has_value());
  std::set<std::string> salts;
  for (const Disclosure& d : built->disclosures) {
    auto salt = jose::Base64UrlDecode(d.salt, kSaltBytes);
    ASSERT_TRUE(salt.has_value());
    EXPECT_EQ(salt->size(), kSaltBytes);
    EXPECT_TRUE(salts.insert(d.salt).second) << d.salt;
  }
}

// An empty frame discloses nothing and leaves the claims as they were, plus "_sd_alg".
TEST_F(SdJwtTest, EmptyFrameWorks) {
  auto built = BuildSdPayload(*ctx_, Claims(), json::object(), random_, {});
  ASSERT_TRUE(built.has_value());
  EXPECT_TRUE(built->disclosures.empty());
  json expected = Claims();
  expected["_sd_alg"] = "sha-256";
  EXPECT_EQ(built->payload, expected);
}

struct DecoyCase {
  size_t min_decoys;
  size_t max_decoys;
};

class SdJwtDecoyTest : public SdJwtTest, public ::testing::WithParamInterface<DecoyCase> {};

// Each level with a disclosure (4 "_sd" arrays and 2 arrays here) gets between min and max decoys,
// and the claims still reconstruct exactly.
TEST_P(SdJwtDecoyTest, DecoyCountWithinBoundsWorks) {
  BuildOptions options;
  options.min_decoys = GetParam().min_decoys;
  options.max_decoys = GetParam().max_decoys;
  auto built = BuildSdPayload(*ctx_, Claims(), Frame(), random_, options);
  ASSERT_TRUE(built.has_value()) << built.error().detail();
  Reconstructor reader(built->disclosures);
  json restored = reader.Restore(built->payload);
  restored.erase("_sd_alg");
  EXPECT_EQ(restored, Claims());
  EXPECT_TRUE(reader.EveryDisclosureUsedOnce());
  constexpr size_t kLevels = 6;  // top, address, degrees[0], degrees[1], nationalities, degrees.
  EXPECT_GE(reader.num_decoys(), kLevels * options.min_decoys);
  EXPECT_LE(reader.num_decoys(), kLevels * options.max_decoys);

  size_t top_decoys = built->payload["_sd"].size() - 5;
  EXPECT_GE(top_decoys, options.min_decoys);
  EXPECT_LE(top_decoys, options.max_decoys);
}

INSTANTIATE_TEST_SUITE_P(Bounds, SdJwtDecoyTest,
                         ::testing::Values(DecoyCase{0, 0}, DecoyCase{1, 1}, DecoyCase{0, 3},
                                           DecoyCase{2, 5}, DecoyCase{16, 16}));

struct RejectCase {
  std::string name;
  json claims;
  json frame;
  BuildOptions options;
};

json Nested(size_t depth) {
  json value = "leaf";
  for (size_t i = 0; i < depth; ++i) {
    value = json{{"n", value}};
  }
  return value;
}

class SdJwtRejectTest : public SdJwtTest, public ::testing::WithParamInterface<RejectCase> {};

// Reserved member names, non-object input, bad frames, too deep claims and out-of-range options
// give kInvalidArgument, never a crash.
TEST_P(SdJwtRejectTest, BuildFails) {
  const RejectCase& c = GetParam();
  auto built = BuildSdPayload(*ctx_, c.claims, c.frame, random_, c.options);
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code(), ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SdJwtRejectTest,
    ::testing::Values(
        RejectCase{"SdMember", {{"_sd", json::array()}}, json::object(), {}},
        RejectCase{"EllipsisMember", {{"...", "x"}}, {{"_sd", {"..."}}}, {}},
        RejectCase{"SdAlgMember", {{"_sd_alg", "sha-256"}}, json::object(), {}},
        RejectCase{"NestedSd", {{"a", {{"b", {{"_sd", 1}}}}}}, json::object(), {}},
        RejectCase{"EllipsisInArray", {{"a", {json{{"...", "d"}}}}}, json::object(), {}},
        RejectCase{"ClaimsArray", json::array(), json::object(), {}},
        RejectCase{"ClaimsString", "claims", json::object(), {}},
        RejectCase{"FrameArray", {{"a", 1}}, json::array(), {}},
        RejectCase{"FrameSdNotArray", {{"a", 1}}, {{"_sd", "a"}}, {}},
        RejectCase{"FrameSdNumberForObject", {{"a", 1}}, {{"_sd", {0}}}, {}},
        RejectCase{"FrameSdNameForArray", {{"a", {1, 2}}}, {{"a", {{"_sd", {"0"}}}}}, {}},
        RejectCase{"FrameSdNegativeIndex", {{"a", {1, 2}}}, {{"a", {{"_sd", {-1}}}}}, {}},
        RejectCase{"FrameChildNotObject", {{"a", {{"b", 1}}}}, {{"a", "b"}}, {}},
        RejectCase{"TooDeep", Nested(33), json::object(), {}},
        RejectCase{"MinAboveMax", {{"a", 1}}, json::object(), {3, 2}},
        RejectCase{"MaxAboveLimit", {{"a", 1}}, json::object(), {0, kMaxDecoysPerLevel + 1}}),
    [](const ::testing::TestParamInfo<RejectCase>& case_info) { return case_info.param.name; });

// 32 nested objects, the top one included, is the deepest accepted nesting (33 is refused).
TEST_F(SdJwtTest, DepthLimitWorks) {
  EXPECT_TRUE(BuildSdPayload(*ctx_, Nested(32), json::object(), random_, {}).has_value());
}

// A failing random source fails the build with its own error.
TEST_F(SdJwtTest, RandomFailureFails) {
  class FailingRandom final : public RandomSource {
   public:
    Result<void> Fill(std::span<uint8_t> /*out*/) override {
      return Error(ErrorCode::kInternal, "internal error", "no entropy");
    }
  } failing;

  auto built = BuildSdPayload(*ctx_, Claims(), Frame(), failing, {});
  ASSERT_FALSE(built.has_value());
  EXPECT_EQ(built.error().code(), ErrorCode::kInternal);
}

// The issuance form is the JWT, then each Disclosure, each followed by '~'.
TEST_F(SdJwtTest, IssuanceFormWorks) {
  EXPECT_EQ(IssuanceForm("h.p.s", {}), "h.p.s~");
  auto built = BuildSdPayload(*ctx_, Claims(), Frame(), random_, {});
  ASSERT_TRUE(built.has_value());
  std::string form = IssuanceForm("h.p.s", built->disclosures);
  ASSERT_FALSE(form.empty());
  EXPECT_EQ(form.back(), '~');
  std::string expected = "h.p.s~";
  for (const Disclosure& d : built->disclosures) {
    expected += d.encoded + "~";
  }
  EXPECT_EQ(form, expected);
}

}  // namespace
}  // namespace vci::sdjwt
