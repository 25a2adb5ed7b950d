// Fuzzes JWS compact parsing and the JWK parser behind a proof's "jwk" header: no input crashes,
// and a parsed JWS always has an object header with a string "alg".
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"
#include "tests/fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = vci::jose::ParseCompact(text, 16 * 1024);
  if (!parsed.has_value()) {
    return 0;
  }
  VCI_CHECK(parsed->header.is_object());
  VCI_CHECK(parsed->header.contains("alg") && parsed->header["alg"].is_string());
  if (auto jwk = parsed->header.find("jwk"); jwk != parsed->header.end()) {
    const vci::ossl::Context& ctx = vci::fuzz::SharedContext();
    auto key = vci::jose::ParsePublicJwk(ctx, *jwk);
    if (key.has_value()) {
      for (auto alg : {vci::jose::JwsAlgorithm::kEs256, vci::jose::JwsAlgorithm::kEs384,
                       vci::jose::JwsAlgorithm::kEdDsa}) {
        (void)vci::jose::VerifySignature(ctx, *parsed, alg, key->get());
      }
      (void)vci::jose::JwkThumbprint(ctx, *jwk);
    }
  }
  return 0;
}
