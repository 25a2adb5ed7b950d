// ConsoleRules: which credential configurations a person logged in to vcissuer-console may obtain,
// and how each credential claim is filled from the person's ID token. Deny by default: a person
// whom no grant matches may obtain nothing.
//
//   [[grant]]
//   configuration = "employee_badge"
//   tx_code = "mail"                  # "mail" (default), "screen" (kiosks: weaker) or "none"
//   when = [ { claim = "groups", contains = "staff" } ]   # every condition must hold
//     [grant.claims]
//     given_name = { from = "given_name" }
//     department = { value = "Research" }
//     birth_date = { from = "birthdate", from_format = "%Y-%m-%d", format = "%d.%m.%Y" }
//
// A condition is { claim, equals } (string, integer or boolean) or { claim, contains } (the claim
// is an array holding that string). `when` must not be empty: "everyone" is written as a
// condition on a claim every ID token has, e.g. { claim = "email_verified", equals = true }.
#ifndef VCISSUER_POLICY_CONSOLE_RULES_H_
#define VCISSUER_POLICY_CONSOLE_RULES_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/result.h"

namespace vci::policy {

enum class TxCodeDelivery { kMail, kScreen, kNone };

struct GrantCondition {
  std::string claim;
  std::optional<nlohmann::json> equals;  // Exactly one of equals and contains.
  std::optional<std::string> contains;
};

struct ClaimSource {
  std::string from;                 // ID token claim name; empty for a fixed value.
  nlohmann::json value;             // The fixed value when `from` is empty.
  std::string from_format, format;  // Both set: reformat a date (strptime/strftime).
};

struct ConsoleGrant {
  std::string configuration;
  TxCodeDelivery tx_code = TxCodeDelivery::kMail;
  std::vector<GrantCondition> when;
  std::vector<std::pair<std::string, ClaimSource>> claims;  // In file order.
};

struct ConsoleRules {
  std::vector<ConsoleGrant> grants;

  // Matching returns the grants whose every condition holds for `id_claims`, one per
  // configuration (the first in file order).
  std::vector<const ConsoleGrant*> Matching(const nlohmann::json& id_claims) const;
};

// MapClaims fills the credential claims of `grant` from `id_claims`. kFailedPrecondition naming
// the credential claim (never a value) when a source claim is missing or a date does not parse.
Result<nlohmann::json> MapClaims(const ConsoleGrant& grant, const nlohmann::json& id_claims);

// ParseConsoleRules parses rules `text` named `source`: kInvalidArgument with one
// "file:line:column: sentence" per problem.
Result<ConsoleRules> ParseConsoleRules(std::string_view text, std::string_view source);

// LoadConsoleRules reads and parses the file at `path`.
Result<ConsoleRules> LoadConsoleRules(const std::string& path);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_CONSOLE_RULES_H_
