#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "allocator.h"
#include "rect.h"

namespace legate {

class Node;
struct TaskError;

// The accesses of one launch argument to a storage: one rectangle per point task. Kept until
// they have all completed or a later write covers them.
struct AccessGroup {
  uint64_t launch = 0;
  int32_t privilege = 0;
  int32_t redop = 0;
  Rect bounds;             // the hull of the rectangles
  int64_t volume = 0;      // their summed volume: equal to the hull's when they tile it
  bool sorted = true;      // lo[0] and hi[0] never decrease along `records` (binary search works)
  std::vector<std::pair<Rect, std::shared_ptr<Node>>> records;
};

// A rectangle whose newest values a memory holds. `via` is the task whose copy brings them there,
// while it may not have run yet: whoever relies on that copy must wait for it.
struct ValidRect {
  Rect rect;
  std::shared_ptr<Node> via;
};

// A strided block of elements inside a storage: what a view or a piece of one addresses.
struct StridedBlock {
  int64_t offset = 0;            // element offset of the block's origin in the storage
  std::vector<int64_t> shape;    // extents
  std::vector<int64_t> strides;  // element strides (0 for broadcast dimensions)

  int64_t volume() const;
};

// Calls run(offset, count, stride, linear) for the block's elements in C order, the innermost
// dimension handed over as one run: its first element's offset in the storage, its length and
// stride (in elements), and the first element's index in the block's C order.
template <typename Run>
inline void for_each_run(const StridedBlock& block, Run run) {
  const size_t nd = block.shape.size();
  if (block.volume() == 0) return;
  if (nd == 0) {
    run(block.offset, int64_t{1}, int64_t{1}, int64_t{0});
    return;
  }
  const int64_t inner = block.shape[nd - 1], inner_stride = block.strides[nd - 1];
  std::vector<int64_t> index(nd, 0);
  int64_t offset = block.offset, linear = 0;
  for (;;) {
    run(offset, inner, inner_stride, linear);
    linear += inner;
    size_t d = nd - 1;
    for (;;) {
      if (d == 0) return;
      --d;
      offset += block.strides[d];
      if (++index[d] < block.shape[d]) break;
      offset -= block.strides[d] * block.shape[d];
      index[d] = 0;
    }
  }
}

// The memory behind a store and every view of it. The host instance is allocated on first use
// (from the caching allocator) or attached from the caller's buffer.
class Storage {
 public:
  Storage(uint64_t id, int32_t type_code, size_t itemsize, std::vector<int64_t> shape, CachingAllocator& allocator);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  uint64_t id() const { return id_; }
  int32_t type_code() const { return type_code_; }
  size_t itemsize() const { return itemsize_; }
  const std::vector<int64_t>& shape() const { return shape_; }
  int64_t volume() const { return volume_; }
  size_t bytes() const { return static_cast<size_t>(volume_) * itemsize_; }
  bool allocated() const;
  // The bytes the bindings told V8 this storage's handle stands for (given back at release).
  int64_t external_bytes = 0;
  // JavaScript let go of it (no handle can reach it again), and whether its collector did:
  // what a fused task writes only for itself then need not be allocated (DESIGN §5).
  std::atomic<bool> released{false};
  std::atomic<bool> collected{false};
  // Made inside a `tidy` scope that has not ended: its scope frees it, so fusion does not
  // leave it uncomputed for later (the scope's own reads, before it ends, would then compute it
  // again, or copy its inputs, where writing it once costs less).
  std::atomic<bool> scoped{false};

  // An unbound storage has no shape until the task that produces it has run.
  bool unbound() const { return unbound_.load(std::memory_order_acquire); }
  void make_unbound() { unbound_.store(true, std::memory_order_release); }
  // Gives an unbound storage its 1-D shape and memory (`data`, from the allocator, or null).
  void bind(int64_t count, char* data);

  // The host instance, allocated whole (uninitialised, as NumPy's empty) when it has no memory.
  char* data() { return instance(0); }
  // Uses `external` (bytes() long) instead of allocating; `release` runs when the storage dies.
  void attach(char* external, std::function<void()> release);
  bool attached() const { return attached_; }

  // Copies the block's elements, in C order of its shape, to `out`.
  void gather(const StridedBlock& block, char* out);
  // Copies `in` (C order of the block's shape) into the block's elements.
  void scatter(const StridedBlock& block, const char* in);
  // Sets every element of the block to `value` (itemsize bytes).
  void fill(const StridedBlock& block, const char* value);

