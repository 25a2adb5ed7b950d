// KeyRegistry's names, sets, member queries and audit trail. (State changes: key_transitions.cc.)
#include "daemon/store/key_registry.h"

#include <array>
#include <utility>

#include "daemon/store/schema.h"
#include "daemon/store/sqlite_store.h"

namespace vci::store {
namespace {

constexpr std::array<std::string_view, 4> kStateNames = {"next", "active", "retiring", "retired"};
constexpr std::array<std::string_view, 3> kPurposeNames = {"sign", "hmac", "claims"};

constexpr const char* kSelectMember =
    "SELECT set_name, key_id, label, thumbprint, state, created_at, activate_at, activated_at,"
    " retiring_at, retired_at FROM key_set_members";

std::optional<int64_t> OptionalInt(SqliteStatement& stmt, int index) {
  if (stmt.ColumnIsNull(index)) {
    return std::nullopt;
  }
  return stmt.ColumnInt(index);
}

Result<KeySetMember> ReadMember(SqliteStatement& stmt) {
  KeySetMember member;
  member.set_name = stmt.ColumnText(0);
  member.key_id = stmt.ColumnText(1);
  member.label = stmt.ColumnText(2);
  member.thumbprint = stmt.ColumnText(3);
  VCI_ASSIGN_OR_RETURN(member.state, ParseKeyState(stmt.ColumnText(4)));
  member.created_at = stmt.ColumnInt(5);
  member.activate_at = OptionalInt(stmt, 6);
  member.activated_at = OptionalInt(stmt, 7);
  member.retiring_at = OptionalInt(stmt, 8);
  member.retired_at = OptionalInt(stmt, 9);
  return member;
}

// ReadMembers steps `stmt` (bound by the caller) to its end and resets it.
Result<std::vector<KeySetMember>> ReadMembers(SqliteStatement& stmt) {
  std::vector<KeySetMember> members;
  while (true) {
    Result<bool> row = stmt.Step();
    if (!row.has_value()) {
      stmt.Reset();
      return row.error();
    }
    if (!*row) {
      break;
    }
    Result<KeySetMember> member = ReadMember(stmt);
    if (!member.has_value()) {
      stmt.Reset();
      return member.error();
    }
    members.push_back(*std::move(member));
  }
  stmt.Reset();
  return members;
}

Result<KeySetMember> OneMember(Result<std::vector<KeySetMember>> members, std::string_view what) {
  VCI_TRY(members);
  if (members->empty()) {
    return Error(ErrorCode::kNotFound, std::string(what));
  }
  return members->front();
}

}  // namespace

std::string_view KeyStateName(KeyState state) {
  return kStateNames.at(static_cast<size_t>(state));
}

Result<KeyState> ParseKeyState(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) {
      return static_cast<KeyState>(i);
    }
  }
  return Error(ErrorCode::kInvalidArgument, "unknown key state: " + std::string(name));
}

std::string_view KeyPurposeName(KeyPurpose purpose) {
  return kPurposeNames.at(static_cast<size_t>(purpose));
}

Result<KeyPurpose> ParseKeyPurpose(std::string_view name) {
  for (size_t i = 0; i < kPurposeNames.size(); ++i) {
    if (kPurposeNames[i] == name) {
      return static_cast<KeyPurpose>(i);
    }
  }
  return Error(ErrorCode::kInvalidArgument, "unknown key set purpose: " + std::string(name));
}

Result<std::unique_ptr<KeyRegistry>> KeyRegistry::Open(const std::string& path) {
  VCI_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, /*create=*/true));
  VCI_TRY(MigrateSchema(*db, SqliteStore::kSchemaVersion));
  return std::unique_ptr<KeyRegistry>(new KeyRegistry(std::move(db)));
}

Result<void> KeyRegistry::CreateSet(const KeySet& set, std::string_view actor) {
  VCI_ASSIGN_OR_RETURN(SqliteTransaction tx, SqliteTransaction::Begin(*db_));
  if (GetSet(set.name).has_value()) {
    return Error(ErrorCode::kAlreadyExists, "key set " + set.name + " exists already");
  }
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      db_->Prepare("INSERT INTO key_sets (name, purpose, created_at) VALUES (?1, ?2, ?3)"));
  stmt->BindText(1, set.name);
  stmt->BindText(2, KeyPurposeName(set.purpose));
  stmt->BindInt(3, set.created_at);
  VCI_TRY(stmt->Run());
  VCI_TRY(AppendAudit(KeyAuditEvent{set.created_at, std::string(actor), "create-set", "", set.name,
                                    "ok", std::string(KeyPurposeName(set.purpose))}));
  return tx.Commit();
}

