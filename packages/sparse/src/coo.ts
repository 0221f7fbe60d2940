// cooArray: SciPy's coo_array, three numeric arrays (rows, columns, values) of the stored
// entries in any order, duplicates allowed. Building a CSR or CSC matrix from it is the row
// tasks of structure.ts; most operations convert to CSR, as SciPy's do.
import { checkOptions, dtype as toDType, DTypeError, LogicalStore, ShapeError, tidy, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { sparray } from './sparray.js';

import { asIndexArray, asValues, checkRange, csrArray, extentOf, fromCoo, type ArrayInput, type ExtremeOptions } from './csr.js';
import { cscArray } from './csc.js';
import { diaArray, diaOf } from './dia.js';
import { indexType } from './structure.js';

/**
 * What a cooArray is made from, as SciPy's `coo_array(arg)`: COO triples `[data, [row, col]]`,
 * another sparse matrix, or a dense matrix.
 */
export type CooInput = csrArray | cscArray | cooArray | np.ndarray | np.Nested | readonly [ArrayInput, readonly [ArrayInput, ArrayInput]];

export interface CooOptions {
  /** (rows, columns); inferred from the largest indices when omitted. */
  shape?: readonly number[];
  dtype?: DTypeLike;
  /** Copy the given arrays (by default they become the matrix's own). */
  copy?: boolean;
}

const isPart = (x: unknown): boolean => x instanceof np.ndarray || ArrayBuffer.isView(x) || Array.isArray(x);
const UNSET = Symbol('unset');

function describe(x: unknown): string {
  return x === null ? 'null' : typeof x === 'object' ? ((x as object).constructor?.name ?? 'object') : typeof x;
}

/** A sparse matrix of coordinates (SciPy's `coo_array`): entry k is `data[k]` at (`row[k]`, `col[k]`). */
export class cooArray extends sparray {
  #shape: [number, number] = [0, 0];
  #row!: np.ndarray;
  #col!: np.ndarray;
  #data!: np.ndarray;
  #canonical: boolean | undefined;
  /** The matrix's stores, an own enumerable property so that `tidy(() => A.T)` keeps the result. */
  declare readonly stores: readonly LogicalStore[];

  constructor(arg: CooInput, options: CooOptions = {}) {
    super();
    Object.defineProperty(this, 'stores', { enumerable: true, get: () => (this.#data ? [this.#row.store, this.#col.store, this.#data.store] : []) });
    if ((arg as unknown) === UNSET) return;
    options = checkOptions(options, ['shape', 'dtype', 'copy'], 'cooArray');
    tidy(() => {
      this.#construct(arg, options);
      return [...this.stores];
    });
  }

  #construct(arg: CooInput, options: CooOptions): void {
    const shape = options.shape === undefined ? undefined : checkedShape(options.shape);
    if (arg instanceof cooArray || arg instanceof csrArray || arg instanceof cscArray) {
      if (shape && (shape[0] !== arg.shape[0] || shape[1] !== arg.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the matrix's (${arg.shape.join(', ')})`);
      const source = arg instanceof cooArray ? arg : arg.tocoo();
      const t = options.dtype === undefined ? source.dtype : toDType(options.dtype);
      this.#set(np.copy(source.row), np.copy(source.col), source.data.astype(t), source.shape, source.#canonical);
      if (source !== arg) source.dispose();
      return;
    }
    if (Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1]) && (arg[1] as unknown[]).length === 2 && (arg[1] as unknown[]).every(isPart) && isPart(arg[0])) {
      const [data, [row, col]] = arg as unknown as readonly [ArrayInput, readonly [ArrayInput, ArrayInput]];
      const values = asValues(data, 'data', options.dtype);
      const r = asIndexArray(row, 'row');
      const c = asIndexArray(col, 'col');
      if (r.size !== values.size || c.size !== values.size) throw new ShapeError('row', `row, col and data must have the same length, got ${r.size}, ${c.size} and ${values.size}`);
      const [rows, cols] = shape ?? [extentOf(r), extentOf(c)];
      checkRange(r, rows, 'row');
      checkRange(c, cols, 'col');
      const t = indexType(rows, cols, values.size);
      const own = (a: np.ndarray, given: unknown) => (a.dtype !== t ? a.astype(t) : options.copy || !(given instanceof np.ndarray) ? np.copy(a) : a);
      this.#set(own(r, row), own(c, col), options.copy && values === data ? np.copy(values) : values, [rows, cols], undefined);
      return;
    }
    // Dense input: its nonzeros, in row order.
    const m = new csrArray(arg as np.ndarray, { ...(options.dtype === undefined ? {} : { dtype: options.dtype }), ...(shape ? { shape } : {}) });
    try {
      const coo = m.tocoo();
      this.#set(coo.#row, coo.#col, coo.#data, coo.#shape, true);
    } finally {
      m.dispose();
    }
  }

  #set(row: np.ndarray, col: np.ndarray, data: np.ndarray, shape: readonly [number, number], canonical: boolean | undefined): void {
    this.#row = row;
    this.#col = col;
    this.#data = data;
    this.#shape = [shape[0], shape[1]];
    this.#canonical = canonical;
  }

  /** @internal A matrix over the given arrays (already checked; they become its own). */
  static fromArrays(row: np.ndarray, col: np.ndarray, data: np.ndarray, shape: readonly [number, number], canonicalFormat?: boolean): cooArray {
    const m = new cooArray(UNSET as never);
    m.#set(row, col, data, shape, canonicalFormat);
    return m;
  }

  /** Frees the matrix's stores. */
  dispose(): void {
    for (const store of this.stores) store.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  get disposed(): boolean {
    return this.#data !== undefined && this.#data.store.disposed;
  }

  get row(): np.ndarray {
    return this.#row;
  }
  get col(): np.ndarray {
    return this.#col;
  }
  get data(): np.ndarray {
    return this.#data;
  }
  get shape(): readonly [number, number] {
    return this.#shape;
  }
  get ndim(): 2 {
    return 2;
  }
  get format(): 'coo' {
    return 'coo';
  }
  get dtype(): DType {
    return this.#data.dtype;
  }
  /** Stored entries, duplicates and explicit zeros included. */
  get nnz(): number {
    return this.#data.size;
  }
  /** Same as {@link nnz} (SciPy's `size`). */
  get size(): number {
    return this.nnz;
  }

  /** Whether the entries are in row-major order without duplicates (known after {@link sumDuplicates}). */
  get hasCanonicalFormat(): boolean {
    if (this.#canonical === undefined) {
      const m = this.tocsr();
      try {
        // Canonical exactly when no two entries share a place and they come in row-major order.
        this.#canonical = m.nnz === this.nnz && tidy(() => {
          const c = m.tocoo();
          return Boolean(np.all(np.equal(c.row, this.#row)).item()) && Boolean(np.all(np.equal(c.col, this.#col)).item());
        });
      } finally {
        m.dispose();
      }
    }
    return this.#canonical;
  }

  /** A CSR matrix of the same entries (duplicates summed, columns sorted). */
  tocsr(): csrArray {
    const [rows, cols] = this.#shape;
    return fromCoo(rows, cols, this.#row, this.#col, this.#data);
  }

  /** A CSC matrix of the same entries (duplicates summed, rows sorted within columns). */
  tocsc(): cscArray {
    const [rows, cols] = this.#shape;
    return cscArray.fromTransposed(fromCoo(cols, rows, this.#col, this.#row, this.#data));
  }

  /** This matrix, or a copy with `copy`. */
  tocoo(options: { copy?: boolean } = {}): cooArray {
    options = checkOptions(options, ['copy'], 'tocoo');
    return options.copy ? this.copy() : this;
  }

  /** The matrix in format 'csr', 'csc' or 'coo' (this one when it already is). */
  /** The diagonals that hold entries as a DIA matrix. */
  todia(): diaArray {
    return tidy(() => diaOf(this.tocsr()));
  }
  asformat(format: 'csr' | 'csc' | 'coo' | 'dia'): csrArray | cscArray | cooArray | diaArray {
    if (format === 'coo') return this;
    if (format === 'csr') return this.tocsr();
    if (format === 'csc') return this.tocsc();
    if (format === 'dia') return this.todia();
    throw new np.ValueError('format', `asformat: expected 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(format)}`);
  }

  /** The dense matrix (duplicates summed). */
  toarray(): np.ndarray {
    return this.#viaCsr((m) => m.toarray());
  }
  /** Same as {@link toarray}. */
  toDense(): np.ndarray {
    return this.toarray();
  }
  /** This matrix (SciPy's `tocoo` name, for code written against csrArray's). */
  toCoo(): cooArray {
    return this;
  }

  /** The transpose: rows and columns exchanged (new arrays). */
  get T(): cooArray {
    return this.transpose();
  }
  transpose(): cooArray {
    return cooArray.fromArrays(np.copy(this.#col), np.copy(this.#row), np.copy(this.#data), [this.#shape[1], this.#shape[0]], undefined);
  }

  /** Sums duplicate entries and puts them in row-major order, in place. */
  sumDuplicates(): void {
    if (this.#canonical === true) return;
    const m = this.tocsr();
    try {
      const c = m.tocoo();
      this.dispose();
      this.#set(c.#row, c.#col, c.#data, this.#shape, true);
    } finally {
      m.dispose();
    }
  }

  /** Drops stored zeros, in place. */
  eliminateZeros(): void {
    const [row, col, data] = tidy(() => {
      const keep = np.notEqual(this.#data, np.zeros([], this.dtype));
      return [np.compress(keep, this.#row), np.compress(keep, this.#col), np.compress(keep, this.#data)];
    });
    this.dispose();
    this.#set(row!, col!, data!, this.#shape, this.#canonical === true ? true : undefined);
  }

  #mapValues(fn: (d: np.ndarray) => np.ndarray): cooArray {
    return tidy(() => cooArray.fromArrays(np.copy(this.#row), np.copy(this.#col), fn(this.#data), this.#shape, this.#canonical));
  }

  /** A temporary CSR form, freed after `body`. */
  #viaCsr<T>(body: (m: csrArray) => T): T {
    // The conversion (and an operand's, see asCsrOperand) is freed; what body returns is kept.
    return tidy(() => body(this.tocsr()));
  }

  astype(dtype: DTypeLike): cooArray {
    return this.#mapValues((d) => d.astype(dtype));
  }
  copy(): cooArray {
    return this.#mapValues((d) => np.copy(d));
  }
  conj(): cooArray {
    return this.#mapValues((d) => np.conj(d));
  }
  conjugate(): cooArray {
    return this.conj();
  }
  real(): cooArray {
    return this.#mapValues((d) => np.real(d));
  }
  imag(): cooArray {
    return this.#mapValues((d) => np.imag(d));
  }
  negative(): cooArray {
    return this.#mapValues((d) => np.negative(d));
  }
  abs(): cooArray {
    return this.#mapValues((d) => np.abs(d));
  }

  /** Entry-wise product: by a scalar (a COO result), or by a sparse or dense matrix (a CSR result, as SciPy's). */
  multiply(other: number | csrArray | cscArray | cooArray | np.ndarray): cooArray | csrArray {
    if (typeof other === 'number' || typeof other === 'bigint' || typeof other === 'boolean') return this.#mapValues((d) => np.multiply(d, other));
    return this.#viaCsr((m) => m.multiply(asCsrOperand(other) as csrArray));
  }

  /** Every value divided by a scalar. */
  divide(value: number): cooArray {
    if (typeof value !== 'number') throw new DTypeError('value', `expected a number, got ${describe(value)}`);
    return this.#mapValues((d) => np.divide(d, value));
  }

  /** A + B: a CSR result for a sparse B, dense for a dense one. */
  add(other: csrArray | cscArray | cooArray | np.ndarray): csrArray | np.ndarray {
    return this.#viaCsr((m) => m.add(asCsrOperand(other) as csrArray));
  }

  /** A − B: a CSR result for a sparse B, dense for a dense one. */
  subtract(other: csrArray | cscArray | cooArray | np.ndarray): csrArray | np.ndarray {
    return this.#viaCsr((m) => m.subtract(asCsrOperand(other) as csrArray));
  }

  /** The product with a dense vector or matrix, or a sparse matrix (CSR result). */
  dot(other: np.ndarray): np.ndarray;
  dot(other: csrArray | cscArray | cooArray): csrArray;
  dot(other: np.ndarray | csrArray | cscArray | cooArray): np.ndarray | csrArray;
  dot(other: np.ndarray | csrArray | cscArray | cooArray): np.ndarray | csrArray {
    return this.#viaCsr((m) => m.dot(asCsrOperand(other) as csrArray));
  }
  /** Same as {@link dot}. */
  matmul(other: np.ndarray): np.ndarray;
  matmul(other: csrArray | cscArray | cooArray): csrArray;
  matmul(other: np.ndarray | csrArray | cscArray | cooArray): np.ndarray | csrArray {
    return this.dot(other);
  }
  /** A·x for a dense vector. */
  matvec(x: np.ndarray): np.ndarray {
    return this.#viaCsr((m) => m.matvec(x));
  }

  sum(axis?: number | null): np.ndarray {
    return this.#viaCsr((m) => m.sum(axis));
  }
  mean(axis?: number | null): np.ndarray {
    return this.#viaCsr((m) => m.mean(axis));
  }
  max(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#viaCsr((m) => m.max(axis, options));
  }
  min(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#viaCsr((m) => m.min(axis, options));
  }
  nanmax(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#viaCsr((m) => m.nanmax(axis, options));
  }
  nanmin(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#viaCsr((m) => m.nanmin(axis, options));
  }
  argmax(axis?: number | null, options?: ExtremeOptions): np.ndarray | number {
    return this.#viaCsr((m) => m.argmax(axis, options));
  }
  argmin(axis?: number | null, options?: ExtremeOptions): np.ndarray | number {
    return this.#viaCsr((m) => m.argmin(axis, options));
  }
  /** The entry-wise maximum (a CSR result for a sparse or scalar operand, dense for a dense one). */
  maximum(other: number | csrArray | cscArray | cooArray | np.ndarray): csrArray | np.ndarray {
    return this.#viaCsr((m) => m.maximum(other));
  }
  minimum(other: number | csrArray | cscArray | cooArray | np.ndarray): csrArray | np.ndarray {
    return this.#viaCsr((m) => m.minimum(other));
  }
  diagonal(k = 0): np.ndarray {
    return this.#viaCsr((m) => m.diagonal(k));
  }
  trace(offset = 0): np.ndarray {
    return this.#viaCsr((m) => m.trace(offset));
  }
  countNonzero(): number {
    return this.#viaCsr((m) => m.countNonzero());
  }
  /** The row and column indices of the stored entries that are not zero, in stored order. */
  nonzero(): [np.ndarray, np.ndarray] {
    return tidy(() => {
      const keep = np.notEqual(this.#data, np.zeros([], this.dtype));
      return [np.compress(keep, this.#row), np.compress(keep, this.#col)] as [np.ndarray, np.ndarray];
    });
  }

  override toString(): string {
    return `<cooArray of dtype '${this.dtype.name}' with ${this.nnz} stored elements and shape (${this.#shape.join(', ')})>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

function checkedShape(shape: readonly number[]): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < 0)) {
    throw new ShapeError('shape', `expected two non-negative integers (rows, columns), got ${JSON.stringify(shape)}`);
  }
  return [shape[0]!, shape[1]!];
}

/**
 * A sparse operand in CSR (a CSC or COO one converted; the conversion is owned by the caller's
 * tidy scope), anything else unchanged.
 */
function asCsrOperand<T>(other: T): T | csrArray {
  return other instanceof cscArray || other instanceof cooArray ? other.tocsr() : other;
}
