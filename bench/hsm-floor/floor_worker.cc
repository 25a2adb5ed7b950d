// FloorWorker: the Token facade of crypto/pkcs11 used directly, exactly as a daemon worker uses
// it: ES256 hashes on the host and signs the digest with CKM_ECDSA; HMAC runs CKM_SHA256_HMAC.
#include "bench/hsm-floor/floor_worker.h"

#include "crypto/pkcs11/pin_source.h"

namespace vci::bench {

namespace {

using Clock = std::chrono::steady_clock;

// A signing input the size of an SD-JWT VC's header and payload (about 700 bytes).
constexpr size_t kSigningInputLen = 700;
// What an HMAC covers in the daemon: an offer id and a few bytes of context.
constexpr size_t kMacInputLen = 48;

// Repeat calls `op` until `phase` has passed and returns {count, seconds}.
template <typename Op>
Result<std::pair<double, double>> Repeat(std::chrono::milliseconds phase, Op op) {
  Clock::time_point start = Clock::now();
  Clock::time_point stop = start + phase;
  double count = 0;
  for (Clock::time_point now = start; now < stop; now = Clock::now()) {
    VCI_TRY(op());
    ++count;
  }
  return std::make_pair(count, std::chrono::duration<double>(Clock::now() - start).count());
}

}  // namespace

Result<std::unique_ptr<FloorKeys>> OpenFloorKeys(const FloorOptions& options) {
  auto keys = std::make_unique<FloorKeys>();
  VCI_ASSIGN_OR_RETURN(keys->ctx, ossl::Context::Create());
  VCI_ASSIGN_OR_RETURN(SecretBytes pin, pkcs11::ReadPinFile(options.pin_file));
  pkcs11::TokenOptions token_options;
  token_options.module_path = options.module;
  token_options.token_uri = options.token;
  token_options.pin = std::move(pin);
  VCI_ASSIGN_OR_RETURN(keys->token, pkcs11::Token::Open(std::move(token_options)));
  VCI_ASSIGN_OR_RETURN(keys->signer, keys->token->OpenSigner(*keys->ctx, options.signing_key));
  VCI_ASSIGN_OR_RETURN(keys->mac, keys->token->OpenMacKey(options.hmac_key));
  if (keys->signer->Algorithm() != jose::JwsAlgorithm::kEs256) {
    return Error(ErrorCode::kInvalidArgument, "the signing key is not an ES256 key");
  }
  return keys;
}

Result<FloorCounts> RunFloorPhases(FloorKeys& keys, std::chrono::milliseconds phase) {
  FloorCounts counts;
  const std::string signing_input(kSigningInputLen, 'A');
  const std::string mac_input(kMacInputLen, 'B');
  VCI_ASSIGN_OR_RETURN(auto signs, Repeat(phase, [&]() -> Result<void> {
                         VCI_TRY(keys.signer->Sign(AsBytes(signing_input)));
                         return Ok();
                       }));
  VCI_ASSIGN_OR_RETURN(auto macs, Repeat(phase, [&]() -> Result<void> {
                         VCI_TRY(keys.mac->HmacSha256(AsBytes(mac_input)));
                         return Ok();
                       }));
  counts.sign_count = signs.first;
  counts.sign_seconds = signs.second;
  counts.hmac_count = macs.first;
  counts.hmac_seconds = macs.second;
  return counts;
}

void CloseFloorKeys(std::unique_ptr<FloorKeys> keys) {
  keys.reset();
}

}  // namespace vci::bench
