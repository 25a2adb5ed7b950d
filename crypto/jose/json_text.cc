#include "crypto/jose/json_text.h"

#include <set>
#include <vector>

namespace vci::jose {

namespace {

constexpr size_t kMaxDepth = 32;

// Tracks the member names of every open object while nlohmann parses, to find duplicates that the
// library would otherwise silently resolve to the last value.
class DuplicateKeyChecker {
 public:
  bool OnEvent(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        open_.emplace_back();
        if (open_.size() > kMaxDepth) {
          too_deep_ = true;
        }
        break;
      case Event::object_end:
      case Event::array_end:
        if (!open_.empty()) {
          open_.pop_back();
        }
        break;
      case Event::key:
        if (!open_.empty() && parsed.is_string() &&
            !open_.back().insert(parsed.get_ref<const std::string&>()).second) {
          duplicate_ = true;
        }
        break;
      case Event::value:
        break;
    }
    return true;
  }

  bool duplicate() const { return duplicate_; }

  bool too_deep() const { return too_deep_; }

 private:
  std::vector<std::set<std::string>> open_;
  bool duplicate_ = false;
  bool too_deep_ = false;
};

}  // namespace

Result<nlohmann::json> ParseJsonText(std::string_view text) {
  // RFC 8259 allows no raw NUL anywhere; nlohmann would take one as the end of the input and
  // ignore what follows it.
  if (text.find('\0') != std::string_view::npos) {
    return Error(ErrorCode::kInvalidArgument, "malformed JSON", "NUL byte in JSON text");
  }
  DuplicateKeyChecker checker;
  nlohmann::json value = nlohmann::json::parse(
      text.begin(), text.end(),
      [&checker](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return checker.OnEvent(event, parsed);
      },
      /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return Error(ErrorCode::kInvalidArgument, "malformed JSON");
  }
  if (checker.too_deep()) {
    return Error(ErrorCode::kInvalidArgument, "JSON nested too deeply");
  }
  if (checker.duplicate()) {
    return Error(ErrorCode::kInvalidArgument, "duplicate JSON member name");
  }
  return value;
}

Result<std::string> DumpCompact(const nlohmann::json& value) {
  // dump() throws type_error.316 on invalid UTF-8; this is the one place that catches it.
  try {
    return value.dump();
  } catch (const nlohmann::json::exception& e) {
    return Error(ErrorCode::kInvalidArgument, "JSON value is not valid UTF-8", e.what());
  }
}

}  // namespace vci::jose
