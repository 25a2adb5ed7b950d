// LatencySamples: percentiles by nearest rank over every sample (no histogram buckets).
#include "bench/driver/latency.h"

#include <algorithm>
#include <cmath>

namespace vci::bench {

void LatencySamples::Merge(const LatencySamples& other) {
  samples_us_.insert(samples_us_.end(), other.samples_us_.begin(), other.samples_us_.end());
  sorted_ = false;
}

double LatencySamples::PercentileMs(double p) {
  if (samples_us_.empty()) {
    return 0;
  }
  if (!sorted_) {
    std::sort(samples_us_.begin(), samples_us_.end());
    sorted_ = true;
  }
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(samples_us_.size())));
  rank = std::clamp<size_t>(rank, 1, samples_us_.size());
  return samples_us_[rank - 1] / 1e3;
}

nlohmann::json LatencySamples::Summary() {
  return {{"p50", PercentileMs(50)},
          {"p90", PercentileMs(90)},
          {"p99", PercentileMs(99)},
          {"max", PercentileMs(100)}};
}

}  // namespace vci::bench
