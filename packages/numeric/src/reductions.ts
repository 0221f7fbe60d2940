// Reductions and scans with NumPy's axis / keepdims / initial semantics and result types.
import {
  align,
  AutoTask,
  dtype as toDType,
  DTypeError,
  LogicalStore,
  ManualTask,
  Scalar,
  ShapeError,
  tidy,
  type DType,
  type DTypeLike,
  type ReductionOp,
  type ScalarValue,
  checkOptions,
} from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { AxisError, normalizeAxis } from './axes.js';
import type { Nested } from './creation.js';
import { ValueError } from './errors.js';
import { isScalar, withArrayLike } from './inputs.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { assign, astype, checkArray, checkWritable, filled, freeTiling, shapeText, zeroOf } from './operations.js';
import { resultType, sumType } from './promotion.js';
import { reshape } from './shape.js';
import { ReduceOp, Task } from './tasks.js';
import { abs, divide, multiply, power, sqrt, subtract } from './ufunc.js';

/** Which axes a reduction runs over: one, several, or all (omitted / `null`). */
export type Axis = number | readonly number[] | null;

export interface ReduceOptions {
  axis?: Axis;
  /** An array of the result's shape to write it into, cast (NumPy's `out=`); it is returned. */
  out?: ndarray | null;
  /** Keep the reduced axes as extent-1 dimensions, so the result broadcasts against the input. */
  keepdims?: boolean;
  /** The starting value (NumPy's `initial=`); needed for min / max of empty arrays. */
  initial?: ScalarValue;
  /** The accumulator and result type (NumPy's `dtype=`). */
  dtype?: DTypeLike;
}

const NAMES: Record<number, string> = {
  [ReduceOp.Sum]: 'add',
  [ReduceOp.Prod]: 'multiply',
  [ReduceOp.Min]: 'minimum',
  [ReduceOp.Max]: 'maximum',
  [ReduceOp.Any]: 'logical_or',
  [ReduceOp.All]: 'logical_and',
  [ReduceOp.CountNonzero]: 'count_nonzero',
  [ReduceOp.Argmin]: 'argmin',
  [ReduceOp.Argmax]: 'argmax',
};

const REDOPS: Partial<Record<number, ReductionOp>> = {
  [ReduceOp.Sum]: 'add',
  [ReduceOp.Prod]: 'mul',
  [ReduceOp.Min]: 'min',
  [ReduceOp.Max]: 'max',
  [ReduceOp.Any]: 'or',
  [ReduceOp.All]: 'and',
  [ReduceOp.CountNonzero]: 'add',
};

const REDUCE_OPTIONS = ['axis', 'keepdims', 'initial', 'dtype'] as const;
const MEAN_OPTIONS = ['axis', 'keepdims', 'dtype'] as const;
const VARIANCE_OPTIONS = ['axis', 'keepdims', 'dtype', 'ddof'] as const;
const COUNT_OPTIONS = ['axis', 'keepdims'] as const;

/** The options of `name` (one axis, several, or an options object whose names are all `known`). */
function options(axisOrOptions: Axis | ReduceOptions | undefined, known: readonly string[], name: string): ReduceOptions {
  if (axisOrOptions === undefined || axisOrOptions === null) return {};
  if (typeof axisOrOptions === 'number' || Array.isArray(axisOrOptions)) return { axis: axisOrOptions as Axis };
  if (typeof axisOrOptions !== 'object') {
    throw new DTypeError('axis', `${name}: expected an axis (an integer, an array of them or null) or an options object, got ${describeValue(axisOrOptions)}`);
  }
  const o = checkOptions(axisOrOptions as ReduceOptions, known, name);
  if (o.keepdims !== undefined && typeof o.keepdims !== 'boolean') throw new DTypeError('keepdims', `${name}: expected a boolean, got ${describeValue(o.keepdims)}`);
  return o;
}

/** The sorted, distinct, non-negative axes `axis` names (all of them when omitted). */
export function reductionAxes(axis: Axis | undefined, ndim: number): number[] {
  if (axis === undefined || axis === null) {
    const all: number[] = [];
    for (let d = 0; d < ndim; d++) all.push(d);
    return all;
  }
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const axes = list.map((a) => normalizeAxis(a, ndim, 'axis'));
  if (new Set(axes).size !== axes.length) throw new AxisError('axis', `duplicate value in 'axis': [${list.join(', ')}]`);
  return axes.sort((a, b) => a - b);
}

