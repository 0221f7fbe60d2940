// LaplacianNd (SciPy's): the grid Laplacian of any dimension with Dirichlet, Neumann or periodic
// boundaries, as an operator, a sparse matrix (Kronecker sums of the 1-D ones), and its exact
// eigenvalues and eigenvectors (tensor products of the 1-D ones), all with numeric's operations.
import { checkOptions, keep, ShapeError, tidy, dtype as toDType, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { diags, eye, kron } from '../construct.js';
import { csrArray } from '../csr.js';
import { LinearOperator } from './operator.js';

export type BoundaryConditions = 'dirichlet' | 'neumann' | 'periodic';

export interface LaplacianNdOptions {
  /** 'neumann' (default), 'dirichlet' or 'periodic'. */
  boundaryConditions?: BoundaryConditions;
  /** The matrix's value type (default int8, as SciPy's). */
  dtype?: DTypeLike;
}

/** Python's min of two tuples: the lexicographically smaller (what SciPy's LaplacianNd uses). */
function lexMin(a: readonly number[], b: readonly number[]): number[] {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return [...(a[i]! < b[i]! ? a : b)];
  return [...a];
}

/**
 * The discrete Laplacian of a grid of `gridShape` points (SciPy's `LaplacianNd`): a symmetric,
 * negative semi-definite operator of size prod(gridShape), with second differences −2, 1, 1 in
 * every direction.
 */
export class LaplacianNd extends LinearOperator {
  readonly gridShape: readonly number[];
  readonly boundaryConditions: BoundaryConditions;
  #matrix: csrArray | null = null;

  constructor(gridShape: readonly number[], options: LaplacianNdOptions = {}) {
    const o = checkOptions(options, ['boundaryConditions', 'dtype'], 'LaplacianNd');
    if (!Array.isArray(gridShape) || gridShape.length === 0 || gridShape.some((e) => !Number.isSafeInteger(e) || e < 1)) {
      throw new ShapeError('gridShape', `LaplacianNd: expected a list of positive integers, got ${JSON.stringify(gridShape)}`);
    }
    const bc = o.boundaryConditions ?? 'neumann';
    if (bc !== 'dirichlet' && bc !== 'neumann' && bc !== 'periodic') {
      throw new np.ValueError('boundaryConditions', `LaplacianNd: unknown boundary conditions ${JSON.stringify(bc)}; expected 'dirichlet', 'neumann' or 'periodic'`);
    }
    const t: DType = toDType(o.dtype ?? 'int8');
    const n = gridShape.reduce((a, b) => a * b, 1);
    let self: LaplacianNd | null = null;
    super({ shape: [n, n], dtype: t, matvec: (x) => self!.tosparseCached().matvec(x), rmatvec: (x) => self!.tosparseCached().matvec(x) });
    self = this;
    this.gridShape = [...gridShape];
    this.boundaryConditions = bc;
  }

  /** The matrix the products use, made once, outside any tidy scope (freed by {@link dispose}). */
  private tosparseCached(): csrArray {
    return (this.#matrix ??= keep(this.tosparse()));
  }

  /** Frees the matrix that products made; the operator stays usable. */
  dispose(): void {
    this.#matrix?.dispose();
    this.#matrix = null;
  }

  /** The Laplacian as a sparse matrix (CSR; SciPy gives DIA), in the operator's type. */
  tosparse(): csrArray {
    const grid = this.gridShape;
    return tidy(() => {
      const i8 = toDType('int8');
      let total: csrArray | null = null;
      grid.forEach((dim, i) => {
        const main = np.full([dim], -2, 'int8');
        if (this.boundaryConditions === 'neumann') {
          main.set([0], -1);
          main.set([dim - 1], -1);
        }
        const off = np.ones([Math.max(dim - 1, 0)], 'int8');
        let line = dim === 1 ? new csrArray(main.reshape(1, 1)) : diags([off, main, off], [-1, 0, 1], { shape: [dim, dim], dtype: 'int8' });
        if (this.boundaryConditions === 'periodic') {
          // The wrap-around couplings (one place when dim is 1), added to what is there.
          const r = dim === 1 ? [0] : [0, dim - 1];
          const c = dim === 1 ? [0] : [dim - 1, 0];
          const corners = new csrArray([np.ones([r.length], 'int8'), [np.asarray(Int32Array.from(r)), np.asarray(Int32Array.from(c))]], { shape: [dim, dim] });
          line = line.add(corners) as csrArray;
        }
        for (let j = 0; j < i; j++) line = kron(eye(grid[j]!, grid[j]!, 0, i8), line);
        for (let j = i + 1; j < grid.length; j++) line = kron(line, eye(grid[j]!, grid[j]!, 0, i8));
        total = total === null ? line : (total.add(line) as csrArray);
      });
      return total!.astype(this.dtype);
    });
  }

  /** The dense matrix (prod(gridShape)² values). */
  toarray(): np.ndarray {
    return tidy(() => this.tosparse().toarray());
  }

  /** 1-D eigenvalue j of n points: −4 sin²(·) for the boundary conditions. */
  #eigenvalue1d(j: np.ndarray, n: number): np.ndarray {
    const angle =
      this.boundaryConditions === 'dirichlet'
        ? np.multiply(np.add(j, 1), Math.PI / (2 * (n + 1)))
        : this.boundaryConditions === 'neumann'
          ? np.multiply(j, Math.PI / (2 * n))
          : np.multiply(np.floor(np.divide(np.add(j, 1), 2)), Math.PI / n);
    return np.multiply(np.square(np.sin(angle)), -4);
  }

  /**
   * The m largest eigenvalues (all when m is omitted) in ascending order, and where they sit in
   * the grid of 1-D indices they come from (as SciPy orders them: a stable sort here, so ties
   * keep the grid's order).
   */
  #ordering(m: number | undefined): { values: np.ndarray; order: np.ndarray; grid: number[] } {
    if (m !== undefined && (!Number.isSafeInteger(m) || m < 1)) throw new np.ValueError('m', `LaplacianNd: m must be a positive integer, got ${String(m)}`);
    const grid = m === undefined ? [...this.gridShape] : lexMin(this.gridShape, this.gridShape.map(() => m));
    return tidy(() => {
      const index = np.indices(grid);
      let sum = np.zeros(grid);
      this.gridShape.forEach((n, d) => {
        sum = np.add(sum, this.#eigenvalue1d(index.slice(d).astype('float64'), n));
      });
      const flat = np.ravel(sum);
      let order = np.argsort(flat, { kind: 'stable' });
      if (m !== undefined) order = order.slice({ start: Math.max(0, order.size - m) });
      return { values: np.take(flat, order), order: np.copy(order), grid };
    });
  }

  /** The m largest eigenvalues (all by default), ascending (SciPy's `eigenvalues(m)`). */
  eigenvalues(m?: number): np.ndarray {
    const { values, order } = this.#ordering(m);
    order.store.dispose();
    return values;
  }

  /** 1-D eigenvector j of n points, as SciPy's (normalised; rounding below eps made exact zeros). */
  #eigenvector1d(j: number, n: number): np.ndarray {
    return tidy(() => {
      const at = np.arange(n, { dtype: 'float64' });
      let v: np.ndarray;
      if (this.boundaryConditions === 'dirichlet') {
        v = np.multiply(np.sin(np.multiply(np.add(at, 1), (Math.PI * (j + 1)) / (n + 1))), Math.sqrt(2 / (n + 1)));
      } else if (this.boundaryConditions === 'neumann') {
        v = np.multiply(np.cos(np.multiply(np.add(at, 0.5), (Math.PI * j) / n)), Math.sqrt((j === 0 ? 1 : 2) / n));
      } else if (j === 0) {
        v = np.full([n], Math.sqrt(1 / n));
      } else if (j + 1 === n && n % 2 === 0) {
        // (1, −1, 1, −1, …) / √n
        v = np.multiply(np.subtract(1, np.multiply(np.mod(at, 2), 2)), Math.sqrt(1 / n));
      } else if ((j + 1) % 2 === 0) {
        v = np.multiply(np.sin(np.multiply(np.add(at, 0.5), (Math.PI * (j + 1)) / n)), Math.sqrt(2 / n));
      } else {
        v = np.multiply(np.cos(np.multiply(np.add(at, 0.5), (Math.PI * j) / n)), Math.sqrt(2 / n));
      }
      return np.where(np.less(np.abs(v), 2.220446049250313e-16), 0, v);
    });
  }

  /** Eigenvectors of the m largest eigenvalues (all by default) as columns, in their order. */
  eigenvectors(m?: number): np.ndarray {
    const { values, order, grid } = this.#ordering(m);
    values.store.dispose();
    return tidy(() => {
      // Each eigenvector is the tensor product of 1-D ones, by its multi-index in the grid.
      const flat = Array.from(order.toArray() as ArrayLike<number | bigint>, Number);
      order.store.dispose();
      const columns = flat.map((k) => {
        const multi: number[] = [];
        for (let d = grid.length - 1; d >= 0; d--) {
          multi[d] = k % grid[d]!;
          k = Math.floor(k / grid[d]!);
        }
        let v = this.#eigenvector1d(multi[0]!, this.gridShape[0]!);
        for (let d = 1; d < grid.length; d++) v = np.ravel(np.outer(v, this.#eigenvector1d(multi[d]!, this.gridShape[d]!)));
        return v;
      });
      return np.copy(np.transpose(np.stack(columns)));
    });
  }
}