  // The copy of the storage in memory `m`: 0 is the host memory JavaScript reads (data()); the
  // others are the CPU processors' own memories of the separate-memory mode (only the
  // rectangles a task lacks are ever copied into them). An instance holds a range of rows (of
  // dimension 0): what this rank's tasks in that memory touch, under ranks; all of them on one.
  // It is addressed through its base, as the whole storage would be: element offsets are the
  // storage's. instance() allocates all rows when the memory has none yet.
  char* instance(size_t m);
  // Whether memory m's instance holds rows [lo, hi); makes it hold them, keeping the values of
  // the rows it held (the caller makes sure that nothing pending uses that instance).
  bool covers(size_t m, int64_t lo, int64_t hi) const;
  bool has_instance(size_t m) const;
  void ensure(size_t m, int64_t lo, int64_t hi);
  int64_t rows() const { return shape_.empty() ? 1 : shape_[0]; }
  // The rows [lo, hi) a rectangle spans (all of a 0-d storage's one).
  std::pair<int64_t, int64_t> rows_of(const Rect& rect) const;
  // Memory m's base when its instance holds every row of `rect`, else null.
  char* holding(size_t m, const Rect& rect);
  // Copies the elements of `rect` (storage coordinates) from memory `from` to memory `to`.
  void copy_rect(const Rect& rect, size_t from, size_t to);
  // The elements of `rect` (clipped to the shape) in memory `m`, packed in C order of the rect,
  // for a message to another rank; and the reverse, on the receiving side.
  size_t rect_bytes(const Rect& rect) const;
  void pack_rect(const Rect& rect, size_t m, char* out);
  void unpack_rect(const Rect& rect, size_t m, const char* in);

  // The engine's bookkeeping, touched only by the thread that issues launches: the accesses
  // issued so far, and per memory the rectangles whose newest values it holds.
  std::vector<AccessGroup> history;
  std::vector<std::vector<ValidRect>> valid;
  // While only the host memory has ever held the storage's values, none of this is tracked.
  bool host_only = true;
  std::mutex poison_mutex;
  std::vector<std::pair<Rect, std::shared_ptr<TaskError>>> poison;  // rectangles a failed task left invalid
  std::mutex fold_mutex;  // reductions into this storage fold one at a time

 private:
  StridedBlock rect_block(const Rect& rect) const;
  // Allocates bytes() from `allocator` and hands the block to `assign`; an OutOfMemory is given
  // this storage's shape and type before it propagates.
  template <typename F>
  char* allocate_for(CachingAllocator& allocator, size_t bytes, F&& assign);

  struct Instance {
    char* block = nullptr;  // the allocation: rows [lo, hi)
    CachingAllocator* allocator = nullptr;  // null when attached from the caller's buffer
    int64_t lo = 0, hi = 0;
  };
  size_t row_bytes() const;
  char* base_of(const Instance& in) const;
  bool covers_locked(size_t m, int64_t lo, int64_t hi) const;
  void ensure_locked(size_t m, int64_t lo, int64_t hi);

  uint64_t id_;
  int32_t type_code_;
  size_t itemsize_;
  std::vector<int64_t> shape_;
  int64_t volume_;
  CachingAllocator& allocator_;
  std::function<void()> release_;  // set when attached
  bool attached_ = false;
  // Per memory, 0 the host's. Worker threads reach other memories' instances while the issuing
  // thread adds one, so the list (and each element) is read and changed under the lock.
  mutable std::mutex instances_mutex_;
  std::vector<Instance> instances_{1};
  std::atomic<bool> unbound_{false};
};

// Every live storage of the process, by id. Ids are never reused, so a stale id fails cleanly.
class StorageTable {
 public:
  explicit StorageTable(CachingAllocator& allocator) : allocator_(allocator) {}
  std::shared_ptr<Storage> create(int32_t type_code, size_t itemsize, std::vector<int64_t> shape);
  std::shared_ptr<Storage> find(uint64_t id) const;  // null when released
  // `collected`: the garbage collector found it unreachable (not an explicit dispose).
  void release(uint64_t id, bool collected = false);
  size_t live() const;

 private:
  CachingAllocator& allocator_;
  mutable std::mutex mutex_;
  std::unordered_map<uint64_t, std::shared_ptr<Storage>> storages_;
  uint64_t next_id_ = 1;
};

}  // namespace legate
