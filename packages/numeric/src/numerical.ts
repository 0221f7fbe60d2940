// NumPy's numerical helpers built from ufuncs, reductions, views, where, concatenate, sort and
// searchsorted (every step a partitioned task): diff, ediff1d, ptp, average, cross, trapezoid,
// interp, nan_to_num, deg2rad, rad2deg and heaviside.
import { dtype as toDType, DTypeError, LogicalStore, tidy } from '@legate/core';

import { checkArity, describeValue, keywords, named } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { scalarType } from './creation.js';
import { arrayFrom, checkBoolean, checkInteger, checkNumber, checkOperand, type ArrayInput } from './inputs.js';
import { concatenate } from './manipulation.js';
import { checkOut, floatOperands, into } from './elementwise.js';
import { ndarray } from './ndarray.js';
import { assign, astype, broadcastShapes, checkWritable, filled, shapeText, type Operand } from './operations.js';
import { canCastSameKind, floatType, resultType } from './promotion.js';
import { any, max, mean, min, sum, type Axis } from './reductions.js';
import { broadcastTo, moveaxis, ravel, reshape, transpose } from './shape.js';
import { argsort, gatherFlat, searchsorted } from './sorting.js';
import {
  add,
  clip,
  conj,
  divide,
  equal,
  greater,
  imag,
  isinf,
  isnan,
  less,
  logicalAnd,
  logicalOr,
  mod,
  multiply,
  negative,
  notEqual,
  real,
  subtract,
  where,
  asArray,
  ufuncOptions,
  type UfuncOptions,
} from './ufunc.js';

const FLOAT64 = toDType('float64');
const BOOL_SUBTRACT = 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.';

/** Views of `a` without its first and without its last element along `axis` (a[1:], a[:-1]). */
function neighbours(a: ndarray, axis: number): [ndarray, ndarray] {
  const n = a.shape[axis]!;
  return [new ndarray(a.store.slice(axis, Math.min(1, n), n)), new ndarray(a.store.slice(axis, 0, Math.max(n - 1, 0)))];
}

/** NumPy's keyword arguments of {@link diff} not given positionally. */
export interface DiffOptions {
  /** How many times to difference (default 1; 0 gives `a` itself). */
  n?: number;
  /** The axis (default -1). */
  axis?: number;
  /** Values put before `a` along the axis first (a scalar is repeated across the other axes). */
  prepend?: ArrayInput;
  /** Values put after `a` along the axis first. */
  append?: ArrayInput;
}

/**
 * The `n`-th discrete difference along `axis` (NumPy's `diff`): `a[1:] - a[:-1]`, `n` times
 * (`notEqual` for bool arrays), after `prepend` and `append` are joined on. `n = 0` returns `a`
 * itself, as NumPy's.
 *
 * NumPy's `np.diff`.
 *
 * @example
 * ```ts
 * console.log(np.diff(np.array([1, 4, 9, 16])));
 * // array([3, 5, 7])
 * ```
 */
export function diff(a: ArrayInput, n?: number | DiffOptions, axis?: number | DiffOptions, prepend?: ArrayInput | DiffOptions, append?: ArrayInput | DiffOptions): ndarray {
  const [given, order = 1, ax = -1, before, after] = keywords(arguments, ['a', 'n', 'axis', 'prepend', 'append'], 'diff', 1) as [unknown, number?, number?, unknown?, unknown?];
  checkInteger(order, 'n', 'diff');
  if (order < 0) throw new ValueError('n', `diff: order must be non-negative but got ${order}`);
  return tidy(() => {
    const x = arrayFrom(given, 'a', 'diff');
    if (order === 0) return x;
    if (x.ndim === 0) throw new ValueError('a', 'diff: diff requires input that is at least one dimensional');
    const d = normalizeAxis(ax, x.ndim, 'axis');
    const edge = (v: unknown, name: string): ndarray => {
      const e = arrayFrom(v, name, 'diff');
      return e.ndim === 0 ? broadcastTo(e, x.shape.map((s, k) => (k === d ? 1 : s))) : e;
    };
    const parts = [...(before === undefined ? [] : [edge(before, 'prepend')]), x, ...(after === undefined ? [] : [edge(after, 'append')])];
    let current = parts.length > 1 ? concatenate(parts, d) : x;
    const op = current.dtype.kind === 'b' ? notEqual : subtract;
    for (let i = 0; i < order; i++) {
      const [hi, lo] = neighbours(current, d);
      const next = op(hi, lo);
      // Each step's input is freed as soon as the next is launched.
      for (const done of [hi, lo, ...(current === x ? [] : [current])]) done.dispose();
      current = next;
    }
    return current;
  });
}

