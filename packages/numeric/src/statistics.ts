// NumPy's order statistics, NaN-skipping reductions and covariances, built from sort,
// take_along_axis, where, reductions and ufuncs (every step a partitioned task, no per-element
// JavaScript): median, percentile, quantile, their nan- variants, nansum, nanprod, nanmax,
// nanmin, nanargmax, nanargmin, nanmean, nanvar, nanstd, nancumsum, nancumprod, cov, corrcoef.
import { dtype as toDType, DTypeError, tidy, type DType, type DTypeLike } from '@legate/core';

import { describeValue, keywords } from './arguments.js';
import { ValueError } from './errors.js';
import { IndexError } from './indexing.js';
import { arrayFrom, checkBoolean, checkNumber, type ArrayInput } from './inputs.js';
import { concatenate, takeAlongAxis } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { astype, filled } from './operations.js';
import { resultType } from './promotion.js';
import { all, any, argmax, argmin, cumprod, cumsum, intoOut, max, mean, min, prod, reductionAxes, sum, type Axis } from './reductions.js';
import { reshape, transpose } from './shape.js';
import { sort } from './sorting.js';
import { diagonal, matmul } from './products.js';
import {
  add,
  ceil,
  clip,
  conj,
  divide,
  equal,
  floor,
  floorDivide,
  greaterEqual,
  imag,
  isnan,
  less,
  logicalAnd,
  logicalNot,
  mod,
  multiply,
  real,
  round,
  sqrt,
  subtract,
  where,
} from './ufunc.js';

const FLOAT64 = toDType('float64');
const INT64 = toDType('int64');

const inexact = (t: DType): boolean => t.kind === 'f' || t.kind === 'c';
/** The type NumPy's mean (and median) returns: integers and bool in float64. */
const meanType = (t: DType): DType => (inexact(t) ? t : FLOAT64);

/** `result` written into `out` (NumPy's `out=`), which is returned; `result` itself without one. */
function into(result: ndarray, out: unknown, fn: string): ndarray {
  if (out !== undefined && out !== null && !(out instanceof ndarray)) {
    result.dispose();
    throw new DTypeError('out', `${fn}: expected an ndarray, got ${describeValue(out)}`);
  }
  return intoOut(result, out ?? undefined, fn);
}

/** `x` with the reduced axes moved last and merged into one: shape [...kept, N]. */
function rows(x: ndarray, axis: Axis): { flat: ndarray; kept: number[]; axes: number[] } {
  const axes = reductionAxes(axis, x.ndim);
  const keptDims = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const kept = keptDims.map((d) => x.shape[d]!);
  const n = axes.reduce((v, d) => v * x.shape[d]!, 1);
  return { flat: reshape(transpose(x, [...keptDims, ...axes]), [...kept, n]), kept, axes };
}

/** `r` (of shape [...lead, ...kept]) with the reduced axes back as extent-1 dimensions when `keepdims`. */
function restore(r: ndarray, x: ndarray, axes: readonly number[], lead: readonly number[], keepdims: boolean): ndarray {
  return keepdims ? reshape(r, [...lead, ...x.shape.map((e, d) => (axes.includes(d) ? 1 : e))]) : r;
}

function checkAxis(axis: unknown): asserts axis is Axis {
  if (axis === null || typeof axis === 'number' || (Array.isArray(axis) && axis.every((v) => typeof v === 'number'))) return;
  throw new DTypeError('axis', `expected an axis (an integer, a list of them or null), got ${describeValue(axis)}`);
}

// ---------------------------------------------------------------- median

function medianOf(x: ndarray, axis: Axis, keepdims: boolean, skipNaN: boolean): ndarray {
  const { flat, kept, axes } = rows(x, axis);
  const N = flat.shape[flat.ndim - 1]!;
  const t = meanType(x.dtype);
  if (N === 0 || flat.size === 0) return restore(filled(kept, t, t.isComplex ? { re: NaN, im: NaN } : NaN), x, axes, [], keepdims);
  const s = sort(flat, -1);
  let r: ndarray;
  if (skipNaN && inexact(x.dtype)) {
    // Order statistics (n-1)//2 and n//2 of the n non-NaN values of each row (NaNs sort last).
    const n = sum(logicalNot(isnan(s)), { axis: -1, keepdims: true });
    const at = (k: ndarray) => astype(takeAlongAxis(s, clip(k, 0, N - 1), -1), t);
    const mid = divide(add(at(floorDivide(subtract(n, 1), 2)), at(floorDivide(n, 2))), 2);
    r = reshape(where(equal(n, 0), NaN, astype(mid, t)), kept);
  } else {
    const h = Math.floor(N / 2);
    r = mean(s.slice('...', N % 2 === 1 ? `${h}:${h + 1}` : `${h - 1}:${h + 1}`), { axis: -1 });
    if (inexact(x.dtype)) {
      // A NaN in a row sorts last and is its median.
      const last = s.slice('...', N - 1);
      r = where(isnan(last), last, r);
    }
  }
  return restore(r, x, axes, [], keepdims);
}

