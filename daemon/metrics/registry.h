// Registry: the daemon's Prometheus metrics, and the text /metrics answers with.
//
// Counters live in a fixed-layout region (region.h). A process-local registry keeps it on the
// heap. A shared one keeps it in a memfd mapped MAP_SHARED: a supervisor creates it before it
// starts workers, and every worker, whether merely forked or forked and exec'd with the memfd
// passed down, maps the same memory, so all add to the same numbers and any worker can answer a
// scrape.
//
// Security property: no label value comes from a request. Endpoints, statuses, error codes and
// HSM operations are closed sets (labels.h); configuration ids come from the policy and are
// capped in number. No metric ever holds a claim value, a code, a token or a PIN.
#ifndef VCISSUER_DAEMON_METRICS_REGISTRY_H_
#define VCISSUER_DAEMON_METRICS_REGISTRY_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "crypto/base/result.h"
#include "crypto/pkcs11/hsm_observer.h"
#include "daemon/metrics/labels.h"

namespace vci::metrics {

namespace internal {
struct Region;
}  // namespace internal

class Registry {
 public:
  // CreateLocal returns a registry whose counters only this process sees. Never fails.
  static std::unique_ptr<Registry> CreateLocal();

  // CreateShared returns a registry in a new memfd mapped MAP_SHARED: every process forked after
  // this call, and every process that Attach()es shared_fd(), adds to and reads the same
  // counters. kUnavailable when the memfd or the mapping cannot be made.
  static Result<std::unique_ptr<Registry>> CreateShared();

  // Attach maps the region another process made with CreateShared, from the memfd `fd` it passed
  // down; `fd` is closed (the mapping stays). kFailedPrecondition when the file is not a region of
  // this layout (another version of the binary), kUnavailable when it cannot be mapped.
  static Result<std::unique_ptr<Registry>> Attach(int fd);

  // shared_fd returns the memfd of a registry made by CreateShared (close-on-exec: clear the flag
  // on the copy a worker should inherit), or -1. Owned by the registry.
  int shared_fd() const { return shared_fd_; }

  Registry(const Registry&) = delete;  // Owns its mapping; a copy would unmap it twice.
  Registry& operator=(const Registry&) = delete;
  Registry(Registry&&) = delete;
  Registry& operator=(Registry&&) = delete;
  ~Registry();

  // Every recording function below is thread- and process-safe (relaxed atomics) and never
  // blocks, allocates or fails.

  // CountRequest counts one answered request.
  void CountRequest(Endpoint endpoint, int status);

  // CountError counts one error answer by its code name (ErrorCodeName: "invalid_grant", ...).
  void CountError(std::string_view error_code_name);

  // CountIssuance counts one credential issued under `configuration_id`.
  void CountIssuance(std::string_view configuration_id);

  // ObserveHsmCall counts one PKCS#11 call: its latency and, unless it succeeded, its outcome.
  void ObserveHsmCall(pkcs11::HsmOperation operation, pkcs11::HsmOutcome outcome,
                      std::chrono::microseconds latency);

  // CountTxCodeLockout counts one offer invalidated by too many wrong tx_codes.
  void CountTxCodeLockout();

  // CountPolicyReloadFailure counts one refused policy reload.
  void CountPolicyReloadFailure();

  // SetPolicyGeneration records the generation of the policy in force.
  void SetPolicyGeneration(int64_t generation);

  // RenderText returns the Prometheus text exposition format 0.0.4 of every metric: HELP and TYPE
  // for each, then its series in a fixed order (series whose count is zero are left out of the
  // labelled counters). Served as text/plain; version=0.0.4.
  std::string RenderText() const;

 private:
  Registry(internal::Region* region, bool mapped, int shared_fd)
      : region_(region), mapped_(mapped), shared_fd_(shared_fd) {}

  internal::Region* region_;  // Owned: a mapping when mapped_, else from new.
  bool mapped_;
  int shared_fd_;  // Owned memfd of a region this process created, or -1.
};

// kContentType is the Content-Type of RenderText's output.
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

// Global returns the process's registry: process-local until MapShared is called. Everything in
// the daemon records here.
Registry& Global();

// MapShared is for the supervisor: it replaces the process's registry by a shared one
// (CreateShared) and returns its memfd, close-on-exec and owned by the registry, for the
// supervisor to pass to each worker it starts. Call it once, before any thread starts and before
// the first worker. Counts recorded before the call are dropped. kUnavailable when the region
// cannot be made (the process keeps its local registry).
Result<int> MapShared();

// AttachShared is for a worker: it replaces the process's registry by the shared region whose
// memfd the supervisor passed down (see Attach, which closes `fd`). Call it before any thread
// starts. On failure the worker keeps a local registry and its counts are its own.
Result<void> AttachShared(int fd);

}  // namespace vci::metrics

#endif  // VCISSUER_DAEMON_METRICS_REGISTRY_H_
