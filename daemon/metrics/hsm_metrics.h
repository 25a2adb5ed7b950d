// HsmMetrics: the pkcs11::HsmObserver that records the token's calls in the metrics registry.
#ifndef VCISSUER_DAEMON_METRICS_HSM_METRICS_H_
#define VCISSUER_DAEMON_METRICS_HSM_METRICS_H_

#include "crypto/pkcs11/hsm_observer.h"

namespace vci::metrics {

// GlobalHsmObserver returns an observer that records into Global() (whatever registry it is at
// the time of each call). Pass it as pkcs11::TokenOptions::observer; it lives for the process.
pkcs11::HsmObserver& GlobalHsmObserver();

}  // namespace vci::metrics

#endif  // VCISSUER_DAEMON_METRICS_HSM_METRICS_H_
