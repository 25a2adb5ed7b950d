#include "daemon/http/json_body.h"

#include "crypto/jose/json_text.h"

namespace vci::http {

nlohmann::json ParseRequestJson(std::string_view body) {
  Result<nlohmann::json> parsed = jose::ParseJsonText(body);
  if (!parsed.has_value()) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return std::move(parsed).value();
}

}  // namespace vci::http
