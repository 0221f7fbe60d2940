/** Task ids of sparse's addon (native/sparse/src/kernels.h). */
export const enum Task {
  Spmv = 0,
  Axpby = 1,
  Spsolve = 2,
}
