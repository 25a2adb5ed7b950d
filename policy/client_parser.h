// Reading one [[client]] table of a policy file: an admin-API client, the SHA-256 of its bearer
// token, the configurations it may offer, the claims it may set and its offer rate.
#ifndef VCISSUER_POLICY_CLIENT_PARSER_H_
#define VCISSUER_POLICY_CLIENT_PARSER_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/diagnostics.h"
#include "policy/policy.h"
#include "policy/toml_reader.h"

namespace vci::policy {

// A configuration id a client names, with where it is written, so that the loader can check it
// once every file has been read (a client may name a configuration defined in a later file).
struct Grant {
  std::string client;
  std::string configuration;
  std::string source;
  uint32_t line = 0;
  uint32_t column = 0;
};

// ClientsSoFar is what ParseClient checks a new client against.
struct ClientsSoFar {
  const Policy* policy = nullptr;            // What was accepted so far.
  std::set<std::string, std::less<>> names;  // Every name seen, valid client or not.
  std::vector<Grant> grants;                 // Every grant written, for the final check.
};

// ParseClient reads `table` from the file `source`, reporting every problem to `diags`, and
// returns the client only when `table` produced no problem.
std::optional<Client> ParseClient(const toml::table& table, std::string_view source,
                                  Diagnostics* diags, ClientsSoFar& so_far);

// DecodeSha256Hex returns the 32 bytes that 64 hexadecimal characters spell, or nullopt.
std::optional<Bytes> DecodeSha256Hex(std::string_view hex);

}  // namespace vci::policy

#endif  // VCISSUER_POLICY_CLIENT_PARSER_H_
