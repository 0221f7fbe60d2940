// NumPy's functions that pick, place or reshape by index and condition: select, choose,
// piecewise, delete, insert, resize, tri, diag_indices(_from), tril/triu_indices_from,
// fill_diagonal, ix_, ravel_multi_index, real_if_close, apply_along_axis, apply_over_axes,
// convolve, correlate, copyto, asanyarray, ascontiguousarray, asarray_chkfinite,
// may_share_memory and iterable. Each is made of whole-array operations (native tasks); loops
// run over conditions, choices, axes or the shorter input of a convolution, never elements.
import { checkOptions, dtype as toDType, DTypeError, LogicalStore, tidy, type DType, type DTypeLike } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { AxisError, normalizeAxis } from './axes.js';
import { arange, asarray, shapeOf, type Nested, type ShapeLike } from './creation.js';
import { trilIndices, triuIndices } from './construction.js';
import { ValueError } from './errors.js';
import { IndexError } from './indexing.js';
import { arrayFrom, checkBoolean, checkInteger, isScalar, type ArrayInput } from './inputs.js';
import { compress, concatenate, flip, put, take, tile } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { assign, astype, broadcastShapes, broadcastStore, checkWritable, filled, shapeText, zeroOf, type Operand } from './operations.js';
import { canCastSafely, canCastSameKind, resultType, resultTypeWithScalar } from './promotion.js';
import { all, cumsum, max, min } from './reductions.js';
import { expandDims, moveaxis, ravel, reshape } from './shape.js';
import { argsort, flatnonzero, gatherFlat, scatterFlat } from './sorting.js';
import { absolute, add, conj, equal, greaterEqual, imag, isfinite, less, lessEqual, logicalNot, multiply, real, remainder, subtract, where } from './ufunc.js';

const INT64 = toDType('int64');
const BOOL = toDType('bool');

const read = (a: ndarray): boolean => Boolean(a.item());

// ---------------------------------------------------------------- select, choose, piecewise

/** NumPy's keyword argument of {@link select}. */
export interface SelectOptions {
  /** Where no condition holds (default 0). */
  default?: Operand;
}

/**
 * The element of the first choice whose condition holds, else `default` (NumPy's `select`):
 * conditions are boolean arrays, everything broadcasts, the type is the choices' (and the
 * default's) common type.
 *
 * @example
 * ```ts
 * const x = np.arange(6);
 * console.log(np.select([np.less(x, 2), np.greater(x, 3)], [x, np.multiply(x, 10)], -1));
 * // array([ 0,  1, -1, -1, 40, 50])
 * ```
 */
export function select(condlist: readonly ArrayInput[], choicelist: readonly ArrayInput[], defaultValue?: Operand | SelectOptions): ndarray {
  const [conds, choices, otherwise = 0] = keywords(arguments, ['condlist', 'choicelist', 'default'], 'select', 2) as [unknown, unknown, Operand?];
  if (!Array.isArray(conds)) throw new DTypeError('condlist', `select: expected a list of boolean arrays, got ${describeValue(conds)}`);
  if (!Array.isArray(choices)) throw new DTypeError('choicelist', `select: expected a list of arrays, got ${describeValue(choices)}`);
  if (conds.length !== choices.length) throw new ValueError('condlist', 'list of cases must be same length as list of conditions');
  if (conds.length === 0) throw new ValueError('condlist', 'select with an empty condition list is not possible');
  return tidy(() => {
    const cs = conds.map((c, i) => {
      const a = arrayFrom(c, `condlist[${i}]`, 'select');
      if (a.dtype !== BOOL) throw new DTypeError(`condlist[${i}]`, `invalid entry ${i} in condlist: should be boolean ndarray`);
      return a;
    });
    const vs = choices.map((c, i) => arrayFrom(c, `choicelist[${i}]`, 'select'));
    const d = arrayFrom(otherwise, 'default', 'select');
    // JavaScript numbers are Python scalars (NEP 50): weak against the arrays' type.
    const t = weakType([...choices, otherwise], [...vs, d]);
    const shape = broadcastShapes(...cs.map((c) => c.shape), ...vs.map((v) => v.shape), d.shape);
    let result = astype(new ndarray(broadcastStore(d.store, shape)), t);
    for (let i = cs.length - 1; i >= 0; i--) result = where(cs[i]!, astype(vs[i]!, t), result);
    return result.shape.length === shape.length ? result : new ndarray(broadcastStore(result.store, shape));
  });
}

/** The common type of operands given as `given` (made into `made`), JavaScript scalars weakly (NEP 50). */
function weakType(given: readonly unknown[], made: readonly ndarray[]): DType {
  const strong = made.filter((_, i) => !isScalar(given[i]));
  let t: DType | undefined = strong.length > 0 ? resultType(...strong.map((a) => a.dtype)) : undefined;
  given.forEach((g, i) => {
    if (!isScalar(g)) return;
    t = t === undefined ? made[i]!.dtype : resultTypeWithScalar(t, g);
  });
  return t!;
}

/** NumPy's keyword arguments of {@link choose}. */
export interface ChooseOptions {
  out?: ndarray;
  /** Out-of-range indices: 'raise' (default), 'wrap' (modulo) or 'clip'. */
  mode?: 'raise' | 'wrap' | 'clip';
}

/**
 * `choices[a[i]][i]` for every position (NumPy's `choose`): `a` integers, everything
 * broadcast, the type the choices' common type.
 *
 * @example
 * ```ts
 * console.log(np.choose(np.array([0, 1, 0]), [np.array([1, 2, 3]), np.array([10, 20, 30])]));
 * // array([ 1, 20,  3])
 * ```
 */
