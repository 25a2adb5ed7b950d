// Fuzzes the wallet proof validator end to end: any string is either a proof that passed every
// check (impossible for random input without the key, so it must at least carry a nonce) or an
// invalid_proof error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/oid4vci/proof_validator.h"
#include "tests/fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view jwt(reinterpret_cast<const char*>(data), size);
  vci::oid4vci::ProofValidator validator(vci::fuzz::SharedContext());
  vci::oid4vci::ProofRequirements requirements;
  requirements.audience = "https://issuer.example.com";
  requirements.algorithms = {vci::jose::JwsAlgorithm::kEs256, vci::jose::JwsAlgorithm::kEdDsa};
  requirements.now = 1767225600;  // 2026-01-01T00:00:00Z
  auto proof = validator.Validate(jwt, requirements);
  if (proof.has_value()) {
    VCI_CHECK(!proof->Nonce().empty());
    VCI_CHECK(proof->HolderJwk().is_object());
  } else {
    VCI_CHECK(proof.error().code() == vci::ErrorCode::kInvalidProof);
  }
  return 0;
}