/** NumPy's keyword arguments of {@link median} and {@link nanmedian} not given positionally. */
export interface MedianOptions {
  axis?: Axis;
  /** An array of the result's shape to write it into (returned). */
  out?: ndarray | null;
  /** Accepted as NumPy's: the input is never modified here either way. */
  overwriteInput?: boolean;
  /** Keep the reduced axes as extent-1 dimensions. */
  keepdims?: boolean;
}

function medianFunction(fn: string, skipNaN: boolean) {
  return function (a: ArrayInput, axis?: Axis | MedianOptions, out?: ndarray | null | MedianOptions, overwriteInput?: boolean | MedianOptions, keepdims?: boolean | MedianOptions): ndarray {
    const [given, ax = null, o = null, overwrite = false, keep = false] = keywords(arguments, ['a', 'axis', 'out', 'overwriteInput', 'keepdims'], fn, 1) as [unknown, Axis?, unknown?, boolean?, boolean?];
    checkAxis(ax);
    checkBoolean(overwrite, 'overwriteInput', fn);
    checkBoolean(keep, 'keepdims', fn);
    const r = tidy(() => {
      const x = arrayFrom(given, 'a', fn);
      if (skipNaN && x.size === 0) return mean(x, { axis: ax, keepdims: keep });
      return medianOf(x, ax, keep, skipNaN);
    });
    return into(r, o, fn);
  };
}

/**
 * The median over `axis` (all axes when omitted) (NumPy's `median`): the mean of the middle one
 * or two sorted elements, in float64 for integers and bool, `a`'s type otherwise (complex too).
 * A row holding a NaN has median NaN; an empty one NaN.
 *
 * NumPy's `np.median`.
 *
 * @example
 * ```ts
 * console.log(np.median(np.array([[1, 5, 2], [4, 3, 6]]), { axis: 1 }));
 * // array([2., 4.])
 * ```
 */
export const median = medianFunction('median', false);

/**
 * The median of the non-NaN elements over `axis` (NumPy's `nanmedian`); NaN for a slice of
 * NaNs only (NumPy warns).
 *
 * @example
 * ```ts
 * console.log(np.nanmedian(np.array([[10, NaN, 4], [3, 2, 1]]), 1));
 * // array([7., 2.])
 * ```
 */
export const nanmedian = medianFunction('nanmedian', true);

// ---------------------------------------------------------------- quantiles

/** The ways to estimate a quantile between order statistics (NumPy's `method=`). */
export type QuantileMethod =
  | 'inverted_cdf'
  | 'averaged_inverted_cdf'
  | 'closest_observation'
  | 'interpolated_inverted_cdf'
  | 'hazen'
  | 'weibull'
  | 'linear'
  | 'median_unbiased'
  | 'normal_unbiased'
  | 'lower'
  | 'higher'
  | 'midpoint'
  | 'nearest';

const METHODS: readonly QuantileMethod[] = [
  'inverted_cdf',
  'averaged_inverted_cdf',
  'closest_observation',
  'interpolated_inverted_cdf',
  'hazen',
  'weibull',
  'linear',
  'median_unbiased',
  'normal_unbiased',
  'lower',
  'higher',
  'midpoint',
  'nearest',
];

/** (alpha, beta) of the continuous methods NumPy computes as n·q + (alpha + q·(1 − alpha − beta)) − 1. */
const PLOTTING: Partial<Record<QuantileMethod, [number, number]>> = {
  interpolated_inverted_cdf: [0, 1],
  hazen: [0.5, 0.5],
  weibull: [0, 0],
  median_unbiased: [1 / 3, 1 / 3],
  normal_unbiased: [3 / 8, 3 / 8],
};

/** a + (b − a)·t, or b − (b − a)·(1 − t) where t ≥ 0.5 (NumPy's `_lerp`). */
function lerp(a: ndarray, b: ndarray, t: ndarray): ndarray {
  const diff = subtract(b, a);
  const low = add(a, multiply(diff, t));
  return where(greaterEqual(t, 0.5), astype(subtract(b, multiply(diff, subtract(1, t))), low.dtype), low);
}

/**
 * The quantiles `q` (an array of values in [0, 1], as the last axis of extent K, broadcasting
 * against rows) of each row of `s` (sorted along its last axis, NaNs last), whose first `n`
 * elements count: shape [...rows, K].
 */
