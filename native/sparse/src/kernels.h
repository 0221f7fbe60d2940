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
  // Row tasks over CSR structure (structure.cc): inputs pos (rows, 2), crd, vals of a block of
  // rows, in two launches: the first's outputs[0] (rows, 1) int32 or int64 takes the entries
  // per result row; the second's outputs[0] indices and outputs[1] values are the block's part
  // of the result (its inputs: a key first, the result's row windows last).
  kRowCanonical = 3,  // columns sorted within rows; scalars[0] int32: sum duplicates
  kRowNonzeros = 4,   // the entries that are not zero
  kRowMerge = 5,      // + inputs posB, crdB, valsB; scalars[0] int32: 0 add, 1 subtract, 2 multiply
  kRowProduct = 6,    // + inputs posB, crdB, valsB (whole); scalars[0] int64: B's columns
  // outputs[0] the block's dense rows (every column).
  kToDense = 7,
  // scalars[0] int64 k; outputs[0] (rows, 1): row i's entry at column i + k.
  kRowDiagonal = 8,
  // reductions[0] 0-d int64 (add): rows whose columns do not increase strictly.
  kCountUnsorted = 9,
  // inputs pos; outputs[0] (entries, the image of pos): the row of every entry.
  kExpandRows = 10,
  // inputs pos, crd, vals, dense rows; outputs[0] (entries, the image of pos): dense[i, j] at
  // each stored (i, j).
  kGatherDense = 11,
  // One piece: inputs indptr (int64), row of each entry, columns, values; outputs indices,
  // values grouped by row (stable).
  kScatterRows = 12,
  // inputs dense rows (every column); outputs as the row tasks': the entries that are not zero.
  kFromDense = 13,
  // + inputs posB, crdB, valsB (whole); scalars[0] int64: B's columns; outputs[0] (A's rows,
  // B's rows): the Kronecker product's rows.
  kKron = 14,
  // inputs pos, crd, vals, x (cols, k) whole; outputs[0] y (rows, k) = A·x.
  kSpmm = 15,
  // scalars[0] int32 0 lower / 1 upper, scalars[1] int64 k: the entries on that side of diagonal k.
  kRowBand = 16,
  // + inputs posB, crdB, valsB; scalars[0] int64: B's column offset. A's rows, then B's (hstack).
  kRowConcat = 17,
  // scalars[0] int32 1 max / 0 min, scalars[1] int64 row length; outputs[0] (rows, 1).
  kRowExtreme = 18,
  // inputs pos, crd, vals (whole, canonical), selected rows ((r, 1) int64); scalars[0..2] int64
  // the column slice (start, stop, step): the selected rows' entries in it, renumbered.
  kRowGather = 19,
  // SuperLU (superlu.cc). One piece: inputs indptr, indices, values of A (whole, canonical);
  // outputs SuperLU's arrays of L and U (9 stores, 4 unbound), perm_r, perm_c (n, int32), info
  // (4, int64); scalars the options (see superlu.cc).
  kSuperluFactor = 20,
  // inputs the factors' 9 arrays, perm_r, perm_c (whole); outputs[0] x (n, k), read-write, b on
  // entry; scalars[0] int32 trans (0 N, 1 T, 2 H), then SuperLU's counts (see superlu.cc).
  kSuperluSolve = 21,
  // inputs indptr, indices, values (whole); outputs[0] x (n, k) read-write, outputs[1] 0-d int64
  // (0, or row + 1 of a zero diagonal); scalars[0..2] int32 lower, unit diagonal, trans.
  kTriangularSolve = 22,
  // One piece: outputs[0] n + 1 row pointers, int32 or int64: 0, then the running sum of the
  // entries per row, read from inputs[0] (n, int64) or, without inputs, from [1, n] on entry
  // (read-write).
  kPointers = 23,
  // inputs pos, crd (a block of A's rows); scalars[0] int64 A's columns; reductions[0] (cols)
  // int64 (add): the block's entries in each column.
  kColumnCounts = 24,
  // The transpose's entries: outputs[0] indices (A's rows), outputs[1] values, the part of Aᵀ's
  // rows (A's columns) in inputs[4], their windows (cols, 2) over Aᵀ's pointers; inputs[1..3]
  // A's pos, crd, vals whole (inputs[0] the key).
  kTransposeFill = 25,
  // inputs the factors' 9 arrays (whole); outputs L and U as CSR (indptr n + 1 int32, unbound
  // indices int32, unbound values, each); scalars SuperLU's counts (see superlu.cc).
  kSuperluFactors = 26,
};

void register_tasks(const legate_core_api* api, int32_t library);
void register_vector_tasks(const legate_core_api* api, int32_t library);
void register_direct_tasks(const legate_core_api* api, int32_t library);
void register_structure_tasks(const legate_core_api* api, int32_t library);
void register_superlu_tasks(const legate_core_api* api, int32_t library);

}  // namespace legate::sparse
