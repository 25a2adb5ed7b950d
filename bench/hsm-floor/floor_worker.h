// FloorWorker: one process's share of the HSM floor: its own C_Initialize and login, then raw
// ES256 signatures and HMAC-SHA256 computations in the token, each for a set time, as fast as one
// thread can ask for them.
#ifndef VCISSUER_BENCH_HSM_FLOOR_FLOOR_WORKER_H_
#define VCISSUER_BENCH_HSM_FLOOR_FLOOR_WORKER_H_

#include <chrono>
#include <memory>
#include <string>

#include "crypto/base/mac.h"
#include "crypto/base/result.h"
#include "crypto/jose/jws_signer.h"
#include "crypto/ossl/context.h"
#include "crypto/pkcs11/token.h"

namespace vci::bench {

struct FloorOptions {
  std::string module;                     // PKCS#11 module path.
  std::string token;                      // RFC 7512 token URI.
  std::string pin_file;                   // The user PIN, mode 0600.
  std::string signing_key;                // URI of an EC P-256 private key.
  std::string hmac_key;                   // URI of an HMAC secret key.
  std::chrono::milliseconds phase{3000};  // How long each of the two phases lasts.
};

// What one process managed: operations and the seconds they took.
struct FloorCounts {
  double sign_count = 0;
  double sign_seconds = 0;
  double hmac_count = 0;
  double hmac_seconds = 0;
};

// One process's token and keys. Declaration order is destruction order in reverse: the keys go
// before the token, the token before the OpenSSL context its signer's public key lives in.
struct FloorKeys {
  std::unique_ptr<ossl::Context> ctx;
  std::unique_ptr<pkcs11::Token> token;
  std::unique_ptr<jose::JwsSigner> signer;
  std::unique_ptr<MacKey> mac;
};

// OpenFloorKeys and RunFloorPhases are split so that every process can open its token before
// any of them starts counting: OpenFloorKeys opens the token and both keys; RunFloorPhases then
// signs for one phase and computes HMACs for the next.
Result<std::unique_ptr<FloorKeys>> OpenFloorKeys(const FloorOptions& options);
Result<FloorCounts> RunFloorPhases(FloorKeys& keys, std::chrono::milliseconds phase);

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_HSM_FLOOR_FLOOR_WORKER_H_
