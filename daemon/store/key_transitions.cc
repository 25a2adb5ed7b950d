// KeyRegistry's state changes: adding a member, activation, retirement and the time-driven steps.
// Each runs in one IMMEDIATE transaction and writes its audit rows inside it.
#include <algorithm>
#include <limits>
#include <string>

#include "daemon/store/key_registry.h"

namespace vci::store {
namespace {

constexpr int64_t kForever = std::numeric_limits<int64_t>::max();

Error Refused(std::string message) {
  return Error(ErrorCode::kFailedPrecondition, std::move(message));
}

// DueEarlier orders due next members so that the one due last is activated last, and so wins.
bool DueEarlier(const KeySetMember& a, const KeySetMember& b) {
  return a.activate_at.value_or(0) < b.activate_at.value_or(0);
}

}  // namespace

Result<void> KeyRegistry::SetState(const KeySetMember& member, KeyState to, int64_t now,
                                   std::string_view operation, std::string_view actor,
                                   std::vector<KeyTransition>& out) {
  const char* sql = nullptr;
  switch (to) {
    case KeyState::kNext:
      sql = "UPDATE key_set_members SET state = 'next' WHERE set_name = ?1 AND key_id = ?2";
      break;
    case KeyState::kActive:
      sql =
          "UPDATE key_set_members SET state = 'active', activated_at = ?3"
          " WHERE set_name = ?1 AND key_id = ?2";
      break;
    case KeyState::kRetiring:
      sql =
          "UPDATE key_set_members SET state = 'retiring', retiring_at = ?3"
          " WHERE set_name = ?1 AND key_id = ?2";
      break;
    case KeyState::kRetired:
      sql =
          "UPDATE key_set_members SET state = 'retired', retired_at = ?3"
          " WHERE set_name = ?1 AND key_id = ?2";
      break;
  }
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, db_->Prepare(sql));
  stmt->BindText(1, member.set_name);
  stmt->BindText(2, member.key_id);
  if (to != KeyState::kNext) {
    stmt->BindInt(3, now);
  }
  VCI_TRY(stmt->Run());
  std::string detail =
      std::string(KeyStateName(member.state)) + " -> " + std::string(KeyStateName(to));
  VCI_TRY(AppendAudit(KeyAuditEvent{now, std::string(actor), std::string(operation), member.key_id,
                                    member.set_name, "ok", detail}));
  out.push_back(KeyTransition{member.set_name, member.key_id, member.state, to});
  return {};
}

Result<void> KeyRegistry::ActivateLocked(const KeySetMember& member, int64_t now,
                                         std::string_view operation, std::string_view actor,
                                         std::vector<KeyTransition>& out) {
  Result<KeySetMember> previous = ActiveMember(member.set_name);
  if (previous.has_value() && previous->key_id != member.key_id) {
    VCI_TRY(SetState(*previous, KeyState::kRetiring, now, operation, actor, out));
  } else if (!previous.has_value() && previous.error().code() != ErrorCode::kNotFound) {
    return previous.error();
  }
  return SetState(member, KeyState::kActive, now, operation, actor, out);
}

Result<std::vector<KeyTransition>> KeyRegistry::AddMember(const KeySetMember& member, int64_t now,
                                                          std::string_view actor) {
  if (member.state != KeyState::kNext && member.state != KeyState::kActive) {
    return Error(ErrorCode::kInvalidArgument, "a new key set member is next or active");
  }
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(*db_));
  VCI_TRY(GetSet(member.set_name));
  if (Result<KeySetMember> found = FindMember(member.key_id); found.has_value()) {
    return Error(ErrorCode::kAlreadyExists,
                 "key " + member.key_id + " is in key set " + found->set_name + " already");
  }
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt,
                       db_->Prepare("INSERT INTO key_set_members (set_name, key_id, label,"
                                    " thumbprint, state, created_at, activate_at)"
                                    " VALUES (?1, ?2, ?3, ?4, 'next', ?5, ?6)"));
  stmt->BindText(1, member.set_name);
  stmt->BindText(2, member.key_id);
  stmt->BindText(3, member.label);
  stmt->BindText(4, member.thumbprint);
  stmt->BindInt(5, now);
  if (member.activate_at.has_value()) {
    stmt->BindInt(6, *member.activate_at);
  } else {
    stmt->BindNull(6);
  }
  VCI_TRY(stmt->Run());
  std::string detail = member.activate_at.has_value()
                           ? "next, active at " + std::to_string(*member.activate_at)
                           : "next";
  VCI_TRY(AppendAudit(
      KeyAuditEvent{now, std::string(actor), "add", member.key_id, member.set_name, "ok", detail}));
  std::vector<KeyTransition> transitions;
  if (member.state == KeyState::kActive) {
    KeySetMember added = member;
    added.state = KeyState::kNext;
    VCI_TRY(ActivateLocked(added, now, "activate", actor, transitions));
  }
  VCI_TRY(tx.Commit());
  return transitions;
}

