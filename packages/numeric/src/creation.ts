import {
  AutoTask,
  checkOptions,
  broadcast,
  dtype as toDType,
  dtypeOfArray,
  DTypeError,
  LogicalStore,
  Scalar,
  ShapeError,
  type Complex,
  type DType,
  type DTypeLike,
  type ScalarValue,
  type TypedArray,
} from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { ValueError } from './errors.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { assign, astype, filled, isPythonInt, storedValue, zeroOf } from './operations.js';
import { DiagMode, Task } from './tasks.js';
import { floor } from './ufunc.js';

/** NumPy's keyword argument `dtype` of a creation function, as an options object, last. */
export interface DTypeOptions {
  dtype?: DTypeLike;
}

/** NumPy's keyword arguments of {@link arange} not given positionally, as one options object, last. */
export interface ArangeOptions {
  stop?: number | bigint | null;
  step?: number | bigint;
  dtype?: DTypeLike;
}

/** NumPy's keyword arguments of {@link eye} not given positionally, as one options object, last. */
export interface EyeOptions {
  M?: number | null;
  k?: number;
  dtype?: DTypeLike;
}

/** A shape: one extent, or one per dimension. */
export type ShapeLike = number | readonly number[];

/** @internal A validated shape. */
export function shapeOf(like: ShapeLike, argument = 'shape'): number[] {
  if (typeof like !== 'number' && !Array.isArray(like)) {
    throw new ShapeError(argument, `expected an integer or an array of integers, got ${describeValue(like)}`);
  }
  const shape = typeof like === 'number' ? [like] : [...like];
  for (const e of shape) {
    if (!Number.isSafeInteger(e)) {
      throw new ShapeError(argument, `expected integers, got ${typeof like === 'number' ? describeValue(like) : describeValue(shape)}`);
    }
    if (e < 0) throw new ShapeError(argument, 'negative dimensions are not allowed');
  }
  return shape;
}

/**
 * A new array whose elements are not initialised (NumPy's `empty`).
 *
 * @example
 * ```ts
 * const a = np.empty([2, 3], 'int32');
 * console.log(a.shape, a.dtype.name);
 * // [ 2, 3 ] int32
 * ```
 */
export function empty(shape: ShapeLike, dtype?: DTypeLike | DTypeOptions): ndarray {
  const [, d = 'float64'] = keywords(arguments, ['shape', 'dtype'], 'empty', 1) as [unknown, DTypeLike?];
  return new ndarray(LogicalStore.create(shapeOf(shape), toDType(d)));
}

function oneOf(t: DType): ScalarValue {
  return t.kind === 'b' ? true : t.isBigInt ? 1n : t.isComplex ? { re: 1, im: 0 } : 1;
}

/**
 * A new array of `shape` filled with zeros (float64 unless `dtype` says otherwise). NumPy's `np.zeros`.
 *
 * @example
 * ```ts
 * console.log(np.zeros([2, 3]));
 * // array([[0., 0., 0.],
 * //        [0., 0., 0.]])
 * ```
 */
export function zeros(shape: ShapeLike, dtype?: DTypeLike | DTypeOptions): ndarray {
  const [, d = 'float64'] = keywords(arguments, ['shape', 'dtype'], 'zeros', 1) as [unknown, DTypeLike?];
  const t = toDType(d);
  return filled(shapeOf(shape), t, zeroOf(t));
}

/**
 * A new array of `shape` filled with ones (float64 unless `dtype` says otherwise). NumPy's `np.ones`.
 *
 * @example
 * ```ts
 * console.log(np.ones([3], 'int32'));
 * // array([1, 1, 1], dtype=int32)
 * ```
 */
export function ones(shape: ShapeLike, dtype?: DTypeLike | DTypeOptions): ndarray {
  const [, d = 'float64'] = keywords(arguments, ['shape', 'dtype'], 'ones', 1) as [unknown, DTypeLike?];
  const t = toDType(d);
  return filled(shapeOf(shape), t, oneOf(t));
}

