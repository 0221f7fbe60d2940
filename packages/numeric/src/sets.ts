// NumPy's set routines on 1-D arrays (union1d, intersect1d, setdiff1d, setxor1d), digitize and
// trim_zeros, built from unique, sort, argsort, searchsorted, isin, concatenate and boolean
// selection (every step a partitioned task; only the few scalars that choose a path are read).
import { DTypeError, tidy } from '@legate/core';

import { keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { isin } from './comparison.js';
import { ValueError } from './errors.js';
import { arrayFrom, checkBoolean, type ArrayInput } from './inputs.js';
import { concatenate, extract } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { all, max, min } from './reductions.js';
import { ravel } from './shape.js';
import { argsort, argwhere, gatherFlat, searchsorted, sort, unique } from './sorting.js';
import { equal, greaterEqual, lessEqual, logicalAnd, notEqual, subtract } from './ufunc.js';

/** The flattened `a[1:]` and `a[:-1]` of a 1-D array (empty views when it is empty). */
function neighbours(a: ndarray): [ndarray, ndarray] {
  const n = a.size;
  return [new ndarray(a.store.slice(0, Math.min(1, n), n)), new ndarray(a.store.slice(0, 0, Math.max(n - 1, 0)))];
}

/** Both inputs flattened and joined, promoted as NumPy's `concatenate(..., axis=None)`. */
function joined(a: ndarray, b: ndarray): ndarray {
  return concatenate([ravel(a), ravel(b)]);
}

/**
 * The sorted distinct values of both arrays together (NumPy's `union1d`), flattened.
 *
 * @example
 * ```ts
 * console.log(np.union1d(np.array([-1, 0, 1]), np.array([-2, 0, 2])));
 * // array([-2, -1,  0,  1,  2])
 * ```
 */
export function union1d(ar1: ArrayInput, ar2: ArrayInput): ndarray {
  const [p, q] = keywords(arguments, ['ar1', 'ar2'], 'union1d', 2) as [unknown, unknown];
  return tidy(() => unique(joined(arrayFrom(p, 'ar1', 'union1d'), arrayFrom(q, 'ar2', 'union1d'))));
}

/** NumPy's keyword arguments of {@link intersect1d} not given positionally. */
export interface Intersect1dOptions {
  /** Promise that neither input repeats a value (skips their `unique`; repeats then give wrong results, as NumPy's). */
  assumeUnique?: boolean;
  /** Also return where each common value is first found in `ar1` and `ar2` (flattened). */
  returnIndices?: boolean;
}

/** {@link intersect1d}'s result with `returnIndices`. */
export interface Intersect1dResult {
  /** The sorted common values. */
  values: ndarray;
  /** The position of each common value in the flattened `ar1` (NumPy's `comm1`). */
  indices1: ndarray;
  /** The position of each common value in the flattened `ar2` (NumPy's `comm2`). */
  indices2: ndarray;
}

/**
 * The sorted values found in both arrays (NumPy's `intersect1d`), flattened and in their common
 * type; NaN is in no intersection. With `returnIndices`, `{ values, indices1, indices2 }`: the
 * first positions of the common values in each input (int64).
 *
 * @example
 * ```ts
 * console.log(np.intersect1d(np.array([1, 3, 4, 3]), np.array([3, 1, 2, 1])));
 * // array([1, 3])
 * ```
 */
export function intersect1d(ar1: ArrayInput, ar2: ArrayInput, options: Intersect1dOptions & { returnIndices: true }): Intersect1dResult;
export function intersect1d(ar1: ArrayInput, ar2: ArrayInput, assumeUnique: boolean | undefined, returnIndices: true): Intersect1dResult;
export function intersect1d(ar1: ArrayInput, ar2: ArrayInput, assumeUnique?: boolean | Intersect1dOptions, returnIndices?: false | Intersect1dOptions): ndarray;
export function intersect1d(): ndarray | Intersect1dResult {
  const [p, q, assume = false, indices = false] = keywords(arguments, ['ar1', 'ar2', 'assumeUnique', 'returnIndices'], 'intersect1d', 2) as [unknown, unknown, boolean?, boolean?];
  checkBoolean(assume, 'assumeUnique', 'intersect1d');
  checkBoolean(indices, 'returnIndices', 'intersect1d');
  return tidy(() => {
    let a = ravel(arrayFrom(p, 'ar1', 'intersect1d'));
    let b = ravel(arrayFrom(q, 'ar2', 'intersect1d'));
    let first1: ndarray | null = null;
    let first2: ndarray | null = null;
    if (!assume) {
      if (indices) {
        const u1 = unique(a, { returnIndex: true });
        const u2 = unique(b, { returnIndex: true });
        [a, first1, b, first2] = [u1.values, u1.indices!, u2.values, u2.indices!];
      } else {
        [a, b] = [unique(a), unique(b)];
      }
    }
    const aux = concatenate([a, b]);
    const order = indices ? argsort(aux) : null;
    const sorted = order ? gatherFlat(aux, order) : sort(aux);
    const [hi, lo] = neighbours(sorted);
    const mask = equal(hi, lo);
    const values = extract(mask, lo);
    if (!indices) return values;
    const [orderHi, orderLo] = neighbours(order!);
    let i1 = extract(mask, orderLo);
    let i2 = subtract(extract(mask, orderHi), a.size);
    if (!assume) [i1, i2] = [gatherFlat(first1!, i1), gatherFlat(first2!, i2)];
    return { values, indices1: i1, indices2: i2 };
  });
}

/** NumPy's keyword arguments of {@link setdiff1d} and {@link setxor1d} not given positionally. */
export interface SetOptions {
  /** Promise that neither input repeats a value (skips their `unique`). */
  assumeUnique?: boolean;
}

/**
 * The sorted distinct values of `ar1` not in `ar2` (NumPy's `setdiff1d`), in `ar1`'s type; with
 * `assumeUnique`, `ar1`'s values in their order (flattened). NaN is in nothing, so it stays.
 *
 * @example
 * ```ts
 * console.log(np.setdiff1d(np.array([1, 2, 3, 2, 4, 1]), np.array([3, 4, 5, 6])));
 * // array([1, 2])
 * ```
 */
export function setdiff1d(ar1: ArrayInput, ar2: ArrayInput, assumeUnique?: boolean | SetOptions): ndarray {
  const [p, q, assume = false] = keywords(arguments, ['ar1', 'ar2', 'assumeUnique'], 'setdiff1d', 2) as [unknown, unknown, boolean?];
  checkBoolean(assume, 'assumeUnique', 'setdiff1d');
  return tidy(() => {
    let a = ravel(arrayFrom(p, 'ar1', 'setdiff1d'));
    let b = arrayFrom(q, 'ar2', 'setdiff1d');
    if (!assume) [a, b] = [unique(a), unique(b)];
    return extract(isin(a, b, { assumeUnique: true, invert: true }), a);
  });
}

/**
 * The sorted values in exactly one of the arrays (NumPy's `setxor1d`), flattened, in their
 * common type. NaNs are distinct from each other here, as NumPy's (one from each input stays).
 *
 * @example
 * ```ts
 * console.log(np.setxor1d(np.array([1, 2, 3, 2, 4]), np.array([2, 3, 5, 7, 5])));
 * // array([1, 4, 5, 7])
 * ```
 */
export function setxor1d(ar1: ArrayInput, ar2: ArrayInput, assumeUnique?: boolean | SetOptions): ndarray {
  const [p, q, assume = false] = keywords(arguments, ['ar1', 'ar2', 'assumeUnique'], 'setxor1d', 2) as [unknown, unknown, boolean?];
  checkBoolean(assume, 'assumeUnique', 'setxor1d');
  return tidy(() => {
    let a = arrayFrom(p, 'ar1', 'setxor1d');
    let b = arrayFrom(q, 'ar2', 'setxor1d');
    if (!assume) [a, b] = [unique(a), unique(b)];
    const aux = sort(joined(a, b));
    const n = aux.size;
    if (n === 0) return aux;
    // flag = [True, aux[1:] != aux[:-1], True]; keep where both neighbouring flags are set.
    const edge = arrayFrom([true], 'ar1', 'setxor1d');
    const flag = concatenate([edge, notEqual(...neighbours(aux)), edge]);
    const [after, before] = neighbours(flag);
    return extract(logicalAnd(after, before), aux);
  });
}

/** NumPy's keyword arguments of {@link digitize} not given positionally. */
export interface DigitizeOptions {
  /** Whether the intervals include their right edge instead of their left (default false). */
  right?: boolean;
}

/**
 * The index of the bin each value of `x` falls in (NumPy's `digitize`): int64 of `x`'s shape,
 * by one searchsorted launch over the monotonic 1-D `bins` (increasing or decreasing; anything
 * else, NaN included, is a ValueError). Complex `x` is a DTypeError.
 *
 * @example
 * ```ts
 * console.log(np.digitize(np.array([0.2, 6.4, 3.0, 1.6]), np.array([0, 1, 2.5, 4, 10])));
 * // array([1, 4, 3, 2])
 * ```
 */
export function digitize(x: ArrayInput, bins: ArrayInput, right?: boolean | DigitizeOptions): ndarray {
  const [px, pb, r = false] = keywords(arguments, ['x', 'bins', 'right'], 'digitize', 2) as [unknown, unknown, boolean?];
  checkBoolean(r, 'right', 'digitize');
  return tidy(() => {
    const xs = arrayFrom(px, 'x', 'digitize');
    const edges = arrayFrom(pb, 'bins', 'digitize');
    if (xs.dtype.isComplex) throw new DTypeError('x', 'digitize: x may not be complex');
    if (edges.ndim === 0) throw new ValueError('bins', 'digitize: object of too small depth for desired array');
    if (edges.ndim > 1) throw new ValueError('bins', 'digitize: object too deep for desired array');
    const [hi, lo] = neighbours(edges);
    const side = r ? 'left' : 'right';
    if (Boolean(all(greaterEqual(hi, lo)).item())) return searchsorted(edges, xs, side);
    if (!Boolean(all(lessEqual(hi, lo)).item())) throw new ValueError('bins', 'digitize: bins must be monotonically increasing or decreasing');
    return subtract(edges.size, searchsorted(edges.slice('::-1'), xs, side));
  });
}

/** NumPy's keyword arguments of {@link trimZeros} not given positionally. */
export interface TrimZerosOptions {
  /** 'f' trims the front, 'b' the back, 'fb' (default) or 'bf' both. */
  trim?: string;
  /** The axes trimmed (default all). */
  axis?: number | readonly number[] | null;
}

/**
 * `filt` without its leading and/or trailing zeros (NumPy's `trim_zeros`): the view of the
 * smallest box (along `axis`, default all axes) holding every nonzero value; an all-zero array
 * gives an empty view. Reads the bounding box's corners (two small reductions).
 *
 * @example
 * ```ts
 * console.log(np.trimZeros(np.array([0, 0, 1, 2, 0, 3, 0]), 'f'));
 * // array([1, 2, 0, 3, 0])
 * ```
 */
export function trimZeros(filt: ndarray | ArrayInput, trim?: string | TrimZerosOptions, axis?: number | readonly number[] | null | TrimZerosOptions): ndarray {
  const [given, how = 'fb', ax = null] = keywords(arguments, ['filt', 'trim', 'axis'], 'trimZeros', 1) as [unknown, unknown?, (number | readonly number[] | null)?];
  if (typeof how !== 'string') throw new DTypeError('trim', `trimZeros: expected a string, got ${typeof how}`);
  const mode = how.toLowerCase();
  if (!['fb', 'bf', 'f', 'b'].includes(mode)) throw new ValueError('trim', `trimZeros: unexpected character(s) in \`trim\`: '${how}'`);
  const made = !(given instanceof ndarray);
  const a = arrayFrom(given, 'filt', 'trimZeros');
  const axes = ax === null ? a.shape.map((_, d) => d) : (typeof ax === 'number' ? [ax] : [...ax]).map((d) => normalizeAxis(d, a.ndim, 'axis'));
  const [start, stop] = tidy(() => {
    if (axes.length === 0) return [null, null];
    const where = argwhere(a);
    if (where.shape[0] === 0) return [a.shape.map(() => 0), a.shape.map(() => 0)];
    const lo = Array.from(min(where, 0).toArray() as BigInt64Array, Number);
    const hi = Array.from(max(where, 0).toArray() as BigInt64Array, (v) => Number(v) + 1);
    return [mode.includes('f') ? lo : null, mode.includes('b') ? hi : null];
  });
  if (axes.length === 0) return a;
  const view = a.slice(...a.shape.map((s, d) => (axes.includes(d) ? { start: start?.[d] ?? 0, stop: stop?.[d] ?? s } : {})));
  if (made) a.dispose();
  return view;
}
