// How the key set commands show sets, members and the key audit trail: text or --json.
#ifndef VCISSUER_CLI_KEY_SET_OUTPUT_H_
#define VCISSUER_CLI_KEY_SET_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/base/result.h"
#include "daemon/store/key_registry.h"

namespace vci::cli {

// MemberJson returns {"set","key_id","label","kid","state","created_at","activate_at",
// "activated_at","retiring_at","retired_at"}; times are seconds since the epoch or null.
nlohmann::ordered_json MemberJson(const store::KeySetMember& member);

// MemberText returns one line: "<state> <key_id> <label> [active at <UTC time>]".
std::string MemberText(const store::KeySetMember& member);

// AuditJson returns {"at","unix_user","operation","key_id","set","outcome","detail"}.
nlohmann::ordered_json AuditJson(const store::KeyAuditEvent& event);

// AuditText returns one line: "<UTC time> <user> <operation> <outcome> key=... set=... detail".
std::string AuditText(const store::KeyAuditEvent& event);

// TransitionsText returns one "<key_id> (<set>): <from> -> <to>" line per state change.
std::string TransitionsText(const std::vector<store::KeyTransition>& transitions);

// UtcTime formats seconds since the epoch as "2026-12-04T10:00:00Z".
std::string UtcTime(int64_t seconds);

}  // namespace vci::cli

#endif  // VCISSUER_CLI_KEY_SET_OUTPUT_H_