/** The type NumPy gives a Python scalar (`np.asarray(x).dtype`): bool, int64, float64 or complex128. */
export function scalarType(value: unknown, argument: string): DType {
  if (typeof value === 'boolean') return toDType('bool');
  if (isPythonInt(value)) return toDType('int64');
  if (typeof value === 'number') return toDType('float64');
  if (typeof value === 'object' && value !== null && 're' in value && 'im' in value) return toDType('complex128');
  throw new DTypeError(argument, `expected a number, bigint, boolean or {re, im}, got ${typeof value}`);
}

/**
 * A new array of `shape` filled with `fillValue` (of its type unless `dtype` says otherwise). NumPy's `np.full`.
 *
 * @example
 * ```ts
 * console.log(np.full([2, 2], 7));
 * // array([[7, 7],
 * //        [7, 7]])
 * ```
 */
export function full(shape: ShapeLike, fillValue: ScalarValue, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  // From position 2: a complex fill value {re, im} is not an options object.
  const [, , dtype] = keywords(arguments, ['shape', 'fill_value', 'dtype'], 'full', 2) as [unknown, unknown, DTypeLike?];
  const t = dtype === undefined ? scalarType(fillValue, 'fill_value') : toDType(dtype);
  const extents = shapeOf(shape);
  if (t.isInteger && typeof fillValue === 'number' && !Number.isInteger(fillValue)) {
    // A float into an integer type: NumPy's full casts it as astype does (NaN, infinities and
    // values out of range included, with a warning there), so through the same cast kernel.
    const source = filled([], toDType('float64'), fillValue);
    try {
      const out = new ndarray(LogicalStore.create(extents, t));
      assign(out, source);
      return out;
    } finally {
      source.store.dispose();
    }
  }
  return filled(extents, t, storedValue(fillValue, t, 'fill_value'));
}

function checkLike(a: unknown, fn: string): asserts a is ndarray {
  if (!(a instanceof ndarray)) throw new DTypeError('a', `${fn}: expected an ndarray, got ${describeValue(a)}`);
}

/**
 * An array of zeros with a's shape and, unless `dtype` is given, its type (NumPy's `zeros_like`).
 *
 * @example
 * ```ts
 * console.log(np.zerosLike(np.array([[1, 2, 3]])));
 * // array([[0, 0, 0]])
 * ```
 */
export function zerosLike(a: ndarray, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, dtype] = keywords(arguments, ['a', 'dtype'], 'zeros_like', 1) as [unknown, DTypeLike?];
  checkLike(a, 'zeros_like');
  return zeros(a.shape, dtype ?? a.dtype);
}

/**
 * An array of ones with a's shape and, unless `dtype` is given, its type (NumPy's `ones_like`).
 *
 * @example
 * ```ts
 * console.log(np.onesLike(np.array([1.5, 2.5])));
 * // array([1., 1.])
 * ```
 */
export function onesLike(a: ndarray, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, dtype] = keywords(arguments, ['a', 'dtype'], 'ones_like', 1) as [unknown, DTypeLike?];
  checkLike(a, 'ones_like');
  return ones(a.shape, dtype ?? a.dtype);
}

/**
 * An uninitialized array with a's shape and, unless `dtype` is given, its type (NumPy's `empty_like`).
 *
 * @example
 * ```ts
 * const a = np.emptyLike(np.ones([2, 2]), 'float32');
 * console.log(a.shape, a.dtype.name);
 * // [ 2, 2 ] float32
 * ```
 */
export function emptyLike(a: ndarray, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, dtype] = keywords(arguments, ['a', 'dtype'], 'empty_like', 1) as [unknown, DTypeLike?];
  checkLike(a, 'empty_like');
  return empty(a.shape, dtype ?? a.dtype);
}