function quantileRows(s: ndarray, q: ndarray, n: number | ndarray, method: QuantileMethod): ndarray {
  const N = s.shape[s.ndim - 1]!;
  const gather = (k: ndarray) => takeAlongAxis(s, clip(astype(k, INT64), 0, N - 1), -1);
  const count = typeof n === 'number' ? n : astype(n, q.dtype.isInteger ? FLOAT64 : q.dtype);
  const last = typeof count === 'number' ? count - 1 : subtract(count, 1);
  if (q.dtype.isInteger && method === 'linear') return gather(multiply(last, q)); // integer positions: no interpolation
  const qf = q.dtype.isInteger ? astype(q, FLOAT64) : q;
  const discrete = (index: ndarray, keep: (gamma: ndarray, index: ndarray) => ndarray): ndarray => {
    const previous = floor(index);
    const chosen = where(keep(subtract(index, previous), index), previous, add(previous, 1));
    return gather(where(less(chosen, 0), 0, chosen));
  };
  switch (method) {
    case 'lower':
      return gather(floor(multiply(last, qf)));
    case 'higher':
      return gather(ceil(multiply(last, qf)));
    case 'nearest':
      return gather(round(multiply(last, qf)));
    case 'inverted_cdf':
      return discrete(subtract(multiply(count, qf), 1), (gamma) => equal(gamma, 0));
    case 'closest_observation':
      return discrete(subtract(subtract(multiply(count, qf), 1), 0.5), (gamma, index) => logicalAnd(equal(gamma, 0), equal(mod(floor(index), 2), 1)));
    default:
  }
  let virtual: ndarray;
  const plotting = PLOTTING[method];
  if (plotting !== undefined) {
    const [alpha, beta] = plotting;
    virtual = subtract(add(multiply(count, qf), add(alpha, multiply(qf, 1 - alpha - beta))), 1);
  } else if (method === 'midpoint') {
    const at = multiply(last, qf);
    virtual = multiply(0.5, add(floor(at), ceil(at)));
  } else if (method === 'averaged_inverted_cdf') {
    virtual = subtract(multiply(count, qf), 1);
  } else {
    virtual = multiply(last, qf); // linear
  }
  // NumPy's _get_indexes: past the last valid index both neighbours are it (NumPy's -1), before
  // the first both are 0; gamma is measured from the (replaced) previous index.
  const above = greaterEqual(virtual, last);
  const below = less(virtual, 0);
  const floored = floor(virtual);
  const previousIndex = where(above, last, where(below, 0, floored));
  const nextIndex = where(above, last, where(below, 0, add(floored, 1)));
  let gamma = subtract(virtual, where(above, -1, where(below, 0, floored)));
  if (method === 'midpoint') gamma = where(equal(mod(virtual, 1), 0), 0, 0.5);
  else if (method === 'averaged_inverted_cdf') gamma = where(equal(gamma, 0), 0.5, 1);
  gamma = astype(gamma, virtual.dtype);
  return lerp(gather(previousIndex), gather(nextIndex), gamma);
}

function quantileOf(x: ndarray, q: ndarray, axis: Axis, method: QuantileMethod, keepdims: boolean, skipNaN: boolean): ndarray {
  const { flat, kept, axes } = rows(x, axis);
  const N = flat.shape[flat.ndim - 1]!;
  if (N === 0) throw new IndexError('a', `index -1 is out of bounds for axis 0 with size 0`);
  const qs = reshape(q.ndim === 0 ? reshape(q, [1]) : reshape(q, [q.size]), [...kept.map(() => 1), q.size]);
  let r: ndarray;
  if (flat.size === 0) {
    const t = ['lower', 'higher', 'nearest', 'inverted_cdf', 'closest_observation'].includes(method) || (q.dtype.isInteger && method === 'linear') ? x.dtype : resultType(x.dtype, q.dtype.isInteger ? FLOAT64 : q.dtype);
    r = filled([...kept, q.size], t, 0);
  } else {
    const s = sort(flat, -1);
    if (skipNaN && inexact(x.dtype)) {
      const n = sum(logicalNot(isnan(s)), { axis: -1, keepdims: true });
      r = quantileRows(s, qs, n, method);
      r = where(equal(n, 0), NaN, r);
    } else {
      r = quantileRows(s, qs, N, method);
      if (inexact(x.dtype)) {
        // A row holding a NaN (sorted last) has that NaN as every quantile.
        const last = s.slice('...', `${N - 1}:${N}`);
        r = where(isnan(last), last, r);
      }
    }
  }
  // The quantiles' axis first, in q's shape.
  const lead = q.shape;
  r = reshape(transpose(r, [r.ndim - 1, ...kept.map((_, k) => k)]), [...lead, ...kept]);
  return restore(r, x, axes, lead, keepdims);
}

/** NumPy's keyword arguments of the quantile family not given positionally. */
export interface QuantileOptions extends MedianOptions {
  /** How to estimate between order statistics (default 'linear'). */
  method?: QuantileMethod;
}

