import { DTypeError, LogicalStore, ShapeError, type Complex, type DType, type DTypeLike, type Piece, type TypedArray } from '@legate/core';

import { checkArity } from './arguments.js';
import { ValueError } from './errors.js';
import { formatRepr, formatStr } from './format.js';
import { printable, printOptionsInForce } from './printing.js';
import { IndexError, indexItems, indexStore, type IndexArgument, type IndexItem } from './indexing.js';
import { advancedRead, advancedWrite, isAdvancedIndex, type AdvancedItem } from './advanced.js';
import { assign, astype, checkWritable, type Operand } from './operations.js';
import * as manipulation from './manipulation.js';
import * as products from './products.js';
import * as reductions from './reductions.js';
import type { Axis, ReduceOptions, VarianceOptions } from './reductions.js';
import * as selection from './selection.js';
import * as shapes from './shape.js';
import * as sorting from './sorting.js';
import type { PartitionKind, PartitionOptions, SortKind, SortOptions } from './sorting.js';
import * as ufunc from './ufunc.js';
import type { UfuncOptions } from './ufunc.js';

// Node's util.inspect.custom, without making the published types depend on @types/node.
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** A value one element holds, as JavaScript reads it. */
export type Element = number | bigint | boolean | Complex;

/**
 * An N-d array: one `@legate/core` store, so other Legate libraries take and return arrays
 * without copies (`a.store`, `fromStore`). Operations return at once; reading waits.
 */
export class ndarray {
  /** The store holding the elements: how other libraries reach them. */
  readonly store: LogicalStore;

  constructor(store: LogicalStore) {
    this.store = store;
  }

  /**
   * Frees the array's store now (tfjs's `dispose`; `using a = ...` calls it). Views of the
   * same storage keep it alive; using the array afterwards is a `DisposedError`.
   */
  dispose(): void {
    this.store.dispose();
  }

  [Symbol.dispose](): void {
    this.store.dispose();
  }

  /** Whether {@link ndarray.dispose} (or its store's) has run. */
  get disposed(): boolean {
    return this.store.disposed;
  }

  get shape(): readonly number[] {
    return this.store.shape;
  }

  get ndim(): number {
    return this.store.ndim;
  }

  get size(): number {
    return this.store.size;
  }

  get dtype(): DType {
    return this.store.dtype;
  }

  /** The transpose (a view). */
  get T(): ndarray {
    return new ndarray(this.store.transpose(this.shape.map((_, i) => this.ndim - 1 - i)));
  }

  /** Bytes per element. */
  get itemsize(): number {
    return this.dtype.itemsize;
  }

  /** Bytes of all elements. */
  get nbytes(): number {
    return this.size * this.dtype.itemsize;
  }

  /**
   * The view a basic index selects: NumPy's syntax in one string (`a.slice('1:-1, ::2')`,
   * `'..., 0'`, `'None, :'`) or one item per argument (`a.slice(0, { start: 1 }, null, '...')`:
   * integers, `{ start, stop, step }`, `':'`, `'...'`, `null` or `'newaxis'`). Negative indices
   * count from the end. Writes through the view change `a`. With an index array or a boolean
   * mask among the items (an ndarray, or a list beside other items: `a.slice(mask)`,
   * `a.slice(':', [0, 2])`, `a.slice([[0, 2]])`), NumPy's advanced indexing: a new array, not a
   * view. One list alone is the tuple of items (`a.slice([0, 2])` is `a[0, 2]`).
   */
  slice(...index: (IndexArgument | AdvancedItem)[]): ndarray {
    if (isAdvancedIndex(index)) return advancedRead(this, index);
    return new ndarray(indexStore(this.store, indexItems(index as IndexArgument[])));
  }

  /**
   * `a[index] = value`: copies `value` (broadcast, cast) into the view `index` selects; with
   * index arrays or masks in the index (`a.set([mask], 0)`, `a.set([idx, ':'], v)`), into the
   * elements they select.
   */
  set(index: string | AdvancedItem | readonly (IndexItem | AdvancedItem)[], value: Operand): this {
    checkArity(arguments.length, ['index', 'value'], 'ndarray.set');
    if (typeof index !== 'string' && isAdvancedIndex([index])) {
      advancedWrite(this, [index], value);
      return this;
    }
    const view = indexStore(this.store, indexItems([index as readonly IndexItem[]]));
    try {
      assign(new ndarray(view), value);
    } finally {
      if (view !== this.store) view.dispose();
    }
    return this;
  }

