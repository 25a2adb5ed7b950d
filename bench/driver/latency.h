// Latency samples and their percentiles (nearest rank).
#ifndef VCISSUER_BENCH_DRIVER_LATENCY_H_
#define VCISSUER_BENCH_DRIVER_LATENCY_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

namespace vci::bench {

class LatencySamples {
 public:
  void Add(std::chrono::nanoseconds sample) {
    samples_us_.push_back(static_cast<double>(sample.count()) / 1e3);
    sorted_ = false;
  }

  void Merge(const LatencySamples& other);

  // Percentile returns the nearest-rank `p`-th percentile (0 < p <= 100) in milliseconds, or 0
  // without samples. Sorts the samples on first use after an Add.
  double PercentileMs(double p);

  size_t count() const { return samples_us_.size(); }

  // Summary is {"p50": ms, "p90": ms, "p99": ms, "max": ms}.
  nlohmann::json Summary();

 private:
  std::vector<double> samples_us_;
  bool sorted_ = false;
};

}  // namespace vci::bench

#endif  // VCISSUER_BENCH_DRIVER_LATENCY_H_