function quantileFunction(fn: string, scale: number, skipNaN: boolean) {
  const range = scale === 1 ? 'Quantiles must be in the range [0, 1]' : 'Percentiles must be in the range [0, 100]';
  return function (
    a: ArrayInput,
    q: ArrayInput,
    axis?: Axis | QuantileOptions,
    out?: ndarray | null | QuantileOptions,
    overwriteInput?: boolean | QuantileOptions,
    method?: QuantileMethod | QuantileOptions,
    keepdims?: boolean | QuantileOptions,
  ): ndarray {
    const [given, quantiles, ax = null, o = null, overwrite = false, how = 'linear', keep = false] = keywords(
      arguments,
      ['a', 'q', 'axis', 'out', 'overwriteInput', 'method', 'keepdims'],
      fn,
      2,
    ) as [unknown, unknown, Axis?, unknown?, boolean?, QuantileMethod?, boolean?];
    checkAxis(ax);
    checkBoolean(overwrite, 'overwriteInput', fn);
    checkBoolean(keep, 'keepdims', fn);
    if (!METHODS.includes(how)) throw new ValueError('method', `${fn}: ${describeValue(how)} is not a valid method. Use one of: ${METHODS.join(', ')}`);
    if (quantiles === undefined) throw new DTypeError('q', `${fn}: missing the quantiles q`);
    const r = tidy(() => {
      const x = arrayFrom(given, 'a', fn);
      if (x.dtype.isComplex) throw new DTypeError('a', `${fn}: a must be an array of real numbers`);
      let qa = arrayFrom(quantiles, 'q', fn);
      if (qa.dtype.isComplex || qa.dtype.kind === 'b') throw new DTypeError('q', `${fn}: q must be real numbers, got ${qa.dtype.name}`);
      // As NumPy's: a Python number q takes a float a's type; percentiles are divided by 100.
      if (typeof quantiles === 'number' && x.dtype.kind === 'f') qa = astype(qa, x.dtype);
      if (scale !== 1) qa = divide(qa, scale);
      if (qa.size > 0 && !all(logicalAnd(greaterEqual(qa, 0), greaterEqual(1, qa))).item()) throw new ValueError('q', `${fn}: ${range}`);
      if (skipNaN && x.size === 0) return mean(x, { axis: ax, keepdims: keep });
      return quantileOf(x, qa, ax, how, keep, skipNaN);
    });
    return into(r, o, fn);
  };
}

/**
 * The `q`-th quantiles (q in [0, 1], a number or an array: the result has q's shape first) over
 * `axis` (NumPy's `quantile`), with any of NumPy's 13 estimation `method`s. Interpolating
 * methods give float64 for integers; the discrete ones ('lower', 'higher', 'nearest',
 * 'inverted_cdf', 'closest_observation') keep `a`'s type. A row holding a NaN gives NaN; q
 * outside [0, 1] is a ValueError.
 *
 * @example
 * ```ts
 * console.log(np.quantile(np.array([1, 2, 3, 4, 5]), np.array([0.25, 0.5, 0.9])));
 * // array([2. , 3. , 4.6])
 * ```
 */
export const quantile = quantileFunction('quantile', 1, false);
/**
 * The `q`-th percentiles (q in [0, 100]) over `axis` (NumPy's `percentile`): quantile(a, q / 100).
 *
 * NumPy's `np.percentile`.
 *
 * @example
 * ```ts
 * console.log(np.percentile(np.array([1, 2, 3, 4]), 25).item());
 * // 1.75
 * ```
 */
export const percentile = quantileFunction('percentile', 100, false);
/**
 * The `q`-th quantiles of the non-NaN elements (NumPy's `nanquantile`); NaN for a slice of NaNs only.
 *
 * @example
 * ```ts
 * console.log(np.nanquantile(np.array([1, NaN, 3, 4]), 0.5));
 * // array(3.)
 * ```
 */
export const nanquantile = quantileFunction('nanquantile', 1, true);
/**
 * The `q`-th percentiles of the non-NaN elements (NumPy's `nanpercentile`); NaN for a slice of NaNs only.
 *
 * @example
 * ```ts
 * console.log(np.nanpercentile(np.array([1, NaN, 3, 4]), 25));
 * // array(2.)
 * ```
 */
export const nanpercentile = quantileFunction('nanpercentile', 100, true);

// ---------------------------------------------------------------- NaN-skipping reductions

/** `x` with NaNs replaced by `value` (as NumPy's `_replace_nan`); integer and bool arrays as they are. */
function replaceNaN(x: ndarray, value: number): ndarray {
  return inexact(x.dtype) ? where(isnan(x), x.dtype.isComplex ? { re: value, im: 0 } : value, x) : x;
}

/** NumPy's keyword arguments of {@link nansum} and {@link nanprod} not given positionally. */
export interface NanSumOptions {
  axis?: Axis;
  /** The accumulator and result type. */
  dtype?: DTypeLike | null;
  out?: ndarray | null;
  keepdims?: boolean;
}

function nanReduction(fn: string, identity: number, reduce: typeof sum) {
  return function (a: ArrayInput, axis?: Axis | NanSumOptions, dtype?: DTypeLike | null | NanSumOptions, out?: ndarray | null | NanSumOptions, keepdims?: boolean | NanSumOptions): ndarray {
    const [given, ax = null, t = null, o = null, keep = false] = keywords(arguments, ['a', 'axis', 'dtype', 'out', 'keepdims'], fn, 1) as [unknown, Axis?, DTypeLike?, unknown?, boolean?];
    checkAxis(ax);
    checkBoolean(keep, 'keepdims', fn);
    const r = tidy(() => reduce(replaceNaN(arrayFrom(given, 'a', fn), identity), { axis: ax, keepdims: keep, ...(t === null ? {} : { dtype: t }) }));
    return into(r, o, fn);
  };
}

