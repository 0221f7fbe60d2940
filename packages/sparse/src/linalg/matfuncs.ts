// Functions of a sparse matrix: SciPy's scipy.sparse.linalg.matrix_power.
import { DTypeError, ShapeError, tidy } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { cooArray } from '../coo.js';
import { cscArray } from '../csc.js';
import { csrArray } from '../csr.js';
import { eye } from '../construct.js';

/**
 * A to the integer power `power` ≥ 0 for a square sparse A, by repeated squaring (SciPy's
 * `matrix_power`); A⁰ is the identity. The result is CSR, or CSC for a CSC A.
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
