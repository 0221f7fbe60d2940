// N-API functions over storages: create, attach, release, and the host data paths (gather,
// scatter, fill) that reads, writes and fills of a store's view go through.
#include "storage_bindings.h"

#include <algorithm>
#include <climits>
#include <string>
#include <type_traits>
#include <vector>

#include "engine.h"
#include "napi_guard.h"
#include "runtime_state.h"

namespace legate {

namespace {

// `name` is a C string: these run several times per call, and a std::string parameter would
// build one from the literal every time.
int64_t integer(const Napi::Value& v, const char* name) {
  if (!v.IsNumber()) throw Napi::TypeError::New(v.Env(), std::string(name) + ": expected a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (d != static_cast<double>(static_cast<int64_t>(d))) throw Napi::TypeError::New(v.Env(), std::string(name) + ": expected an integer");
  return static_cast<int64_t>(d);
}

std::vector<int64_t> integers(const Napi::Value& v, const char* name) {
  if (!v.IsArray()) throw Napi::TypeError::New(v.Env(), std::string(name) + ": expected an array of integers");
  Napi::Array a = v.As<Napi::Array>();
  const uint32_t n = a.Length();
  std::vector<int64_t> out(n);
  for (uint32_t i = 0; i < n; ++i) out[i] = integer(a.Get(i), name);
  return out;
}

std::shared_ptr<Storage> storage_arg(const Napi::Value& v) {
  auto storage = RuntimeState::instance().storages.find(static_cast<uint64_t>(integer(v, "storage")));
  if (!storage) throw Napi::Error::New(v.Env(), "storage: it was released");
  return storage;
}

// (storage, offset, shape, strides) -> the block, checked to lie inside the storage.
StridedBlock block_arg(const Napi::CallbackInfo& info, const Storage& storage, size_t first) {
  StridedBlock block{integer(info[first], "offset"), integers(info[first + 1], "shape"), integers(info[first + 2], "strides")};
  if (block.shape.size() != block.strides.size()) throw Napi::RangeError::New(info.Env(), "strides: one per dimension");
  if (block.volume() > 0) {
    int64_t lo = block.offset, hi = block.offset;
    for (size_t d = 0; d < block.shape.size(); ++d) {
      if (block.shape[d] < 0) throw Napi::RangeError::New(info.Env(), "shape: negative extent");
      int64_t reach = block.strides[d] * (block.shape[d] - 1);
      (reach < 0 ? lo : hi) += reach;
    }
    if (lo < 0 || hi >= storage.volume()) {
      throw Napi::RangeError::New(info.Env(), "block: outside the storage's " + std::to_string(storage.volume()) + " elements");
    }
  }
  return block;
}

// (lo[], hi[]) at `first`: the storage box a view touches, for coherence with the other memories.
Rect bounds_arg(const Napi::CallbackInfo& info, size_t first) {
  auto lo = integers(info[first], "lo"), hi = integers(info[first + 1], "hi");
  if (lo.size() != hi.size() || lo.size() > LEGATE_MAX_DIM) throw Napi::RangeError::New(info.Env(), "bounds: bad box");
  Rect r;
  r.ndim = static_cast<int32_t>(lo.size());
  for (int32_t d = 0; d < r.ndim; ++d) {
    r.lo[d] = lo[static_cast<size_t>(d)];
    r.hi[d] = hi[static_cast<size_t>(d)];
  }
  return r;
}

size_t checked_itemsize(const Napi::Value& v) {
  int64_t itemsize = integer(v, "itemsize");
  if (itemsize < 1 || itemsize > 16) throw Napi::RangeError::New(v.Env(), "itemsize: expected 1 to 16");
  return static_cast<size_t>(itemsize);
}

// A write from JavaScript lands in the host memory: the box's values elsewhere are stale after
// it. A view with gaps keeps the values between its elements, so those are fetched first.
void acquire_for_write(const Napi::CallbackInfo& info, const std::shared_ptr<Storage>& storage, size_t first) {
  Rect box = bounds_arg(info, first);
  engine().settle_host(storage, box, true);  // what fusion left uncomputed and needs it, or it, first
  engine().ensure_host(storage, box);
  if (!info[first + 2].ToBoolean().Value()) engine().acquire_host(storage, box, false);
  engine().note_write(*storage, box, engine().global_memory(engine().rank(), 0), true);  // on every rank alike
}

// Tells V8 how much memory the storages' handles stand for, so garbage collection frees stores
// promptly: in steps of at least 1 MiB (a call per small storage costs as much as its launch).
int64_t external_pending = 0;
void adjust_external(Napi::Env env, int64_t delta) {
  external_pending += delta;
  if (external_pending >= (int64_t{1} << 20) || external_pending <= -(int64_t{1} << 20)) {
    Napi::MemoryManagement::AdjustExternalMemory(env, external_pending);
    external_pending = 0;
  }
}

// createStorage(typeCode, itemsize, shape) -> id
Napi::Value CreateStorage(const Napi::CallbackInfo& info) {
  auto shape = integers(info[2], "shape");
  for (int64_t e : shape) {
    if (e < 0) throw Napi::RangeError::New(info.Env(), "shape: negative extent");
  }
  auto storage = RuntimeState::instance().storages.create(static_cast<int32_t>(integer(info[0], "typeCode")),
                                                          checked_itemsize(info[1]), std::move(shape));
  storage->external_bytes = static_cast<int64_t>(storage->bytes());
  adjust_external(info.Env(), storage->external_bytes);
  // A fourth argument true: made inside a `tidy` scope, which frees it when it ends.
  if (info[3].IsBoolean() && info[3].As<Napi::Boolean>().Value()) storage->scoped.store(true, std::memory_order_relaxed);
  return Napi::Number::New(info.Env(), static_cast<double>(storage->id()));
}

// unscopeStorage(id): a scoped storage outlives its scope (tidy returned or kept it).
Napi::Value UnscopeStorage(const Napi::CallbackInfo& info) {
  if (auto storage = RuntimeState::instance().storages.find(static_cast<uint64_t>(integer(info[0], "storage")))) {
    storage->scoped.store(false, std::memory_order_relaxed);
  }
  return info.Env().Undefined();
}

// createUnboundStorage(typeCode, itemsize) -> id of a 1-D storage whose size a task will decide
Napi::Value CreateUnboundStorage(const Napi::CallbackInfo& info) {
  auto storage = RuntimeState::instance().storages.create(static_cast<int32_t>(integer(info[0], "typeCode")),
                                                          checked_itemsize(info[1]), {});
  storage->make_unbound();
  return Napi::Number::New(info.Env(), static_cast<double>(storage->id()));
}

// storageShape(id) -> the shape, or null while the storage is unbound
Napi::Value StorageShape(const Napi::CallbackInfo& info) {
  auto storage = storage_arg(info[0]);
  if (storage->unbound()) return info.Env().Null();
  const auto& shape = storage->shape();
  Napi::Array out = Napi::Array::New(info.Env(), shape.size());
  for (size_t d = 0; d < shape.size(); ++d) out.Set(static_cast<uint32_t>(d), static_cast<double>(shape[d]));
  return out;
}

// attachStorage(typeCode, itemsize, shape, typedArray) -> id; the caller keeps the buffer alive.
Napi::Value AttachStorage(const Napi::CallbackInfo& info) {
  auto shape = integers(info[2], "shape");
  if (!info[3].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "array: expected a typed array");
  Napi::TypedArray array = info[3].As<Napi::TypedArray>();
  auto storage = RuntimeState::instance().storages.create(static_cast<int32_t>(integer(info[0], "typeCode")),
                                                          checked_itemsize(info[1]), std::move(shape));
  if (array.ByteLength() != storage->bytes()) {
    RuntimeState::instance().storages.release(storage->id());
    throw Napi::RangeError::New(info.Env(), "array: its byte length does not match the shape");
  }
  char* data = static_cast<char*>(array.ArrayBuffer().Data()) + array.ByteOffset();
  storage->attach(data, [] {});
  Rect all;
  all.ndim = static_cast<int32_t>(storage->shape().size());
  for (int32_t d = 0; d < all.ndim; ++d) all.hi[d] = storage->shape()[static_cast<size_t>(d)];
  engine().note_write(*storage, all, engine().global_memory(engine().rank(), 0), true);  // the caller's values, in the host memory
  return Napi::Number::New(info.Env(), static_cast<double>(storage->id()));
}

Napi::Value ReleaseStorage(const Napi::CallbackInfo& info) {
  uint64_t id = static_cast<uint64_t>(integer(info[0], "storage"));
  if (auto storage = RuntimeState::instance().storages.find(id)) {
    if (storage->external_bytes != 0) adjust_external(info.Env(), -storage->external_bytes);
    engine().forget(*storage);  // what fusion left uncomputed is never needed now
  }
  // A second argument true: the collector found it (the choice of what fusion elides then
  // depends on the collector's timing, which under ranks it must not).
  RuntimeState::instance().storages.release(id, info.Length() > 1 && info[1].ToBoolean().Value());
  return info.Env().Undefined();
}

// gather(id, offset, shape, strides, lo, hi) -> ArrayBuffer with the block's elements in C order
// Makes `box` of the storage current in the host memory for a read. Under ranks the values may
// come from a rank whose task failed: its error, as a wait's.
void acquire_for_read(const Napi::CallbackInfo& info, const std::shared_ptr<Storage>& storage, const Rect& box) {
  engine().settle_host(storage, box, false);  // computed now, if fusion left it uncomputed
  engine().acquire_host(storage, box, false);
  if (engine().ranks() > 1) {
    if (auto failure = engine().poison_of(*storage, box)) {
      Napi::Error error = Napi::Error::New(info.Env(), failure->message);
      error.Set("code", Napi::String::New(info.Env(), "LEGATE_TASK_FAILED"));
      error.Set("task", Napi::String::New(info.Env(), failure->task));
      error.Set("launch", Napi::Number::New(info.Env(), static_cast<double>(failure->launch)));
      throw error;
    }
  }
}

Napi::Value Gather(const Napi::CallbackInfo& info) {
  auto storage = storage_arg(info[0]);
  StridedBlock block = block_arg(info, *storage, 1);
  const Rect box = bounds_arg(info, 4);
  acquire_for_read(info, storage, box);
  const size_t bytes = static_cast<size_t>(block.volume()) * storage->itemsize();
  // Into the caller's bytes (a few elements, without a new buffer), or a new ArrayBuffer.
  if (info[6].IsTypedArray()) {
    Napi::TypedArray into = info[6].As<Napi::TypedArray>();
    if (into.ByteLength() < bytes) throw Napi::RangeError::New(info.Env(), "into: too short for the block");
    storage->gather(block, static_cast<char*>(into.ArrayBuffer().Data()) + into.ByteOffset());
    return Napi::Number::New(info.Env(), static_cast<double>(bytes));
  }
  Napi::ArrayBuffer out = Napi::ArrayBuffer::New(info.Env(), bytes);
  storage->gather(block, static_cast<char*>(out.Data()));
  return out;
}

Napi::Value ImageBounds(const Napi::CallbackInfo& info) {
  auto storage = storage_arg(info[0]);
  StridedBlock block = block_arg(info, *storage, 1);
  const Rect box = bounds_arg(info, 4);
  const bool range = info[6].ToBoolean().Value();
  const int64_t extent = static_cast<int64_t>(info[7].As<Napi::Number>().Int64Value());
  acquire_for_read(info, storage, box);
  // Read in place, run by run (a range source's runs are its [lo, hi) pairs), never copied.
  int64_t lo = INT64_MAX, hi = INT64_MIN, bad_lo = -1, bad_hi = -1;
  const auto scan = [&](auto zero) {
    using T = decltype(zero);
    const T* base = reinterpret_cast<const T*>(storage->data());
    const auto visit = [&](T x, T y) {
      const int64_t a = static_cast<int64_t>(x);
      const int64_t b = range ? static_cast<int64_t>(y) : a + 1;
      if (b <= a) return true;  // an empty range selects nothing
      if (a < 0 || b > extent || (std::is_unsigned_v<T> && (x > static_cast<T>(INT64_MAX) || y > static_cast<T>(INT64_MAX)))) {
        bad_lo = a;
        bad_hi = b;
        return false;
      }
      lo = std::min(lo, a);
      hi = std::max(hi, b);
      return true;
    };
    bool ok = true;
    const size_t nd = block.shape.size();
    if constexpr (std::is_signed_v<T>) {
      if (range && nd == 2 && block.shape[1] == 2) {
        // The usual source, a (rows, 2) window over row pointers: one plain loop for the hull,
        // and the pairs visited in order only where some lie outside the target.
        const T* v = base + block.offset;
        const int64_t s0 = block.strides[0], s1 = block.strides[1], n = block.shape[0];
        int64_t a_min = INT64_MAX, b_max = INT64_MIN;
        for (int64_t i = 0; i < n; ++i) {
          const int64_t a = v[i * s0], b = v[i * s0 + s1];
          if (b > a) {
            a_min = a < a_min ? a : a_min;
            b_max = b > b_max ? b : b_max;
          }
        }
        if (a_min >= 0 && b_max <= extent) {
          lo = a_min;
          hi = b_max;
        } else {
          for (int64_t i = 0; i < n && ok; ++i) ok = visit(v[i * s0], v[i * s0 + s1]);
        }
        return;
      }
    }
    for_each_run(block, [&](int64_t offset, int64_t count, int64_t stride, int64_t) {
      const T* v = base + offset;
      if (range) {
        if (ok && count >= 2) ok = visit(v[0], v[stride]);
      } else {
        for (int64_t k = 0; k < count && ok; ++k) ok = visit(v[k * stride], v[k * stride]);
      }
    });
  };
  switch (storage->type_code()) {
    case LEGATE_INT8: scan(int8_t{}); break;
    case LEGATE_INT16: scan(int16_t{}); break;
    case LEGATE_INT32: scan(int32_t{}); break;
    case LEGATE_INT64: scan(int64_t{}); break;
    case LEGATE_UINT8: scan(uint8_t{}); break;
    case LEGATE_UINT16: scan(uint16_t{}); break;
    case LEGATE_UINT32: scan(uint32_t{}); break;
    case LEGATE_UINT64: scan(uint64_t{}); break;
    default: throw Napi::TypeError::New(info.Env(), "image: the source must hold integers");
  }
  Napi::Array out = Napi::Array::New(info.Env(), 4);
  const bool empty = lo > hi;
  out.Set(0u, Napi::Number::New(info.Env(), empty ? 0.0 : static_cast<double>(lo)));
  out.Set(1u, Napi::Number::New(info.Env(), empty ? 0.0 : static_cast<double>(hi)));
  out.Set(2u, Napi::Number::New(info.Env(), static_cast<double>(bad_lo)));
  out.Set(3u, Napi::Number::New(info.Env(), static_cast<double>(bad_hi)));
  return out;
}

// scatter(id, offset, shape, strides, typedArray, lo, hi, dense)
Napi::Value Scatter(const Napi::CallbackInfo& info) {
  auto storage = storage_arg(info[0]);
  StridedBlock block = block_arg(info, *storage, 1);
  acquire_for_write(info, storage, 5);
  if (!info[4].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "values: expected a typed array");
  Napi::TypedArray values = info[4].As<Napi::TypedArray>();
  if (values.ByteLength() != static_cast<size_t>(block.volume()) * storage->itemsize()) {
    throw Napi::RangeError::New(info.Env(), "values: its byte length does not match the block");
  }
  storage->scatter(block, static_cast<const char*>(values.ArrayBuffer().Data()) + values.ByteOffset());
  return info.Env().Undefined();
}

// fill(id, offset, shape, strides, valueBytes, lo, hi, dense)
Napi::Value Fill(const Napi::CallbackInfo& info) {
  auto storage = storage_arg(info[0]);
  StridedBlock block = block_arg(info, *storage, 1);
  acquire_for_write(info, storage, 5);
  if (!info[4].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "value: expected the scalar's bytes");
  Napi::TypedArray value = info[4].As<Napi::TypedArray>();
  if (value.ByteLength() != storage->itemsize()) throw Napi::RangeError::New(info.Env(), "value: one element's bytes");
  storage->fill(block, static_cast<const char*>(value.ArrayBuffer().Data()) + value.ByteOffset());
  return info.Env().Undefined();
}

Napi::Value MemoryStatsOf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto all = RuntimeState::instance().memory_stats();
  Napi::Array out = Napi::Array::New(env, all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& stats = all[i];
    Napi::Object s = Napi::Object::New(env);
    s.Set("memory", stats.memory);
    s.Set("bytesInUse", static_cast<double>(stats.bytes_in_use));
    s.Set("bytesCached", static_cast<double>(stats.bytes_cached));
    s.Set("peakBytesInUse", static_cast<double>(stats.peak_bytes_in_use));
    s.Set("allocations", static_cast<double>(stats.allocations));
    s.Set("cacheHits", static_cast<double>(stats.cache_hits));
    s.Set("liveStorages", static_cast<double>(RuntimeState::instance().storages.live()));
    out.Set(static_cast<uint32_t>(i), s);
  }
  return out;
}

Napi::Value TrimCache(const Napi::CallbackInfo& info) {
  RuntimeState::instance().trim_all();
  return info.Env().Undefined();
}

Napi::Value ResetPeakMemory(const Napi::CallbackInfo& info) {
  RuntimeState::instance().reset_peaks();
  return info.Env().Undefined();
}

}  // namespace

void export_storage_functions(Napi::Env env, Napi::Object exports) {
  exports.Set("createStorage", Napi::Function::New(env, guarded<CreateStorage>, "createStorage"));
  exports.Set("attachStorage", Napi::Function::New(env, guarded<AttachStorage>, "attachStorage"));
  exports.Set("createUnboundStorage", Napi::Function::New(env, guarded<CreateUnboundStorage>, "createUnboundStorage"));
  exports.Set("storageShape", Napi::Function::New(env, guarded<StorageShape>, "storageShape"));
  exports.Set("unscopeStorage", Napi::Function::New(env, guarded<UnscopeStorage>, "unscopeStorage"));
  exports.Set("releaseStorage", Napi::Function::New(env, guarded<ReleaseStorage>, "releaseStorage"));
  exports.Set("gather", Napi::Function::New(env, flushing<Gather>, "gather"));
  exports.Set("imageBounds", Napi::Function::New(env, flushing<ImageBounds>, "imageBounds"));
  exports.Set("scatter", Napi::Function::New(env, flushing<Scatter>, "scatter"));
  exports.Set("fill", Napi::Function::New(env, flushing<Fill>, "fill"));
  exports.Set("memoryStats", Napi::Function::New(env, flushing<MemoryStatsOf>, "memoryStats"));
  exports.Set("trimCache", Napi::Function::New(env, flushing<TrimCache>, "trimCache"));
  exports.Set("resetPeakMemory", Napi::Function::New(env, flushing<ResetPeakMemory>, "resetPeakMemory"));
}

}  // namespace legate
