// NumPy's grid and triangle constructors (meshgrid, indices, tril, triu, tril_indices,
// triu_indices, diagflat) and log-spaced ranges (logspace, geomspace), built from arange,
// linspace, views, broadcasting, where and nonzero: every step a partitioned task.
import { checkOptions, dtype as toDType, DTypeError, isOptionsObject, LogicalStore, tidy, type DTypeLike } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { arange, array, diag, linspace, shapeOf, type Nested, type ShapeLike } from './creation.js';
import { ValueError } from './errors.js';
import { arrayFrom, checkBoolean, checkInteger, checkNumber, isScalar, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';
import { assign, astype, broadcastShapes, filled, zeroOf } from './operations.js';
import { broadcastTo, ravel, reshape } from './shape.js';
import { nonzero } from './sorting.js';
import { lessEqual, logicalNot, multiply, notEqual, power, subtract, where } from './ufunc.js';

const FLOAT64 = toDType('float64');

/** NumPy's keyword arguments of {@link meshgrid}. */
export interface MeshgridOptions {
  /** Whether the results are new arrays (default true) or views of the inputs. */
  copy?: boolean;
  /** Whether each result keeps extent 1 on all axes but its own (default false). */
  sparse?: boolean;
  /** 'xy' (default: the first two axes swapped, as for plotting) or 'ij' (matrix indexing). */
  indexing?: 'xy' | 'ij';
}

/**
 * Coordinate arrays from coordinate vectors (NumPy's `meshgrid`): one array per input, each
 * input flattened and laid along its own axis, broadcast to the full grid unless `sparse`.
 * Options last (`meshgrid(x, y, { indexing: 'ij' })`). Without `copy`, the dense results are
 * read-only broadcast views (NumPy's still take writes, with a FutureWarning).
 *
 * @example
 * ```ts
 * const [X, Y] = np.meshgrid(np.array([1, 2, 3]), np.array([4, 5]));
 * console.log(X, Y);
 * // array([[1, 2, 3],
 * //        [1, 2, 3]]) array([[4, 4, 4],
 * //        [5, 5, 5]])
 * ```
 */
export function meshgrid(...xi: (ArrayInput | MeshgridOptions)[]): ndarray[] {
  const last = xi[xi.length - 1];
  const hasOptions = xi.length > 0 && isOptionsObject(last) && !isScalar(last);
  const options = hasOptions ? checkOptions(last as MeshgridOptions, ['copy', 'sparse', 'indexing'], 'meshgrid') : {};
  const inputs = (hasOptions ? xi.slice(0, -1) : xi) as ArrayInput[];
  const { copy = true, sparse = false, indexing = 'xy' } = options;
  checkBoolean(copy, 'copy', 'meshgrid');
  checkBoolean(sparse, 'sparse', 'meshgrid');
  if (indexing !== 'xy' && indexing !== 'ij') throw new ValueError('indexing', `meshgrid: Valid values for \`indexing\` are 'xy' and 'ij', got ${describeValue(indexing)}.`);
  return tidy(() => {
    const n = inputs.length;
    let grids = inputs.map((x, i) => {
      const shape: number[] = Array.from({ length: n }, (_, k) => (k === i ? -1 : 1));
      if (indexing === 'xy' && n > 1 && i < 2) [shape[0], shape[1]] = [shape[1]!, shape[0]!];
      return reshape(arrayFrom(x, `xi[${i}]`, 'meshgrid'), shape);
    });
    if (!sparse) {
      const shape = broadcastShapes(...grids.map((g) => g.shape));
      grids = grids.map((g) => broadcastTo(g, shape));
    }
    return copy ? grids.map((g) => astype(g, g.dtype)) : grids;
  });
}

/** NumPy's keyword arguments of {@link indices} not given positionally. */
export interface IndicesOptions {
  /** The type of the indices (default int64). */
  dtype?: DTypeLike;
  /** One array per dimension, each of extent 1 on the other axes, instead of one stacked array. */
  sparse?: boolean;
}

/**
 * The index grid of `dimensions` (NumPy's `indices`): one array of shape (N, ...dimensions)
 * whose i-th slice holds each element's index along axis i; with `sparse`, the N arrays
 * separately, each of extent 1 on the other axes.
 *
 * @example
 * ```ts
 * const [rows, cols] = np.indices([2, 3], undefined, true);
 * console.log(rows, cols);
 * // array([[0],
 * //        [1]]) array([[0, 1, 2]])
 * ```
 */
export function indices(dimensions: ShapeLike, dtype: DTypeLike | undefined, sparse: true | { sparse: true }): ndarray[];
export function indices(dimensions: ShapeLike, options: IndicesOptions & { sparse: true }): ndarray[];
export function indices(dimensions: ShapeLike, dtype?: DTypeLike | (IndicesOptions & { sparse?: false }), sparse?: false | { sparse?: false }): ndarray;
export function indices(): ndarray | ndarray[] {
  const [dims, dtype = 'int64', sparse = false] = keywords(arguments, ['dimensions', 'dtype', 'sparse'], 'indices', 1) as [ShapeLike, DTypeLike?, boolean?];
  const shape = shapeOf(dims, 'dimensions');
  checkBoolean(sparse, 'sparse', 'indices');
  const t = toDType(dtype);
  return tidy(() => {
    const grids = shape.map((e, i) => reshape(arange(0, e, 1, t), shape.map((s, k) => (k === i ? s : 1))));
    if (sparse) return grids;
    const out = new ndarray(LogicalStore.create([shape.length, ...shape], t));
    grids.forEach((g, i) => {
      if (out.size > 0) assign(new ndarray(out.store.project(0, i)), g);
    });
    return out;
  });
}

/** tri(n, m, k) as a bool mask: true where column - row <= k. */
function triangleMask(n: number, m: number, k: number): ndarray {
  return tidy(() => lessEqual(subtract(arange(m), reshape(arange(n), [n, 1])), k));
}

function triangle(name: string, lower: boolean, args: IArguments): ndarray {
  const [given, k = 0] = keywords(args, ['m', 'k'], name, 1) as [unknown, number?];
  checkInteger(k, 'k', name);
  return tidy(() => {
    const m = arrayFrom(given, 'm', name);
    if (m.ndim === 0) throw new ValueError('m', `${name}: expected an array of at least 1 dimension, got a 0-d array`);
    const [rows, cols] = m.ndim === 1 ? [m.shape[0]!, m.shape[0]!] : [m.shape[m.ndim - 2]!, m.shape[m.ndim - 1]!];
    const zero = filled([], m.dtype, zeroOf(m.dtype));
    return lower ? where(triangleMask(rows, cols, k), m, zero) : where(triangleMask(rows, cols, k - 1), zero, m);
  });
}

/** NumPy's keyword argument of {@link tril} and {@link triu} not given positionally. */
export interface TriangleOptions {
  /** The diagonal: 0 the main one, > 0 above it, < 0 below it. */
  k?: number;
}

/**
 * The lower triangle of (each matrix in the last two axes of) `m` (NumPy's `tril`): elements
 * above diagonal `k` zeroed. A 1-D `m` gives the square matrix of its rows, as NumPy's.
 *
 * NumPy's `np.tril`.
 *
 * @example
 * ```ts
 * console.log(np.tril(np.ones([3, 3])));
 * // array([[1., 0., 0.],
 * //        [1., 1., 0.],
 * //        [1., 1., 1.]])
 * ```
 */
export function tril(m: ArrayInput, k?: number | TriangleOptions): ndarray {
  return triangle('tril', true, arguments);
}

/**
 * The upper triangle (NumPy's `triu`): elements below diagonal `k` zeroed; as {@link tril}.
 *
 * NumPy's `np.triu`.
 *
 * @example
 * ```ts
 * console.log(np.triu(np.ones([3, 3]), 1));
 * // array([[0., 1., 1.],
 * //        [0., 0., 1.],
 * //        [0., 0., 0.]])
 * ```
 */
export function triu(m: ArrayInput, k?: number | TriangleOptions): ndarray {
  return triangle('triu', false, arguments);
}

/** NumPy's keyword arguments of {@link trilIndices} and {@link triuIndices} not given positionally. */
export interface TriangleIndicesOptions {
  /** The diagonal offset (default 0). */
  k?: number;
  /** The number of columns (default n). */
  m?: number | null;
}

function triangleIndices(name: string, lower: boolean, args: IArguments): [ndarray, ndarray] {
  const [n, k = 0, m = null] = keywords(args, ['n', 'k', 'm'], name, 1) as [number, number?, (number | null)?];
  const rows = shapeOf(n, 'n')[0]!;
  checkInteger(k, 'k', name);
  const cols = m === null ? rows : shapeOf(m, 'm')[0]!;
  return tidy(() => {
    const mask = lower ? triangleMask(rows, cols, k) : logicalNot(triangleMask(rows, cols, k - 1));
    return nonzero(mask) as [ndarray, ndarray];
  });
}

/**
 * The row and column indices of the lower triangle of an n×m matrix (NumPy's `tril_indices`), in C order.
 *
 * @example
 * ```ts
 * const [rows, cols] = np.trilIndices(3);
 * console.log(rows, cols);
 * // array([0, 1, 1, 2, 2, 2]) array([0, 0, 1, 0, 1, 2])
 * ```
 */
export function trilIndices(n: number, k?: number | TriangleIndicesOptions, m?: number | null | TriangleIndicesOptions): [ndarray, ndarray] {
  return triangleIndices('trilIndices', true, arguments);
}

/**
 * The row and column indices of the upper triangle of an n×m matrix (NumPy's `triu_indices`), in C order.
 *
 * @example
 * ```ts
 * const [rows, cols] = np.triuIndices(3, 1);
 * console.log(rows, cols);
 * // array([0, 0, 1]) array([1, 2, 2])
 * ```
 */
export function triuIndices(n: number, k?: number | TriangleIndicesOptions, m?: number | null | TriangleIndicesOptions): [ndarray, ndarray] {
  return triangleIndices('triuIndices', false, arguments);
}

/**
 * The square matrix with the flattened `v` on diagonal `k` (NumPy's `diagflat`).
 *
 * @example
 * ```ts
 * console.log(np.diagflat(np.array([[1, 2], [3, 4]])));
 * // array([[1, 0, 0, 0],
 * //        [0, 2, 0, 0],
 * //        [0, 0, 3, 0],
 * //        [0, 0, 0, 4]])
 * ```
 */
export function diagflat(v: ArrayInput, k?: number | TriangleOptions): ndarray {
  const [given, offset = 0] = keywords(arguments, ['v', 'k'], 'diagflat', 1) as [unknown, number?];
  checkInteger(offset, 'k', 'diagflat');
  return tidy(() => diag(ravel(arrayFrom(given, 'v', 'diagflat')), offset));
}

/** NumPy's keyword arguments of {@link logspace} not given positionally. */
export interface LogspaceOptions {
  /** The number of samples (default 50). */
  num?: number;
  /** Whether base ** stop is the last sample (default true). */
  endpoint?: boolean;
  /** The base of the powers (default 10). */
  base?: number;
  /** The result type (default float64). */
  dtype?: DTypeLike | null;
  /** 0 or -1: the one axis of the result (start and stop are scalars here). */
  axis?: number;
}

/**
 * `num` powers `base ** linspace(start, stop)` (NumPy's `logspace`), for scalar `start` and
 * `stop`; a `dtype` casts the float64 powers as astype does.
 *
 * @example
 * ```ts
 * console.log(np.logspace(0, 3, 4));
 * // array([   1.,   10.,  100., 1000.])
 * ```
 */
export function logspace(start: number, stop: number, num?: number | LogspaceOptions, endpoint?: boolean | LogspaceOptions, base?: number | LogspaceOptions, dtype?: DTypeLike | null | LogspaceOptions, axis?: number | LogspaceOptions): ndarray {
  const [a, b, count = 50, end = true, radix = 10, type = null, ax = 0] = keywords(arguments, ['start', 'stop', 'num', 'endpoint', 'base', 'dtype', 'axis'], 'logspace', 2) as [
    number,
    number,
    number?,
    boolean?,
    number?,
    (DTypeLike | null)?,
    number?,
  ];
  checkNumber(radix, 'base', 'logspace');
  normalizeAxis(ax, 1, 'axis');
  const t = type === null ? null : toDType(type);
  return tidy(() => {
    const powers = power(radix, linspace(a, b, count, { endpoint: end }));
    return t === null ? powers : astype(powers, t);
  });
}

/** NumPy's keyword arguments of {@link geomspace} not given positionally. */
export interface GeomspaceOptions {
  /** The number of samples (default 50). */
  num?: number;
  /** Whether `stop` is the last sample (default true). */
  endpoint?: boolean;
  /** The result type (default float64; real types only). */
  dtype?: DTypeLike | null;
  /** 0 or -1: the one axis of the result. */
  axis?: number;
}

/**
 * `num` samples from `start` to `stop` evenly spaced on a log scale (NumPy's `geomspace`), for
 * real, nonzero scalar `start` and `stop` of either sign (opposite signs give NaN between the
 * ends, as NumPy's); the ends are exactly `start` and `stop`.
 *
 * @example
 * ```ts
 * console.log(np.geomspace(1, 1000, 4));
 * // array([   1.,   10.,  100., 1000.])
 * ```
 */
export function geomspace(start: number, stop: number, num?: number | GeomspaceOptions, endpoint?: boolean | GeomspaceOptions, dtype?: DTypeLike | null | GeomspaceOptions, axis?: number | GeomspaceOptions): ndarray {
  const [a, b, count = 50, end = true, type = null, ax = 0] = keywords(arguments, ['start', 'stop', 'num', 'endpoint', 'dtype', 'axis'], 'geomspace', 2) as [
    number,
    number,
    number?,
    boolean?,
    (DTypeLike | null)?,
    number?,
  ];
  for (const [name, v] of [['start', a], ['stop', b]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DTypeError(name, `geomspace: expected a finite number, got ${describeValue(v)}`);
    if (v === 0) throw new ValueError(name, 'geomspace: Geometric sequence cannot include zero');
  }
  normalizeAxis(ax, 1, 'axis');
  const t = type === null ? FLOAT64 : toDType(type);
  if (t.isComplex) throw new DTypeError('dtype', `geomspace: complex results (dtype ${t.name}) are not supported`);
  return tidy(() => {
    // As NumPy's: rotated to a positive start, powers of 10 between the logs, ends set exactly.
    const sign = Math.sign(a);
    const [first, last] = [a / sign, b / sign];
    const [lo, hi] = [Math.log10(first), Math.log10(last)];
    const steps = linspace(lo, Number.isFinite(hi) ? hi : lo, count, { endpoint: end });
    let values = Number.isFinite(hi) ? power(10, steps) : filled(steps.shape, FLOAT64, NaN);
    if (count > 0) values.store.slice(0, 0, 1).fill(first);
    if (count > 1 && end) values.store.slice(0, count - 1, count).fill(last);
    if (sign < 0) values = multiply(values, -1);
    return t === FLOAT64 ? values : astype(values, t);
  });
}

/** NumPy's keyword arguments of {@link fromfunction}. */
export interface FromfunctionOptions {
  /** The type of the index arrays passed to `fn` (float64 by default, as NumPy's). */
  dtype?: DTypeLike;
}

/**
 * `fn` called with one array of indices per dimension of `shape`, each of that shape, in
 * `dtype` (NumPy's `np.fromfunction`); returns what `fn` returns. The index arrays are freed
 * afterwards unless `fn` returns them.
 *
 * @example
 * ```ts
 * console.log(np.fromfunction((i, j) => np.add(np.multiply(i, 10), j), [2, 3], { dtype: 'int32' }));
 * // array([[ 0,  1,  2],
 * //        [10, 11, 12]], dtype=int32)
 * ```
 */
export function fromfunction<T>(fn: (...indices: ndarray[]) => T, shape: ShapeLike, options: FromfunctionOptions = {}): T {
  checkArity(arguments.length, ['function', 'shape', 'options'], 'fromfunction');
  if (typeof fn !== 'function') throw new DTypeError('function', `fromfunction: expected a function, got ${describeValue(fn)}`);
  const { dtype = 'float64' } = checkOptions(options, ['dtype'], 'fromfunction');
  const dims = shapeOf(shape, 'shape');
  return tidy(() => {
    const grid = indices(dims, dtype);
    return fn(...dims.map((_, i) => new ndarray(grid.store.project(0, i))));
  });
}

/** Bytes of a buffer or a view of one (a typed array, a DataView, a Node Buffer). */
export type BufferSource = ArrayBufferLike | ArrayBufferView;

/** NumPy's keyword arguments of {@link frombuffer}. */
export interface FrombufferOptions {
  dtype?: DTypeLike;
  /** How many elements to read; -1 (the default) reads to the end. */
  count?: number;
  /** Bytes to skip first. */
  offset?: number;
}

/**
 * The bytes of `buffer` (little-endian, as on this machine) read as a 1-D array of `dtype`
 * (float64 by default), `count` elements from byte `offset` (NumPy's `np.frombuffer`). The
 * result is a copy: later writes to `buffer` do not reach it, where NumPy's shares the memory.
 *
 * @example
 * ```ts
 * console.log(np.frombuffer(new Uint8Array([1, 0, 2, 0, 3, 0]), { dtype: 'int16', offset: 2 }));
 * // array([2, 3], dtype=int16)
 * ```
 */
export function frombuffer(buffer: BufferSource, dtypeArg?: DTypeLike | FrombufferOptions, countArg?: number | FrombufferOptions, offsetArg?: number | FrombufferOptions): ndarray {
  const [, dtype = 'float64', count = -1, offset = 0] = keywords(arguments, ['buffer', 'dtype', 'count', 'offset'], 'frombuffer', 1) as [unknown, DTypeLike?, number?, number?];
  const bytes =
    buffer instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer)
      ? new Uint8Array(buffer)
      : ArrayBuffer.isView(buffer)
        ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
        : null;
  if (bytes === null) throw new DTypeError('buffer', `frombuffer: expected an ArrayBuffer or a view of one, got ${describeValue(buffer)}`);
  checkInteger(count, 'count', 'frombuffer');
  checkInteger(offset, 'offset', 'frombuffer');
  const t = toDType(dtype);
  if (offset < 0 || offset > bytes.length) throw new ValueError('offset', `frombuffer: offset must be non-negative and no greater than buffer length (${bytes.length})`);
  const available = bytes.length - offset;
  let n: number;
  if (count < 0) {
    if (available % t.itemsize !== 0) throw new ValueError('buffer', 'frombuffer: buffer size must be a multiple of element size');
    n = available / t.itemsize;
  } else {
    if (count * t.itemsize > available) throw new ValueError('count', 'frombuffer: buffer is smaller than requested size');
    n = count;
  }
  // A copy of the bytes, aligned for the element type.
  const copy = bytes.slice(offset, offset + n * t.itemsize);
  if (t.kind === 'b') {
    // Any nonzero byte is True (the bool store holds 0 and 1 only).
    return tidy(() => notEqual(frombuffer(copy, 'uint8'), 0));
  }
  const out = new ndarray(LogicalStore.create([n], t));
  if (n > 0) out.store.write(new t.arrayType(copy.buffer as ArrayBuffer) as never);
  return out;
}

/** NumPy's keyword arguments of {@link fromiter}. */
export interface FromiterOptions {
  /** How many items to take; -1 (the default) takes them all. */
  count?: number;
}

/**
 * A 1-D array of `dtype` from the items of `iterable` (NumPy's `np.fromiter`), the first
 * `count` of them when given; each item is cast as `np.array(items, dtype)` casts.
 *
 * @example
 * ```ts
 * function* squares() { for (let i = 0; ; i++) yield i * i; }
 * console.log(np.fromiter(squares(), 'float32', 4));
 * // array([0., 1., 4., 9.], dtype=float32)
 * ```
 */
export function fromiter(iterable: Iterable<unknown>, dtype: DTypeLike, countArg?: number | FromiterOptions): ndarray {
  const [, , count = -1] = keywords(arguments, ['iter', 'dtype', 'count'], 'fromiter', 2) as [unknown, unknown, number?];
  if (iterable === null || typeof iterable !== 'object' || typeof (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new DTypeError('iter', `fromiter: expected an iterable, got ${describeValue(iterable)}`);
  }
  if (dtype === undefined || dtype === null) throw new DTypeError('dtype', 'fromiter: a dtype is required');
  const t = toDType(dtype);
  checkInteger(count, 'count', 'fromiter');
  const items: unknown[] = [];
  if (count !== 0) {
    for (const item of iterable) {
      items.push(item);
      if (items.length === count) break;
    }
  }
  if (count > 0 && items.length < count) throw new ValueError('iter', `fromiter: iterator too short: Expected ${count} but iterator had only ${items.length} items.`);
  const out = array(items as Nested, t);
  if (out.ndim !== 1) {
    out.dispose();
    throw new ValueError('iter', 'fromiter: setting an array element with a sequence: each item must be a scalar');
  }
  return out;
}
