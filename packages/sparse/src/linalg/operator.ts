// LinearOperator (SciPy's): anything that computes A·x, for solvers that need only products.
import { checkOptions, DTypeError, ShapeError, tidy, dtype as toDType, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { csrArray } from '../csr.js';
import { sparray } from '../sparray.js';

export interface LinearOperatorOptions {
  shape: readonly number[];
  /** y = A·x for a vector x of length shape[1]. */
  matvec: (x: np.ndarray) => np.ndarray;
  /** y = Aᴴ·x, when the solver needs it. */
  rmatvec?: (x: np.ndarray) => np.ndarray;
  dtype?: DTypeLike;
}

/** A matrix known only by its products with vectors (SciPy's `LinearOperator`). */
export class LinearOperator {
  readonly shape: readonly [number, number];
  readonly dtype: DType;
  readonly #matvec: (x: np.ndarray) => np.ndarray;
  readonly #rmatvec: ((x: np.ndarray) => np.ndarray) | undefined;

  constructor(options: LinearOperatorOptions) {
    const { shape, matvec, rmatvec, dtype } = checkOptions(options, ['shape', 'matvec', 'rmatvec', 'dtype'], 'LinearOperator');
    if (!Array.isArray(shape) || shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < 0)) {
      throw new ShapeError('shape', `expected (rows, columns), got ${JSON.stringify(shape)}`);
    }
    if (typeof matvec !== 'function') throw new DTypeError('matvec', 'expected a function x => A·x');
    this.shape = [shape[0]!, shape[1]!];
    this.dtype = toDType(dtype ?? 'float64');
    this.#matvec = matvec;
    this.#rmatvec = rmatvec;
  }

  /** A·x; x of length shape[1]. */
  matvec(x: np.ndarray): np.ndarray {
    if (!(x instanceof np.ndarray) || x.ndim !== 1 || x.shape[0] !== this.shape[1]) {
      throw new ShapeError('x', `expected a vector of length ${this.shape[1]}, got ${x instanceof np.ndarray ? `shape (${x.shape.join(', ')})` : typeof x}`);
    }
    const y = this.#matvec(x);
    if (!(y instanceof np.ndarray) || y.size !== this.shape[0]) throw new ShapeError('matvec', `must return a vector of length ${this.shape[0]}`);
    return y.ndim === 1 ? y : y.reshape(this.shape[0]);
  }

  /** Whether the operator was given rmatvec (Aᴴ·x), which lsqr, lsmr, bicg and qmr need. */
  get hasRmatvec(): boolean {
    return this.#rmatvec !== undefined;
  }

  /** Aᴴ·x, when given; x of length shape[0]. */
  rmatvec(x: np.ndarray): np.ndarray {
    if (!this.#rmatvec) throw new DTypeError('rmatvec', 'this operator was made without rmatvec');
    if (!(x instanceof np.ndarray) || x.ndim !== 1 || x.shape[0] !== this.shape[0]) {
      throw new ShapeError('x', `expected a vector of length ${this.shape[0]}, got ${x instanceof np.ndarray ? `shape (${x.shape.join(', ')})` : typeof x}`);
    }
    const y = this.#rmatvec(x);
    if (!(y instanceof np.ndarray) || y.size !== this.shape[1]) throw new ShapeError('rmatvec', `must return a vector of length ${this.shape[1]}`);
    return y.ndim === 1 ? y : y.reshape(this.shape[1]);
  }

  dot(x: np.ndarray): np.ndarray {
    return this.matvec(x);
  }
}

/** What the solvers work with: a CSR matrix or an operator. */
export type Operator = csrArray | LinearOperator;

/** What the solvers take as a matrix: a sparse matrix in any format, or an operator. */
export type MatrixLike = Operator | sparray;

/**
 * @internal `body` with A in CSR: a CSC, COO or DIA matrix is converted once, and the conversion
 * freed afterwards (the body's results are new arrays).
 */
export function viaCsr<T>(A: unknown, body: (m: Operator) => T): T {
  if (!(A instanceof sparray) || A instanceof csrArray) return body(A as Operator);
  const m = (A as unknown as { tocsr(): csrArray }).tocsr();
  try {
    return body(m);
  } finally {
    m.dispose();
  }
}

/**
 * A sparse matrix as an operator; an operator as itself (SciPy's `aslinearoperator`).
 *
 * @example
 * ```ts
 * const op = sparse.linalg.aslinearoperator(sparse.diags([[1, 2, 3]], [0], { shape: [3, 3] }));
 * console.log(op.shape, op.matvec(np.ones([3])));
 * // [ 3, 3 ] array([1., 2., 3.])
 * ```
 */
export function aslinearoperator(A: MatrixLike): LinearOperator {
  if (A instanceof LinearOperator) return A;
  if (A instanceof sparray) {
    // Any format: its own products (CSC, COO and DIA convert to CSR for each one).
    const M = A as csrArray;
    return new LinearOperator({ shape: M.shape, dtype: M.dtype, matvec: (x) => M.matvec(x), rmatvec: (x) => tidy(() => new csrArray(M).T.conj().matvec(x)) });
  }
  throw new DTypeError('A', `expected a sparse matrix or a LinearOperator, got ${A === null ? 'null' : typeof A}`);
}
