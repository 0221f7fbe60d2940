// csrArray: SciPy's csr_array over three stores (row pointers, column indices, values) that are
// numeric arrays, so numeric and sparse share them without copies.
import {
  AutoTask,
  checkOptions,
  dtype as toDType,
  DTypeError,
  image,
  LogicalStore,
  partitionSettings,
  scale,
  ShapeError,
  split,
  tidy,
  type DType,
  type DTypeLike,
  type TypedArray,
} from '@legate/core';
import * as np from '@legate/numeric';

import { sparray, warnEfficiency } from './sparray.js';

import { cooArray } from './coo.js';
import { cscArray } from './csc.js';
import { diaArray, diaOf } from './dia.js';
import type { HostCsr } from './host.js';
import * as structure from './structure.js';
import { indexType } from './structure.js';
import { library } from './native.js';
import { Task } from './tasks.js';

/** Anything numeric's `asarray` takes: an ndarray, a typed array or (nested) JavaScript numbers. */
export type ArrayInput = np.ndarray | TypedArray | np.Nested;

/**
 * What a csrArray is made from, as SciPy's `csr_array(arg)`: another sparse matrix, a dense
 * matrix, `[data, indices, indptr]`, or COO triples `[data, [row, col]]`. Plain arrays of
 * numbers are read as dense rows; give the parts of the tuple forms as ndarrays or typed arrays.
 */
export type CsrInput =
  | csrArray
  | cscArray
  | cooArray
  | diaArray
  | np.ndarray
  | np.Nested
  | readonly [ArrayInput, ArrayInput, ArrayInput]
  | readonly [ArrayInput, readonly [ArrayInput, ArrayInput]];

export interface CsrOptions {
  /** (rows, columns); inferred from the input when omitted. */
  shape?: readonly number[];
  dtype?: DTypeLike;
  /** Copy the given data, indices and indptr arrays (by default they become the matrix's own). */
  copy?: boolean;
}

/** Options of max, min, nanmax, nanmin, argmax and argmin. */
export interface ExtremeOptions {
  /** Only the stored entries count, not the implicit zeros (SciPy's `explicit`). */
  explicit?: boolean;
}

/** COO triples: entry k is `data[k]` at (`row[k]`, `col[k]`). */
export interface CooParts {
  readonly row: np.ndarray;
  readonly col: np.ndarray;
  readonly data: np.ndarray;
  readonly shape: readonly [number, number];
}

/** The type a sparse matrix's scalar operations give (NEP 50, as numeric's ufuncs). */
const isPart = (x: unknown): boolean => x instanceof np.ndarray || ArrayBuffer.isView(x);

export { indexType };

function checkShape(shape: readonly number[] | undefined, argument = 'shape'): [number, number] | undefined {
  if (shape === undefined) return undefined;
  if (!Array.isArray(shape) || shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < 0)) {
    throw new ShapeError(argument, `expected two non-negative integers (rows, columns), got ${JSON.stringify(shape)}`);
  }
  return [shape[0]!, shape[1]!];
}

function indexNumbers(a: np.ndarray): Float64Array {
  const raw = a.toArray();
  if (raw instanceof Float64Array) return raw;
  // A plain loop: typed-array `from` with a mapping function is many times slower.
  const out = new Float64Array(raw.length);
  if (raw instanceof BigInt64Array || raw instanceof BigUint64Array) for (let i = 0; i < raw.length; i++) out[i] = Number(raw[i]!);
  else for (let i = 0; i < raw.length; i++) out[i] = (raw as Int32Array)[i]!;
  return out;
}

/** @internal */
export function asIndexArray(x: ArrayInput, argument: string): np.ndarray {
  const a = x instanceof np.ndarray ? x : np.asarray(x as never);
  if (a.ndim !== 1) throw new ShapeError(argument, `expected a 1-D array, got shape (${a.shape.join(', ')})`);
  if (a.size > 0 && !a.dtype.isInteger) throw new DTypeError(argument, `expected integer indices, got ${a.dtype.name}`);
  return a.size === 0 && !a.dtype.isInteger ? np.astype(a, 'int64') : a;
}

/** @internal */
export function asValues(x: ArrayInput, argument: string, dtype?: DTypeLike): np.ndarray {
  const a = x instanceof np.ndarray ? x : np.asarray(x as never);
  if (a.ndim !== 1) throw new ShapeError(argument, `expected a 1-D array, got shape (${a.shape.join(', ')})`);
  return dtype === undefined || toDType(dtype) === a.dtype ? a : np.astype(a, dtype);
}

const UNSET = Symbol('unset');

/** A sparse matrix in compressed sparse row format (SciPy's `csr_array`). */
export class csrArray extends sparray {
  #shape: [number, number];
  #data!: np.ndarray;
  #indices!: np.ndarray;
  #indptr!: np.ndarray;
  #pos!: LogicalStore;
  #canonical: boolean | undefined;
  #rowSplit: 'rows' | 'nonzeros' = 'rows';
  #balanced: { pieces: number; offsets: number[] } | undefined;
  /** Whether the parts were made by the library (not the caller's arrays): in-place operations free them. */
  #owned = true;
  /**
   * The matrix's stores (values, column indices, row pointers and the row windows), an own
   * enumerable property so that `tidy(() => A.T)` keeps the matrix it returns.
   */
  declare readonly stores: readonly LogicalStore[];

