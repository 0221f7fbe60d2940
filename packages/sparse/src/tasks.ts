/** Task ids of sparse's addon (native/sparse/src/kernels.h). */
export const enum Task {
  Spmv = 0,
  Axpby = 1,
  Spsolve = 2,
  RowCanonical = 3,
  RowNonzeros = 4,
  RowMerge = 5,
  RowProduct = 6,
  ToDense = 7,
  RowDiagonal = 8,
  CountUnsorted = 9,
  ExpandRows = 10,
  GatherDense = 11,
  ScatterRows = 12,
  FromDense = 13,
  Kron = 14,
  Spmm = 15,
}