export function choose(a: ArrayInput, choices: readonly ArrayInput[], out?: ndarray | ChooseOptions, mode?: 'raise' | 'wrap' | 'clip' | ChooseOptions): ndarray {
  const [ga, gc, o, m = 'raise'] = keywords(arguments, ['a', 'choices', 'out', 'mode'], 'choose', 2) as [unknown, unknown, ndarray?, string?];
  if (!Array.isArray(gc) || gc.length === 0) throw new ValueError('choices', 'choose: expected a non-empty list of arrays');
  if (m !== 'raise' && m !== 'wrap' && m !== 'clip') throw new ValueError('mode', `choose: clipmode must be one of 'clip', 'raise', or 'wrap' (got '${String(m)}')`);
  if (o !== undefined && !(o instanceof ndarray)) throw new DTypeError('out', `choose: expected an ndarray, got ${describeValue(o)}`);
  const result = tidy(() => {
    const index = arrayFrom(ga, 'a', 'choose');
    if (!(index.dtype.isInteger || index.dtype.kind === 'b')) throw new DTypeError('a', `choose: Cannot cast array data from dtype('${index.dtype.name}') to dtype('int64') according to the rule 'safe'`);
    const vs = gc.map((c, i) => arrayFrom(c, `choices[${i}]`, 'choose'));
    const n = vs.length;
    let k = astype(index, INT64);
    if (m === 'raise') {
      if (k.size > 0 && (Number(min(k).item()) < 0 || Number(max(k).item()) >= n)) throw new ValueError('a', 'invalid entry in choice array');
    } else if (m === 'wrap') {
      k = remainder(k, n);
    } else {
      k = where(less(k, 0), 0, where(greaterEqual(k, n), n - 1, k));
    }
    const t = weakType(gc, vs);
    const shape = broadcastShapes(k.shape, ...vs.map((v) => v.shape));
    let r = astype(new ndarray(broadcastStore(vs[n - 1]!.store, shape)), t);
    for (let i = n - 2; i >= 0; i--) r = where(equal(k, i), astype(vs[i]!, t), r);
    return r.shape.length === shape.length ? r : new ndarray(broadcastStore(r.store, shape));
  });
  if (o === undefined) return result;
  try {
    checkWritable(o, 'out');
    if (shapeText(o.shape) !== shapeText(result.shape)) throw new ValueError('out', `choose: out has shape ${shapeText(o.shape)}, the result ${shapeText(result.shape)}`);
    if (!canCastSafely(result.dtype, o.dtype)) throw new DTypeError('out', `choose: Cannot cast from dtype('${result.dtype.name}') to dtype('${o.dtype.name}') according to the rule 'safe'`);
    assign(o, result);
    return o;
  } finally {
    result.dispose();
  }
}

/** A piece of {@link piecewise}: a value, or a function of the selected elements (a 1-D array) returning their values. */
export type PiecewiseFunction = number | bigint | boolean | ((x: ndarray) => ndarray | number);

/**
 * `funclist[i]` applied where `condlist[i]` holds (NumPy's `piecewise`), later conditions
 * winning; one extra function is the "otherwise" case. Each function gets the selected
 * elements of `x` as a 1-D array; the result has `x`'s shape and type, zero where nothing holds.
 *
 * @example
 * ```ts
 * const x = np.array([-2, -1, 0, 1, 2]);
 * console.log(np.piecewise(x, [np.less(x, 0), np.greaterEqual(x, 0)], [-1, (v) => np.multiply(v, 2)]));
 * // array([-1, -1,  0,  2,  4])
 * ```
 */
export function piecewise(x: ArrayInput, condlist: ArrayInput | readonly ArrayInput[], funclist: readonly PiecewiseFunction[]): ndarray {
  checkArity(arguments.length, ['x', 'condlist', 'funclist'], 'piecewise');
  if (!Array.isArray(funclist)) throw new DTypeError('funclist', `piecewise: expected a list of functions or values, got ${describeValue(funclist)}`);
  return tidy(() => {
    const xs = arrayFrom(x, 'x', 'piecewise');
    // A single boolean array of x's shape (or a scalar) is one condition.
    const list: unknown[] = Array.isArray(condlist) && !(xs.ndim > 0 && condlist.length === xs.shape[0] && condlist.every((c) => typeof c === 'boolean')) ? [...condlist] : [condlist];
    const conds = list.map((c, i) => {
      const a = arrayFrom(c, `condlist[${i}]`, 'piecewise');
      if (a.dtype !== BOOL) throw new DTypeError(`condlist[${i}]`, 'piecewise: conditions must be boolean arrays');
      return a.shape.length === xs.shape.length && a.shape.every((e, k) => e === xs.shape[k]) ? a : astype(new ndarray(broadcastStore(a.store, xs.shape)), BOOL);
    });
    const n = conds.length;
    if (funclist.length === n + 1) {
      let none = logicalNot(conds[0]!);
      for (let i = 1; i < n; i++) none = multiply(none, logicalNot(conds[i]!));
      conds.push(astype(none, BOOL));
    } else if (funclist.length !== n) {
      throw new ValueError('funclist', `with ${n} condition(s), either ${n} or ${n + 1} functions are expected`);
    }
    let y = filled(xs.shape, xs.dtype, zeroOf(xs.dtype));
    funclist.forEach((f, i) => {
      const cond = conds[i]!;
      if (typeof f === 'function') {
        const picked = flatnonzero(cond);
        if (picked.size === 0) return;
        const got = f(gatherFlat(xs, picked));
        const values = got instanceof ndarray ? got : filled([], xs.dtype, got as never);
        const flatValues = new ndarray(LogicalStore.create([picked.size], xs.dtype));
        flatValues.assign(values.ndim === 0 ? values : reshape(values, [values.size]));
        const next = new ndarray(LogicalStore.create(xs.shape, xs.dtype));
        next.assign(y);
        scatterFlat(next, picked, flatValues);
        y = next;
      } else if (isScalar(f)) {
        y = astype(where(cond, f as never, y), xs.dtype);
      } else {
        throw new DTypeError(`funclist[${i}]`, `piecewise: expected a function or a value, got ${describeValue(f)}`);
      }
    });
    return y;
  });
}

// ---------------------------------------------------------------- delete, insert, resize

