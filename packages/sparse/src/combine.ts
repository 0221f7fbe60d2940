// SciPy's functions that combine or cut matrices: vstack, hstack, blockDiag, tril, triu, find.
// Stacking by rows joins the parts with numeric's operations; side by side, and the triangles,
// are row tasks (structure.ts).
import { ArgumentError, checkOptions, DTypeError, ShapeError, tidy, dtype as toDType, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import type { cooArray } from './coo.js';
import { csrArray, type CsrInput } from './csr.js';
import type { cscArray } from './csc.js';
import type { diaArray } from './dia.js';
import { indexType } from './structure.js';

export interface StackOptions {
  /** Only 'csr'. */
  format?: 'csr';
  /** The result's value type (by default the blocks' common type). */
  dtype?: DTypeLike;
}

function stackOptions(options: StackOptions | undefined, fn: string): StackOptions {
  const o = checkOptions(options, ['format', 'dtype'], fn);
  if (o.format !== undefined && o.format !== 'csr') throw new np.ValueError('format', `${fn}: only 'csr' is supported, got '${String(o.format)}'`);
  return o;
}

/**
 * The blocks as matrices (dense or other inputs converted), passed to `body`; the conversions
 * are freed afterwards.
 */
function withMatrices<T>(blocks: unknown, fn: string, body: (list: csrArray[]) => T): T {
  if (!Array.isArray(blocks)) throw new DTypeError('blocks', `${fn}: expected an array of matrices, got ${typeof blocks}`);
  if (blocks.length === 0) throw new np.ValueError('blocks', `${fn}: blocks must not be empty`);
  const made: csrArray[] = [];
  try {
    const list = blocks.map((b, i) => {
      if (b instanceof csrArray) return b;
      try {
        const m = new csrArray(b as CsrInput);
        made.push(m);
        return m;
      } catch (e) {
        throw new DTypeError('blocks', `${fn}: block ${i} is not a matrix: ${(e as Error).message}`);
      }
    });
    return body(list);
  } finally {
    for (const m of made) m.dispose();
  }
}

function commonType(list: readonly csrArray[], dtype: DTypeLike | undefined): DType {
  return dtype !== undefined ? toDType(dtype) : list.map((m) => m.dtype).reduce((a, b) => np.resultType(a, b));
}

/** The extent every block shares along `dim` (0 rows, 1 columns), or a ShapeError naming the first that differs. */
function sharedExtent(list: readonly csrArray[], dim: 0 | 1, fn: string): number {
  const extent = list[0]!.shape[dim];
  list.forEach((m, i) => {
    if (m.shape[dim] !== extent) throw new ShapeError('blocks', `${fn}: blocks[${i}].shape[${dim}] is ${m.shape[dim]}, blocks[0].shape[${dim}] is ${extent}`);
  });
  return extent;
}

/** The blocks' parts one under another in type t, block i's columns shifted by shift(i). */
function joinRows(list: readonly csrArray[], t: DType, cols: number, shift: (i: number) => number): csrArray {
  const rows = list.reduce((n, m) => n + m.shape[0], 0);
  const it = indexType(rows, cols, list.reduce((n, m) => n + m.nnz, 0));
  const data = np.concatenate(list.map((m) => m.data.astype(t)));
  const indices = np.concatenate(list.map((m, i) => (shift(i) === 0 ? m.indices.astype(it) : np.add(m.indices.astype(it), shift(i)))));
  let offset = 0;
  const pointers = [np.zeros([1], it)];
  for (const m of list) {
    pointers.push(np.add(m.indptr.slice({ start: 1 }).astype(it), offset));
    offset += m.nnz;
  }
  const canonical = list.every((m) => m.hasCanonicalFormat) ? true : undefined;
  return csrArray.fromArrays(data, indices, np.concatenate(pointers), [rows, cols], canonical);
}

/**
 * The blocks one under another (SciPy's `vstack`); they must have the same number of columns.
 *
 * @example
 * ```ts
 * console.log(sparse.vstack([sparse.eye(2), sparse.eye(1, 2)]).toarray());
 * // array([[1., 0.],
 * //        [0., 1.],
 * //        [1., 0.]])
 * ```
 */
export function vstack(blocks: readonly (csrArray | CsrInput)[], options?: StackOptions): csrArray {
  const o = stackOptions(options, 'vstack');
  return withMatrices(blocks, 'vstack', (list) => {
    const cols = sharedExtent(list, 1, 'vstack');
    const t = commonType(list, o.dtype);
    return tidy(() => joinRows(list, t, cols, () => 0));
  });
}

/**
 * The blocks side by side (SciPy's `hstack`); they must have the same number of rows.
 *
 * @example
 * ```ts
 * console.log(sparse.hstack([sparse.eye(2), sparse.identity(2).multiply(3)]).toarray());
 * // array([[1., 0., 3., 0.],
 * //        [0., 1., 0., 3.]])
 * ```
 */
export function hstack(blocks: readonly (csrArray | CsrInput)[], options?: StackOptions): csrArray {
  const o = stackOptions(options, 'hstack');
  return withMatrices(blocks, 'hstack', (list) => {
    sharedExtent(list, 0, 'hstack');
    const t = commonType(list, o.dtype);
    return tidy(() => {
      let acc = list[0]!.astype(t);
      for (const m of list.slice(1)) acc = csrArray.concatColumns(acc, m.dtype === t ? m : m.astype(t));
      return acc;
    });
  });
}

/**
 * The matrices along the diagonal of a block matrix, zeros elsewhere (SciPy's `block_diag`).
 *
 * @example
 * ```ts
 * console.log(sparse.blockDiag([sparse.identity(1), sparse.diags([1, 2], [0, 1], { shape: [2, 2] })]).toarray());
 * // array([[1., 0., 0.],
 * //        [0., 1., 2.],
 * //        [0., 0., 1.]])
 * ```
 */
export function blockDiag(mats: readonly (csrArray | CsrInput)[], options?: StackOptions): csrArray {
  const o = stackOptions(options, 'blockDiag');
  return withMatrices(mats, 'blockDiag', (list) => {
    const t = commonType(list, o.dtype);
    const cols = list.reduce((n, m) => n + m.shape[1], 0);
    const starts = list.map((_, i) => list.slice(0, i).reduce((n, m) => n + m.shape[1], 0));
    return tidy(() => joinRows(list, t, cols, (i) => starts[i]!));
  });
}

function triangle(A: csrArray | CsrInput, k: number, upper: boolean, fn: string, options?: { format?: 'csr' }): csrArray {
  if (!Number.isSafeInteger(k)) throw new DTypeError('k', `${fn}: expected an integer, got ${String(k)}`);
  const o = checkOptions(options, ['format'], fn);
  if (o.format !== undefined && o.format !== 'csr') throw new np.ValueError('format', `${fn}: only 'csr' is supported, got '${String(o.format)}'`);
  const m = A instanceof csrArray ? A : new csrArray(A);
  try {
    return csrArray.band(m, upper, k);
  } finally {
    if (m !== A) m.dispose();
  }
}

/**
 * The entries on and below diagonal k (SciPy's `tril`), explicit zeros kept, duplicates summed.
 *
 * @example
 * ```ts
 * console.log(sparse.tril(new sparse.csrArray(np.arange(1, 10).reshape([3, 3]))).toarray());
 * // array([[1, 0, 0],
 * //        [4, 5, 0],
 * //        [7, 8, 9]])
 * ```
 */
export function tril(A: csrArray | CsrInput, k = 0, options?: { format?: 'csr' }): csrArray {
  return triangle(A, k, false, 'tril', options);
}

/**
 * The entries on and above diagonal k (SciPy's `triu`), explicit zeros kept, duplicates summed.
 *
 * @example
 * ```ts
 * console.log(sparse.triu(new sparse.csrArray(np.arange(1, 10).reshape([3, 3])), 1).toarray());
 * // array([[0, 2, 3],
 * //        [0, 0, 6],
 * //        [0, 0, 0]])
 * ```
 */
export function triu(A: csrArray | CsrInput, k = 0, options?: { format?: 'csr' }): csrArray {
  return triangle(A, k, true, 'triu', options);
}

/**
 * The rows, columns and values of the nonzero entries, duplicates summed (SciPy's `find`).
 *
 * @example
 * ```ts
 * const [row, col, data] = sparse.find(sparse.diags([5, 6], [1, -1], { shape: [2, 2] }));
 * console.log(row, col, data);
 * // array([0, 1], dtype=int32) array([1, 0], dtype=int32) array([5., 6.])
 * ```
 */
export function find(A: csrArray | CsrInput): [row: np.ndarray, col: np.ndarray, data: np.ndarray] {
  if (arguments.length > 1) throw new ArgumentError('A', 'find: takes one matrix');
  const m = A instanceof csrArray ? A.copy() : new csrArray(A);
  try {
    m.sumDuplicates();
    m.eliminateZeros();
    const { row, col, data } = m.toCoo();
    return [row, col, data];
  } finally {
    m.dispose();
  }
}

export interface BlockOptions {
  /** 'csr' (default), 'csc', 'coo' or 'dia'. */
  format?: 'csr' | 'csc' | 'coo' | 'dia';
  /** The result's value type (by default the blocks' common type). */
  dtype?: DTypeLike;
}

/**
 * A matrix of blocks (SciPy's `block_array`): `blocks` is a 2-D grid of matrices (sparse, or
 * anything csrArray takes) with `null` for an empty block. The blocks in a grid row share their
 * number of rows, those in a grid column their number of columns; every grid row and column
 * needs one block that tells its extent.
 *
 * @example
 * ```ts
 * const B = sparse.blockArray([[sparse.identity(2), null], [null, sparse.identity(1).multiply(7)]], { format: 'csr' });
 * console.log(B.toarray());
 * // array([[1., 0., 0.],
 * //        [0., 1., 0.],
 * //        [0., 0., 7.]])
 * ```
 */
export function blockArray(blocks: readonly (readonly unknown[])[], options?: BlockOptions): csrArray | cscArray | cooArray | diaArray {
  return blocksOf(blocks, options, 'blockArray');
}

/**
 * The same as {@link blockArray} (SciPy's older `bmat`).
 *
 * @example
 * ```ts
 * console.log(sparse.bmat([[sparse.eye(1), sparse.eye(1)]]).toarray());
 * // array([[1., 1.]])
 * ```
 */
export function bmat(blocks: readonly (readonly unknown[])[], options?: BlockOptions): csrArray | cscArray | cooArray | diaArray {
  return blocksOf(blocks, options, 'bmat');
}

function blocksOf(blocks: readonly (readonly unknown[])[], options: BlockOptions | undefined, fn: string): csrArray | cscArray | cooArray | diaArray {
  if (arguments.length > 3) throw new ArgumentError('options', `${fn}: takes the blocks and one options object`);
  const o = checkOptions(options, ['format', 'dtype'], fn);
  if (!Array.isArray(blocks) || blocks.length === 0 || !blocks.every((r) => Array.isArray(r))) {
    throw new np.ValueError('blocks', `${fn}: expected a non-empty 2-D array of blocks (rows of matrices or null)`);
  }
  const width = blocks[0]!.length;
  blocks.forEach((r, i) => {
    if (r.length !== width) throw new np.ValueError('blocks', `${fn}: blocks[${i}] has ${r.length} blocks, blocks[0] has ${width}`);
  });
  if (width === 0) throw new np.ValueError('blocks', `${fn}: blocks must not be empty`);
  const flat = blocks.flat();
  const present = flat.map((b, k) => ({ b, k })).filter(({ b }) => b !== null && b !== undefined);
  return withMatrices(present.map(({ b }) => b), fn, (list) => {
    const at = new Map(present.map(({ k }, i) => [k, list[i]!]));
    const heights = blocks.map((_, i) => extentAlong(at, i, width, 0, fn));
    const widths = blocks[0]!.map((_, j) => extentAlong(at, j, width, 1, fn));
    if (list.length === 0) throw new np.ValueError('blocks', `${fn}: every block is null`);
    const t = commonType(list, o.dtype);
    const m = tidy(() => {
      const rows = blocks.map((_, i) => {
        const row = widths.map((w, j) => at.get(i * width + j) ?? emptyMatrix(heights[i]!, w, t));
        let acc = row[0]!.astype(t);
        for (const b of row.slice(1)) acc = csrArray.concatColumns(acc, b.dtype === t ? b : b.astype(t));
        return acc;
      });
      const cols = widths.reduce((a, b) => a + b, 0);
      return rows.length === 1 ? rows[0]! : joinRows(rows, t, cols, () => 0);
    });
    if (o.format === undefined || o.format === 'csr') return m;
    if (o.format !== 'csc' && o.format !== 'coo' && o.format !== 'dia') {
      m.dispose();
      throw new np.ValueError('format', `${fn}: expected format 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(o.format)}`);
    }
    try {
      return o.format === 'csc' ? m.tocsc() : o.format === 'coo' ? m.tocoo() : m.todia();
    } finally {
      m.dispose();
    }
  });
}

/** The extent of grid row (dim 0) or column (dim 1) `index`, the same for all its blocks. */
function extentAlong(at: ReadonlyMap<number, csrArray>, index: number, width: number, dim: 0 | 1, fn: string): number {
  let extent: number | undefined;
  for (const [k, m] of at) {
    const [i, j] = [Math.floor(k / width), k % width];
    if ((dim === 0 ? i : j) !== index) continue;
    if (extent === undefined) extent = m.shape[dim];
    else if (m.shape[dim] !== extent) {
      throw new ShapeError('blocks', `${fn}: blocks[${i}][${j}] has ${m.shape[dim]} ${dim === 0 ? 'rows' : 'columns'}, expected ${extent} (its grid ${dim === 0 ? 'row' : 'column'})`);
    }
  }
  if (extent === undefined) throw new np.ValueError('blocks', `${fn}: grid ${dim === 0 ? 'row' : 'column'} ${index} has only null blocks, so its extent is unknown`);
  return extent;
}

function emptyMatrix(rows: number, cols: number, t: DType): csrArray {
  const it = indexType(rows, cols, 0);
  return csrArray.fromArrays(np.empty([0], t), np.empty([0], it), np.zeros([rows + 1], it), [rows, cols], true);
}