/**
 * The sum over `axis` treating NaNs as zero (NumPy's `nansum`); integers sum as sum's (int64).
 *
 * @example
 * ```ts
 * console.log(np.nansum(np.array([1, NaN, 3])));
 * // array(4.)
 * ```
 */
export const nansum = nanReduction('nansum', 0, sum);
/**
 * The product over `axis` treating NaNs as one (NumPy's `nanprod`).
 *
 * @example
 * ```ts
 * console.log(np.nanprod(np.array([[1, 2], [NaN, 4]]), 0));
 * // array([1., 8.])
 * ```
 */
export const nanprod = nanReduction('nanprod', 1, prod);

/** NumPy's keyword arguments of {@link nanmax} and {@link nanmin} not given positionally. */
export interface NanMaxOptions {
  axis?: Axis;
  out?: ndarray | null;
  keepdims?: boolean;
}

function nanExtreme(fn: string, fill: number, reduce: typeof max) {
  return function (a: ArrayInput, axis?: Axis | NanMaxOptions, out?: ndarray | null | NanMaxOptions, keepdims?: boolean | NanMaxOptions): ndarray {
    const [given, ax = null, o = null, keep = false] = keywords(arguments, ['a', 'axis', 'out', 'keepdims'], fn, 1) as [unknown, Axis?, unknown?, boolean?];
    checkAxis(ax);
    checkBoolean(keep, 'keepdims', fn);
    const r = tidy(() => {
      const x = arrayFrom(given, 'a', fn);
      if (!inexact(x.dtype)) return reduce(x, { axis: ax, keepdims: keep });
      const options = { axis: ax, keepdims: keep };
      const nan = isnan(x);
      const value = reduce(where(nan, x.dtype.isComplex ? { re: fill, im: 0 } : fill, x), options);
      // A slice of NaNs only: NaN (NumPy warns).
      return where(all(nan, options), x.dtype.isComplex ? { re: NaN, im: 0 } : NaN, value);
    });
    return into(r, o, fn);
  };
}

/**
 * The maximum over `axis` ignoring NaNs (NumPy's `nanmax`); NaN for a slice of NaNs only.
 *
 * @example
 * ```ts
 * console.log(np.nanmax(np.array([[1, NaN], [3, 2]]), 1));
 * // array([1., 3.])
 * ```
 */
export const nanmax = nanExtreme('nanmax', -Infinity, max);
/**
 * The minimum over `axis` ignoring NaNs (NumPy's `nanmin`); NaN for a slice of NaNs only.
 *
 * @example
 * ```ts
 * console.log(np.nanmin(np.array([[1, NaN], [3, 2]]), 1));
 * // array([1., 2.])
 * ```
 */
export const nanmin = nanExtreme('nanmin', Infinity, min);

/** NumPy's keyword arguments of {@link nanargmax} and {@link nanargmin} not given positionally. */
export interface NanArgOptions {
  axis?: number | null;
  out?: ndarray | null;
  keepdims?: boolean;
}

function nanArg(fn: string, fill: number, reduce: typeof argmax) {
  return function (a: ArrayInput, axis?: number | null | NanArgOptions, out?: ndarray | null | NanArgOptions, options?: NanArgOptions): ndarray {
    const [given, ax = null, o = null, keep = false] = keywords(arguments, ['a', 'axis', 'out'], fn, 1, ['keepdims']) as [unknown, (number | null)?, unknown?, boolean?];
    if (ax !== null && typeof ax !== 'number') throw new DTypeError('axis', `${fn}: expected an integer axis or null, got ${describeValue(ax)}`);
    checkBoolean(keep, 'keepdims', fn);
    const r = tidy(() => {
      const x = arrayFrom(given, 'a', fn);
      if (!inexact(x.dtype)) return reduce(x, { axis: ax, keepdims: keep });
      const nan = isnan(x);
      if (x.size > 0 && any(all(nan, ax === null ? null : ax)).item()) throw new ValueError('a', `${fn}: All-NaN slice encountered`);
      return reduce(where(nan, x.dtype.isComplex ? { re: fill, im: 0 } : fill, x), { axis: ax, keepdims: keep });
    });
    return into(r, o, fn);
  };
}

/**
 * The index of the first maximum ignoring NaNs (NumPy's `nanargmax`); a slice of NaNs only is a ValueError.
 *
 * @example
 * ```ts
 * console.log(np.nanargmax(np.array([[NaN, 4], [2, 3]]), 0));
 * // array([1, 0])
 * ```
 */
export const nanargmax = nanArg('nanargmax', -Infinity, argmax);
/**
 * The index of the first minimum ignoring NaNs (NumPy's `nanargmin`); a slice of NaNs only is a ValueError.
 *
 * @example
 * ```ts
 * console.log(np.nanargmin(np.array([[NaN, 4], [2, 3]]), 1));
 * // array([1, 0])
 * ```
 */
export const nanargmin = nanArg('nanargmin', Infinity, argmin);

/** NumPy's keyword arguments of {@link nanmean} not given positionally. */
export interface NanMeanOptions {
  axis?: Axis;
  dtype?: DTypeLike | null;
  out?: ndarray | null;
  keepdims?: boolean;
}