/** As {@link reductionAxes}; a 0-d array also takes the single axis 0 or -1, as NumPy's ufunc reductions. */
function ufuncReductionAxes(axis: Axis | undefined, ndim: number): number[] {
  return ndim === 0 && isScalarAxis(axis) ? [] : reductionAxes(axis, ndim);
}

/** Whether `axis` is 0 or -1, which NumPy lets name the one "axis" of a 0-d array in reductions and scans. */
function isScalarAxis(axis: unknown): boolean {
  return axis === 0 || axis === -1;
}

/**
 * `value` (a JavaScript scalar, as a Python scalar) converted to `t` as NumPy converts `initial`:
 * `t.type(value)`, so a float truncates toward zero into an integer type and any nonzero value
 * is true for bool. Out-of-range integers, NaN and infinities into integers still raise.
 */
function pythonScalar(value: ScalarValue, t: DType): ScalarValue {
  const complex = typeof value === 'object' && value !== null;
  if (t.kind === 'b') {
    if (typeof value === 'boolean') return value;
    if (complex) return value.re !== 0 || value.im !== 0;
    return typeof value === 'bigint' ? value !== 0n : value !== 0;
  }
  if (typeof value === 'boolean') return t.isBigInt ? BigInt(value) : Number(value);
  if (complex) {
    if (t.kind !== 'c') throw new DTypeError('initial', `${describeValue(value)} (a complex number) cannot be converted to ${t.name}`);
    return value;
  }
  if (t.kind === 'i' || t.kind === 'u') {
    if (typeof value === 'number' && Number.isFinite(value)) return t.isBigInt ? BigInt(Math.trunc(value)) : Math.trunc(value);
    return t.isBigInt || typeof value === 'number' ? value : Number(value);
  }
  return typeof value === 'bigint' ? Number(value) : value;
}

function identity(op: ReduceOp, t: DType): ScalarValue {
  const value = (n: number, big: bigint): ScalarValue => (t.kind === 'b' ? n !== 0 : t.isBigInt ? big : t.isComplex ? { re: n, im: 0 } : n);
  switch (op) {
    case ReduceOp.Prod:
    case ReduceOp.All:
      return value(1, 1n);
    case ReduceOp.Min:
    case ReduceOp.Max: {
      const max = op === ReduceOp.Min;
      if (t.kind === 'b') return max;
      if (t.kind === 'f') return max ? Infinity : -Infinity;
      const bits = BigInt(t.itemsize * 8);
      const hi = t.kind === 'u' ? (1n << bits) - 1n : (1n << (bits - 1n)) - 1n;
      const lo = t.kind === 'u' ? 0n : -(1n << (bits - 1n));
      return t.isBigInt ? (max ? hi : lo) : Number(max ? hi : lo);
    }
    default:
      return value(0, 0n);
  }
}

/** A result over the kept axes, seen with the reduced ones as extent-1 dimensions. */
function withKeptDims(result: ndarray, axes: readonly number[]): ndarray {
  let store = result.store;
  for (const d of axes) store = store.promote(d, 1);
  if (store !== result.store) result.store.dispose(); // the view keeps the storage
  return new ndarray(store);
}

/**
 * One reduction of `a` over `axes` into type `t`. All axes: every point task folds its partial
 * result into a 0-d store. Some axes: the kept axes are tiled, the reduced ones given whole.
 */