/**
 * An array of `fillValue` with a's shape and, unless `dtype` is given, its type (NumPy's `full_like`).
 *
 * @example
 * ```ts
 * console.log(np.fullLike(np.array([1, 2, 3]), 7));
 * // array([7, 7, 7])
 * ```
 */
export function fullLike(a: ndarray, fillValue: ScalarValue, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, , dtype] = keywords(arguments, ['a', 'fill_value', 'dtype'], 'full_like', 2) as [unknown, unknown, DTypeLike?];
  checkLike(a, 'full_like');
  return full(a.shape, fillValue, dtype ?? a.dtype);
}

const INT64_MIN = -(2n ** 63n);
const UINT64_END = 2n ** 64n;

/**
 * Evenly spaced values in [start, stop): `arange(stop)` or `arange(start, stop, step, dtype)`.
 * Integer arguments (numbers or bigints) give int64 and are computed exactly in integers, also
 * beyond 2^53; any fractional argument gives float64.
 *
 * NumPy's `np.arange`.
 *
 * @example
 * ```ts
 * console.log(np.arange(1, 10, 3));
 * // array([1, 4, 7])
 * ```
 */
export function arange(
  start: number | bigint,
  stop?: number | bigint | null | ArangeOptions,
  step?: number | bigint | ArangeOptions,
  dtype?: DTypeLike | ArangeOptions,
): ndarray;
export function arange(): ndarray {
  let [start, stop, step = 1, dtype] = keywords(arguments, ['start', 'stop', 'step', 'dtype'], 'arange', 1) as [number | bigint, (number | bigint | null)?, (number | bigint)?, DTypeLike?];
  if (stop === undefined || stop === null) [start, stop] = [0, start];
  for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (typeof v === 'bigint') {
      if (v < INT64_MIN || v >= UINT64_END) throw new ValueError(name, `${v} is out of the range of 64-bit integers`);
    } else if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DTypeError(name, `expected a finite number or a bigint, got ${describeValue(v)}`);
    }
  }
  const integral = [start, stop, step].every((v) => isPythonInt(v));
  const t = dtype === undefined ? toDType(integral ? 'int64' : 'float64') : toDType(dtype);
  if (integral && t.isInteger) {
    // Exact: the length and the elements in integers, never through float64.
    const [a, b, c] = [BigInt(start), BigInt(stop), BigInt(step)];
    if (c === 0n) throw new ShapeError('step', 'Maximum allowed size exceeded (a step of zero)');
    const span = b - a;
    const steps = span / c + (span % c !== 0n && span > 0n === c > 0n ? 1n : 0n);
    const length = steps > 0n ? steps : 0n;
    if (length > BigInt(Number.MAX_SAFE_INTEGER)) throw new ShapeError('stop', `Maximum allowed size exceeded (${length} elements)`);
    const out = LogicalStore.create([Number(length)], t);
    if (length > 0n) {
      new AutoTask(library, Task.Arange)
        .addOutput(out)
        .addScalar(new Scalar(Number(a), 'float64'))
        .addScalar(new Scalar(Number(c), 'float64'))
        .addScalar(new Scalar(BigInt.asIntN(64, a), 'int64'))
        .addScalar(new Scalar(BigInt.asIntN(64, c), 'int64'))
        .execute();
    }
    return new ndarray(out);
  }
  const [a, b, c] = [Number(start), Number(stop), Number(step)];
  if (c === 0) throw new ShapeError('step', 'Maximum allowed size exceeded (a step of zero)');
  const length = Math.max(0, Math.ceil((b - a) / c));
  const out = LogicalStore.create([length], t);
  if (length > 0) {
    new AutoTask(library, Task.Arange).addOutput(out).addScalar(new Scalar(a, 'float64')).addScalar(new Scalar(c, 'float64')).execute();
  }
  return new ndarray(out);
}

/** Nested JavaScript arrays of numbers, bigints or booleans. */
export type Nested = number | bigint | boolean | Complex | readonly Nested[];