  /**
   * `a[i, j, ...]` with an integer per dimension: that element's value (as {@link item} reads it:
   * a 64-bit integer is a number while it is a safe integer, a bigint beyond). Waits.
   */
  get(...indices: number[]): Element {
    if (indices.length !== this.ndim) {
      throw new IndexError('indices', `expected ${this.ndim} indices for a ${this.ndim}-d array, got ${indices.length}`);
    }
    const view = this.slice(...indices);
    try {
      return view.item();
    } finally {
      view.store.dispose();
    }
  }

  /** `a[...] = value`: copies `value` (broadcast, cast) into every element of this array or view. */
  assign(value: Operand): this {
    checkArity(arguments.length, ['value'], 'ndarray.assign');
    assign(this, value);
    return this;
  }

  /** Sets every element to `value` (NumPy's `fill`). */
  fill(value: Element): this {
    checkArity(arguments.length, ['value'], 'ndarray.fill');
    assign(this, value);
    return this;
  }

  add(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.add');
    return ufunc.add(this, other, options);
  }

  subtract(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.subtract');
    return ufunc.subtract(this, other, options);
  }

  multiply(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.multiply');
    return ufunc.multiply(this, other, options);
  }

  divide(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.divide');
    return ufunc.divide(this, other, options);
  }

  floorDivide(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.floorDivide');
    return ufunc.floorDivide(this, other, options);
  }

  mod(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.mod');
    return ufunc.mod(this, other, options);
  }

