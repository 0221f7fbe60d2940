// LinearOperator (SciPy's): anything that computes A·x, for solvers that need only products.
import { checkOptions, DTypeError, ShapeError, tidy, dtype as toDType, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';


import { csrArray } from '../csr.js';

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

  /** Aᴴ·x, when given. */
  rmatvec(x: np.ndarray): np.ndarray {
    if (!this.#rmatvec) throw new DTypeError('rmatvec', 'this operator was made without rmatvec');
    return this.#rmatvec(x);
  }

  dot(x: np.ndarray): np.ndarray {
    return this.matvec(x);
  }
}

/** What the solvers take as a matrix. */
export type Operator = csrArray | LinearOperator;

/** A sparse matrix as an operator; an operator as itself (SciPy's `aslinearoperator`). */
export function aslinearoperator(A: Operator): LinearOperator {
  if (A instanceof LinearOperator) return A;
  if (A instanceof csrArray) {
    return new LinearOperator({ shape: A.shape, dtype: A.dtype, matvec: (x) => A.matvec(x), rmatvec: (x) => tidy(() => A.T.conj().matvec(x)) });
  }
  throw new DTypeError('A', `expected a csrArray or a LinearOperator, got ${A === null ? 'null' : typeof A}`);
}
