// sparse's CPU task variants over CSR pieces.
#pragma once

#include <cstdint>

#include "legate/core_abi.h"

namespace legate::sparse {

// Task ids within the sparse library; packages/sparse/src/tasks.ts mirrors them.
enum TaskId : int32_t {
  // outputs[0] (rows, 1) = A · inputs[4]; inputs: pos (rows, 2), crd, vals, x. vals, x and y
  // have one type; crd int32 or int64; pos int32 or int64.
  kSpmv = 0,
  // The Krylov solvers' vector update, in one pass: outputs[0] y (read-write) =
  // scalars[0] · (a / b) · inputs[0] + scalars[1] · (c / d) · y, where a, b, c, d are 0-d
  // inputs[1..4] (a quotient over zero counts as zero, so a breakdown stops the update
  // instead of spreading NaN). All of one type; scalars float64.
  kAxpby = 1,
  // outputs[0] x, outputs[1] (0-d int64) UMFPACK's status for A·x = b; inputs: indptr, indices
  // (int64), values (float64 or complex128), b; every argument whole, one point task.
  kSpsolve = 2,
};

void register_tasks(const legate_core_api* api, int32_t library);
void register_vector_tasks(const legate_core_api* api, int32_t library);
void register_direct_tasks(const legate_core_api* api, int32_t library);

}  // namespace legate::sparse
