#include "storage.h"

#include "runtime_state.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace legate {

int64_t StridedBlock::volume() const {
  int64_t v = 1;
  for (int64_t e : shape) v *= e;
  return v;
}

Storage::Storage(uint64_t id, int32_t type_code, size_t itemsize, std::vector<int64_t> shape,
                 CachingAllocator& allocator)
    : id_(id), type_code_(type_code), itemsize_(itemsize), shape_(std::move(shape)), volume_(1), allocator_(allocator) {
  // Sizes whose bytes do not fit in an int64 are refused here (NumPy: "array is too big").
  const int64_t limit = std::numeric_limits<int64_t>::max() / static_cast<int64_t>(std::max<size_t>(1, itemsize_));
  bool empty = false;
  int64_t volume = 1;
  for (int64_t e : shape_) {
    if (e < 0) throw std::length_error("shape: negative extent");
    if (e == 0) empty = true;
  }
  for (int64_t e : shape_) {
    if (empty) break;
    if (volume > limit / e) throw std::length_error("array is too big: its size times the item size does not fit in 64 bits");
    volume *= e;
  }
  volume_ = empty ? 0 : volume;
}

template <typename F>
char* Storage::allocate_for(CachingAllocator& allocator, size_t bytes, F&& assign) {
  try {
    char* p = static_cast<char*>(allocator.allocate(bytes));
    assign(p);
    return p;
  } catch (OutOfMemory& e) {
    e.set_storage(shape_, type_code_);
    throw;
  }
}

Storage::~Storage() {
  for (size_t m = 0; m < instances_.size(); ++m) {
    auto& in = instances_[m];
    if (in.block != nullptr && in.allocator != nullptr) in.allocator->deallocate(in.block, static_cast<size_t>(in.hi - in.lo) * row_bytes());
  }
  if (release_) release_();
}

size_t Storage::row_bytes() const {
  const int64_t r = rows();
  return r > 0 && !shape_.empty() ? static_cast<size_t>(volume_ / r) * itemsize_ : static_cast<size_t>(volume_) * itemsize_;
}

char* Storage::base_of(const Instance& in) const {
  // The address row 0 would have: offsets of the storage's elements index from it.
  return reinterpret_cast<char*>(reinterpret_cast<uintptr_t>(in.block) - static_cast<uintptr_t>(in.lo) * row_bytes());
}

char* Storage::instance(size_t m) {
  std::lock_guard<std::mutex> lock(instances_mutex_);
  if (instances_.size() <= m) instances_.resize(m + 1);
  if (instances_[m].block == nullptr && volume_ > 0) ensure_locked(m, 0, rows());
  return instances_[m].block == nullptr ? nullptr : base_of(instances_[m]);
}

bool Storage::covers(size_t m, int64_t lo, int64_t hi) const {
  std::lock_guard<std::mutex> lock(instances_mutex_);
  return covers_locked(m, lo, hi);
}

bool Storage::covers_locked(size_t m, int64_t lo, int64_t hi) const {
  if (volume_ == 0 || lo >= hi) return true;
  if (m >= instances_.size() || instances_[m].block == nullptr) return false;
  return instances_[m].lo <= lo && hi <= instances_[m].hi;
}

bool Storage::has_instance(size_t m) const {
  std::lock_guard<std::mutex> lock(instances_mutex_);
  return m < instances_.size() && instances_[m].block != nullptr;
}

bool Storage::allocated() const {
  std::lock_guard<std::mutex> lock(instances_mutex_);
  return instances_[0].block != nullptr || volume_ == 0;
}

void Storage::ensure(size_t m, int64_t lo, int64_t hi) {
  std::lock_guard<std::mutex> lock(instances_mutex_);
  ensure_locked(m, lo, hi);
}