function reduceInto(a: ndarray, op: ReduceOp, axes: readonly number[], t: DType, keepdims: boolean, initial?: ScalarValue): ndarray {
  const name = NAMES[op]!;
  const kept = a.shape.filter((_, d) => !axes.includes(d));
  const reducedVolume = axes.reduce((v, d) => v * a.shape[d]!, 1);
  if (reducedVolume === 0 && initial === undefined && (op === ReduceOp.Min || op === ReduceOp.Max)) {
    throw new ShapeError('a', `zero-size array to reduction operation ${name} which has no identity (shape ${shapeText(a.shape)}, axis ${axes.join(', ')})`);
  }
  if (reducedVolume === 0 && (op === ReduceOp.Argmin || op === ReduceOp.Argmax)) {
    throw new ShapeError('a', `attempt to get ${name} of an empty sequence`);
  }
  const start = initial === undefined ? identity(op, t) : new Scalar(pythonScalar(initial, t), t, 'initial').value;
  const redop = REDOPS[op];
  // Complex min / max have no fold in core: they take the tiled path on one piece.
  if (kept.length === 0 && redop !== undefined && !(t.isComplex && (op === ReduceOp.Min || op === ReduceOp.Max))) {
    // Without `initial`, a new store: a reduction into a store nothing has written starts from
    // the operator's identity.
    const total = initial === undefined && a.size > 0 ? new ndarray(LogicalStore.create([], t)) : filled([], t, start, 'initial');
    if (a.size > 0) {
      new AutoTask(library, Task.ReduceAll).addInput(a.store).addReduction(total.store, redop).addScalar(opScalar(op)).execute();
    }
    return keepdims ? withKeptDims(total, axes) : total;
  }
  const out = new ndarray(LogicalStore.create(kept, t));
  if (out.size > 0) {
    // Sized by every input element, so a long reduction into a short result still splits.
    const { grid, tiles } = freeTiling(a.shape, a.shape.map((_, d) => !axes.includes(d)));
    const mask = axes.reduce((m, d) => m | (1 << d), 0);
    new ManualTask(library, Task.Reduce, grid)
      .addInput(a.store)
      .addOutput(out.store)
      .tile(a.store, tiles)
      .tile(out.store, tiles.filter((tile) => tile !== null))
      .addScalar(new Scalar(op, 'int32'))
      .addScalar(new Scalar(mask, 'int32'))
      .addScalar(new Scalar(initial === undefined ? 0 : 1, 'int32'))
      .addScalar(new Scalar(start, t, 'initial'))
      .execute();
  }
  return keepdims ? withKeptDims(out, axes) : out;
}

// A reduction's operation code, made once per code (Scalars are immutable).
const opScalars: Scalar[] = [];
function opScalar(op: number): Scalar {
  return (opScalars[op] ??= new Scalar(op, 'int32'));
}

