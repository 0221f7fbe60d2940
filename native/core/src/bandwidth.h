#pragma once

#include <cstddef>

namespace legate {

struct BandwidthResult {
  double median_bytes_per_second;
  double best_bytes_per_second;
  double median_seconds;
};

BandwidthResult probe_bandwidth(size_t bytes_per_array, unsigned threads, unsigned repetitions);

}  // namespace legate
