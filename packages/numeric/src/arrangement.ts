// NumPy's append, atleast_1d / atleast_2d / atleast_3d and rot90: views where NumPy gives views
// (new extent-1 axes, flips, transposes), concatenate otherwise.
import { tidy } from '@legate/core';

import { describeValue, keywords } from './arguments.js';
import { ValueError } from './errors.js';
import { arrayFrom, checkInteger, viewOf, type ArrayInput } from './inputs.js';
import { concatenate, flip } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { expandDims, ravel, transpose } from './shape.js';

/** NumPy's keyword argument of {@link append} not given positionally. */
export interface AppendOptions {
  /** The axis to join along; null (default) flattens both first. */
  axis?: number | null;
}

/**
 * `values` joined after `arr` along `axis` (NumPy's `append`): both flattened when `axis` is
 * null (the default), else they must match on every other axis. A new array, promoted as
 * concatenate; scalars and lists are arrays of NumPy's types for them.
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
 */
export function atleast1d(ary: ArrayInput): ndarray;
export function atleast1d(...arys: ArrayInput[]): ndarray[];
export function atleast1d(...arys: ArrayInput[]): ndarray | ndarray[] {
  const out = atleast(1, 'atleast1d', arys);
  return arys.length === 1 ? out[0]! : out;
}

/** Arrays of at least two dimensions (NumPy's `atleast_2d`): (N,) becomes (1, N), 0-d (1, 1). */
export function atleast2d(ary: ArrayInput): ndarray;
export function atleast2d(...arys: ArrayInput[]): ndarray[];
export function atleast2d(...arys: ArrayInput[]): ndarray | ndarray[] {
  const out = atleast(2, 'atleast2d', arys);
  return arys.length === 1 ? out[0]! : out;
}

/** Arrays of at least three dimensions (NumPy's `atleast_3d`): (N,) becomes (1, N, 1), (M, N) (M, N, 1), 0-d (1, 1, 1). */
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
