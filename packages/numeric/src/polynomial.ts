// NumPy's polynomial helpers (polyval, polyadd, polysub, polymul, polyder, polyint, roots,
// poly, polydiv, polyfit, vander), window functions (hamming, hanning, blackman, bartlett, kaiser), i0, sinc, unwrap
// and gradient, built from ufuncs, scans, concatenate, views, lstsq and eigvals. Loops run over a
// polynomial's degree or a series' terms, each step a whole-array operation.
import { dtype as toDType, DTypeError, isOptionsObject, checkOptions, LogicalStore, tidy, type DType } from '@legate/core';

import { keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { arange, eye } from './creation.js';
import { ValueError } from './errors.js';
import { IndexError } from './indexing.js';
import { arrayFrom, checkBoolean, checkInteger, checkNumber, type ArrayInput } from './inputs.js';
import { eigvals, lstsq } from './linalg.js';
import { concatenate } from './manipulation.js';
import { diff } from './numerical.js';
import { ndarray } from './ndarray.js';
import { assign, astype, filled, operandType, zeroOf, type Operand } from './operations.js';
import { resultType } from './promotion.js';
import { all, any, argmax, cumprod, cumsum, sum } from './reductions.js';
import { broadcastTo, reshape } from './shape.js';
import { sortComplex } from './sorting.js';
import {
  abs,
  add,
  conj,
  cos,
  divide,
  equal,
  exp,
  greater,
  less,
  lessEqual,
  logicalAnd,
  logicalNot,
  logicalOr,
  mod,
  multiply,
  negative,
  notEqual,
  real,
  sin,
  sqrt,
  subtract,
  where,
} from './ufunc.js';

const FLOAT64 = toDType('float64');
const INT64 = toDType('int64');

/** The 0-d view of `a[i]` along the first axis (a strong operand, as a NumPy scalar). */
function at(a: ndarray, i: number): ndarray {
  return new ndarray(a.store.project(0, i < 0 ? a.shape[0]! + i : i));
}

/** The view `a[start:stop]` along `axis` (negative bounds count from the end, clamped). */
function along(a: ndarray, axis: number, start: number, stop = a.shape[axis]!): ndarray {
  const n = a.shape[axis]!;
  const fix = (v: number) => Math.min(Math.max(v < 0 ? n + v : v, 0), n);
  const lo = fix(start);
  return new ndarray(a.store.slice(axis, lo, Math.max(lo, fix(stop))));
}

/** `a` as a 1-D array when it is 0-d (NumPy's `atleast_1d`). */
function atLeast1d(a: ndarray): ndarray {
  return a.ndim === 0 ? reshape(a, [1]) : a;
}

function lengthOf(a: ndarray, name: string, fn: string): number {
  if (a.ndim === 0) throw new DTypeError(name, `${fn}: len() of unsized object`);
  return a.shape[0]!;
}

/**
 * The polynomial `p` (highest power first) at `x` (NumPy's `polyval`), by Horner's rule over
 * the coefficients: `y = y * x + p[i]`, in the type of `x` and `p` together (integers stay
 * integers). Empty `p` gives zeros of `x`'s type. A 2-D `p` gives one polynomial per column.
 *
 * @example
 * ```ts
 * console.log(np.polyval(np.array([3, 0, 1]), np.array([0, 1, 2])));
 * // array([ 1,  4, 13])
 * ```
 */
export function polyval(p: ArrayInput, x: ArrayInput): ndarray {
  const [pc, px] = keywords(arguments, ['p', 'x'], 'polyval', 2) as [unknown, unknown];
  return tidy(() => {
    const c = arrayFrom(pc, 'p', 'polyval');
    const xs = arrayFrom(px, 'x', 'polyval');
    if (c.ndim === 0) throw new DTypeError('p', 'polyval: iteration over a 0-d array');
    let y = filled(xs.shape, xs.dtype, zeroOf(xs.dtype));
    for (let i = 0; i < c.shape[0]!; i++) {
      const next = add(multiply(y, xs), at(c, i));
      y.dispose();
      y = next;
    }
    return y;
  });
}

function padded(a: ndarray, b: ndarray, op: (x: ndarray, y: ndarray) => ndarray): ndarray {
  const d = b.shape[0]! - a.shape[0]!;
  if (d === 0) return op(a, b);
  if (d > 0) return op(concatenate([filled([d], a.dtype, zeroOf(a.dtype)), a]), b);
  return op(a, concatenate([filled([-d], b.dtype, zeroOf(b.dtype)), b]));
}

/**
 * The sum of two polynomials (NumPy's `polyadd`), highest power first: the shorter padded with leading zeros.
 *
 * @example
 * ```ts
 * console.log(np.polyadd(np.array([1, 2]), np.array([9, 5, 4])));
 * // array([9, 6, 6])
 * ```
 */
export function polyadd(a1: ArrayInput, a2: ArrayInput): ndarray {
  const [p, q] = keywords(arguments, ['a1', 'a2'], 'polyadd', 2) as [unknown, unknown];
  return tidy(() => padded(atLeast1d(arrayFrom(p, 'a1', 'polyadd')), atLeast1d(arrayFrom(q, 'a2', 'polyadd')), add));
}

/** `c` without its leading zeros (NumPy's poly1d of it): one zero when all are zero, `c` when empty. */
function leadingTrimmed(c: ndarray): ndarray {
  if (c.size === 0) return c;
  const nonzero = notEqual(c, 0);
  if (!Boolean(any(nonzero).item())) return c.slice(`${c.size - 1}:`);
  const first = Number(argmax(nonzero).item());
  return first === 0 ? c : c.slice(`${first}:`);
}

/**
 * The difference of two polynomials (NumPy's `polysub`): `a1 - a2`, highest power first.
 *
 * @example
 * ```ts
 * console.log(np.polysub(np.array([2, 10, -2]), np.array([3, 10, -4])));
 * // array([-1,  0,  2])
 * ```
 */
export function polysub(a1: ArrayInput, a2: ArrayInput): ndarray {
  const [p, q] = keywords(arguments, ['a1', 'a2'], 'polysub', 2) as [unknown, unknown];
  return tidy(() => padded(atLeast1d(arrayFrom(p, 'a1', 'polysub')), atLeast1d(arrayFrom(q, 'a2', 'polysub')), subtract));
}

/**
 * The product of two polynomials (NumPy's `polymul`, i.e. `convolve(a1, a2)`), in their common
 * type: one scaled copy of the longer added per coefficient of the shorter. Empty or 2-D
 * inputs are ValueErrors, as NumPy's.
 *
 * @example
 * ```ts
 * console.log(np.polymul(np.array([1, 2, 3]), np.array([9, 5, 1])));
 * // array([ 9, 23, 38, 17,  3])
 * ```
 */
export function polymul(a1: ArrayInput, a2: ArrayInput): ndarray {
  const [p, q] = keywords(arguments, ['a1', 'a2'], 'polymul', 2) as [unknown, unknown];
  return tidy(() => {
    let a = atLeast1d(arrayFrom(p, 'a1', 'polymul'));
    let v = atLeast1d(arrayFrom(q, 'a2', 'polymul'));
    for (const [x, name] of [[a, 'a1'], [v, 'a2']] as const) if (x.ndim > 1) throw new ValueError(name, 'polymul: object too deep for desired array');
    // As NumPy's (through poly1d): leading zero coefficients go first; all zeros leave one.
    a = leadingTrimmed(a);
    v = leadingTrimmed(v);
    let [na, nv] = ['a1', 'a2'];
    if (v.size > a.size) [a, v, na, nv] = [v, a, nv, na];
    if (a.size === 0) throw new ValueError(na, 'polymul: a cannot be empty');
    if (v.size === 0) throw new ValueError(nv, 'polymul: v cannot be empty');
    const t = resultType(a.dtype, v.dtype);
    const n = a.size;
    const out = filled([n + v.size - 1], t, zeroOf(t));
    const long = a.dtype === t ? a : astype(a, t);
    for (let i = 0; i < v.size; i++) {
      const window = new ndarray(out.store.slice(0, i, i + n));
      const term = multiply(long, at(v, i));
      // Bool coefficients combine as NumPy's bool dot: or of ands.
      (t.kind === 'b' ? logicalOr : add)(window, term, { out: window });
      term.dispose();
      window.dispose();
    }
    return out;
  });
}

/** NumPy's keyword arguments of {@link polyder} not given positionally. */
export interface PolyderOptions {
  /** The order of the derivative (default 1). */
  m?: number;
}

/**
 * The `m`-th derivative of the polynomial `p` (NumPy's `polyder`): `p[:-1] * [n, ..., 1]`,
 * `m` times (in the type of `p` with int64; `m = 0` returns `p`).
 *
 * @example
 * ```ts
 * console.log(np.polyder(np.array([1, 1, 1, 1])));
 * // array([3, 2, 1])
 * ```
 */
export function polyder(p: ArrayInput, m?: number | PolyderOptions): ndarray {
  const [given, order = 1] = keywords(arguments, ['p', 'm'], 'polyder', 1) as [unknown, number?];
  checkInteger(order, 'm', 'polyder');
  if (order < 0) throw new ValueError('m', 'polyder: Order of derivative must be positive (see polyint)');
  return tidy(() => {
    let c = arrayFrom(given, 'p', 'polyder');
    for (let j = 0; j < order; j++) {
      const n = lengthOf(c, 'p', 'polyder') - 1;
      c = multiply(along(c, 0, 0, Math.max(n, 0)), arange(n, 0, -1));
    }
    return c;
  });
}

/** NumPy's keyword arguments of {@link polyint} not given positionally. */
export interface PolyintOptions {
  /** The order of the antiderivative (default 1). */
  m?: number;
  /** The integration constants, lowest-order integral's first: one, or one per order (default zeros). */
  k?: ArrayInput | null;
}

/**
 * The `m`-th antiderivative of the polynomial `p` (NumPy's `polyint`): each step divides by
 * `[n, ..., 1]` and appends the next constant of `k` (float64 at least). `m = 0` returns `p`.
 *
 * @example
 * ```ts
 * console.log(np.polyint(np.array([3, 2, 1])));
 * // array([1., 1., 1., 0.])
 * ```
 */
export function polyint(p: ArrayInput, m?: number | PolyintOptions, k?: ArrayInput | null | PolyintOptions): ndarray {
  const [given, order = 1, constants = null] = keywords(arguments, ['p', 'm', 'k'], 'polyint', 1) as [unknown, number?, unknown?];
  checkInteger(order, 'm', 'polyint');
  if (order < 0) throw new ValueError('m', 'polyint: Order of integral must be positive (see polyder)');
  return tidy(() => {
    let ks = constants === null ? filled([order], FLOAT64, 0) : atLeast1d(arrayFrom(constants, 'k', 'polyint'));
    if (ks.ndim > 1) throw new ValueError('k', 'polyint: k must be a scalar or a rank-1 array of length 1 or >m.');
    if (ks.shape[0] === 1 && order > 1) ks = multiply(at(ks, 0), filled([order], FLOAT64, 1));
    if (ks.shape[0]! < order) throw new ValueError('k', 'polyint: k must be a scalar or a rank-1 array of length 1 or >m.');
    let c = arrayFrom(given, 'p', 'polyint');
    for (let j = 0; j < order; j++) {
      const n = lengthOf(c, 'p', 'polyint');
      c = concatenate([divide(c, arange(n, 0, -1)), along(ks, 0, j, j + 1)]);
    }
    return c;
  });
}

/** `a` in float64 unless it is already floating or complex (NumPy's `a + 0.0`, or `astype(float)`). */
function inexact(a: ndarray): ndarray {
  return a.dtype.isFloating || a.dtype.isComplex ? a : astype(a, FLOAT64);
}

/**
 * The roots of the polynomial `p`, highest power first (NumPy's `roots`): the eigenvalues of
 * its companion matrix, after leading zeros are dropped and trailing ones set aside (each a
 * zero root, appended last). Real when every root is real, complex otherwise; float32 and
 * complex64 coefficients keep their precision, the rest give float64. Empty, all-zero and
 * constant `p` give an empty float64 array. `p` must be 1-D.
 *
 * @example
 * ```ts
 * console.log(np.roots(np.array([1, -3, 2])));
 * // array([2., 1.])
 * ```
 */
export function roots(p: ArrayInput): ndarray {
  const [given] = keywords(arguments, ['p'], 'roots', 1) as [unknown];
  return tidy(() => {
    let c = arrayFrom(given, 'p', 'roots');
    if (c.ndim === 0) throw new DTypeError('p', 'roots: iteration over a 0-d array');
    if (c.ndim !== 1) throw new ValueError('p', 'roots: Input must be a rank-1 array.');
    const nonzero = notEqual(c, 0);
    if (c.size === 0 || !Boolean(any(nonzero).item())) return filled([0], FLOAT64, 0);
    const first = Number(argmax(nonzero).item());
    const last = c.size - 1 - Number(argmax(nonzero.slice('::-1')).item());
    const trailing = c.size - 1 - last;
    c = inexact(along(c, 0, first, last + 1));
    const N = c.size;
    let found: ndarray;
    if (N > 1) {
      // The companion matrix: ones below the diagonal, -p[1:] / p[0] along the first row.
      const A = filled([N - 1, N - 1], c.dtype, zeroOf(c.dtype));
      if (N > 2) assign(along(along(A, 0, 1), 1, 0, -1), eye(N - 2, { dtype: c.dtype }));
      assign(along(A, 0, 0, 1), divide(negative(along(c, 0, 1)), at(c, 0)));
      found = eigvals(A);
    } else {
      found = filled([0], FLOAT64, 0);
    }
    return trailing === 0 ? found : concatenate([found, filled([trailing], found.dtype, zeroOf(found.dtype))]);
  });
}

/**
 * The coefficients, highest power first and leading 1, of the monic polynomial with the 1-D
 * `seq_of_zeros` as roots (NumPy's `poly`), by one product with `[1, -z]` per root; or, of a
 * non-empty square 2-D array, its characteristic polynomial (of its `linalg.eigvals`).
 * Complex roots that all come in conjugate pairs give real coefficients. float32 and complex64
 * stay, other types give float64. No roots give the 0-d 1.0 (NumPy's Python float).
 *
 * @example
 * ```ts
 * console.log(np.poly(np.array([1, 2, 3])));
 * // array([ 1., -6., 11., -6.])
 * ```
 */
export function poly(seq_of_zeros: ArrayInput): ndarray {
  const [given] = keywords(arguments, ['seq_of_zeros'], 'poly', 1) as [unknown];
  return tidy(() => {
    let zs = arrayFrom(given, 'seq_of_zeros', 'poly');
    if (zs.ndim === 0) throw new DTypeError('seq_of_zeros', 'poly: iteration over a 0-d array');
    if (zs.ndim === 2 && zs.shape[0] === zs.shape[1] && zs.shape[0] !== 0) zs = eigvals(zs);
    else if (zs.ndim === 1) zs = inexact(zs);
    else throw new ValueError('seq_of_zeros', 'poly: input must be 1d or non-empty square 2d array.');
    if (zs.size === 0) return filled([], FLOAT64, 1);
    const t = zs.dtype;
    let a = filled([1], t, 1);
    for (let i = 0; i < zs.size; i++) {
      // a * (x - z): a shifted once, minus z times a.
      const next = filled([a.size + 1], t, zeroOf(t));
      assign(along(next, 0, 0, a.size), a);
      const tail = along(next, 0, 1);
      const term = multiply(negative(at(zs, i)), a);
      add(tail, term, { out: tail });
      for (const x of [term, tail, a]) x.dispose();
      a = next;
    }
    if (t.isComplex) {
      // Real when the roots are all complex conjugates (sorted, they equal their conjugates sorted).
      const z = astype(zs, 'complex128');
      if (Boolean(all(equal(sortComplex(z), sortComplex(conj(z)))).item())) a = real(a);
    }
    return a;
  });
}

/**
 * The quotient and remainder of the polynomial division `u / v`, highest powers first
 * (NumPy's `polydiv`), by long division over the quotient's terms, in float64 or the
 * floating/complex type of `u` and `v` together. The remainder loses its leading elements
 * within 1e-8 of zero (keeping one). `const [q, r] = polydiv(u, v)`. A zero leading
 * coefficient of `v` gives infinities and NaN, as NumPy's (which warns).
 *
 * @example
 * ```ts
 * const [q, r] = np.polydiv(np.array([3, 5, 2]), np.array([2, 1]));
 * console.log(q);
 * // array([1.5 , 1.75])
 * console.log(r);
 * // array([0.25])
 * ```
 */
export function polydiv(u: ArrayInput, v: ArrayInput): [ndarray, ndarray] {
  const [pu, pv] = keywords(arguments, ['u', 'v'], 'polydiv', 2) as [unknown, unknown];
  return tidy(() => {
    const a = inexact(atLeast1d(arrayFrom(pu, 'u', 'polydiv')));
    const b = inexact(atLeast1d(arrayFrom(pv, 'v', 'polydiv')));
    for (const [x, name] of [[a, 'u'], [b, 'v']] as const) {
      if (x.ndim > 1) throw new ValueError(name, 'polydiv: setting an array element with a sequence.');
      if (x.size === 0) throw new IndexError(name, 'polydiv: index 0 is out of bounds for axis 0 with size 0');
    }
    const t = resultType(a.dtype, b.dtype);
    const m = a.size - 1;
    const n = b.size - 1;
    // 1 / v[0] in v's type, as NumPy's scalar.
    const scale = divide(1, at(b, 0));
    const q = filled([Math.max(m - n + 1, 1)], t, zeroOf(t));
    let r = astype(a, t);
    for (let k = 0; k < m - n + 1; k++) {
      const d = multiply(scale, at(r, k));
      const qk = at(q, k);
      assign(qk, d);
      const window = along(r, 0, k, k + n + 1);
      const term = multiply(d, b);
      subtract(window, term, { out: window });
      for (const x of [d, qk, window, term]) x.dispose();
    }
    // NumPy's `while allclose(r[0], 0, rtol=1e-14) and len(r) > 1: r = r[1:]`.
    if (r.size > 1) {
      const kept = logicalNot(lessEqual(abs(along(r, 0, 0, r.size - 1)), 1e-8));
      const first = Boolean(any(kept).item()) ? Number(argmax(kept).item()) : r.size - 1;
      if (first > 0) r = along(r, 0, first);
    }
    return [q, r];
  });
}

/** NumPy's keyword arguments of {@link polyfit} not given positionally. */
export interface PolyfitOptions {
  /** Singular values below `rcond` times the largest are ignored (default `len(x) * eps`). */
  rcond?: number | null;
  /** Whether to return the least-squares diagnostics as well (default false). */
  full?: boolean;
  /** Weights of the points (applied to the unsquared residuals). */
  w?: ArrayInput | null;
}

/** {@link polyfit}'s result with `full`. */
export interface PolyfitResult {
  coefficients: ndarray;
  /** The sum of squared residuals (empty unless the fit has full rank and more points than terms). */
  residuals: ndarray;
  rank: number;
  singularValues: ndarray;
  rcond: number;
}

/**
 * The least-squares polynomial of degree `deg` through (`x`, `y`) (NumPy's `polyfit`): the
 * coefficients, highest power first (one column per column of a 2-D `y`), from `linalg.lstsq`
 * on the column-scaled Vandermonde matrix. With `full`, the diagnostics too. NumPy's `cov`
 * and its RankWarning are not provided.
 *
 * @example
 * ```ts
 * const x = np.array([0, 1, 2, 3]);
 * console.log(np.round(np.polyfit(x, np.add(np.multiply(x, 2), 1), 1), 8));
 * // array([2., 1.])
 * ```
 */
export function polyfit(x: ArrayInput, y: ArrayInput, deg: number, options: PolyfitOptions & { full: true }): PolyfitResult;
export function polyfit(x: ArrayInput, y: ArrayInput, deg: number, rcond: number | null | undefined, full: true, w?: ArrayInput | null | PolyfitOptions): PolyfitResult;
export function polyfit(x: ArrayInput, y: ArrayInput, deg: number, rcond?: number | null | PolyfitOptions, full?: false | PolyfitOptions, w?: ArrayInput | null | PolyfitOptions): ndarray;
export function polyfit(): ndarray | PolyfitResult {
  const [px, py, deg, rc = null, full = false, pw = null] = keywords(arguments, ['x', 'y', 'deg', 'rcond', 'full', 'w'], 'polyfit', 3) as [unknown, unknown, unknown, (number | null)?, boolean?, unknown?];
  checkInteger(deg, 'deg', 'polyfit');
  if (rc !== null) checkNumber(rc, 'rcond', 'polyfit');
  checkBoolean(full, 'full', 'polyfit');
  return tidy(() => {
    // x + 0.0: integers and bools become float64.
    const inexact = (a: ndarray) => (a.dtype.isFloating || a.dtype.isComplex ? a : astype(a, FLOAT64));
    const xs = inexact(arrayFrom(px, 'x', 'polyfit'));
    const ys = inexact(arrayFrom(py, 'y', 'polyfit'));
    const order = deg + 1;
    if (deg < 0) throw new ValueError('deg', 'polyfit: expected deg >= 0');
    if (xs.ndim !== 1) throw new DTypeError('x', 'polyfit: expected 1D vector for x');
    if (xs.size === 0) throw new DTypeError('x', 'polyfit: expected non-empty vector for x');
    if (ys.ndim < 1 || ys.ndim > 2) throw new DTypeError('y', 'polyfit: expected 1D or 2D array for y');
    if (xs.shape[0] !== ys.shape[0]) throw new DTypeError('y', 'polyfit: expected x and y to have same length');
    const eps = xs.dtype.itemsize === 4 || xs.dtype.name === 'complex64' ? 1.1920928955078125e-7 : 2.220446049250313e-16;
    const rcond = rc ?? xs.size * eps;
    let lhs = vander(xs, order);
    let rhs = ys;
    if (pw !== null) {
      const w = inexact(arrayFrom(pw, 'w', 'polyfit'));
      if (w.ndim !== 1) throw new DTypeError('w', 'polyfit: expected a 1-d array for weights');
      if (w.shape[0] !== ys.shape[0]) throw new DTypeError('w', 'polyfit: expected w and y to have the same length');
      const column = reshape(w, [w.size, 1]);
      // In place in NumPy: each keeps its type.
      lhs = astype(multiply(lhs, column), lhs.dtype);
      rhs = astype(multiply(rhs, rhs.ndim === 2 ? column : w), rhs.dtype);
    }
    const scale = sqrt(sum(multiply(lhs, lhs), 0));
    lhs = astype(divide(lhs, scale), lhs.dtype);
    const fit = lstsq(lhs, rhs, rcond);
    const c = divide(fit.x, fit.x.ndim === 2 ? reshape(scale, [order, 1]) : scale);
    if (!full) return c;
    return { coefficients: c, residuals: fit.residuals, rank: fit.rank, singularValues: fit.s, rcond };
  });
}

/** NumPy's keyword arguments of {@link vander} not given positionally. */
export interface VanderOptions {
  /** The number of columns (default `len(x)`). */
  N?: number | null;
  /** Whether the powers increase left to right (default false: decreasing). */
  increasing?: boolean;
}

/**
 * The Vandermonde matrix of the 1-D `x` (NumPy's `vander`): column j is `x ** (N - 1 - j)`
 * (or `x ** j` with `increasing`), by a running product along the rows, in `x`'s type promoted
 * with int64.
 *
 * @example
 * ```ts
 * console.log(np.vander(np.array([1, 2, 3]), 3));
 * // array([[1, 1, 1],
 * //        [4, 2, 1],
 * //        [9, 3, 1]])
 * ```
 */
export function vander(x: ArrayInput, N?: number | null | VanderOptions, increasing?: boolean | VanderOptions): ndarray {
  const [px, cols = null, inc = false] = keywords(arguments, ['x', 'N', 'increasing'], 'vander', 1) as [unknown, (number | null)?, boolean?];
  checkBoolean(inc, 'increasing', 'vander');
  if (cols !== null) checkInteger(cols, 'N', 'vander');
  return tidy(() => {
    const xs = arrayFrom(px, 'x', 'vander');
    if (xs.ndim !== 1) throw new ValueError('x', 'vander: x must be a one-dimensional array or sequence.');
    const n = cols ?? xs.size;
    if (n < 0) throw new ValueError('N', 'vander: negative dimensions are not allowed');
    const t = resultType(xs.dtype, INT64);
    const v = new ndarray(LogicalStore.create([xs.size, n], t));
    const tmp = inc ? v : v.slice({}, { step: -1 });
    if (n > 0) assign(along(tmp, 1, 0, 1), 1);
    if (n > 1) {
      const columns = broadcastTo(reshape(xs.dtype === t ? xs : astype(xs, t), [xs.size, 1]), [xs.size, n - 1]);
      assign(along(tmp, 1, 1), cumprod(columns, { axis: 1, dtype: t }));
    }
    return v;
  });
}

/** A window of `M` points: empty below 1, [1] at 1, else `body(n, M)` with n = arange(1 - M, M, 2). */
function symmetricWindow(M: unknown, fn: string, body: (n: ndarray, M: number) => ndarray): ndarray {
  checkNumber(M, 'M', fn);
  if (M < 1) return filled([0], FLOAT64, 0);
  if (M === 1) return filled([1], FLOAT64, 1);
  return tidy(() => body(arange(1 - M, M, 2, 'float64'), M));
}

/** The cosine term `cos(f * pi * n / (M - 1))` as NumPy computes it. */
function cosine(n: ndarray, M: number, factor: number): ndarray {
  return cos(divide(multiply(factor, n), M - 1));
}

/**
 * The Hamming window of `M` points (NumPy's `hamming`): `0.54 + 0.46 cos(π n / (M - 1))`, float64.
 *
 * @example
 * ```ts
 * console.log(np.hamming(5));
 * // array([0.08, 0.54, 1.  , 0.54, 0.08])
 * ```
 */
export function hamming(M: number): ndarray {
  keywords(arguments, ['M'], 'hamming', 1);
  return symmetricWindow(M, 'hamming', (n, m) => add(0.54, multiply(0.46, cosine(n, m, Math.PI))));
}

/**
 * The Hann window of `M` points (NumPy's `hanning`): `0.5 + 0.5 cos(π n / (M - 1))`, float64.
 *
 * @example
 * ```ts
 * console.log(np.hanning(5));
 * // array([0. , 0.5, 1. , 0.5, 0. ])
 * ```
 */
export function hanning(M: number): ndarray {
  keywords(arguments, ['M'], 'hanning', 1);
  return symmetricWindow(M, 'hanning', (n, m) => add(0.5, multiply(0.5, cosine(n, m, Math.PI))));
}

/**
 * The Blackman window of `M` points (NumPy's `blackman`): `0.42 + 0.5 cos(π n/(M-1)) + 0.08 cos(2π n/(M-1))`, float64.
 *
 * @example
 * ```ts
 * console.log(np.blackman(5));
 * // array([-1.38777878e-17,  3.40000000e-01,  1.00000000e+00,  3.40000000e-01,
 * //        -1.38777878e-17])
 * ```
 */
export function blackman(M: number): ndarray {
  keywords(arguments, ['M'], 'blackman', 1);
  return symmetricWindow(M, 'blackman', (n, m) => add(add(0.42, multiply(0.5, cosine(n, m, Math.PI))), multiply(0.08, cosine(n, m, 2 * Math.PI))));
}

/**
 * The Bartlett (triangular) window of `M` points (NumPy's `bartlett`), float64.
 *
 * @example
 * ```ts
 * console.log(np.bartlett(5));
 * // array([0. , 0.5, 1. , 0.5, 0. ])
 * ```
 */
export function bartlett(M: number): ndarray {
  keywords(arguments, ['M'], 'bartlett', 1);
  return symmetricWindow(M, 'bartlett', (n, m) => {
    const r = divide(n, m - 1);
    return where(lessEqual(n, 0), add(1, r), subtract(1, r));
  });
}

/**
 * The Kaiser window of `M` points and shape `beta` (NumPy's `kaiser`): `i0(β √(1 - ((n - α)/α)²)) / i0(β)`, float64.
 *
 * @example
 * ```ts
 * console.log(np.kaiser(4, 5));
 * // array([0.03671089, 0.7753221 , 0.7753221 , 0.03671089])
 * ```
 */
export function kaiser(M: number, beta: number): ndarray {
  keywords(arguments, ['M', 'beta'], 'kaiser', 2);
  checkNumber(M, 'M', 'kaiser');
  checkNumber(beta, 'beta', 'kaiser');
  if (M === 1) return filled([1], FLOAT64, 1);
  return tidy(() => {
    const n = arange(0, Math.max(M, 0), 1, 'float64');
    const alpha = (M - 1) / 2;
    const r = divide(subtract(n, alpha), alpha);
    return divide(i0(multiply(beta, sqrt(subtract(1, multiply(r, r))))), i0(filled([], FLOAT64, beta)));
  });
}

// Cephes' Chebyshev coefficients of exp(-x) I0(x) on [0, 8] and of exp(-x) sqrt(x) I0(x) on (8, inf), as NumPy's.
const I0A = [
  -4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15, -1.1685332877993451e-14, 7.676185498604936e-14, -4.856446783111929e-13,
  2.95505266312964e-12, -1.726826291441556e-11, 9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-9, -1.300025009986248e-8, 6.046995022541919e-8,
  -2.670793853940612e-7, 1.1173875391201037e-6, -4.4167383584587505e-6, 1.6448448070728896e-5, -5.754195010082104e-5, 0.00018850288509584165, -0.0005763755745385824,
  0.0016394756169413357, -0.004324309995050576, 0.010546460394594998, -0.02373741480589947, 0.04930528423967071, -0.09490109704804764, 0.17162090152220877,
  -0.3046826723431984, 0.6767952744094761,
];
const I0B = [
  -7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17, -2.8276239805165836e-16, -3.425485619677219e-16, 1.7725601330565263e-15,
  3.8116806693526224e-15, -9.554846698828307e-15, -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13, 7.180124451383666e-13, -1.7941785315068062e-12,
  -1.3215811840447713e-11, -3.1499165279632416e-11, 1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-9, 2.266668990498178e-8, 2.0489185894690638e-7,
  2.8913705208347567e-6, 6.889758346916825e-5, 0.0033691164782556943, 0.8044904110141088,
];

/** A Chebyshev series at `x` by Clenshaw's recurrence (Cephes' `chbevl`, as NumPy's `_chbevl`). */
function chbevl(x: ndarray, values: readonly number[]): ndarray {
  let b0: Operand = values[0]!;
  let b1: Operand = 0;
  let b2: Operand = 0;
  for (let i = 1; i < values.length; i++) {
    if (b2 instanceof ndarray) b2.dispose();
    b2 = b1;
    b1 = b0;
    b0 = add(subtract(multiply(x, b1), b2), values[i]!);
  }
  return multiply(0.5, subtract(b0, b2));
}

/**
 * The modified Bessel function of the first kind, order 0 (NumPy's `i0`), by NumPy's Chebyshev
 * expansions on |x| ≤ 8 and beyond: float64 for integer and bool input, float32 kept. Complex
 * input is a DTypeError.
 *
 * @example
 * ```ts
 * console.log(np.i0(np.array([0, 1, 2])));
 * // array([1.        , 1.26606588, 2.2795853 ])
 * ```
 */
export function i0(x: ArrayInput): ndarray {
  const [given] = keywords(arguments, ['x'], 'i0', 1) as [unknown];
  return tidy(() => {
    let a = arrayFrom(given, 'x', 'i0');
    if (a.dtype.isComplex) throw new DTypeError('x', 'i0: i0 not supported for complex values');
    if (!a.dtype.isFloating) a = astype(a, FLOAT64);
    a = abs(a);
    const small = multiply(exp(a), chbevl(subtract(divide(a, 2), 2), I0A));
    const large = divide(multiply(exp(a), chbevl(subtract(divide(32, a), 2), I0B)), sqrt(a));
    return where(lessEqual(a, 8), small, large);
  });
}

/**
 * The normalized sinc function `sin(π x) / (π x)`, 1 at 0 (NumPy's `sinc`), float64 for integer input.
 *
 * @example
 * ```ts
 * console.log(np.sinc(np.array([0, 0.5, -0.5])));
 * // array([1.        , 0.63661977, 0.63661977])
 * ```
 */
export function sinc(x: ArrayInput): ndarray {
  const [given] = keywords(arguments, ['x'], 'sinc', 1) as [unknown];
  return tidy(() => {
    const px = multiply(Math.PI, arrayFrom(given, 'x', 'sinc'));
    const eps = px.dtype.isFloating ? (px.dtype.itemsize === 4 ? 1.1920928955078125e-7 : 2.220446049250313e-16) : 1e-20;
    const y = where(notEqual(px, 0), px, eps);
    return divide(sin(y), y);
  });
}

/** NumPy's keyword arguments of {@link unwrap} not given positionally. */
export interface UnwrapOptions {
  /** Jumps smaller than this are left alone (default `period / 2`). */
  discont?: number | null;
  axis?: number;
  /** The range the values wrap around (default 2π). */
  period?: number;
}

/**
 * `p` with jumps of more than `discont` between neighbours along `axis` replaced by their
 * `period` complement (NumPy's `unwrap`), by one diff, mod and cumsum; in the type of the
 * differences with `period` (integer for integer input and an integral period).
 *
 * @example
 * ```ts
 * console.log(np.unwrap(np.array([0, 1, 2, 3, 0, 1]), { period: 4 }));
 * // array([0, 1, 2, 3, 4, 5])
 * ```
 */
export function unwrap(p: ArrayInput, discont?: number | null | UnwrapOptions, axis?: number | UnwrapOptions, options?: UnwrapOptions): ndarray {
  const [given, disc = null, ax = -1, period = 2 * Math.PI] = keywords(arguments, ['p', 'discont', 'axis'], 'unwrap', 1, ['period']) as [unknown, (number | null)?, number?, number?];
  if (disc !== null) checkNumber(disc, 'discont', 'unwrap');
  checkInteger(ax, 'axis', 'unwrap');
  checkNumber(period, 'period', 'unwrap');
  return tidy(() => {
    const a = arrayFrom(given, 'p', 'unwrap');
    if (a.ndim === 0) throw new ValueError('p', 'unwrap: diff requires input that is at least one dimensional');
    const d = normalizeAxis(ax, a.ndim, 'axis');
    const dd = diff(a, { axis: d });
    const limit = disc ?? period / 2;
    const t = operandType(dd, period);
    let high: number;
    let ambiguous = true;
    if (t.isInteger) {
      high = Math.floor(period / 2);
      ambiguous = period - 2 * high === 0;
    } else {
      high = period / 2;
    }
    const low = -high;
    let ddmod = add(mod(subtract(dd, low), period), low);
    if (ambiguous) ddmod = where(logicalAnd(equal(ddmod, low), greater(dd, 0)), high, ddmod);
    const correction = where(less(abs(dd), limit), 0, subtract(ddmod, dd));
    const up = astype(a, t);
    if (a.shape[d]! > 1) assign(along(up, d, 1), add(along(a, d, 1), cumsum(correction, { axis: d })));
    return up;
  });
}

/** NumPy's keyword arguments of {@link gradient}. */
export interface GradientOptions {
  /** The axes to differentiate along (default all). */
  axis?: number | readonly number[] | null;
  /** The accuracy order at the boundaries: 1 (default) or 2. */
  edgeOrder?: number;
}

type Spacing = number | ndarray;

/**
 * The gradient of `f` by second-order central differences inside and first- or second-order
 * one-sided ones at the ends (NumPy's `gradient`). `spacing`: none (unit), one scalar for every
 * axis, or one per axis, each a scalar or the coordinates along it. One axis gives one array;
 * several, a list. Integer input gives float64.
 *
 * @example
 * ```ts
 * console.log(np.gradient(np.array([1, 2, 4, 7, 11])));
 * // array([1. , 1.5, 2.5, 3.5, 4. ])
 * ```
 */
export function gradient(f: ArrayInput, ...spacing: (ArrayInput | GradientOptions)[]): ndarray | ndarray[] {
  let options: GradientOptions = {};
  if (spacing.length > 0 && isOptionsObject(spacing[spacing.length - 1])) options = checkOptions(spacing.pop() as GradientOptions, ['axis', 'edgeOrder'], 'gradient');
  const { axis = null, edgeOrder = 1 } = options;
  checkInteger(edgeOrder, 'edgeOrder', 'gradient');
  return tidy(() => {
    let values = arrayFrom(f, 'f', 'gradient');
    const N = values.ndim;
    const axes = axis === null ? values.shape.map((_, d) => d) : (typeof axis === 'number' ? [axis] : [...axis]).map((d) => normalizeAxis(d, N, 'axis'));
    if (new Set(axes).size !== axes.length) throw new ValueError('axis', 'gradient: repeated axis');
    const given = spacing as unknown[];
    const scalarLike = (v: unknown) => typeof v === 'number' || (v instanceof ndarray && v.ndim === 0);
    let dx: Spacing[];
    if (given.length === 0) dx = axes.map(() => 1);
    else if (given.length === 1 && scalarLike(given[0])) dx = axes.map(() => given[0] as Spacing);
    else if (given.length === axes.length) {
      dx = given.map((v, i) => {
        if (typeof v === 'number') return v;
        let distances = arrayFrom(v, 'spacing', 'gradient');
        if (distances.ndim === 0) return distances;
        if (distances.ndim !== 1) throw new ValueError('spacing', 'gradient: distances must be either scalars or 1d');
        if (distances.shape[0] !== values.shape[axes[i]!]) throw new ValueError('spacing', 'gradient: when 1d, distances must match the length of the corresponding dimension');
        if (distances.dtype.isInteger) distances = astype(distances, FLOAT64);
        const diffx = diff(distances);
        if (diffx.size > 0 && Boolean(all(equal(diffx, at(diffx, 0))).item())) return at(diffx, 0);
        return diffx;
      });
    } else throw new DTypeError('spacing', 'gradient: invalid number of arguments');
    if (edgeOrder !== 1 && edgeOrder !== 2) throw new ValueError('edgeOrder', edgeOrder > 2 ? "gradient: 'edge_order' greater than 2 not supported" : 'gradient: edge_order must be 1 or 2');
    let otype: DType = values.dtype;
    if (!(otype.isFloating || otype.isComplex)) {
      if (otype.isInteger) values = astype(values, FLOAT64);
      otype = FLOAT64;
    }
    const outputs = axes.map((d, i) => gradientAlong(values, d, dx[i]!, edgeOrder, otype));
    return axes.length === 1 ? outputs[0]! : outputs;
  });
}

function gradientAlong(f: ndarray, axis: number, h: Spacing, edgeOrder: number, otype: DType): ndarray {
  const n = f.shape[axis]!;
  if (n < edgeOrder + 1) throw new ValueError('f', 'gradient: Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.');
  const out = new ndarray(LogicalStore.create(f.shape, otype));
  const part = (a: number, b?: number) => along(f, axis, a, b);
  const combine = (a: Operand, b: Operand, c: Operand, fa: ndarray, fb: ndarray, fc: ndarray) => add(add(multiply(a, fa), multiply(b, fb)), multiply(c, fc));
  const uniform = !(h instanceof ndarray) || h.ndim === 0;
  // The scalar arithmetic on coefficients: JavaScript numbers stay numbers (Python floats).
  const op = (fn: (x: Operand, y: Operand) => ndarray, js: (x: number, y: number) => number) => (x: Operand, y: Operand): Operand =>
    typeof x === 'number' && typeof y === 'number' ? js(x, y) : fn(x, y);
  const [plus, times, over] = [op(add, (x, y) => x + y), op(multiply, (x, y) => x * y), op(divide, (x, y) => x / y)];
  const neg = (x: Operand): Operand => (typeof x === 'number' ? -x : negative(x as ndarray));
  if (uniform) {
    assign(along(out, axis, 1, -1), divide(subtract(part(2), part(0, -2)), times(2, h) as ndarray | number));
  } else {
    const hs = h as ndarray;
    const shape = f.shape.map((_, d) => (d === axis ? n - 2 : 1));
    const dx1 = reshape(along(hs, 0, 0, -1), shape);
    const dx2 = reshape(along(hs, 0, 1), shape);
    const a = divide(negative(dx2), multiply(dx1, add(dx1, dx2)));
    const b = divide(subtract(dx2, dx1), multiply(dx1, dx2));
    const c = divide(dx1, multiply(dx2, add(dx1, dx2)));
    assign(along(out, axis, 1, -1), combine(a, b, c, part(0, -2), part(1, -1), part(2)));
  }
  if (edgeOrder === 1) {
    const h0 = uniform ? h : at(h as ndarray, 0);
    const hn = uniform ? h : at(h as ndarray, -1);
    assign(along(out, axis, 0, 1), divide(subtract(part(1, 2), part(0, 1)), h0 as Operand));
    assign(along(out, axis, -1), divide(subtract(part(-1), part(-2, -1)), hn as Operand));
    return out;
  }
  let a: Operand, b: Operand, c: Operand;
  if (uniform) [a, b, c] = [over(-1.5, h), over(2, h), over(-0.5, h)];
  else {
    const [dx1, dx2] = [at(h as ndarray, 0), at(h as ndarray, 1)];
    a = divide(neg(plus(times(2, dx1), dx2)), times(dx1, plus(dx1, dx2)));
    b = divide(plus(dx1, dx2), times(dx1, dx2));
    c = divide(neg(dx1), times(dx2, plus(dx1, dx2)));
  }
  assign(along(out, axis, 0, 1), combine(a, b, c, part(0, 1), part(1, 2), part(2, 3)));
  if (uniform) [a, b, c] = [over(0.5, h), over(-2, h), over(1.5, h)];
  else {
    const [dx1, dx2] = [at(h as ndarray, -2), at(h as ndarray, -1)];
    a = divide(dx2, times(dx1, plus(dx1, dx2)));
    b = divide(neg(plus(dx2, dx1)), times(dx1, dx2));
    c = divide(plus(times(2, dx2), dx1), times(dx2, plus(dx1, dx2)));
  }
  assign(along(out, axis, -1), combine(a, b, c, part(-3, -2), part(-2, -1), part(-1)));
  return out;
}