Result<std::vector<KeySet>> KeyRegistry::ListSets() {
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      db_->Prepare("SELECT name, purpose, created_at FROM key_sets ORDER BY name"));
  std::vector<KeySet> sets;
  while (true) {
    Result<bool> row = stmt->Step();
    if (!row.has_value() || !*row) {
      stmt->Reset();
      if (!row.has_value()) {
        return row.error();
      }
      return sets;
    }
    Result<KeyPurpose> purpose = ParseKeyPurpose(stmt->ColumnText(1));
    if (!purpose.has_value()) {
      stmt->Reset();
      return purpose.error();
    }
    sets.push_back(KeySet{stmt->ColumnText(0), *purpose, stmt->ColumnInt(2)});
  }
}

Result<KeySet> KeyRegistry::GetSet(std::string_view name) {
  VCI_ASSIGN_OR_RETURN(std::vector<KeySet> sets, ListSets());
  for (KeySet& set : sets) {
    if (set.name == name) {
      return std::move(set);
    }
  }
  return Error(ErrorCode::kNotFound, "no key set named " + std::string(name));
}

Result<std::vector<KeySetMember>> KeyRegistry::Members(std::string_view set_name) {
  static const std::string kSql =
      std::string(kSelectMember) + " WHERE set_name = ?1 ORDER BY created_at, rowid";
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, db_->Prepare(kSql.c_str()));
  stmt->BindText(1, set_name);
  return ReadMembers(*stmt);
}

Result<KeySetMember> KeyRegistry::FindMember(std::string_view key_id) {
  static const std::string kSql = std::string(kSelectMember) + " WHERE key_id = ?1";
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, db_->Prepare(kSql.c_str()));
  stmt->BindText(1, key_id);
  return OneMember(ReadMembers(*stmt), "key " + std::string(key_id) + " is in no key set");
}

Result<KeySetMember> KeyRegistry::ActiveMember(std::string_view set_name) {
  static const std::string kSql =
      std::string(kSelectMember) + " WHERE set_name = ?1 AND state = 'active'";
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt, db_->Prepare(kSql.c_str()));
  stmt->BindText(1, set_name);
  return OneMember(ReadMembers(*stmt), "key set " + std::string(set_name) + " has no active key");
}

Result<void> KeyRegistry::AppendAudit(const KeyAuditEvent& event) {
  VCI_ASSIGN_OR_RETURN(SqliteStatement * stmt,
                       db_->Prepare("INSERT INTO key_audit (at, unix_user, operation, key_id,"
                                    " set_name, outcome, detail)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  stmt->BindInt(1, event.at);
  stmt->BindText(2, event.unix_user);
  stmt->BindText(3, event.operation);
  stmt->BindText(4, event.key_id);
  stmt->BindText(5, event.set_name);
  stmt->BindText(6, event.outcome);
  stmt->BindText(7, event.detail);
  return stmt->Run();
}

Result<std::vector<KeyAuditEvent>> KeyRegistry::Audit(int64_t limit) {
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      db_->Prepare("SELECT at, unix_user, operation, key_id, set_name, outcome, detail FROM"
                   " (SELECT * FROM key_audit ORDER BY id DESC LIMIT ?1) ORDER BY id"));
  stmt->BindInt(1, limit > 0 ? limit : -1);
  std::vector<KeyAuditEvent> events;
  while (true) {
    Result<bool> row = stmt->Step();
    if (!row.has_value() || !*row) {
      stmt->Reset();
      if (!row.has_value()) {
        return row.error();
      }
      return events;
    }
    events.push_back(KeyAuditEvent{stmt->ColumnInt(0), stmt->ColumnText(1), stmt->ColumnText(2),
                                   stmt->ColumnText(3), stmt->ColumnText(4), stmt->ColumnText(5),
                                   stmt->ColumnText(6)});
  }
}

Result<std::vector<IssuanceRecord>> KeyRegistry::Issuances(int64_t limit) {
  VCI_ASSIGN_OR_RETURN(
      SqliteStatement * stmt,
      db_->Prepare("SELECT offer_id, client, configuration_id, signing_key_id, credential_digest,"
                   " issued_at, credential_expires_at FROM (SELECT * FROM issuance_record"
                   " ORDER BY id DESC LIMIT ?1) ORDER BY id"));
  stmt->BindInt(1, limit > 0 ? limit : -1);
  std::vector<IssuanceRecord> records;
  while (true) {
    Result<bool> row = stmt->Step();
    if (!row.has_value() || !*row) {
      stmt->Reset();
      if (!row.has_value()) {
        return row.error();
      }
      return records;
    }
    records.push_back(IssuanceRecord{stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2),
                                     stmt->ColumnText(3), stmt->ColumnText(4), stmt->ColumnInt(5),
                                     stmt->ColumnInt(6)});
  }
}

}  // namespace vci::store
