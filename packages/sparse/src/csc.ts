// cscArray: SciPy's csc_array. Its data, indices and indptr are exactly those of the CSR
// matrix of its transpose, so it is held as that csrArray and every operation is the
// transposed one: no conversion, and the same row tasks.
import { checkOptions, DTypeError, LogicalStore, ShapeError, tidy, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { sparray, type SparseArray } from './sparray.js';

import { cooArray } from './coo.js';
import { diaArray, diaOf } from './dia.js';
import { csrArray, type ArrayInput, type ExtremeOptions } from './csr.js';

/**
 * What a cscArray is made from, as SciPy's `csc_array(arg)`: another sparse matrix, a dense
 * matrix, `[data, indices, indptr]` (column pointers and row indices) or COO triples
 * `[data, [row, col]]`.
 */
export type CscInput =
  | csrArray
  | cscArray
  | cooArray
  | np.ndarray
  | np.Nested
  | readonly [ArrayInput, ArrayInput, ArrayInput]
  | readonly [ArrayInput, readonly [ArrayInput, ArrayInput]];

export interface CscOptions {
  /** (rows, columns); inferred from the input when omitted. */
  shape?: readonly number[];
  dtype?: DTypeLike;
  /** Copy the given data, indices and indptr arrays (by default they become the matrix's own). */
  copy?: boolean;
}

const UNSET = Symbol('unset');
const isPart = (x: unknown): boolean => x instanceof np.ndarray || ArrayBuffer.isView(x) || Array.isArray(x);


/** A sparse matrix in compressed sparse column format (SciPy's `csc_array`). */
export class cscArray extends sparray {
  /** Aᵀ in CSR: A's columns are its rows. */
  #t!: csrArray;
  declare readonly stores: readonly LogicalStore[];

  constructor(arg: CscInput, options: CscOptions = {}) {
    super();
    Object.defineProperty(this, 'stores', { enumerable: true, get: () => (this.#t ? this.#t.stores : []) });
    if ((arg as unknown) === UNSET) return;
    options = checkOptions(options, ['shape', 'dtype', 'copy'], 'cscArray');
    const shape = options.shape;
    if (shape !== undefined && (!Array.isArray(shape) || shape.length !== 2)) throw new ShapeError('shape', `expected two non-negative integers (rows, columns), got ${JSON.stringify(shape)}`);
    const flipped = shape === undefined ? {} : { shape: [shape[1]!, shape[0]!] };
    const dtype = options.dtype === undefined ? {} : { dtype: options.dtype };
    if (arg instanceof cscArray) {
      if (shape && (shape[0] !== arg.shape[0] || shape[1] !== arg.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the matrix's (${arg.shape.join(', ')})`);
      this.#t = new csrArray(arg.#t, dtype);
    } else if (arg instanceof csrArray || arg instanceof cooArray) {
      if (shape && (shape[0] !== arg.shape[0] || shape[1] !== arg.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the matrix's (${arg.shape.join(', ')})`);
      this.#t = tidy(() => {
        const t = arg.transpose();
        return options.dtype === undefined || t.dtype.name === String(options.dtype) ? (t instanceof csrArray ? t : t.tocsr()) : new csrArray(t instanceof csrArray ? t : t.tocsr(), dtype);
      });
    } else if (Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1]) && (arg[1] as unknown[]).length === 2 && (arg[1] as unknown[]).every(isPart)) {
      const [data, [row, col]] = arg as unknown as readonly [ArrayInput, readonly [ArrayInput, ArrayInput]];
      try {
        this.#t = new csrArray([data, [col, row]], { ...flipped, ...dtype });
      } catch (e) {
        throw swapNames(e);
      }
    } else if (Array.isArray(arg) && arg.length === 3 && arg.some((p) => p instanceof np.ndarray || ArrayBuffer.isView(p))) {
      try {
        this.#t = new csrArray(arg as unknown as readonly [ArrayInput, ArrayInput, ArrayInput], { ...flipped, ...dtype, ...(options.copy === undefined ? {} : { copy: options.copy }) });
      } catch (e) {
        throw swapNames(e);
      }
    } else {
      const dense = arg instanceof np.ndarray ? arg : np.asarray(arg as np.Nested);
      if (dense.ndim > 2) throw new ShapeError('arg', `expected a 2-D dense matrix, got shape (${dense.shape.join(', ')})`);
      const matrix = dense.ndim === 2 ? dense : dense.reshape(1, dense.size);
      this.#t = tidy(() => new csrArray(np.transpose(matrix), { ...flipped, ...dtype }));
      if (matrix !== dense) matrix.store.dispose();
    }
  }

  /** @internal The CSC matrix whose transpose is `t` (t becomes its own). */
  static fromTransposed(t: csrArray): cscArray {
    const m = new cscArray(UNSET as never);
    m.#t = t;
    return m;
  }

  /** Frees the matrix's stores. */
  dispose(): void {
    this.#t.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  get disposed(): boolean {
    return this.#t.disposed;
  }

  get shape(): readonly [number, number] {
    const [r, c] = this.#t.shape;
    return [c, r];
  }
  get ndim(): 2 {
    return 2;
  }
  get format(): 'csc' {
    return 'csc';
  }
  get dtype(): DType {
    return this.#t.dtype;
  }
  /** Stored values, explicit zeros included. */
  get nnz(): number {
    return this.#t.nnz;
  }
  /** Same as {@link nnz} (SciPy's `size`). */
  get size(): number {
    return this.#t.nnz;
  }
  /** The values, column by column. */
  get data(): np.ndarray {
    return this.#t.data;
  }
  /** The row of each value. */
  get indices(): np.ndarray {
    return this.#t.indices;
  }
  /** Column j's values are `data[indptr[j]:indptr[j + 1]]`. */
  get indptr(): np.ndarray {
    return this.#t.indptr;
  }
  /** Whether rows increase strictly within every column (sorted, no duplicates). */
  get hasCanonicalFormat(): boolean {
    return this.#t.hasCanonicalFormat;
  }
  /** Whether the row indices are sorted within every column. */
  get hasSortedIndices(): boolean {
    return this.#t.hasSortedIndices;
  }

  /** The transpose: a CSR matrix over copies of the same three arrays. */
  get T(): csrArray {
    return this.transpose();
  }
  transpose(): csrArray {
    return this.#t.copy();
  }

  /** The same matrix in CSR (a transpose task). */
  tocsr(): csrArray {
    return this.#t.transpose();
  }
  /** This matrix, or a copy with `copy`. */
  tocsc(options: { copy?: boolean } = {}): cscArray {
    options = checkOptions(options, ['copy'], 'tocsc');
    return options.copy ? this.copy() : this;
  }
  /** COO triples of the stored entries, column by column (SciPy's order). */
  tocoo(): cooArray {
    const c = this.#t.tocoo();
    const [rows, cols] = this.shape;
    return cooArray.fromArrays(c.col, c.row, c.data, [rows, cols], undefined);
  }
  /** The matrix in format 'csr', 'csc' or 'coo' (this one when it already is). */
  /** The diagonals that hold entries as a DIA matrix. */
  todia(): diaArray {
    return tidy(() => diaOf(this.tocsr()));
  }
  asformat(format: 'csr' | 'csc' | 'coo' | 'dia'): SparseArray | diaArray {
    if (format === 'csc') return this;
    if (format === 'csr') return this.tocsr();
    if (format === 'coo') return this.tocoo();
    if (format === 'dia') return this.todia();
    throw new np.ValueError('format', `asformat: expected 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(format)}`);
  }
  /** The dense matrix (duplicates summed), C-ordered. */
  toarray(): np.ndarray {
    return tidy(() => np.copy(np.transpose(this.#t.toarray())));
  }
  /** Same as {@link toarray}. */
  toDense(): np.ndarray {
    return this.toarray();
  }

  #wrap(t: csrArray): cscArray {
    return cscArray.fromTransposed(t);
  }

  /**
   * The product with a dense vector, column or matrix (dense), or with a sparse matrix (a CSC
   * result, as SciPy's). A product with a dense operand converts A to CSR first: convert once
   * with {@link tocsr} for repeated products.
   */
  dot(other: np.ndarray): np.ndarray;
  dot(other: SparseArray): cscArray;
  dot(other: np.ndarray | SparseArray): np.ndarray | cscArray;
  dot(other: np.ndarray | SparseArray): np.ndarray | cscArray {
    if (other instanceof sparray) {
      if (other.shape[0] !== this.shape[1]) throw new ShapeError('other', `dimension mismatch: (${this.shape.join(', ')}) @ (${other.shape.join(', ')})`);
      // (A·B)ᵀ = Bᵀ·Aᵀ: both transposes are CSR already for CSC operands.
      return tidy(() => this.#wrap(cscArray.#transposedOf(other).dot(this.#t)));
    }
    if (!(other instanceof np.ndarray)) throw new DTypeError('other', `expected an ndarray or a sparse matrix, got ${other === null ? 'null' : typeof other}`);
    return tidy(() => this.tocsr().dot(other));
  }
  /** Same as {@link dot}. */
  matmul(other: np.ndarray): np.ndarray;
  matmul(other: SparseArray): cscArray;
  matmul(other: np.ndarray | SparseArray): np.ndarray | cscArray {
    return this.dot(other);
  }
  /** A·x for a dense vector (through a CSR copy of A). */
  matvec(x: np.ndarray): np.ndarray {
    return tidy(() => this.tocsr().matvec(x));
  }

  #elementwise(other: SparseArray | np.ndarray, op: 'add' | 'subtract'): cscArray | np.ndarray {
    if (other instanceof np.ndarray) return tidy(() => (op === 'add' ? np.add(this.toarray(), other) : np.subtract(this.toarray(), other)));
    if (!(other instanceof sparray)) throw new DTypeError('other', `expected a sparse matrix or an ndarray, got ${other === null ? 'null' : typeof other}`);
    return tidy(() => this.#wrap((op === 'add' ? this.#t.add(cscArray.#transposedOf(other)) : this.#t.subtract(cscArray.#transposedOf(other))) as csrArray));
  }
  /** A + B: CSC for a sparse B, dense for a dense one. */
  add(other: SparseArray | np.ndarray): cscArray | np.ndarray {
    return this.#elementwise(other, 'add');
  }
  /** A − B: CSC for a sparse B, dense for a dense one. */
  subtract(other: SparseArray | np.ndarray): cscArray | np.ndarray {
    return this.#elementwise(other, 'subtract');
  }
  /** Entry-wise product by a scalar, a sparse matrix or a dense array broadcast to the shape (a CSC result). */
  multiply(other: number | SparseArray | np.ndarray): cscArray {
    if (other instanceof sparray) {
      if (other.shape[0] !== this.shape[0] || other.shape[1] !== this.shape[1]) throw new ShapeError('other', `inconsistent shapes: (${this.shape.join(', ')}) and (${other.shape.join(', ')})`);
      return tidy(() => this.#wrap(this.#t.multiply(cscArray.#transposedOf(other))));
    }
    if (other instanceof np.ndarray) {
      if (np.broadcastShapes(other.shape, this.shape).join() !== this.shape.join()) throw new ShapeError('other', `inconsistent shapes: (${this.shape.join(', ')}) and (${other.shape.join(', ')})`);
      return tidy(() => this.#wrap(this.#t.multiply(np.transpose(np.broadcastTo(other, this.shape)))));
    }
    return this.#wrap(this.#t.multiply(other));
  }
  divide(value: number): cscArray {
    return this.#wrap(this.#t.divide(value));
  }
  negative(): cscArray {
    return this.#wrap(this.#t.negative());
  }
  abs(): cscArray {
    return this.#wrap(this.#t.abs());
  }
  power(exponent: number): cscArray {
    return this.#wrap(this.#t.power(exponent));
  }
  conj(): cscArray {
    return this.#wrap(this.#t.conj());
  }
  conjugate(): cscArray {
    return this.conj();
  }
  real(): cscArray {
    return this.#wrap(this.#t.real());
  }
  imag(): cscArray {
    return this.#wrap(this.#t.imag());
  }
  astype(dtype: DTypeLike): cscArray {
    return this.#wrap(this.#t.astype(dtype));
  }
  copy(): cscArray {
    return this.#wrap(this.#t.copy());
  }
  sin(): cscArray {
    return this.#wrap(this.#t.sin());
  }
  tan(): cscArray {
    return this.#wrap(this.#t.tan());
  }
  arcsin(): cscArray {
    return this.#wrap(this.#t.arcsin());
  }
  arctan(): cscArray {
    return this.#wrap(this.#t.arctan());
  }
  sinh(): cscArray {
    return this.#wrap(this.#t.sinh());
  }
  tanh(): cscArray {
    return this.#wrap(this.#t.tanh());
  }
  arcsinh(): cscArray {
    return this.#wrap(this.#t.arcsinh());
  }
  arctanh(): cscArray {
    return this.#wrap(this.#t.arctanh());
  }
  rint(): cscArray {
    return this.#wrap(this.#t.rint());
  }
  sign(): cscArray {
    return this.#wrap(this.#t.sign());
  }
  expm1(): cscArray {
    return this.#wrap(this.#t.expm1());
  }
  log1p(): cscArray {
    return this.#wrap(this.#t.log1p());
  }
  deg2rad(): cscArray {
    return this.#wrap(this.#t.deg2rad());
  }
  rad2deg(): cscArray {
    return this.#wrap(this.#t.rad2deg());
  }
  floor(): cscArray {
    return this.#wrap(this.#t.floor());
  }
  ceil(): cscArray {
    return this.#wrap(this.#t.ceil());
  }
  trunc(): cscArray {
    return this.#wrap(this.#t.trunc());
  }
  sqrt(): cscArray {
    return this.#wrap(this.#t.sqrt());
  }

  /** Bᵀ in CSR: a CSC matrix's own, otherwise a transpose (owned by the caller's tidy scope). */
  static #transposedOf(other: SparseArray): csrArray {
    if (other instanceof cscArray) return other.#t;
    if (other instanceof cooArray || other instanceof diaArray) return other.tocsc().#t;
    return other.transpose();
  }

  /** The axis of the transpose that is this matrix's `axis`. */
  static #flip(axis: number | null | undefined): number | null | undefined {
    if (axis === undefined || axis === null) return axis;
    if (axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) throw new np.AxisError('axis', `axis ${axis} is out of bounds for a matrix of dimension 2`);
    return axis === 0 || axis === -2 ? 1 : 0;
  }
  sum(axis?: number | null): np.ndarray {
    return this.#t.sum(cscArray.#flip(axis));
  }
  nanmax(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#t.nanmax(cscArray.#flip(axis), options);
  }
  nanmin(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#t.nanmin(cscArray.#flip(axis), options);
  }
  /** As {@link csrArray.argmax}: a flat row-major index, or per row or column with an axis. */
  argmax(axis?: number | null, options?: ExtremeOptions): np.ndarray | number {
    // Ties go to the first place in row-major order: the whole matrix is searched in CSR.
    if (axis === undefined || axis === null) return tidy(() => this.tocsr().argmax(axis, options));
    return this.#t.argmax(cscArray.#flip(axis), options);
  }
  argmin(axis?: number | null, options?: ExtremeOptions): np.ndarray | number {
    if (axis === undefined || axis === null) return tidy(() => this.tocsr().argmin(axis, options));
    return this.#t.argmin(cscArray.#flip(axis), options);
  }
  /** The entry-wise maximum, as {@link csrArray.maximum} (a CSC result for a sparse or scalar operand). */
  maximum(other: number | SparseArray | np.ndarray): cscArray | np.ndarray {
    return this.#pairwise(other, true);
  }
  minimum(other: number | SparseArray | np.ndarray): cscArray | np.ndarray {
    return this.#pairwise(other, false);
  }
  #pairwise(other: number | SparseArray | np.ndarray, largest: boolean): cscArray | np.ndarray {
    const fn = (t: csrArray, b: number | csrArray | np.ndarray) => (largest ? t.maximum(b) : t.minimum(b)) as csrArray;
    if (other instanceof np.ndarray) return tidy(() => (largest ? np.maximum : np.minimum)(this.toarray(), other));
    if (other instanceof sparray) {
      if (other.shape[0] !== this.shape[0] || other.shape[1] !== this.shape[1]) throw new ShapeError('other', `inconsistent shapes: (${this.shape.join(', ')}) and (${other.shape.join(', ')})`);
      return tidy(() => this.#wrap(fn(this.#t, cscArray.#transposedOf(other))));
    }
    return this.#wrap(fn(this.#t, other));
  }
  mean(axis?: number | null): np.ndarray {
    return this.#t.mean(cscArray.#flip(axis));
  }
  max(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#t.max(cscArray.#flip(axis), options);
  }
  min(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#t.min(cscArray.#flip(axis), options);
  }
  /** The k-th diagonal (k > 0 above the main one), duplicates summed. */
  diagonal(k = 0): np.ndarray {
    if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${k}`);
    return this.#t.diagonal(-k);
  }
  trace(offset = 0): np.ndarray {
    if (!Number.isSafeInteger(offset)) throw new DTypeError('offset', `trace: expected an integer, got ${String(offset)}`);
    return this.#t.trace(-offset);
  }
  countNonzero(): number {
    return this.#t.countNonzero();
  }
  /** The row and column indices of the stored entries that are not zero, column by column. */
  nonzero(): [np.ndarray, np.ndarray] {
    const [c, r] = this.#t.nonzero();
    return [r, c];
  }
  /** Entry (i, j), duplicates summed, zero where nothing is stored. */
  get(i: number, j: number): np.Element {
    const [rows, cols] = this.shape;
    for (const [v, name, extent, axis] of [[i, 'i', rows, 0], [j, 'j', cols, 1]] as const) {
      if (!Number.isSafeInteger(v)) throw new np.IndexError(name, `expected an integer index, got ${String(v)}`);
      if (v < -extent || v >= extent) throw new np.IndexError(name, `index ${v} is out of bounds for axis ${axis} with size ${extent}`);
    }
    return this.#t.get(j, i);
  }
  /** The submatrix of row and column slices, as {@link csrArray.slice}. */
  slice(...index: np.IndexArgument[]): cscArray {
    const items = index.length === 1 && typeof index[0] === 'string' ? np.parseIndex(index[0]) : (index.flat() as np.IndexItem[]);
    if (items.includes('...')) return this.#wrap(this.#t.slice(...swapEllipsis(items)));
    if (items.length > 2) throw new np.IndexError('index', `slice: too many indices for a matrix: ${JSON.stringify(index)}`);
    const [r = {}, c = {}] = items;
    return this.#wrap(this.#t.slice(c, r));
  }
  /** The rows (axis 0) or columns (axis 1) at integer `indices`, in their order. */
  take(indices: np.ndarray | readonly number[], axis: 0 | 1 = 0): cscArray {
    if (axis !== 0 && axis !== 1) throw new np.AxisError('axis', `take: axis ${String(axis)} is out of bounds for a matrix (0 or 1)`);
    return this.#wrap(this.#t.take(indices, axis === 0 ? 1 : 0));
  }

  /** Sorts the row indices within each column, in place. */
  sortIndices(): void {
    this.#t.sortIndices();
  }
  /** A copy with sorted row indices. */
  sortedIndices(): cscArray {
    return this.#wrap(this.#t.sortedIndices());
  }
  /** Sums duplicate entries and sorts the indices, in place. */
  sumDuplicates(): void {
    this.#t.sumDuplicates();
  }
  /** Drops stored zeros, in place. */
  eliminateZeros(): void {
    this.#t.eliminateZeros();
  }
  /** As {@link csrArray.checkFormat}, for column pointers and row indices. */
  checkFormat(fullCheck = false): void {
    this.#t.checkFormat(fullCheck);
  }
  /** Sets diagonal k to `values`, in place, as {@link csrArray.setdiag}. */
  setdiag(values: number | bigint | boolean | np.ndarray | readonly number[], k = 0): void {
    if (!Number.isSafeInteger(k)) throw new DTypeError('k', `setdiag: expected an integer, got ${String(k)}`);
    this.#t.setdiag(values, -k);
  }
  /** Changes the shape in place; entries outside it are dropped. */
  resize(rows: number | readonly number[], cols?: number): void {
    const [r, c] = Array.isArray(rows) ? rows : [rows, cols];
    if (Array.isArray(rows) && (rows.length !== 2 || cols !== undefined)) throw new ShapeError('shape', `resize: expected (rows, columns), got ${JSON.stringify(rows)}`);
    this.#t.resize(c as number, r as number);
  }
  /** The same entries in another shape with as many elements (a CSC result). */
  reshape(shape: readonly number[], options: { order?: 'C' | 'F'; copy?: boolean } = {}): cscArray {
    options = checkOptions(options, ['order', 'copy'], 'reshape');
    const order = options.order ?? 'C';
    if (order !== 'C' && order !== 'F') throw new np.ValueError('order', `reshape: order must be 'C' or 'F', got ${JSON.stringify(order)}`);
    if (!Array.isArray(shape) || shape.length !== 2) throw new ShapeError('shape', `reshape: expected two integers (rows, columns), got ${JSON.stringify(shape)}`);
    // Aᵀ in the flipped shape and order holds the same linear positions.
    const r = this.#t.reshape([shape[1]!, shape[0]!], { order: order === 'C' ? 'F' : 'C', copy: true });
    return this.#wrap(r === this.#t ? r.copy() : r);
  }

  override toString(): string {
    return `<cscArray of dtype '${this.dtype.name}' with ${this.nnz} stored elements and shape (${this.shape.join(', ')})>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function swapEllipsis(items: np.IndexItem[]): np.IndexItem[] {
  const at = items.indexOf('...');
  const full = [...items.slice(0, at), ...Array(Math.max(0, 3 - items.length)).fill({}), ...items.slice(at + 1)] as np.IndexItem[];
  if (full.length !== 2) throw new np.IndexError('index', `slice: too many indices for a matrix: ${JSON.stringify(items)}`);
  return [full[1]!, full[0]!];
}

/** An error about the CSR of the transpose, told in CSC terms (rows and columns swapped). */
function swapNames(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const swap = (w: string) => (w === 'row' ? 'col' : 'row');
  e.message = e.message.replace(/\b(row|col)\b/g, swap).replace(/\bcolumn index\b/g, 'row index');
  const named = e as { argument?: string };
  if (named.argument === 'row' || named.argument === 'col') Object.defineProperty(e, 'argument', { value: swap(named.argument) });
  return e;
}
