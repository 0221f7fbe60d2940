// Unit tests of core's native pieces that need no JavaScript. Prints one line per test and a
// closing "N passed, N failed" line; exits non-zero on any failure.
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "allocator.h"
#include "bandwidth.h"
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
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