Result<std::vector<KeyTransition>> KeyRegistry::Activate(std::string_view key_id, int64_t now,
                                                         std::string_view actor) {
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(*db_));
  VCI_ASSIGN_OR_RETURN(KeySetMember member, FindMember(key_id));
  std::vector<KeyTransition> transitions;
  if (member.state == KeyState::kActive) {
    return transitions;
  }
  if (member.state == KeyState::kRetired) {
    return Refused("key " + member.key_id + " is retired and cannot sign again");
  }
  VCI_TRY(ActivateLocked(member, now, "activate", actor, transitions));
  VCI_TRY(tx.Commit());
  return transitions;
}

Result<std::vector<KeyTransition>> KeyRegistry::Retire(std::string_view key_id, bool force,
                                                       int64_t now, std::string_view actor) {
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(*db_));
  VCI_ASSIGN_OR_RETURN(KeySetMember member, FindMember(key_id));
  std::vector<KeyTransition> transitions;
  switch (member.state) {
    case KeyState::kActive:
      return Refused("key " + member.key_id + " is the active key of " + member.set_name +
                     "; activate its successor first (keys activate, or keys rotate --now)");
    case KeyState::kRetired:
      return transitions;
    case KeyState::kRetiring: {
      VCI_ASSIGN_OR_RETURN(KeySet set, GetSet(member.set_name));
      VCI_ASSIGN_OR_RETURN(int64_t until, InUseUntil(member, set.purpose));
      if (until > now && !force) {
        return Refused(
            "key " + member.key_id + " protects records valid until " +
            (until == kForever ? std::string("an unknown time") : std::to_string(until)) +
            "; retire it then, or use --force with a reason");
      }
      break;
    }
    case KeyState::kNext:
      break;
  }
  VCI_TRY(SetState(member, KeyState::kRetired, now, force ? "retire-forced" : "retire", actor,
                   transitions));
  VCI_TRY(tx.Commit());
  return transitions;
}

Result<std::vector<KeyTransition>> KeyRegistry::Advance(int64_t now, std::string_view actor) {
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(*db_));
  VCI_ASSIGN_OR_RETURN(std::vector<KeySet> sets, ListSets());
  std::vector<KeyTransition> transitions;
  for (const KeySet& set : sets) {
    VCI_ASSIGN_OR_RETURN(std::vector<KeySetMember> members, Members(set.name));
    std::vector<KeySetMember> due;
    for (const KeySetMember& member : members) {
      if (member.state == KeyState::kNext && member.activate_at.has_value() &&
          *member.activate_at <= now) {
        due.push_back(member);
      }
    }
    std::stable_sort(due.begin(), due.end(), DueEarlier);
    for (const KeySetMember& member : due) {
      VCI_TRY(ActivateLocked(member, now, "auto-activate", actor, transitions));
    }
    VCI_ASSIGN_OR_RETURN(members, Members(set.name));
    for (const KeySetMember& member : members) {
      if (member.state != KeyState::kRetiring) {
        continue;
      }
      VCI_ASSIGN_OR_RETURN(int64_t until, InUseUntil(member, set.purpose));
      if (until <= now) {
        VCI_TRY(SetState(member, KeyState::kRetired, now, "auto-retire", actor, transitions));
      }
    }
  }
  VCI_TRY(tx.Commit());
  return transitions;
}

Result<int64_t> KeyRegistry::InUseUntil(const KeySetMember& member, KeyPurpose purpose) {
  const char* sql = nullptr;
  std::string bound;
  switch (purpose) {
    case KeyPurpose::kSign:
      sql =
          "SELECT MAX(CASE credential_expires_at WHEN 0 THEN 9223372036854775807"
          " ELSE credential_expires_at END) FROM issuance_record WHERE signing_key_id = ?1";
      bound = member.thumbprint;
      break;
    case KeyPurpose::kHmac:
      sql = "SELECT MAX(expires_at) FROM offers WHERE lower(hex(hmac_key_id)) = ?1";
      bound = member.key_id;
      break;
    case KeyPurpose::kClaims:
      sql =
          "SELECT MAX(expires_at) FROM offers WHERE lower(hex(claims_key_id)) = ?1"
          " AND claims_ciphertext IS NOT NULL";
      bound = member.key_id;
      break;
  }
  if (bound.empty()) {
    return 0;
  }
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, db_->Prepare(sql));
  stmt->BindText(1, bound);
  Result<bool> row = stmt->Step();
  int64_t until = 0;
  if (row.has_value() && *row && !stmt->ColumnIsNull(0)) {
    until = stmt->ColumnInt(0);
  }
  stmt->Reset();
  if (!row.has_value()) {
    return row.error();
  }
  return until;
}

}  // namespace vci::store
