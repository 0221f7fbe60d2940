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

// The part of `a` inside `b` (empty when they do not overlap).
inline Rect intersect(const Rect& a, const Rect& b) {
  Rect r = a;
  for (int32_t d = 0; d < a.ndim; ++d) {
    r.lo[d] = std::max(a.lo[d], b.lo[d]);
    r.hi[d] = std::max(r.lo[d], std::min(a.hi[d], b.hi[d]));
  }
  return r;
}

// The parts of `a` outside `b`, as disjoint boxes (at most two per dimension).
template <typename Out>
void subtract(const Rect& a, const Rect& b, Out& out) {
  if (!a.overlaps(b)) {
    if (!a.empty()) out.push_back(a);
    return;
  }
  Rect rest = a;
  for (int32_t d = 0; d < a.ndim; ++d) {
    if (rest.lo[d] < b.lo[d]) {
      Rect below = rest;
      below.hi[d] = b.lo[d];
      out.push_back(below);
      rest.lo[d] = b.lo[d];
    }
    if (rest.hi[d] > b.hi[d]) {
      Rect above = rest;
      above.lo[d] = b.hi[d];
      out.push_back(above);
      rest.hi[d] = b.hi[d];
    }
  }
}

}  // namespace legate
