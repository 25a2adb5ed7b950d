// Token health: the bounded-rate probe and login recovery behind Token::CheckHealth and the
// retry in SignInToken.
#include "crypto/pkcs11/token.h"
#include "crypto/pkcs11/token_impl.h"

namespace vci::pkcs11 {

Result<void> TokenImpl::Recover() {
  std::lock_guard<std::mutex> lock(recovery_mutex);
  auto now = std::chrono::steady_clock::now();
  // A failed probe is answered from the cache for one interval, so a dead device is not hammered
  // by every request and every /readyz; a healthy one is probed whenever someone has a reason to
  // doubt it (C_GetSessionInfo costs little), and logins have their own bound in TokenLogin.
  if (last_probe_error.has_value() && last_probe.has_value() &&
      now - *last_probe < kTokenRecoveryInterval) {
    return *last_probe_error;
  }
  last_probe = now;
  Result<void> recovered = login->Recover(pool->health(), kTokenRecoveryInterval);
  if (recovered.has_value()) {
    last_probe_error.reset();
  } else {
    last_probe_error = recovered.error();
  }
  return recovered;
}

Result<void> Token::CheckHealth() {
  return impl_->Recover();
}

std::optional<std::string> Token::DegradedReason() const {
  return impl_->pool->health().DegradedReason();
}

}  // namespace vci::pkcs11
