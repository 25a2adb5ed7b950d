// SessionStore: the console's server-side sessions, in memory. The browser holds only a random
// session id in a __Host- cookie; everything else stays here and ends with an idle timeout, an
// absolute timeout, logout or a restart.
#ifndef VCISSUER_CONSOLE_SESSION_STORE_H_
#define VCISSUER_CONSOLE_SESSION_STORE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

#include "console/oidc_client.h"
#include "crypto/base/clock.h"
#include "crypto/base/result.h"

namespace vci::console {

// SessionOffer is an offer made in this session, as its page shows it.
struct SessionOffer {
  std::string configuration_id;
  std::string offer_link;
  int64_t expires_at = 0;
  bool tx_code_mailed = false;
  std::string tx_code_on_screen;  // only with the rule's tx_code = "screen" (kiosks)
};

struct Session {
  int64_t created_at = 0;
  int64_t last_seen = 0;
  std::optional<LoginRequest> login;  // set between /login and /callback, consumed once
  bool authenticated = false;
  std::string subject_hash;  // hex SHA-256 of iss and sub: the only identity ever logged
  nlohmann::json id_claims;  // the verified ID token's claims, never logged
  std::string csrf_token;
  std::map<std::string, SessionOffer> offers;  // offer id -> the offer
};

class SessionStore {
 public:
  SessionStore(const Clock& clock, std::chrono::seconds idle, std::chrono::seconds absolute)
      : clock_(clock), idle_(idle), absolute_(absolute) {}

  // Create stores `session` under a fresh random id (256 bits, base64url) and returns the id.
  Result<std::string> Create(Session session);

  // Get returns a copy of the live session `id` and marks it used; nullopt when unknown or past
  // either timeout (an expired session is deleted).
  std::optional<Session> Get(const std::string& id);

  // Put replaces the state of the session `id` if it still exists, keeping its timestamps.
  void Put(const std::string& id, const Session& session);

  // Erase deletes the session `id`.
  void Erase(const std::string& id);

 private:
  void PurgeLocked(int64_t now);

  const Clock& clock_;
  std::chrono::seconds idle_;
  std::chrono::seconds absolute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;  // guarded by mutex_
};

}  // namespace vci::console

#endif  // VCISSUER_CONSOLE_SESSION_STORE_H_
