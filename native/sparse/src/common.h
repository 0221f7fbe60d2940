// What sparse's kernels share: core's shipped task API (legate/task.hpp: type dispatch, element
// traits, N-d iteration), the only native code sparse takes from another package, and raw access
// to a piece's elements and scalars.
#pragma once

#include <cstdint>
#include <cstring>

#include "legate/core_abi.h"
#include "legate/task.hpp"

namespace legate::sparse {

// core's C ABI, set once when the addon registers (spmv.cc).
extern const legate_core_api* core;

template <typename T>
T* at(const legate_physical_store& s) {
  return static_cast<T*>(s.data);
}

// Scalar argument i of the launch (its size is the launch's business: sparse's own TypeScript
// side packs them).
template <typename T>
T scalar_arg(const legate_task_context* ctx, uint32_t i) {
  T value;
  std::memcpy(&value, ctx->scalars[i], sizeof(T));
  return value;
}

}  // namespace legate::sparse