/** NumPy's keyword arguments of {@link ediff1d} not given positionally. */
export interface Ediff1dOptions {
  /** Values appended after the differences. */
  toEnd?: ArrayInput | null;
  /** Values put before the differences. */
  toBegin?: ArrayInput | null;
}

/**
 * The differences of consecutive elements of the flattened `ary` (NumPy's `ediff1d`), in `ary`'s
 * type, with `toBegin` before and `toEnd` after (they must cast to it 'same_kind').
 *
 * @example
 * ```ts
 * console.log(np.ediff1d(np.array([1, 2, 4, 7]), np.array([88, 99]), -99));
 * // array([-99,   1,   2,   3,  88,  99])
 * ```
 */
export function ediff1d(ary: ArrayInput, toEnd?: ArrayInput | null | Ediff1dOptions, toBegin?: ArrayInput | null | Ediff1dOptions): ndarray {
  const [given, end = null, begin = null] = keywords(arguments, ['ary', 'toEnd', 'toBegin'], 'ediff1d', 1) as [unknown, unknown?, unknown?];
  return tidy(() => {
    const a = ravel(arrayFrom(given, 'ary', 'ediff1d'));
    if (a.dtype.kind === 'b') throw new DTypeError('ary', `ediff1d: ${BOOL_SUBTRACT}`);
    const piece = (v: unknown, name: string): ndarray | null => {
      if (v === null) return null;
      const p = ravel(arrayFrom(v, name, 'ediff1d'));
      if (!canCastSameKind(p.dtype, a.dtype)) throw new DTypeError(name, `ediff1d: dtype of \`${name}\` must be compatible with input \`ary\` under the \`same_kind\` rule.`);
      return p;
    };
    const head = piece(begin, 'toBegin');
    const tail = piece(end, 'toEnd');
    const lb = head?.size ?? 0;
    const le = tail?.size ?? 0;
    const ld = Math.max(a.size - 1, 0);
    const out = new ndarray(LogicalStore.create([lb + ld + le], a.dtype));
    if (lb > 0) assign(new ndarray(out.store.slice(0, 0, lb)), head!);
    if (le > 0) assign(new ndarray(out.store.slice(0, lb + ld, lb + ld + le)), tail!);
    if (ld > 0) {
      const [hi, lo] = neighbours(a, 0);
      subtract(hi, lo, { out: new ndarray(out.store.slice(0, lb, lb + ld)) });
    }
    return out;
  });
}

/** NumPy's keyword arguments of {@link ptp} not given positionally. */
export interface PtpOptions {
  axis?: Axis;
  /** The array the result is written into (cast with NumPy's 'same_kind' rule). */
  out?: ndarray | null;
  /** Keep the reduced axes as extent-1 dimensions. */
  keepdims?: boolean;
}

/**
 * max - min over `axis` (all axes when omitted) (NumPy's `ptp`), in `a`'s type (integers wrap as NumPy's).
 *
 * @example
 * ```ts
 * console.log(np.ptp(np.array([[4, 9, 2], [1, 5, 7]]), 1));
 * // array([7, 6])
 * ```
 */
