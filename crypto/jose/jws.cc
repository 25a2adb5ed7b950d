#include "crypto/jose/jws.h"

#include "crypto/jose/base64url.h"
#include "crypto/jose/ecdsa_signature.h"
#include "crypto/jose/json_text.h"
#include "crypto/jose/jwk.h"
#include "crypto/jose/key_type.h"
#include "crypto/ossl/errors.h"
#include "crypto/ossl/ossl_ptr.h"

namespace vci::jose {

namespace {

Error JwsError(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "malformed JWS", std::move(detail));
}

Error BadSignature(std::string detail) {
  return Error(ErrorCode::kInvalidArgument, "invalid JWS signature", std::move(detail));
}

// The digest for each algorithm (RFC 7518 section 3.4); EdDSA hashes internally and takes none.
const char* DigestName(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kEs256:
      return "SHA256";
    case JwsAlgorithm::kEs384:
      return "SHA384";
    case JwsAlgorithm::kEdDsa:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

Result<std::string> SignCompact(nlohmann::json header, ByteView payload, JwsSigner& signer) {
  if (!header.is_object()) {
    return Error(ErrorCode::kInvalidArgument, "JWS header is not an object");
  }
  header["alg"] = std::string(JwsAlgorithmName(signer.Algorithm()));
  VCI_ASSIGN_OR_RETURN(std::string header_text, DumpCompact(header));

  std::string out = Base64UrlEncode(AsBytes(header_text));
  out += '.';
  out += Base64UrlEncode(payload);
  VCI_ASSIGN_OR_RETURN(Bytes signature, signer.Sign(AsBytes(out)));
  if (signature.size() != KeyTypeForAlgorithm(signer.Algorithm()).signature_len) {
    return Error(ErrorCode::kInternal, "internal error",
                 "signer returned a signature of length " + std::to_string(signature.size()));
  }
  out += '.';
  out += Base64UrlEncode(signature);
  return out;
}

Result<ParsedJws> ParseCompact(std::string_view jws, size_t max_len) {
  if (jws.size() > max_len) {
    return JwsError("JWS too long");
  }
  size_t first = jws.find('.');
  size_t second = first == std::string_view::npos ? first : jws.find('.', first + 1);
  if (second == std::string_view::npos || jws.find('.', second + 1) != std::string_view::npos) {
    return JwsError("JWS does not have three segments");
  }
  std::string_view header_b64 = jws.substr(0, first);
  std::string_view payload_b64 = jws.substr(first + 1, second - first - 1);
  std::string_view signature_b64 = jws.substr(second + 1);

  ParsedJws out;
  VCI_ASSIGN_OR_RETURN(Bytes header_text, Base64UrlDecode(header_b64, max_len));
  VCI_ASSIGN_OR_RETURN(out.header, ParseJsonText(AsString(header_text)));
  if (!out.header.is_object()) {
    return JwsError("JWS header is not an object");
  }
  auto alg = out.header.find("alg");
  if (alg == out.header.end() || !alg->is_string()) {
    return JwsError("JWS header has no alg");
  }
  VCI_ASSIGN_OR_RETURN(out.payload, Base64UrlDecode(payload_b64, max_len));
  VCI_ASSIGN_OR_RETURN(out.signature, Base64UrlDecode(signature_b64, max_len));
  out.signing_input = std::string(jws.substr(0, second));
  return out;
}

Result<void> VerifySignature(const ossl::Context& ctx, const ParsedJws& jws, JwsAlgorithm alg,
                             const EVP_PKEY* key) {
  auto header_alg = jws.header.find("alg");
  if (header_alg == jws.header.end() || *header_alg != JwsAlgorithmName(alg)) {
    return BadSignature("header alg differs from the expected algorithm");
  }
  if (!AlgorithmFitsKey(alg, key)) {
    return BadSignature("algorithm does not fit the key");
  }
  const KeyType& type = KeyTypeForAlgorithm(alg);
  if (jws.signature.size() != type.signature_len) {
    return BadSignature("wrong signature length");
  }

  Bytes der;
  ByteView signature = jws.signature;
  if (alg != JwsAlgorithm::kEdDsa) {
    VCI_ASSIGN_OR_RETURN(der, EcdsaRawToDer(jws.signature, type.coordinate_len));
    signature = der;
  }

  ossl::EvpMdCtxPtr md_ctx(::EVP_MD_CTX_new());
  // EVP_DigestVerifyInit_ex takes a non-const key but only takes a reference to it.
  auto* mutable_key = const_cast<EVP_PKEY*>(key);
  if (md_ctx == nullptr ||
      ::EVP_DigestVerifyInit_ex(md_ctx.get(), nullptr, DigestName(alg), ctx.lib_ctx(), nullptr,
                                mutable_key, nullptr) != 1) {
    return Error(ErrorCode::kInternal, "internal error",
                 "EVP_DigestVerifyInit_ex: " + ossl::DrainErrors());
  }
  ByteView input = AsBytes(jws.signing_input);
  if (::EVP_DigestVerify(md_ctx.get(), signature.data(), signature.size(), input.data(),
                         input.size()) != 1) {
    return BadSignature("signature does not verify: " + ossl::DrainErrors());
  }
  return Ok();
}

}  // namespace vci::jose