function positions(obj: unknown, n: number, fn: string): ndarray {
  // Integer positions (negative from the end), or a boolean mask of length n.
  const a = arrayFrom(obj, 'obj', fn);
  if (a.dtype === BOOL) {
    if (a.ndim !== 1 || a.size !== n) throw new ValueError('obj', `${fn}: boolean array argument obj to ${fn} must be one dimensional and match the axis length of ${n}`);
    return flatnonzero(a);
  }
  if (!a.dtype.isInteger) {
    if (a.size === 0) return filled([0], INT64, 0n);
    throw new IndexError('obj', `${fn}: arrays used as indices must be of integer (or boolean) type`);
  }
  const flat = a.ndim === 1 ? a : reshape(a, [a.size]);
  if (flat.size > 0) {
    const lo = Number(min(flat).item());
    const hi = Number(max(flat).item());
    if (lo < -n || hi >= n) throw new IndexError('obj', `index ${lo < -n ? lo : hi} is out of bounds for axis with size ${n}`);
  }
  return astype(where(less(flat, 0), add(flat, n), flat), INT64);
}

/** NumPy's keyword argument of {@link deleteAt} and {@link insert}. */
export interface DeleteOptions {
  axis?: number | null;
}

/**
 * `arr` without the entries at `obj` along `axis` (NumPy's `delete`, exported as both `delete`
 * (`np.delete(...)`) and `deleteAt`, as a bare `delete` cannot be imported by name): `obj` an
 * index, a list of them, a boolean mask or a slice string such as `'1:5:2'`; `axis: null`
 * (default) works on the flattened array.
 *
 * @example
 * ```ts
 * console.log(np.delete(np.array([[1, 2, 3], [4, 5, 6]]), 1, 1));
 * // array([[1, 3],
 * //        [4, 6]])
 * ```
 */
export function deleteAt(arr: ArrayInput, obj: number | readonly number[] | readonly boolean[] | ndarray | string, axis?: number | null | DeleteOptions): ndarray {
  const [given, o, ax = null] = keywords(arguments, ['arr', 'obj', 'axis'], 'delete', 2) as [unknown, unknown, (number | null)?];
  return tidy(() => {
    let a = arrayFrom(given, 'arr', 'delete');
    if (ax === null) a = ravel(a);
    const d = ax === null ? 0 : normalizeAxis(ax, a.ndim, 'axis');
    if (a.ndim === 0) throw new AxisError('axis', 'delete: axis 0 is out of bounds for array of dimension 0');
    const n = a.shape[d]!;
    let keep: ndarray;
    if (typeof o === 'string') {
      const view = arange(0, n, 1, INT64).slice(o);
      keep = filled([n], BOOL, true);
      if (view.size > 0) put(keep, view, false);
    } else {
      const drop = positions(o, n, 'delete');
      keep = filled([n], BOOL, true);
      if (drop.size > 0) put(keep, drop, false);
    }
    return compress(keep, a, d);
  });
}

/**
 * `values` inserted before the positions `obj` along `axis` (NumPy's `insert`): an index puts
 * all of `values` there; a list of indices one value (broadcast) before each, in their order
 * (equal indices keep the list's order); `axis: null` (default) flattens `arr` first. The
 * result has `arr`'s type.
 *
 * @example
 * ```ts
 * console.log(np.insert(np.array([1, 2, 3]), 1, np.array([9])));
 * // array([1, 9, 2, 3])
 * ```
 */
export function insert(arr: ArrayInput, obj: number | readonly number[] | ndarray | string, values: ArrayInput, axis?: number | null | DeleteOptions): ndarray {
  const [given, o, v, ax = null] = keywords(arguments, ['arr', 'obj', 'values', 'axis'], 'insert', 3) as [unknown, unknown, unknown, (number | null)?];
  return tidy(() => {
    let a = arrayFrom(given, 'arr', 'insert');
    if (ax === null) a = ravel(a);
    if (a.ndim === 0) throw new AxisError('axis', 'insert: axis 0 is out of bounds for array of dimension 0');
    const d = ax === null ? 0 : normalizeAxis(ax, a.ndim, 'axis');
    const n = a.shape[d]!;
    const vals = astype(arrayFrom(v, 'values', 'insert'), a.dtype);
    let idx: ndarray;
    if (typeof o === 'string') idx = arange(0, n, 1, INT64).slice(o);
    else {
      idx = arrayFrom(o, 'obj', 'insert');
      if (idx.dtype === BOOL) {
        if (idx.ndim !== 1) throw new ValueError('obj', 'boolean array argument obj to insert must be one dimensional');
        idx = flatnonzero(idx);
      } else if (idx.ndim > 1) throw new ValueError('obj', 'index array argument obj to insert must be one dimensional or scalar');
      else if (!idx.dtype.isInteger && idx.size > 0) throw new IndexError('obj', 'insert: arrays used as indices must be of integer (or boolean) type');
    }
    if (idx.size === 1) {
      // One position: all of values there, as a slab (NumPy's a[:, i:i+k] = values).
      const index = Number(idx.item());
      if (index < -n || index > n) throw new IndexError('obj', `index ${index} is out of bounds for axis ${d} with size ${n}`);
      const at = index < 0 ? index + n : index;
      let block = vals.ndim >= a.ndim ? vals : reshape(vals, [...new Array<number>(a.ndim - vals.ndim).fill(1), ...vals.shape]);
      if (idx.ndim === 0) block = moveaxis(block, 0, d);
      const count = block.shape[d]!;
      const slab = new ndarray(LogicalStore.create(a.shape.map((e, k) => (k === d ? count : e)), a.dtype));
      if (slab.size > 0) slab.assign(block);
      return concatenate([new ndarray(a.store.slice(d, 0, at)), slab, new ndarray(a.store.slice(d, at, n))], d);
    }
    const flat = idx.size === 0 ? filled([0], INT64, 0n) : astype(idx, INT64);
    const m = flat.size;
    if (m > 0) {
      const lo = Number(min(flat).item());
      const hi = Number(max(flat).item());
      if (lo < -n || hi > n) throw new IndexError('obj', `index ${lo < -n ? lo : hi} is out of bounds for axis ${d} with size ${n}`);
    }
    const at = where(less(flat, 0), add(flat, n), flat);
    // The k-th value goes before position obj[k]; equal positions keep obj's order.
    const order = argsort(at, { kind: 'stable' });
    const landing = add(take(at, order), arange(0, m, 1, INT64));
    const total = n + m;
    const inserted = filled([total], BOOL, false);
    if (m > 0) put(inserted, landing, true);
    // Gather from [arr, values] along the axis: old elements in order, new ones from the block.
    const source = filled([total], INT64, 0n);
    source.assign(subtract(cumsum(logicalNot(inserted)), 1));
    if (m > 0) put(source, landing, add(order, n));
    const block = new ndarray(LogicalStore.create(a.shape.map((e, k) => (k === d ? m : e)), a.dtype));
    if (block.size > 0) block.assign(vals);
    return take(concatenate([a, block], d), source, d);
  });
}

