#include "runtime_state.h"

#include <unistd.h>

#include <algorithm>

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

RuntimeState& RuntimeState::instance() {
  static RuntimeState state;
  return state;
}

}  // namespace legate
