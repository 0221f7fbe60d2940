// Matrix norms of sparse matrices (SciPy's scipy.sparse.linalg.norm).
import { DTypeError, tidy } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { csrArray } from '../csr.js';
import { sparray } from '../sparray.js';
import { viaCsr, type MatrixLike } from './operator.js';

/**
 * 'fro' (default): the Frobenius norm; 1 / -1: the largest / smallest column sum of |A|;
 * Infinity / -Infinity: the largest / smallest row sum of |A|. A 0-d array.
 *
 * @example
 * ```ts
 * const A = new sparse.csrArray(np.array([[3, 0], [0, -4]]));
 * console.log(sparse.linalg.norm(A).item(), sparse.linalg.norm(A, 1).item(), sparse.linalg.norm(A, Infinity).item());
 * // 5 4 4
 * ```
 */
export function norm(A: MatrixLike, ord: 'fro' | 1 | -1 | number = 'fro'): np.ndarray {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (norm as (...a: unknown[]) => ReturnType<typeof norm>)(m, ...[...arguments].slice(1)));
  noMorePositional('norm', arguments, 2, ['axis'], 'the norm of the whole matrix only (no axis)');
  if (!(A instanceof csrArray)) throw new DTypeError('A', `norm: expected a csrArray, got ${A === null ? 'null' : typeof A}`);
  return tidy(() => {
    const canonical = A.hasCanonicalFormat ? A : A.copy();
    if (canonical !== A) canonical.sumDuplicates();
    const magnitude = canonical.abs();
    if (ord === 'fro') {
      const d = magnitude.data.dtype.isFloating ? magnitude.data : magnitude.data.astype('float64');
      return np.sqrt(np.dot(d, d));
    }
    if (ord === 1 || ord === -1) {
      const sums = magnitude.sum(0);
      return sums.size === 0 ? np.zeros([]) : ord === 1 ? np.max(sums) : np.min(sums);
    }
    if (ord === Infinity || ord === -Infinity) {
      const sums = magnitude.sum(1);
      return sums.size === 0 ? np.zeros([]) : ord === Infinity ? np.max(sums) : np.min(sums);
    }
    throw new np.ValueError('ord', `norm: expected 'fro', 1, -1, Infinity or -Infinity, got ${String(ord)}`);
  });
}
