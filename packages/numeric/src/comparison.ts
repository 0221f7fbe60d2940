// NumPy's closeness and equality tests (isclose, allclose, array_equal, array_equiv) and
// membership (isin), built from the ufuncs, reductions, sort and searchsorted: every step a
// partitioned task; only the functions that return a JavaScript boolean wait, to read it.
import { dtype as toDType, tidy, type DType } from '@legate/core';

import { describeValue, keywords } from './arguments.js';
import { ValueError } from './errors.js';
import { arrayFrom, checkBoolean, checkNumber, checkOperand, isScalar, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';
import { astype, broadcastShapes, filled, type Operand } from './operations.js';
import { resultType, resultTypeWithScalar } from './promotion.js';
import { all } from './reductions.js';
import { ravel } from './shape.js';
import { gatherFlat, searchsorted, sort } from './sorting.js';
import { absolute, add, equal, isfinite, isnan, lessEqual, logicalAnd, logicalNot, logicalOr, minimum, multiply, subtract } from './ufunc.js';

const BOOL = toDType('bool');

/** NumPy's keyword arguments of {@link isclose} and {@link allclose} not given positionally. */
export interface IscloseOptions {
  /** The relative tolerance (default 1e-5). */
  rtol?: number;
  /** The absolute tolerance (default 1e-8). */
  atol?: number;
  /** Whether NaNs in the same places compare equal (default false). */
  equalNan?: boolean;
}

/**
 * Elementwise `|a - b| <= atol + rtol * |b|` (NumPy's `isclose`, not symmetric in a and b), or
 * `a == b` (so equal infinities are close); NaNs are close only with `equalNan`. `b` is taken in
 * floating point first, as NumPy does. A bool array of the broadcast shape.
 *
 * NumPy's `np.isclose`.
 *
 * @example
 * ```ts
 * console.log(np.isclose(np.array([1, 2]), np.array([1.1, 2])));
 * // array([False,  True])
 * ```
 */
export function isclose(a: Operand | ArrayInput, b: Operand | ArrayInput, rtol?: number | IscloseOptions, atol?: number | IscloseOptions, equalNan?: boolean | IscloseOptions): ndarray {
  const [x, y, r = 1e-5, t = 1e-8, nan = false] = keywords(arguments, ['a', 'b', 'rtol', 'atol', 'equalNan'], 'isclose', 2) as [Operand, Operand, number?, number?, boolean?];
  return listsAsArrays(x, y, 'isclose', (p, q) => closeness(p, q, r, t, nan, 'isclose'));
}

/** `body` of `x` and `y` with lists made into arrays (freed after, unless returned). */
function listsAsArrays<T>(x: unknown, y: unknown, fn: string, body: (x: Operand, y: Operand) => T): T {
  if (!Array.isArray(x) && !Array.isArray(y)) return body(x as Operand, y as Operand);
  return tidy(() => body(Array.isArray(x) ? arrayFrom(x, 'a', fn) : (x as Operand), Array.isArray(y) ? arrayFrom(y, 'b', fn) : (y as Operand)));
}

/**
 * Whether every element of `a` is close to `b` (NumPy's `allclose`: `all(isclose(...))`). Waits.
 *
 * NumPy's `np.allclose`.
 *
 * @example
 * ```ts
 * console.log(np.allclose(np.array([1, 2]), np.array([1, 2 + 1e-9])));
 * // true
 * ```
 */
export function allclose(a: Operand | ArrayInput, b: Operand | ArrayInput, rtol?: number | IscloseOptions, atol?: number | IscloseOptions, equalNan?: boolean | IscloseOptions): boolean {
  const [x, y, r = 1e-5, t = 1e-8, nan = false] = keywords(arguments, ['a', 'b', 'rtol', 'atol', 'equalNan'], 'allclose', 2) as [Operand, Operand, number?, number?, boolean?];
  return listsAsArrays(x, y, 'allclose', (p, q) => tidy(() => Boolean(all(closeness(p, q, r, t, nan, 'allclose')).item())));
}

function closeness(x: Operand, given: Operand, rtol: number, atol: number, equalNan: boolean, fn: string): ndarray {
  checkOperand(x, 'a', fn);
  checkOperand(given, 'b', fn);
  checkNumber(rtol, 'rtol', fn);
  checkNumber(atol, 'atol', fn);
  checkBoolean(equalNan, 'equalNan', fn);
  return tidy(() => {
    const y = inexact(given, x);
    let tolerance: Operand;
    let finite: Operand;
    if (given instanceof ndarray) {
      tolerance = add(atol, multiply(rtol, absolute(y)));
      finite = isfinite(y);
    } else {
      // A Python scalar b stays a Python float in NumPy's tolerance and isfinite: computed here
      // in float64 (so isclose(float32s, 1e300) is NumPy's, though 1e300 is inf in float32).
      const [re, im] = typeof given === 'object' ? [given.re, given.im] : [Number(given), 0];
      tolerance = atol + rtol * (typeof given === 'object' ? Math.hypot(re, im) : Math.abs(re));
      finite = Number.isFinite(re) && Number.isFinite(im);
    }
    const within = lessEqual(absolute(subtract(x, y)), tolerance);
    let result = logicalOr(logicalAnd(within, finite), equal(x, y));
    if (equalNan) result = logicalOr(result, logicalAnd(isnan(x), isnan(y)));
    return result;
  });
}

/**
 * `b` as isclose takes it: an array in `result_type(b, 1.0)`; a Python scalar as a float (or
 * complex) in the type it would have against `x`, as a 0-d array of that type.
 */
function inexact(b: Operand, x: Operand): ndarray {
  if (b instanceof ndarray) {
    const t = resultTypeWithScalar(b.dtype, 0.5);
    return t === b.dtype ? b : astype(b, t);
  }
  const complex = typeof b === 'object';
  const value = complex ? b : Number(b);
  const marker = complex ? b : 0.5;
  const t: DType = x instanceof ndarray ? resultTypeWithScalar(x.dtype, marker) : toDType(complex || (isScalar(x) && typeof x === 'object') ? 'complex128' : 'float64');
  return filled([], t, t.isComplex && !complex ? { re: value as number, im: 0 } : value);
}

/** NumPy's keyword argument of {@link arrayEqual} not given positionally. */
export interface ArrayEqualOptions {
  /** Whether NaNs in the same places compare equal (default false). */
  equalNan?: boolean;
}

/**
 * Whether `a1` and `a2` have the same shape and elements (NumPy's `array_equal`); scalars and
 * lists are arrays of NumPy's types for them. Waits.
 *
 * @example
 * ```ts
 * console.log(np.arrayEqual([1, 2], [1, 2]), np.arrayEqual([1, 2], [1, 2, 3]));
 * console.log(np.arrayEqual(np.array([1, NaN]), np.array([1, NaN]), true));
 * // true false
 * // true
 * ```
 */
export function arrayEqual(a1: ArrayInput, a2: ArrayInput, equalNan?: boolean | ArrayEqualOptions): boolean {
  const [p, q, nan = false] = keywords(arguments, ['a1', 'a2', 'equalNan'], 'arrayEqual', 2) as [unknown, unknown, boolean?];
  checkBoolean(nan, 'equalNan', 'arrayEqual');
  return tidy(() => {
    const x = arrayFrom(p, 'a1', 'arrayEqual');
    const y = arrayFrom(q, 'a2', 'arrayEqual');
    if (x.ndim !== y.ndim || x.shape.some((e, d) => e !== y.shape[d])) return false;
    let same = equal(x, y);
    const inexactType = (t: DType) => t.kind === 'f' || t.kind === 'c';
    if (nan && (inexactType(x.dtype) || inexactType(y.dtype))) same = logicalOr(same, logicalAnd(isnan(x), isnan(y)));
    return Boolean(all(same).item());
  });
}

/**
 * Whether `a1` and `a2` broadcast together and are equal elementwise (NumPy's `array_equiv`):
 * shapes that do not broadcast give false. Waits.
 *
 * @example
 * ```ts
 * console.log(np.arrayEquiv([1, 2], [[1, 2], [1, 2]]), np.arrayEquiv([1, 2], [[1, 2], [1, 3]]));
 * // true false
 * ```
 */
export function arrayEquiv(a1: ArrayInput, a2: ArrayInput): boolean {
  const [p, q] = keywords(arguments, ['a1', 'a2'], 'arrayEquiv', 2) as [unknown, unknown];
  return tidy(() => {
    const x = arrayFrom(p, 'a1', 'arrayEquiv');
    const y = arrayFrom(q, 'a2', 'arrayEquiv');
    try {
      broadcastShapes(x.shape, y.shape);
    } catch {
      return false;
    }
    return Boolean(all(equal(x, y)).item());
  });
}

/** NumPy's keyword arguments of {@link isin} not given positionally. */
export interface IsinOptions {
  /** Accepted as NumPy's hint that both inputs hold no repeats; the result is the same either way. */
  assumeUnique?: boolean;
  /** Whether to give the elements not in `testElements` instead (default false). */
  invert?: boolean;
  /**
   * NumPy's algorithm choice: null (default), 'sort' or 'table' ('table' only for integer and
   * bool inputs, as NumPy's); here every kind sorts `testElements` and searches it.
   */
  kind?: 'sort' | 'table' | null;
}

/**
 * Whether each element of `element` is in `testElements` (NumPy's `isin`): a bool array of
 * `element`'s shape. `testElements` is sorted and searched (one searchsorted launch); NaN is in
 * nothing, as in NumPy.
 *
 * @example
 * ```ts
 * console.log(np.isin(np.array([[0, 2], [4, 6]]), np.array([1, 2, 4, 8])));
 * // array([[False,  True],
 * //        [ True, False]])
 * ```
 */
export function isin(element: ArrayInput, testElements: ArrayInput, assumeUnique?: boolean | IsinOptions, invert?: boolean | IsinOptions): ndarray {
  const [e, s, unique = false, inverted = false, kind = null] = keywords(arguments, ['element', 'testElements', 'assumeUnique', 'invert'], 'isin', 2, ['kind']) as [unknown, unknown, boolean?, boolean?, unknown?];
  checkBoolean(unique, 'assumeUnique', 'isin');
  checkBoolean(inverted, 'invert', 'isin');
  if (kind !== null && kind !== 'sort' && kind !== 'table') throw new ValueError('kind', `isin: Invalid kind: ${describeValue(kind)}. Please use null, 'sort' or 'table'.`);
  return tidy(() => {
    const x = arrayFrom(e, 'element', 'isin');
    const tests = arrayFrom(s, 'testElements', 'isin');
    const integral = (t: DType) => t.isInteger || t.kind === 'b';
    if (kind === 'table' && !(integral(x.dtype) && integral(tests.dtype))) {
      throw new ValueError('kind', "isin: The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or null for kind.");
    }
    if (tests.size === 0 || x.size === 0) return filled(x.shape, BOOL, inverted);
    const t = resultType(x.dtype, tests.dtype);
    const keys = sort(ravel(tests.dtype === t ? tests : astype(tests, t)));
    const queries = x.dtype === t ? x : astype(x, t);
    // The position of the first key >= each element (clamped to the last key), then equality.
    const at = minimum(searchsorted(keys, queries), keys.size - 1);
    const found = equal(gatherFlat(keys, at), queries);
    return inverted ? logicalNot(found) : found;
  });
}
