// Unit tests of core's native pieces that need no JavaScript. Prints one line per test and a
// closing "N passed, N failed" line; exits non-zero on any failure.
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>
#include <chrono>
#include <thread>

#include "allocator.h"
#include "bandwidth.h"
#include "engine.h"
#include "runtime_state.h"
#include "storage.h"
#include "registry.h"

namespace {

int passed = 0, failed = 0;

void check(bool ok, const char* test, const char* what) {
  if (!ok) {
    std::printf("  FAIL %s: %s\n", test, what);
    ++failed;
  }
}

void run(const char* name, const std::function<bool()>& body) {
  int before = failed;
  bool ok = body();
  if (!ok) check(false, name, "returned false");
  if (failed == before) {
    ++passed;
    std::printf("  ok   %s\n", name);
  }
}

// Test tasks over 1-D float64 pieces.
void iota_task(legate_task_context* ctx) {
  const auto& out = ctx->outputs[0];
  auto* d = static_cast<double*>(out.data);
  for (int64_t i = 0; i < out.shape[0]; ++i) d[i * out.strides[0]] = static_cast<double>(out.offset[0] + i);
}

void slow_fill_task(legate_task_context* ctx) {
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const auto& out = ctx->outputs[0];
  double value = *static_cast<const double*>(ctx->scalars[0]);
  for (int64_t i = 0; i < out.shape[0]; ++i) static_cast<double*>(out.data)[i * out.strides[0]] = value;
}

void copy_task(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  for (int64_t i = 0; i < out.shape[0]; ++i) {
    static_cast<double*>(out.data)[i * out.strides[0]] = static_cast<const double*>(in.data)[i * in.strides[0]];
  }
}

void sum_task(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  double s = 0;
  for (int64_t i = 0; i < in.shape[0]; ++i) s += static_cast<const double*>(in.data)[i * in.strides[0]];
  *static_cast<double*>(ctx->reductions[0].data) += s;
}

void fail_task(legate_task_context* ctx) { legate::core_api()->task_fail(ctx, "deliberate failure"); }

// outputs[0] = inputs[0] + 1, for an in-place update whose output comes first.
void increment_task(legate_task_context* ctx) {
  const auto& in = ctx->inputs[0];
  const auto& out = ctx->outputs[0];
  for (int64_t i = 0; i < out.shape[0]; ++i) {
    static_cast<double*>(out.data)[i * out.strides[0]] = static_cast<const double*>(in.data)[i * in.strides[0]] + 1;
  }
}

legate::ArgumentDesc argument(std::shared_ptr<legate::Storage> storage, int32_t privilege, int64_t tile,
                              int32_t redop = LEGATE_REDOP_NONE) {
  legate::ArgumentDesc a;
  a.privilege = privilege;
  a.redop = redop;
  a.ndim = static_cast<int32_t>(storage->shape().size());
  for (int32_t d = 0; d < a.ndim; ++d) {
    a.shape[d] = storage->shape()[d];
    a.matrix[d][d] = 1;
    if (tile > 0) a.partition[d] = legate::DimPartition{0, tile, 0, 0, 0};
  }
  a.storage = std::move(storage);
  return a;
}

legate::LaunchDesc launch_of(int32_t lib, int32_t task, int64_t points) {
  legate::LaunchDesc d;
  d.library = lib;
  d.task = task;
  d.ndim = 1;
  d.shape[0] = points;
  return d;
}

}  // namespace

