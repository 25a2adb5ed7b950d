// JwkThumbprint (declared in jwk.h): RFC 7638.
#include <array>
#include <span>
#include <string_view>

#include "crypto/jose/base64url.h"
#include "crypto/jose/json_text.h"
#include "crypto/jose/jwk.h"
#include "crypto/ossl/digest.h"

namespace vci::jose {
namespace {

// CanonicalThumbprint hashes `required`, a JSON object holding exactly the required members.
Result<std::string> CanonicalThumbprint(const ossl::Context& ctx, const nlohmann::json& required) {
  // nlohmann's default object is a std::map, so dump() writes the members in lexicographic order
  // with no whitespace, as RFC 7638 section 3.3 requires. All values are ASCII base64url or curve
  // names, so no escaping differences can arise.
  VCI_ASSIGN_OR_RETURN(std::string canonical, DumpCompact(required));
  VCI_ASSIGN_OR_RETURN(auto digest, ossl::Sha256(ctx, AsBytes(canonical)));
  return Base64UrlEncode(digest);
}

}  // namespace

Result<std::string> JwkThumbprint(const ossl::Context& ctx, const nlohmann::json& jwk) {
  if (!jwk.is_object()) {
    return Error(ErrorCode::kInvalidArgument, "invalid JWK", "JWK is not an object");
  }
  auto kty = jwk.find("kty");
  if (kty == jwk.end() || !kty->is_string()) {
    return Error(ErrorCode::kInvalidArgument, "invalid JWK", "missing kty");
  }
  // RFC 7638 section 3.2: the required members of each key type (RFC 7518 section 6.2.1, RFC 8037
  // section 2).
  constexpr std::array<std::string_view, 4> kEcMembers = {"crv", "kty", "x", "y"};
  constexpr std::array<std::string_view, 3> kOkpMembers = {"crv", "kty", "x"};
  std::span<const std::string_view> members;
  if (*kty == "EC") {
    members = kEcMembers;
  } else if (*kty == "OKP") {
    members = kOkpMembers;
  } else {
    return Error(ErrorCode::kInvalidArgument, "invalid JWK", "unsupported kty");
  }

  nlohmann::json required = nlohmann::json::object();
  for (std::string_view name : members) {
    auto it = jwk.find(name);
    if (it == jwk.end()) {
      return Error(ErrorCode::kInvalidArgument, "invalid JWK",
                   "missing member " + std::string(name));
    }
    required[std::string(name)] = *it;
  }
  VCI_TRY(ParsePublicJwk(ctx, required));
  return CanonicalThumbprint(ctx, required);
}

Result<std::string> KeyThumbprint(const ossl::Context& ctx, const EVP_PKEY* key) {
  // PublicKeyToJwk writes only the required members.
  VCI_ASSIGN_OR_RETURN(nlohmann::json jwk, PublicKeyToJwk(key));
  return CanonicalThumbprint(ctx, jwk);
}

}  // namespace vci::jose