/**
 * An array of `newShape` filled with `a`'s elements in C order, repeated as needed (NumPy's
 * `np.resize`; zeros when `a` is empty).
 *
 * @example
 * ```ts
 * console.log(np.resize(np.array([1, 2, 3]), [2, 4]));
 * // array([[1, 2, 3, 1],
 * //        [2, 3, 1, 2]])
 * ```
 */
export function resize(a: ArrayInput, newShape: ShapeLike): ndarray {
  checkArity(arguments.length, ['a', 'new_shape'], 'resize');
  const shape = shapeOf(newShape);
  return tidy(() => {
    const x = arrayFrom(a, 'a', 'resize');
    const total = shape.reduce((p, e) => p * e, 1);
    if (x.size === 0 || total === 0) return filled(shape, x.dtype, zeroOf(x.dtype));
    const flat = ravel(x);
    const repeated = tile(flat, Math.ceil(total / x.size));
    const out = new ndarray(LogicalStore.create(shape, x.dtype));
    out.assign(reshape(new ndarray(repeated.store.slice(0, 0, total)), shape));
    return out;
  });
}

// ---------------------------------------------------------------- triangles and diagonals

/** NumPy's keyword arguments of {@link tri}. */
export interface TriOptions {
  M?: number | null;
  k?: number;
  dtype?: DTypeLike;
}

/**
 * Ones at and below diagonal `k` of an N×M array, zeros above (NumPy's `tri`; float64 by default).
 *
 * @example
 * ```ts
 * console.log(np.tri(3, 4, 1, 'int32'));
 * // array([[1, 1, 0, 0],
 * //        [1, 1, 1, 0],
 * //        [1, 1, 1, 1]], dtype=int32)
 * ```
 */
export function tri(N: number, M?: number | null | TriOptions, k?: number | TriOptions, dtype?: DTypeLike | TriOptions): ndarray {
  const [n, m = null, offset = 0, t = 'float64'] = keywords(arguments, ['N', 'M', 'k', 'dtype'], 'tri', 1) as [number, (number | null)?, number?, DTypeLike?];
  checkInteger(n, 'N', 'tri');
  const cols = m ?? n;
  checkInteger(cols, 'M', 'tri');
  checkInteger(offset, 'k', 'tri');
  if (n < 0 || cols < 0) throw new ValueError('N', 'tri: negative dimensions are not allowed');
  return tidy(() => astype(lessEqual(subtract(arange(0, cols, 1, INT64), reshape(arange(0, n, 1, INT64), [n, 1])), offset), t));
}

/**
 * The indices of the main diagonal of an `ndim`-dimensional array of extent n (NumPy's `diag_indices`).
 *
 * @example
 * ```ts
 * const [rows, cols] = np.diagIndices(3);
 * console.log(rows, cols);
 * // array([0, 1, 2]) array([0, 1, 2])
 * ```
 */
export function diagIndices(n: number, ndim = 2): ndarray[] {
  checkArity(arguments.length, ['n', 'ndim'], 'diag_indices');
  checkInteger(n, 'n', 'diag_indices');
  checkInteger(ndim, 'ndim', 'diag_indices');
  if (n < 0) throw new ValueError('n', 'diag_indices: negative dimensions are not allowed');
  const idx = arange(0, n, 1, INT64);
  return Array.from({ length: ndim }, (_, i) => (i === 0 ? idx : astype(idx, INT64)));
}

/**
 * The indices of `arr`'s main diagonal (NumPy's `diag_indices_from`): every extent equal, at least 2-D.
 *
 * @example
 * ```ts
 * const [rows, cols] = np.diagIndicesFrom(np.zeros([3, 3]));
 * console.log(rows, cols);
 * // array([0, 1, 2]) array([0, 1, 2])
 * ```
 */
export function diagIndicesFrom(arr: ndarray): ndarray[] {
  checkArity(arguments.length, ['arr'], 'diag_indices_from');
  if (!(arr instanceof ndarray)) throw new DTypeError('arr', `diag_indices_from: expected an ndarray, got ${describeValue(arr)}`);
  if (arr.ndim < 2) throw new ValueError('arr', 'input array must be at least 2-d');
  if (!arr.shape.every((e) => e === arr.shape[0])) throw new ValueError('arr', 'All dimensions of input must be of equal length');
  return diagIndices(arr.shape[0]!, arr.ndim);
}

function triangleFrom(name: string, lower: boolean) {
  return function (arr: ndarray, k = 0): [ndarray, ndarray] {
    checkArity(arguments.length, ['arr', 'k'], name);
    if (!(arr instanceof ndarray)) throw new DTypeError('arr', `${name}: expected an ndarray, got ${describeValue(arr)}`);
    if (arr.ndim !== 2) throw new ValueError('arr', 'input array must be 2-d');
    return (lower ? trilIndices : triuIndices)(arr.shape[0]!, k, arr.shape[1]!);
  };
}

