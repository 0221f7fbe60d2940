// A STREAM-like probe (Add kernel, a = b + c) so benchmarks can state the share of the machine's
// memory bandwidth they reach, measured in the same run as the workload.
#include "bandwidth.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>
#include <vector>

namespace legate {

namespace {

struct AlignedFree {
  void operator()(double* p) const { std::free(p); }
};
using Buffer = std::unique_ptr<double[], AlignedFree>;

Buffer allocate(size_t count) {
  void* p = std::aligned_alloc(64, ((count * sizeof(double) + 63) / 64) * 64);
  if (p == nullptr) throw std::bad_alloc();
  return Buffer(static_cast<double*>(p));
}

template <typename Body>
void parallel_chunks(size_t count, unsigned threads, Body body) {
  std::vector<std::thread> pool;
  size_t chunk = (count + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    size_t lo = std::min(count, t * chunk), hi = std::min(count, lo + chunk);
    pool.emplace_back([=] { body(lo, hi); });
  }
  for (auto& th : pool) th.join();
}

}  // namespace

BandwidthResult probe_bandwidth(size_t bytes_per_array, unsigned threads, unsigned repetitions) {
  const size_t count = std::max<size_t>(1, bytes_per_array / sizeof(double));
  threads = std::max(1u, threads);
  repetitions = std::max(1u, repetitions);
  Buffer a = allocate(count), b = allocate(count), c = allocate(count);
  double *pa = a.get(), *pb = b.get(), *pc = c.get();
  // First touch by the thread that will use each chunk, as the runtime's pool would.
  parallel_chunks(count, threads, [=](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) {
      pa[i] = 0.0;
      pb[i] = 1.0;
      pc[i] = 2.0;
    }
  });
  std::vector<double> seconds;
  for (unsigned r = 0; r < repetitions + 1; ++r) {
    auto start = std::chrono::steady_clock::now();
    parallel_chunks(count, threads, [=](size_t lo, size_t hi) {
      for (size_t i = lo; i < hi; ++i) pa[i] = pb[i] + pc[i];
    });
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r > 0) seconds.push_back(elapsed);  // the first pass is a warm-up
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds[seconds.size() / 2];
  double moved = 3.0 * static_cast<double>(count) * sizeof(double);
  return BandwidthResult{moved / median, moved / seconds.front(), median};
}

}  // namespace legate