export function ptp(a: ArrayInput, axis?: Axis | PtpOptions, out?: ndarray | null | PtpOptions): ndarray {
  const [given, ax = null, o = null, keepdims = false] = keywords(arguments, ['a', 'axis', 'out'], 'ptp', 1, ['keepdims']) as [unknown, Axis?, (ndarray | null)?, boolean?];
  checkBoolean(keepdims, 'keepdims', 'ptp');
  if (o !== null && !(o instanceof ndarray)) throw new DTypeError('out', `ptp: expected an ndarray, got ${describeValue(o)}`);
  return tidy(() => {
    const x = arrayFrom(given, 'a', 'ptp');
    if (x.dtype.kind === 'b') throw new DTypeError('a', `ptp: ${BOOL_SUBTRACT}`);
    return subtract(max(x, { axis: ax, keepdims }), min(x, { axis: ax, keepdims }), o === null ? {} : { out: o });
  });
}

/** NumPy's keyword arguments of {@link average} not given positionally. */
export interface AverageOptions {
  axis?: Axis;
  /** One weight per element of `a`, or (with `axis`) per element along the axes. */
  weights?: ArrayInput | null;
  /** Whether to return the sum of the weights as well. */
  returned?: boolean;
  /** Keep the reduced axes as extent-1 dimensions. */
  keepdims?: boolean;
}

/** {@link average}'s result with `returned`: the average and the sum of the weights, of one shape. */
export type AverageResult = [ndarray, ndarray] & {
  average: ndarray;
  sumOfWeights: ndarray;
};

/**
 * The weighted average over `axis` (NumPy's `average`): `sum(a * weights) / sum(weights)`, or
 * the mean without weights. Integer and bool inputs average in float64 (at least). With
 * `returned`, `{ average, sumOfWeights }`. Weights summing to zero are a ValueError (this waits
 * to read their sum).
 *
 * @example
 * ```ts
 * console.log(np.average(np.array([1, 2, 3, 4]), { weights: np.array([4, 3, 2, 1]) }));
 * // array(2.)
 * ```
 */
export function average(a: ArrayInput, options: AverageOptions & { returned: true }): AverageResult;
export function average(a: ArrayInput, axis: Axis | undefined, weights: ArrayInput | null | undefined, returned: true, options?: Pick<AverageOptions, 'keepdims'>): AverageResult;
export function average(a: ArrayInput, axis?: Axis | AverageOptions, weights?: ArrayInput | null | AverageOptions, returned?: false | AverageOptions, options?: AverageOptions): ndarray;
export function average(): ndarray | AverageResult {
  const [given, ax = null, w = null, returned = false, keepdims = false] = keywords(arguments, ['a', 'axis', 'weights', 'returned'], 'average', 1, ['keepdims']) as [
    unknown,
    Axis?,
    unknown?,
    boolean?,
    boolean?,
  ];
  checkBoolean(returned, 'returned', 'average');
  checkBoolean(keepdims, 'keepdims', 'average');
  return tidy(() => {
    const x = arrayFrom(given, 'a', 'average');
    let avg: ndarray;
    let scale: ndarray;
    if (w === null) {
      avg = mean(x, { axis: ax, keepdims });
      // NumPy computes the count a.size / avg.size even when it is not returned.
      if (avg.size === 0) throw new ValueError('a', `average: division by zero (the average of shape ${shapeText(x.shape)} over the axes is empty)`);
      if (!returned) return avg;
      const count = x.size / avg.size;
      scale = filled(avg.shape, avg.dtype, avg.dtype.isComplex ? { re: count, im: 0 } : count);
    } else {
      const weights = arrayFrom(w, 'weights', 'average');
      const t = x.dtype.isInteger || x.dtype.kind === 'b' ? resultType(x.dtype, weights.dtype, FLOAT64) : resultType(x.dtype, weights.dtype);
      const list = ax === null ? null : typeof ax === 'number' ? [ax] : [...ax];
      const axes = list?.map((v) => normalizeAxis(v, x.ndim, 'axis')) ?? null;
      if (axes && new Set(axes).size !== axes.length) throw new ValueError('axis', 'average: repeated axis');
      let wb = weights;
      if (x.ndim !== weights.ndim || x.shape.some((e, d) => e !== weights.shape[d])) {
        if (axes === null) throw new DTypeError('weights', 'average: Axis must be specified when shapes of a and weights differ.');
        if (weights.ndim !== axes.length || axes.some((d, i) => weights.shape[i] !== x.shape[d])) {
          throw new ValueError('weights', `average: Shape of weights must be consistent with shape of a along specified axis (weights ${shapeText(weights.shape)}, a ${shapeText(x.shape)}, axis [${axes.join(', ')}]).`);
        }
        // The weights' dimensions in the order of the axes they stand for, the others extent 1.
        const order = axes.map((_, i) => i).sort((i, j) => axes[i]! - axes[j]!);
        wb = reshape(transpose(weights, order), x.shape.map((s, d) => (axes.includes(d) ? s : 1)));
      }
      scale = sum(wb, { axis: axes, dtype: t, keepdims });
      if (Boolean(any(equal(scale, 0)).item())) throw new ValueError('weights', "average: Weights sum to zero, can't be normalized");
      const product = multiply(x.dtype === t ? x : astype(x, t), wb.dtype === t ? wb : astype(wb, t));
      avg = divide(sum(product, { axis: axes, keepdims }), scale);
      if (!returned) return avg;
    }
    if (scale.ndim !== avg.ndim || scale.shape.some((e, d) => e !== avg.shape[d])) {
      const full = new ndarray(LogicalStore.create(avg.shape, scale.dtype));
      assign(full, scale);
      scale = full;
    }
    return named([avg, scale] as const, { average: avg, sumOfWeights: scale });
  });
}

