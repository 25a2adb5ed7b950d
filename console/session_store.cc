#include "console/session_store.h"

#include "crypto/base/random.h"
#include "crypto/jose/base64url.h"

namespace vci::console {
namespace {

// kMaxSessions bounds memory: past it, new logins are refused until sessions expire.
constexpr size_t kMaxSessions = 100000;

Result<std::string> NewId() {
  CsprngRandom random;
  VCI_ASSIGN_OR_RETURN(Bytes bytes, random.Generate(32));
  return jose::Base64UrlEncode(bytes);
}

}  // namespace

void SessionStore::PurgeLocked(int64_t now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    bool dead = now - it->second.last_seen >= idle_.count() ||
                now - it->second.created_at >= absolute_.count();
    it = dead ? sessions_.erase(it) : std::next(it);
  }
}

Result<std::string> SessionStore::Create(Session session) {
  VCI_ASSIGN_OR_RETURN(std::string id, NewId());
  int64_t now = clock_.NowSeconds();
  session.created_at = now;
  session.last_seen = now;
  std::lock_guard lock(mutex_);
  if (sessions_.size() >= kMaxSessions) {
    PurgeLocked(now);
    if (sessions_.size() >= kMaxSessions) {
      return Error(ErrorCode::kResourceExhausted, "too many sessions");
    }
  }
  sessions_[id] = std::move(session);
  return id;
}

std::optional<Session> SessionStore::Get(const std::string& id) {
  int64_t now = clock_.NowSeconds();
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) {
    return std::nullopt;
  }
  if (now - it->second.last_seen >= idle_.count() ||
      now - it->second.created_at >= absolute_.count()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::Put(const std::string& id, const Session& session) {
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) {
    // The timestamps are the store's: a caller's copy must not extend or reset them.
    int64_t created_at = it->second.created_at;
    int64_t last_seen = it->second.last_seen;
    it->second = session;
    it->second.created_at = created_at;
    it->second.last_seen = last_seen;
  }
}

void SessionStore::Erase(const std::string& id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

}  // namespace vci::console