/**
 * A new array from nested JavaScript arrays, a typed array, or another array (copied). The type
 * is NumPy's for the values: bool, int64, float64 (also for no values: `array([])`) or
 * complex128 (a `{ re, im }` element), unless `dtype` says otherwise.
 *
 * @example
 * ```ts
 * console.log(np.array([[1, 2], [3, 4]], 'float32'));
 * // array([[1., 2.],
 * //        [3., 4.]], dtype=float32)
 * ```
 */
export function array(data: Nested | TypedArray | ndarray, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, dtype] = keywords(arguments, ['object', 'dtype'], 'array', 1) as [unknown, DTypeLike?];
  if (data instanceof ndarray) {
    const t = dtype === undefined ? data.dtype : toDType(dtype);
    if (t !== data.dtype) return castFrom(data.toArray(), data.dtype, t, data.shape);
    const out = LogicalStore.create(data.shape, t);
    out.write(data.toArray());
    return new ndarray(out);
  }
  if (ArrayBuffer.isView(data)) {
    const from = dtypeOfArray(data as TypedArray);
    const t = dtype === undefined ? from : toDType(dtype);
    if (t !== from) return castFrom(data as TypedArray, from, t, [(data as TypedArray).length]);
    const out = LogicalStore.create([(data as TypedArray).length], t);
    out.write((data as TypedArray).slice());
    return new ndarray(out);
  }
  const shape: number[] = [];
  for (let level: Nested = data; Array.isArray(level); level = (level as readonly Nested[])[0]!) {
    shape.push((level as readonly Nested[]).length);
    if ((level as readonly Nested[]).length === 0) break;
  }
  const flat: (number | bigint | boolean | Complex)[] = [];
  const walk = (value: Nested, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(value)) throw new ShapeError('object', 'setting an array element with a sequence: the nested arrays are ragged');
      flat.push(value as number | bigint | boolean | Complex);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[dim]) {
      throw new ShapeError('object', `the nested arrays are ragged: expected ${shape[dim]} elements at depth ${dim}`);
    }
    for (const v of value as readonly Nested[]) walk(v, dim + 1);
  };
  walk(data, 0);
  const isComplexValue = (v: unknown): v is Complex => typeof v === 'object' && v !== null && typeof (v as Complex).re === 'number' && typeof (v as Complex).im === 'number';
  const t =
    dtype !== undefined
      ? toDType(dtype)
      : flat.every((v) => typeof v === 'boolean') && flat.length
        ? toDType('bool')
        : flat.length > 0 && flat.every((v) => isPythonInt(v) || typeof v === 'boolean')
          ? toDType('int64')
          : flat.some(isComplexValue)
            ? toDType('complex128')
            : toDType('float64');
  const values = new t.arrayType(flat.length * t.lanes);
  flat.forEach((v, i) => {
    if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean' && !isComplexValue(v)) {
      throw new DTypeError('object', `expected numbers, bigints, booleans or complex { re, im }, got ${describeValue(v)}`);
    }
    if (isComplexValue(v) && !t.isComplex && t.kind !== 'b') {
      throw new DTypeError('object', `cannot convert the complex value ${v.re}${v.im < 0 || Object.is(v.im, -0) ? '-' : '+'}${Math.abs(v.im)}j to ${t.name}`);
    }
    const checked = new Scalar(storedValue(v, t, 'object'), t, 'object').value;
    if (t.isComplex) {
      const c = checked as Complex;
      (values as Float32Array | Float64Array)[i * 2] = c.re;
      (values as Float32Array | Float64Array)[i * 2 + 1] = c.im;
    } else {
      (values as unknown as (number | bigint)[])[i] = typeof checked === 'boolean' ? (checked ? 1 : 0) : (checked as number | bigint);
    }
  });
  const out = LogicalStore.create(shape, t);
  out.write(values);
  return new ndarray(out);
}

/**
 * The input as an array (NumPy's `asarray`): an ndarray of the requested type is returned as is, anything else converted as by {@link array}.
 *
 * @example
 * ```ts
 * console.log(np.asarray([1.5, 2, 3]));
 * // array([1.5, 2. , 3. ])
 * ```
 */