/** NumPy's keyword arguments of {@link cross} not given positionally. */
export interface CrossOptions {
  /** The axis of `a` holding the vectors (default -1). */
  axisa?: number;
  /** The axis of `b` holding the vectors (default -1). */
  axisb?: number;
  /** The axis of the result holding the vectors (default -1). */
  axisc?: number;
  /** When given, all three of axisa, axisb and axisc. */
  axis?: number | null;
}

/**
 * The cross product of (arrays of) 3-vectors (NumPy's `cross`), broadcast over the other axes,
 * in the operands' common type. 2-vectors count as 3-vectors with a zero third component (a
 * product of two 2-vectors is the z component alone), as NumPy's (which deprecates them).
 *
 * @example
 * ```ts
 * console.log(np.cross(np.array([1, 0, 0]), np.array([0, 1, 0])));
 * // array([0, 0, 1])
 * ```
 */
export function cross(a: ArrayInput, b: ArrayInput, axisa?: number | CrossOptions, axisb?: number | CrossOptions, axisc?: number | CrossOptions, axis?: number | null | CrossOptions): ndarray {
  let [p, q, axa = -1, axb = -1, axc = -1, all = null] = keywords(arguments, ['a', 'b', 'axisa', 'axisb', 'axisc', 'axis'], 'cross', 2) as [unknown, unknown, number?, number?, number?, (number | null)?];
  if (all !== null) axa = axb = axc = all;
  return tidy(() => {
    const x = arrayFrom(p, 'a', 'cross');
    const y = arrayFrom(q, 'b', 'cross');
    if (x.ndim < 1 || y.ndim < 1) throw new ValueError(x.ndim < 1 ? 'a' : 'b', 'cross: At least one array has zero dimension');
    const u = moveaxis(x, normalizeAxis(axa, x.ndim, 'axisa'), -1);
    const v = moveaxis(y, normalizeAxis(axb, y.ndim, 'axisb'), -1);
    const m = u.shape[u.ndim - 1]!;
    const n = v.shape[v.ndim - 1]!;
    if ((m !== 2 && m !== 3) || (n !== 2 && n !== 3)) {
      throw new ValueError(m !== 2 && m !== 3 ? 'a' : 'b', `cross: incompatible dimensions for cross product (dimension must be 2 or 3), got ${m} and ${n}`);
    }
    const t = resultType(x.dtype, y.dtype);
    if (t.kind === 'b') throw new DTypeError('a', `cross: ${BOOL_SUBTRACT}`);
    const base = broadcastShapes(u.shape.slice(0, -1), v.shape.slice(0, -1));
    const uc = u.dtype === t ? u : astype(u, t);
    const vc = v.dtype === t ? v : astype(v, t);
    const component = (w: ndarray, i: number) => new ndarray(w.store.project(w.ndim - 1, i));
    const [a0, a1] = [component(uc, 0), component(uc, 1)];
    const [b0, b1] = [component(vc, 0), component(vc, 1)];
    if (m === 2 && n === 2) return subtract(multiply(a0, b1), multiply(a1, b0));
    const shape = [...base, 3];
    const dc = normalizeAxis(axc, shape.length, 'axisc');
    const cp = new ndarray(LogicalStore.create(shape, t));
    const [c0, c1, c2] = [0, 1, 2].map((i) => component(cp, i)) as [ndarray, ndarray, ndarray];
    if (m === 3 && n === 3) {
      const [a2, b2] = [component(uc, 2), component(vc, 2)];
      subtract(multiply(a1, b2), multiply(a2, b1), { out: c0 });
      subtract(multiply(a2, b0), multiply(a0, b2), { out: c1 });
    } else if (m === 2) {
      const b2 = component(vc, 2);
      multiply(a1, b2, { out: c0 });
      negative(multiply(a0, b2), { out: c1 });
    } else {
      const a2 = component(uc, 2);
      negative(multiply(a2, b1), { out: c0 });
      multiply(a2, b0, { out: c1 });
    }
    subtract(multiply(a0, b1), multiply(a1, b0), { out: c2 });
    return moveaxis(cp, -1, dc);
  });
}

