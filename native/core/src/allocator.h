#pragma once

#include <cstddef>
#include <cstdint>
#include <array>
#include <deque>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <vector>

namespace legate {

struct MemoryStats {
  std::string memory;
  uint64_t bytes_in_use = 0;    // handed out and not yet returned
  uint64_t bytes_cached = 0;    // returned and kept for reuse
  uint64_t peak_bytes_in_use = 0;
  uint64_t allocations = 0;     // requests served
  uint64_t cache_hits = 0;      // requests served from the cache
};

// An allocation that a memory could not serve, even after its cache was released. What it was
// for (the storage's shape and type) is added where that is known, so the error can name it.
class OutOfMemory : public std::bad_alloc {
 public:
  OutOfMemory(std::string memory_name, size_t requested) : memory(std::move(memory_name)), bytes(requested) { describe(); }
  const char* what() const noexcept override { return message_.c_str(); }
  void set_storage(std::vector<int64_t> storage_shape, int32_t storage_type) {
    shape = std::move(storage_shape);
    type_code = storage_type;
    describe();
  }

  std::string memory;
  size_t bytes = 0;
  std::vector<int64_t> shape;  // empty with type_code -1 when unknown
  int32_t type_code = -1;

 private:
  void describe();
  std::string message_;
};

// A caching allocator for one memory. Fresh pages cost ~1.3-2 us per 4 KiB on first touch here,
// so freed blocks are kept (up to a byte budget) and handed out again for requests of the same
// rounded size; the oldest are released first when the budget is exceeded.
class CachingAllocator {
 public:
  CachingAllocator(std::string memory, uint64_t cache_limit_bytes);
  ~CachingAllocator();
  CachingAllocator(const CachingAllocator&) = delete;
  CachingAllocator& operator=(const CachingAllocator&) = delete;

  // 64-byte aligned, never null for bytes > 0 (throws OutOfMemory).
  void* allocate(size_t bytes);
  void deallocate(void* ptr, size_t bytes);
  // Releases every cached block to the system.
  void trim();
  MemoryStats stats() const;
  // Starts the peak over from what is in use now.
  void reset_peak();
  void set_cache_limit(uint64_t bytes);

  // Blocks from this size on are mapped from the kernel and returned to it when released.
  static constexpr size_t kMappedBlock = size_t{1} << 20;
  // Blocks from this size on are aligned to 2 MiB and backed by huge pages (their whole 2 MiB
  // pages; a tail short of one gets small pages).
  static constexpr size_t kHugeBlock = size_t{2} << 20;

  // The size a request is rounded to: size classes keep the cache's hit rate high.
  static size_t rounded_size(size_t bytes);

 private:
  void evict_locked(uint64_t target);

  // Blocks below kMappedBlock are powers of two from 64 bytes: a class each, kept as a stack
  // (newest at the back, handed out first; oldest at the front, released first), which costs no
  // allocation per block as the maps of larger sizes do. Small blocks come and go with every
  // small launch.
  static constexpr size_t kSmallClasses = 14;  // 64 B ... 512 KiB
  struct Cached {
    uint64_t sequence;
    void* ptr;
  };
  static int small_class(size_t size);
  // Releases the oldest cached block; false when none is cached.
  bool evict_oldest_locked();

  std::string memory_;
  uint64_t cache_limit_;
  mutable std::mutex mutex_;
  std::array<std::deque<Cached>, kSmallClasses> small_;
  // Larger blocks: rounded size -> (sequence number -> block); the sequence orders blocks by age.
  std::map<size_t, std::map<uint64_t, void*>> free_;
  std::map<uint64_t, std::pair<size_t, void*>> by_age_;
  uint64_t sequence_ = 0;
  MemoryStats stats_;
};

}  // namespace legate
