#include "runtime_state.h"

#include <unistd.h>

#include <algorithm>
#include <string>

namespace legate {

namespace {

// Keep up to a quarter of physical memory (at most 8 GiB) of freed blocks for reuse.
uint64_t default_cache_limit() {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  uint64_t physical = pages > 0 && page > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) : (uint64_t{4} << 30);
  return std::min<uint64_t>(physical / 4, uint64_t{8} << 30);
}

}  // namespace

RuntimeState::RuntimeState() : host_allocator("host", default_cache_limit()), storages(host_allocator) {}

CachingAllocator& RuntimeState::allocator_for(size_t m) {
  if (m == 0) return host_allocator;
  std::lock_guard<std::mutex> lock(mutex_);
  while (processor_allocators_.size() < m) {
    processor_allocators_.push_back(
        std::make_unique<CachingAllocator>("cpu" + std::to_string(processor_allocators_.size()), default_cache_limit()));
  }
  return *processor_allocators_[m - 1];
}

std::vector<MemoryStats> RuntimeState::memory_stats() {
  std::vector<MemoryStats> out{host_allocator.stats()};
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& a : processor_allocators_) out.push_back(a->stats());
  return out;
}

void RuntimeState::trim_all() {
  host_allocator.trim();
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& a : processor_allocators_) a->trim();
}

void RuntimeState::reset_peaks() {
  host_allocator.reset_peak();
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& a : processor_allocators_) a->reset_peak();
}

RuntimeState& RuntimeState::instance() {
  static RuntimeState state;
  return state;
}

}  // namespace legate
