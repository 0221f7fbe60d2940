#pragma once

#include <algorithm>
#include <cstdint>

#include "legate/core_abi.h"

namespace legate {

// A half-open box [lo, hi) in up to LEGATE_MAX_DIM dimensions.
struct Rect {
  int32_t ndim = 0;
  int64_t lo[LEGATE_MAX_DIM] = {};
  int64_t hi[LEGATE_MAX_DIM] = {};

  bool empty() const {
    for (int32_t d = 0; d < ndim; ++d) {
      if (hi[d] <= lo[d]) return true;
    }
    return false;
  }
  int64_t volume() const {
    int64_t v = 1;
    for (int32_t d = 0; d < ndim; ++d) v *= std::max<int64_t>(0, hi[d] - lo[d]);
    return v;
  }
  bool overlaps(const Rect& o) const {
    if (empty() || o.empty()) return false;
    for (int32_t d = 0; d < ndim; ++d) {
      if (hi[d] <= o.lo[d] || o.hi[d] <= lo[d]) return false;
    }
    return true;
  }
  bool contains(const Rect& o) const {
    if (o.empty()) return true;
    for (int32_t d = 0; d < ndim; ++d) {
      if (o.lo[d] < lo[d] || o.hi[d] > hi[d]) return false;
    }
    return true;
  }
};

}  // namespace legate
