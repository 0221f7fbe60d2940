// Functions of a sparse matrix: SciPy's scipy.sparse.linalg.matrix_power and inv.
import { DTypeError, ShapeError, tidy } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { cooArray } from '../coo.js';
import { cscArray } from '../csc.js';
import { csrArray } from '../csr.js';
import { eye } from '../construct.js';
import { splu } from './superlu.js';

/**
 * A to the integer power `power` ≥ 0 for a square sparse A, by repeated squaring (SciPy's
 * `matrix_power`); A⁰ is the identity. The result is CSR, or CSC for a CSC A.
 *
 * @example
 * ```ts
 * console.log(sparse.linalg.matrixPower(sparse.diags([1, 1], [0, 1], { shape: [3, 3] }), 2).toarray());
 * // array([[1., 2., 1.],
 * //        [0., 1., 2.],
 * //        [0., 0., 1.]])
 * ```
 */
export function matrixPower(A: csrArray | cscArray | cooArray, power: number): csrArray | cscArray {
  noMorePositional('matrixPower', arguments, 2, [], 'takes a matrix and a power');
  if (!(A instanceof csrArray || A instanceof cscArray || A instanceof cooArray)) throw new DTypeError('A', `matrixPower: expected a sparse matrix, got ${A === null ? 'null' : typeof A}`);
  const [m, n] = A.shape;
  if (m !== n) throw new ShapeError('A', `matrixPower: expected a square matrix, got shape (${m}, ${n})`);
  if (typeof power !== 'number' || !Number.isSafeInteger(power)) throw new DTypeError('power', `matrixPower: expected an integer power, got ${String(power)}`);
  if (power < 0) throw new np.ValueError('power', `matrixPower: the exponent must be >= 0, got ${power}`);
  const result = tidy(() => {
    const base = A instanceof csrArray ? A : A.tocsr();
    if (power === 0) return eye(n, n, 0, A.dtype);
    // Binary powering: the squares of A, multiplied in where power has a one bit.
    let acc: csrArray | null = null;
    let square = base;
    for (let p = power; p > 0; p = Math.floor(p / 2)) {
      if (p % 2 === 1) acc = acc === null ? (square === base ? base.copy() : square) : acc.dot(square);
      if (p > 1) square = square.dot(square);
    }
    return acc!;
  });
  if (!(A instanceof cscArray)) return result;
  try {
    return result.tocsc();
  } finally {
    result.dispose();
  }
}

/**
 * The inverse of a square sparse matrix (SciPy's `inv`): SuperLU's factors solved against the
 * identity, the zeros of the result not stored. The inverse of a sparse matrix is usually
 * dense: this holds n² values while it works, as SciPy's does.
 *
 * @example
 * ```ts
 * console.log(sparse.linalg.inv(sparse.diags([[2, 4, 8]], [0], { shape: [3, 3] })).toarray());
 * // array([[0.5  , 0.   , 0.   ],
 * //        [0.   , 0.25 , 0.   ],
 * //        [0.   , 0.   , 0.125]])
 * ```
 */
export function inv(A: csrArray | cscArray | cooArray): csrArray | cscArray {
  noMorePositional('inv', arguments, 1, [], 'takes one matrix');
  if (!(A instanceof csrArray || A instanceof cscArray || A instanceof cooArray)) throw new DTypeError('A', `inv: expected a sparse matrix, got ${A === null ? 'null' : typeof A}`);
  const [m, n] = A.shape;
  if (m !== n) throw new ShapeError('A', `inv: expected a square matrix, got shape (${m}, ${n})`);
  const result = tidy(() => {
    const lu = splu(A instanceof csrArray ? A : A.tocsr());
    try {
      return new csrArray(lu.solve(np.eye(n, { dtype: lu.dtype })));
    } finally {
      lu.dispose();
    }
  });
  if (!(A instanceof cscArray)) return result;
  try {
    return result.tocsc();
  } finally {
    result.dispose();
  }
}
