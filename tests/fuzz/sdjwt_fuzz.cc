// Fuzzes SD-JWT building from hostile claims: the input is a JSON object of claims; every member
// is made selectively disclosable. The result either fails cleanly or has one disclosure per
// disclosed claim, each of whose digests appears in the payload.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/base/random.h"
#include "crypto/sdjwt/sd_jwt.h"
#include "tests/fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json claims = nlohmann::json::parse(data, data + size, nullptr,
                                                /*allow_exceptions=*/false);
  if (!claims.is_object()) {
    return 0;
  }
  nlohmann::json frame = {{"_sd", nlohmann::json::array()}};
  for (const auto& [name, value] : claims.items()) {
    frame["_sd"].push_back(name);
  }
  static vci::CsprngRandom random;
  vci::sdjwt::BuildOptions options;
  options.max_decoys = 2;
  auto built =
      vci::sdjwt::BuildSdPayload(vci::fuzz::SharedContext(), claims, frame, random, options);
  if (!built.has_value()) {
    return 0;
  }
  std::string payload = built->payload.dump();
  for (const auto& disclosure : built->disclosures) {
    VCI_CHECK(payload.find(disclosure.digest) != std::string::npos);
  }
  return 0;
}
