#include "daemon/oid4vci/signed_metadata.h"

#include <charconv>

#include "crypto/jose/jws.h"
#include "daemon/http/headers.h"

namespace vci::oid4vci {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// QValue returns the q parameter of one media range's parameters ("; q=0.5"), 1 when absent.
double QValue(std::string_view params) {
  while (!params.empty()) {
    size_t semicolon = params.find(';');
    std::string_view param = Trim(params.substr(0, semicolon));
    params = semicolon == std::string_view::npos ? "" : params.substr(semicolon + 1);
    if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string_view number = param.substr(2);
      double q = 1;
      auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), q);
      if (ec == std::errc() && q >= 0 && q <= 1) {
        return q;
      }
    }
  }
  return 1;
}

}  // namespace

bool PrefersJwt(std::string_view accept) {
  constexpr size_t kMaxRanges = 32;
  double q_jwt = 0;
  double q_json = 0;
  size_t ranges = 0;
  while (!accept.empty() && ranges++ < kMaxRanges) {
    size_t comma = accept.find(',');
    std::string_view range = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? "" : accept.substr(comma + 1);
    size_t semicolon = range.find(';');
    std::string_view type = Trim(range.substr(0, semicolon));
    double q = semicolon == std::string_view::npos ? 1 : QValue(range.substr(semicolon + 1));
    if (http::EqualsIgnoreCase(type, "application/jwt")) {
      q_jwt = std::max(q_jwt, q);
    } else if (http::EqualsIgnoreCase(type, "application/json") ||
               http::EqualsIgnoreCase(type, "application/*") || type == "*/*") {
      q_json = std::max(q_json, q);
    }
  }
  return q_jwt > 0 && q_jwt >= q_json;
}

Result<std::string> SignMetadata(nlohmann::json metadata, const std::string& credential_issuer,
                                 int64_t now, const RegisteredSigner& signer) {
  metadata["sub"] = credential_issuer;
  metadata["iss"] = credential_issuer;
  metadata["iat"] = now;
  nlohmann::json header = {{"typ", kSignedMetadataType}, {"kid", signer.kid}};
  std::string payload = metadata.dump();
  return jose::SignCompact(std::move(header), AsBytes(payload), *signer.signer);
}

}  // namespace vci::oid4vci