/** NumPy's keyword arguments of {@link trapezoid} not given positionally. */
export interface TrapezoidOptions {
  /** The sample points (1-D along `axis`, or broadcasting against `y`); default: spacing `dx`. */
  x?: ArrayInput | null;
  /** The spacing when `x` is not given (default 1; a float, as NumPy's 1.0). */
  dx?: number;
  /** The axis to integrate along (default -1). */
  axis?: number;
}

/**
 * The integral of `y` along `axis` by the composite trapezoidal rule (NumPy's `trapezoid`):
 * `sum(d * (y[1:] + y[:-1]) / 2)` with `d` the differences of `x`, or `dx`.
 *
 * @example
 * ```ts
 * console.log(np.trapezoid(np.array([1, 2, 3]), np.array([0, 1, 3])));
 * // array(6.5)
 * ```
 */
export function trapezoid(y: ArrayInput, x?: ArrayInput | null | TrapezoidOptions, dx?: number | TrapezoidOptions, axis?: number | TrapezoidOptions): ndarray {
  const [given, points = null, spacing = 1, ax = -1] = keywords(arguments, ['y', 'x', 'dx', 'axis'], 'trapezoid', 1) as [unknown, unknown?, number?, number?];
  checkNumber(spacing, 'dx', 'trapezoid');
  return tidy(() => {
    const values = arrayFrom(given, 'y', 'trapezoid');
    const d = normalizeAxis(ax, values.ndim, 'axis');
    let step: Operand = spacing;
    if (points !== null) {
      const xs = arrayFrom(points, 'x', 'trapezoid');
      if (xs.ndim === 1) {
        const dxs = diff(xs);
        step = reshape(dxs, values.shape.map((_, k) => (k === d ? dxs.size : 1)));
      } else {
        step = diff(xs, { axis: ax });
      }
    }
    const [hi, lo] = neighbours(values, d);
    let pairs = add(hi, lo);
    // dx is a Python float: integer sums are taken in float64 before the product.
    if (typeof step === 'number' && (pairs.dtype.isInteger || pairs.dtype.kind === 'b')) pairs = astype(pairs, FLOAT64);
    return sum(divide(multiply(step, pairs), 2), d);
  });
}