void Storage::ensure_locked(size_t m, int64_t lo, int64_t hi) {
  lo = std::max<int64_t>(0, lo);
  hi = std::min(rows(), hi);
  if (volume_ == 0 || lo >= hi || covers_locked(m, lo, hi)) return;
  // Another thread may be reading another memory's instance (a task's copy, a fold): the list
  // grows under the lock, and elements are reached through it.
  if (instances_.size() <= m) instances_.resize(m + 1);
  Instance& in = instances_[m];
  if (in.block != nullptr && in.allocator == nullptr) throw std::logic_error("storage: an attached buffer cannot grow");
  const int64_t nlo = in.block ? std::min(lo, in.lo) : lo, nhi = in.block ? std::max(hi, in.hi) : hi;
  CachingAllocator& a = m == 0 ? allocator_ : RuntimeState::instance().allocator_for(m);
  Instance next{nullptr, &a, nlo, nhi};
  allocate_for(a, static_cast<size_t>(nhi - nlo) * row_bytes(), [&](char* p) { next.block = p; });
  if (in.block != nullptr) {
    std::memcpy(next.block + static_cast<size_t>(in.lo - nlo) * row_bytes(), in.block, static_cast<size_t>(in.hi - in.lo) * row_bytes());
    in.allocator->deallocate(in.block, static_cast<size_t>(in.hi - in.lo) * row_bytes());
  }
  in = next;
}

StridedBlock Storage::rect_block(const Rect& rect) const {
  StridedBlock block;
  int64_t stride = 1;
  block.shape.resize(shape_.size());
  block.strides.resize(shape_.size());
  for (size_t d = shape_.size(); d-- > 0;) {
    block.strides[d] = stride;
    block.shape[d] = std::max<int64_t>(0, std::min(rect.hi[d], shape_[d]) - rect.lo[d]);
    block.offset += rect.lo[d] * stride;
    stride *= shape_[d];
  }
  return block;
}

size_t Storage::rect_bytes(const Rect& rect) const {
  if (rect.empty()) return 0;
  return static_cast<size_t>(rect_block(rect).volume()) * itemsize_;
}

std::pair<int64_t, int64_t> Storage::rows_of(const Rect& rect) const {
  if (rect.ndim == 0) return {0, rows()};
  return {std::max<int64_t>(0, rect.lo[0]), std::min(rows(), rect.hi[0])};
}

char* Storage::holding(size_t m, const Rect& rect) {
  auto [lo, hi] = rows_of(rect);
  std::lock_guard<std::mutex> lock(instances_mutex_);
  if (!covers_locked(m, lo, hi)) return nullptr;
  return m < instances_.size() && instances_[m].block ? base_of(instances_[m]) : nullptr;
}

void Storage::copy_rect(const Rect& rect, size_t from, size_t to) {
  if (rect.empty()) return;
  const StridedBlock block = rect_block(rect);
  if (block.volume() == 0) return;
  // A source without the rows never held values there (nothing wrote them): nothing to copy.
  const char* src = holding(from, rect);
  if (src == nullptr) return;
  char* dst = holding(to, rect);
  if (dst == nullptr) throw std::logic_error("storage: a copy into memory that does not hold its rows");
  const size_t w = itemsize_;
  for_each_run(block, [&](int64_t offset, int64_t count, int64_t, int64_t) {
    std::memcpy(dst + offset * static_cast<int64_t>(w), src + offset * static_cast<int64_t>(w), static_cast<size_t>(count) * w);
  });
}

void Storage::pack_rect(const Rect& rect, size_t m, char* out) {
  if (rect.empty()) return;
  const StridedBlock block = rect_block(rect);
  if (block.volume() == 0) return;
  const char* src = holding(m, rect);
  if (src == nullptr) return;  // never written there: the receiver keeps what it has
  const size_t w = itemsize_;
  for_each_run(block, [&](int64_t offset, int64_t count, int64_t, int64_t linear) {
    std::memcpy(out + linear * static_cast<int64_t>(w), src + offset * static_cast<int64_t>(w), static_cast<size_t>(count) * w);
  });
}

void Storage::unpack_rect(const Rect& rect, size_t m, const char* in) {
  if (rect.empty()) return;
  const StridedBlock block = rect_block(rect);
  if (block.volume() == 0) return;
  char* dst = holding(m, rect);
  if (dst == nullptr) throw std::logic_error("storage: a message into memory that does not hold its rows");
  const size_t w = itemsize_;
  for_each_run(block, [&](int64_t offset, int64_t count, int64_t, int64_t linear) {
    std::memcpy(dst + offset * static_cast<int64_t>(w), in + linear * static_cast<int64_t>(w), static_cast<size_t>(count) * w);
  });
}

void Storage::bind(int64_t count, char* data) {
  shape_ = {count};
  volume_ = count;
  std::lock_guard<std::mutex> lock(instances_mutex_);
  instances_[0] = Instance{data, data ? &allocator_ : nullptr, 0, count};
  unbound_.store(false, std::memory_order_release);
}

