#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "allocator.h"
#include "storage.h"

namespace legate {

// The process-wide state of core's runtime, shared by every thread that loads the addon.
struct RuntimeState {
 private:
  // Declared first so they outlive the storages, which return their memory to them.
  std::mutex mutex_;
  std::vector<std::unique_ptr<CachingAllocator>> processor_allocators_;

 public:
  CachingAllocator host_allocator;
  StorageTable storages;

  static RuntimeState& instance();

  // The allocator of memory `m`: 0 is the host memory, m >= 1 the m-th CPU processor's own
  // memory of the separate-memory mode ("cpu0", "cpu1"...).
  CachingAllocator& allocator_for(size_t m);
  std::vector<MemoryStats> memory_stats();
  // Returns every memory's cached blocks to the system.
  void trim_all();
  void reset_peaks();

 private:
  RuntimeState();
};

}  // namespace legate
