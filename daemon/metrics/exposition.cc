// Registry::RenderText: the Prometheus text exposition format, version 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/).
#include <cstring>
#include <map>
#include <string>

#include "daemon/metrics/region.h"
#include "daemon/metrics/registry.h"

namespace vci::metrics {
namespace {

using internal::Region;

constexpr auto kRelaxed = std::memory_order_relaxed;

// EscapeLabelValue escapes a label value as the format requires: backslash, double quote and
// line feed.
std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void Header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void Sample(std::string& out, std::string_view name, std::string_view labels, uint64_t value) {
  out.append(name);
  if (!labels.empty()) {
    out.append("{").append(labels).append("}");
  }
  out.append(" ").append(std::to_string(value)).append("\n");
}

std::string Label(std::string_view key, std::string_view value) {
  return std::string(key) + "=\"" + EscapeLabelValue(value) + "\"";
}

// Seconds formats a microsecond count as decimal seconds ("0.001234").
std::string Seconds(uint64_t us) {
  std::string fraction = std::to_string(us % 1000000);
  return std::to_string(us / 1000000) + "." + std::string(6 - fraction.size(), '0') + fraction;
}

void RenderRequests(const Region& region, std::string& out) {
  constexpr std::string_view kName = "vcissuer_http_requests_total";
  Header(out, kName, "counter", "HTTP requests answered, by endpoint and status.");
  for (size_t e = 0; e < kNumEndpoints; ++e) {
    for (size_t s = 0; s < kNumStatuses; ++s) {
      uint64_t value = region.requests[e][s].load(kRelaxed);
      if (value == 0) {
        continue;
      }
      std::string status =
          s < kCountedStatuses.size() ? std::to_string(kCountedStatuses[s]) : "other";
      Sample(out, kName,
             Label("endpoint", EndpointLabel(static_cast<Endpoint>(e))) + "," +
                 Label("status", status),
             value);
    }
  }
}

void RenderErrors(const Region& region, std::string& out) {
  constexpr std::string_view kName = "vcissuer_errors_total";
  Header(out, kName, "counter", "Error answers, by error code.");
  for (size_t i = 0; i < kNumErrorCodes; ++i) {
    uint64_t value = region.errors[i].load(kRelaxed);
    if (value != 0) {
      Sample(out, kName, Label("code", ErrorCodeLabel(i)), value);
    }
  }
}

void RenderIssuances(const Region& region, std::string& out) {
  constexpr std::string_view kName = "vcissuer_issuances_total";
  Header(out, kName, "counter", "Credentials issued, by credential configuration.");
  // Sorted by name, and slots that two processes claimed for one id at once added together.
  std::map<std::string, uint64_t> totals;
  for (const internal::ConfigurationSlot& slot : region.configurations) {
    if (slot.state.load(std::memory_order_acquire) != internal::ConfigurationSlot::kReady) {
      continue;
    }
    std::string name(slot.name.data(), ::strnlen(slot.name.data(), slot.name.size()));
    totals[name] += slot.issuances.load(kRelaxed);
  }
  for (const auto& [name, value] : totals) {
    Sample(out, kName, Label("configuration", name), value);
  }
  uint64_t other = region.issuances_other.load(kRelaxed);
  if (other != 0) {
    Sample(out, kName, Label("configuration", "other"), other);
  }
}

void RenderHsm(const Region& region, std::string& out) {
  constexpr std::string_view kLatency = "vcissuer_hsm_operation_duration_seconds";
  Header(out, kLatency, "histogram", "Duration of PKCS#11 operations, by operation.");
  for (size_t op = 0; op < pkcs11::kNumHsmOperations; ++op) {
    const internal::Histogram& histogram = region.hsm_latency[op];
    uint64_t count = histogram.count.load(kRelaxed);
    if (count == 0) {
      continue;
    }
    std::string operation =
        Label("operation", pkcs11::HsmOperationName(static_cast<pkcs11::HsmOperation>(op)));
    uint64_t cumulative = 0;
    for (size_t b = 0; b < kNumLatencyBuckets; ++b) {
      cumulative += histogram.buckets[b].load(kRelaxed);
      Sample(out, std::string(kLatency) + "_bucket",
             operation + "," + Label("le", kLatencyBucketLabels[b]), cumulative);
    }
    out.append(kLatency).append("_sum{").append(operation).append("} ");
    out.append(Seconds(histogram.sum_us.load(kRelaxed))).append("\n");
    Sample(out, std::string(kLatency) + "_count", operation, count);
  }

  constexpr std::string_view kErrors = "vcissuer_hsm_errors_total";
  Header(out, kErrors, "counter", "Failed PKCS#11 operations, by operation and outcome.");
  for (size_t op = 0; op < pkcs11::kNumHsmOperations; ++op) {
    for (size_t o = 1; o < pkcs11::kNumHsmOutcomes; ++o) {  // 0 is kOk.
      uint64_t value = region.hsm_calls[op][o].load(kRelaxed);
      if (value == 0) {
        continue;
      }
      Sample(out, kErrors,
             Label("operation", pkcs11::HsmOperationName(static_cast<pkcs11::HsmOperation>(op))) +
                 "," + Label("outcome", pkcs11::HsmOutcomeName(static_cast<pkcs11::HsmOutcome>(o))),
             value);
    }
  }
}

void RenderScalars(const Region& region, std::string& out) {
  Header(out, "vcissuer_tx_code_lockouts_total", "counter",
         "Offers invalidated by too many wrong tx_codes.");
  Sample(out, "vcissuer_tx_code_lockouts_total", "", region.tx_code_lockouts.load(kRelaxed));
  Header(out, "vcissuer_policy_reload_failures_total", "counter", "Policy reloads refused.");
  Sample(out, "vcissuer_policy_reload_failures_total", "",
         region.policy_reload_failures.load(kRelaxed));
  Header(out, "vcissuer_policy_generation", "gauge", "Generation of the policy in force.");
  out.append("vcissuer_policy_generation ")
      .append(std::to_string(region.policy_generation.load(kRelaxed)))
      .append("\n");
}

}  // namespace

std::string Registry::RenderText() const {
  std::string out;
  RenderRequests(*region_, out);
  RenderErrors(*region_, out);
  RenderIssuances(*region_, out);
  RenderHsm(*region_, out);
  RenderScalars(*region_, out);
  return out;
}

}  // namespace vci::metrics
