// Unit tests of core's native pieces that need no JavaScript. Prints one line per test and a
// closing "N passed, N failed" line; exits non-zero on any failure.
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "bandwidth.h"
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
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