/** `axisOrOptions` without its `out` (checked to be an array), and the `out`. */
function splitOut<T>(axisOrOptions: T, name: string): { rest: T; out: ndarray | undefined } {
  if (axisOrOptions === null || typeof axisOrOptions !== 'object' || Array.isArray(axisOrOptions) || !('out' in axisOrOptions)) return { rest: axisOrOptions, out: undefined };
  const { out, ...rest } = axisOrOptions as { out?: unknown };
  if (out !== undefined && out !== null && !(out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray, got ${describeValue(out)}`);
  return { rest: rest as T, out: (out ?? undefined) as ndarray | undefined };
}

/** @internal `result` written into `out` (cast as NumPy casts a reduction's result into `out=`), or `result` itself; `result` is freed. */
export function intoOut(result: ndarray, out: ndarray | undefined, name: string): ndarray {
  if (out === undefined) return result;
  try {
    if (shapeText(out.shape) !== shapeText(result.shape)) throw new ValueError('out', `${name}: output parameter has the wrong shape ${shapeText(out.shape)}, expected ${shapeText(result.shape)}`);
    checkWritable(out, 'out');
    assign(out, result);
    return out;
  } finally {
    result.dispose();
  }
}

/** `body` with the `out=` of `axisOrOptions` taken off, its result written into it. */
function withOut<T>(axisOrOptions: T, name: string, body: (rest: T) => ndarray): ndarray {
  const { rest, out } = splitOut(axisOrOptions, name);
  return intoOut(body(rest), out, name);
}

/**
 * `body` of `a` as an array (see {@link withArrayLike}); anything that is neither an array nor
 * array_like reaches `body` as it is, for its own typed error.
 */
function viaArray<T>(a: unknown, fn: string, body: (x: ndarray) => T): T {
  if (a instanceof ndarray || !(Array.isArray(a) || isScalar(a))) return body(a as ndarray);
  return withArrayLike(a, 'a', fn, body);
}

function reduction(op: ReduceOp, name: string, resultType: (t: DType) => DType) {
  return function (given: ndarray | Nested, axisOrOptions?: Axis | ReduceOptions): ndarray {
    checkArity(arguments.length, ['a', 'axis or options'], name);
    return withOut(axisOrOptions, name, (rest) => viaArray(given, name, (a) => reduceOne(a, rest)));
  };
  function reduceOne(a: ndarray, axisOrOptions?: Axis | ReduceOptions): ndarray {
    checkArray(a, 'a', name);
    const o = options(axisOrOptions, REDUCE_OPTIONS, name);
    const axes = ufuncReductionAxes(o.axis, a.ndim);
    const t = o.dtype === undefined ? resultType(a.dtype) : toDType(o.dtype);
    if ((op === ReduceOp.Min || op === ReduceOp.Max) && o.dtype !== undefined && t !== a.dtype) {
      throw new DTypeError('dtype', `${name} does not take a dtype`);
    }
    return reduceInto(a, op, axes, t, o.keepdims ?? false, o.initial);
  }
}

const BOOL = toDType('bool');

/**
 * The sum over `axis` (all axes when omitted); small integers sum in 64 bits, as NumPy's.
 *
 * NumPy's `np.sum`.
 *
 * @example
 * ```ts
 * console.log(np.sum(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 0 }));
 * // array([5, 8, 8])
 * ```
 */
export const sum = reduction(ReduceOp.Sum, 'sum', sumType);
/**
 * The product of the elements, over every axis or along `axis` (integers in int64, as NumPy's). NumPy's `np.prod`.
 *
 * @example
 * ```ts
 * console.log(np.prod(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 0 }));
 * // array([ 4, 15, 12])
 * ```
 */
export const prod = reduction(ReduceOp.Prod, 'prod', sumType);
/**
 * The smallest element, over every axis or along `axis`; NaN if any is NaN. NumPy's `np.min`.
 *
 * @example
 * ```ts
 * console.log(np.min(np.array([[1, 5, 2], [4, 3, 6]])).item());
 * // 1
 * ```
 */
export const min = reduction(ReduceOp.Min, 'min', (t) => t);
/**
 * The largest element, over every axis or along `axis`; NaN if any is NaN. NumPy's `np.max`.
 *
 * @example
 * ```ts
 * console.log(np.max(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 1 }));
 * // array([5, 6])
 * ```
 */
export const max = reduction(ReduceOp.Max, 'max', (t) => t);
/** The same function as {@link min} (NumPy's `np.amin`). */
export const amin = min;
/** The same function as {@link max} (NumPy's `np.amax`). */
export const amax = max;
/**
 * Whether any element is nonzero.
 * NumPy's `np.any`.
 *
 * @example
 * ```ts
 * console.log(np.any(np.greater(np.array([[1, 5, 2], [4, 3, 6]]), 5), { axis: 0 }));
 * // array([False, False,  True])
 * ```
 */
export const any = reduction(ReduceOp.Any, 'any', () => BOOL);
/**
 * Whether every element is nonzero.
 * NumPy's `np.all`.
 *
 * @example
 * ```ts
 * console.log(np.all(np.greater(np.array([[1, 5, 2], [4, 3, 6]]), 0)).item());
 * // true
 * ```
 */
export const all = reduction(ReduceOp.All, 'all', () => BOOL);

/**
 * How many elements are nonzero (int64; a 0-d array for all axes).
 * NumPy's `np.count_nonzero`.
 *
 * @example
 * ```ts
 * console.log(np.countNonzero(np.array([[0, 1, 7], [0, 0, 3]]), { axis: 1 }));
 * // array([2, 1])
 * ```
 */
export function countNonzero(given: ndarray | Nested, axisOrOptions?: Axis | Omit<ReduceOptions, 'initial' | 'dtype'>): ndarray {
  checkArity(arguments.length, ['a', 'axis or options'], 'count_nonzero');
  return viaArray(given, 'count_nonzero', (a) => countOf(a, axisOrOptions));
}

function countOf(a: ndarray, axisOrOptions?: Axis | Omit<ReduceOptions, 'initial' | 'dtype'>): ndarray {
  checkArray(a, 'a', 'count_nonzero');
  const o = options(axisOrOptions, COUNT_OPTIONS, 'count_nonzero');
  return reduceInto(a, ReduceOp.CountNonzero, ufuncReductionAxes(o.axis, a.ndim), toDType('int64'), o.keepdims ?? false);
}

function argReduction(op: ReduceOp, name: string) {
  return function (given: ndarray | Nested, axisOrOptions?: number | null | { axis?: number | null; keepdims?: boolean }): ndarray {
    checkArity(arguments.length, ['a', 'axis or options'], name);
    return withOut(axisOrOptions, name, (rest) => viaArray(given, name, (a) => argOf(a, rest)));
  };
  function argOf(a: ndarray, axisOrOptions?: number | null | { axis?: number | null; keepdims?: boolean }): ndarray {
    checkArray(a, 'a', name);
    const given = axisOrOptions as unknown;
    const o: { axis?: unknown; keepdims?: boolean } =
      typeof given === 'number' || given === null || given === undefined || Array.isArray(given) ? { axis: given ?? null } : options(given as ReduceOptions, COUNT_OPTIONS, name);
    const int64 = toDType('int64');
    if (o.axis === null || o.axis === undefined || (a.ndim === 0 && isScalarAxis(o.axis))) {
      // NumPy flattens: the index is into the C-order elements.
      if (a.size === 0) throw new ShapeError('a', `attempt to get ${name} of an empty sequence`);
      const flat = a.ndim === 1 ? a : reshape(a, [a.size]);
      const index = reduceInto(flat, op, [0], int64, false);
      if (flat !== a) flat.store.dispose();
      return o.keepdims ? withKeptDims(index, a.shape.map((_, d) => d)) : index;
    }
    if (Array.isArray(o.axis)) throw new DTypeError('axis', `${name} takes one axis, got [${(o.axis as number[]).join(', ')}]`);
    return reduceInto(a, op, [normalizeAxis(o.axis as number, a.ndim, 'axis')], int64, o.keepdims ?? false);
  }
}

/**
 * The index of the first minimum along `axis` (into the flattened array when omitted).
 * NumPy's `np.argmin`.
 *
 * @example
 * ```ts
 * console.log(np.argmin(np.array([[1, 5, 2], [4, 3, 6]])).item());
 * // 0
 * ```
 */
export const argmin = argReduction(ReduceOp.Argmin, 'argmin');
/**
 * The index of the first maximum along `axis` (into the flattened array when omitted).
 * NumPy's `np.argmax`.
 *
 * @example
 * ```ts
 * console.log(np.argmax(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 1 }));
 * // array([1, 2])
 * ```
 */
export const argmax = argReduction(ReduceOp.Argmax, 'argmax');

/** The type NumPy's mean accumulates and returns: integers in float64. */
function meanType(t: DType): DType {
  return t.kind === 'f' || t.kind === 'c' ? t : toDType('float64');
}

function count(a: ndarray, axes: readonly number[]): number {
  return axes.reduce((v, d) => v * a.shape[d]!, 1);
}

/**
 * The arithmetic mean over `axis` (NaN for an empty reduction, as NumPy's with its warning).
 *
 * NumPy's `np.mean`.
 *
 * @example
 * ```ts
 * console.log(np.mean(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 1 }));
 * // array([2.66666667, 4.33333333])
 * ```
 */
export function mean(given: ndarray | Nested, axisOrOptions?: Axis | Omit<ReduceOptions, 'initial'>): ndarray {
  checkArity(arguments.length, ['a', 'axis or options'], 'mean');
  return withOut(axisOrOptions, 'mean', (rest) => viaArray(given, 'mean', (a) => meanOf(a, rest)));
}

function meanOf(a: ndarray, axisOrOptions?: Axis | Omit<ReduceOptions, 'initial'>): ndarray {
  checkArray(a, 'a', 'mean');
  const o = options(axisOrOptions, MEAN_OPTIONS, 'mean');
  const axes = reductionAxes(o.axis, a.ndim);
  const t = o.dtype === undefined ? meanType(a.dtype) : toDType(o.dtype);
  return tidy(() => inType(divide(reduceInto(a, ReduceOp.Sum, axes, t, o.keepdims ?? false), count(a, axes)), t));
}

/** `x` cast to `t` (NumPy's `true_divide(..., out=, casting='unsafe')`: an integer `dtype=` truncates the quotient). */
function inType(x: ndarray, t: DType): ndarray {
  return x.dtype === t ? x : astype(x, t);
}

export interface VarianceOptions extends Omit<ReduceOptions, 'initial'> {
  /** Delta degrees of freedom: the divisor is N - ddof. */
  ddof?: number;
}

/**
 * The variance over `axis`: mean(|x - mean(x)|²) · N / (N - ddof).
 *
 * @example
 * ```ts
 * const a = np.array([1, 2, 3, 4]);
 * console.log(np.variance(a), np.variance(a, { ddof: 1 }));
 * // array(1.25) array(1.66666667)
 * ```
 */
export function variance(given: ndarray | Nested, axisOrOptions?: Axis | VarianceOptions): ndarray {
  checkArity(arguments.length, ['a', 'axis or options'], 'var');
  return withOut(axisOrOptions, 'var', (rest) => viaArray(given, 'var', (a) => varianceOf(a, rest)));
}

function varianceOf(a: ndarray, axisOrOptions?: Axis | VarianceOptions): ndarray {
  checkArray(a, 'a', 'var');
  const o: VarianceOptions = options(axisOrOptions, VARIANCE_OPTIONS, 'var');
  const axes = reductionAxes(o.axis, a.ndim);
  const ddof = o.ddof ?? 0;
  if (typeof ddof !== 'number' || !Number.isFinite(ddof)) throw new DTypeError('ddof', `expected a number, got ${String(ddof)}`);
  const t = o.dtype === undefined ? meanType(a.dtype) : toDType(o.dtype);
  // As NumPy's _var: the mean and both sums are in `t`, the deviations in a's and t's common type.
  return tidy(() => {
    const centered = subtract(a, mean(a, { axis: axes, keepdims: true, dtype: t }));
    const squares = centered.dtype.isComplex ? power(abs(centered), 2) : multiply(centered, centered);
    // Without dtype=, the squares' type: a complex array's variance is real.
    const sumT = o.dtype === undefined ? squares.dtype : t;
    const total = reduceInto(inType(squares, sumT), ReduceOp.Sum, axes, sumT, o.keepdims ?? false);
    return inType(divide(total, Math.max(count(a, axes) - ddof, 0)), sumT);
  });
}
export { variance as var };

/**
 * The standard deviation over `axis`: sqrt(var).
 * NumPy's `np.std`.
 *
 * @example
 * ```ts
 * console.log(np.std(np.array([1, 2, 3, 4])).item());
 * // 1.118033988749895
 * ```
 */
export function std(given: ndarray | Nested, axisOrOptions?: Axis | VarianceOptions): ndarray {
  checkArity(arguments.length, ['a', 'axis or options'], 'std');
  return withOut(axisOrOptions, 'std', (rest) => stdOf(given, rest));
}

function stdOf(a: ndarray | Nested, axisOrOptions?: Axis | VarianceOptions): ndarray {
  if (axisOrOptions !== null && typeof axisOrOptions === 'object' && !Array.isArray(axisOrOptions)) checkOptions(axisOrOptions, VARIANCE_OPTIONS, 'std');
  return tidy(() => {
    const v = variance(a, axisOrOptions);
    if (v.dtype.kind === 'f' || v.dtype.kind === 'c') return sqrt(v);
    // An integer or bool `dtype=`: NumPy converts a scalar's root to it, and refuses an array's.
    if (v.ndim > 0) throw new DTypeError('dtype', `Cannot cast ufunc 'sqrt' output from dtype('${sqrtType(v.dtype)}') to dtype('${v.dtype.name}') with casting rule 'same_kind'`);
    return astype(sqrt(v), v.dtype);
  });
}

/** The type NumPy's sqrt computes an integer or bool of type `t` in (float16 for one byte). */
function sqrtType(t: DType): string {
  return t.itemsize === 1 ? 'float16' : t.itemsize === 2 ? 'float32' : 'float64';
}

/** NumPy's keyword arguments of {@link cumsum} and {@link cumprod}, as one options object, last. */
export interface ScanOptions {
  axis?: number | null;
  dtype?: DTypeLike;
  /** An array of the input's shape (of the flattened input without an axis) to write into, cast (NumPy's `out=`). */
  out?: ndarray | null;
}

function scan(op: ReduceOp, name: string) {
  return function (given: ndarray | Nested, axisArg?: number | null | ScanOptions, dtypeArg?: DTypeLike | null | ScanOptions, outArg?: ndarray | null | ScanOptions): ndarray {
    const [, axis, dtype, out] = keywords(arguments, ['a', 'axis', 'dtype', 'out'], name, 1) as [unknown, (number | null)?, DTypeLike?, (ndarray | null)?];
    if (out !== undefined && out !== null && !(out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray, got ${describeValue(out)}`);
    return intoOut(viaArray(given, name, (a) => scanOf(a, axis, dtype)), out ?? undefined, name);
  };
  function scanOf(a: ndarray, axis: number | null | undefined, dtype: DTypeLike | undefined): ndarray {
    checkArray(a, 'a', name);
    const t = dtype === undefined || dtype === null ? sumType(a.dtype) : toDType(dtype);
    if (axis === undefined || axis === null || (a.ndim === 0 && isScalarAxis(axis))) {
      const flat = a.ndim === 1 ? a : reshape(a, [a.size]);
      const result = scanAlong(flat, op, 0, t);
      if (flat !== a) flat.store.dispose();
      return result;
    }
    return scanAlong(a, op, normalizeAxis(axis, a.ndim, 'axis'), t);
  }
}