void Storage::attach(char* external, std::function<void()> release) {
  std::lock_guard<std::mutex> lock(instances_mutex_);
  if (instances_[0].block != nullptr) throw std::logic_error("attach: the storage already has memory");
  instances_[0] = Instance{external, nullptr, 0, rows()};
  release_ = std::move(release);
  attached_ = true;
}

void Storage::gather(const StridedBlock& block, char* out) {
  const char* base = data();
  const size_t w = itemsize_;
  for_each_run(block, [&](int64_t offset, int64_t count, int64_t stride, int64_t linear) {
    char* dst = out + linear * w;
    const char* src = base + offset * static_cast<int64_t>(w);
    if (stride == 1) {
      std::memcpy(dst, src, count * w);
    } else {
      for (int64_t i = 0; i < count; ++i) std::memcpy(dst + i * w, src + i * stride * static_cast<int64_t>(w), w);
    }
  });
}

void Storage::scatter(const StridedBlock& block, const char* in) {
  char* base = data();
  const size_t w = itemsize_;
  for_each_run(block, [&](int64_t offset, int64_t count, int64_t stride, int64_t linear) {
    const char* src = in + linear * w;
    char* dst = base + offset * static_cast<int64_t>(w);
    if (stride == 1) {
      std::memmove(dst, src, count * w);
    } else {
      for (int64_t i = 0; i < count; ++i) std::memcpy(dst + i * stride * static_cast<int64_t>(w), src + i * w, w);
    }
  });
}

namespace {

// `count` elements of `w` bytes from `dst`, `stride` elements apart, set to `value`: as words of
// the element's width (a memcpy call per element would cost more than the store itself).
template <typename Word>
void fill_words(char* dst, int64_t count, int64_t stride, const char* value) {
  Word v;
  std::memcpy(&v, value, sizeof v);
  Word* out = reinterpret_cast<Word*>(dst);
  if (stride == 1) {
    std::fill(out, out + count, v);
  } else {
    for (int64_t i = 0; i < count; ++i) out[i * stride] = v;
  }
}

struct Word16 {
  uint64_t a, b;
};

void fill_run(char* dst, int64_t count, int64_t stride, const char* value, size_t w) {
  // Elements are aligned to their width in the allocator's blocks, so word access is aligned.
  switch (w) {
    case 1: return fill_words<uint8_t>(dst, count, stride, value);
    case 2: return fill_words<uint16_t>(dst, count, stride, value);
    case 4: return fill_words<uint32_t>(dst, count, stride, value);
    case 8: return fill_words<uint64_t>(dst, count, stride, value);
    case 16: return fill_words<Word16>(dst, count, stride, value);
    default:
      for (int64_t i = 0; i < count; ++i) std::memcpy(dst + i * stride * static_cast<int64_t>(w), value, w);
  }
}

}  // namespace

void Storage::fill(const StridedBlock& block, const char* value) {
  char* base = data();
  const size_t w = itemsize_;
  bool zero = true;
  for (size_t i = 0; i < w; ++i) zero = zero && value[i] == 0;
  for_each_run(block, [&](int64_t offset, int64_t count, int64_t stride, int64_t) {
    char* dst = base + offset * static_cast<int64_t>(w);
    if (stride == 1 && zero) {
      std::memset(dst, 0, count * w);
    } else {
      fill_run(dst, count, stride, value, w);
    }
  });
}

std::shared_ptr<Storage> StorageTable::create(int32_t type_code, size_t itemsize, std::vector<int64_t> shape) {
  std::lock_guard<std::mutex> lock(mutex_);
  uint64_t id = next_id_++;
  auto storage = std::make_shared<Storage>(id, type_code, itemsize, std::move(shape), allocator_);
  storages_.emplace(id, storage);
  return storage;
}

std::shared_ptr<Storage> StorageTable::find(uint64_t id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = storages_.find(id);
  return it == storages_.end() ? nullptr : it->second;
}

void StorageTable::release(uint64_t id, bool collected) {
  std::shared_ptr<Storage> dying;  // destroyed outside the lock: its release may call back
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = storages_.find(id);
    if (it == storages_.end()) return;
    dying = std::move(it->second);
    storages_.erase(it);
  }
  dying->collected.store(collected, std::memory_order_relaxed);
  dying->released.store(true, std::memory_order_release);
}

size_t StorageTable::live() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return storages_.size();
}

}  // namespace legate
