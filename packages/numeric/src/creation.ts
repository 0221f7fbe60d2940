import {
  AutoTask,
  broadcast,
  dtype as toDType,
  dtypeOfArray,
  DTypeError,
  LogicalStore,
  Scalar,
  ShapeError,
  type DType,
  type DTypeLike,
  type ScalarValue,
  type TypedArray,
} from '@legate/core';

import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { astype, filled, zeroOf } from './operations.js';
import { DiagMode, Task } from './tasks.js';
import { floor } from './ufunc.js';

/** A shape: one extent, or one per dimension. */
export type ShapeLike = number | readonly number[];

/** @internal A validated shape. */
export function shapeOf(like: ShapeLike): number[] {
  const shape = typeof like === 'number' ? [like] : [...like];
  for (const e of shape) {
    if (!Number.isSafeInteger(e)) throw new ShapeError('shape', `expected integers, got [${shape.join(', ')}]`);
    if (e < 0) throw new ShapeError('shape', 'negative dimensions are not allowed');
  }
  return shape;
}

/** A new array whose elements are not initialised (NumPy's `empty`). */
export function empty(shape: ShapeLike, dtype: DTypeLike = 'float64'): ndarray {
  return new ndarray(LogicalStore.create(shapeOf(shape), toDType(dtype)));
}

function oneOf(t: DType): ScalarValue {
  return t.kind === 'b' ? true : t.isBigInt ? 1n : t.isComplex ? { re: 1, im: 0 } : 1;
}

export function zeros(shape: ShapeLike, dtype: DTypeLike = 'float64'): ndarray {
  const t = toDType(dtype);
  return filled(shapeOf(shape), t, zeroOf(t));
}

export function ones(shape: ShapeLike, dtype: DTypeLike = 'float64'): ndarray {
  const t = toDType(dtype);
  return filled(shapeOf(shape), t, oneOf(t));
}

/** The type NumPy gives a Python scalar: bool, int64, float64 or complex128. */
function scalarType(value: unknown, argument: string): DType {
  if (typeof value === 'boolean') return toDType('bool');
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return toDType('int64');
  if (typeof value === 'number') return toDType('float64');
  if (typeof value === 'object' && value !== null && 're' in value && 'im' in value) return toDType('complex128');
  throw new DTypeError(argument, `expected a number, bigint, boolean or {re, im}, got ${typeof value}`);
}

export function full(shape: ShapeLike, fillValue: ScalarValue, dtype?: DTypeLike): ndarray {
  const t = dtype === undefined ? scalarType(fillValue, 'fill_value') : toDType(dtype);
  return filled(shapeOf(shape), t, typeof fillValue === 'number' && t.isBigInt ? BigInt(Math.trunc(fillValue)) : fillValue);
}

export const zerosLike = (a: ndarray, dtype?: DTypeLike): ndarray => zeros(a.shape, dtype ?? a.dtype);
export const onesLike = (a: ndarray, dtype?: DTypeLike): ndarray => ones(a.shape, dtype ?? a.dtype);
export const emptyLike = (a: ndarray, dtype?: DTypeLike): ndarray => empty(a.shape, dtype ?? a.dtype);
export const fullLike = (a: ndarray, fillValue: ScalarValue, dtype?: DTypeLike): ndarray => full(a.shape, fillValue, dtype ?? a.dtype);

/** Evenly spaced values in [start, stop): `arange(stop)` or `arange(start, stop, step)`. */
export function arange(start: number, stop?: number, step = 1, dtype?: DTypeLike): ndarray {
  if (stop === undefined) [start, stop] = [0, start];
  for (const [name, v] of [['start', start], ['stop', stop], ['step', step]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DTypeError(name, `expected a finite number, got ${String(v)}`);
  }
  if (step === 0) throw new ShapeError('step', 'Maximum allowed size exceeded (a step of zero)');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  const t = dtype === undefined ? ([start, stop, step].every(Number.isInteger) ? toDType('int64') : toDType('float64')) : toDType(dtype);
  const out = LogicalStore.create([length], t);
  if (length > 0) {
    new AutoTask(library, Task.Arange).addOutput(out).addScalar(new Scalar(start, 'float64')).addScalar(new Scalar(step, 'float64')).execute();
  }
  return new ndarray(out);
}

/** Nested JavaScript arrays of numbers, bigints or booleans. */
export type Nested = number | bigint | boolean | readonly Nested[];

/**
 * A new array from nested JavaScript arrays, a typed array, or another array (copied). The type
 * is NumPy's for the values: bool, int64 or float64, unless `dtype` says otherwise.
 */
export function array(data: Nested | TypedArray | ndarray, dtype?: DTypeLike): ndarray {
  if (data instanceof ndarray) {
    const t = dtype === undefined ? data.dtype : toDType(dtype);
    const out = LogicalStore.create(data.shape, t);
    out.write(t === data.dtype ? data.toArray() : cast(data.toArray(), data.dtype, t));
    return new ndarray(out);
  }
  if (ArrayBuffer.isView(data)) {
    const from = dtypeOfArray(data as TypedArray);
    const t = dtype === undefined ? from : toDType(dtype);
    const out = LogicalStore.create([(data as TypedArray).length], t);
    out.write(t === from ? (data as TypedArray).slice() : cast(data as TypedArray, from, t));
    return new ndarray(out);
  }
  const shape: number[] = [];
  for (let level: Nested = data; Array.isArray(level); level = (level as readonly Nested[])[0]!) {
    shape.push((level as readonly Nested[]).length);
    if ((level as readonly Nested[]).length === 0) break;
  }
  const flat: (number | bigint | boolean)[] = [];
  const walk = (value: Nested, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(value)) throw new ShapeError('object', 'setting an array element with a sequence: the nested arrays are ragged');
      flat.push(value as number | bigint | boolean);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[dim]) {
      throw new ShapeError('object', `the nested arrays are ragged: expected ${shape[dim]} elements at depth ${dim}`);
    }
    for (const v of value as readonly Nested[]) walk(v, dim + 1);
  };
  walk(data, 0);
  const t =
    dtype !== undefined
      ? toDType(dtype)
      : flat.every((v) => typeof v === 'boolean') && flat.length
        ? toDType('bool')
        : flat.every((v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)))
          ? toDType('int64')
          : toDType('float64');
  const values = new t.arrayType(flat.length * t.lanes);
  flat.forEach((v, i) => {
    const checked = new Scalar(typeof v === 'number' && t.isBigInt ? BigInt(v) : typeof v === 'bigint' && !t.isBigInt ? Number(v) : v, t, 'object').value;
    (values as unknown as (number | bigint)[])[i * t.lanes] = typeof checked === 'boolean' ? (checked ? 1 : 0) : (checked as number | bigint);
  });
  const out = LogicalStore.create(shape, t);
  out.write(values);
  return new ndarray(out);
}

