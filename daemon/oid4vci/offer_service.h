// OfferService: creates credential offers for admin clients (OID4VCI 1.0 section 4.1) and serves
// them by reference to wallets.
#ifndef VCISSUER_DAEMON_OID4VCI_OFFER_SERVICE_H_
#define VCISSUER_DAEMON_OID4VCI_OFFER_SERVICE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/base/secret.h"
#include "daemon/oid4vci/issuer_context.h"

namespace vci::oid4vci {

// The grant type of the pre-authorized code flow (OID4VCI 1.0 section 4.1.1).
inline constexpr std::string_view kPreAuthorizedGrantType =
    "urn:ietf:params:oauth:grant-type:pre-authorized_code";

// json's noexcept default constructor only looks like it throws (a branch unreachable for null;
// json.hpp carries the same NOLINT).
// NOLINTNEXTLINE(bugprone-exception-escape): see above.
struct CreateOfferRequest {
  std::string configuration_id;
  nlohmann::json claims;
  bool want_tx_code = false;
  std::optional<int64_t> expires_in;             // seconds
  std::optional<int64_t> credential_validity;    // seconds; within the policy's maximum
  std::optional<int64_t> credential_not_before;  // seconds since the epoch
};

struct CreatedOffer {
  std::string offer_id;
  std::string credential_offer_uri;  // where the wallet fetches the offer
  std::string offer_link;            // openid-credential-offer://?credential_offer_uri=...
  std::optional<SecretBytes> tx_code;
  int64_t expires_at = 0;
};

class OfferService {
 public:
  explicit OfferService(IssuerContext& context) : context_(context) {}

  // Create checks `request` against `policy` for `client` and stores a pending offer.
  // kPermissionDenied when the client may not offer the configuration or set a claim;
  // kResourceExhausted past the client's offers_per_minute; kInvalidRequest (naming
  // the claim or the parameter) for bad claims, a tx_code the policy forbids or a lifetime out
  // of bounds; kUnavailable when the HSM or the store is down.
  // Every offer made or refused is recorded in the audit trail with the client, the
  // configuration and, for a refusal, the rule that refused it: never a claim value or a code.
  Result<CreatedOffer> Create(const policy::Policy& policy, const policy::Client& client,
                              const CreateOfferRequest& request);

  // OfferJson returns the Credential Offer object for `offer_id`, with its code derived again in
  // the HSM. kNotFound once the offer is unknown, redeemed, invalidated or expired.
  Result<nlohmann::json> OfferJson(std::string_view offer_id);

  // OfferUri is the credential_offer_uri of `offer_id`.
  std::string OfferUri(std::string_view offer_id) const;

 private:
  Result<CreatedOffer> CreateUnaudited(const policy::Policy& policy, const policy::Client& client,
                                       const CreateOfferRequest& request);

  // What an offer asks of its credential's times; 0 means the configuration's default.
  struct CredentialTimes {
    int64_t validity = 0;    // seconds
    int64_t not_before = 0;  // seconds since the epoch
  };

  // OfferLifetime returns how long the offer stays redeemable: expires_in if the configuration's
  // offer_lifetime bounds (or the configuration file's) allow it, else their default.
  Result<int64_t> OfferLifetime(const policy::CredentialConfiguration& configuration,
                                const CreateOfferRequest& request) const;

  // RequestedTimes checks credential_validity and credential_not_before against the
  // configuration's validity rules.
  Result<CredentialTimes> RequestedTimes(const policy::Policy& policy,
                                         const policy::CredentialConfiguration& configuration,
                                         const CreateOfferRequest& request) const;

  // CheckRate counts one offer of `client` in the shared store and refuses it with
  // kResourceExhausted past the policy's offers_per_minute.
  Result<void> CheckRate(const policy::Client& client);

  Result<SecretBytes> GenerateTxCode(const policy::TxCodePolicy& tx_policy);

  IssuerContext& context_;
};

// PercentEncode encodes everything but RFC 3986 unreserved characters.
std::string PercentEncode(std::string_view text);

}  // namespace vci::oid4vci

#endif  // VCISSUER_DAEMON_OID4VCI_OFFER_SERVICE_H_