int main() {
  run("abi table reports its version and size", [] {
    const legate_core_api* api = legate::core_api();
    check(api->abi_version == LEGATE_CORE_ABI_VERSION, "abi", "abi_version");
    check(api->size == sizeof(legate_core_api), "abi", "size");
    return std::strcmp(api->core_version(), LEGATE_CORE_VERSION) == 0;
  });
  run("register_library copies features, is idempotent per owner and rejects other owners", [] {
    const legate_core_api* api = legate::core_api();
    static const char owner = 0, other = 0;
    std::string name = "unit-test-lib", detail = "found";
    legate_feature f{"blas", 1, detail.c_str()};
    int32_t id = api->register_library(name.c_str(), &owner, &f, 1);
    detail = "overwritten";  // the registry must hold its own copy
    check(id >= 0, "register", "id");
    check(api->register_library("unit-test-lib", &owner, nullptr, 0) == id, "register", "same owner got a new id");
    check(api->register_library("unit-test-lib", &other, nullptr, 0) == -1, "register", "other owner accepted");
    check(api->register_library("", &owner, nullptr, 0) == -1, "register", "empty name accepted");
    check(api->register_library("no-owner", nullptr, nullptr, 0) == -1, "register", "null owner accepted");
    auto libs = legate::LibraryRegistry::instance().snapshot();
    const auto& rec = libs.at(static_cast<size_t>(id));
    return rec.name == "unit-test-lib" && rec.features.size() == 1 && rec.features[0].detail == "found" &&
           rec.features[0].enabled;
  });
  run("bandwidth probe measures a positive rate", [] {
    legate::BandwidthResult r = legate::probe_bandwidth(1 << 20, 2, 3);
    return r.median_bytes_per_second > 0 && r.best_bytes_per_second >= r.median_bytes_per_second &&
           r.median_seconds > 0;
  });
  run("caching allocator reuses freed blocks of the same size class", [] {
    legate::CachingAllocator alloc("test", 1 << 30);
    void* a = alloc.allocate(3 << 20);
    alloc.deallocate(a, 3 << 20);
    void* b = alloc.allocate((3 << 20) - 100);  // same rounded size: served from the cache
    auto s = alloc.stats();
    check(a == b, "allocator", "block not reused");
    check(s.cache_hits == 1 && s.allocations == 2, "allocator", "hit counters");
    check(s.bytes_in_use == legate::CachingAllocator::rounded_size(3 << 20) && s.bytes_cached == 0, "allocator", "byte counters");
    check(reinterpret_cast<uintptr_t>(b) % 64 == 0, "allocator", "alignment");
    alloc.deallocate(b, (3 << 20) - 100);
    alloc.trim();
    return alloc.stats().bytes_cached == 0 && alloc.stats().peak_bytes_in_use >= (3u << 20);
  });
  run("caching allocator evicts the oldest blocks beyond its limit", [] {
    legate::CachingAllocator alloc("test", 2 << 20);
    void* a = alloc.allocate(1 << 20);
    void* b = alloc.allocate(1 << 20);
    void* c = alloc.allocate(1 << 20);
    alloc.deallocate(a, 1 << 20);
    alloc.deallocate(b, 1 << 20);
    alloc.deallocate(c, 1 << 20);  // over the limit: a, the oldest, goes back to the system
    check(alloc.stats().bytes_cached == (2u << 20), "evict", "cached bytes");
    void* d = alloc.allocate(1 << 20);
    bool warmest = d == c;  // the warmest block first
    alloc.deallocate(d, 1 << 20);
    return warmest;
  });
  run("caching allocator: small blocks come back newest first and leave oldest first, among large ones", [] {
    // A limit of 2 MiB + 8 KiB: a 1 MiB block, a 4 KiB block, another 1 MiB and another 4 KiB.
    legate::CachingAllocator alloc("test", (2 << 20) + (8 << 10));
    void* big1 = alloc.allocate(1 << 20);
    void* small1 = alloc.allocate(4000);
    void* big2 = alloc.allocate(1 << 20);
    void* small2 = alloc.allocate(4000);
    void* small3 = alloc.allocate(4096);
    alloc.deallocate(small1, 4000);
    alloc.deallocate(big1, 1 << 20);
    alloc.deallocate(small2, 4000);
    alloc.deallocate(big2, 1 << 20);
    check(alloc.stats().bytes_cached == (2u << 20) + (8u << 10), "small", "cached bytes");
    alloc.deallocate(small3, 4096);  // over the limit by 4 KiB: small1, the oldest, goes
    check(alloc.stats().bytes_cached == (2u << 20) + (8u << 10), "small", "evicted the oldest");
    void* again = alloc.allocate(4096);
    check(again == small3, "small", "the warmest small block first");
    void* next = alloc.allocate(100 * 40);
    check(next == small2, "small", "then the next warmest");
    void* fresh = alloc.allocate(4096);  // small1 went back to the system: a new block
    check(alloc.stats().cache_hits == 2, "small", "hit counters");
    alloc.deallocate(again, 4096);
    alloc.deallocate(next, 4096);
    alloc.deallocate(fresh, 4096);
    alloc.trim();
    return alloc.stats().bytes_cached == 0 && reinterpret_cast<uintptr_t>(again) % 64 == 0;
  });
  run("size classes never shrink a request and waste at most 25% of a large one", [] {
    for (size_t bytes : {size_t{1}, size_t{65}, size_t{4097}, size_t{1} << 20, (size_t{1} << 20) + 1, size_t{268435457}}) {
      size_t r = legate::CachingAllocator::rounded_size(bytes);
      if (r < bytes || (bytes > (1 << 20) && r > bytes + bytes / 4)) return false;
    }
    return true;
  });
  run("storage gathers, scatters and fills strided blocks", [] {
    legate::CachingAllocator alloc("test", 1 << 20);
    legate::Storage st(1, 10, sizeof(double), {4, 5}, alloc);
    auto* d = reinterpret_cast<double*>(st.data());
    for (int i = 0; i < 20; ++i) d[i] = i;
    // Column 1, rows 3..0 (negative stride), as NumPy's a[::-1, 1].
    legate::StridedBlock col{16, {4}, {-5}};
    double got[4];
    st.gather(col, reinterpret_cast<char*>(got));
    check(got[0] == 16 && got[1] == 11 && got[2] == 6 && got[3] == 1, "gather", "reversed column");
    // Transposed 2x2 corner, written then read back.
    legate::StridedBlock corner{0, {2, 2}, {1, 5}};
    double in[4] = {-1, -2, -3, -4};
    st.scatter(corner, reinterpret_cast<const char*>(in));
    check(d[0] == -1 && d[5] == -2 && d[1] == -3 && d[6] == -4, "scatter", "transposed corner");
    double seven = 7;
    st.fill(legate::StridedBlock{2, {4, 2}, {5, 1}}, reinterpret_cast<const char*>(&seven));
    check(d[2] == 7 && d[3] == 7 && d[17] == 7 && d[18] == 7 && d[4] == 4 && d[19] == 19, "fill", "sub-block");
    double zero = 0;
    st.fill(legate::StridedBlock{0, {}, {}}, reinterpret_cast<const char*>(&zero));  // 0-d: one element
    return d[0] == 0 && d[1] == -3;
  });
  run("storage table never reuses ids and frees on release", [] {
    legate::CachingAllocator alloc("test", 1 << 20);
    legate::StorageTable table(alloc);
    auto a = table.create(10, 8, {1000});
    a->data();
    uint64_t id = a->id();
    a.reset();
    check(table.live() == 1 && alloc.stats().bytes_in_use > 0, "table", "live before release");
    table.release(id);
    auto b = table.create(10, 8, {1000});
    return table.find(id) == nullptr && b->id() != id && table.live() == 1 && alloc.stats().bytes_in_use == 0;
  });
  static const char engine_owner = 0;
  const legate_core_api* api = legate::core_api();
  int32_t lib = api->register_library("engine-tests", &engine_owner, nullptr, 0);
  api->register_task(lib, 0, "iota", iota_task);
  api->register_task(lib, 1, "slow_fill", slow_fill_task);
  api->register_task(lib, 2, "copy", copy_task);
  api->register_task(lib, 3, "sum", sum_task);
  api->register_task(lib, 4, "fail", fail_task);
  api->register_task(lib, 6, "increment", increment_task);
  auto& storages = legate::RuntimeState::instance().storages;
  auto& engine = legate::engine();
  auto whole = [](const legate::Storage& s) {
    legate::Rect r;
    r.ndim = static_cast<int32_t>(s.shape().size());
    for (int32_t d = 0; d < r.ndim; ++d) r.hi[d] = s.shape()[d];
    return r;
  };

  run("register_task refuses unknown libraries and taken ids", [&] {
    return api->register_task(lib, 0, "again", iota_task) == -1 && api->register_task(9999, 0, "x", iota_task) == -1 &&
           api->register_task(lib, 5, "null", nullptr) == -1;
  });
  run("a launch splits into point tasks that each see their piece", [&] {
    auto v = storages.create(LEGATE_FLOAT64, 8, {10});
    auto d = launch_of(lib, 0, 3);
    d.arguments.push_back(argument(v, legate::kWrite, 4));
    uint64_t before = engine.counters().point_tasks;
    engine.launch(std::move(d));
    check(!engine.wait(v, whole(*v)), "launch", "unexpected error");
    auto* x = reinterpret_cast<double*>(v->data());
    bool ok = engine.counters().point_tasks == before + 3;
    for (int i = 0; i < 10; ++i) ok = ok && x[i] == i;
    return ok;
  });
  run("a reader of an overlapping slice waits for the writer (read-after-write)", [&] {
    auto v = storages.create(LEGATE_FLOAT64, 8, {1000});
    auto w = storages.create(LEGATE_FLOAT64, 8, {500});
    auto fill = launch_of(lib, 1, 2);
    fill.arguments.push_back(argument(v, legate::kWrite, 500));
    double seven = 7;
    fill.scalars.emplace_back(reinterpret_cast<char*>(&seven), reinterpret_cast<char*>(&seven) + 8);
    engine.launch(std::move(fill));
    // Copy v[250:750] into w: it overlaps both slow writers.
    auto copy = launch_of(lib, 2, 2);
    auto in = argument(v, legate::kRead, 250);
    in.shape[0] = 500;
    in.offset[0] = 250;
    copy.arguments.push_back(in);
    copy.arguments.push_back(argument(w, legate::kWrite, 250));
    engine.launch(std::move(copy));
    engine.wait(w, whole(*w));
    auto* y = reinterpret_cast<double*>(w->data());
    for (int i = 0; i < 500; ++i) {
      if (y[i] != 7) return false;
    }
    return true;
  });
  run("a writer waits for earlier readers (write-after-read)", [&] {
    auto v = storages.create(LEGATE_FLOAT64, 8, {100});
    auto w = storages.create(LEGATE_FLOAT64, 8, {100});
    auto init = launch_of(lib, 0, 1);
    init.arguments.push_back(argument(v, legate::kWrite, 0));
    engine.launch(std::move(init));
    auto copy = launch_of(lib, 2, 2);
    copy.arguments.push_back(argument(v, legate::kRead, 50));
    copy.arguments.push_back(argument(w, legate::kWrite, 50));
    engine.launch(std::move(copy));
    auto overwrite = launch_of(lib, 1, 1);
    overwrite.arguments.push_back(argument(v, legate::kWrite, 0));
    double minus = -1;
    overwrite.scalars.emplace_back(reinterpret_cast<char*>(&minus), reinterpret_cast<char*>(&minus) + 8);
    engine.launch(std::move(overwrite));
    engine.wait(w, whole(*w));
    engine.wait(v, whole(*v));
    auto* y = reinterpret_cast<double*>(w->data());
    auto* x = reinterpret_cast<double*>(v->data());
    for (int i = 0; i < 100; ++i) {
      if (y[i] != i || x[i] != -1) return false;
    }
    return true;
  });
  run("reductions fold private buffers into a 0-d store", [&] {
    auto v = storages.create(LEGATE_FLOAT64, 8, {1001});
    auto total = storages.create(LEGATE_FLOAT64, 8, {});
    *reinterpret_cast<double*>(total->data()) = 0.5;
    auto init = launch_of(lib, 0, 4);
    init.arguments.push_back(argument(v, legate::kWrite, 251));
    engine.launch(std::move(init));
    for (int k = 0; k < 2; ++k) {  // two launches reducing with ADD commute
      auto sum = launch_of(lib, 3, 4);
      sum.arguments.push_back(argument(v, legate::kRead, 251));
      sum.arguments.push_back(argument(total, legate::kReduce, 0, LEGATE_REDOP_ADD));
      engine.launch(std::move(sum));
    }
    engine.wait(total, whole(*total));
    return *reinterpret_cast<double*>(total->data()) == 0.5 + 2 * 500500.0;
  });
  run("a failed task poisons its outputs, and the error reaches readers through dependent tasks", [&] {
    auto v = storages.create(LEGATE_FLOAT64, 8, {10});
    auto w = storages.create(LEGATE_FLOAT64, 8, {10});
    auto u = storages.create(LEGATE_FLOAT64, 8, {10});
    auto bad = launch_of(lib, 4, 1);
    bad.arguments.push_back(argument(v, legate::kWrite, 0));
    uint64_t id = engine.launch(std::move(bad));
    auto copy = launch_of(lib, 2, 1);
    copy.arguments.push_back(argument(v, legate::kRead, 0));
    copy.arguments.push_back(argument(w, legate::kWrite, 0));
    engine.launch(std::move(copy));
    auto ok = launch_of(lib, 0, 1);  // unrelated work still runs
    ok.arguments.push_back(argument(u, legate::kWrite, 0));
    engine.launch(std::move(ok));
    auto e = engine.wait(w, whole(*w));
    check(e && e->message == "deliberate failure" && e->task == "fail" && e->launch == id, "fail", "error");
    check(!engine.wait(u, whole(*u)), "fail", "unrelated store poisoned");
    // Overwriting the store heals it.
    auto heal = launch_of(lib, 0, 1);
    heal.arguments.push_back(argument(v, legate::kWrite, 0));
    engine.launch(std::move(heal));
    return !engine.wait(v, whole(*v)) && reinterpret_cast<double*>(u->data())[9] == 9;
  });
  run("separate memories: an in-place update whose output comes first reads the values from before it", [&] {
    auto v = storages.create(LEGATE_FLOAT64, 8, {1000});
    auto* x = reinterpret_cast<double*>(v->data());
    for (int i = 0; i < 1000; ++i) x[i] = i;  // written by the host
    engine.set_memory_mode(legate::MemoryMode::kSeparate);
    for (int k = 0; k < 2; ++k) {
      auto inc = launch_of(lib, 6, 4);
      inc.arguments.push_back(argument(v, legate::kWrite, 250));
      inc.arguments.push_back(argument(v, legate::kRead, 250));
      engine.launch(std::move(inc));
    }
    engine.wait(v, whole(*v));
    engine.acquire_host(v, whole(*v), false);
    engine.set_memory_mode(legate::MemoryMode::kShared);
    for (int i = 0; i < 1000; ++i) {
      if (x[i] != i + 2) return false;
    }
    return true;
  });
  run("a launch whose memory cannot be had throws OutOfMemory, issues nothing, and the engine goes on", [&] {
    auto huge = storages.create(LEGATE_FLOAT64, 8, {int64_t{1} << 42});
    auto d = launch_of(lib, 0, 2);
    d.arguments.push_back(argument(huge, legate::kWrite, int64_t{1} << 41));
    uint64_t launches = engine.counters().launches;
    bool thrown = false;
    try {
      engine.launch(std::move(d));
    } catch (const legate::OutOfMemory& e) {
      thrown = e.bytes == (size_t{8} << 42) && e.type_code == LEGATE_FLOAT64 && e.shape == std::vector<int64_t>{int64_t{1} << 42};
    }
    check(thrown, "oom", "no OutOfMemory with the storage's shape");
    check(engine.counters().launches == launches, "oom", "the launch was counted");
    engine.fence();  // nothing of it is pending
    bool too_big = false;
    try {
      storages.create(LEGATE_FLOAT64, 8, {int64_t{1} << 40, int64_t{1} << 40});
    } catch (const std::length_error&) {
      too_big = true;
    }
    check(too_big, "oom", "an overflowing size was accepted");
    auto v = storages.create(LEGATE_FLOAT64, 8, {10});
    auto ok = launch_of(lib, 0, 2);
    ok.arguments.push_back(argument(v, legate::kWrite, 5));
    engine.launch(std::move(ok));
    engine.wait(v, whole(*v));
    return reinterpret_cast<double*>(v->data())[9] == 9;
  });
  api->register_task(lib, 7, "ew_iota", iota_task);
  api->register_task(lib, 8, "ew_increment", increment_task);
  api->register_task(lib, 9, "ew_fail", fail_task);
  run("elementwise launches fuse into one task, and a released temporary is never allocated", [&] {
    for (int32_t task : {7, 8, 9}) check(api->declare_elementwise(lib, task) == 0, "fusion", "declare_elementwise refused a task");
    check(api->declare_elementwise(lib, 99) == -1, "fusion", "declare_elementwise took an unknown task");
    const int64_t n = 10000;
    auto v = storages.create(LEGATE_FLOAT64, 8, {n});
    auto t = storages.create(LEGATE_FLOAT64, 8, {n});
    auto out = storages.create(LEGATE_FLOAT64, 8, {n});
    const auto before = engine.counters().fused_tasks.load();
    const auto launches = engine.counters().fused_launches.load();
    const auto elided = engine.counters().elided_temporaries.load();
    auto iota = launch_of(lib, 7, 4);
    iota.arguments.push_back(argument(v, legate::kWrite, n / 4));
    engine.launch(std::move(iota));
    auto first = launch_of(lib, 8, 4);
    first.arguments.push_back(argument(t, legate::kWrite, n / 4));
    first.arguments.push_back(argument(v, legate::kRead, n / 4));
    engine.launch(std::move(first));
    auto second = launch_of(lib, 8, 4);
    second.arguments.push_back(argument(out, legate::kWrite, n / 4));
    second.arguments.push_back(argument(t, legate::kRead, n / 4));
    engine.launch(std::move(second));
    check(engine.holding(), "fusion", "nothing was held");
    storages.release(t->id());  // JavaScript let go of it
    engine.flush_held();
    // v and out, still held from "JavaScript", were not computed yet: out is when it is read.
    check(engine.counters().fused_tasks == before && !out->allocated(), "fusion", "computed before anything read it");
    engine.settle_host(out, whole(*out), false);
    check(!engine.wait(out, whole(*out)), "fusion", "unexpected error");
    check(engine.counters().fused_tasks == before + 1 && engine.counters().fused_launches == launches + 3, "fusion", "not one fused task of three");
    check(engine.counters().elided_temporaries == elided + 3 && !t->allocated() && !v->allocated(), "fusion", "a temporary was allocated");
    const auto* x = reinterpret_cast<const double*>(out->data());
    bool ok = true;
    for (int64_t i = 0; i < n; ++i) ok = ok && x[i] == static_cast<double>(i + 2);
    return ok;
  });
  run("a failed operation of a fused task fails what depends on it, under its own name; the rest is valid", [&] {
    const int64_t n = 8000;
    auto v = storages.create(LEGATE_FLOAT64, 8, {n});
    auto bad = storages.create(LEGATE_FLOAT64, 8, {n});
    auto after_bad = storages.create(LEGATE_FLOAT64, 8, {n});
    auto good = storages.create(LEGATE_FLOAT64, 8, {n});
    auto iota = launch_of(lib, 7, 2);
    iota.arguments.push_back(argument(v, legate::kWrite, n / 2));
    engine.launch(std::move(iota));
    auto fail = launch_of(lib, 9, 2);
    fail.arguments.push_back(argument(bad, legate::kWrite, n / 2));
    const uint64_t fail_id = engine.launch(std::move(fail));
    auto dependent = launch_of(lib, 8, 2);
    dependent.arguments.push_back(argument(after_bad, legate::kWrite, n / 2));
    dependent.arguments.push_back(argument(bad, legate::kRead, n / 2));
    engine.launch(std::move(dependent));
    auto independent = launch_of(lib, 8, 2);
    independent.arguments.push_back(argument(good, legate::kWrite, n / 2));
    independent.arguments.push_back(argument(v, legate::kRead, n / 2));
    engine.launch(std::move(independent));
    engine.flush_held();
    engine.settle_host(after_bad, whole(*after_bad), false);
    engine.settle_host(good, whole(*good), false);
    auto error = engine.wait(after_bad, whole(*after_bad));
    check(error && error->task == "ew_fail" && error->launch == fail_id && error->message == "deliberate failure", "fusion", "the dependent output's error");
    check(!engine.wait(good, whole(*good)), "fusion", "the independent output failed");
    const auto* g = reinterpret_cast<const double*>(good->data());
    bool ok = true;
    for (int64_t i = 0; i < n; ++i) ok = ok && g[i] == static_cast<double>(i + 1);
    const auto failed = engine.failed_launches();
    return ok && !failed.empty() && failed.back() == fail_id;
  });
  run("what fusion left uncomputed is computed from its inputs as they were, through a copy when several need one", [&] {
    const int64_t n = 6000;
    auto v = storages.create(LEGATE_FLOAT64, 8, {n});
    auto t1 = storages.create(LEGATE_FLOAT64, 8, {n});
    auto t2 = storages.create(LEGATE_FLOAT64, 8, {n});
    auto iota = launch_of(lib, 7, 3);
    iota.arguments.push_back(argument(v, legate::kWrite, n / 3));
    engine.launch(std::move(iota));
    engine.flush_held();
    engine.settle_host(v, whole(*v), false);
    for (auto* t : {&t1, &t2}) {
      auto inc = launch_of(lib, 8, 3);
      inc.arguments.push_back(argument(*t, legate::kWrite, n / 3));
      inc.arguments.push_back(argument(v, legate::kRead, n / 3));
      engine.launch(std::move(inc));
    }
    engine.flush_held();
    check(!t1->allocated() && !t2->allocated(), "speculation", "computed before anything needed it");
    const auto copies = engine.counters().copied_on_write.load();
    // v += 1 (task 6 is not elementwise): t1 and t2 must still see v from before.
    auto bump = launch_of(lib, 6, 3);
    bump.arguments.push_back(argument(v, legate::kWrite, n / 3));
    bump.arguments.push_back(argument(v, legate::kRead, n / 3));
    engine.launch(std::move(bump));
    check(engine.counters().copied_on_write == copies + 1, "speculation", "no copy of the input before the write");
    bool ok = true;
    for (auto* t : {&t1, &t2}) {
      engine.settle_host(*t, whole(**t), false);
      check(!engine.wait(*t, whole(**t)), "speculation", "unexpected error");
      const auto* x = reinterpret_cast<const double*>((*t)->data());
      for (int64_t i = 0; i < n; ++i) ok = ok && x[i] == static_cast<double>(i + 1);
    }
    check(!engine.wait(v, whole(*v)), "speculation", "unexpected error");
    const auto* x = reinterpret_cast<const double*>(v->data());
    for (int64_t i = 0; i < n; ++i) ok = ok && x[i] == static_cast<double>(i + 1);
    return ok;
  });
  run("fence waits for everything and no launch stays pending", [&] {
    engine.fence();
    return engine.oldest_pending() > 0;
  });
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