/**
 * The indices of `arr`'s lower triangle (NumPy's `tril_indices_from`).
 *
 * @example
 * ```ts
 * const [rows, cols] = np.trilIndicesFrom(np.zeros([3, 3]));
 * console.log(rows, cols);
 * // array([0, 1, 1, 2, 2, 2]) array([0, 0, 1, 0, 1, 2])
 * ```
 */
export const trilIndicesFrom = triangleFrom('tril_indices_from', true);
/**
 * The indices of `arr`'s upper triangle (NumPy's `triu_indices_from`).
 *
 * @example
 * ```ts
 * const [rows, cols] = np.triuIndicesFrom(np.zeros([3, 3]), 1);
 * console.log(rows, cols);
 * // array([0, 0, 1]) array([1, 2, 2])
 * ```
 */
export const triuIndicesFrom = triangleFrom('triu_indices_from', false);

/** NumPy's keyword argument of {@link fillDiagonal}. */
export interface FillDiagonalOptions {
  /** For a tall matrix, go on below the first N rows every N + 1 rows (NumPy's wrap). */
  wrap?: boolean;
}

/**
 * Writes `val` on `a`'s main diagonal, in place (NumPy's `fill_diagonal`): a 2-D array of any
 * shape, or an array whose extents are all equal; an array `val` is cycled along the diagonal.
 *
 * @example
 * ```ts
 * const a = np.zeros([3, 3], 'int64');
 * np.fillDiagonal(a, 5);
 * console.log(a);
 * // array([[5, 0, 0],
 * //        [0, 5, 0],
 * //        [0, 0, 5]])
 * ```
 */
export function fillDiagonal(a: ndarray, val: Operand | readonly number[], wrap?: boolean | FillDiagonalOptions): void {
  const [target, value, wrapping = false] = keywords(arguments, ['a', 'val', 'wrap'], 'fill_diagonal', 2) as [ndarray, unknown, boolean?];
  if (!(target instanceof ndarray)) throw new DTypeError('a', `fill_diagonal: expected an ndarray, got ${describeValue(target)}`);
  checkBoolean(wrapping, 'wrap', 'fill_diagonal');
  if (target.ndim < 2) throw new ValueError('a', 'array must be at least 2-d');
  checkWritable(target, 'a', 'fill_diagonal: output array is read-only');
  let step: number;
  let end: number;
  if (target.ndim === 2) {
    const cols = target.shape[1]!;
    step = cols + 1;
    end = wrapping ? target.size : Math.min(target.size, cols * cols);
  } else {
    if (!target.shape.every((e) => e === target.shape[0])) throw new ValueError('a', 'All dimensions of input must be of equal length');
    step = 1;
    let stride = 1;
    for (let d = target.ndim - 1; d > 0; d--) step += (stride *= target.shape[d]!);
    end = target.size;
  }
  if (end <= 0) return;
  tidy(() => put(target, arange(0, end, step, INT64), value as never));
}

// ---------------------------------------------------------------- index helpers

/**
 * Open mesh index arrays from 1-D sequences (NumPy's `ix_`): the i-th result has extent n_i on
 * axis i and 1 elsewhere, so `take` / broadcasting forms their cross product. A boolean
 * sequence gives the positions of its true values.
 *
 * @example
 * ```ts
 * const [rows, cols] = np.ix_([0, 1], [2, 4]);
 * console.log(rows, cols);
 * // array([[0],
 * //        [1]]) array([[2, 4]])
 * ```
 */
export function ix_(...args: ArrayInput[]): ndarray[] {
  const n = args.length;
  return tidy(() =>
    args.map((given, i) => {
      let a = Array.isArray(given) && given.length === 0 ? filled([0], INT64, 0n) : arrayFrom(given, `args[${i}]`, 'ix_');
      if (a.ndim !== 1) throw new ValueError(`args[${i}]`, 'Cross index must be 1 dimensional');
      if (a.dtype === BOOL) a = flatnonzero(a);
      else if (!a.dtype.isInteger) throw new IndexError(`args[${i}]`, 'ix_: arrays used as indices must be of integer (or boolean) type');
      const shape = Array.from({ length: n }, (_, k) => (k === i ? a.size : 1));
      return a === given ? reshape(a, shape) : reshape(a, shape);
    }),
  );
}

/** NumPy's keyword arguments of {@link ravelMultiIndex}. */
export interface RavelMultiIndexOptions {
  /** Out-of-range coordinates: 'raise' (default), 'wrap' or 'clip', or one per dimension. */
  mode?: 'raise' | 'wrap' | 'clip' | readonly ('raise' | 'wrap' | 'clip')[];
  /** 'C' (default, row-major) or 'F' (column-major). */
  order?: 'C' | 'F';
}

/**
 * Flat indices of coordinate arrays into an array of shape `dims` (NumPy's `ravel_multi_index`).
 *
 * @example
 * ```ts
 * console.log(np.ravelMultiIndex([np.array([3, 6, 6]), np.array([4, 5, 1])], [7, 6]));
 * // array([22, 41, 37])
 * ```
 */
