#include "crypto/sdjwt/sd_jwt.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/sdjwt/random_order.h"

namespace vci::sdjwt {

namespace {

using json = nlohmann::json;

// Deepest nesting of objects and arrays accepted in `claims`, the top-level object being 1.
constexpr size_t kMaxDepth = 32;

Error BuildError(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "cannot build SD-JWT payload", std::move(detail));
}

// RFC 9901 sections 4.2.1 and 4.2.4: "_sd", "_sd_alg" and "..." have a meaning in the payload, so
// a claim of that name would be confused with the SD-JWT structure.
bool IsReservedName(std::string_view name) {
  return name == "_sd" || name == "_sd_alg" || name == "...";
}

// CheckClaims refuses reserved member names anywhere in `value` and nesting beyond kMaxDepth.
Result<void> CheckClaims(const json& value, size_t depth) {
  if (!value.is_object() && !value.is_array()) {
    return Ok();
  }
  if (depth > kMaxDepth) {
    return BuildError("claims nest deeper than 32 levels");
  }
  if (value.is_object()) {
    for (const auto& [name, member] : value.items()) {
      if (IsReservedName(name)) {
        return BuildError("reserved claim name " + name);
      }
      VCI_TRY(CheckClaims(member, depth + 1));
    }
    return Ok();
  }
  for (const json& element : value) {
    VCI_TRY(CheckClaims(element, depth + 1));
  }
  return Ok();
}

// SdList returns the frame's "_sd" list (nullptr when absent), checking that it holds names (for
// an object) or non-negative indices (for an array).
Result<const json*> SdList(const json& frame, bool for_array) {
  auto it = frame.find("_sd");
  if (it == frame.end()) {
    return static_cast<const json*>(nullptr);
  }
  if (!it->is_array()) {
    return BuildError("frame _sd is not an array");
  }
  for (const json& entry : *it) {
    if (for_array ? !entry.is_number_unsigned() : !entry.is_string()) {
      return BuildError("frame _sd entry of the wrong type");
    }
  }
  return &*it;
}

// ChildFrame returns the frame for member `key` of `frame` (nullptr when there is none).
Result<const json*> ChildFrame(const json& frame, const std::string& key) {
  auto it = frame.find(key);
  if (it == frame.end()) {
    return static_cast<const json*>(nullptr);
  }
  if (!it->is_object()) {
    return BuildError("frame for " + key + " is not an object");
  }
  return &*it;
}

// Builder walks the claims depth first, so that a nested structure is finished (with its own
// "_sd" and Disclosures) before the claim holding it is itself made into a Disclosure.
class Builder {
 public:
  Builder(const ossl::Context& ctx, RandomSource& random, const BuildOptions& options)
      : ctx_(ctx), random_(random), options_(options) {}

  // Value returns `value` with `frame` (nullptr: none) applied.
  Result<json> Value(const json& value, const json* frame) {
    if (frame == nullptr) {
      return value;
    }
    if (value.is_object()) {
      return Object(value, *frame);
    }
    if (value.is_array()) {
      return Array(value, *frame);
    }
    return value;
  }

  // Object returns the object `value` with the members named in frame["_sd"] replaced by digests.
  Result<json> Object(const json& value, const json& frame) {
    VCI_ASSIGN_OR_RETURN(const json* sd, SdList(frame, /*for_array=*/false));
    json out = json::object();
    std::vector<json> digests;
    for (const auto& [name, member] : value.items()) {
      VCI_ASSIGN_OR_RETURN(const json* child, ChildFrame(frame, name));
      VCI_ASSIGN_OR_RETURN(json processed, Value(member, child));
      if (sd == nullptr || std::find(sd->begin(), sd->end(), name) == sd->end()) {
        out[name] = std::move(processed);
        continue;
      }
      VCI_ASSIGN_OR_RETURN(std::string digest, Disclose(name, processed));
      digests.emplace_back(std::move(digest));
    }
    if (!digests.empty()) {
      VCI_ASSIGN_OR_RETURN(size_t num_decoys, NumDecoys());
      for (size_t i = 0; i < num_decoys; ++i) {
        VCI_ASSIGN_OR_RETURN(std::string decoy, DecoyDigest(ctx_, random_));
        digests.emplace_back(std::move(decoy));
      }
      // RFC 9901 section 4.2.4.1: the order of the digests must not reveal the claims' order.
      VCI_TRY(ShuffleJson(random_, digests));
      out["_sd"] = std::move(digests);
    }
    return out;
  }

