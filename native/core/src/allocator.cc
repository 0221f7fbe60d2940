#include "allocator.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include <sys/mman.h>

namespace legate {

void OutOfMemory::describe() {
  message_ = "out of memory: cannot allocate " + std::to_string(bytes) + " bytes in memory '" + memory + "'";
  if (type_code >= 0) {
    message_ += " for a storage of shape (";
    for (size_t d = 0; d < shape.size(); ++d) message_ += (d ? ", " : "") + std::to_string(shape[d]);
    message_ += shape.size() == 1 ? ",)" : ")";
  }
}

CachingAllocator::CachingAllocator(std::string memory, uint64_t cache_limit_bytes)
    : memory_(std::move(memory)), cache_limit_(cache_limit_bytes) {
  stats_.memory = memory_;
}

CachingAllocator::~CachingAllocator() { trim(); }

size_t CachingAllocator::rounded_size(size_t bytes) {
  if (bytes <= 64) return 64;
  if (bytes <= (size_t{1} << 20)) {  // small: powers of two
    size_t size = 64;
    while (size < bytes) size <<= 1;
    return size;
  }
  // large: quarter steps between powers of two waste at most 25%
  size_t power = size_t{1} << 20;
  while (power * 2 < bytes) power <<= 1;
  size_t step = power / 4;
  return (bytes + step - 1) / step * step;
}

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

// Blocks of 1 MiB and more come straight from the kernel (mmap) and go back to it (munmap):
// through malloc they would stay in its per-thread arenas after they are freed, and a long
// loop's resident memory would creep up (20 CG solves: +9% through malloc's arenas).
//
// Fresh memory costs ~1.3-2 us per 4 KiB page on first touch here (2-3 GB/s); in 2 MiB pages it
// is several times cheaper, and so is random access: with 4 KiB pages every access to a block
// of several MiB misses the TLB (5M random increments of an 8 MB array: 100 ms, 16 ms in huge
// pages). Blocks of 2 MiB and more are aligned to 2 MiB and asked to be backed by transparent
// huge pages, which Linux's default `madvise` mode grants only on request.

// LEGATE_HUGE_PAGES=0 turns huge pages off (to measure them).
bool huge_pages() {
  static const bool on = [] {
    const char* text = std::getenv("LEGATE_HUGE_PAGES");
    return text == nullptr || std::strcmp(text, "0") != 0;
  }();
  return on;
}

bool mapped(size_t size) { return size >= CachingAllocator::kMappedBlock; }

void* fresh_block(size_t size) {
  if (!mapped(size)) return std::aligned_alloc(64, size);
  const bool huge = size >= CachingAllocator::kHugeBlock && huge_pages();
  // A huge-page block is mapped with 2 MiB to spare, and the unaligned ends are given back.
  const size_t span = huge ? size + kHugePage : size;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  if (!huge) return raw;
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1);
  if (aligned > start) munmap(raw, aligned - start);
  const uintptr_t end = start + span, used = aligned + size;
  if (end > used) munmap(reinterpret_cast<void*>(used), end - used);
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
}

void release_block(void* ptr, size_t size) {
  if (mapped(size)) munmap(ptr, size);
  else std::free(ptr);
}

}  // namespace

void* CachingAllocator::allocate(size_t bytes) {
  if (bytes == 0) return nullptr;
  // No memory serves more than half the address space (and rounding must not overflow).
  if (bytes > (SIZE_MAX >> 2)) throw OutOfMemory(memory_, bytes);
  size_t size = rounded_size(bytes);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.allocations;
    if (const int c = small_class(size); c >= 0) {
      auto& stack = small_[static_cast<size_t>(c)];
      if (!stack.empty()) {
        void* ptr = stack.back().ptr;  // the most recently freed is warmest
        stack.pop_back();
        stats_.bytes_cached -= size;
        stats_.bytes_in_use += size;
        if (stats_.bytes_in_use > stats_.peak_bytes_in_use) stats_.peak_bytes_in_use = stats_.bytes_in_use;
        ++stats_.cache_hits;
        return ptr;
      }
    }
    auto bucket = free_.find(size);
    if (bucket != free_.end() && !bucket->second.empty()) {
      auto newest = std::prev(bucket->second.end());  // the most recently freed is warmest
      void* ptr = newest->second;
      by_age_.erase(newest->first);
      bucket->second.erase(newest);
      stats_.bytes_cached -= size;
      stats_.bytes_in_use += size;
      if (stats_.bytes_in_use > stats_.peak_bytes_in_use) stats_.peak_bytes_in_use = stats_.bytes_in_use;
      ++stats_.cache_hits;
      return ptr;
    }
  }
  void* ptr = fresh_block(size);
  if (ptr == nullptr) {
    trim();  // the cache may hold what the system now lacks
    ptr = fresh_block(size);
    if (ptr == nullptr) throw OutOfMemory(memory_, bytes);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  stats_.bytes_in_use += size;
  if (stats_.bytes_in_use > stats_.peak_bytes_in_use) stats_.peak_bytes_in_use = stats_.bytes_in_use;
  return ptr;
}

void CachingAllocator::deallocate(void* ptr, size_t bytes) {
  if (ptr == nullptr) return;
  size_t size = rounded_size(bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  stats_.bytes_in_use -= size;
  if (size > cache_limit_) {
    release_block(ptr, size);
    return;
  }
  uint64_t seq = ++sequence_;
  if (const int c = small_class(size); c >= 0) {
    small_[static_cast<size_t>(c)].push_back({seq, ptr});
  } else {
    free_[size][seq] = ptr;
    by_age_[seq] = {size, ptr};
  }
  stats_.bytes_cached += size;
  evict_locked(cache_limit_);
}

int CachingAllocator::small_class(size_t size) {
  if (size >= kMappedBlock) return -1;
  // rounded_size gives powers of two from 64 below kMappedBlock.
  int c = 0;
  for (size_t s = 64; s < size; s <<= 1) ++c;
  return c < static_cast<int>(kSmallClasses) ? c : -1;
}

bool CachingAllocator::evict_oldest_locked() {
  // The oldest of the large blocks' front and each small class's front.
  uint64_t oldest = by_age_.empty() ? UINT64_MAX : by_age_.begin()->first;
  int from = -1;
  for (size_t c = 0; c < kSmallClasses; ++c) {
    if (!small_[c].empty() && small_[c].front().sequence < oldest) {
      oldest = small_[c].front().sequence;
      from = static_cast<int>(c);
    }
  }
  if (from >= 0) {
    auto& stack = small_[static_cast<size_t>(from)];
    const size_t size = size_t{64} << from;
    void* ptr = stack.front().ptr;
    stack.pop_front();
    stats_.bytes_cached -= size;
    release_block(ptr, size);
    return true;
  }
  if (by_age_.empty()) return false;
  auto first = by_age_.begin();
  auto [size, ptr] = first->second;
  free_[size].erase(first->first);
  by_age_.erase(first);
  stats_.bytes_cached -= size;
  release_block(ptr, size);
  return true;
}

void CachingAllocator::evict_locked(uint64_t target) {
  while (stats_.bytes_cached > target && evict_oldest_locked()) {
  }
}

void CachingAllocator::trim() {
  std::lock_guard<std::mutex> lock(mutex_);
  evict_locked(0);
}

void CachingAllocator::set_cache_limit(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  cache_limit_ = bytes;
  evict_locked(cache_limit_);
}

void CachingAllocator::reset_peak() {
  std::lock_guard<std::mutex> lock(mutex_);
  stats_.peak_bytes_in_use = stats_.bytes_in_use;
}

MemoryStats CachingAllocator::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

}  // namespace legate