export function ravelMultiIndex(multiIndex: readonly ArrayInput[], dims: ShapeLike, options: RavelMultiIndexOptions = {}): ndarray {
  checkArity(arguments.length, ['multi_index', 'dims', 'options'], 'ravel_multi_index');
  const { mode = 'raise', order = 'C' } = checkOptions(options, ['mode', 'order'], 'ravel_multi_index');
  const shape = shapeOf(dims);
  if (!Array.isArray(multiIndex) || multiIndex.length !== shape.length) throw new ValueError('multi_index', `parameter multi_index must be a sequence of length ${shape.length}`);
  if (order !== 'C' && order !== 'F') throw new ValueError('order', "only 'C' or 'F' order is permitted");
  const modes = typeof mode === 'string' ? shape.map(() => mode) : [...mode];
  if (modes.length !== shape.length || !modes.every((m) => m === 'raise' || m === 'wrap' || m === 'clip')) throw new ValueError('mode', "clipmode must be one of 'clip', 'raise', or 'wrap'");
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let k = 0; k < shape.length; k++) {
    const d = order === 'C' ? shape.length - 1 - k : k;
    strides[d] = stride;
    stride *= shape[d]!;
  }
  return tidy(() => {
    let flat: ndarray | undefined;
    multiIndex.forEach((given, d) => {
      const c = arrayFrom(given, `multi_index[${d}]`, 'ravel_multi_index');
      if (!c.dtype.isInteger) throw new DTypeError(`multi_index[${d}]`, "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'");
      let x = astype(c, INT64);
      const e = shape[d]!;
      if (modes[d] === 'raise') {
        if (x.size > 0 && (Number(min(x).item()) < 0 || Number(max(x).item()) >= e)) throw new ValueError('multi_index', 'invalid entry in coordinates array');
      } else if (modes[d] === 'wrap') {
        x = e === 0 ? x : remainder(x, e);
      } else {
        x = where(less(x, 0), 0, where(greaterEqual(x, e), e - 1, x));
      }
      const term = multiply(x, strides[d]!);
      flat = flat === undefined ? term : add(flat, term);
    });
    return astype(flat!, INT64);
  });
}

// ---------------------------------------------------------------- convolution

/** The part of the full convolution {@link convolve} and {@link correlate} return. */
export type ConvolveMode = 'full' | 'same' | 'valid';

function convolveFull(a: ndarray, v: ndarray, t: DType): ndarray {
  // Σ_i a * v[i] shifted by i: one whole-array update per element of the shorter input.
  const [long, short] = a.size >= v.size ? [a, v] : [v, a];
  const n = long.size;
  const m = short.size;
  const out = filled([n + m - 1], t, zeroOf(t));
  const x = astype(long, t);
  const s = astype(short, t);
  for (let i = 0; i < m; i++) {
    const window = new ndarray(out.store.slice(0, i, i + n));
    const coefficient = new ndarray(s.store.project(0, i));
    add(window, multiply(x, coefficient), { out: window });
    coefficient.dispose();
    window.dispose();
  }
  return out;
}

function convolution(name: string, correlate: boolean) {
  return function (a: ArrayInput, v: ArrayInput, mode?: ConvolveMode | { mode?: ConvolveMode }): ndarray {
    const [ga, gv, m = correlate ? 'valid' : 'full'] = keywords(arguments, ['a', 'v', 'mode'], name, 2) as [unknown, unknown, ConvolveMode?];
    if (m !== 'full' && m !== 'same' && m !== 'valid') throw new ValueError('mode', `${name}: mode must be one of 'valid', 'same', or 'full' (got '${String(m)}')`);
    return tidy(() => {
      let x = arrayFrom(ga, 'a', name);
      let y = arrayFrom(gv, 'v', name);
      if (x.ndim > 1) throw new ValueError('a', `${name}: object too deep for desired array`);
      if (y.ndim > 1) throw new ValueError('v', `${name}: object too deep for desired array`);
      x = x.ndim === 0 ? reshape(x, [1]) : x;
      y = y.ndim === 0 ? reshape(y, [1]) : y;
      if (x.size === 0) throw new ValueError('a', `${name}: a cannot be empty`);
      if (y.size === 0) throw new ValueError('v', `${name}: v cannot be empty`);
      const t = resultType(x.dtype, y.dtype);
      // correlate(a, v)[k] = Σ_n a[n + k] conj(v[n]): a convolution with v reversed and conjugated;
      // NumPy swaps the operands when v is longer and reverses the result.
      let swapped = false;
      if (correlate && y.size > x.size) {
        [x, y] = [y, x];
        swapped = true;
      }
      const kernel = correlate ? flip(t.isComplex ? conj(astype(y, t)) : y) : y;
      const full = convolveFull(x, kernel, t);
      const n = Math.max(x.size, y.size);
      const k = Math.min(x.size, y.size);
      const length = m === 'full' ? n + k - 1 : m === 'same' ? n : n - k + 1;
      // NumPy's windows of the full result: 'same' starts (k - 1) - floor(k / 2) in.
      const start = m === 'full' ? 0 : m === 'same' ? k - 1 - Math.floor(k / 2) : k - 1;
      const out = new ndarray(LogicalStore.create([length], t));
      const window = new ndarray(full.store.slice(0, start, start + length));
      // A correlation of swapped operands is the reversed (and conjugated) one, after the window.
      out.assign(swapped ? (t.isComplex ? conj(flip(window)) : flip(window)) : window);
      return out;
    });
  };
}

/**
 * The discrete linear convolution of two 1-D sequences (NumPy's `convolve`; mode 'full', 'same' or 'valid').
 *
 * @example
 * ```ts
 * console.log(np.convolve(np.array([1, 2, 3]), np.array([0, 1, 0.5])));
 * // array([0. , 1. , 2.5, 4. , 1.5])
 * ```
 */
export const convolve = convolution('convolve', false);
/**
 * The cross-correlation of two 1-D sequences (NumPy's `correlate`; mode 'valid' by default), conjugating `v`.
 *
 * @example
 * ```ts
 * console.log(np.correlate(np.array([1, 2, 3]), np.array([0, 1, 0.5]), 'same'));
 * // array([2. , 3.5, 3. ])
 * ```
 */
export const correlate = convolution('correlate', true);

// ---------------------------------------------------------------- odds and ends

/** NumPy's keyword argument of {@link realIfClose}. */
export interface RealIfCloseOptions {
  /** Imaginary parts below tol machine epsilons (tol > 1) or below tol itself (default 100). */
  tol?: number;
}

/**
 * `a`'s real part when every imaginary part is within `tol` of zero, else `a` (NumPy's `real_if_close`).
 *
 * @example
 * ```ts
 * console.log(np.realIfClose(np.array([{ re: 2, im: 1e-14 }, { re: -1, im: 0 }])));
 * // array([ 2., -1.])
 * ```
 */
