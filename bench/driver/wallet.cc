// Wallet: the three wallet requests of one issuance, each timed on the steady clock.
#include "bench/driver/wallet.h"

#include <cctype>
#include <ctime>
#include <string>
#include <utility>

#include "crypto/jose/jwk.h"
#include "crypto/jose/jws.h"

namespace vci::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kPreAuthorizedGrant =
    "urn:ietf:params:oauth:grant-type:pre-authorized_code";

// FormEscape percent-encodes `value` for an application/x-www-form-urlencoded body.
std::string FormEscape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Error StatusError(std::string_view endpoint, const HttpReply& reply) {
  return Error(ErrorCode::kInternal, std::string(endpoint) + " failed",
               std::string(endpoint) + ": HTTP " + std::to_string(reply.status));
}

// StringMember returns body[name] when `body` is a JSON object with that string member.
Result<std::string> StringMember(std::string_view endpoint, const std::string& body,
                                 const char* name) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains(name) || !json[name].is_string()) {
    return Error(ErrorCode::kInternal, std::string(endpoint) + " answered without " + name);
  }
  return json[name].get<std::string>();
}

}  // namespace

Result<std::unique_ptr<Wallet>> Wallet::Create(const ossl::Context& ctx, std::string issuer,
                                               std::string configuration_id) {
  VCI_ASSIGN_OR_RETURN(auto http, HttpClient::Create());
  VCI_ASSIGN_OR_RETURN(auto key, jose::OsslSigner::Generate(ctx, jose::JwsAlgorithm::kEs256));
  VCI_ASSIGN_OR_RETURN(nlohmann::json jwk, jose::PublicKeyToJwk(key->PublicKey()));
  nlohmann::json header = {{"typ", "openid4vci-proof+jwt"}, {"jwk", std::move(jwk)}};
  return std::unique_ptr<Wallet>(new Wallet(std::move(http), std::move(key), std::move(header),
                                            std::move(issuer), std::move(configuration_id)));
}

Wallet::Wallet(std::unique_ptr<HttpClient> http, std::unique_ptr<jose::OsslSigner> key,
               nlohmann::json proof_header, std::string issuer, std::string configuration_id)
    : http_(std::move(http)),
      key_(std::move(key)),
      proof_header_(std::move(proof_header)),
      issuer_(std::move(issuer)),
      configuration_id_(std::move(configuration_id)) {}

Result<FlowTiming> Wallet::Redeem(const Offer& offer) {
  FlowTiming timing;
  Clock::time_point start = Clock::now();
  VCI_ASSIGN_OR_RETURN(std::string access_token, Token(offer));
  Clock::time_point after_token = Clock::now();
  VCI_ASSIGN_OR_RETURN(std::string nonce, Nonce());
  Clock::time_point after_nonce = Clock::now();
  VCI_TRY(Credential(access_token, nonce));
  Clock::time_point end = Clock::now();
  timing.token = after_token - start;
  timing.nonce = after_nonce - after_token;
  timing.credential = end - after_nonce;
  timing.flow = end - start;
  return timing;
}

Result<std::string> Wallet::Token(const Offer& offer) {
  std::string form = "grant_type=" + FormEscape(kPreAuthorizedGrant) +
                     "&pre-authorized_code=" + FormEscape(offer.code);
  if (!offer.tx_code.empty()) {
    form += "&tx_code=" + FormEscape(offer.tx_code);
  }
  VCI_ASSIGN_OR_RETURN(HttpReply reply,
                       http_->Post(issuer_ + "/token", "application/x-www-form-urlencoded", form));
  if (reply.status != 200) {
    return StatusError("/token", reply);
  }
  return StringMember("/token", reply.body, "access_token");
}

Result<std::string> Wallet::Nonce() {
  VCI_ASSIGN_OR_RETURN(HttpReply reply, http_->Post(issuer_ + "/nonce", "", ""));
  if (reply.status != 200) {
    return StatusError("/nonce", reply);
  }
  return StringMember("/nonce", reply.body, "c_nonce");
}

Result<void> Wallet::Credential(const std::string& access_token, const std::string& nonce) {
  nlohmann::json claims = {{"aud", issuer_}, {"iat", std::time(nullptr)}, {"nonce", nonce}};
  std::string payload = claims.dump();
  VCI_ASSIGN_OR_RETURN(std::string proof,
                       jose::SignCompact(proof_header_, AsBytes(payload), *key_));
  nlohmann::json request = {{"credential_configuration_id", configuration_id_},
                            {"proofs", {{"jwt", {proof}}}}};
  VCI_ASSIGN_OR_RETURN(HttpReply reply, http_->Post(issuer_ + "/credential", "application/json",
                                                    request.dump(), access_token));
  if (reply.status != 200) {
    return StatusError("/credential", reply);
  }
  return Ok();
}

}  // namespace vci::bench