/** NumPy's keyword arguments of {@link interp} not given positionally. */
export interface InterpOptions {
  /** The value below `xp[0]` (default `fp[0]`). */
  left?: number | null;
  /** The value above `xp[-1]` (default `fp[-1]`). */
  right?: number | null;
  /** The period of the x-coordinates: `xp` is taken modulo it (and `left`, `right` ignored). */
  period?: number | null;
}

/**
 * One-dimensional linear interpolation (NumPy's `interp`) of the points (`xp`, `fp`), `xp`
 * increasing, at `x`: float64 of `x`'s shape, NaN where `x` is NaN. One searchsorted launch
 * finds each point's interval; NumPy's rules for exact knots and non-finite slopes are kept.
 * Real `fp` only (complex `fp` is refused).
 *
 * @example
 * ```ts
 * console.log(np.interp(np.array([0, 1, 1.5, 2.5, 4]), np.array([1, 2, 3]), np.array([3, 2, 0])));
 * // array([3. , 3. , 2.5, 1. , 0. ])
 * ```
 */
export function interp(x: ArrayInput, xp: ArrayInput, fp: ArrayInput, left?: number | null | InterpOptions, right?: number | null | InterpOptions, period?: number | null | InterpOptions): ndarray {
  const [px, pxp, pfp, lo = null, hi = null, per = null] = keywords(arguments, ['x', 'xp', 'fp', 'left', 'right', 'period'], 'interp', 3) as [unknown, unknown, unknown, (number | null)?, (number | null)?, (number | null)?];
  for (const [name, v] of [['left', lo], ['right', hi], ['period', per]] as const) if (v !== null) checkNumber(v, name, 'interp');
  if (per === 0) throw new ValueError('period', 'interp: period must be a non-zero value');
  return tidy(() => {
    const arrays = [arrayFrom(px, 'x', 'interp'), arrayFrom(pxp, 'xp', 'interp'), arrayFrom(pfp, 'fp', 'interp')];
    ['x', 'xp', 'fp'].forEach((name, i) => {
      if (arrays[i]!.dtype.isComplex) throw new DTypeError(name, `interp: complex ${name} is not supported`);
    });
    let [xs, xps, fps] = arrays.map((a) => (a.dtype === FLOAT64 ? a : astype(a, FLOAT64))) as [ndarray, ndarray, ndarray];
    if (xps.ndim !== 1 || fps.ndim !== 1) throw new ValueError(xps.ndim !== 1 ? 'xp' : 'fp', 'interp: Data points must be 1-D sequences');
    if (xps.size !== fps.size) throw new ValueError('fp', `interp: fp and xp are not of the same length (${fps.size} and ${xps.size})`);
    if (xps.size === 0) throw new ValueError('xp', 'interp: array of sample points is empty');
    let [left, right] = [lo, hi];
    if (per !== null) {
      const p = Math.abs(per);
      [left, right] = [null, null];
      xs = mod(xs, p);
      const folded = mod(xps, p);
      const order = argsort(folded);
      const sortedX = gatherFlat(folded, order);
      const sortedF = gatherFlat(fps, order);
      const k = sortedX.size;
      xps = concatenate([subtract(sortedX.slice({ start: k - 1 }), p), sortedX, add(sortedX.slice({ stop: 1 }), p)]);
      fps = concatenate([sortedF.slice({ start: k - 1 }), sortedF, sortedF.slice({ stop: 1 })]);
    }
    const n = xps.size;
    const first = new ndarray(fps.store.project(0, 0));
    const last = new ndarray(fps.store.project(0, n - 1));
    const lval: Operand = left ?? first;
    const rval: Operand = right ?? last;
    if (n === 1) {
      const knot = new ndarray(xps.store.project(0, 0));
      return where(less(xs, knot), lval, where(greater(xs, knot), rval, first));
    }
    // j: the interval [xp[j], xp[j + 1]) holding each x (-1 below xp[0], n - 1 at or above xp[-1]).
    const j = subtract(searchsorted(xps, xs, 'right'), 1);
    const lower = clip(j, 0, n - 2);
    const upper = add(lower, 1);
    const [x0, x1, y0, y1] = [gatherFlat(xps, lower), gatherFlat(xps, upper), gatherFlat(fps, lower), gatherFlat(fps, upper)];
    const slope = divide(subtract(y1, y0), subtract(x1, x0));
    const fromLower = add(multiply(slope, subtract(xs, x0)), y0);
    // A NaN from one end is tried from the other, then (a flat segment) is its value.
    const fromUpper = add(multiply(slope, subtract(xs, x1)), y1);
    const retried = where(logicalAnd(isnan(fromUpper), equal(y0, y1)), y0, fromUpper);
    let result = where(equal(xs, x0), y0, where(isnan(fromLower), retried, fromLower));
    result = where(equal(j, n - 1), last, result);
    result = where(greater(xs, new ndarray(xps.store.project(0, n - 1))), rval, result);
    result = where(less(j, 0), lval, result);
    return where(isnan(xs), xs, result);
  });
}

