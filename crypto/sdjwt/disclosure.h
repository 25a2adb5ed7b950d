// SD-JWT Disclosures (RFC 9901 section 4.2): making them, reading them back, hashing them.
#ifndef VCISSUER_CRYPTO_SDJWT_DISCLOSURE_H_
#define VCISSUER_CRYPTO_SDJWT_DISCLOSURE_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/base/random.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"

namespace vci::sdjwt {

// Bytes of salt in each Disclosure: RFC 9901 section 9.3 recommends 128 bits.
inline constexpr size_t kSaltBytes = 16;

// Longest encoded Disclosure this code reads or writes.
inline constexpr size_t kMaxDisclosureChars = size_t{64} * 1024;

// One Disclosure: [salt, name, value] for an object property (RFC 9901 section 4.2.1) or
// [salt, value] for an array element (section 4.2.2).
// json's noexcept default constructor only looks like it throws (a branch unreachable for null;
// json.hpp carries the same NOLINT).
// NOLINTNEXTLINE(bugprone-exception-escape): see above.
struct Disclosure {
  std::string encoded;              // base64url(UTF-8 JSON array), as it appears after a '~'.
  std::string digest;               // base64url(SHA-256(ASCII(encoded))), section 4.2.3.
  std::string salt;                 // The salt string.
  std::optional<std::string> name;  // The claim name; empty for an array element.
  nlohmann::json value;             // The claim value or array element.
};

// DisclosureDigest returns base64url(SHA-256(ASCII(disclosure))) (RFC 9901 section 4.2.3), the
// string that stands for `disclosure` in an "_sd" array or a {"...": digest} element. Only
// kInternal (if hashing fails). Thread-safe.
Result<std::string> DisclosureDigest(const ossl::Context& ctx, std::string_view disclosure);

// MakeDisclosure returns a new Disclosure of `value`, named `name` (or an array element when `name`
// is empty), with a fresh kSaltBytes salt from `random`. Fails with kInvalidArgument when `name` is
// "_sd" or "..." (section 4.2.1), a string in `value` is not UTF-8, or the result would exceed
// kMaxDisclosureChars; with the random source's error if it fails.
Result<Disclosure> MakeDisclosure(const ossl::Context& ctx, RandomSource& random,
                                  std::optional<std::string_view> name,
                                  const nlohmann::json& value);

// ParseDisclosure returns the Disclosure that `encoded` holds. Fails with kInvalidArgument when it
// is longer than kMaxDisclosureChars, not strict base64url, not a JSON array of 2 or 3 elements
// with a string salt (and a string name), or the name is "_sd" or "..." (RFC 9901 section 7.1).
Result<Disclosure> ParseDisclosure(const ossl::Context& ctx, std::string_view encoded);

}  // namespace vci::sdjwt

#endif  // VCISSUER_CRYPTO_SDJWT_DISCLOSURE_H_
