// The admin API's view of one offer: GET /offers/{offer_id} tells its creator whether it is
// pending, redeemed, expired, cancelled or invalidated; DELETE /offers/{offer_id} (or
// POST /offers/{offer_id}/cancel, for clients that cannot send DELETE) cancels it while pending.
// Another client's offer answers 404 as if it did not exist.
#ifndef VCISSUER_DAEMON_ADMIN_OFFER_STATUS_API_H_
#define VCISSUER_DAEMON_ADMIN_OFFER_STATUS_API_H_

#include <optional>
#include <string>
#include <string_view>

#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"
#include "daemon/oid4vci/issuer_context.h"

namespace vci::admin {

// OfferPath is a request target that names one offer.
struct OfferPath {
  std::string offer_id;
  bool cancel_suffix = false;  // "/offers/{offer_id}/cancel"
};

// ParseOfferPath returns the offer a path names ("/offers/ID" or "/offers/ID/cancel"), or
// nullopt for any other path. ID must be 1 to 64 base64url characters.
std::optional<OfferPath> ParseOfferPath(std::string_view path);

// HandleOfferPath answers a request for `path` made by `client`: GET reads the status, DELETE or
// POST .../cancel cancels. 409 when a cancel finds the offer no longer pending.
http::HttpResponse HandleOfferPath(oid4vci::IssuerContext& context, const policy::Client& client,
                                   const http::HttpRequest& request, const OfferPath& path);

}  // namespace vci::admin

#endif  // VCISSUER_DAEMON_ADMIN_OFFER_STATUS_API_H_
