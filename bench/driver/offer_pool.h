// OfferPool: offers made through the admin API before the timed run, each with its
// pre-authorized code (fetched from the offer document, as a wallet does after scanning the QR
// code) and its tx_code. Wallets take offers from it, each exactly once.
#ifndef VCISSUER_BENCH_DRIVER_OFFER_POOL_H_
#define VCISSUER_BENCH_DRIVER_OFFER_POOL_H_

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "crypto/base/result.h"

namespace vci::bench {

struct Offer {
  std::string code;     // The pre-authorized code. Secret: never printed.
  std::string tx_code;  // Empty when the offer has none. Secret: never printed.
};

struct OfferPoolOptions {
  std::string admin;             // Base URL of the admin listener.
  std::string admin_token;       // Bearer token of an admin client. Secret.
  std::string configuration_id;  // The credential configuration to offer.
  bool tx_code = true;           // Ask for a tx_code (one more HMAC in the token per issuance).
  size_t count = 0;              // How many offers to make.
  size_t threads = 4;            // Admin clients making them at once.
};

class OfferPool {
 public:
  // Fill makes `options.count` offers. Fails on the first request that does not succeed, naming
  // the step and the HTTP status.
  static Result<void> Fill(const OfferPoolOptions& options, OfferPool& pool);

  // Take returns the next unused offer, or nullopt once all are taken. Thread-safe.
  std::optional<Offer> Take();

  size_t size() const { return offers_.size(); }

  size_t taken() const;

 private:
  std::vector<Offer> offers_;
  std::atomic<size_t> next_{0};
};

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_OFFER_POOL_H_
