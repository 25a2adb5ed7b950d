// OfferPool::Fill: a few threads, each an admin client with its own connection, make offers
// (POST /offers) and fetch their documents (GET credential_offer_uri) for the codes.
#include "bench/driver/offer_pool.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "bench/driver/http_client.h"

namespace vci::bench {
namespace {

constexpr const char* kPreAuthorizedGrant = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

Error StepError(std::string_view step, long status) {
  return Error(ErrorCode::kInternal, "making offers failed",
               std::string(step) + ": HTTP " + std::to_string(status));
}

// Claims for employee_badge, different for every offer (the store keeps them per offer).
nlohmann::json EmployeeClaims(std::mt19937_64& random) {
  std::string tag = std::to_string(random());
  return {{"given_name", "Adaeze-" + tag},
          {"family_name", "Okonkwo-" + tag},
          {"employee_id", "E-" + tag},
          {"department", "Research"},
          {"age", 41}};
}

Result<Offer> MakeOffer(HttpClient& http, const OfferPoolOptions& options,
                        std::mt19937_64& random) {
  nlohmann::json request = {{"credential_configuration_id", options.configuration_id},
                            {"claims", EmployeeClaims(random)},
                            {"tx_code", options.tx_code}};
  VCI_ASSIGN_OR_RETURN(HttpReply created, http.Post(options.admin + "/offers", "application/json",
                                                    request.dump(), options.admin_token));
  if (created.status != 201) {
    return StepError("POST /offers", created.status);
  }
  nlohmann::json offer = nlohmann::json::parse(created.body, nullptr, false);
  if (!offer.is_object() || !offer.contains("credential_offer_uri")) {
    return Error(ErrorCode::kInternal, "POST /offers answered without credential_offer_uri");
  }
  Offer result;
  if (offer.contains("tx_code") && offer["tx_code"].is_string()) {
    result.tx_code = offer["tx_code"].get<std::string>();
  }
  VCI_ASSIGN_OR_RETURN(HttpReply document,
                       http.Get(offer["credential_offer_uri"].get<std::string>()));
  if (document.status != 200) {
    return StepError("GET credential_offer_uri", document.status);
  }
  nlohmann::json body = nlohmann::json::parse(document.body, nullptr, false);
  const nlohmann::json::json_pointer code_path(std::string("/grants/") + kPreAuthorizedGrant +
                                               "/pre-authorized_code");
  if (!body.is_object() || !body.contains(code_path) || !body[code_path].is_string()) {
    return Error(ErrorCode::kInternal, "the offer document has no pre-authorized_code");
  }
  result.code = body[code_path].get<std::string>();
  return result;
}

}  // namespace

Result<void> OfferPool::Fill(const OfferPoolOptions& options, OfferPool& pool) {
  pool.offers_.assign(options.count, Offer{});
  pool.next_ = 0;
  std::atomic<size_t> next{0};
  std::mutex error_mutex;
  std::optional<Error> first_error;
  auto make_offers = [&](uint64_t seed) {
    std::mt19937_64 random(seed);
    auto http = HttpClient::Create();
    if (!http) {
      std::lock_guard lock(error_mutex);
      first_error = http.error();
      return;
    }
    for (size_t i = next++; i < options.count; i = next++) {
      auto offer = MakeOffer(**http, options, random);
      if (!offer) {
        std::lock_guard lock(error_mutex);
        first_error = first_error.value_or(offer.error());
        next = options.count;
        return;
      }
      pool.offers_[i] = std::move(*offer);
    }
  };
  std::vector<std::thread> threads;
  std::random_device seed;
  for (size_t t = 0; t < std::max<size_t>(options.threads, 1); ++t) {
    threads.emplace_back(make_offers, (uint64_t{seed()} << 32) | seed());
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  if (first_error) {
    return *first_error;
  }
  return Ok();
}

std::optional<Offer> OfferPool::Take() {
  size_t i = next_.fetch_add(1);
  if (i >= offers_.size()) {
    return std::nullopt;
  }
  return std::move(offers_[i]);
}

size_t OfferPool::taken() const {
  return std::min(next_.load(), offers_.size());
}

}  // namespace vci::bench
