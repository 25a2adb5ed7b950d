// Reading a JSON request body strictly: one value, no duplicate member names, no NUL, bounded
// depth (crypto/jose/json_text.h). OID4VCI 1.0 sections 8.3.1.2 and 11.3 treat a request that
// repeats a parameter as invalid; a body whose duplicates a proxy and this daemon would resolve
// differently must never be acted on.
#ifndef VCISSUER_DAEMON_HTTP_JSON_BODY_H_
#define VCISSUER_DAEMON_HTTP_JSON_BODY_H_

#include <nlohmann/json.hpp>
#include <string_view>

namespace vci::http {

// ParseRequestJson returns the JSON value of `body`, or a discarded value (is_discarded(), and
// so no object) when the body is not strict JSON. Thread-safe.
nlohmann::json ParseRequestJson(std::string_view body);

}  // namespace vci::http

#endif  // VCISSUER_DAEMON_HTTP_JSON_BODY_H_
