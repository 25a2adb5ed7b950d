#include "crypto/ossl/digest.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace vci::ossl {
namespace {

struct DigestCase {
  std::string input;
  std::string sha256_hex;
  std::string sha384_hex;
  std::string sha512_hex;
};

// PrintTo names a case in test output (instead of its bytes).
void PrintTo(const DigestCase& c, std::ostream* os) {
  *os << "\"" << c.input.substr(0, 16) << "\"";
}

class DigestTest : public ::testing::TestWithParam<DigestCase> {
 protected:
  void SetUp() override {
    auto ctx = Context::Create();
    ASSERT_TRUE(ctx.has_value());
    ctx_ = std::move(*ctx);
  }

  std::unique_ptr<Context> ctx_;
};

// SHA-256/384/512 match the FIPS 180-2 appendix examples ("abc", the two-block message) and the
// well-known digests of the empty string.
TEST_P(DigestTest, KnownVectorsWork) {
  const DigestCase& c = GetParam();
  auto sha256 = Sha256(*ctx_, AsBytes(c.input));
  auto sha384 = Sha384(*ctx_, AsBytes(c.input));
  auto sha512 = Sha512(*ctx_, AsBytes(c.input));
  ASSERT_TRUE(sha256.has_value());
  ASSERT_TRUE(sha384.has_value());
  ASSERT_TRUE(sha512.has_value());
  EXPECT_EQ(ToHex(*sha256), c.sha256_hex);
  if (!c.sha384_hex.empty()) {
    EXPECT_EQ(ToHex(*sha384), c.sha384_hex);
  }
  if (!c.sha512_hex.empty()) {
    EXPECT_EQ(ToHex(*sha512), c.sha512_hex);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fips180, DigestTest,
    ::testing::Values(
        DigestCase{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                   "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2"
                   "358baeca134c825a7",
                   "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a"
                   "836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
        DigestCase{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                   "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65f"
                   "bd51ad2f14898b95b",
                   "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b"
                   "0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
        DigestCase{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "", ""}));

}  // namespace
}  // namespace vci::ossl