export function asarray(data: Nested | TypedArray | ndarray, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, dtype] = keywords(arguments, ['a', 'dtype'], 'asarray', 1) as [unknown, DTypeLike?];
  return data instanceof ndarray && (dtype === undefined || toDType(dtype) === data.dtype) ? data : array(data, dtype);
}

/**
 * Host values of `from` as a new array of `to`, converted by the cast kernel astype uses, so
 * every cast follows one rule. A NaN or infinity for an integer type is a ValueError, as NumPy's
 * `array` of Python floats.
 */
function castFrom(values: TypedArray, from: DType, to: DType, shape: readonly number[]): ndarray {
  if (to.isInteger) {
    for (let i = 0; i < values.length; i += from.lanes) {
      const v = values[i]!;
      if (typeof v === 'number' && !Number.isFinite(v)) throw new ValueError('object', `cannot convert float ${Number.isNaN(v) ? 'NaN' : 'infinity'} to integer`);
    }
  }
  const source = new ndarray(LogicalStore.create(shape, from));
  try {
    source.store.write(values);
    return astype(source, to);
  } finally {
    source.store.dispose();
  }
}

/** NumPy's keyword arguments of {@link linspace}. */
export interface LinspaceOptions {
  /** Whether `stop` is the last sample (default true); also linspace's 4th positional argument. */
  endpoint?: boolean;
  dtype?: DTypeLike;
}

/**
 * `num` evenly spaced values over [start, stop] (or [start, stop) without the endpoint), as
 * NumPy computes them: start + i * step, the last one exactly `stop`.
 *
 * NumPy's `np.linspace`.
 *
 * @example
 * ```ts
 * console.log(np.linspace(0, 1, 5));
 * // array([0.  , 0.25, 0.5 , 0.75, 1.  ])
 * ```
 */
