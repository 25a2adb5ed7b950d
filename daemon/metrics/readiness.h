// Readiness: what the admin listener's /readyz checks, and the three unauthenticated probe
// endpoints (/healthz, /readyz, /metrics).
//
// The admin listener is private (loopback or a protected network), so these answer without a
// bearer token. They reveal no secret: the reasons name a PKCS#11 call and its CK_RV, never a
// PIN, a key's bytes or a request's data.
#ifndef VCISSUER_DAEMON_METRICS_READINESS_H_
#define VCISSUER_DAEMON_METRICS_READINESS_H_

#include <optional>
#include <string>

#include "crypto/pkcs11/token.h"
#include "daemon/http/http_request.h"
#include "daemon/http/http_response.h"
#include "daemon/store/store.h"

namespace vci::metrics {

// ReadinessReport is /readyz's answer: ready, or why not.
struct ReadinessReport {
  bool ready = true;
  std::string reason;  // "hsm_unavailable" or "store_unavailable" when not ready.
  std::string detail;  // For the operator: "C_Sign: CKR_DEVICE_REMOVED".
};

class Readiness {
 public:
  // Readiness checks `token` and `store`, which are not owned and must outlive it.
  Readiness(pkcs11::Token& token, store::Store& store) : token_(token), store_(store) {}

  // Check returns ready when the token answers with its login (Token::CheckHealth, which probes
  // the device at a bounded rate and restores a lost login), no device fault has been seen since
  // the last success, and the store answers a read. Thread-safe.
  ReadinessReport Check();

 private:
  pkcs11::Token& token_;
  store::Store& store_;
};

// HandleProbe answers GET /healthz (200 while the process serves), GET /readyz (200 when
// `readiness` says ready, else 503 with Retry-After and {"status":"not_ready","reason":...}) and
// GET /metrics (the Prometheus text of metrics::Global()). Other paths return nullopt, for the
// admin API's own routes. A null `readiness` counts as ready.
std::optional<http::HttpResponse> HandleProbe(const http::HttpRequest& request,
                                              Readiness* readiness);

}  // namespace vci::metrics

#endif  // VCISSUER_DAEMON_METRICS_READINESS_H_
