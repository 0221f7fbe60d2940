import { ArgumentError } from './errors.js';

/** A transform or index that does not fit the store it is applied to. */
export class ShapeError extends ArgumentError {
  override name = 'ShapeError';
}

/** A half-open box [lo, hi) per dimension. */
export interface Rect {
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

export function rectVolume(rect: Rect): number {
  let v = 1;
  for (let d = 0; d < rect.lo.length; d++) v *= Math.max(0, rect.hi[d]! - rect.lo[d]!);
  return v;
}

function checkInteger(argument: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new ShapeError(argument, `expected an integer, got ${value}`);
}

function checkDim(argument: string, dim: number, ndim: number, allowEnd = false): void {
  checkInteger(argument, dim);
  const limit = allowEnd ? ndim : ndim - 1;
  if (dim < 0 || dim > limit) throw new ShapeError(argument, `dimension ${dim} is out of range for a ${ndim}-d store`);
}

/**
 * How a store's coordinates map onto its storage's: storage = offset + matrix · view. Every
 * transform (slice with step, promote, project, transpose, broadcast, delinearize) is affine, so
 * views of views compose without copying and each piece of a view is a strided block of memory.
 */
export class AffineMap {
  private constructor(
    /** The view's extents. */
    readonly shape: readonly number[],
    /** Storage coordinates of the view's origin. */
    readonly offset: readonly number[],
    /** `matrix[s][v]`: how storage dimension s moves with view dimension v. */
    readonly matrix: readonly (readonly number[])[],
    /**
     * When not null, the map addresses its storage, of this shape, by the elements' C-order
     * linear index: `offset` and `matrix` have one storage dimension, that index (a reshape that
     * merges dimensions, NumPy's view, has no affine map over the storage's own coordinates).
     */
    readonly flatShape: readonly number[] | null = null,
  ) {}

  /** The identity map of a storage with the given shape. */
  static identity(shape: readonly number[]): AffineMap {
    return new AffineMap(
      [...shape],
      shape.map(() => 0),
      shape.map((_, s) => shape.map((__, v) => (s === v ? 1 : 0))),
    );
  }

  get ndim(): number {
    return this.shape.length;
  }

  #key: string | undefined;

  /** The map as a string: equal maps, equal keys. */
  get key(): string {
    return (this.#key ??= `${this.shape.join()}|${this.offset.join()}|${this.matrix.map((row) => row.join()).join(';')}${this.flatShape ? `|flat ${this.flatShape.join()}` : ''}`);
  }

  get isIdentity(): boolean {
    return (
      this.flatShape === null &&
      this.matrix.length === this.shape.length &&
      this.offset.every((o) => o === 0) &&
      this.matrix.every((row, s) => row.every((m, v) => m === (s === v ? 1 : 0)))
    );
  }

  /**
   * Whether some storage element appears more than once in the view: a dimension that does not
   * move the storage (promoted or broadcast), or two that move it alike (a sliding window).
   * Such a view can be read but not written.
   */
  get hasBroadcast(): boolean {
    return (this.#repeats ??= this.#computeRepeats());
  }

  #repeats: boolean | undefined;

  #computeRepeats(): boolean {
    // Plain loops: every new view asks once, and views are made in loops.
    const { shape, matrix } = this;
    const rows = matrix.length;
    for (let v = 0; v < shape.length; v++) {
      if (shape[v]! <= 1) continue;
      let still = true;
      for (let r = 0; r < rows && still; r++) still = matrix[r]![v] === 0;
      if (still) return true;
      for (let u = v + 1; u < shape.length; u++) {
        if (shape[u]! <= 1) continue;
        let same = true;
        for (let r = 0; r < rows && same; r++) same = matrix[r]![u] === matrix[r]![v];
        if (same) return true;
      }
    }
    return false;
  }

  #column(v: number): number[] {
    return this.matrix.map((row) => row[v]!);
  }

  #with(shape: number[], offset: number[], columns: number[][]): AffineMap {
    return new AffineMap(
      shape,
      offset,
      offset.map((_, s) => columns.map((c) => c[s]!)),
      this.flatShape,
    );
  }

  /**
   * The same view addressing a storage of `storageShape` by linear index (C order): its one
   * storage coordinate is Σ offset[s]·stride[s] plus Σ matrix[s][v]·stride[s] per view step.
   */
  flatten(storageShape: readonly number[]): AffineMap {
    if (this.flatShape !== null || storageShape.length <= 1) return this;
    const strides = cStrides(storageShape);
    const offset = this.offset.reduce((sum, o, s) => sum + o * strides[s]!, 0);
    const row = this.shape.map((_, v) => this.matrix.reduce((sum, r, s) => sum + r[v]! * strides[s]!, 0));
    return new AffineMap([...this.shape], [offset], [row], [...storageShape]);
  }