export function linspace(start: number, stop: number, num = 50, endpointOrOptions?: boolean | LinspaceOptions): ndarray {
  checkArity(arguments.length, ['start', 'stop', 'num', 'endpoint or options'], 'linspace');
  for (const [name, v] of [['start', start], ['stop', stop]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DTypeError(name, `expected a finite number, got ${describeValue(v)}`);
  }
  if (typeof num !== 'number') throw new DTypeError('num', `expected an integer, got ${describeValue(num)}`);
  if (!Number.isSafeInteger(num) || num < 0) throw new ShapeError('num', `Number of samples, ${num}, must be non-negative.`);
  const options: LinspaceOptions =
    typeof endpointOrOptions === 'boolean' ? { endpoint: endpointOrOptions } : checkOptions(endpointOrOptions, ['endpoint', 'dtype'], 'linspace');
  if (options.endpoint !== undefined && typeof options.endpoint !== 'boolean') {
    throw new DTypeError('endpoint', `expected a boolean, got ${describeValue(options.endpoint)}`);
  }
  const endpoint = options.endpoint ?? true;
  const divisions = endpoint ? num - 1 : num;
  const step = divisions > 0 ? (stop - start) / divisions : NaN;
  const t = options.dtype === undefined ? toDType('float64') : toDType(options.dtype);
  const values = new ndarray(LogicalStore.create([num], 'float64'));
  if (num > 0) {
    new AutoTask(library, Task.Arange).addOutput(values.store).addScalar(new Scalar(start, 'float64')).addScalar(new Scalar(divisions > 0 ? step : 0, 'float64')).execute();
    if (endpoint && num > 1) {
      const last = values.store.slice(0, num - 1, num);
      last.fill(stop);
      last.dispose();
    }
  }
  if (t.kind === 'f' && t.itemsize === 8) return values;
  // NumPy rounds toward -inf for integer types.
  const rounded = t.isInteger ? floor(values) : values;
  const result = astype(rounded, t);
  values.store.dispose();
  if (rounded !== values) rounded.store.dispose();
  return result;
}

/**
 * A 2-D array with ones on diagonal `k` (0: the main one, > 0 above, < 0 below) and zeros elsewhere.
 * NumPy's `np.eye`.
 *
 * @example
 * ```ts
 * console.log(np.eye(3, 4, 1));
 * // array([[0., 1., 0., 0.],
 * //        [0., 0., 1., 0.],
 * //        [0., 0., 0., 1.]])
 * ```
 */
export function eye(N: number, M?: number | null | EyeOptions, K?: number | EyeOptions, dtypeOrOptions?: DTypeLike | EyeOptions): ndarray {
  const [n, m, k = 0, dtype = 'float64'] = keywords(arguments, ['N', 'M', 'k', 'dtype'], 'eye', 1) as [number, (number | null)?, number?, DTypeLike?];
  const rows = shapeOf(n, 'N')[0]!;
  const cols = shapeOf(m ?? n, 'M')[0]!;
  if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${describeValue(k)}`);
  const out = LogicalStore.create([rows, cols], toDType(dtype));
  if (out.size > 0) {
    new AutoTask(library, Task.Diag).addOutput(out).addScalar(new Scalar(DiagMode.Eye, 'int32')).addScalar(new Scalar(BigInt(k), 'int64')).execute();
  }
  return new ndarray(out);
}

/**
 * The n×n identity matrix.
 * NumPy's `np.identity`.
 *
 * @example
 * ```ts
 * console.log(np.identity(2));
 * // array([[1., 0.],
 * //        [0., 1.]])
 * ```
 */
export function identity(n: number, dtypeOrOptions?: DTypeLike | DTypeOptions): ndarray {
  const [, dtype = 'float64'] = keywords(arguments, ['n', 'dtype'], 'identity', 1) as [unknown, DTypeLike?];
  return eye(n, n, 0, dtype);
}

/**
 * NumPy's `diag`: a 1-D `v` gives the square matrix with `v` on diagonal `k`; a 2-D `v` gives a
 * copy of its diagonal `k`.
 *
 * NumPy's `np.diag`.
 *
 * @example
 * ```ts
 * console.log(np.diag(np.array([1, 2, 3])));
 * // array([[1, 0, 0],
 * //        [0, 2, 0],
 * //        [0, 0, 3]])
 * ```
 */
export function diag(v: ndarray, k = 0): ndarray {
  checkArity(arguments.length, ['v', 'k'], 'diag');
  if (!(v instanceof ndarray)) throw new DTypeError('v', `diag: expected an ndarray, got ${describeValue(v)}`);
  if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${describeValue(k)}`);
  if (v.ndim === 1) {
    const n = v.shape[0]! + Math.abs(k);
    const out = LogicalStore.create([n, n], v.dtype);
    if (out.size > 0) {
      new AutoTask(library, Task.Diag)
        .addOutput(out)
        .addInput(v.store)
        .addConstraint(broadcast(v.store))
        .addScalar(new Scalar(DiagMode.FromVector, 'int32'))
        .addScalar(new Scalar(BigInt(k), 'int64'))
        .execute();
    }
    return new ndarray(out);
  }
  if (v.ndim === 2) {
    const [rows, cols] = v.shape as [number, number];
    const length = Math.max(0, k >= 0 ? Math.min(rows, cols - k) : Math.min(rows + k, cols));
    const out = LogicalStore.create([length], v.dtype);
    if (length > 0) {
      new AutoTask(library, Task.Diag)
        .addOutput(out)
        .addInput(v.store)
        .addConstraint(broadcast(v.store))
        .addScalar(new Scalar(DiagMode.Extract, 'int32'))
        .addScalar(new Scalar(BigInt(k), 'int64'))
        .execute();
    }
    return new ndarray(out);
  }
  throw new ShapeError('v', `Input must be 1- or 2-d, got shape (${v.shape.join(', ')})`);
}
