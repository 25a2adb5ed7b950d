// DaemonClient: the console as an ordinary client of vcissuerd's admin API, with its own bearer
// token: GET /types, POST /offers, GET and DELETE /offers/{offer_id}.
#ifndef VCISSUER_CONSOLE_DAEMON_CLIENT_H_
#define VCISSUER_CONSOLE_DAEMON_CLIENT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "crypto/base/result.h"
#include "crypto/base/secret.h"

namespace vci::console {

class DaemonClient {
 public:
  DaemonClient(std::string base_url, SecretBytes token)
      : base_url_(std::move(base_url)), token_(std::move(token)) {}

  // Types returns the daemon's answer to GET /types: the configurations this console may offer.
  Result<nlohmann::json> Types() const;

  // CreateOffer posts one offer and returns the daemon's answer (offer_id, offer_link, tx_code,
  // expires_at). kPermissionDenied or kInvalidRequest when the daemon's policy refuses it.
  Result<nlohmann::json> CreateOffer(const std::string& configuration_id,
                                     const nlohmann::json& claims, bool tx_code,
                                     int64_t expires_in) const;

  // OfferStatus returns GET /offers/{offer_id}; kNotFound once the daemon forgot the offer.
  Result<nlohmann::json> OfferStatus(const std::string& offer_id) const;

  // CancelOffer sends DELETE /offers/{offer_id}; a no-longer-pending offer is not an error.
  Result<void> CancelOffer(const std::string& offer_id) const;

 private:
  Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                              const std::string& body, int expected_status) const;

  std::string base_url_;
  SecretBytes token_;
};

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_DAEMON_CLIENT_H_