  power(other: Operand, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['other', 'options'], 'ndarray.power');
    return ufunc.power(this, other, options);
  }

  negative(options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['options'], 'ndarray.negative');
    return ufunc.negative(this, options);
  }

  abs(options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['options'], 'ndarray.abs');
    return ufunc.absolute(this, options);
  }

  equal(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.equal');
    return ufunc.equal(this, other);
  }

  notEqual(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.notEqual');
    return ufunc.notEqual(this, other);
  }

  less(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.less');
    return ufunc.less(this, other);
  }

  lessEqual(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.lessEqual');
    return ufunc.lessEqual(this, other);
  }

  greater(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.greater');
    return ufunc.greater(this, other);
  }

  greaterEqual(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.greaterEqual');
    return ufunc.greaterEqual(this, other);
  }

  /** `&` */
  bitwiseAnd(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.bitwiseAnd');
    return ufunc.bitwiseAnd(this, other);
  }

  /** `|` */
  bitwiseOr(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.bitwiseOr');
    return ufunc.bitwiseOr(this, other);
  }

  /** `^` */
  bitwiseXor(other: Operand): ndarray {
    checkArity(arguments.length, ['other'], 'ndarray.bitwiseXor');
    return ufunc.bitwiseXor(this, other);
  }

  /** `~` */
  invert(): ndarray {
    checkArity(arguments.length, [], 'ndarray.invert');
    return ufunc.invert(this);
  }

  clip(min: Operand | null, max: Operand | null, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['min', 'max', 'options'], 'ndarray.clip');
    return ufunc.clip(this, min, max, options);
  }

  round(decimals = 0, options?: UfuncOptions): ndarray {
    checkArity(arguments.length, ['decimals', 'options'], 'ndarray.round');
    return ufunc.round(this, decimals, options);
  }

  conj(): ndarray {
    checkArity(arguments.length, [], 'ndarray.conj');
    return ufunc.conj(this);
  }

  /** The real parts (a copy; the values themselves for real arrays). */
  get real(): ndarray {
    return ufunc.real(this);
  }

  /** The imaginary parts (a copy; zeros for real arrays). */
  get imag(): ndarray {
    return ufunc.imag(this);
  }

  sum(axis?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.sum');
    return reductions.sum(this, axis);
  }

  prod(axis?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.prod');
    return reductions.prod(this, axis);
  }

  min(axis?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.min');
    return reductions.min(this, axis);
  }

  max(axis?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.max');
    return reductions.max(this, axis);
  }

  mean(axis?: Axis | Omit<ReduceOptions, 'initial'>): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.mean');
    return reductions.mean(this, axis);
  }

  var(axis?: Axis | VarianceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.var');
    return reductions.variance(this, axis);
  }

  std(axis?: Axis | VarianceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.std');
    return reductions.std(this, axis);
  }

  any(axis?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.any');
    return reductions.any(this, axis);
  }

  all(axis?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.all');
    return reductions.all(this, axis);
  }

  argmin(axis?: number | null): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.argmin');
    return reductions.argmin(this, axis);
  }

  argmax(axis?: number | null): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.argmax');
    return reductions.argmax(this, axis);
  }

  cumsum(axis?: number | null | reductions.ScanOptions, dtype?: DTypeLike | null | reductions.ScanOptions, out?: ndarray | null | reductions.ScanOptions): ndarray {
    checkArity(arguments.length, ['axis', 'dtype', 'out'], 'ndarray.cumsum');
    return (reductions.cumsum as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  cumprod(axis?: number | null | reductions.ScanOptions, dtype?: DTypeLike | null | reductions.ScanOptions, out?: ndarray | null | reductions.ScanOptions): ndarray {
    checkArity(arguments.length, ['axis', 'dtype', 'out'], 'ndarray.cumprod');
    return (reductions.cumprod as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** The dot product with `other` (NumPy's `ndarray.dot`; `out` as {@link dot}'s). */
  dot(other: ndarray, out?: ndarray): ndarray {
    checkArity(arguments.length, ['other', 'out'], 'ndarray.dot');
    return (products.dot as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** Sorts the elements along `axis` (default -1) in place, NaNs last (NumPy's `ndarray.sort`). */
  sort(axis?: number | SortOptions, kind?: SortKind | SortOptions): void {
    const args = [...arguments] as unknown[];
    const last = args.at(-1);
    const given = last !== null && typeof last === 'object' ? (last as SortOptions).axis : args[0];
    if (given === null) throw new DTypeError('axis', "ndarray.sort: 'NoneType' object cannot be interpreted as an integer (np.sort(a, null) sorts the flattened array)");
    checkWritable(this, 'a', 'ndarray.sort: the array is read-only');
    const sorted = (sorting.sort as (...a: unknown[]) => ndarray)(this, ...args);
    try {
      assign(this, sorted);
    } finally {
      sorted.dispose();
    }
  }

  /** The indices that sort the elements along `axis` (NumPy's `ndarray.argsort`; see {@link argsort}). */
  argsort(axis?: number | null | SortOptions, kind?: SortKind | SortOptions): ndarray {
    return (sorting.argsort as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /**
   * Partitions the elements along `axis` (default -1) around each `kth` in place (NumPy's
   * `ndarray.partition`; see {@link partition}).
   */
  partition(kth: number | readonly number[] | ndarray, axis?: number | PartitionOptions, kind?: PartitionKind | PartitionOptions): void {
    const args = [...arguments] as unknown[];
    const last = args.at(-1);
    const given = args.length > 1 && last !== null && typeof last === 'object' && !(last instanceof ndarray) && !Array.isArray(last) ? (last as PartitionOptions).axis : args[1];
    if (given === null) throw new DTypeError('axis', "ndarray.partition: 'NoneType' object cannot be interpreted as an integer (np.partition(a, kth, null) partitions the flattened array)");
    checkWritable(this, 'a', 'ndarray.partition: the array is read-only');
    const parted = (sorting.partition as (...a: unknown[]) => ndarray)(this, ...args);
    try {
      assign(this, parted);
    } finally {
      parted.dispose();
    }
  }

  /** The indices that partition the elements along `axis` around each `kth` (NumPy's `ndarray.argpartition`; see {@link argpartition}). */
  argpartition(kth: number | readonly number[] | ndarray, axis?: number | null | PartitionOptions, kind?: PartitionKind | PartitionOptions): ndarray {
    return (sorting.argpartition as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** Where each of `v` would go in this sorted 1-D array (NumPy's `ndarray.searchsorted`). */
  searchsorted(v: ndarray | number, side?: 'left' | 'right', sorter?: ndarray): ndarray {
    return (sorting.searchsorted as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** The indices of the nonzero elements, one array per dimension (NumPy's `ndarray.nonzero`). */
  nonzero(): ndarray[] {
    checkArity(arguments.length, [], 'ndarray.nonzero');
    return sorting.nonzero(this);
  }

  /** Elements at `indices`, flat or along `axis` (NumPy's `ndarray.take`; `out` and `mode` as {@link take}'s). */
  take(indices: ndarray | number | readonly number[], axis?: number | null | manipulation.TakeOptions, out?: ndarray | null | manipulation.TakeOptions, mode?: manipulation.TakeMode | manipulation.TakeOptions): ndarray {
    return (manipulation.take as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** Writes `values` at the flat `indices`, in place (NumPy's `ndarray.put`). */
  put(indices: ndarray | number | readonly number[], values: Operand | readonly number[], mode?: manipulation.TakeMode | { mode?: manipulation.TakeMode }): void {
    (manipulation.put as (...a: unknown[]) => void)(this, ...arguments);
  }

  /** Each element repeated (NumPy's `ndarray.repeat`). */
  repeat(repeats: number | ndarray | readonly number[], axis?: number | null): ndarray {
    return (manipulation.repeat as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** Elements picked from `choices` by this array's integers (NumPy's `ndarray.choose`; `out` and `mode` as {@link choose}'s). */
  choose(choices: readonly (ndarray | number | boolean | readonly unknown[])[], out?: ndarray | selection.ChooseOptions, mode?: 'raise' | 'wrap' | 'clip' | selection.ChooseOptions): ndarray {
    return (selection.choose as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** The slices along `axis` where `condition` is true (NumPy's `ndarray.compress`). */
  compress(condition: ndarray | readonly boolean[], axis?: number | null | { axis?: number | null; out?: ndarray | null }, out?: ndarray | null | { out?: ndarray | null }): ndarray {
    checkArity(arguments.length, ['condition', 'axis', 'out'], 'ndarray.compress');
    return (manipulation.compress as (...a: unknown[]) => ndarray)(condition, this, ...Array.prototype.slice.call(arguments, 1));
  }

  /** A view of a diagonal (NumPy's `ndarray.diagonal`). */
  diagonal(offset?: number, axis1?: number, axis2?: number): ndarray {
    return (products.diagonal as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** The sum along a diagonal (NumPy's `ndarray.trace`). */
  trace(offset?: number | products.TraceOptions, axis1?: number | products.TraceOptions, axis2?: number | products.TraceOptions, dtype?: DTypeLike | null | products.TraceOptions, out?: ndarray | null | products.TraceOptions): ndarray {
    return (products.trace as (...a: unknown[]) => ndarray)(this, ...arguments);
  }

  /** The complex conjugate (NumPy's `ndarray.conjugate`, the same as {@link conj}). */
  conjugate(): ndarray {
    checkArity(arguments.length, [], 'ndarray.conjugate');
    return ufunc.conj(this);
  }

  /** The last two axes exchanged (NumPy's `ndarray.mT`): a view. */
  get mT(): ndarray {
    return shapes.matrixTranspose(this);
  }

  /** The elements as nested JavaScript arrays (NumPy's `ndarray.tolist`; the same as {@link toNested}). Waits. */
  tolist(): unknown {
    checkArity(arguments.length, [], 'ndarray.tolist');
    return this.toNested();
  }

  /** The elements' bytes in C order (NumPy's `ndarray.tobytes()`; booleans one byte each). Waits. */
  tobytes(): Uint8Array {
    checkArity(arguments.length, [], 'ndarray.tobytes');
    const data = this.toArray();
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  astype(dtype: DTypeLike): ndarray {
    checkArity(arguments.length, ['dtype'], 'ndarray.astype');
    return astype(this, dtype);
  }

  copy(): ndarray {
    checkArity(arguments.length, [], 'ndarray.copy');
    return astype(this, this.dtype);
  }

  /** `a`'s elements in a new shape: a view when NumPy's would be one and a split can express it. */
  reshape(...shape: number[] | [readonly number[]]): ndarray {
    // One array of extents, or one extent per argument: never an array followed by more (NumPy's `order`).
    if (Array.isArray(shape[0])) checkArity(shape.length, ['shape'], 'ndarray.reshape');
    return shapes.reshape(this, (Array.isArray(shape[0]) ? shape[0] : shape) as readonly number[]);
  }

  ravel(): ndarray {
    checkArity(arguments.length, [], 'ndarray.ravel');
    return shapes.ravel(this);
  }

  flatten(): ndarray {
    checkArity(arguments.length, [], 'ndarray.flatten');
    return shapes.flatten(this);
  }

  transpose(...axes: number[]): ndarray {
    return shapes.transpose(this, axes.length ? axes : undefined);
  }

  swapaxes(axis1: number, axis2: number): ndarray {
    checkArity(arguments.length, ['axis1', 'axis2'], 'ndarray.swapaxes');
    return shapes.swapaxes(this, axis1, axis2);
  }

  squeeze(axis?: number | readonly number[]): ndarray {
    checkArity(arguments.length, ['axis'], 'ndarray.squeeze');
    return shapes.squeeze(this, axis);
  }

  /** The elements in C order, as a typed array (complex: interleaved re, im). Waits. */
  toArray(): TypedArray {
    checkArity(arguments.length, [], 'ndarray.toArray');
    return this.store.read();
  }

  /** Like {@link toArray}, without blocking the event loop. */
  data(): Promise<TypedArray> {
    checkArity(arguments.length, [], 'ndarray.data');
    return this.store.readAsync();
  }

  /**
   * The one element of a 0-d or size-1 array; as NumPy's `item(*args)`, `item(i)` is element `i`
   * of the flattened array (negative from the end) and `item(i, j, ...)` the element at those
   * indices. A number for the float and the 8- to 32-bit integer types, and for int64 and uint64
   * while the value is a safe integer (|v| ≤ 2^53 - 1), a bigint (exact) beyond; a boolean for
   * bool; `{ re, im }` for complex. `toArray()` reads 64-bit integers as bigints always. Waits.
   */
  item(...indices: number[]): Element {
    if (indices.length === 1 && this.ndim !== 1) {
      const flat = indices[0]!;
      if (!Number.isSafeInteger(flat)) throw new IndexError('index', `expected an integer, got ${String(flat)}`);
      if (flat < -this.size || flat >= this.size) throw new IndexError('index', `index ${flat} is out of bounds for size ${this.size}`);
      let rest = flat < 0 ? flat + this.size : flat;
      const at = new Array<number>(this.ndim);
      for (let d = this.ndim - 1; d >= 0; d--) {
        at[d] = rest % this.shape[d]!;
        rest = Math.floor(rest / this.shape[d]!);
      }
      return this.get(...at);
    }
    if (indices.length > 0) return this.get(...indices);
    if (this.size !== 1) throw new ShapeError('item', `can only convert an array of size 1, this one has shape (${this.shape.join(', ')})`);
    return plainInteger(this.store.readItem() as Element);
  }

  /** The elements as nested JavaScript arrays, each as {@link item} reads it. Waits. */
  toNested(): unknown {
    checkArity(arguments.length, [], 'ndarray.toNested');
    const flat = elementsOf(this.toArray(), this.dtype);
    const nest = (dim: number, offset: number): unknown => {
      if (dim === this.ndim) return flat[offset];
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[dim]! }, (_, i) => nest(dim + 1, offset + i * stride));
    };
    return nest(0, 0);
  }

  /** Iterates over the first axis: elements of a 1-D array (as {@link item} reads them), views of the sub-arrays otherwise. */
  *[Symbol.iterator](): Iterator<Element | ndarray> {
    if (this.ndim === 0) throw new TypeError('iteration over a 0-d array');
    if (this.ndim === 1) {
      yield* elementsOf(this.toArray(), this.dtype);
      return;
    }
    for (let i = 0; i < this.shape[0]!; i++) yield this.slice(i);
  }

  /** Nested arrays for JSON.stringify: int64 beyond 2^53 as strings, complex as {re, im}. */
  toJSON(): unknown {
    const nested = this.toNested();
    const plain = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(plain) : typeof v === 'bigint' ? (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString()) : v;
    return plain(nested);
  }

  /**
   * How JavaScript converts the array to a primitive. For `String(a)` and template literals
   * (hint 'string'): NumPy's str, as {@link toString}. For arithmetic and comparisons (hints
   * 'number' and 'default', e.g. `sum(a) + 1`): the number of a 0-d or size-1 array, as NumPy's
   * `float(a)`; bigint elements become numbers when safe; other sizes and complex elements are a
   * typed error, never the printed form. Waits.
   */
  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === 'string') return this.toString();
    if (this.size !== 1) {
      throw new ShapeError('a', `only length-1 arrays can be converted to JavaScript numbers, this one has shape (${this.shape.join(', ')}${this.ndim === 1 ? ',' : ''})`);
    }
    if (this.dtype.isComplex) {
      throw new DTypeError('a', `cannot convert a ${this.dtype.name} array to a JavaScript number (take .real or abs() first)`);
    }
    const v = this.item();
    if (typeof v === 'bigint') {
      if (v < BigInt(Number.MIN_SAFE_INTEGER) || v > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new ValueError('a', `${v} (${this.dtype.name}) is beyond JavaScript's safe integers; read it exactly with item()`);
      }
      return Number(v);
    }
    return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  }

  /** NumPy's str: `[[1. 2.] [3. 4.]]` with NumPy's number formats and line wrapping. Waits. */
  toString(): string {
    const o = printOptionsInForce();
    const { values, cut } = printable(this, o);
    return formatStr(values, this.shape, this.dtype, o, cut);
  }

  /** NumPy's repr, `array([...], dtype=...)`: what console.log and util.inspect show. Waits. */
  [inspectCustom](): string {
    const o = printOptionsInForce();
    const { values, cut } = printable(this, o);
    return formatRepr(values, this.shape, this.dtype, o, cut);
  }
}

/** Wraps a store as an array, without copying. */
export function fromStore(store: LogicalStore): ndarray {
  return new ndarray(store);
}

/**
 * A TypeScript task's piece as a local array, without copying (the analogue of `xp.asarray(x)`
 * inside a Legate task): the body can call any numeric operation on it, and what it writes into
 * an output's or a reduction's piece is the task's result. Operations are deferred as
 * everywhere, so wait for what the body writes (`out.store.wait()`) before it returns.
 */
export function fromPiece(piece: Piece): ndarray {
  if (!piece || !ArrayBuffer.isView(piece.data) || !Array.isArray(piece.shape)) {
    throw new ShapeError('piece', 'expected a task piece (data, dtype, shape), as a TypeScript task body receives it');
  }
  return new ndarray(LogicalStore.attach(piece.data, piece.shape, piece.dtype));
}

function elementsOf(data: TypedArray, t: DType): Element[] {
  if (t.isComplex) {
    const out: Complex[] = [];
    for (let i = 0; i < data.length; i += 2) out.push({ re: data[i] as number, im: data[i + 1] as number });
    return out;
  }
  if (t.kind === 'b') return Array.from(data as Uint8Array, (x) => x !== 0);
  if (t.isBigInt) return Array.from(data as BigInt64Array, plainInteger);
  return Array.from(data as ArrayLike<number>);
}

const SAFE_LOW = BigInt(Number.MIN_SAFE_INTEGER);
const SAFE_HIGH = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An element as JavaScript reads it: a 64-bit integer is a number where it is a safe integer
 * (so `a.get(0) + 1` works for the integers programs meet), and a bigint, exact, beyond that.
 */
function plainInteger<T extends Element>(v: T): T | number {
  return typeof v === 'bigint' && v >= SAFE_LOW && v <= SAFE_HIGH ? Number(v) : v;
}