/** sum(a without NaNs) / count(non-NaN), in `total`'s type (NumPy's `_divide_by_count`). */
function nanMeanOf(x: ndarray, axis: Axis, keepdims: boolean, t: DTypeLike | null): { total: ndarray; count: ndarray; mean: ndarray } {
  const count = sum(logicalNot(isnan(x)), { axis, keepdims, dtype: INT64 });
  const total = sum(replaceNaN(x, 0), { axis, keepdims, ...(t === null ? {} : { dtype: t }) });
  return { total, count, mean: astype(divide(total, count), total.dtype) };
}

/**
 * The mean over `axis` of the non-NaN elements (NumPy's `nanmean`); NaN for a slice of NaNs only.
 *
 * @example
 * ```ts
 * console.log(np.nanmean(np.array([[1, NaN], [3, 4]]), 0));
 * // array([2., 4.])
 * ```
 */
export function nanmean(a: ArrayInput, axis?: Axis | NanMeanOptions, dtype?: DTypeLike | null | NanMeanOptions, out?: ndarray | null | NanMeanOptions, keepdims?: boolean | NanMeanOptions): ndarray {
  const [given, ax = null, t = null, o = null, keep = false] = keywords(arguments, ['a', 'axis', 'dtype', 'out', 'keepdims'], 'nanmean', 1) as [unknown, Axis?, DTypeLike?, unknown?, boolean?];
  checkAxis(ax);
  checkBoolean(keep, 'keepdims', 'nanmean');
  const r = tidy(() => {
    const x = arrayFrom(given, 'a', 'nanmean');
    if (!inexact(x.dtype)) return mean(x, { axis: ax, keepdims: keep, ...(t === null ? {} : { dtype: t }) });
    return nanMeanOf(x, ax, keep, t).mean;
  });
  return into(r, o, 'nanmean');
}

/** NumPy's keyword arguments of {@link nanvar} and {@link nanstd} not given positionally. */
export interface NanVarOptions extends NanMeanOptions {
  /** Delta degrees of freedom: the divisor is (non-NaN count) − ddof. */
  ddof?: number;
}

function nanVarOf(given: unknown, ax: Axis, t: DTypeLike | null, ddof: number, keep: boolean, fn: string): ndarray {
  const x = arrayFrom(given, 'a', fn);
  if (!inexact(x.dtype)) {
    const v = subtract(x, mean(x, { axis: ax, keepdims: true, ...(t === null ? {} : { dtype: t }) }));
    const squares = multiply(v, v);
    const total = sum(squares, { axis: ax, keepdims: keep, ...(t === null ? {} : { dtype: t }) });
    const dof = sum(filled(x.shape, INT64, 1n), { axis: ax, keepdims: keep });
    const dofs = subtract(dof, ddof);
    return where(greaterEqual(0, dofs), NaN, astype(divide(total, dofs), total.dtype));
  }
  const nan = isnan(x);
  const { count, mean: avg } = nanMeanOf(x, ax, true, t);
  const centered = where(nan, 0, astype(subtract(replaceNaN(x, 0), avg), x.dtype));
  const squares = x.dtype.isComplex ? real(multiply(centered, conj(centered))) : multiply(centered, centered);
  const total = sum(squares, { axis: ax, keepdims: keep, ...(t === null ? {} : { dtype: t }) });
  const dofs = subtract(keep ? count : reshape(count, total.shape), ddof);
  return where(greaterEqual(0, dofs), NaN, astype(divide(total, dofs), total.dtype));
}

function varianceFunction(fn: string, root: boolean) {
  return function (a: ArrayInput, axis?: Axis | NanVarOptions, dtype?: DTypeLike | null | NanVarOptions, out?: ndarray | null | NanVarOptions, ddof?: number | NanVarOptions, keepdims?: boolean | NanVarOptions): ndarray {
    const [given, ax = null, t = null, o = null, d = 0, keep = false] = keywords(arguments, ['a', 'axis', 'dtype', 'out', 'ddof', 'keepdims'], fn, 1) as [unknown, Axis?, DTypeLike?, unknown?, number?, boolean?];
    checkAxis(ax);
    checkNumber(d, 'ddof', fn);
    checkBoolean(keep, 'keepdims', fn);
    const r = tidy(() => {
      const v = nanVarOf(given, ax, t, d, keep, fn);
      return root ? sqrt(v) : v;
    });
    return into(r, o, fn);
  };
}

/**
 * The variance over `axis` of the non-NaN elements (NumPy's `nanvar`): the mean squared
 * deviation from their mean, divided by count − ddof (NaN where that is not positive). Complex
 * input gives its real part's type.
 *
 * @example
 * ```ts
 * console.log(np.nanvar(np.array([1, NaN, 3, 5])));
 * // array(2.66666667)
 * ```
 */
