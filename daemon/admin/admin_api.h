// AdminApi: the back-office listener (loopback by default). Clients named in the policy
// authenticate with a bearer token whose SHA-256 the policy holds, list the configurations they
// may offer and create offers for one person each.
#ifndef VCISSUER_DAEMON_ADMIN_ADMIN_API_H_
#define VCISSUER_DAEMON_ADMIN_ADMIN_API_H_

#include <variant>

#include "daemon/http/handler.h"
#include "daemon/metrics/readiness.h"
#include "daemon/oid4vci/issuer_context.h"
#include "daemon/oid4vci/offer_service.h"

namespace vci::admin {

// The largest body POST /offers accepts: the claims of one person.
inline constexpr size_t kMaxOfferRequestBytes = size_t{64} * 1024;

class AdminApi final : public http::Handler {
 public:
  // AdminApi serves `context`'s policy and store. `readiness` (not owned, may be null, must
  // outlive the API) answers /readyz; /healthz and /metrics need no bearer token either.
  explicit AdminApi(oid4vci::IssuerContext& context, metrics::Readiness* readiness = nullptr)
      : context_(context), offers_(context), readiness_(readiness) {}

  // http::Handler:
  http::HttpResponse Handle(const http::HttpRequest& request) override;

 private:
  // Authenticate names the policy client of `request`: by its bearer token, by its verified TLS
  // client certificate, or by both when they agree. Otherwise the 401 to answer.
  std::variant<const policy::Client*, http::HttpResponse> Authenticate(
      const policy::Policy& policy, const http::HttpRequest& request);
  http::HttpResponse HandleTypes(const policy::Policy& policy, const policy::Client& client);
  http::HttpResponse HandleCreateOffer(const policy::Policy& policy, const policy::Client& client,
                                       const http::HttpRequest& request);

  oid4vci::IssuerContext& context_;
  oid4vci::OfferService offers_;
  metrics::Readiness* readiness_;  // Not owned; may be null.
};

// TypesJson describes the configurations `client` may offer, with their claims, as GET /types
// answers.
nlohmann::json TypesJson(const policy::Policy& policy, const policy::Client& client);

}  // namespace vci::admin

#endif  // VCISSUER_DAEMON_ADMIN_ADMIN_API_H_
