// NumPy's append, atleast_1d / atleast_2d / atleast_3d, rot90, flipud / fliplr, column_stack,
// row_stack, dstack, hsplit / vsplit / dsplit and unstack: views where NumPy gives views (new
// extent-1 axes, flips, transposes, splits), concatenate otherwise.
import { checkOptions, DTypeError, tidy } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { AxisError, normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { arrayFrom, checkInteger, viewOf, type ArrayInput } from './inputs.js';
import { concatenate, flip, split } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { astype } from './operations.js';
import { expandDims, moveaxis, ravel, reshape, transpose } from './shape.js';

/** NumPy's keyword argument of {@link append} not given positionally. */
export interface AppendOptions {
  /** The axis to join along; null (default) flattens both first. */
  axis?: number | null;
}

/**
 * `values` joined after `arr` along `axis` (NumPy's `append`): both flattened when `axis` is
 * null (the default), else they must match on every other axis. A new array, promoted as
 * concatenate; scalars and lists are arrays of NumPy's types for them.
 *
 * @example
 * ```ts
 * console.log(np.append(np.array([[1, 2]]), np.array([[3, 4]]), 0));
 * // array([[1, 2],
 * //        [3, 4]])
 * ```
 */
export function append(arr: ArrayInput, values: ArrayInput, axis?: number | null | AppendOptions): ndarray {
  const [a, v, ax = null] = keywords(arguments, ['arr', 'values', 'axis'], 'append', 2) as [unknown, unknown, (number | null)?];
  return tidy(() => {
    const x = arrayFrom(a, 'arr', 'append');
    const y = arrayFrom(v, 'values', 'append');
    return ax === null ? concatenate([ravel(x), ravel(y)], 0) : concatenate([x, y], ax);
  });
}

function atleast(n: 1 | 2 | 3, name: string, arys: readonly ArrayInput[]): ndarray[] {
  return tidy(() =>
    arys.map((given, i) => {
      const a = arrayFrom(given, arys.length === 1 ? 'arys' : `arys[${i}]`, name);
      if (a.ndim >= n) return a;
      // NumPy's placements: 0-d -> all new; 1-d (N) -> (1, N) or (1, N, 1); 2-d (M, N) -> (M, N, 1).
      const axes = a.ndim === 0 ? [0, 1, 2].slice(0, n) : n === 2 ? [0] : a.ndim === 1 ? [0, 2] : [2];
      return expandDims(a, axes);
    }),
  );
}

/**
 * Arrays of at least one dimension (NumPy's `atleast_1d`): a 0-d array becomes shape (1,), others
 * are returned as they are. One argument gives one array, several a list.
 *
 * @example
 * ```ts
 * console.log(np.atleast1d(5));
 * // array([5])
 * ```
 */
export function atleast1d(ary: ArrayInput): ndarray;
export function atleast1d(...arys: ArrayInput[]): ndarray[];
export function atleast1d(...arys: ArrayInput[]): ndarray | ndarray[] {
  const out = atleast(1, 'atleast1d', arys);
  return arys.length === 1 ? out[0]! : out;
}

/**
 * Arrays of at least two dimensions (NumPy's `atleast_2d`): (N,) becomes (1, N), 0-d (1, 1).
 *
 * @example
 * ```ts
 * console.log(np.atleast2d([1, 2]));
 * // array([[1, 2]])
 * ```
 */
export function atleast2d(ary: ArrayInput): ndarray;
export function atleast2d(...arys: ArrayInput[]): ndarray[];
export function atleast2d(...arys: ArrayInput[]): ndarray | ndarray[] {
  const out = atleast(2, 'atleast2d', arys);
  return arys.length === 1 ? out[0]! : out;
}

/**
 * Arrays of at least three dimensions (NumPy's `atleast_3d`): (N,) becomes (1, N, 1), (M, N) (M, N, 1), 0-d (1, 1, 1).
 *
 * @example
 * ```ts
 * console.log(np.atleast3d([1, 2]).shape, np.atleast3d([[1, 2]]).shape);
 * // [ 1, 2, 1 ] [ 1, 2, 1 ]
 * ```
 */
export function atleast3d(ary: ArrayInput): ndarray;
export function atleast3d(...arys: ArrayInput[]): ndarray[];
export function atleast3d(...arys: ArrayInput[]): ndarray | ndarray[] {
  const out = atleast(3, 'atleast3d', arys);
  return arys.length === 1 ? out[0]! : out;
}

/** NumPy's keyword arguments of {@link rot90} not given positionally. */
export interface Rot90Options {
  /** How many quarter turns (default 1; negative turns the other way). */
  k?: number;
  /** The plane of the rotation (default [0, 1]): from the first axis towards the second. */
  axes?: readonly [number, number] | readonly number[];
}

/**
 * `m` rotated by `k` quarter turns in the plane of `axes` (NumPy's `rot90`): a view (flips and a
 * transpose), so writes through it change `m`.
 *
 * @example
 * ```ts
 * console.log(np.rot90(np.array([[1, 2], [3, 4]])));
 * // array([[2, 4],
 * //        [1, 3]])
 * ```
 */
export function rot90(m: ArrayInput, k?: number | Rot90Options, axes?: readonly number[] | Rot90Options): ndarray {
  const [given, turns = 1, plane = [0, 1]] = keywords(arguments, ['m', 'k', 'axes'], 'rot90', 1) as [unknown, number?, (readonly number[])?];
  checkInteger(turns, 'k', 'rot90');
  if (!Array.isArray(plane) || plane.length !== 2) throw new ValueError('axes', `rot90: len(axes) must be 2, got ${describeValue(plane)}`);
  const [p, q] = plane as [number, number];
  checkInteger(p, 'axes', 'rot90');
  checkInteger(q, 'axes', 'rot90');
  return tidy(() => {
    const x = arrayFrom(given, 'm', 'rot90');
    const nd = x.ndim;
    if (p === q || Math.abs(p - q) === nd) throw new ValueError('axes', 'rot90: Axes must be different.');
    if (p >= nd || p < -nd || q >= nd || q < -nd) throw new ValueError('axes', `rot90: Axes=(${p}, ${q}) out of range for array of ndim=${nd}.`);
    const quarter = ((turns % 4) + 4) % 4;
    const order = x.shape.map((_, d) => d);
    const [i, j] = [p < 0 ? p + nd : p, q < 0 ? q + nd : q];
    [order[i], order[j]] = [order[j]!, order[i]!];
    const result = quarter === 0 ? viewOf(x) : quarter === 2 ? flip(flip(x, p), q) : quarter === 1 ? transpose(flip(x, q), order) : flip(transpose(x, order), q);
    // flip of an empty axis gives its input's store itself: the result is always a view of its own.
    return result.store === x.store ? viewOf(x) : result;
  });
}

function arrayList(arrays: unknown, fn: string): readonly unknown[] {
  if (!Array.isArray(arrays)) throw new DTypeError('tup', `${fn}: expected a list of arrays, got ${describeValue(arrays)}`);
  if (arrays.length === 0) throw new ValueError('tup', 'need at least one array to concatenate');
  return arrays;
}

/**
 * A view with the rows in reverse order (NumPy's `flipud`: `flip(m, 0)`); `m` at least 1-D.
 *
 * @example
 * ```ts
 * console.log(np.flipud(np.array([[1, 2, 3], [4, 5, 6]])));
 * // array([[4, 5, 6],
 * //        [1, 2, 3]])
 * ```
 */
export function flipud(m: ArrayInput): ndarray {
  checkArity(arguments.length, ['m'], 'flipud');
  return tidy(() => {
    const a = arrayFrom(m, 'm', 'flipud');
    if (a.ndim < 1) throw new ValueError('m', 'flipud: Input must be >= 1-d.');
    return flip(a, 0);
  });
}

/**
 * A view with the columns in reverse order (NumPy's `fliplr`: `flip(m, 1)`); `m` at least 2-D.
 *
 * @example
 * ```ts
 * console.log(np.fliplr(np.array([[1, 2, 3], [4, 5, 6]])));
 * // array([[3, 2, 1],
 * //        [6, 5, 4]])
 * ```
 */
export function fliplr(m: ArrayInput): ndarray {
  checkArity(arguments.length, ['m'], 'fliplr');
  return tidy(() => {
    const a = arrayFrom(m, 'm', 'fliplr');
    if (a.ndim < 2) throw new ValueError('m', 'fliplr: Input must be >= 2-d.');
    return flip(a, 1);
  });
}

/**
 * 1-D arrays as columns of a 2-D array, 2-D arrays as they are, joined along axis 1 (NumPy's `column_stack`).
 *
 * @example
 * ```ts
 * console.log(np.columnStack([np.array([1, 2]), np.array([3, 4])]));
 * // array([[1, 3],
 * //        [2, 4]])
 * ```
 */
export function columnStack(tup: readonly ArrayInput[]): ndarray {
  checkArity(arguments.length, ['tup'], 'column_stack');
  const list = arrayList(tup, 'column_stack');
  return tidy(() =>
    concatenate(
      list.map((given, i) => {
        const a = arrayFrom(given, `tup[${i}]`, 'column_stack');
        return a.ndim === 0 ? a.reshape(1, 1) : a.ndim === 1 ? a.reshape(a.size, 1) : a;
      }),
      1,
    ),
  );
}

/**
 * Rows stacked (NumPy's `row_stack`, the old name of `vstack`).
 *
 * @example
 * ```ts
 * console.log(np.rowStack([np.array([1, 2]), np.array([3, 4])]));
 * // array([[1, 2],
 * //        [3, 4]])
 * ```
 */
export function rowStack(tup: readonly ArrayInput[]): ndarray {
  checkArity(arguments.length, ['tup'], 'row_stack');
  const list = arrayList(tup, 'row_stack');
  return tidy(() => concatenate(atleast(2, 'row_stack', list as ArrayInput[]), 0));
}

/**
 * Arrays joined along the third axis after `atleast3d` (NumPy's `dstack`).
 *
 * @example
 * ```ts
 * console.log(np.dstack([np.array([1, 2]), np.array([3, 4])]));
 * // array([[[1, 3],
 * //         [2, 4]]])
 * ```
 */
export function dstack(tup: readonly ArrayInput[]): ndarray {
  checkArity(arguments.length, ['tup'], 'dstack');
  const list = arrayList(tup, 'dstack');
  return tidy(() => concatenate(atleast(3, 'dstack', list as ArrayInput[]), 2));
}

function splitAlong(name: string, minDims: number, axisOf: (ndim: number) => number) {
  return function (ary: ndarray, indicesOrSections: number | readonly number[]): ndarray[] {
    checkArity(arguments.length, ['ary', 'indices_or_sections'], name);
    if (!(ary instanceof ndarray)) throw new DTypeError('ary', `${name}: expected an ndarray, got ${describeValue(ary)}`);
    if (ary.ndim < minDims) {
      throw new ValueError('ary', `${name} only works on arrays of ${minDims} or more dimensions`);
    }
    return split(ary, indicesOrSections, axisOf(ary.ndim));
  };
}

/**
 * Views split along the columns (NumPy's `hsplit`): axis 1, or axis 0 of a 1-D array.
 *
 * @example
 * ```ts
 * const [left, right] = np.hsplit(np.arange(8).reshape([2, 4]), 2);
 * console.log(left, right);
 * // array([[0, 1],
 * //        [4, 5]]) array([[2, 3],
 * //        [6, 7]])
 * ```
 */
export const hsplit = splitAlong('hsplit', 1, (ndim) => (ndim > 1 ? 1 : 0));
/**
 * Views split along the rows (NumPy's `vsplit`): axis 0 of an array of at least 2 dimensions.
 *
 * @example
 * ```ts
 * const [top, bottom] = np.vsplit(np.arange(4).reshape([2, 2]), 2);
 * console.log(top, bottom);
 * // array([[0, 1]]) array([[2, 3]])
 * ```
 */
export const vsplit = splitAlong('vsplit', 2, () => 0);
/**
 * Views split along the depth (NumPy's `dsplit`): axis 2 of an array of at least 3 dimensions.
 *
 * @example
 * ```ts
 * const [front, back] = np.dsplit(np.arange(4).reshape([1, 1, 4]), [1]);
 * console.log(front, back);
 * // array([[[0]]]) array([[[1, 2, 3]]])
 * ```
 */
export const dsplit = splitAlong('dsplit', 3, () => 2);

/** NumPy's keyword argument of {@link unstack}. */
export interface UnstackOptions {
  axis?: number;
}

/**
 * Views of `x`'s slices along `axis` (default 0), one per index (NumPy's `unstack`).
 *
 * @example
 * ```ts
 * const [first, second] = np.unstack(np.array([[1, 2], [3, 4]]), { axis: 1 });
 * console.log(first, second);
 * // array([1, 3]) array([2, 4])
 * ```
 */
export function unstack(x: ndarray, options: UnstackOptions = {}): ndarray[] {
  checkArity(arguments.length, ['x', 'options'], 'unstack');
  if (!(x instanceof ndarray)) throw new DTypeError('x', `unstack: expected an ndarray, got ${describeValue(x)}`);
  const { axis = 0 } = checkOptions(options, ['axis'], 'unstack');
  checkInteger(axis, 'axis', 'unstack');
  if (x.ndim === 0) throw new ValueError('x', 'Input array must be at least 1-d.');
  const d = normalizeAxis(axis, x.ndim, 'axis');
  return Array.from({ length: x.shape[d]! }, (_, i) => new ndarray(x.store.project(d, i)));
}

/**
 * A view with `axis` moved to before position `start` (NumPy's `rollaxis`, the older spelling
 * of {@link moveaxis}): `start` counts positions before the move (0 to ndim).
 *
 * @example
 * ```ts
 * console.log(np.rollaxis(np.zeros([3, 4, 5, 6]), 3, 1).shape);
 * // [ 3, 6, 4, 5 ]
 * ```
 */
export function rollaxis(a: ndarray, axis: number, start = 0): ndarray {
  checkArity(arguments.length, ['a', 'axis', 'start'], 'rollaxis');
  if (!(a instanceof ndarray)) throw new DTypeError('a', `rollaxis: expected an ndarray, got ${describeValue(a)}`);
  checkInteger(axis, 'axis', 'rollaxis');
  checkInteger(start, 'start', 'rollaxis');
  const n = a.ndim;
  const from = normalizeAxis(axis, n, 'axis');
  const at = start < 0 ? start + n : start;
  if (at < 0 || at > n) throw new AxisError('start', `'start' arg requires ${-n} <= start < ${n + 1}, but ${start} was passed in`);
  const to = from < at ? at - 1 : at;
  return moveaxis(a, from, to);
}

/** Nested lists of arrays (or scalars) for {@link block}. */
export type BlockInput = ArrayInput | readonly BlockInput[];

/**
 * An array assembled from nested lists of blocks (NumPy's `block`): the innermost lists are
 * joined along the last axis, the next ones along the one before, and so on; every block is
 * first given as many dimensions as the deepest (extent-1 axes in front).
 *
 * @example
 * ```ts
 * const A = np.eye(2);
 * console.log(np.block([[A, np.zeros([2, 1])], [np.ones([1, 2]), np.array([[5]])]]));
 * // array([[1., 0., 0.],
 * //        [0., 1., 0.],
 * //        [1., 1., 5.]])
 * ```
 */
export function block(arrays: BlockInput): ndarray {
  checkArity(arguments.length, ['arrays'], 'block');
  const depthOf = (x: unknown, path: string): number => {
    if (!Array.isArray(x)) return 0;
    if (x.length === 0) throw new ValueError('arrays', `List at ${path || 'arrays'} cannot be empty`);
    const depths = x.map((item, i) => depthOf(item, `${path}[${i}]`));
    if (depths.some((d) => d !== depths[0])) throw new ValueError('arrays', `List depths are mismatched at ${path || 'arrays'}`);
    return 1 + depths[0]!;
  };
  const depth = depthOf(arrays, '');
  return tidy(() => {
    if (depth === 0) {
      const x = arrayFrom(arrays, 'arrays', 'block');
      return x === arrays ? astype(x, x.dtype) : x;
    }
    const leaves: ndarray[] = [];
    const collect = (x: unknown, level: number, path: string): void => {
      if (level === depth) leaves.push(arrayFrom(x, path, 'block'));
      else (x as unknown[]).forEach((item, i) => collect(item, level + 1, `${path}[${i}]`));
    };
    collect(arrays, 0, 'arrays');
    const nd = Math.max(depth, ...leaves.map((l) => l.ndim));
    let next = 0;
    const build = (x: unknown, level: number): ndarray => {
      if (level === depth) {
        const leaf = leaves[next++]!;
        return leaf.ndim === nd ? leaf : reshape(leaf, [...new Array<number>(nd - leaf.ndim).fill(1), ...leaf.shape]);
      }
      return concatenate((x as unknown[]).map((item) => build(item, level + 1)), nd - (depth - level));
    };
    return build(arrays, 0);
  });
}