  // Array returns the array `value` with the elements listed in frame["_sd"] replaced by
  // {"...": digest} (RFC 9901 section 4.2.4.2).
  Result<json> Array(const json& value, const json& frame) {
    VCI_ASSIGN_OR_RETURN(const json* sd, SdList(frame, /*for_array=*/true));
    json out = json::array();
    bool any_disclosed = false;
    for (size_t i = 0; i < value.size(); ++i) {
      VCI_ASSIGN_OR_RETURN(const json* child, ChildFrame(frame, std::to_string(i)));
      VCI_ASSIGN_OR_RETURN(json processed, Value(value[i], child));
      if (sd == nullptr || std::find(sd->begin(), sd->end(), json(i)) == sd->end()) {
        out.push_back(std::move(processed));
        continue;
      }
      VCI_ASSIGN_OR_RETURN(std::string digest, Disclose(std::nullopt, processed));
      out.push_back(json{{"...", std::move(digest)}});
      any_disclosed = true;
    }
    if (any_disclosed) {
      VCI_ASSIGN_OR_RETURN(size_t num_decoys, NumDecoys());
      for (size_t i = 0; i < num_decoys; ++i) {
        VCI_ASSIGN_OR_RETURN(std::string decoy, DecoyDigest(ctx_, random_));
        VCI_ASSIGN_OR_RETURN(size_t at, RandomBelow(random_, out.size() + 1));
        out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), json{{"...", std::move(decoy)}});
      }
    }
    return out;
  }

  std::vector<Disclosure> TakeDisclosures() { return std::move(disclosures_); }

 private:
  // Disclose makes the Disclosure of `value` and returns its digest.
  Result<std::string> Disclose(std::optional<std::string_view> name, const json& value) {
    VCI_ASSIGN_OR_RETURN(Disclosure disclosure, MakeDisclosure(ctx_, random_, name, value));
    std::string digest = disclosure.digest;
    disclosures_.push_back(std::move(disclosure));
    return digest;
  }

  Result<size_t> NumDecoys() {
    if (options_.max_decoys == 0) {
      return size_t{0};
    }
    VCI_ASSIGN_OR_RETURN(size_t extra,
                         RandomBelow(random_, options_.max_decoys - options_.min_decoys + 1));
    return options_.min_decoys + extra;
  }

  const ossl::Context& ctx_;
  RandomSource& random_;
  const BuildOptions& options_;
  std::vector<Disclosure> disclosures_;
};

}  // namespace

Result<SdJwtPayload> BuildSdPayload(const ossl::Context& ctx, const nlohmann::json& claims,
                                    const nlohmann::json& frame, RandomSource& random,
                                    const BuildOptions& options) {
  if (options.min_decoys > options.max_decoys || options.max_decoys > kMaxDecoysPerLevel) {
    return BuildError("decoy bounds out of range");
  }
  if (!claims.is_object()) {
    return BuildError("claims are not a JSON object");
  }
  if (!frame.is_object()) {
    return BuildError("disclosure frame is not a JSON object");
  }
  VCI_TRY(CheckClaims(claims, 1));

  Builder builder(ctx, random, options);
  SdJwtPayload out;
  VCI_ASSIGN_OR_RETURN(out.payload, builder.Object(claims, frame));
  out.payload["_sd_alg"] = std::string(kSdAlgSha256);
  out.disclosures = builder.TakeDisclosures();
  return out;
}

std::string IssuanceForm(std::string_view jwt, const std::vector<Disclosure>& disclosures) {
  std::string out(jwt);
  out += '~';
  for (const Disclosure& disclosure : disclosures) {
    out += disclosure.encoded;
    out += '~';
  }
  return out;
}

}  // namespace vci::sdjwt