  /**
   * The view's elements (C order) in `shape` without copying, as NumPy's reshape makes a view:
   * each new dimension a fixed step through the old ones. Null where no map of the view's
   * steps can do it (a transposed or sliced view merged across its gaps: NumPy copies those).
   * `storageShape` is the storage's (a merge addresses it by linear index).
   */
  reshape(shape: readonly number[], storageShape: readonly number[]): AffineMap | null {
    const size = this.shape.reduce((a, b) => a * b, 1);
    if (shape.reduce((a, b) => a * b, 1) !== size) {
      throw new ShapeError('shape', `cannot reshape ${size} elements into [${shape.join(', ')}]`);
    }
    const flat = this.flatten(storageShape);
    const steps = flat.matrix.length === 1 ? flat.matrix[0]! : flat.shape.map(() => 0);
    if (size === 0) return new AffineMap([...shape], [...flat.offset], flat.offset.map(() => shape.map(() => 0)), flat.flatShape);
    // NumPy's no-copy reshape: extent-1 dimensions dropped, then groups of old dimensions whose
    // product equals a group of new ones; an old group must be contiguous (each step the next
    // one's step times its extent) for the new group to step through it evenly.
    const old = flat.shape.map((e, v) => [e, steps[v]!] as const).filter(([e]) => e !== 1);
    const result = new Array<number>(shape.length).fill(0);
    const target = shape.map((e, i) => [e, i] as const).filter(([e]) => e !== 1);
    let i = 0;
    let j = 0;
    while (i < old.length && j < target.length) {
      let [oi, oj] = [i + 1, j + 1];
      let [np, nq] = [old[i]![0], target[j]![0]];
      while (np !== nq) {
        if (np < nq) np *= old[oi++]![0];
        else nq *= target[oj++]![0];
      }
      for (let k = i; k < oi - 1; k++) if (old[k]![1] !== old[k + 1]![0] * old[k + 1]![1]) return null;
      // The new group steps from the old group's innermost step outwards.
      let step = old[oi - 1]![1];
      for (let k = oj - 1; k >= j; k--) {
        result[target[k]![1]] = step;
        step *= target[k]![0];
      }
      [i, j] = [oi, oj];
    }
    return new AffineMap([...shape], [...flat.offset], [result], flat.flatShape);
  }

  #columns(): number[][] {
    return this.shape.map((_, v) => this.#column(v));
  }

  /** Elements start, start+step, ... before stop along `dim` (NumPy's range; step may be negative). */
  slice(dim: number, start: number, stop: number, step = 1): AffineMap {
    checkDim('dim', dim, this.ndim);
    checkInteger('start', start);
    checkInteger('stop', stop);
    checkInteger('step', step);
    if (step === 0) throw new ShapeError('step', 'must not be zero');
    const extent = this.shape[dim]!;
    const count = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
    if (count > 0) {
      const last = start + (count - 1) * step;
      if (start < 0 || start >= extent) throw new ShapeError('start', `index ${start} is out of bounds for dimension ${dim} with extent ${extent}`);
      if (last < 0 || last >= extent) throw new ShapeError('stop', `index ${last} is out of bounds for dimension ${dim} with extent ${extent}`);
    }
    // Row by row, without the columns (views are made in loops: no allocation beyond the result's).
    const sdim = this.offset.length;
    const offset = new Array<number>(sdim);
    const matrix = new Array<number[]>(sdim);
    for (let r = 0; r < sdim; r++) {
      const row = this.matrix[r]!;
      const m = row[dim]!;
      offset[r] = count > 0 ? this.offset[r]! + m * start : this.offset[r]!;
      const next = row.slice();
      next[dim] = m * step;
      matrix[r] = next;
    }
    const shape = this.shape.slice();
    shape[dim] = count;
    return new AffineMap(shape, offset, matrix, this.flatShape);
  }

  /** A new dimension of `extent` at `dim` along which every element is the same (stride 0). */
  promote(dim: number, extent: number): AffineMap {
    checkDim('dim', dim, this.ndim, true);
    checkInteger('extent', extent);
    if (extent < 0) throw new ShapeError('extent', `must be non-negative, got ${extent}`);
    const columns = this.#columns();
    columns.splice(dim, 0, this.offset.map(() => 0));
    const shape = [...this.shape];
    shape.splice(dim, 0, extent);
    return this.#with(shape, [...this.offset], columns);
  }