/** NumPy's keyword arguments of {@link nanToNum} not given positionally. */
export interface NanToNumOptions {
  /** Whether to return a new array (default true) or replace in `x` itself. */
  copy?: boolean;
  /** What NaN becomes (default 0). */
  nan?: number;
  /** What +inf becomes (default the type's largest finite value). */
  posinf?: number | null;
  /** What -inf becomes (default the type's most negative finite value). */
  neginf?: number | null;
}

/**
 * NaN and infinities replaced by finite numbers (NumPy's `nan_to_num`): `nan` (0), `posinf` and
 * `neginf` (the type's extremes), in float and complex arrays (real and imaginary parts alike);
 * other types are returned as they are (copied unless `copy` is false). With `copy: false`
 * the replacement is written into `x`, which is returned.
 *
 * @example
 * ```ts
 * console.log(np.nanToNum(np.array([NaN, Infinity, -Infinity, 1]), { posinf: 99, neginf: -99 }));
 * // array([  0.,  99., -99.,   1.])
 * ```
 */
export function nanToNum(x: ArrayInput, copy?: boolean | NanToNumOptions, nan?: number | NanToNumOptions, posinf?: number | null | NanToNumOptions, neginf?: number | null | NanToNumOptions): ndarray {
  const [given, copying = true, nanValue = 0, pos = null, neg = null] = keywords(arguments, ['x', 'copy', 'nan', 'posinf', 'neginf'], 'nanToNum', 1) as [unknown, boolean?, number?, (number | null)?, (number | null)?];
  checkBoolean(copying, 'copy', 'nanToNum');
  checkNumber(nanValue, 'nan', 'nanToNum');
  if (pos !== null) checkNumber(pos, 'posinf', 'nanToNum');
  if (neg !== null) checkNumber(neg, 'neginf', 'nanToNum');
  const a = arrayFrom(given, 'x', 'nanToNum');
  // An array made here from a list or scalar is the copy already.
  const made = a !== given;
  if (!copying) checkWritable(a, 'x');
  const inexact = a.dtype.kind === 'f' || a.dtype.kind === 'c';
  if (!inexact) return copying && !made ? astype(a, a.dtype) : a;
  const part = a.dtype.isComplex ? toDType(a.dtype.itemsize === 8 ? 'float32' : 'float64') : a.dtype;
  const largest = part.itemsize === 4 ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const fixed = tidy(() => {
    const replace = (d: ndarray): ndarray => {
      const [n, p, m] = [nanValue, pos ?? largest, neg ?? -largest].map((v) => filled([], part, v));
      return where(isnan(d), n!, where(isinf(d), where(greater(d, 0), p!, m!), d));
    };
    if (!a.dtype.isComplex) return replace(a);
    const [re, im] = [real(a), imag(a)];
    const bad = logicalOr(logicalOr(isnan(re), isinf(re)), logicalOr(isnan(im), isinf(im)));
    // (re, im) from its parts: (re, -0) + (-0, im), which keeps both exactly. (-0, im) is
    // conj(-(conj(im + 0j) * 1j)) for finite im; a non-finite replacement is put in directly.
    const fixedIm = replace(im);
    const reals = conj(astype(replace(re), a.dtype));
    let imaginaries = conj(negative(multiply(conj(astype(fixedIm, a.dtype)), { re: 0, im: 1 })));
    const stored = [nanValue, pos ?? largest, neg ?? -largest].map((v) => (part.itemsize === 4 ? Math.fround(v) : v));
    for (const v of new Set(stored.filter((v) => !Number.isFinite(v)))) {
      const exact = filled([], a.dtype, { re: -0, im: v });
      imaginaries = where(Number.isNaN(v) ? isnan(fixedIm) : equal(fixedIm, v), exact, imaginaries);
    }
    return where(bad, add(reals, imaginaries), a);
  });
  if (copying) {
    if (made) a.dispose();
    return fixed;
  }
  assign(a, fixed);
  fixed.dispose();
  return a;
}