function scanAlong(a: ndarray, op: ReduceOp, axis: number, t: DType): ndarray {
  const out = new ndarray(LogicalStore.create(a.shape, t));
  if (out.size === 0) return out;
  // The scanned axis is whole in every piece; the others are tiled.
  const { grid, tiles } = freeTiling(a.shape, a.shape.map((_, d) => d !== axis));
  new ManualTask(library, Task.Scan, grid)
    .addInput(a.store)
    .addOutput(out.store)
    .tile(a.store, tiles)
    .tile(out.store, tiles)
    .addScalar(new Scalar(op, 'int32'))
    .addScalar(new Scalar(axis, 'int32'))
    .execute();
  return out;
}

/**
 * Running sums along `axis` (of the flattened array when omitted).
 * NumPy's `np.cumsum`.
 *
 * @example
 * ```ts
 * console.log(np.cumsum(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 1 }));
 * // array([[ 1,  6,  8],
 * //        [ 4,  7, 13]])
 * ```
 */
export const cumsum = scan(ReduceOp.Sum, 'cumsum');
/**
 * Running products along `axis` (of the flattened array when omitted).
 * NumPy's `np.cumprod`.
 *
 * @example
 * ```ts
 * console.log(np.cumprod(np.array([1, 2, 3, 4])));
 * // array([ 1,  2,  6, 24])
 * ```
 */
