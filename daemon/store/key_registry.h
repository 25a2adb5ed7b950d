// KeyRegistry: the key sets of the appliance, their members' states and the officer's key audit
// trail (#6), kept in the state database beside the offers.
//
// A credential configuration names a key set; the set's one active member signs. Members move
// next -> active -> retiring -> retired. The officer moves them with vcissuerctl; the daemon
// makes the time-driven steps with Advance(). Every change is written to the append-only
// key_audit table in the same transaction as the change itself, so the trail cannot miss one.
#ifndef VCISSUER_DAEMON_STORE_KEY_REGISTRY_H_
#define VCISSUER_DAEMON_STORE_KEY_REGISTRY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/base/result.h"
#include "daemon/store/sqlite_db.h"
#include "daemon/store/store.h"

namespace vci::store {

enum class KeyState { kNext, kActive, kRetiring, kRetired };

// KeyPurpose is what the members of a set do: sign credentials, derive codes (HMAC) or encrypt
// claims at rest (AES).
enum class KeyPurpose { kSign, kHmac, kClaims };

// The names below are the ones stored, printed by vcissuerctl and accepted on its command line.
std::string_view KeyStateName(KeyState state);
Result<KeyState> ParseKeyState(std::string_view name);
std::string_view KeyPurposeName(KeyPurpose purpose);
Result<KeyPurpose> ParseKeyPurpose(std::string_view name);

struct KeySet {
  std::string name;
  KeyPurpose purpose = KeyPurpose::kSign;
  int64_t created_at = 0;
};

// KeySetMember is one token key in one set. A key belongs to at most one set.
struct KeySetMember {
  std::string set_name;
  std::string key_id;      // the key's CKA_ID in lowercase hex
  std::string label;       // its CKA_LABEL, for people
  std::string thumbprint;  // RFC 7638 thumbprint of a signing key (the JWT kid); "" otherwise
  KeyState state = KeyState::kNext;
  int64_t created_at = 0;
  std::optional<int64_t> activate_at;  // when a next key becomes active by itself
  std::optional<int64_t> activated_at;
  std::optional<int64_t> retiring_at;
  std::optional<int64_t> retired_at;
};

// KeyTransition is one state change, as Activate, Retire and Advance report them.
struct KeyTransition {
  std::string set_name;
  std::string key_id;
  KeyState from = KeyState::kNext;
  KeyState to = KeyState::kNext;
};

// KeyAuditEvent is one row of the key audit trail. `detail` never holds a PIN or key material.
struct KeyAuditEvent {
  int64_t at = 0;
  std::string unix_user;  // who ran the operation ("vcissuerd" for the daemon's own steps)
  std::string operation;  // "generate", "rotate", "activate", "retire", "destroy", ...
  std::string key_id;
  std::string set_name;
  std::string outcome;  // "ok", or "refused" / "failed" with the reason in detail
  std::string detail;
};

class KeyRegistry {
 public:
  // Open opens the state database at `path`, creating it and migrating its schema as
  // SqliteStore::Open does. kUnavailable if the file cannot be opened.
  static Result<std::unique_ptr<KeyRegistry>> Open(const std::string& path);

  // CreateSet adds an empty set. kAlreadyExists if the name is taken.
  Result<void> CreateSet(const KeySet& set, std::string_view actor);
  Result<std::vector<KeySet>> ListSets();
  Result<KeySet> GetSet(std::string_view name);

  // AddMember puts a key into an existing set as `next`; when `member.state` is kActive it is
  // activated at once (the previous active member starts retiring). kNotFound for an unknown
  // set, kAlreadyExists if the key is in a set already, kInvalidArgument for another state.
  Result<std::vector<KeyTransition>> AddMember(const KeySetMember& member, int64_t now,
                                               std::string_view actor);

  // Members lists a set's members, oldest first; FindMember finds a key's membership
  // (kNotFound if it is in no set); ActiveMember is the set's signer (kNotFound if none).
  Result<std::vector<KeySetMember>> Members(std::string_view set_name);
  Result<KeySetMember> FindMember(std::string_view key_id);
  Result<KeySetMember> ActiveMember(std::string_view set_name);

  // Activate makes a next (or retiring) member active; the previous active member starts
  // retiring. kFailedPrecondition from any other state.
  Result<std::vector<KeyTransition>> Activate(std::string_view key_id, int64_t now,
                                              std::string_view actor);

  // Retire moves a next member, or a retiring one whose last credential has expired, to
  // retired. An active member is refused (activate its successor first); a retiring member
  // still in use is refused unless `force`. kFailedPrecondition when refused.
  Result<std::vector<KeyTransition>> Retire(std::string_view key_id, bool force, int64_t now,
                                            std::string_view actor);

  // Advance makes the time-driven steps due at `now`: a next member whose activate_at has come
  // becomes active, and a retiring member nothing depends on any more becomes retired.
  Result<std::vector<KeyTransition>> Advance(int64_t now, std::string_view actor);

  // InUseUntil is the last time anything still depends on a key: the expiry of the last
  // credential a signing key signed, or of the last offer that a code or claims key protects.
  // A credential recorded without an expiry counts as never expiring.
  Result<int64_t> InUseUntil(const KeySetMember& member, KeyPurpose purpose);

  // AppendAudit records an operation that changed nothing (a refusal, a failure, an export).
  Result<void> AppendAudit(const KeyAuditEvent& event);
  // Audit lists the trail in order, the newest `limit` rows (all when limit is 0).
  Result<std::vector<KeyAuditEvent>> Audit(int64_t limit);

  // Issuances lists the issuance record in order, the newest `limit` rows (all when 0): what
  // incident response needs to find the credentials a key signed. Never a claim value.
  Result<std::vector<IssuanceRecord>> Issuances(int64_t limit);

 private:
  explicit KeyRegistry(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}

  Result<void> SetState(const KeySetMember& member, KeyState to, int64_t now,
                        std::string_view operation, std::string_view actor,
                        std::vector<KeyTransition>& out);
  Result<void> ActivateLocked(const KeySetMember& member, int64_t now, std::string_view operation,
                              std::string_view actor, std::vector<KeyTransition>& out);

  std::unique_ptr<SqliteDb> db_;
};

}  // namespace vci::store

#endif  // VCISSUER_DAEMON_STORE_KEY_REGISTRY_H_
