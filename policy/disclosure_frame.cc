#include "policy/disclosure_frame.h"

#include <string>

namespace vci::policy {
namespace {

using json = nlohmann::json;

json FrameFor(const ClaimSpec& spec, const json& value);

json ObjectFrame(const std::vector<ClaimSpec>& specs, const json& value) {
  json frame = json::object();
  if (!value.is_object()) {
    return frame;
  }
  json sd = json::array();
  for (const ClaimSpec& spec : specs) {
    auto member = value.find(spec.name);
    if (member == value.end()) {
      continue;
    }
    if (spec.selectively_disclosable) {
      sd.push_back(spec.name);
    }
    json child = FrameFor(spec, *member);
    if (!child.empty()) {
      frame[spec.name] = std::move(child);
    }
  }
  if (!sd.empty()) {
    frame["_sd"] = std::move(sd);
  }
  return frame;
}

json ArrayFrame(const ClaimSpec& item, const json& value) {
  json frame = json::object();
  if (!value.is_array()) {
    return frame;
  }
  json sd = json::array();
  for (size_t i = 0; i < value.size(); ++i) {
    if (item.selectively_disclosable) {
      sd.push_back(i);
    }
    json child = FrameFor(item, value[i]);
    if (!child.empty()) {
      frame[std::to_string(i)] = std::move(child);
    }
  }
  if (!sd.empty()) {
    frame["_sd"] = std::move(sd);
  }
  return frame;
}

// FrameFor returns the frame for the content of one value: empty for scalars.
json FrameFor(const ClaimSpec& spec, const json& value) {
  if (spec.type == ClaimType::kObject) {
    return ObjectFrame(spec.children, value);
  }
  if (spec.type == ClaimType::kArray && spec.ItemSpec() != nullptr) {
    return ArrayFrame(*spec.ItemSpec(), value);
  }
  return json::object();
}

}  // namespace

json DisclosureFrame(const CredentialConfiguration& config, const json& claims) {
  return ObjectFrame(config.claims, claims);
}

}  // namespace vci::policy
