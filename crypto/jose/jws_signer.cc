#include "crypto/jose/jws_signer.h"

namespace vci::jose {

std::string_view JwsAlgorithmName(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kEs256:
      return "ES256";
    case JwsAlgorithm::kEs384:
      return "ES384";
    case JwsAlgorithm::kEdDsa:
      return "EdDSA";
  }
  VCI_CHECK(false && "unknown JwsAlgorithm");
  return {};
}

Result<JwsAlgorithm> ParseJwsAlgorithm(std::string_view name) {
  // Exact, case-sensitive comparison (RFC 7515 section 4.1.1: "alg" values are case-sensitive).
  for (JwsAlgorithm alg : {JwsAlgorithm::kEs256, JwsAlgorithm::kEs384, JwsAlgorithm::kEdDsa}) {
    if (name == JwsAlgorithmName(alg)) {
      return alg;
    }
  }
  return Error(ErrorCode::kInvalidArgument, "unsupported JWS algorithm");
}

}  // namespace vci::jose
