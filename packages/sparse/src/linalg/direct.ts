// spsolve: a direct solve through UMFPACK (SuiteSparse), on one processor.
import { AutoTask, broadcast, checkOptions, DTypeError, LogicalStore, runtime, ShapeError, tidy } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { csrArray } from '../csr.js';
import { sparray } from '../sparray.js';
import { viaCsr, type MatrixLike } from './operator.js';
import { library, libraryId } from '../native.js';
import { Task } from '../tasks.js';
import { LinAlgError } from './krylov.js';
import { splu, superluAvailable } from './superlu.js';

/** Whether this build has SuiteSparse, and if not, why. */
export function directSolverAvailable(): { ok: boolean; detail: string } {
  const feature = runtime.features[libraryId]?.features.find((f) => f.name === 'suitesparse');
  return { ok: Boolean(feature?.enabled), detail: feature?.detail ?? 'unknown' };
}

const settings = { useUmfpack: true };

/**
 * Chooses spsolve's solver (SciPy's `use_solver`): UMFPACK (`useUmfpack: true`, the default) or
 * SuperLU. `assumeSortedIndices` is accepted for SciPy's sake: the matrices are always put in
 * canonical order first.
 */
export function useSolver(options: { useUmfpack?: boolean; assumeSortedIndices?: boolean }): void {
  const o = checkOptions(options, ['useUmfpack', 'assumeSortedIndices'], 'useSolver');
  for (const [name, v] of Object.entries(o)) {
    if (v !== undefined && typeof v !== 'boolean') throw new DTypeError(name, `useSolver: expected a boolean, got ${typeof v}`);
  }
  if (o.useUmfpack !== undefined) settings.useUmfpack = o.useUmfpack;
}

/**
 * x with A·x = b for a square A (SciPy's `spsolve`), by LU factorisation in UMFPACK (or SuperLU,
 * after `useSolver({ useUmfpack: false })` or in a build without SuiteSparse). b may be a vector
 * or an (n, 1) column; the whole system is solved on one processor. A singular A raises
 * {@link LinAlgError}.
 *
 * @example
 * ```ts
 * const A = new sparse.csrArray(np.array([[4, 1, 0], [1, 3, 0], [0, 0, 2]]));
 * console.log(sparse.linalg.spsolve(A, np.array([5, 4, 2])));
 * // array([1., 1., 1.])
 * ```
 */
export function spsolve(A: MatrixLike, b: np.ndarray): np.ndarray {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (spsolve as (...a: unknown[]) => ReturnType<typeof spsolve>)(m, ...[...arguments].slice(1)));
  noMorePositional('spsolve', arguments, 2, ['permc_spec', 'use_umfpack'], 'choose the solver with useSolver');
  if (!(A instanceof csrArray)) throw new DTypeError('A', `spsolve: expected a csrArray, got ${A === null ? 'null' : typeof A}`);
  const [m, n] = A.shape;
  if (m !== n) throw new ShapeError('A', `spsolve: expected a square matrix, got shape (${m}, ${n})`);
  if (!(b instanceof np.ndarray)) throw new DTypeError('b', `spsolve: expected an ndarray, got ${b === null ? 'null' : typeof b}`);
  const column = b.ndim === 2 && b.shape[1] === 1;
  if (!(b.ndim === 1 || column) || b.shape[0] !== n) throw new ShapeError('b', `spsolve: expected shape (${n},) or (${n}, 1), got (${b.shape.join(', ')})`);
  const available = directSolverAvailable();
  if (!settings.useUmfpack || !available.ok) {
    if (superluAvailable().ok) {
      const t = np.resultType(A.dtype, b.dtype).isComplex ? 'complex128' : 'float64';
      const lu = tidy(() => splu(A.dtype.name === t ? A : A.astype(t)));
      try {
        return tidy(() => lu.solve(b.dtype.name === t ? b : b.astype(t)));
      } finally {
        lu.dispose();
      }
    }
    throw new LinAlgError('A', `spsolve needs SuiteSparse or SuperLU, which this build lacks: ${available.detail}`);
  }
  const t = np.resultType(A.dtype, b.dtype).isComplex ? 'complex128' : 'float64';
  const x = np.empty([n], t);
  // A column result is a view of x: x's own store is freed so the view alone holds the memory.
  const shaped = (rows: number) => {
    if (!column) return x;
    const view = x.reshape(rows, 1);
    x.store.dispose();
    return view;
  };
  if (n === 0) return shaped(0);
  const status = LogicalStore.create([], 'int64');
  tidy(() => {
    const canonical = A.astype(t);
    canonical.sumDuplicates();
    const indptr = canonical.indptr.astype('int64');
    const indices = canonical.indices.astype('int64');
    const values = canonical.data;
    const rhs = (column ? b.reshape(n) : b).astype(t);
    const task = new AutoTask(library, Task.Spsolve);
    for (const input of [indptr, indices, values, rhs]) task.addInput(input.store).addConstraint(broadcast(input.store));
    task.addOutput(x.store).addOutput(status).addConstraint(broadcast(x.store)).addConstraint(broadcast(status)).execute();
  });
  const code = Number((status.read() as BigInt64Array)[0]);
  status.dispose();
  if (code === 1) {
    x.store.dispose();
    throw new LinAlgError('A', 'spsolve: the matrix is exactly singular');
  }
  if (code !== 0) {
    x.store.dispose();
    throw new LinAlgError('A', `spsolve: UMFPACK failed with status ${code}`);
  }
  return shaped(n);
}
