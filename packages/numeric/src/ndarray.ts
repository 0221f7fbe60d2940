import { LogicalStore, ShapeError, type Complex, type DType, type DTypeLike, type TypedArray } from '@legate/core';

import { indexStore, parseIndex, type IndexItem } from './indexing.js';
import { add, assign, astype, divide, multiply, subtract, sum, type Operand } from './operations.js';

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

  /**
   * The view a basic index selects, in NumPy's syntax: `a.slice('1:-1, ::2')`, `'..., 0'`,
   * `'None, :'` (negative indices count from the end). Writes through it change `a`.
   */
  slice(index: string | readonly IndexItem[]): ndarray {
    return new ndarray(indexStore(this.store, typeof index === 'string' ? parseIndex(index) : index));
  }

  /** `a[index] = value`: copies `value` (broadcast, cast) into the view `index` selects. */
  set(index: string | readonly IndexItem[], value: Operand): this {
    assign(this.slice(index), value);
    return this;
  }

  /** `a[...] = value`: copies `value` (broadcast, cast) into every element of this array or view. */
  assign(value: Operand): this {
    assign(this, value);
    return this;
  }

  add(other: Operand): ndarray {
    return add(this, other);
  }

  subtract(other: Operand): ndarray {
    return subtract(this, other);
  }

  multiply(other: Operand): ndarray {
    return multiply(this, other);
  }

  divide(other: Operand): ndarray {
    return divide(this, other);
  }

  sum(): ndarray {
    return sum(this);
  }

  astype(dtype: DTypeLike): ndarray {
    return astype(this, dtype);
  }

  /** The elements in C order, as a typed array (complex: interleaved re, im). Waits. */
  toArray(): TypedArray {
    return this.store.read();
  }

  /** Like {@link toArray}, without blocking the event loop. */
  data(): Promise<TypedArray> {
    return this.store.readAsync();
  }

  /** The one element of a 0-d or size-1 array. Waits. */
  item(): Element {
    if (this.size !== 1) throw new ShapeError('item', `can only convert an array of size 1, this one has shape (${this.shape.join(', ')})`);
    return elementsOf(this.toArray(), this.dtype)[0]!;
  }

  /** The elements as nested JavaScript arrays. Waits. */
  toNested(): unknown {
    const flat = elementsOf(this.toArray(), this.dtype);
    const nest = (dim: number, offset: number): unknown => {
      if (dim === this.ndim) return flat[offset];
      const stride = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: this.shape[dim]! }, (_, i) => nest(dim + 1, offset + i * stride));
    };
    return nest(0, 0);
  }

  toString(): string {
    return `array(${JSON.stringify(this.toNested(), (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}, dtype=${this.dtype.name})`;
  }

  [inspectCustom](): string {
    return this.toString();
  }
}

/** Wraps a store as an array, without copying. */
export function fromStore(store: LogicalStore): ndarray {
  return new ndarray(store);
}

function elementsOf(data: TypedArray, t: DType): Element[] {
  if (t.isComplex) {
    const out: Complex[] = [];
    for (let i = 0; i < data.length; i += 2) out.push({ re: data[i] as number, im: data[i + 1] as number });
    return out;
  }
  if (t.kind === 'b') return Array.from(data as Uint8Array, (x) => x !== 0);
  return Array.from(data as ArrayLike<number | bigint>);
}
