// JSON text in and out without exceptions: nlohmann's parser and serializer, bounded and with
// their failures turned into Errors.
#ifndef VCISSUER_CRYPTO_JOSE_JSON_TEXT_H_
#define VCISSUER_CRYPTO_JOSE_JSON_TEXT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/base/result.h"

namespace vci::jose {

// ParseJsonText returns the JSON value in `text`, or kInvalidArgument when `text` is not one valid
// JSON value (RFC 8259; a NUL byte anywhere is refused), nests deeper than 32 levels, or has an
// object with the same member name twice (RFC 7515 section 4: a JOSE header with duplicate names
// must be rejected). Never throws.
Result<nlohmann::json> ParseJsonText(std::string_view text);

// DumpCompact returns the compact serialization of `value` (nlohmann dump(), no whitespace), or
// kInvalidArgument when a string in it is not valid UTF-8. Never throws.
Result<std::string> DumpCompact(const nlohmann::json& value);

}  // namespace vci::jose

#endif  // VCISSUER_CRYPTO_JOSE_JSON_TEXT_H_
