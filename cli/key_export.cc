#include "cli/key_export.h"

#include <openssl/pem.h>

#include <array>

#include "crypto/jose/jwk.h"
#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::cli {

Result<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "jwk") {
    return ExportFormat::kJwk;
  }
  if (name == "jwks") {
    return ExportFormat::kJwks;
  }
  if (name == "pem") {
    return ExportFormat::kPem;
  }
  return Error(ErrorCode::kInvalidArgument, "--format takes jwk, jwks or pem");
}

Result<nlohmann::json> SigningJwk(const ossl::Context& ctx, const EVP_PKEY* key) {
  VCI_ASSIGN_OR_RETURN(nlohmann::json jwk, jose::PublicKeyToJwk(key));
  VCI_ASSIGN_OR_RETURN(std::string kid, jose::JwkThumbprint(ctx, jwk));
  constexpr std::array<jose::JwsAlgorithm, 3> kAlgorithms = {
      jose::JwsAlgorithm::kEs256, jose::JwsAlgorithm::kEs384, jose::JwsAlgorithm::kEdDsa};
  for (jose::JwsAlgorithm alg : kAlgorithms) {
    if (jose::AlgorithmFitsKey(alg, key)) {
      jwk["alg"] = jose::JwsAlgorithmName(alg);
      break;
    }
  }
  jwk["kid"] = kid;
  jwk["use"] = "sig";
  return jwk;
}

Result<std::string> ExportPublicKey(const ossl::Context& ctx, const EVP_PKEY* key,
                                    ExportFormat format) {
  if (format != ExportFormat::kPem) {
    VCI_ASSIGN_OR_RETURN(nlohmann::json jwk, SigningJwk(ctx, key));
    if (format == ExportFormat::kJwks) {
      jwk = {{"keys", nlohmann::json::array({std::move(jwk)})}};
    }
    return jwk.dump() + "\n";
  }
  ossl::BioPtr bio(::BIO_new(::BIO_s_mem()));
  if (bio == nullptr || ::PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    return Error(ErrorCode::kInternal, "cannot write the public key as PEM",
                 "PEM_write_bio_PUBKEY");
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  if (len <= 0 || data == nullptr) {
    return Error(ErrorCode::kInternal, "cannot write the public key as PEM", "BIO_get_mem_data");
  }
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace vci::cli
