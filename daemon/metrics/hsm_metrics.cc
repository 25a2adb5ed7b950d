#include "daemon/metrics/hsm_metrics.h"

#include "daemon/metrics/registry.h"

namespace vci::metrics {
namespace {

class GlobalObserver final : public pkcs11::HsmObserver {
 public:
  void OnHsmCall(pkcs11::HsmOperation operation, pkcs11::HsmOutcome outcome,
                 std::chrono::microseconds latency) noexcept override {
    Global().ObserveHsmCall(operation, outcome, latency);
  }
};

}  // namespace

pkcs11::HsmObserver& GlobalHsmObserver() {
  static GlobalObserver observer;
  return observer;
}

}  // namespace vci::metrics