export const asarray = (data: Nested | TypedArray | ndarray, dtype?: DTypeLike): ndarray =>
  data instanceof ndarray && (dtype === undefined || toDType(dtype) === data.dtype) ? data : array(data, dtype);

function cast(values: TypedArray, from: DType, to: DType): TypedArray {
  const out = new to.arrayType(values.length / from.lanes * to.lanes);
  for (let i = 0; i < values.length / from.lanes; i++) {
    const v = values[i * from.lanes]!;
    (out as unknown as (number | bigint)[])[i * to.lanes] = to.isBigInt ? BigInt(Math.trunc(Number(v))) : to.kind === 'b' ? (v ? 1 : 0) : Number(v);
  }
  return out;
}

/**
 * `num` evenly spaced values over [start, stop] (or [start, stop) without the endpoint), as
 * NumPy computes them: start + i * step, the last one exactly `stop`.
 */
export function linspace(start: number, stop: number, num = 50, options: { endpoint?: boolean; dtype?: DTypeLike } = {}): ndarray {
  for (const [name, v] of [['start', start], ['stop', stop]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DTypeError(name, `expected a finite number, got ${String(v)}`);
  }
  if (!Number.isSafeInteger(num) || num < 0) throw new ShapeError('num', `Number of samples, ${num}, must be non-negative.`);
  const endpoint = options.endpoint ?? true;
  const divisions = endpoint ? num - 1 : num;
  const step = divisions > 0 ? (stop - start) / divisions : NaN;
  const t = options.dtype === undefined ? toDType('float64') : toDType(options.dtype);
  const values = new ndarray(LogicalStore.create([num], 'float64'));
  if (num > 0) {
    new AutoTask(library, Task.Arange).addOutput(values.store).addScalar(new Scalar(start, 'float64')).addScalar(new Scalar(divisions > 0 ? step : 0, 'float64')).execute();
    if (endpoint && num > 1) values.store.slice(0, num - 1, num).fill(stop);
  }
  if (t.kind === 'f' && t.itemsize === 8) return values;
  // NumPy rounds toward -inf for integer types.
  const rounded = t.isInteger ? floor(values) : values;
  const result = astype(rounded, t);
  values.store.dispose();
  if (rounded !== values) rounded.store.dispose();
  return result;
}

/** A 2-D array with ones on diagonal `k` (0: the main one, > 0 above, < 0 below) and zeros elsewhere. */
export function eye(n: number, m?: number, k = 0, dtype: DTypeLike = 'float64'): ndarray {
  const rows = shapeOf([n])[0]!;
  const cols = shapeOf([m ?? n])[0]!;
  if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${String(k)}`);
  const out = LogicalStore.create([rows, cols], toDType(dtype));
  if (out.size > 0) {
    new AutoTask(library, Task.Diag).addOutput(out).addScalar(new Scalar(DiagMode.Eye, 'int32')).addScalar(new Scalar(BigInt(k), 'int64')).execute();
  }
  return new ndarray(out);
}

/** The n×n identity matrix. */
export const identity = (n: number, dtype: DTypeLike = 'float64'): ndarray => eye(n, n, 0, dtype);

/**
 * NumPy's `diag`: a 1-D `v` gives the square matrix with `v` on diagonal `k`; a 2-D `v` gives a
 * copy of its diagonal `k`.
 */
export function diag(v: ndarray, k = 0): ndarray {
  if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${String(k)}`);
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