  /** The slice at `index` of dimension `dim`, which disappears. */
  project(dim: number, index: number): AffineMap {
    checkDim('dim', dim, this.ndim);
    checkInteger('index', index);
    const extent = this.shape[dim]!;
    if (index < 0 || index >= extent) {
      throw new ShapeError('index', `index ${index} is out of bounds for dimension ${dim} with extent ${extent}`);
    }
    const columns = this.#columns();
    const col = columns[dim]!;
    columns.splice(dim, 1);
    const shape = [...this.shape];
    shape.splice(dim, 1);
    return this.#with(shape, this.offset.map((o, s) => o + col[s]! * index), columns);
  }

  /** Dimension v of the result is dimension `axes[v]` of this view. */
  transpose(axes: readonly number[]): AffineMap {
    const seen = new Set<number>();
    if (axes.length !== this.ndim) {
      throw new ShapeError('axes', `expected a permutation of ${this.ndim} dimensions, got [${axes.join(', ')}]`);
    }
    for (const a of axes) {
      checkDim('axes', a, this.ndim);
      if (seen.has(a)) throw new ShapeError('axes', `repeated dimension ${a} in [${axes.join(', ')}]`);
      seen.add(a);
    }
    const columns = this.#columns();
    return this.#with(
      axes.map((a) => this.shape[a]!),
      [...this.offset],
      axes.map((a) => columns[a]!),
    );
  }

  /** Dimension `dim`, of extent 1, repeated `extent` times (stride 0). */
  broadcast(dim: number, extent: number): AffineMap {
    checkDim('dim', dim, this.ndim);
    checkInteger('extent', extent);
    if (this.shape[dim] !== 1) {
      throw new ShapeError('dim', `only a dimension of extent 1 can be broadcast; dimension ${dim} has extent ${this.shape[dim]}`);
    }
    if (extent < 0) throw new ShapeError('extent', `must be non-negative, got ${extent}`);
    const columns = this.#columns();
    columns[dim] = this.offset.map(() => 0);
    const shape = [...this.shape];
    shape[dim] = extent;
    return this.#with(shape, [...this.offset], columns);
  }

  /** Dimension `dim` split into `shape` (C order), whose product must be its extent. */
  delinearize(dim: number, shape: readonly number[]): AffineMap {
    checkDim('dim', dim, this.ndim);
    for (const e of shape) {
      checkInteger('shape', e);
      if (e < 0) throw new ShapeError('shape', `extents must be non-negative, got [${shape.join(', ')}]`);
    }
    const product = shape.reduce((a, b) => a * b, 1);
    if (product !== this.shape[dim]) {
      throw new ShapeError('shape', `[${shape.join(', ')}] has ${product} elements; dimension ${dim} has ${this.shape[dim]}`);
    }
    const columns = this.#columns();
    const col = columns[dim]!;
    let inner = product;
    const split = shape.map((e) => {
      inner = e === 0 ? 0 : inner / e;
      return col.map((m) => m * inner);
    });
    columns.splice(dim, 1, ...split);
    const newShape = [...this.shape];
    newShape.splice(dim, 1, ...shape);
    return this.#with(newShape, [...this.offset], columns);
  }

  /**
   * Windows of `window` consecutive elements along `dim` (NumPy's `sliding_window_view`): `dim`
   * gets extent - window + 1 and a new last dimension of extent `window` moves along it, so
   * view[i, j] = this[i + j]. A CSR matrix's row pointers seen with a window of 2 are its rows'
   * [start, end) ranges.
   */
  slidingWindow(dim: number, window: number): AffineMap {
    checkDim('dim', dim, this.ndim);
    checkInteger('window', window);
    const extent = this.shape[dim]!;
    if (window < 1 || window > extent) throw new ShapeError('window', `must be between 1 and the extent ${extent} of dimension ${dim}, got ${window}`);
    const columns = this.#columns();
    columns.push([...columns[dim]!]);
    const shape = [...this.shape, window];
    shape[dim] = extent - window + 1;
    return this.#with(shape, [...this.offset], columns);
  }

  /**
   * The diagonal of dimensions `dim1` and `dim2` (NumPy's `diagonal`): both disappear and a new
   * last dimension runs along elements (i, i + offset), or (i − offset, i) for a negative offset.
   */
  diagonal(dim1: number, dim2: number, offset = 0): AffineMap {
    checkDim('dim1', dim1, this.ndim);
    checkDim('dim2', dim2, this.ndim);
    checkInteger('offset', offset);
    if (dim1 === dim2) throw new ShapeError('dim2', `must differ from dim1 (${dim1})`);
    const [n1, n2] = [this.shape[dim1]!, this.shape[dim2]!];
    const length = Math.max(0, offset >= 0 ? Math.min(n1, n2 - offset) : Math.min(n1 + offset, n2));
    const columns = this.#columns();
    const c1 = columns[dim1]!;
    const c2 = columns[dim2]!;
    const start = length > 0 ? (offset >= 0 ? c2.map((m) => m * offset) : c1.map((m) => m * -offset)) : c1.map(() => 0);
    const offsetOut = this.offset.map((o, s) => o + start[s]!);
    const kept = columns.filter((_, v) => v !== dim1 && v !== dim2);
    const shape = this.shape.filter((_, v) => v !== dim1 && v !== dim2);
    kept.push(c1.map((m, s) => m + c2[s]!));
    shape.push(length);
    return this.#with(shape, offsetOut, kept);
  }

  /** Storage coordinates of a view point. */
  apply(point: readonly number[]): number[] {
    return this.offset.map((o, s) => {
      let y = o;
      const row = this.matrix[s]!;
      for (let v = 0; v < point.length; v++) y += row[v]! * point[v]!;
      return y;
    });
  }

  /**
   * The smallest storage box holding the image of a view box: what a piece touches, for
   * dependence analysis and copies. Exact unless a step or a delinearized dimension leaves gaps.
   */
  storageBounds(rect: Rect): Rect {
    if (this.flatShape !== null) return this.#flatBounds(rect);
    if (rectVolume(rect) === 0) return { lo: this.offset.map(() => 0), hi: this.offset.map(() => 0) };
    const lo: number[] = [];
    const hi: number[] = [];
    for (let s = 0; s < this.offset.length; s++) {
      const [a, b] = this.#reach(s, rect);
      lo.push(a);
      hi.push(b + 1);
    }
    return { lo, hi };
  }

  /** The lowest and highest coordinate of storage dimension `s` that a (non-empty) view box reaches. */
  #reach(s: number, rect: Rect): [number, number] {
    let a = this.offset[s]!;
    let b = a;
    const row = this.matrix[s]!;
    for (let v = 0; v < rect.lo.length; v++) {
      const first = row[v]! * rect.lo[v]!;
      const last = row[v]! * (rect.hi[v]! - 1);
      a += Math.min(first, last);
      b += Math.max(first, last);
    }
    return [a, b];
  }

  /**
   * A flat map's storage box: the first and last linear index the view box reaches, and the
   * smallest box of the storage (C order) holding every index between them.
   */
  #flatBounds(rect: Rect): Rect {
    const shape = this.flatShape!;
    if (rectVolume(rect) === 0) return { lo: shape.map(() => 0), hi: shape.map(() => 0) };
    let [a, b] = this.#reach(0, rect);
    const ca = new Array<number>(shape.length);
    const cb = new Array<number>(shape.length);
    for (let d = shape.length - 1; d >= 0; d--) {
      const e = Math.max(1, shape[d]!);
      ca[d] = a % e;
      cb[d] = b % e;
      a = Math.floor(a / e);
      b = Math.floor(b / e);
    }
    const lo: number[] = [];
    const hi: number[] = [];
    let differ = false;
    for (let d = 0; d < shape.length; d++) {
      lo.push(differ ? 0 : ca[d]!);
      hi.push(differ ? shape[d]! : cb[d]! + 1);
      differ ||= ca[d] !== cb[d];
    }
    return { lo, hi };
  }

  /** Element strides of the view over a storage laid out with `storageStrides` (elements). */
  strides(storageStrides: readonly number[]): number[] {
    if (this.flatShape !== null) storageStrides = [1];
    return this.shape.map((_, v) => {
      let stride = 0;
      for (let s = 0; s < storageStrides.length; s++) stride += this.matrix[s]![v]! * storageStrides[s]!;
      return stride;
    });
  }

  /** Element offset of a view point in storage laid out with `storageStrides`. */
  linearOffset(point: readonly number[], storageStrides: readonly number[]): number {
    if (this.flatShape !== null) storageStrides = [1];
    const y = this.apply(point);
    let offset = 0;
    for (let s = 0; s < y.length; s++) offset += y[s]! * storageStrides[s]!;
    return offset;
  }
}

/**
 * C-order element strides of a shape.
 *
 * @example
 * ```ts
 * console.log(core.cStrides([2, 3, 4]));
 * // [ 12, 4, 1 ]
 * ```
 */
export function cStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= Math.max(1, shape[d]!);
  }
  return strides;
}
