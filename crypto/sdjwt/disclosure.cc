#include "crypto/sdjwt/disclosure.h"

#include "crypto/jose/base64url.h"
#include "crypto/jose/json_text.h"
#include "crypto/ossl/digest.h"

namespace vci::sdjwt {

namespace {

Error DisclosureError(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "malformed disclosure", std::move(detail));
}

bool IsReservedName(std::string_view name) {
  return name == "_sd" || name == "...";
}

}  // namespace

Result<std::string> DisclosureDigest(const ossl::Context& ctx, std::string_view disclosure) {
  VCI_ASSIGN_OR_RETURN(auto digest, ossl::Sha256(ctx, AsBytes(disclosure)));
  return jose::Base64UrlEncode(digest);
}

Result<Disclosure> MakeDisclosure(const ossl::Context& ctx, RandomSource& random,
                                  std::optional<std::string_view> name,
                                  const nlohmann::json& value) {
  if (name.has_value() && IsReservedName(*name)) {
    return Error(ErrorCode::kInvalidArgument, "reserved claim name");
  }
  VCI_ASSIGN_OR_RETURN(Bytes salt_bytes, random.Generate(kSaltBytes));

  Disclosure out;
  out.salt = jose::Base64UrlEncode(salt_bytes);
  nlohmann::json array = nlohmann::json::array({out.salt});
  if (name.has_value()) {
    out.name = std::string(*name);
    array.push_back(*out.name);
  }
  array.push_back(value);
  out.value = value;

  VCI_ASSIGN_OR_RETURN(std::string text, jose::DumpCompact(array));
  out.encoded = jose::Base64UrlEncode(AsBytes(text));
  if (out.encoded.size() > kMaxDisclosureChars) {
    return Error(ErrorCode::kInvalidArgument, "claim value too large");
  }
  VCI_ASSIGN_OR_RETURN(out.digest, DisclosureDigest(ctx, out.encoded));
  return out;
}

Result<Disclosure> ParseDisclosure(const ossl::Context& ctx, std::string_view encoded) {
  if (encoded.size() > kMaxDisclosureChars) {
    return DisclosureError("disclosure too long");
  }
  VCI_ASSIGN_OR_RETURN(Bytes text, jose::Base64UrlDecode(encoded, kMaxDisclosureChars));
  VCI_ASSIGN_OR_RETURN(nlohmann::json array, jose::ParseJsonText(AsString(text)));
  if (!array.is_array() || (array.size() != 2 && array.size() != 3) || !array[0].is_string()) {
    return DisclosureError("disclosure is not [salt, (name,) value]");
  }

  Disclosure out;
  out.encoded = std::string(encoded);
  out.salt = array[0].get<std::string>();
  if (array.size() == 3) {
    if (!array[1].is_string()) {
      return DisclosureError("claim name is not a string");
    }
    out.name = array[1].get<std::string>();
    if (IsReservedName(*out.name)) {
      return DisclosureError("reserved claim name in disclosure");
    }
  }
  out.value = std::move(array.back());
  VCI_ASSIGN_OR_RETURN(out.digest, DisclosureDigest(ctx, out.encoded));
  return out;
}

}  // namespace vci::sdjwt
