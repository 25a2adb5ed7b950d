// Wallet: one simulated wallet that redeems pre-authorized offers with the full OID4VCI 1.0 flow
// (token, nonce, credential with an ES256 jwt proof), timing each request.
//
// The wallet's ES256 key is made once; each proof is a fresh signature over a fresh nonce. Codes,
// tx_codes, tokens and nonces pass through memory only: nothing here prints them.
#ifndef VCISSUER_BENCH_DRIVER_WALLET_H_
#define VCISSUER_BENCH_DRIVER_WALLET_H_

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "bench/driver/http_client.h"
#include "bench/driver/offer_pool.h"
#include "crypto/base/result.h"
#include "crypto/jose/ossl_signer.h"
#include "crypto/ossl/context.h"

namespace vci::bench {

// The time each step of one issuance took.
struct FlowTiming {
  std::chrono::nanoseconds token{0};
  std::chrono::nanoseconds nonce{0};
  std::chrono::nanoseconds credential{0};
  std::chrono::nanoseconds flow{0};  // From sending the token request to the credential.
};

class Wallet {
 public:
  // Create returns a wallet with a new P-256 key and its own keep-alive connection to `issuer`
  // (the Credential Issuer Identifier, also the proofs' aud). `ctx` must outlive the wallet.
  static Result<std::unique_ptr<Wallet>> Create(const ossl::Context& ctx, std::string issuer,
                                                std::string configuration_id);

  // Redeem runs token, nonce and credential for `offer`. Any status other than 200 is
  // kInternal naming the endpoint and the status (never the body, which may hold secrets).
  Result<FlowTiming> Redeem(const Offer& offer);

 private:
  Wallet(std::unique_ptr<HttpClient> http, std::unique_ptr<jose::OsslSigner> key,
         nlohmann::json proof_header, std::string issuer, std::string configuration_id);

  Result<std::string> Token(const Offer& offer);
  Result<std::string> Nonce();
  Result<void> Credential(const std::string& access_token, const std::string& nonce);

  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<jose::OsslSigner> key_;
  nlohmann::json proof_header_;  // typ and the public jwk; SignCompact adds alg.
  std::string issuer_;
  std::string configuration_id_;
};

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_WALLET_H_