function angleConversion(name: string, factor: number) {
  return function (x: Operand, options?: UfuncOptions | ndarray): ndarray {
    checkArity(arguments.length, ['x', 'out or options'], name);
    checkOperand(x, 'x', name);
    const { out } = ufuncOptions(options, name);
    const from = x instanceof ndarray ? x.dtype : scalarType(x, 'x');
    if (from.isComplex) throw new DTypeError('x', `ufunc '${name}' not supported for the input type ${from.name}`);
    const t = floatType(from);
    checkOut(name, out, x instanceof ndarray ? x.shape : [], t);
    return tidy(() => multiply(asArray(x, t, 'x'), factor, out === undefined ? {} : { out }));
  };
}

/**
 * Degrees to radians (NumPy's `deg2rad` / `radians`): `x * (π / 180)` in floating point.
 *
 * @example
 * ```ts
 * console.log(np.deg2rad(np.array([0, 90, 180])));
 * // array([0.        , 1.57079633, 3.14159265])
 * ```
 */
export const deg2rad = angleConversion('deg2rad', Math.PI / 180);
/**
 * Radians to degrees (NumPy's `rad2deg` / `degrees`): `x * (180 / π)` in floating point.
 *
 * @example
 * ```ts
 * console.log(np.rad2deg(np.array([0, Math.PI / 2, Math.PI])));
 * // array([  0.,  90., 180.])
 * ```
 */
export const rad2deg = angleConversion('rad2deg', 180 / Math.PI);
export const radians = deg2rad;
export const degrees = rad2deg;

/**
 * The Heaviside step function (NumPy's `heaviside`): 0 where `x1 < 0`, `x2` where `x1 == 0`, 1
 * where `x1 > 0`, NaN where `x1` is NaN; in the operands' floating type, broadcast.
 *
 * @example
 * ```ts
 * console.log(np.heaviside(np.array([-1.5, 0, 2]), 0.5));
 * // array([0. , 0.5, 1. ])
 * ```
 */
export function heaviside(x1: Operand, x2: Operand, options?: UfuncOptions | ndarray): ndarray {
  checkArity(arguments.length, ['x1', 'x2', 'out or options'], 'heaviside');
  checkOperand(x1, 'x1', 'heaviside');
  checkOperand(x2, 'x2', 'heaviside');
  const { out } = ufuncOptions(options, 'heaviside');
  // Two arrays take the first float loop both cast to safely (ff->f for int8 and uint16), as
  // NumPy's; a Python scalar takes the array's float type (NEP 50).
  const t = floatOperands('heaviside', x1, x2);
  checkOut('heaviside', out, broadcastShapes(x1 instanceof ndarray ? x1.shape : [], x2 instanceof ndarray ? x2.shape : []), t);
  const result = tidy(() => {
    const a = asArray(x1, t, 'x1');
    const b = asArray(x2, t, 'x2');
    return where(isnan(a), a, where(less(a, 0), 0, where(greater(a, 0), 1, b)));
  });
  return into(result, out);
}