export const cumprod = scan(ReduceOp.Prod, 'cumprod');

/** NumPy's keyword arguments of {@link cumulativeSum} and {@link cumulativeProd}. */
export interface CumulativeOptions {
  /** The axis to scan; may be omitted only for 0-d and 1-D input. */
  axis?: number | null;
  dtype?: DTypeLike;
  /** Start with the identity (0 or 1): the result is one longer along the axis. */
  includeInitial?: boolean;
  /** An array of the result's shape to write into, cast (NumPy's `out=`). */
  out?: ndarray | null;
}

function cumulative(op: ReduceOp.Sum | ReduceOp.Prod, name: string) {
  return function (x: ndarray, options: CumulativeOptions = {}): ndarray {
    checkArity(arguments.length, ['x', 'options'], name);
    checkArray(x, 'x', name);
    const { axis = null, dtype, includeInitial = false, out = null } = checkOptions(options, ['axis', 'dtype', 'includeInitial', 'out'], name);
    if (out !== null && !(out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray, got ${describeValue(out)}`);
    if (typeof includeInitial !== 'boolean') throw new DTypeError('includeInitial', `${name}: expected a boolean, got ${describeValue(includeInitial)}`);
    if (axis === null && x.ndim > 1) throw new ValueError('axis', 'For arrays which have more than one dimension ``axis`` argument is required.');
    const a = x.ndim === 0 ? reshape(x, [1]) : x;
    try {
      return intoOut(cumulativeOf(a, axis, dtype, includeInitial), out ?? undefined, name);
    } finally {
      if (a !== x) a.dispose();
    }
  };
  function cumulativeOf(a: ndarray, axis: number | null, dtype: DTypeLike | undefined, includeInitial: boolean): ndarray {
    const d = axis === null ? 0 : normalizeAxis(axis, a.ndim, 'axis');
    const t = dtype === undefined ? sumType(a.dtype) : toDType(dtype);
    const scanned = scanAlong(a, op, d, t);
    if (!includeInitial) return scanned;
    // The identity first along the axis, then the running values.
    const shape = a.shape.map((e, k) => (k === d ? e + 1 : e));
    const out = new ndarray(LogicalStore.create(shape, t));
    const first = new ndarray(out.store.slice(d, 0, 1));
    const rest = new ndarray(out.store.slice(d, 1, shape[d]!));
    try {
      first.fill(op === ReduceOp.Sum ? zeroOf(t) : oneOf(t));
      if (rest.size > 0) rest.assign(scanned);
    } finally {
      first.dispose();
      rest.dispose();
      scanned.dispose();
    }
    return out;
  }
}

function oneOf(t: DType): ScalarValue {
  return t.kind === 'b' ? true : t.isBigInt ? 1n : t.isComplex ? { re: 1, im: 0 } : 1;
}

/**
 * Running sums along `axis` (NumPy's `cumulative_sum`): `includeInitial` starts with 0.
 *
 * @example
 * ```ts
 * console.log(np.cumulativeSum(np.array([1, 2, 3]), { includeInitial: true }));
 * // array([0, 1, 3, 6])
 * ```
 */
export const cumulativeSum = cumulative(ReduceOp.Sum, 'cumulative_sum');
/**
 * Running products along `axis` (NumPy's `cumulative_prod`): `includeInitial` starts with 1.
 *
 * @example
 * ```ts
 * console.log(np.cumulativeProd(np.array([[1, 2], [3, 4]]), { axis: 0 }));
 * // array([[1, 2],
 * //        [3, 8]])
 * ```
 */
export const cumulativeProd = cumulative(ReduceOp.Prod, 'cumulative_prod');

/** The inner product of two vectors of one length, in their common type: one fused pass. */
export function vectorDot(a: ndarray, b: ndarray): ndarray {
  if (a.shape[0] !== b.shape[0]) {
    throw new ShapeError('b', `shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} not aligned: ${a.shape[0]} (dim 0) != ${b.shape[0]} (dim 0)`);
  }
  const t = resultType(a.dtype, b.dtype);
  if (a.size === 0) return filled([], t, zeroOf(t));
  const x = a.dtype === t ? a : astype(a, t);
  const y = b.dtype === t ? b : astype(b, t);
  // A new store: the reduction into it starts from the identity (zero, or false for bool).
  const total = new ndarray(LogicalStore.create([], t));
  try {
    new AutoTask(library, Task.Dot).addInput(x.store).addInput(y.store).addReduction(total.store, t.kind === 'b' ? 'or' : 'add').addConstraint(align(x.store, y.store)).execute();
  } catch (error) {
    total.dispose();
    throw error;
  } finally {
    if (x !== a) x.dispose();
    if (y !== b) y.dispose();
  }
  return total;
}

/**
 * |x| reduced: the vector norms NumPy's linalg.norm computes, of a 1-D array or along `axis`.
 */
export function vectorNorm(x: ndarray, ord: number = 2, axis?: number): ndarray {
  checkArray(x, 'a', 'norm');
  if (axis === undefined && x.ndim !== 1) throw new ShapeError('x', `norm: expected a vector, got shape ${shapeText(x.shape)}`);
  if (ord === 2 && x.dtype.isFloating && axis === undefined) return tidy(() => sqrt(vectorDot(x, x))); // one fused pass
  const over = axis === undefined ? {} : { axis };
  return tidy(() => {
    const magnitude = abs(x.dtype.isInteger || x.dtype.kind === 'b' ? astype(x, 'float64') : x);
    const empty = x.size === 0 && axis === undefined;
    if (ord === Infinity) return empty ? filled([], magnitude.dtype, 0) : max(magnitude, over);
    if (ord === -Infinity) return empty ? filled([], magnitude.dtype, 0) : min(magnitude, over);
    if (ord === 0) return astype(countNonzero(magnitude, over), magnitude.dtype);
    if (ord === 1) return sum(magnitude, over);
    if (ord === 2) return sqrt(sum(multiply(magnitude, magnitude), over));
    return power(sum(power(magnitude, ord), over), 1 / ord);
  });
}