export const nanvar = varianceFunction('nanvar', false);
/**
 * The standard deviation over `axis` of the non-NaN elements (NumPy's `nanstd`): sqrt(nanvar).
 *
 * @example
 * ```ts
 * console.log(np.nanstd(np.array([1, NaN, 3])));
 * // array(1.)
 * ```
 */
export const nanstd = varianceFunction('nanstd', true);

/** NumPy's keyword arguments of {@link nancumsum} and {@link nancumprod} not given positionally. */
export interface NanScanOptions {
  axis?: number | null;
  dtype?: DTypeLike | null;
  out?: ndarray | null;
}

function nanScan(fn: string, identity: number, scan: typeof cumsum) {
  return function (a: ArrayInput, axis?: number | null | NanScanOptions, dtype?: DTypeLike | null | NanScanOptions, out?: ndarray | null | NanScanOptions): ndarray {
    const [given, ax = null, t = null, o = null] = keywords(arguments, ['a', 'axis', 'dtype', 'out'], fn, 1) as [unknown, (number | null)?, DTypeLike?, unknown?];
    if (ax !== null && typeof ax !== 'number') throw new DTypeError('axis', `${fn}: expected an integer axis or null, got ${describeValue(ax)}`);
    const r = tidy(() => scan(replaceNaN(arrayFrom(given, 'a', fn), identity), ax, ...(t === null ? [] : [t])));
    return into(r, o, fn);
  };
}

/**
 * Running sums along `axis` (of the flattened array when null) treating NaNs as zero (NumPy's `nancumsum`).
 *
 * @example
 * ```ts
 * console.log(np.nancumsum(np.array([1, NaN, 3, 4])));
 * // array([1., 1., 4., 8.])
 * ```
 */
export const nancumsum = nanScan('nancumsum', 0, cumsum);
/**
 * Running products along `axis` treating NaNs as one (NumPy's `nancumprod`).
 *
 * @example
 * ```ts
 * console.log(np.nancumprod(np.array([1, NaN, 3, 4])));
 * // array([ 1.,  1.,  3., 12.])
 * ```
 */
export const nancumprod = nanScan('nancumprod', 1, cumprod);

// ---------------------------------------------------------------- covariance

/** NumPy's keyword arguments of {@link cov} not given positionally. */
export interface CovOptions {
  y?: ArrayInput | null;
  /** Each row a variable, each column an observation (default); false: the other way round. */
  rowvar?: boolean;
  /** Normalize by N (or the weights' sum) instead of N − 1. */
  bias?: boolean;
  /** Overrides `bias`: normalize by N − ddof. */
  ddof?: number | null;
  /** Integer frequency weights, one per observation. */
  fweights?: ArrayInput | null;
  /** Observation weights, one per observation. */
  aweights?: ArrayInput | null;
  /** The type to compute in (default: at least float64). */
  dtype?: DTypeLike | null;
}

/** At least 2-D: a vector as one row; then one variable a row. */
function variables(a: ndarray, rowvar: boolean, t: DType, name: string): ndarray {
  if (a.ndim > 2) throw new ValueError(name, `${name} has more than 2 dimensions`);
  const x = astype(a.ndim === 2 ? a : reshape(a, [1, a.size]), t);
  return !rowvar && x.shape[0] !== 1 ? transpose(x) : x;
}

function covarianceOf(m: unknown, y: unknown, rowvar: boolean, bias: boolean, ddofGiven: number | null, fw: unknown, aw: unknown, dtype: DTypeLike | null, fn: string): ndarray {
  const a = arrayFrom(m, 'm', fn);
  const b = y === null ? null : arrayFrom(y, 'y', fn);
  if (a.ndim > 2) throw new ValueError('m', `${fn}: m has more than 2 dimensions`);
  if (b !== null && b.ndim > 2) throw new ValueError('y', `${fn}: y has more than 2 dimensions`);
  const t = dtype !== null ? toDType(dtype) : b === null ? resultType(a.dtype, FLOAT64) : resultType(a.dtype, b.dtype, FLOAT64);
  let X = a.ndim === 2 ? astype(a, t) : astype(reshape(a, [1, a.size]), t);
  if (!rowvar && a.ndim !== 1) X = transpose(X);
  if (X.shape[0] === 0) return filled([0, 0], FLOAT64, 0);
  if (b !== null) {
    const Y = variables(b, rowvar, t, 'y');
    if (Y.shape[1] !== X.shape[1]) throw new ValueError('y', `${fn}: all the input array dimensions except for the concatenation axis must match exactly (m has ${X.shape[1]} observations, y ${Y.shape[1]})`);
    X = concatenate([X, Y], 0);
  }
  const ddof = ddofGiven ?? (bias ? 0 : 1);
  const observations = X.shape[1]!;
  const weights = (v: unknown, name: string): ndarray | null => {
    if (v === null) return null;
    const w = astype(arrayFrom(v, name, fn), FLOAT64);
    if (w.ndim > 1) throw new ValueError(name, `${fn}: cannot handle multidimensional ${name}`);
    if (w.ndim === 0 || w.shape[0] !== observations) throw new ValueError(name, `${fn}: incompatible numbers of samples and ${name}`);
    if (name === 'fweights' && !all(equal(w, round(w))).item()) throw new DTypeError(name, `${fn}: fweights must be integer`);
    if (any(less(w, 0)).item()) throw new ValueError(name, `${fn}: ${name} cannot be negative`);
    return w;
  };
  const f = weights(fw, 'fweights');
  const aws = weights(aw, 'aweights');
  const w = f === null ? aws : aws === null ? f : multiply(f, aws);
  let avg: ndarray;
  let fact: number;
  if (w === null) {
    avg = mean(X, { axis: 1, keepdims: true });
    fact = observations - ddof;
  } else {
    const wSum = sum(w);
    avg = divide(sum(multiply(X, w), { axis: 1, keepdims: true }), wSum);
    const total = Number(wSum.item());
    if (total === 0) throw new ValueError('weights', `${fn}: Weights sum to zero, can't be normalized`);
    fact = ddof === 0 ? total : aws === null ? total - ddof : total - (ddof * Number(sum(multiply(w, aws)).item())) / total;
  }
  if (!(fact > 0)) fact = 0; // NumPy warns: degrees of freedom <= 0
  const centered = subtract(X, astype(avg, X.dtype));
  const weighted = w === null ? centered : multiply(centered, w);
  const c = matmul(centered, transpose(conj(weighted)));
  const scaled = astype(multiply(c, 1 / fact), c.dtype);
  // NumPy squeezes: one variable gives a 0-d result.
  return scaled.shape[0] === 1 ? reshape(scaled, []) : scaled;
}

