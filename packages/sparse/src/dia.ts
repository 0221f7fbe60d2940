// diaArray: SciPy's dia_array, a matrix of a few diagonals: row i of `data` is diagonal
// `offsets[i]`, and data[i, j] is the entry in column j (row j − offsets[i]). Building CSR from it
// and it from CSR are numeric operations; products and the rest go through CSR, as SciPy's.
import { checkOptions, DTypeError, LogicalStore, ShapeError, tidy, dtype as toDType, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { sparray, type SparseArray } from './sparray.js';

import { cooArray } from './coo.js';
import { cscArray } from './csc.js';
import { csrArray, fromCoo, type ArrayInput } from './csr.js';


/** What a diaArray is made from: `[data, offsets]` (with a shape), another sparse matrix or a dense one. */
export type DiaInput = SparseArray | np.ndarray | np.Nested | readonly [ArrayInput, ArrayInput | number];

export interface DiaOptions {
  /** (rows, columns): needed for `[data, offsets]`. */
  shape?: readonly number[];
  dtype?: DTypeLike;
  /** Copy the given data (by default it becomes the matrix's own). */
  copy?: boolean;
}

const UNSET = Symbol('unset');

/** A sparse matrix of diagonals (SciPy's `dia_array`). */
export class diaArray extends sparray {
  #shape: [number, number] = [0, 0];
  #data!: np.ndarray;
  #offsets!: np.ndarray;
  declare readonly stores: readonly LogicalStore[];

  constructor(arg: DiaInput, options: DiaOptions = {}) {
    super();
    Object.defineProperty(this, 'stores', { enumerable: true, get: () => (this.#data ? [this.#data.store, this.#offsets.store] : []) });
    if ((arg as unknown) === UNSET) return;
    options = checkOptions(options, ['shape', 'dtype', 'copy'], 'diaArray');
    tidy(() => {
      this.#construct(arg, options);
      return [...this.stores];
    });
  }

  #construct(arg: DiaInput, options: DiaOptions): void {
    const shape = options.shape;
    if (shape !== undefined && (!Array.isArray(shape) || shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < 0))) {
      throw new ShapeError('shape', `expected two non-negative integers (rows, columns), got ${JSON.stringify(shape)}`);
    }
    if (arg instanceof diaArray || arg instanceof csrArray || arg instanceof cscArray || arg instanceof cooArray) {
      if (shape && (shape[0] !== arg.shape[0] || shape[1] !== arg.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the matrix's (${arg.shape.join(', ')})`);
      const source = arg instanceof diaArray ? arg : diaOf(arg instanceof csrArray ? arg : arg.tocsr());
      const t = options.dtype === undefined ? source.dtype : toDType(options.dtype);
      this.#set(source.#data.astype(t), np.copy(source.#offsets), source.#shape);
      if (source !== arg) source.dispose();
      return;
    }
    // [data, offsets]: data an ndarray or typed array (nested JavaScript arrays are dense rows).
    if (Array.isArray(arg) && arg.length === 2 && (arg[0] instanceof np.ndarray || ArrayBuffer.isView(arg[0]))) {
      if (shape === undefined) throw new ShapeError('shape', 'diaArray([data, offsets]) needs the shape');
      const [data, offsets] = arg as unknown as readonly [ArrayInput, ArrayInput | number];
      let d = data instanceof np.ndarray ? data : np.asarray(data as never);
      if (d.ndim === 1) d = d.reshape(1, d.size);
      if (d.ndim !== 2) throw new ShapeError('data', `expected a 2-D array of diagonals, got shape (${d.shape.join(', ')})`);
      let k = typeof offsets === 'number' ? np.asarray([offsets]) : offsets instanceof np.ndarray ? offsets : np.asarray(offsets as never);
      if (k.ndim === 0) k = k.reshape(1);
      if (k.ndim !== 1) throw new ShapeError('offsets', `expected a 1-D array of offsets, got shape (${k.shape.join(', ')})`);
      if (k.size > 0 && !k.dtype.isInteger) throw new DTypeError('offsets', `expected integer offsets, got ${k.dtype.name}`);
      if (k.size !== d.shape[0]) throw new np.ValueError('offsets', `the number of diagonals (${d.shape[0]}) does not match the number of offsets (${k.size})`);
      const list = Array.from(k.toArray() as ArrayLike<number | bigint>, Number);
      if (new Set(list).size !== list.length) throw new np.ValueError('offsets', 'offsets must be unique');
      const values = options.dtype === undefined ? d : d.astype(options.dtype);
      this.#set(values === data && options.copy ? np.copy(values) : values, k.astype('int32'), [shape[0]!, shape[1]!]);
      return;
    }
    const m = new csrArray(arg as np.ndarray, { ...(options.dtype === undefined ? {} : { dtype: options.dtype }), ...(shape ? { shape } : {}) });
    try {
      const d = diaOf(m);
      this.#set(d.#data, d.#offsets, d.#shape);
    } finally {
      m.dispose();
    }
  }

  #set(data: np.ndarray, offsets: np.ndarray, shape: readonly [number, number]): void {
    this.#data = data;
    this.#offsets = offsets;
    this.#shape = [shape[0], shape[1]];
  }

  /** @internal A matrix over the given arrays (checked; they become its own). */
  static fromArrays(data: np.ndarray, offsets: np.ndarray, shape: readonly [number, number]): diaArray {
    const m = new diaArray(UNSET as never);
    m.#set(data, offsets, shape);
    return m;
  }

  dispose(): void {
    for (const s of this.stores) s.dispose();
  }
  [Symbol.dispose](): void {
    this.dispose();
  }
  get disposed(): boolean {
    return this.#data !== undefined && this.#data.store.disposed;
  }

  /** Row i holds diagonal offsets[i]: data[i, j] is the entry in column j. */
  get data(): np.ndarray {
    return this.#data;
  }
  get offsets(): np.ndarray {
    return this.#offsets;
  }
  get shape(): readonly [number, number] {
    return this.#shape;
  }
  get ndim(): 2 {
    return 2;
  }
  get format(): 'dia' {
    return 'dia';
  }
  get dtype(): DType {
    return this.#data.dtype;
  }
  #offsetList(): number[] {
    return Array.from(this.#offsets.toArray() as ArrayLike<number>, Number);
  }
  /** Stored places inside the matrix (explicit zeros included), as SciPy's dia nnz. */
  get nnz(): number {
    const [m, n] = this.#shape;
    const width = this.#data.shape[1]!;
    return this.#offsetList().reduce((sum, k) => sum + Math.max(0, Math.min(n, m + k, width) - Math.max(0, k)), 0);
  }
  get size(): number {
    return this.nnz;
  }

  /** The same matrix in CSR: the stored places that hold a value other than zero. */
  tocsr(): csrArray {
    const [m, n] = this.#shape;
    const offsets = this.#offsetList();
    return tidy(() => {
      const width = this.#data.shape[1]!;
      const it = toDType('int64');
      const rows: np.ndarray[] = [];
      const cols: np.ndarray[] = [];
      const values: np.ndarray[] = [];
      offsets.forEach((k, i) => {
        const first = Math.max(0, k);
        const last = Math.min(n, m + k, width);
        if (last <= first) return;
        cols.push(np.arange(first, last, { dtype: it }));
        rows.push(np.arange(first - k, last - k, { dtype: it }));
        values.push(this.#data.slice(i, { start: first, stop: last }));
      });
      const join = (parts: np.ndarray[], t: DType) => (parts.length ? np.concatenate(parts) : np.empty([0], t));
      // As SciPy's: the zeros of the diagonals are not entries.
      const c = fromCoo(m, n, join(rows, it), join(cols, it), join(values, this.dtype));
      c.eliminateZeros();
      return c;
    });
  }
  tocsc(): cscArray {
    return tidy(() => this.tocsr().tocsc());
  }
  tocoo(): cooArray {
    return tidy(() => this.tocsr().tocoo());
  }
  /** This matrix, or a copy with `copy`. */
  todia(options: { copy?: boolean } = {}): diaArray {
    options = checkOptions(options, ['copy'], 'todia');
    return options.copy ? this.copy() : this;
  }
  asformat(format: 'csr' | 'csc' | 'coo' | 'dia'): SparseArray {
    if (format === 'dia') return this;
    if (format === 'csr') return this.tocsr();
    if (format === 'csc') return this.tocsc();
    if (format === 'coo') return this.tocoo();
    throw new np.ValueError('format', `asformat: expected 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(format)}`);
  }
  toarray(): np.ndarray {
    return this.#viaCsr((c) => c.toarray());
  }
  toDense(): np.ndarray {
    return this.toarray();
  }

  #viaCsr<T>(body: (m: csrArray) => T): T {
    return tidy(() => body(this.tocsr()));
  }
  #mapValues(fn: (d: np.ndarray) => np.ndarray): diaArray {
    return tidy(() => diaArray.fromArrays(fn(this.#data), np.copy(this.#offsets), this.#shape));
  }

  get T(): diaArray {
    return this.transpose();
  }
  /** The transpose: diagonal k becomes diagonal −k (through CSR). */
  transpose(): diaArray {
    return tidy(() => diaOf(this.tocsr().T));
  }
  astype(dtype: DTypeLike): diaArray {
    return this.#mapValues((d) => d.astype(dtype));
  }
  copy(): diaArray {
    return this.#mapValues((d) => np.copy(d));
  }
  conj(): diaArray {
    return this.#mapValues((d) => np.conj(d));
  }
  negative(): diaArray {
    return this.#mapValues((d) => np.negative(d));
  }
  abs(): diaArray {
    return this.#mapValues((d) => np.abs(d));
  }
  /** Entry-wise product: by a scalar (a DIA result), or by a sparse or dense matrix (CSR, as SciPy's). */
  multiply(other: number | SparseArray | np.ndarray): diaArray | csrArray {
    if (typeof other === 'number') return this.#mapValues((d) => np.multiply(d, other));
    return this.#viaCsr((m) => m.multiply(other instanceof diaArray ? other.tocsr() : (other as csrArray)));
  }
  add(other: SparseArray | np.ndarray): csrArray | np.ndarray {
    return this.#viaCsr((m) => m.add((other instanceof diaArray ? other.tocsr() : other) as csrArray));
  }
  subtract(other: SparseArray | np.ndarray): csrArray | np.ndarray {
    return this.#viaCsr((m) => m.subtract((other instanceof diaArray ? other.tocsr() : other) as csrArray));
  }
  dot(other: np.ndarray): np.ndarray;
  dot(other: SparseArray): csrArray;
  dot(other: np.ndarray | SparseArray): np.ndarray | csrArray;
  dot(other: np.ndarray | SparseArray): np.ndarray | csrArray {
    return this.#viaCsr((m) => m.dot((other instanceof diaArray ? other.tocsr() : other) as csrArray));
  }
  matmul(other: np.ndarray): np.ndarray;
  matmul(other: SparseArray): csrArray;
  matmul(other: np.ndarray | SparseArray): np.ndarray | csrArray {
    return this.dot(other);
  }
  matvec(x: np.ndarray): np.ndarray {
    return this.#viaCsr((m) => m.matvec(x));
  }
  sum(axis?: number | null): np.ndarray {
    return this.#viaCsr((m) => m.sum(axis));
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

  override toString(): string {
    return `<diaArray of dtype '${this.dtype.name}' with ${this.nnz} stored elements (${this.#offsets.size} diagonals) and shape (${this.#shape.join(', ')})>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * @internal The DIA form of a CSR matrix (SciPy's `todia`): one row of data per diagonal that
 * holds an entry, sorted by offset, as wide as the last column with an entry.
 */
export function diaOf(m: csrArray): diaArray {
  const [rows, cols] = m.shape;
  return tidy(() => {
    const canonical = m.hasCanonicalFormat ? m : m.copy();
    if (canonical !== m) canonical.sumDuplicates();
    const { row, col, data } = canonical.tocoo();
    if (data.size === 0) return diaArray.fromArrays(np.zeros([0, 0], m.dtype), np.empty([0], 'int32'), [rows, cols]);
    const ks = np.subtract(col.astype('int64'), row.astype('int64'));
    const offsets = np.unique(ks);
    const width = Number(np.max(col).item()) + 1;
    const which = np.searchsorted(offsets, ks);
    const flat = np.zeros([offsets.size * width], m.dtype);
    np.put(flat, np.add(np.multiply(which, width), col.astype('int64')), data);
    return diaArray.fromArrays(flat.reshape(offsets.size, width), offsets.astype('int32'), [rows, cols]);
  });
}