  constructor(arg: CsrInput, options: CsrOptions = {}) {
    super();
    this.#shape = [0, 0];
    Object.defineProperty(this, 'stores', { enumerable: true, get: () => this.#stores() });
    if ((arg as unknown) === UNSET) return; // fromArrays fills it in
    options = checkOptions(options, ['shape', 'dtype', 'copy'], 'csrArray');
    // Every temporary of the conversion is freed; the matrix's own parts are kept.
    tidy(() => {
      this.#construct(arg, options);
      return this.#stores();
    });
  }

  #stores(): LogicalStore[] {
    return this.#data ? [this.#data.store, this.#indices.store, this.#indptr.store, this.#pos] : [];
  }

  /** Frees the matrix's stores (its data, indices and indptr arrays with them). */
  dispose(): void {
    for (const store of this.#stores()) store.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Whether {@link dispose} was called. */
  get disposed(): boolean {
    return this.#data !== undefined && this.#data.store.disposed;
  }

  #construct(arg: CsrInput, options: CsrOptions): void {
    const shape = checkShape(options.shape);
    if (arg instanceof cscArray || arg instanceof cooArray || arg instanceof diaArray) {
      if (shape && (shape[0] !== arg.shape[0] || shape[1] !== arg.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the matrix's (${arg.shape.join(', ')})`);
      const m = arg.tocsr();
      this.#shape = [...m.#shape];
      const t = options.dtype === undefined ? m.dtype : toDType(options.dtype);
      this.#set(t === m.dtype ? m.#data : m.#data.astype(t), m.#indices, m.#indptr, m.#canonical);
      m.#pos.dispose();
      if (t !== m.dtype) m.#data.store.dispose();
      return;
    }
    if (arg instanceof csrArray) {
      if (shape && (shape[0] !== arg.shape[0] || shape[1] !== arg.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the matrix's (${arg.shape.join(', ')})`);
      this.#shape = [...arg.#shape];
      const t = options.dtype === undefined ? arg.dtype : toDType(options.dtype);
      this.#set(arg.#data.astype(t), np.copy(arg.#indices), np.copy(arg.#indptr), arg.#canonical);
      return;
    }
    if (Array.isArray(arg) && arg.length === 3 && arg.some(isPart) && !(Array.isArray(arg[1]) && (arg[1] as unknown[]).length === 2 && (arg[1] as unknown[]).every((p) => Array.isArray(p) || isPart(p)))) {
      const [data, indices, indptr] = arg as unknown as readonly [ArrayInput, ArrayInput, ArrayInput];
      this.#shape = [0, 0];
      const parts = [data, indices, indptr];
      this.#fromParts(asValues(data, 'data', options.dtype), asIndexArray(indices, 'indices'), asIndexArray(indptr, 'indptr'), shape, options.copy ?? false);
      // The caller's arrays became the matrix's: in-place operations leave them alive.
      this.#owned = !this.#stores().some((s) => parts.some((p) => p instanceof np.ndarray && p.store.sharesStorageWith(s)));
      return;
    }
    if (Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1]) && (arg[1] as unknown[]).length === 2 && (arg[1] as unknown[]).every((p) => Array.isArray(p) || isPart(p))) {
      const [data, [row, col]] = arg as unknown as readonly [ArrayInput, readonly [ArrayInput, ArrayInput]];
      const values = asValues(data, 'data', options.dtype);
      const r = asIndexArray(row, 'row');
      const c = asIndexArray(col, 'col');
      if (r.size !== values.size || c.size !== values.size) {
        throw new ShapeError('row', `row, col and data must have the same length, got ${r.size}, ${c.size} and ${values.size}`);
      }
      const [rows, cols] = shape ?? [extentOf(r), extentOf(c)];
      checkRange(r, rows, 'row');
      checkRange(c, cols, 'col');
      this.#shape = [rows, cols];
      this.#setParts(fromCoordinates(rows, cols, r, c, values), true);
      return;
    }
    const dense = arg instanceof np.ndarray ? arg : np.asarray(arg as np.Nested);
    const matrix = dense.ndim === 2 ? dense : dense.ndim <= 1 ? dense.reshape(1, dense.size) : null;
    if (!matrix) throw new ShapeError('arg', `expected a 2-D dense matrix, got shape (${dense.shape.join(', ')})`);
    const t = options.dtype === undefined ? matrix.dtype : toDType(options.dtype);
    const values = matrix.dtype === t ? matrix : matrix.astype(t);
    if (shape && (shape[0] !== values.shape[0] || shape[1] !== values.shape[1])) throw new ShapeError('shape', `(${shape.join(', ')}) differs from the dense matrix's (${values.shape.join(', ')})`);
    this.#shape = [values.shape[0]!, values.shape[1]!];
    this.#setParts(structure.fromDense(values), true);
  }

  #fromParts(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: [number, number] | undefined, copy: boolean): void {
    if (data.size !== indices.size) throw new ShapeError('indices', `indices and data must have the same size, got ${indices.size} and ${data.size}`);
    if (indptr.size === 0) throw new ShapeError('indptr', 'index pointer must hold rows + 1 values, got none');
    const rows = shape ? shape[0] : indptr.size - 1;
    if (indptr.size !== rows + 1) throw new ShapeError('indptr', `index pointer size ${indptr.size} should be ${rows + 1} (rows + 1)`);
    const first = Number(indptr.get(0));
    if (first !== 0) throw new np.ValueError('indptr', `index pointer should start with 0, got ${first}`);
    // Checked by tasks: the first decrease of indptr, and the range of the columns it spans.
    const decrease = rows === 0 ? -1 : tidy(() => {
      const down = np.less(indptr.slice({ start: 1 }), indptr.slice({ stop: rows }));
      return Number(np.any(down).item()) ? Number(np.argmax(down).item()) : -1;
    });
    if (decrease >= 0) {
      const [a, b] = [indptr.get(decrease + 1), indptr.get(decrease)];
      throw new np.ValueError('indptr', `index pointer values must form a non-decreasing sequence (indptr[${decrease + 1}] = ${a} < indptr[${decrease}] = ${b})`);
    }
    const nnz = Number(indptr.get(rows));
    if (nnz > indices.size) throw new np.ValueError('indptr', `last value of index pointer (${nnz}) exceeds the size of indices and data (${indices.size})`);
    let maxColumn = -1;
    if (nnz > 0) {
      const [smallest, at, largest] = tidy(() => {
        const used = indices.slice({ stop: nnz });
        return [Number(np.min(used).item()), Number(np.argmin(used).item()), Number(np.max(used).item())];
      });
      if (smallest < 0) throw new np.IndexError('indices', `column index values must be >= 0, got ${smallest} at ${at}`);
      maxColumn = largest;
    }
    const cols = shape ? shape[1] : maxColumn + 1;
    if (maxColumn >= cols) throw new np.IndexError('indices', `column index values must be < ${cols} (columns), got ${maxColumn}`);
    this.#shape = [rows, cols];
    const t = indexType(rows, cols, nnz);
    const fit = (a: np.ndarray, n: number) => {
      const cut = a.size === n ? a : a.slice({ stop: n });
      // Index arrays keep their type when it is int32 or int64 and large enough.
      const keep = (cut.dtype.name === 'int32' && t.name === 'int32') || cut.dtype.name === 'int64';
      return keep ? (copy ? np.copy(cut) : cut) : cut.astype(t);
    };
    const values = data.size === nnz ? (copy ? np.copy(data) : data) : np.copy(data.slice({ stop: nnz }));
    let ind = fit(indices, nnz);
    let ptrArray = fit(indptr, rows + 1);
    // The row pointers and column indices share one index type, as SciPy keeps them.
    if (ind.dtype !== ptrArray.dtype) {
      const wide = toDType('int64');
      ind = ind.dtype === wide ? ind : ind.astype(wide);
      ptrArray = ptrArray.dtype === wide ? ptrArray : ptrArray.astype(wide);
    }
    this.#set(values, ind, ptrArray, undefined);
  }

  #set(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, canonicalFormat: boolean | undefined): void {
    // An in-place operation's new parts replace the old ones: free those the library made.
    if (this.#owned) this.dispose();
    else if (this.#pos) this.#pos.dispose();
    this.#owned = true;
    this.#balanced = undefined;
    this.#data = data;
    this.#indices = indices;
    this.#indptr = indptr;
    // Row i's [start, end) is indptr[i:i + 2]: a window over the row pointers, not a copy.
    this.#pos = indptr.size > 1 ? indptr.store.slidingWindow(0, 2) : LogicalStore.create([0, 2], indptr.dtype);
    this.#canonical = canonicalFormat;
  }

  #setParts(p: structure.NewParts, canonicalFormat: boolean | undefined): void {
    this.#set(p.data, p.indices, p.indptr, canonicalFormat);
  }

  /** The parts as structure's row tasks take them (a nonzeros row split kept). */
  #parts(): structure.Parts {
    const [rows, cols] = this.#shape;
    const offsets = this.#rowSplit === 'nonzeros' && rows > 0 ? this.#balancedOffsets(Math.min(rows, partitionSettings().pieces)) : undefined;
    return { rows, cols, data: this.#data, indices: this.#indices, indptr: this.#indptr, pos: this.#pos, offsets };
  }

  /** A matrix over new parts. */
  #derived(p: structure.NewParts, shape: readonly [number, number], canonicalFormat: boolean | undefined): csrArray {
    return csrArray.fromArrays(p.data, p.indices, p.indptr, shape, canonicalFormat);
  }

  /** @internal The Kronecker product of canonical matrices of one value type. */
  static kron(a: csrArray, b: csrArray): csrArray {
    return tidy(() => csrArray.fromArrays(...parts(structure.kron(a.#parts(), b.#parts())), [a.#shape[0] * b.#shape[0], a.#shape[1] * b.#shape[1]], true));
  }

  /** @internal a and b side by side (same rows, one value type). */
  static concatColumns(a: csrArray, b: csrArray): csrArray {
    const canonical = a.#canonical === true && b.#canonical === true ? true : undefined;
    return tidy(() => csrArray.fromArrays(...parts(structure.concatColumns(a.#parts(), b.#parts())), [a.#shape[0], a.#shape[1] + b.#shape[1]], canonical));
  }

  /** @internal The entries on one side of diagonal k, duplicates summed first. */
  static band(m: csrArray, upper: boolean, k: number): csrArray {
    return tidy(() => csrArray.fromArrays(...parts(structure.band(m.#canonicalParts(m.dtype), upper, k)), m.#shape, true));
  }

  /** @internal A matrix over the given arrays (already checked). */
  static fromArrays(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, shape: readonly [number, number], canonicalFormat?: boolean): csrArray {
    const m = new csrArray(UNSET as never);
    m.#shape = [shape[0], shape[1]];
    m.#set(data, indices, indptr, canonicalFormat);
    return m;
  }

  /** @internal The parts on the host. */
  toHost(): HostCsr {
    const nnz = this.nnz;
    return {
      rows: this.#shape[0],
      cols: this.#shape[1],
      indptr: indexNumbers(this.#indptr),
      indices: indexNumbers(this.#indices),
      values: this.#data.toArray().slice(0, nnz * this.dtype.lanes),
      dtype: this.dtype,
    };
  }

  get shape(): readonly [number, number] {
    return this.#shape;
  }

  get ndim(): 2 {
    return 2;
  }

  get format(): 'csr' {
    return 'csr';
  }

  get dtype(): DType {
    return this.#data.dtype;
  }

  /** Stored entries, explicit zeros and duplicates included. */
  get nnz(): number {
    return this.#data.size;
  }

  /** The values, over the matrix's own store: writing into it changes the matrix. */
  get data(): np.ndarray {
    return this.#data;
  }

  /** The column index of each stored value. */
  get indices(): np.ndarray {
    return this.#indices;
  }

  /** Row i's entries are `indices[indptr[i]:indptr[i + 1]]` (rows + 1 values). */
  get indptr(): np.ndarray {
    return this.#indptr;
  }

  /**
   * How products split the rows over the processors: `rows` (default) gives each processor as
   * many rows, `nonzeros` as many stored entries (for matrices whose rows differ in length).
   */
  get rowSplit(): 'rows' | 'nonzeros' {
    return this.#rowSplit;
  }

  set rowSplit(mode: 'rows' | 'nonzeros') {
    if (mode !== 'rows' && mode !== 'nonzeros') throw new np.ValueError('rowSplit', `expected 'rows' or 'nonzeros', got '${String(mode)}'`);
    this.#rowSplit = mode;
  }

  /**
   * The row blocks a product splits the matrix into for `pieces` processors (0, the blocks'
   * boundaries, then the row count): equal rows, or balanced stored entries under
   * `rowSplit = 'nonzeros'`.
   */
  rowOffsets(pieces = partitionSettings().pieces): number[] {
    if (!Number.isSafeInteger(pieces) || pieces < 1) throw new np.ValueError('pieces', `expected a positive integer, got ${String(pieces)}`);
    const rows = this.#shape[0];
    const count = Math.max(1, Math.min(rows, pieces));
    if (this.#rowSplit === 'nonzeros') return [...this.#balancedOffsets(count)];
    const tile = Math.ceil(rows / count);
    return [...Array.from({ length: Math.ceil(rows / Math.max(1, tile)) }, (_, p) => p * tile), rows];
  }

  /** Row offsets that give each of `pieces` blocks about nnz / pieces entries (cached). */
  #balancedOffsets(pieces: number): number[] {
    if (this.#balanced?.pieces === pieces) return this.#balanced.offsets;
    const rows = this.#shape[0];
    const nnz = Number(this.#indptr.get(rows));
    // For each target p / pieces of the entries, the first row whose end reaches it (one
    // searchsorted task over the row ends), at or after the previous block's start.
    const targets = Array.from({ length: pieces - 1 }, (_, p) => (nnz * (p + 1)) / pieces);
    const found = targets.length === 0 ? [] : tidy(() => {
      const ends = this.#indptr.slice({ start: 1 }).astype('float64');
      return Array.from(np.searchsorted(ends, np.array(targets, 'float64')).toArray() as BigInt64Array, Number);
    });
    const offsets = [0];
    for (const lo of found) offsets.push(Math.min(rows, Math.max(lo, offsets[offsets.length - 1]!) + 1));
    offsets.push(rows);
    this.#balanced = { pieces, offsets };
    return offsets;
  }

  /** Whether columns increase strictly within every row (sorted, no duplicates). */
  get hasCanonicalFormat(): boolean {
    return (this.#canonical ??= structure.isCanonical(this.#parts()));
  }

  /** The transpose (a new CSR matrix). */
  get T(): csrArray {
    return this.transpose();
  }

  transpose(): csrArray {
    // Rows of the transpose come out sorted, but a duplicate (i, j) of A is a duplicate (j, i)
    // of Aᵀ: canonical exactly when A is, and unknown (checked when asked) when A's is.
    const [rows, cols] = this.#shape;
    const canonicalFormat = this.#canonical === true ? true : undefined;
    const t = this.#indices.dtype;
    return tidy(() => {
      // The entries regrouped by column, in row order within each: Aᵀ's rows, sorted.
      return this.#derived(structure.transpose(this.#parts(), t), [cols, rows], canonicalFormat);
    });
  }

  /** The matrix–vector product A·x into a new vector or `out` (SciPy's `A @ x`). */
  matvec(x: np.ndarray, options: { out?: np.ndarray } = {}): np.ndarray {
    options = checkOptions(options, ['out'], 'matvec');
    if (!(x instanceof np.ndarray)) throw new DTypeError('x', `expected an ndarray, got ${describe(x)}`);
    const column = x.ndim === 2 && x.shape[1] === 1;
    if (!(x.ndim === 1 || column) || x.shape[0] !== this.#shape[1]) {
      throw new ShapeError('x', `dimension mismatch: the matrix has shape (${this.#shape.join(', ')}), x has shape (${x.shape.join(', ')})`);
    }
    return this.#product(x, column ? [this.#shape[0], 1] : [this.#shape[0]], options.out);
  }

  /**
   * The product with a dense vector, (n, 1) column or (n, k) matrix (a dense result), or with
   * another sparse matrix (a sparse result), as SciPy's `A @ B`.
   */
  dot(other: csrArray): csrArray;
  dot(other: np.ndarray, options?: { out?: np.ndarray }): np.ndarray;
  dot(other: np.ndarray | csrArray, options: { out?: np.ndarray } = {}): np.ndarray | csrArray {
    options = checkOptions(options, ['out'], 'dot');
    if (other instanceof csrArray) {
      if (other.shape[0] !== this.#shape[1]) throw new ShapeError('other', `dimension mismatch: (${this.#shape.join(', ')}) @ (${other.shape.join(', ')})`);
      const t = np.resultType(this.dtype, other.dtype);
      return tidy(() => {
        const a = this.#castParts(t);
        const b = other.#castParts(t);
        return this.#derived(structure.product(a, b), [this.#shape[0], other.shape[1]], true);
      });
    }
    if (!(other instanceof np.ndarray)) throw new DTypeError('other', `expected an ndarray or a csrArray, got ${describe(other)}`);
    if (other.ndim === 2 && other.shape[1] !== 1) {
      if (other.shape[0] !== this.#shape[1]) throw new ShapeError('other', `dimension mismatch: (${this.#shape.join(', ')}) @ (${other.shape.join(', ')})`);
      return this.#matmat(other, options.out);
    }
    return this.matvec(other, options);
  }

  /** Same as {@link dot}. */
  matmul(other: csrArray): csrArray;
  matmul(other: np.ndarray, options?: { out?: np.ndarray }): np.ndarray;
  matmul(other: np.ndarray | csrArray, options: { out?: np.ndarray } = {}): np.ndarray | csrArray {
    return this.dot(other as never, options);
  }

  #resultOf(x: np.ndarray): DType {
    const t = np.resultType(this.dtype, x.dtype);
    if (t.kind === 'b') throw new DTypeError('x', 'a product of bool matrices and vectors is not supported; cast one to an integer or float type');
    return t;
  }

  #checkOut(out: np.ndarray | undefined, shape: readonly number[], t: DType): void {
    if (out === undefined) return;
    if (!(out instanceof np.ndarray)) throw new DTypeError('out', `expected an ndarray, got ${describe(out)}`);
    if (out.shape.length !== shape.length || out.shape.some((e, d) => e !== shape[d])) {
      throw new ShapeError('out', `expected shape (${shape.join(', ')}), got (${out.shape.join(', ')})`);
    }
    if (out.dtype !== t) throw new DTypeError('out', `expected dtype ${t.name} (the product's type), got ${out.dtype.name}`);
  }

  #product(x: np.ndarray, shape: readonly number[], out: np.ndarray | undefined): np.ndarray {
    const t = this.#resultOf(x);
    this.#checkOut(out, shape, t);
    const y = out ?? np.empty(shape, t);
    // The views and the cast copy of x are freed once the product is launched.
    tidy(() => {
      let xs = x.ndim === 2 ? x.store.project(1, 0) : x.store;
      if (x.dtype !== t || xs.sharesStorageWith(y.store)) xs = np.fromStore(xs).astype(t).store;
      const ys = y.ndim === 2 ? y.store.project(1, 0) : y.store;
      this.#spmv(xs, ys, t);
    });
    return y;
  }

  #matmat(x: np.ndarray, out: np.ndarray | undefined): np.ndarray {
    const t = this.#resultOf(x);
    const shape = [this.#shape[0], x.shape[1]!];
    this.#checkOut(out, shape, t);
    const y = out ?? np.empty(shape, t);
    tidy(() => {
      const xs = x.dtype !== t || x.store.sharesStorageWith(y.store) ? x.astype(t) : x;
      const m = this.#parts();
      // One launch over blocks of rows: each stored entry adds its multiple of a row of x.
      structure.spmm(m.data.dtype === t ? m : { ...m, data: m.data.astype(t) }, xs.store, y.store);
    });
    return y;
  }

  /** y = A·x over stores of type t: rows split, the rest follows from the structure. */
  #spmv(x: LogicalStore, y: LogicalStore, t: DType): void {
    const [rows] = this.#shape;
    if (rows === 0) return;
    const values = this.#data.dtype === t ? this.#data.store : this.#data.astype(t).store;
    const y2 = y.delinearize(0, [rows, 1]);
    const task = new AutoTask(library, Task.Spmv)
      .addOutput(y2)
      .addInput(this.#pos)
      .addInput(this.#indices.store)
      .addInput(values)
      .addInput(x);
    if (this.#rowSplit === 'nonzeros') task.addConstraint(split(y2, this.#balancedOffsets(Math.min(rows, partitionSettings().pieces))));
    task
      .addConstraint(scale([1, 2], y2, this.#pos))
      .addConstraint(image(this.#pos, this.#indices.store, 'range'))
      .addConstraint(image(this.#pos, values, 'range'))
      .addConstraint(image(this.#indices.store, x, 'point'))
      .execute();
  }

  /** The parts with values of type t (as stored, duplicates and all). */
  #castParts(t: DType): structure.Parts {
    const m = this.#parts();
    return t === m.data.dtype ? m : { ...m, data: m.data.astype(t) };
  }

  /** The canonical parts (duplicates summed, then cast to t), new arrays where they had to change. */
  #canonicalParts(t: DType): structure.Parts {
    let m = this.#parts();
    if (!this.hasCanonicalFormat) {
      const p = structure.sortRows(m, true);
      m = { ...m, ...p, pos: structure.windowOf(p.indptr), offsets: undefined };
    }
    // Cast the canonical values (duplicates already summed), not the stored ones.
    return t === m.data.dtype ? m : { ...m, data: m.data.astype(t) };
  }

  #binary(other: csrArray | np.ndarray, op: 'add' | 'subtract'): csrArray | np.ndarray {
    if (other instanceof np.ndarray) {
      return tidy(() => {
        const dense = this.toDense();
        return op === 'add' ? np.add(dense, other) : np.subtract(dense, other);
      });
    }
    if (!(other instanceof csrArray)) throw new DTypeError('other', `expected a csrArray or an ndarray, got ${describe(other)}`);
    if (other.shape[0] !== this.#shape[0] || other.shape[1] !== this.#shape[1]) {
      throw new ShapeError('other', `inconsistent shapes: (${this.#shape.join(', ')}) and (${other.shape.join(', ')})`);
    }
    return this.#merge(other, op);
  }

  #merge(other: csrArray, op: 'add' | 'subtract' | 'multiply'): csrArray {
    const t = np.resultType(this.dtype, other.dtype);
    return tidy(() => this.#derived(structure.merge(this.#canonicalParts(t), other.#canonicalParts(t), op), this.#shape, true));
  }

  /** A + B: sparse for a sparse B, dense for a dense one. */
  add(other: csrArray): csrArray;
  add(other: np.ndarray): np.ndarray;
  add(other: csrArray | np.ndarray): csrArray | np.ndarray {
    return this.#binary(other, 'add');
  }

  /** A − B: sparse for a sparse B, dense for a dense one. */
  subtract(other: csrArray): csrArray;
  subtract(other: np.ndarray): np.ndarray;
  subtract(other: csrArray | np.ndarray): csrArray | np.ndarray {
    return this.#binary(other, 'subtract');
  }

  /** The same structure with `fn` applied to the values (a new matrix). */
  #mapValues(fn: (data: np.ndarray) => np.ndarray): csrArray {
    return tidy(() => csrArray.fromArrays(fn(this.#data), np.copy(this.#indices), np.copy(this.#indptr), this.#shape, this.#canonical));
  }

  /**
   * Entry-wise product: by a scalar (every value scaled), by a sparse matrix (the common
   * entries), or by a dense array broadcast to the matrix's shape (a sparse result).
   */
  multiply(other: number | csrArray | np.ndarray): csrArray {
    if (typeof other === 'number' || typeof other === 'bigint' || typeof other === 'boolean') return this.#mapValues((d) => np.multiply(d, other));
    if (other instanceof csrArray) {
      if (other.shape[0] !== this.#shape[0] || other.shape[1] !== this.#shape[1]) {
        throw new ShapeError('other', `inconsistent shapes: (${this.#shape.join(', ')}) and (${other.shape.join(', ')})`);
      }
      return this.#merge(other, 'multiply');
    }
    if (!(other instanceof np.ndarray)) throw new DTypeError('other', `expected a number, a csrArray or an ndarray, got ${describe(other)}`);
    if (np.broadcastShapes(other.shape, this.#shape).join() !== this.#shape.join()) {
      throw new ShapeError('other', `inconsistent shapes: (${this.#shape.join(', ')}) and (${other.shape.join(', ')})`);
    }
    // The dense factor at each stored entry, gathered on the host.
    return tidy(() => this.#multiplyDense(other));
  }

  #multiplyDense(other: np.ndarray): csrArray {
    const factor = structure.gatherDense(this.#parts(), other);
    return this.#mapValues((d) => np.multiply(d, factor));
  }

  /** Every value divided by a scalar. */
  divide(value: number): csrArray {
    if (typeof value !== 'number') throw new DTypeError('value', `expected a number, got ${describe(value)}`);
    return this.#mapValues((d) => np.divide(d, value));
  }

  negative(): csrArray {
    return this.#mapValues((d) => np.negative(d));
  }

  abs(): csrArray {
    return this.#mapValues((d) => np.abs(d));
  }

  /** Every stored value raised to `exponent` (SciPy's `power`: zeros stay zero). */
  power(exponent: number): csrArray {
    if (typeof exponent !== 'number') throw new DTypeError('exponent', `expected a number, got ${describe(exponent)}`);
    return this.#mapValues((d) => np.power(d, exponent));
  }

  conj(): csrArray {
    return this.#mapValues((d) => np.conj(d));
  }

  /** Same as {@link conj}. */
  conjugate(): csrArray {
    return this.conj();
  }

  /** The real parts of the values (duplicates kept), as SciPy's `A.real`. */
  real(): csrArray {
    return this.#mapValues((d) => np.real(d));
  }

  /** The imaginary parts of the values (duplicates kept; zeros for real types). */
  imag(): csrArray {
    return this.#mapValues((d) => np.imag(d));
  }

  /**
   * `fn` applied to the canonical values (duplicates summed first, as SciPy's element-wise
   * functions): only functions that map zero to zero, so the structure stays.
   */
  #zeroPreserving(fn: (d: np.ndarray) => np.ndarray): csrArray {
    return tidy(() => {
      const m = this.#canonicalParts(this.dtype);
      const own = m.indices === this.#indices;
      return csrArray.fromArrays(fn(m.data), own ? np.copy(m.indices) : m.indices, own ? np.copy(m.indptr) : m.indptr, this.#shape, true);
    });
  }

  sin(): csrArray {
    return this.#zeroPreserving(np.sin);
  }
  tan(): csrArray {
    return this.#zeroPreserving(np.tan);
  }
  arcsin(): csrArray {
    return this.#zeroPreserving(np.arcsin);
  }
  arctan(): csrArray {
    return this.#zeroPreserving(np.arctan);
  }
  sinh(): csrArray {
    return this.#zeroPreserving(np.sinh);
  }
  tanh(): csrArray {
    return this.#zeroPreserving(np.tanh);
  }
  arcsinh(): csrArray {
    return this.#zeroPreserving(np.arcsinh);
  }
  arctanh(): csrArray {
    return this.#zeroPreserving(np.arctanh);
  }
  /** Rounded to the nearest integer, halves to even. */
  rint(): csrArray {
    return this.#zeroPreserving(np.rint);
  }
  sign(): csrArray {
    return this.#zeroPreserving(np.sign);
  }
  expm1(): csrArray {
    return this.#zeroPreserving(np.expm1);
  }
  log1p(): csrArray {
    return this.#zeroPreserving(np.log1p);
  }
  deg2rad(): csrArray {
    return this.#zeroPreserving(np.deg2rad);
  }
  rad2deg(): csrArray {
    return this.#zeroPreserving(np.rad2deg);
  }
  floor(): csrArray {
    return this.#zeroPreserving(np.floor);
  }
  ceil(): csrArray {
    return this.#zeroPreserving(np.ceil);
  }
  trunc(): csrArray {
    return this.#zeroPreserving(np.trunc);
  }
  sqrt(): csrArray {
    return this.#zeroPreserving(np.sqrt);
  }

  /** The matrix in another type; as SciPy's, a change of type also sums duplicates (after the cast). */
  astype(dtype: DTypeLike): csrArray {
    const cast = this.#mapValues((d) => d.astype(dtype));
    if (cast.dtype !== this.dtype) cast.sumDuplicates();
    return cast;
  }

  copy(): csrArray {
    return new csrArray(this);
  }

  /** The k-th diagonal (k > 0 above the main one), duplicates summed. */
  diagonal(k = 0): np.ndarray {
    if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${k}`);
    return structure.diagonal(this.#parts(), k);
  }

  /** The sum of every entry (a 0-d array), or of each row (axis 1) or column (axis 0). */
  sum(axis?: number | null): np.ndarray {
    if (axis === undefined || axis === null) return np.sum(this.#data);
    if (axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) throw new np.AxisError('axis', `axis ${axis} is out of bounds for a matrix of dimension 2`);
    const t = tidy(() => this.#data.sum().dtype); // NumPy's accumulator type for the values
    return tidy(() => {
      if (axis === 1 || axis === -1) return this.#mapValues((d) => d.astype(t)).matvec(np.ones([this.#shape[1]], t));
      return this.T.astype(t).matvec(np.ones([this.#shape[0]], t));
    });
  }

  /**
   * Entry (i, j), duplicates summed, zero where nothing is stored (SciPy's `A[i, j]`); negative
   * indices count from the end.
   */
  get(i: number, j: number): np.Element {
    const [rows, cols] = this.#shape;
    const r = checkIndex(i, rows, 'i');
    const c = checkIndex(j, cols, 'j');
    return tidy(() => {
      const [lo, hi] = [Number(this.#indptr.get(r)), Number(this.#indptr.get(r + 1))];
      const zero = np.zeros([], this.dtype);
      if (hi <= lo) return zero.item();
      const at = np.equal(this.#indices.slice({ start: lo, stop: hi }), c);
      const picked = np.where(at, this.#data.slice({ start: lo, stop: hi }), zero);
      return (this.dtype.kind === 'b' ? np.any(picked) : np.sum(picked, { dtype: this.dtype })).item();
    });
  }

  /**
   * The submatrix of row and column slices (SciPy's `A[1:5, ::2]`), in numeric's index syntax:
   * one string (`A.slice('1:5, ::2')`) or one `{ start, stop, step }` per dimension. A missing
   * dimension is whole. An integer would make a 1-D result: use a one-row slice, or `get`.
   */
  slice(...index: np.IndexArgument[]): csrArray {
    const items = index.length === 1 && typeof index[0] === 'string' ? np.parseIndex(index[0]) : (index.flat() as np.IndexItem[]);
    const ellipsis = items.indexOf('...');
    const full = ellipsis < 0 ? [...items] : [...items.slice(0, ellipsis), ...Array(Math.max(0, 3 - items.length)).fill({}), ...items.slice(ellipsis + 1)];
    if (full.length > 2 || full.includes('...')) throw new np.IndexError('index', `slice: too many indices for a matrix: ${JSON.stringify(index)}`);
    while (full.length < 2) full.push({});
    const spans = full.map((item, d) => {
      if (typeof item !== 'object' || item === null) {
        throw new np.IndexError('index', `slice: only slices are supported (an integer would make a 1-D result; use '${typeof item === 'number' ? `${item}:${item + 1}` : 'i:i+1'}' or get(i, j)), got ${JSON.stringify(item)}`);
      }
      return sliceSpan(item, this.#shape[d]!, d);
    });
    const [rs, cs] = spans as [Span, Span];
    return tidy(() => {
      const picked = rs.length === 0 ? np.empty([0], 'int64') : np.arange(rs.start, rs.start + rs.length * rs.step, rs.step, { dtype: 'int64' });
      const m = this.#canonicalParts(this.dtype);
      const stop = cs.start + cs.length * cs.step;
      return csrArray.fromArrays(...parts(structure.gatherRows(m, picked, cs.start, stop, cs.step, cs.length)), [rs.length, cs.length], true);
    });
  }

  /** The rows (axis 0) or columns (axis 1) at integer `indices`, in their order (NumPy's `take`, SciPy's `A[[1, 3]]`). */
  take(indices: np.ndarray | readonly number[], axis: 0 | 1 = 0): csrArray {
    if (axis !== 0 && axis !== 1) throw new np.AxisError('axis', `take: axis ${String(axis)} is out of bounds for a matrix (0 or 1)`);
    if (!(indices instanceof np.ndarray)) return tidy(() => this.take(np.asarray(indices as number[]), axis));
    const given = indices;
    if (given.ndim !== 1) throw new ShapeError('indices', `take: expected a 1-D array of indices, got shape (${given.shape.join(', ')})`);
    if (given.size > 0 && !given.dtype.isInteger) throw new DTypeError('indices', `take: expected integer indices, got ${given.dtype.name}`);
    if (axis === 1) return tidy(() => this.T.take(given, 0).T);
    const [rows, cols] = this.#shape;
    return tidy(() => {
      const idx = given.size === 0 ? np.empty([0], 'int64') : np.where(np.less(given, 0), np.add(given, rows), given).astype('int64');
      if (idx.size > 0) {
        const [lo, hi] = [Number(np.min(idx).item()), Number(np.max(idx).item())];
        if (lo < 0 || hi >= rows) {
          const bad = lo < 0 ? lo : hi;
          throw new np.IndexError('indices', `take: index ${bad < 0 ? bad - rows : bad} is out of bounds for axis 0 with size ${rows}`);
        }
      }
      const m = this.#canonicalParts(this.dtype);
      return csrArray.fromArrays(...parts(structure.gatherRows(m, idx, 0, cols, 1, cols)), [idx.size, cols], true);
    });
  }

  /** Stored entries that are not zero, duplicates summed first (SciPy's `count_nonzero`). */
  countNonzero(): number {
    return tidy(() => Number(np.countNonzero(this.#canonicalParts(this.dtype).data)));
  }

  /**
   * The largest entry, implicit zeros included (a 0-d array), or each row's (axis 1) or
   * column's (axis 0) as a dense vector, where SciPy gives a 1-D COO array of the same values.
   * NaN propagates; with `explicit` only the stored entries count (a row without any gives 0).
   */
  max(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#extreme(axis, true, false, 'max', options);
  }

  /** The smallest entry, implicit zeros included; per row or column as {@link max}. */
  min(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#extreme(axis, false, false, 'min', options);
  }

  /** As {@link max}, NaN ignored (NumPy's `nanmax`; NaN only where every value is). */
  nanmax(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#extreme(axis, true, true, 'nanmax', options);
  }

  /** As {@link min}, NaN ignored (NumPy's `nanmin`). */
  nanmin(axis?: number | null, options?: ExtremeOptions): np.ndarray {
    return this.#extreme(axis, false, true, 'nanmin', options);
  }

  #extremeAxis(axis: number | null | undefined, name: string): 0 | 1 | null {
    if (this.dtype.isComplex) throw new DTypeError('A', `${name}: complex values have no order`);
    if (axis === undefined || axis === null) return null;
    if (axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) throw new np.AxisError('axis', `axis ${axis} is out of bounds for a matrix of dimension 2`);
    return axis === 0 || axis === -2 ? 0 : 1;
  }

  #extreme(axis: number | null | undefined, largest: boolean, skipNan: boolean, name: string, options: ExtremeOptions | undefined): np.ndarray {
    const { explicit = false } = checkOptions(options, ['explicit'], name);
    const along = this.#extremeAxis(axis, name);
    const [rows, cols] = this.#shape;
    if (along === null ? rows * cols === 0 : (along === 0 ? rows : cols) === 0) throw new np.ValueError('axis', `${name}: zero-size array to reduction operation`);
    return tidy(() => {
      const zero = np.zeros([], this.dtype);
      if (along === null) {
        if (this.nnz === 0) return zero;
        const m = this.#canonicalParts(this.dtype);
        let found: np.ndarray;
        if (skipNan && this.dtype.isFloating) {
          const kept = np.compress(np.logicalNot(np.isnan(m.data)), m.data);
          found = kept.size === 0 ? np.full([], NaN, this.dtype) : largest ? np.max(kept) : np.min(kept);
        } else {
          found = largest ? np.max(m.data) : np.min(m.data);
        }
        if (explicit || m.data.size === rows * cols) return found;
        if (skipNan) return largest ? np.fmax(found, zero) : np.fmin(found, zero);
        return largest ? np.maximum(found, zero) : np.minimum(found, zero);
      }
      const byRows = along === 1 ? this : this.T;
      return structure.rowExtreme(byRows.#canonicalParts(this.dtype), { largest, skipNan, storedOnly: explicit }).values;
    });
  }

  /**
   * The flat index (row · columns + column) of the first largest entry, implicit zeros included,
   * as NumPy's `argmax` of the dense matrix; with an axis, each row's (axis 1) or column's (axis
   * 0) index as an int64 vector. With `explicit` only stored entries count: a row without any
   * gives 0, and the whole matrix's index is still a flat index (SciPy 1.17 gives the position in
   * its data array there).
   */
  argmax(axis?: number | null, options?: ExtremeOptions): np.ndarray | number {
    return this.#argExtreme(axis, true, 'argmax', options);
  }

  /** The index of the first smallest entry, as {@link argmax}. */
  argmin(axis?: number | null, options?: ExtremeOptions): np.ndarray | number {
    return this.#argExtreme(axis, false, 'argmin', options);
  }

  #argExtreme(axis: number | null | undefined, largest: boolean, name: string, options: ExtremeOptions | undefined): np.ndarray | number {
    const { explicit = false } = checkOptions(options, ['explicit'], name);
    const along = this.#extremeAxis(axis, name);
    const [rows, cols] = this.#shape;
    if (along !== null && (along === 0 ? rows : cols) === 0) throw new np.ValueError('axis', `${name}: cannot apply ${name} along a zero-sized dimension`);
    if (along === null && rows * cols === 0) throw new np.ValueError('A', `${name}: cannot apply ${name} to an empty matrix`);
    if (along === null && this.nnz === 0) {
      if (explicit) throw new np.ValueError('A', `${name}: cannot apply ${name} to a matrix without stored entries when explicit is set`);
      return 0;
    }
    return tidy(() => {
      if (along !== null) {
        const byRows = along === 1 ? this : this.T;
        return structure.rowExtreme(byRows.#canonicalParts(this.dtype), { largest, storedOnly: explicit, withColumns: true }).columns!;
      }
      const m = this.#canonicalParts(this.dtype);
      if (explicit) {
        const k = Number((largest ? np.argmax(m.data) : np.argmin(m.data)).item());
        const rowOf = Number(np.searchsorted(m.indptr, k, 'right').item()) - 1;
        return rowOf * cols + Number(m.indices.get(k));
      }
      const { values, columns } = structure.rowExtreme(m, { largest, withColumns: true });
      const r = Number((largest ? np.argmax(values) : np.argmin(values)).item());
      return r * cols + Number(columns!.get(r));
    });
  }

  /**
   * The entry-wise maximum with a scalar, a dense array (a dense result) or a sparse matrix of
   * the same shape (a sparse result over the union of the structures), as SciPy's `maximum`.
   * A positive scalar fills every place, as SciPy's does.
   */
  maximum(other: number | csrArray | cscArray | cooArray | np.ndarray): csrArray | np.ndarray {
    return this.#pairwise(other, 'maximum');
  }

  /** The entry-wise minimum, as {@link maximum} (a negative scalar fills every place). */
  minimum(other: number | csrArray | cscArray | cooArray | np.ndarray): csrArray | np.ndarray {
    return this.#pairwise(other, 'minimum');
  }

  #pairwise(other: number | csrArray | cscArray | cooArray | np.ndarray, op: 'maximum' | 'minimum'): csrArray | np.ndarray {
    if (this.dtype.isComplex) throw new DTypeError('A', `${op}: complex values have no order`);
    const fn = op === 'maximum' ? np.maximum : np.minimum;
    if (typeof other === 'number' || typeof other === 'bigint' || typeof other === 'boolean') {
      const v = Number(other);
      if (op === 'maximum' ? v > 0 : v < 0) {
        warnEfficiency(`Taking ${op} with a ${op === 'maximum' ? 'positive' : 'negative'} number results in a dense matrix.`);
        return tidy(() => new csrArray(fn(this.toDense(), other as number)));
      }
      // No new entries: the canonical values mapped, then the zeros made dropped (as SciPy's).
      const mapped = this.#zeroPreserving((d) => fn(d, other as number));
      mapped.eliminateZeros();
      return mapped;
    }
    if (other instanceof np.ndarray) {
      if (np.broadcastShapes(other.shape, this.#shape).join() !== this.#shape.join()) throw new ShapeError('other', `inconsistent shapes: (${this.#shape.join(', ')}) and (${other.shape.join(', ')})`);
      return tidy(() => fn(this.toDense(), other));
    }
    if (!(other instanceof csrArray || other instanceof cscArray || other instanceof cooArray)) throw new DTypeError('other', `${op}: expected a number, an ndarray or a sparse matrix, got ${describe(other)}`);
    if (other.shape[0] !== this.#shape[0] || other.shape[1] !== this.#shape[1]) throw new ShapeError('other', `inconsistent shapes: (${this.#shape.join(', ')}) and (${other.shape.join(', ')})`);
    if (other.dtype.isComplex) throw new DTypeError('other', `${op}: complex values have no order`);
    return tidy(() => {
      const b = other instanceof csrArray ? other : other.tocsr();
      const t = np.resultType(this.dtype, b.dtype);
      return this.#derived(structure.merge(this.#canonicalParts(t), b.#canonicalParts(t), op), this.#shape, true);
    });
  }

  /** The mean of every entry (a 0-d array), or of each row (axis 1) or column (axis 0), as SciPy computes it. */
  mean(axis?: number | null): np.ndarray {
    const [rows, cols] = this.#shape;
    const whole = axis === undefined || axis === null;
    if (!whole && axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) throw new np.AxisError('axis', `axis ${axis} is out of bounds for a matrix of dimension 2`);
    const count = whole ? rows * cols : axis === 0 || axis === -2 ? rows : cols;
    // As SciPy: integers and bools in float64, each entry scaled by 1 / count, then summed.
    const t = this.dtype.isInteger || this.dtype.kind === 'b' ? toDType('float64') : this.dtype;
    return tidy(() => this.#mapValues((d) => np.multiply(d.astype(t), 1 / count)).sum(axis));
  }

  /** The dense matrix (duplicates summed). */
  toDense(): np.ndarray {
    return structure.toDense(this.#parts());
  }

  /** Same as {@link toDense} (SciPy's `toarray`). */
  toarray(): np.ndarray {
    return this.toDense();
  }

  /** Stored values, explicit zeros included (SciPy's `size`, the same as {@link nnz}). */
  get size(): number {
    return this.nnz;
  }

  /** The sum of diagonal `offset` (a 0-d array), as SciPy's `trace`. */
  trace(offset = 0): np.ndarray {
    if (!Number.isSafeInteger(offset)) throw new DTypeError('offset', `trace: expected an integer, got ${String(offset)}`);
    return tidy(() => np.sum(this.diagonal(offset)));
  }

  /** Whether the column indices are sorted within every row (duplicates allowed), as SciPy's `has_sorted_indices`. */
  get hasSortedIndices(): boolean {
    if (this.#canonical === true) return true;
    const nnz = this.nnz;
    if (nnz < 2) return true;
    return tidy(() => {
      const rows = structure.entryRows(this.#parts(), this.#indices.dtype);
      const descends = np.less(this.#indices.slice({ start: 1 }), this.#indices.slice({ stop: nnz - 1 }));
      const sameRow = np.equal(rows.slice({ start: 1 }), rows.slice({ stop: nnz - 1 }));
      return !Number(np.any(np.logicalAnd(descends, sameRow)).item());
    });
  }

  /** A copy with the column indices sorted within each row (duplicates kept). */
  sortedIndices(): csrArray {
    const m = this.copy();
    m.sortIndices();
    return m;
  }

  /**
   * SciPy's `prune` trims index and value arrays longer than nnz; these arrays are always
   * exactly nnz long, so it only checks that they still agree.
   */
  prune(): void {
    this.checkFormat();
  }

  /**
   * Checks the parts (SciPy's `check_format`): the sizes of indptr, indices and data, and with
   * `fullCheck` that indptr starts at 0, never decreases and ends at nnz, and that every column
   * is in range. Useful after writing into `data`, `indices` or `indptr` directly. Raises the
   * ValueError or IndexError that names what is wrong.
   */
  checkFormat(fullCheck = false): void {
    if (typeof fullCheck !== 'boolean') throw new DTypeError('fullCheck', `checkFormat: expected a boolean, got ${describe(fullCheck)}`);
    const [rows, cols] = this.#shape;
    if (this.#indptr.ndim !== 1 || this.#indptr.size !== rows + 1) throw new np.ValueError('indptr', `index pointer size ${this.#indptr.size} should be ${rows + 1}`);
    if (this.#indices.size !== this.#data.size) throw new np.ValueError('indices', `indices and data should have the same size, got ${this.#indices.size} and ${this.#data.size}`);
    if (!this.#indices.dtype.isInteger || this.#indices.dtype !== this.#indptr.dtype) throw new DTypeError('indices', `indices and indptr should share one integer type, got ${this.#indices.dtype.name} and ${this.#indptr.dtype.name}`);
    if (!fullCheck) return;
    tidy(() => {
      const ptr = this.#indptr;
      if (Number(ptr.get(0)) !== 0) throw new np.ValueError('indptr', `index pointer should start with 0, got ${ptr.get(0)}`);
      if (Number(ptr.get(rows)) !== this.#data.size) throw new np.ValueError('indptr', `last value of index pointer should be ${this.#data.size} (nnz), got ${ptr.get(rows)}`);
      if (rows > 0 && Number(np.any(np.less(ptr.slice({ start: 1 }), ptr.slice({ stop: rows }))).item())) {
        throw new np.ValueError('indptr', 'index pointer values must form a non-decreasing sequence');
      }
      if (this.#data.size > 0) {
        const [lo, hi] = [Number(np.min(this.#indices).item()), Number(np.max(this.#indices).item())];
        if (lo < 0) throw new np.IndexError('indices', `column index values must be >= 0, got ${lo}`);
        if (hi >= cols) throw new np.IndexError('indices', `column index values must be < ${cols}, got ${hi}`);
      }
    });
  }

  /** The row and column indices of the stored entries that are not zero (duplicates not summed), as SciPy's `nonzero`. */
  nonzero(): [np.ndarray, np.ndarray] {
    return tidy(() => {
      const { row, col, data } = this.toCoo();
      const keep = np.notEqual(data, np.zeros([], data.dtype));
      return [np.compress(keep, row), np.compress(keep, col)] as [np.ndarray, np.ndarray];
    });
  }

  /**
   * Sets diagonal k (k > 0 above the main one) to `values`, in place (SciPy's `setdiag`): a
   * scalar fills the whole diagonal, an array its first `values.length` entries (longer ones are
   * cut). Entries already there are replaced; new ones are stored even where the value is zero.
   */
  setdiag(values: number | bigint | boolean | np.ndarray | readonly number[], k = 0): void {
    if (!Number.isSafeInteger(k)) throw new DTypeError('k', `setdiag: expected an integer, got ${String(k)}`);
    const [rows, cols] = this.#shape;
    if (k <= -rows || k >= cols) throw new np.ValueError('k', `setdiag: k (${k}) exceeds the matrix's shape (${rows}, ${cols})`);
    const full = Math.max(0, Math.min(rows + Math.min(k, 0), cols - Math.max(k, 0)));
    const scalar = typeof values === 'number' || typeof values === 'bigint' || typeof values === 'boolean';
    if (!scalar && !(values instanceof np.ndarray) && !Array.isArray(values)) throw new DTypeError('values', `setdiag: expected a scalar or a 1-D array, got ${describe(values)}`);
    const t = indexType(rows, cols, this.nnz + full);
    const p = tidy(() => {
      let v = scalar ? np.full([full], values as number, this.dtype) : values instanceof np.ndarray ? values : np.asarray(values as number[]);
      if (v.ndim > 1) throw new ShapeError('values', `setdiag: expected a 1-D array, got shape (${v.shape.join(', ')})`);
      if (v.ndim === 0) v = np.full([full], v.item() as number, this.dtype);
      const count = Math.min(full, v.size);
      const newValues = (v.size === count ? v : v.slice({ stop: count })).astype(this.dtype);
      const { row, col, data } = this.toCoo();
      const r = row.astype(t);
      const c = col.astype(t);
      // Kept: off the diagonal, or on it past the entries being set.
      const along = k >= 0 ? r : c;
      const keep = np.logicalOr(np.notEqual(np.subtract(c, r), k), np.greaterEqual(along, count));
      const steps = np.arange(count, { dtype: t.name as 'int32' | 'int64' });
      const allRows = np.concatenate([np.compress(keep, r), np.add(steps, Math.max(0, -k)).astype(t)]);
      const allCols = np.concatenate([np.compress(keep, c), np.add(steps, Math.max(0, k)).astype(t)]);
      const allData = np.concatenate([np.compress(keep, data), newValues]);
      return fromCoordinates(rows, cols, allRows, allCols, allData);
    });
    this.#setParts(p, true);
  }

  /**
   * The same entries in a matrix of another shape with as many elements (SciPy's `reshape`):
   * one extent may be -1; `order` 'C' counts elements along rows, 'F' along columns.
   */
  reshape(shape: readonly number[], options: { order?: 'C' | 'F'; copy?: boolean } = {}): csrArray {
    options = checkOptions(options, ['order', 'copy'], 'reshape');
    const order = options.order ?? 'C';
    if (order !== 'C' && order !== 'F') throw new np.ValueError('order', `reshape: order must be 'C' or 'F', got ${JSON.stringify(order)}`);
    const [rows, cols] = this.#shape;
    const size = rows * cols;
    if (!Array.isArray(shape) || shape.length !== 2 || shape.some((e) => !Number.isSafeInteger(e) || e < -1)) {
      throw new ShapeError('shape', `reshape: expected two integers (rows, columns), got ${JSON.stringify(shape)}`);
    }
    let [m, n] = shape as [number, number];
    if (m === -1 && n === -1) throw new np.ValueError('shape', 'reshape: only one extent can be -1');
    if (m === -1) m = n === 0 ? 0 : size / n;
    if (n === -1) n = m === 0 ? 0 : size / m;
    if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m * n !== size) throw new np.ValueError('shape', `reshape: cannot reshape a matrix of size ${size} into shape (${shape.join(', ')})`);
    if (m === rows && n === cols) return options.copy ? this.copy() : this;
    return tidy(() => {
      const { row, col, data } = this.toCoo();
      const wide = (x: np.ndarray) => x.astype('int64');
      const linear = order === 'C' ? np.add(np.multiply(wide(row), cols), wide(col)) : np.add(np.multiply(wide(col), rows), wide(row));
      const [r, c] = order === 'C' ? [np.floorDivide(linear, n), np.remainder(linear, n)] : [np.remainder(linear, m), np.floorDivide(linear, m)];
      return fromCoo(m, n, r, c, data);
    });
  }

  /**
   * Changes the shape in place (SciPy's `resize`): entries outside the new shape are dropped,
   * new rows and columns are empty.
   */
  resize(rows: number | readonly number[], cols?: number): void {
    if (Array.isArray(rows)) {
      if (rows.length !== 2 || cols !== undefined) throw new ShapeError('shape', `resize: expected (rows, columns), got ${JSON.stringify(rows)}`);
      return this.resize(rows[0] as number, rows[1] as number);
    }
    if (typeof rows !== 'number' || cols === undefined) throw new ShapeError('shape', `resize: expected (rows, columns), got ${JSON.stringify([rows, cols])}`);
    for (const [v, name] of [[rows, 'rows'], [cols, 'cols']] as const) {
      if (!Number.isSafeInteger(v) || v < 0) throw new np.ValueError(name, `resize: expected a non-negative integer, got ${String(v)}`);
    }
    const [r0, c0] = this.#shape;
    if (rows === r0 && cols === c0) return;
    const p = tidy(() => {
      const t = indexType(rows, cols, this.nnz);
      const { row, col, data } = this.toCoo();
      const keep = np.logicalAnd(np.less(row, rows), np.less(col, cols));
      return fromCoordinates(rows, cols, np.compress(keep, row).astype(t), np.compress(keep, col).astype(t), np.compress(keep, data));
    });
    this.#shape = [rows, cols];
    this.#setParts(p, true);
  }


  /** The stored entries as a COO matrix, in row order (SciPy's `tocoo`). */
  tocoo(): cooArray {
    const [rows, cols] = this.#shape;
    const t = indexType(rows, cols, this.nnz);
    const col = this.#indices.dtype === t ? np.copy(this.#indices) : this.#indices.astype(t);
    return cooArray.fromArrays(structure.entryRows(this.#parts(), t), col, np.copy(this.#data), [rows, cols], this.#canonical === true ? true : undefined);
  }

  /** Same as {@link tocoo}: its row, col and data arrays are the COO triples. */
  toCoo(): cooArray {
    return this.tocoo();
  }

  /** This matrix, or a copy with `copy` (SciPy's `tocsr`). */
  tocsr(options: { copy?: boolean } = {}): csrArray {
    options = checkOptions(options, ['copy'], 'tocsr');
    return options.copy ? this.copy() : this;
  }

  /** The same matrix in CSC (a transpose task: A's columns are Aᵀ's rows). */
  tocsc(): cscArray {
    return cscArray.fromTransposed(this.transpose());
  }

  /** The diagonals that hold entries as a DIA matrix (SciPy's `todia`), duplicates summed. */
  todia(): diaArray {
    return diaOf(this);
  }

  /** The matrix in format 'csr', 'csc', 'coo' or 'dia' (this one when it already is). */
  asformat(format: 'csr' | 'csc' | 'coo' | 'dia'): csrArray | cscArray | cooArray | diaArray {
    if (format === 'csr') return this;
    if (format === 'csc') return this.tocsc();
    if (format === 'coo') return this.tocoo();
    if (format === 'dia') return this.todia();
    throw new np.ValueError('format', `asformat: expected 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(format)}`);
  }

  /** Sorts the column indices within each row, in place. */
  sortIndices(): void {
    if (this.hasCanonicalFormat) return;
    // Sorted, duplicates kept: canonical only if there are none (checked when asked).
    this.#setParts(structure.sortRows(this.#parts(), false), undefined);
  }

  /** Sums duplicate entries and sorts the indices, in place (SciPy's `sum_duplicates`). */
  sumDuplicates(): void {
    if (this.hasCanonicalFormat) return;
    this.#setParts(structure.sortRows(this.#parts(), true), true);
  }

  /** Drops stored zeros, in place. */
  eliminateZeros(): void {
    // Dropping entries keeps a canonical matrix canonical; a matrix that was not may become so.
    this.#setParts(structure.nonzeros(this.#parts()), this.#canonical === true ? true : undefined);
  }

  override toString(): string {
    return `<csrArray of dtype '${this.dtype.name}' with ${this.nnz} stored elements and shape (${this.#shape.join(', ')})>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** @internal A canonical matrix from COO ndarrays (indices checked), as `csr_array((data, (row, col)))`. */
export function fromCoo(rows: number, cols: number, row: np.ndarray, col: np.ndarray, data: np.ndarray): csrArray {
  return tidy(() => {
    const p = fromCoordinates(rows, cols, row, col, data);
    return csrArray.fromArrays(p.data, p.indices, p.indptr, [rows, cols], true);
  });
}

const parts = (p: structure.NewParts) => [p.data, p.indices, p.indptr] as const;

interface Span {
  start: number;
  step: number;
  length: number;
}

/** A slice of an extent, normalised as Python's `slice.indices`: first index, step, count. */
function sliceSpan(item: { start?: number; stop?: number; step?: number }, extent: number, dim: number): Span {
  const argument = dim === 0 ? 'rows' : 'columns';
  const step = item.step ?? 1;
  for (const v of [item.start, item.stop, step]) {
    if (v !== undefined && !Number.isSafeInteger(v)) throw new np.IndexError(argument, `slice: expected integers, got ${String(v)}`);
  }
  if (step === 0) throw new np.ValueError(argument, 'slice step cannot be zero');
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const fix = (v: number | undefined, fallback: number) => (v === undefined ? fallback : v < 0 ? v + extent : v);
  let start: number;
  let stop: number;
  if (step > 0) {
    start = clamp(fix(item.start, 0), 0, extent);
    stop = clamp(fix(item.stop, extent), 0, extent);
  } else {
    start = clamp(fix(item.start, extent - 1), -1, extent - 1);
    stop = item.stop === undefined ? -1 : clamp(fix(item.stop, -1), -1, extent - 1);
  }
  const length = Math.max(0, Math.ceil((stop - start) / step));
  return { start, step, length };
}

function checkIndex(i: number, extent: number, argument: string): number {
  if (!Number.isSafeInteger(i)) throw new np.IndexError(argument, `expected an integer index, got ${String(i)}`);
  const k = i < 0 ? i + extent : i;
  if (k < 0 || k >= extent) throw new np.IndexError(argument, `index ${i} is out of bounds for axis ${argument === 'i' ? 0 : 1} with size ${extent}`);
  return k;
}

/** @internal One more than the largest index (0 for none): the extent COO indices imply. */
export function extentOf(indices: np.ndarray): number {
  return indices.size ? tidy(() => Number(np.max(indices).item()) + 1) : 0;
}

/** @internal Every index in [0, extent), or an IndexError naming the first that is not (tasks, not a loop). */
export function checkRange(indices: np.ndarray, extent: number, argument: string): void {
  if (indices.size === 0) return;
  const bad = tidy(() => {
    const outside = np.logicalOr(np.less(indices, 0), np.greaterEqual(indices, extent));
    if (!Number(np.any(outside).item())) return null;
    const k = Number(np.argmax(outside).item());
    return [indices.get(k), k] as const;
  });
  if (bad) throw new np.IndexError(argument, `index ${bad[0]} at ${bad[1]} is out of range for extent ${extent}`);
}

/** @internal CSR from coordinates: rows grouped (stable), then sorted within rows with duplicates summed. */
export function fromCoordinates(rows: number, cols: number, r: np.ndarray, c: np.ndarray, values: np.ndarray): structure.NewParts {
  const t = indexType(rows, cols, values.size);
  return tidy(() => {
    // The native tasks read int32 or int64 indices: narrower or unsigned ones are cast (they are in range).
    const wide = (x: np.ndarray) => (x.dtype.name === 'int32' || x.dtype.name === 'int64' ? x : x.astype('int64'));
    const grouped = structure.groupByRow(rows, wide(r), wide(c), values, t);
    const m: structure.Parts = { rows, cols, ...grouped, pos: structure.windowOf(grouped.indptr) };
    return structure.sortRows(m, true);
  });
}

function describe(x: unknown): string {
  return x === null ? 'null' : typeof x === 'object' ? ((x as object).constructor?.name ?? 'object') : typeof x;
}

/**
 * Whether `x` is a sparse matrix of this package, in any format (SciPy's `issparse`).
 *
 * @example
 * ```ts
 * console.log(sparse.issparse(sparse.eye(2)), sparse.issparse(np.eye(2)));
 * // true false
 * ```
 */
export function issparse(x: unknown): x is csrArray | cscArray | cooArray | diaArray {
  return x instanceof sparray;
}