export function realIfClose(a: ArrayInput, tol?: number | RealIfCloseOptions): ndarray {
  const [given, tolerance = 100] = keywords(arguments, ['a', 'tol'], 'real_if_close', 1) as [unknown, number?];
  if (typeof tolerance !== 'number') throw new DTypeError('tol', `real_if_close: expected a number, got ${describeValue(tolerance)}`);
  return tidy(() => {
    const x = arrayFrom(given, 'a', 'real_if_close');
    if (!x.dtype.isComplex) return x;
    const eps = x.dtype.name === 'complex64' ? 2 ** -23 : 2 ** -52;
    const limit = tolerance > 1 ? tolerance * eps : tolerance;
    return x.size === 0 || read(all(less(absolute(imag(x)), limit))) ? real(x) : x;
  });
}

/**
 * `func1d` applied to every 1-D slice of `arr` along `axis` (NumPy's `apply_along_axis`): the
 * slices are views, the results (arrays or numbers, all of one shape) stacked where the axis
 * was. Extra arguments are passed on.
 *
 * @example
 * ```ts
 * const a = np.array([[1, 2, 3], [4, 5, 6]]);
 * console.log(np.applyAlongAxis((row) => np.sum(row), 1, a));
 * // array([ 6, 15])
 * ```
 */
export function applyAlongAxis(func1d: (slice: ndarray, ...args: unknown[]) => ndarray | number | bigint | boolean, axis: number, arr: ArrayInput, ...args: unknown[]): ndarray {
  if (typeof func1d !== 'function') throw new DTypeError('func1d', `apply_along_axis: expected a function, got ${describeValue(func1d)}`);
  return tidy(() => {
    const a = arrayFrom(arr, 'arr', 'apply_along_axis');
    const d = normalizeAxis(axis, a.ndim, 'axis');
    const moved = moveaxis(a, d, -1);
    const outer = moved.shape.slice(0, -1);
    const count = outer.reduce((p, e) => p * e, 1);
    if (count === 0) throw new ValueError('arr', 'Cannot apply_along_axis when any iteration dimensions are 0');
    const results: ndarray[] = [];
    const index = new Array<number>(outer.length).fill(0);
    for (let i = 0; i < count; i++) {
      let view = moved.store;
      for (let k = 0; k < outer.length; k++) view = view.project(0, index[k]!);
      const got = func1d(new ndarray(view), ...args);
      results.push(got instanceof ndarray ? got : asarray(got as Nested));
      for (let k = outer.length - 1; k >= 0; k--) {
        if (++index[k]! < outer[k]!) break;
        index[k] = 0;
      }
    }
    const first = results[0]!;
    results.forEach((r, i) => {
      if (shapeText(r.shape) !== shapeText(first.shape)) throw new ValueError('func1d', `apply_along_axis: the results have different shapes (${shapeText(first.shape)} and ${shapeText(r.shape)} at slice ${i})`);
    });
    const t = resultType(...results.map((r) => r.dtype));
    const stacked = reshape(concatenate(results.map((r) => reshape(astype(r, t), [1, ...r.shape])), 0), [...outer, ...first.shape]);
    // The result's dimensions replace the axis: move them from the end to where it was.
    const rd = first.ndim;
    if (rd === 0) return stacked;
    const order = [...outer.keys()].slice(0, d).concat([...Array(rd).keys()].map((k) => outer.length + k), [...outer.keys()].slice(d));
    return stacked.transpose(...order);
  });
}

/**
 * `func(a, axis)` applied for each axis in turn (NumPy's `apply_over_axes`): a result with one
 * dimension fewer gets it back (extent 1), so the axes keep their meaning.
 *
 * @example
 * ```ts
 * const a = np.arange(24).reshape([2, 3, 4]);
 * console.log(np.applyOverAxes((x, axis) => np.sum(x, axis), a, [0, 2]));
 * // array([[[ 60],
 * //         [ 92],
 * //         [124]]])
 * ```
 */
export function applyOverAxes(func: (a: ndarray, axis: number) => ndarray, a: ArrayInput, axes: number | readonly number[]): ndarray {
  checkArity(arguments.length, ['func', 'a', 'axes'], 'apply_over_axes');
  if (typeof func !== 'function') throw new DTypeError('func', `apply_over_axes: expected a function, got ${describeValue(func)}`);
  return tidy(() => {
    let value = arrayFrom(a, 'a', 'apply_over_axes');
    const n = value.ndim;
    for (const axis of typeof axes === 'number' ? [axes] : axes) {
      const d = axis < 0 ? axis + n : axis;
      const res = func(value, d);
      if (!(res instanceof ndarray)) throw new DTypeError('func', 'apply_over_axes: function is not returning an array');
      if (res.ndim === n) value = res;
      else if (res.ndim === n - 1) value = expandDims(res, d);
      else throw new ValueError('func', 'function is not returning an array of the correct shape');
    }
    return value;
  });
}

/** NumPy's keyword arguments of {@link copyto}. */
export interface CopytoOptions {
  /** The casting rule (default 'same_kind'). */
  casting?: 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';
  /** Copy only where this boolean array (broadcast to dst) is true. */
  where?: ArrayInput;
}

/**
 * Copies `src` (broadcast) into `dst` in place, under a casting rule and an optional mask (NumPy's `copyto`).
 *
 * @example
 * ```ts
 * const a = np.zeros([3]);
 * np.copyto(a, np.array([7, 8, 9]), { where: np.array([true, false, true]) });
 * console.log(a);
 * // array([7., 0., 9.])
 * ```
 */
