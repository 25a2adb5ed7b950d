// Building SD-JWT payloads (RFC 9901 sections 4 and 5): which claims become Disclosures, the
// "_sd" digests that stand for them, decoys, and the '~'-joined issuance form.
#ifndef VCISSUER_CRYPTO_SDJWT_SD_JWT_H_
#define VCISSUER_CRYPTO_SDJWT_SD_JWT_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/random.h"
#include "crypto/base/result.h"
#include "crypto/ossl/context.h"
#include "crypto/sdjwt/disclosure.h"

namespace vci::sdjwt {

// The only hash algorithm this issuer uses for digests (RFC 9901 section 4.1.1).
inline constexpr std::string_view kSdAlgSha256 = "sha-256";

// Most decoy digests added to any one "_sd" array or array.
inline constexpr size_t kMaxDecoysPerLevel = 16;

struct BuildOptions {
  // Each object level that has at least one "_sd" digest, and each array with at least one
  // disclosed element, gets between min_decoys and max_decoys decoy digests (RFC 9901 section
  // 4.2.5), drawn uniformly from `random`. Both 0: no decoys. max_decoys <= kMaxDecoysPerLevel.
  size_t min_decoys = 0;
  size_t max_decoys = 0;
};

// json's noexcept default constructor only looks like it throws (a branch unreachable for null;
// json.hpp carries the same NOLINT).
// NOLINTNEXTLINE(bugprone-exception-escape): see above.
struct SdJwtPayload {
  // The JWT payload: the always-visible claims, "_sd" arrays of digests (in a random order, as
  // RFC 9901 section 4.2.4.1 asks), {"...": digest} array elements, and "_sd_alg": "sha-256".
  nlohmann::json payload;
  // One Disclosure per selectively disclosed property or element, inner ones before the outer
  // ones that contain them.
  std::vector<Disclosure> disclosures;
};

// BuildSdPayload turns `claims` (a JSON object) into an SD-JWT payload following `frame`, whose
// shape is that of policy::DisclosureFrame: {"_sd": ["name", ...], "child": {frame}, "array":
// {"_sd": [0, 2], "1": {frame}}}. A name in "_sd" that `claims` lacks is ignored; nested frames
// apply before their parent is disclosed, so a disclosed object carries its own "_sd". Each
// Disclosure has a fresh 128-bit salt. Fails with kInvalidArgument when `claims` is not an object,
// holds "_sd", "_sd_alg" or "..." as a member name, nests deeper than 32 levels, or `options` is
// out of range; with the random source's error when it fails. Thread-safe if `random` is.
Result<SdJwtPayload> BuildSdPayload(const ossl::Context& ctx, const nlohmann::json& claims,
                                    const nlohmann::json& frame, RandomSource& random,
                                    const BuildOptions& options);

// IssuanceForm returns `jwt` '~' disclosure-1 '~' ... '~' disclosure-n '~' (RFC 9901 section
// 4): the form an issuer hands to a holder, always ending in '~' (no Key Binding JWT).
std::string IssuanceForm(std::string_view jwt, const std::vector<Disclosure>& disclosures);

}  // namespace vci::sdjwt

#endif  // VCISSUER_CRYPTO_SDJWT_SD_JWT_H_
