// How `keys generate` and `keys list` show a key: readable text, or JSON with --json.
#ifndef VCISSUER_CLI_KEY_OUTPUT_H_
#define VCISSUER_CLI_KEY_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/bytes.h"
#include "crypto/base/result.h"
#include "crypto/pkcs11/key_info.h"

namespace vci::cli {

// KeyInfoJson returns {"label","id" (hex),"type","uri","sensitive","always_sensitive",
// "extractable","never_extractable","copyable","private","kid" (string or null)}.
nlohmann::ordered_json KeyInfoJson(const pkcs11::KeyInfo& key);

// KeyInfoText returns the key as "name: value" lines, the attribute flags on one line
// ("sensitive always-sensitive never-extractable not-copyable private ..."), ending in '\n'.
std::string KeyInfoText(const pkcs11::KeyInfo& key);

// ParseHexId returns the bytes of `hex` (an even number of hex digits, at most 64 bytes, as the
// --id option takes them). Fails with kInvalidArgument otherwise.
Result<Bytes> ParseHexId(std::string_view hex);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_OUTPUT_H_