export function copyto(dst: ndarray, src: ArrayInput, options: CopytoOptions = {}): void {
  checkArity(arguments.length, ['dst', 'src', 'options'], 'copyto');
  if (!(dst instanceof ndarray)) throw new DTypeError('dst', `copyto: argument 1 must be an ndarray, not ${describeValue(dst)}`);
  const { casting = 'same_kind', where: mask } = checkOptions(options, ['casting', 'where'], 'copyto');
  checkWritable(dst, 'dst');
  tidy(() => {
    const s = arrayFrom(src, 'src', 'copyto');
    const scalar = !(src instanceof ndarray);
    const ok =
      casting === 'unsafe' ||
      (casting === 'same_kind' && (scalar || canCastSameKind(s.dtype, dst.dtype))) ||
      (casting === 'safe' && (scalar || canCastSafely(s.dtype, dst.dtype))) ||
      ((casting === 'no' || casting === 'equiv') && s.dtype === dst.dtype);
    if (!['no', 'equiv', 'safe', 'same_kind', 'unsafe'].includes(casting)) throw new ValueError('casting', "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'");
    if (!ok) throw new DTypeError('src', `Cannot cast array data from dtype('${s.dtype.name}') to dtype('${dst.dtype.name}') according to the rule '${casting}'`);
    broadcastShapes(dst.shape, s.shape);
    if (mask === undefined) {
      assign(dst, s);
      return;
    }
    const m = arrayFrom(mask, 'where', 'copyto');
    if (m.dtype !== BOOL) throw new DTypeError('where', `copyto: Cannot cast array data from dtype('${m.dtype.name}') to dtype('bool') according to the rule 'safe'`);
    assign(dst, where(m, astype(s, dst.dtype), dst));
  });
}

/**
 * `a` as an array (NumPy's `asanyarray`: the same as {@link asarray} here, which has no subclasses).
 *
 * @example
 * ```ts
 * console.log(np.asanyarray([1, 2, 3], 'float32'));
 * // array([1., 2., 3.], dtype=float32)
 * ```
 */
export function asanyarray(a: ArrayInput, dtype?: DTypeLike | { dtype?: DTypeLike }): ndarray {
  const [given, t] = keywords(arguments, ['a', 'dtype'], 'asanyarray', 1) as [unknown, DTypeLike?];
  if (given instanceof ndarray) return t === undefined ? given : asarray(given, t);
  return t === undefined ? arrayFrom(given, 'a', 'asanyarray') : asarray(given as Nested, t);
}

/**
 * `a` as an array of at least one dimension (NumPy's `ascontiguousarray`; storage here is always C-ordered).
 *
 * @example
 * ```ts
 * console.log(np.ascontiguousarray(5));
 * // array([5])
 * ```
 */
export function ascontiguousarray(a: ArrayInput, dtype?: DTypeLike | { dtype?: DTypeLike }): ndarray {
  const [given, t] = keywords(arguments, ['a', 'dtype'], 'ascontiguousarray', 1) as [unknown, DTypeLike?];
  const x = given instanceof ndarray ? (t === undefined ? given : asarray(given, t)) : t === undefined ? arrayFrom(given, 'a', 'ascontiguousarray') : asarray(given as Nested, t);
  if (x.ndim > 0) return x;
  const one = reshape(x, [1]);
  if (x !== given) x.dispose();
  return one;
}

/**
 * `a` as an array, refusing NaN and infinities (NumPy's `asarray_chkfinite`).
 *
 * @example
 * ```ts
 * console.log(np.asarrayChkfinite([1, 2.5]));
 * // array([1. , 2.5])
 * ```
 */
export function asarrayChkfinite(a: ArrayInput, dtype?: DTypeLike | { dtype?: DTypeLike }): ndarray {
  const [given, t] = keywords(arguments, ['a', 'dtype'], 'asarray_chkfinite', 1) as [unknown, DTypeLike?];
  const x = given instanceof ndarray ? (t === undefined ? given : asarray(given, t)) : t === undefined ? arrayFrom(given, 'a', 'asarray_chkfinite') : asarray(given as Nested, t);
  if ((x.dtype.kind === 'f' || x.dtype.kind === 'c') && x.size > 0 && !tidy(() => read(all(isfinite(x))))) {
    if (x !== given) x.dispose();
    throw new ValueError('a', 'array must not contain infs or NaNs');
  }
  return x;
}

/**
 * Whether `a` and `b` might share memory (NumPy's `may_share_memory`): true when they view one
 * storage and the spans of elements they reach overlap. It may be true of views that touch no
 * common element (interleaved slices), never false of views that do.
 *
 * @example
 * ```ts
 * const a = np.arange(10);
 * console.log(np.mayShareMemory(a, a.slice('2:5')), np.mayShareMemory(a, np.arange(10)));
 * // true false
 * ```
 */
export function mayShareMemory(a: ndarray, b: ndarray): boolean {
  checkArity(arguments.length, ['a', 'b'], 'may_share_memory');
  if (!(a instanceof ndarray) || !(b instanceof ndarray)) return false;
  if (!a.store.sharesStorageWith(b.store) || a.size === 0 || b.size === 0) return false;
  const [alo, ahi] = span(a);
  const [blo, bhi] = span(b);
  return alo < bhi && blo < ahi;
}

/** The [lo, hi) range of storage elements (in row-major order of the storage) a view reaches. */
function span(a: ndarray): [number, number] {
  const map = a.store.transform;
  const extents = a.store.storageShape;
  // A flat map (a merged reshape) addresses the storage by linear index already.
  const strides = map.flatShape !== null ? [1] : extents.map((_, k) => extents.slice(k + 1).reduce((p, e) => p * e, 1));
  let lo = 0;
  let hi = 0;
  map.offset.forEach((o, s) => {
    let low = o;
    let high = o;
    map.matrix[s]!.forEach((c, v) => {
      const reach = c * (map.shape[v]! - 1);
      if (reach < 0) low += reach;
      else high += reach;
    });
    lo += low * strides[s]!;
    hi += high * strides[s]!;
  });
  return [lo, hi + 1];
}

/**
 * Whether `y` can be iterated (NumPy's `iterable`): arrays of at least one dimension, lists, strings and other iterables.
 *
 * @example
 * ```ts
 * console.log(np.iterable([1, 2, 3]), np.iterable(2), np.iterable(np.array(2)));
 * // true false false
 * ```
 */
export function iterable(y: unknown): boolean {
  checkArity(arguments.length, ['y'], 'iterable');
  if (y instanceof ndarray) return y.ndim > 0;
  return y !== null && y !== undefined && typeof (y as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