/**
 * The covariance matrix of the variables in `m` (and `y`) (NumPy's `cov`): each row a variable
 * (columns with `rowvar` false), normalized by N − 1 (N with `bias`, N − ddof with `ddof`),
 * weighted by `fweights` and `aweights`; float64 at least (complex128 for complex). One
 * variable gives a 0-d array.
 *
 * @example
 * ```ts
 * console.log(np.cov(np.array([[0, 1, 2], [2, 1, 0]])));
 * // array([[ 1., -1.],
 * //        [-1.,  1.]])
 * ```
 */
export function cov(m: ArrayInput, y?: ArrayInput | null | CovOptions, rowvar?: boolean | CovOptions, bias?: boolean | CovOptions, ddof?: number | null | CovOptions, fweights?: ArrayInput | null | CovOptions, aweights?: ArrayInput | null | CovOptions, options?: CovOptions): ndarray {
  const [given, other = null, rv = true, b = false, d = null, fw = null, aw = null, t = null] = keywords(arguments, ['m', 'y', 'rowvar', 'bias', 'ddof', 'fweights', 'aweights'], 'cov', 1, ['dtype']) as [
    unknown,
    unknown?,
    boolean?,
    boolean?,
    (number | null)?,
    unknown?,
    unknown?,
    DTypeLike?,
  ];
  checkBoolean(rv, 'rowvar', 'cov');
  checkBoolean(b, 'bias', 'cov');
  if (d !== null && (typeof d !== 'number' || !Number.isInteger(d))) throw new ValueError('ddof', `cov: ddof must be integer, got ${describeValue(d)}`);
  return tidy(() => covarianceOf(given, other, rv, b, d, fw, aw, t, 'cov'));
}

/** NumPy's keyword arguments of {@link corrcoef} not given positionally. */
export interface CorrcoefOptions {
  y?: ArrayInput | null;
  rowvar?: boolean;
  dtype?: DTypeLike | null;
}

/**
 * Pearson correlation coefficients (NumPy's `corrcoef`): cov(x, y) / (σᵢ σⱼ), clipped to
 * [-1, 1] (real and imaginary parts apart for complex).
 *
 * @example
 * ```ts
 * console.log(np.corrcoef(np.array([1, 2, 3]), np.array([2, 4, 7])));
 * // array([[1.        , 0.99339927],
 * //        [0.99339927, 1.        ]])
 * ```
 */
export function corrcoef(x: ArrayInput, y?: ArrayInput | null | CorrcoefOptions, rowvar?: boolean | CorrcoefOptions, options?: CorrcoefOptions): ndarray {
  const [given, other = null, rv = true, t = null] = keywords(arguments, ['x', 'y', 'rowvar'], 'corrcoef', 1, ['dtype']) as [unknown, unknown?, boolean?, DTypeLike?];
  checkBoolean(rv, 'rowvar', 'corrcoef');
  return tidy(() => {
    const c = covarianceOf(given, other, rv, false, null, null, null, t, 'corrcoef');
    if (c.ndim === 0) return divide(c, c);
    const n = c.shape[0]!;
    const d = diagonal(c);
    const sd = astype(sqrt(real(d)), c.dtype.isComplex ? (c.dtype.name === 'complex64' ? 'float32' : 'float64') : c.dtype);
    const r = divide(divide(c, reshape(sd, [n, 1])), reshape(sd, [1, n]));
    if (!r.dtype.isComplex) return clip(r, -1, 1);
    return add(clip(real(r), -1, 1), multiply(clip(imag(r), -1, 1), { re: 0, im: 1 }));
  });
}
