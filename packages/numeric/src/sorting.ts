// Sorting and searching (NumPy's sort, argsort, searchsorted, nonzero, flatnonzero, argwhere,
// unique, bincount, histogram). Lines along the sorted axis are sorted in parallel; a 1-D array
// is sorted in runs across processors and merged. Results whose size depends on the data
// (nonzero, unique) come from unbound stores, each piece sizing its own part.
import { align, AutoTask, broadcast, checkOptions, chooseTiling, dtype as toDType, DTypeError, LogicalStore, ManualTask, Scalar, tidy } from '@legate/core';

import { checkArity, describeValue, keywords, named } from './arguments.js';
import { shapeOf } from './creation.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { IndexError } from './indexing.js';
import { arrayFrom, withArrayLike, type ArrayInput } from './inputs.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { astype, checkArray, filled, freeTiling } from './operations.js';
import { max, min } from './reductions.js';
import { takeAlongAxis } from './manipulation.js';
import { ravel, reshape } from './shape.js';
import { Task } from './tasks.js';
import { floorDivide, mod, notEqual, subtract } from './ufunc.js';

/** Accepted for NumPy compatibility: every sort here is stable (NumPy's kind='stable'). */
export type SortKind = 'quicksort' | 'mergesort' | 'heapsort' | 'stable';

/** NumPy's keyword arguments of {@link sort} and {@link argsort}, as one options object, last. */
export interface SortOptions {
  axis?: number | null;
  kind?: SortKind;
}

const INT64 = toDType('int64');

function checkKind(kind: unknown, name: string): void {
  if (kind !== undefined && !['quicksort', 'mergesort', 'heapsort', 'stable'].includes(kind as string)) {
    throw new ValueError('kind', `${name}: sort kind must be one of 'quicksort', 'heapsort', or 'stable' (got '${String(kind)}')`);
  }
}

/** Sorted values (or the order that sorts them) along `axis`. */
function sortAlong(a: ndarray, axis: number, arg: boolean): ndarray {
  const t = arg ? INT64 : a.dtype;
  const out = new ndarray(LogicalStore.create(a.shape, t));
  if (a.size === 0) return out;
  const scalars = [new Scalar(axis, 'int32'), new Scalar(arg ? 1 : 0, 'int32')];
  if (a.ndim === 1) {
    // Runs sorted on every processor, then merged.
    const n = a.shape[0]!;
    const { colors, tiles } = chooseTiling([n], [true]);
    if (colors[0]! > 1) {
      const runs = LogicalStore.create([n], t);
      const sortTask = new ManualTask(library, Task.Sort, [colors[0]!]).addInput(a.store).addOutput(runs).tile(a.store, [tiles[0]!]).tile(runs, [tiles[0]!]);
      for (const s of scalars) sortTask.addScalar(s);
      sortTask.execute();
      if (colors[0] === 2) {
        // Two runs: every processor merges its share of the output.
        const keys = arg ? a.store : runs;
        const merge = new ManualTask(library, Task.MergePieces, [colors[0]!]).addInput(keys).tile(keys, [null]);
        if (arg) merge.addInput(runs).tile(runs, [null]);
        merge.addOutput(out.store).tile(out.store, [tiles[0]!]).addScalar(new Scalar(arg ? 1 : 0, 'int32')).addScalar(new Scalar(BigInt(tiles[0]!), 'int64')).execute();
        runs.dispose();
        return out;
      }
      const merge = new AutoTask(library, Task.Merge).addScalar(new Scalar(arg ? 1 : 0, 'int32'));
      for (let b = 0; b <= colors[0]!; b++) merge.addScalar(new Scalar(BigInt(Math.min(n, b * tiles[0]!)), 'int64'));
      merge.addInput(arg ? a.store : runs).addConstraint(broadcast(arg ? a.store : runs));
      if (arg) merge.addInput(runs).addConstraint(broadcast(runs));
      merge.addOutput(out.store).addConstraint(broadcast(out.store)).execute();
      runs.dispose();
      return out;
    }
  }
  if (a.ndim === 1) {
    const task = new AutoTask(library, Task.Sort).addInput(a.store).addOutput(out.store).addConstraint(broadcast(a.store)).addConstraint(broadcast(out.store));
    for (const s of scalars) task.addScalar(s);
    task.execute();
    return out;
  }
  const { grid, tiles } = freeTiling(a.shape, a.shape.map((_, d) => d !== axis));
  const task = new ManualTask(library, Task.Sort, grid).addInput(a.store).addOutput(out.store).tile(a.store, tiles).tile(out.store, tiles);
  for (const s of scalars) task.addScalar(s);
  task.execute();
  return out;
}

/**
 * A sorted copy along `axis` (the flattened array for null), NaNs last (NumPy's `sort`).
 *
 * NumPy's `np.sort`.
 *
 * @example
 * ```ts
 * console.log(np.sort(np.array([[3, 1, 2], [9, 7, 8]])));
 * // array([[1, 2, 3],
 * //        [7, 8, 9]])
 * ```
 */
export function sort(a: ArrayInput, axisArg?: number | null | SortOptions, kindArg?: SortKind | SortOptions): ndarray {
  return withArrayLike(a, 'a', 'sort', (a) => {
    const [, axis = -1, kind] = keywords(arguments, ['a', 'axis', 'kind'], 'sort', 1) as [unknown, (number | null)?, SortKind?];
    checkArray(a, 'a', 'sort');
    checkKind(kind, 'sort');
    if (axis === null) return tidy(() => sortAlong(ravel(a), 0, false));
    if (a.ndim === 0) throw new ValueError('axis', 'sort: axis is out of bounds for a 0-d array');
    return sortAlong(a, normalizeAxis(axis, a.ndim, 'axis'), false);
  });
}

/**
 * The indices that sort `a` along `axis`, stably (NumPy's `argsort(kind='stable')`).
 *
 * NumPy's `np.argsort`.
 *
 * @example
 * ```ts
 * console.log(np.argsort(np.array([30, 10, 20])));
 * // array([1, 2, 0])
 * ```
 */
export function argsort(a: ArrayInput, axisArg?: number | null | SortOptions, kindArg?: SortKind | SortOptions): ndarray {
  return withArrayLike(a, 'a', 'argsort', (a) => {
    const [, axis = -1, kind] = keywords(arguments, ['a', 'axis', 'kind'], 'argsort', 1) as [unknown, (number | null)?, SortKind?];
    checkArray(a, 'a', 'argsort');
    checkKind(kind, 'argsort');
    if (axis === null) return tidy(() => sortAlong(ravel(a), 0, true));
    // NumPy argsorts a 0-d array as a 1-d one of one element (axis 0 or -1).
    if (a.ndim === 0) return tidy(() => sortAlong(ravel(a), normalizeAxis(axis, 1, 'axis'), true));
    return sortAlong(a, normalizeAxis(axis, a.ndim, 'axis'), true);
  });
}

/** NumPy's only selection algorithm name, accepted by {@link partition} and {@link argpartition}. */
export type PartitionKind = 'introselect';

/** NumPy's keyword arguments of {@link partition} and {@link argpartition}. */
export interface PartitionOptions {
  axis?: number | null;
  kind?: PartitionKind;
}

/** `kth` checked (integers within the axis' length, negatives counted from the end). */
function checkKth(kth: unknown, n: number, name: string): void {
  let values: unknown[];
  if (kth instanceof ndarray) {
    if (!(kth.dtype.isInteger || kth.dtype.kind === 'b') || kth.ndim > 1) throw new DTypeError('kth', `${name}: Partition index must be integer`);
    values = Array.from(kth.toArray() as ArrayLike<number | bigint>, Number);
  } else {
    values = Array.isArray(kth) ? kth : [kth];
  }
  for (const k of values) {
    if (typeof k !== 'number' && typeof k !== 'bigint') throw new DTypeError('kth', `${name}: Partition index must be integer, got ${describeValue(k)}`);
    if (typeof k === 'number' && !Number.isInteger(k)) throw new DTypeError('kth', `${name}: Partition index must be integer, got ${k}`);
    // NumPy checks kth only where there is something to partition.
    const v = Number(k);
    if (n > 0 && (v >= n || v < -n)) throw new ValueError('kth', `${name}: kth(=${v < 0 ? v + n : v}) out of bounds (${n})`);
  }
}

/** partition's and argpartition's arguments checked: `a` (already an array), and the axis (null: flattened). */
function partitionArguments(name: string, args: IArguments, a: ndarray): [ndarray, number | null] {
  const [, kth, axis = -1, kind] = keywords(args, ['a', 'kth', 'axis', 'kind'], name, 2) as [unknown, unknown, (number | null)?, unknown?];
  checkArray(a, 'a', name);
  if (kind !== undefined && kind !== 'introselect') throw new ValueError('kind', `${name}: select kind must be 'introselect' (got '${String(kind)}')`);
  if (axis === null) {
    checkKth(kth, a.size, name);
    return [a, null];
  }
  const ax = normalizeAxis(axis, a.ndim, 'axis');
  checkKth(kth, a.shape[ax]!, name);
  return [a, ax];
}

/**
 * A copy of `a` partitioned along `axis` (the flattened array for null) around each `kth`: the
 * element at `kth` is the one a sort would put there, none before it is greater and none after
 * it is less (NumPy's `np.partition`). Every line is sorted in full here, which is one valid
 * partition for every `kth` at once; NaNs go last, as NumPy's.
 *
 * @example
 * ```ts
 * console.log(np.partition(np.array([7, 1, 5, 3, 9]), 2).get(2));
 * // 5
 * ```
 */
export function partition(a: ArrayInput, kth: number | readonly number[] | ndarray, axis?: number | null | PartitionOptions, kind?: PartitionKind | PartitionOptions): ndarray {
  return withArrayLike(a, 'a', 'partition', (a) => {
    const [array, ax] = partitionArguments('partition', arguments, a);
    return ax === null ? tidy(() => sortAlong(ravel(array), 0, false)) : sortAlong(array, ax, false);
  });
}

/**
 * The indices that partition `a` along `axis` around each `kth` (NumPy's `np.argpartition`):
 * `takeAlongAxis(a, argpartition(a, k), axis)` is partitioned as {@link partition}'s result is.
 * The indices are those of a stable sort.
 *
 * @example
 * ```ts
 * const a = np.array([7, 1, 5, 3, 9]);
 * console.log(a.get(np.argpartition(a, 1).get(1) as number));
 * // 3
 * ```
 */
export function argpartition(a: ArrayInput, kth: number | readonly number[] | ndarray, axis?: number | null | PartitionOptions, kind?: PartitionKind | PartitionOptions): ndarray {
  return withArrayLike(a, 'a', 'argpartition', (a) => {
    const [array, ax] = partitionArguments('argpartition', arguments, a);
    return ax === null ? tidy(() => sortAlong(ravel(array), 0, true)) : sortAlong(array, ax, true);
  });
}

/** NumPy's keyword argument of {@link lexsort}. */
export interface LexsortOptions {
  axis?: number;
}

/**
 * The indices that sort by several keys along `axis` (default -1): the last key is the primary
 * one, ties broken by the key before it, and so on; stable (NumPy's `np.lexsort`). `keys` is a
 * list of arrays of one shape, or an array whose first dimension indexes the keys (so a 1-d
 * array is that many 0-d keys, as in NumPy).
 *
 * @example
 * ```ts
 * const surnames = np.array([2, 1, 2, 1]); // primary
 * const firstNames = np.array([0, 3, 1, 2]);
 * console.log(np.lexsort([firstNames, surnames]));
 * // array([3, 1, 0, 2])
 * ```
 */
export function lexsort(keys: readonly ArrayInput[] | ndarray, axis?: number | LexsortOptions): ndarray {
  const [given, ax = -1] = keywords(arguments, ['keys', 'axis'], 'lexsort', 1) as [unknown, number?];
  let list: ndarray[];
  if (given instanceof ndarray) {
    // An array holds a key per index of its first dimension (a 1-d one: 0-d keys, as NumPy's).
    if (given.ndim === 0) throw new ValueError('keys', 'lexsort: need sequence of keys with len > 0 in lexsort');
    list = Array.from({ length: given.shape[0]! }, (_, i) => given.slice(`${i}`));
  } else if (Array.isArray(given)) {
    if (!given.every((k) => k instanceof ndarray)) {
      // Lists among the keys: made into arrays here, freed after.
      return tidy(() => lexsort(given.map((k, i) => (k instanceof ndarray ? k : arrayFrom(k, `keys[${i}]`, 'lexsort'))), ax));
    }
    list = [...(given as ndarray[])];
  } else {
    throw new DTypeError('keys', `lexsort: expected a list of arrays or an array, got ${describeValue(given)}`);
  }
  if (list.length === 0) throw new ValueError('keys', 'lexsort: need sequence of keys with len > 0 in lexsort');
  const shape = list[0]!.shape;
  if (list.some((k) => k.shape.length !== shape.length || k.shape.some((e, d) => e !== shape[d]))) throw new ValueError('keys', 'lexsort: all keys need to be the same shape');
  const views = given instanceof ndarray ? list : [];
  try {
    if (shape.length === 0) {
      normalizeAxis(ax, 1, 'axis');
      return filled([], INT64, 0n);
    }
    const d = normalizeAxis(ax, shape.length, 'axis');
    return tidy(() => {
      // The least significant key first; each more significant one re-sorted stably on top.
      let order = sortAlong(list[0]!, d, true);
      for (const key of list.slice(1)) {
        const along = takeAlongAxis(key, order, d);
        order = takeAlongAxis(order, sortAlong(along, d, true), d);
      }
      return order;
    });
  } finally {
    views.forEach((v) => v.dispose());
  }
}

/**
 * A sorted copy of `a` as complex numbers: by real part, then imaginary part (NumPy's
 * `np.sort_complex`). int8, uint8, int16 and uint16 give complex64, other real types complex128.
 *
 * @example
 * ```ts
 * console.log(np.sortComplex(np.array([5, 3, 6, 2, 1])));
 * // array([1.+0.j, 2.+0.j, 3.+0.j, 5.+0.j, 6.+0.j])
 * ```
 */
export function sortComplex(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'sortComplex', (a) => {
    checkArity(arguments.length, ['a'], 'sort_complex');
    checkArray(a, 'a', 'sort_complex');
    return tidy(() => {
      const sorted = a.ndim === 0 ? ravel(a) : sortAlong(a, a.ndim - 1, false);
      if (sorted.dtype.isComplex) return sorted;
      return astype(sorted, ['int8', 'uint8', 'int16', 'uint16'].includes(sorted.dtype.name) ? 'complex64' : 'complex128');
    });
  });
}

/**
 * Where each of `v` would go in the sorted 1-D `a` (NumPy's `searchsorted`).
 *
 * NumPy's `np.searchsorted`.
 *
 * @example
 * ```ts
 * console.log(np.searchsorted(np.array([1, 3, 5, 7]), np.array([0, 3, 6])));
 * // array([0, 1, 3])
 * ```
 */
export function searchsorted(a: ArrayInput, v: ArrayInput, side: 'left' | 'right' = 'left', sorter?: ndarray): ndarray {
  return withArrayLike(a, 'a', 'searchsorted', (a) => {
    checkArity(arguments.length, ['a', 'v', 'side', 'sorter'], 'searchsorted');
    checkArray(a, 'a', 'searchsorted');
    if (a.ndim !== 1) throw new ValueError('a', `searchsorted: a must be 1-D, got shape (${a.shape.join(', ')})`);
    if (side !== 'left' && side !== 'right') throw new ValueError('side', `searchsorted: side must be 'left' or 'right' (got '${String(side)}')`);
    return tidy(() => {
      const sortedA = sorter === undefined ? a : gatherFlat(a, sorter);
      // A number or list of v is its own array (2.5 among integers stays 2.5), as NumPy's.
      const values = v instanceof ndarray ? v : arrayFrom(v, 'v', 'searchsorted');
      const t = a.dtype === values.dtype ? a.dtype : (toDType(a.dtype.isComplex || values.dtype.isComplex ? 'complex128' : a.dtype.isFloating || values.dtype.isFloating ? 'float64' : 'int64'));
      const keys = sortedA.dtype === t ? sortedA : astype(sortedA, t);
      const queries = values.dtype === t ? values : astype(values, t);
      const out = new ndarray(LogicalStore.create(queries.shape, INT64));
      if (out.size > 0) {
        new AutoTask(library, Task.Searchsorted)
          .addInput(keys.store)
          .addInput(queries.store)
          .addOutput(out.store)
          .addConstraint(broadcast(keys.store))
          .addConstraint(align(out.store, queries.store))
          .addScalar(new Scalar(side === 'right' ? 1 : 0, 'int32'))
          .execute();
      }
      return out;
    });
  });
}

/**
 * The positions of the nonzero elements of the flattened array, ascending (NumPy's `flatnonzero`).
 *
 * @example
 * ```ts
 * console.log(np.flatnonzero(np.array([[0, 3], [4, 0]])));
 * // array([1, 2])
 * ```
 */
export function flatnonzero(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'flatnonzero', (a) => {
    checkArity(arguments.length, ['a'], 'flatnonzero');
    checkArray(a, 'a', 'flatnonzero');
    return tidy(() => {
      const flat = ravel(a);
      if (flat.size === 0) return new ndarray(LogicalStore.create([0], INT64));
      const out = LogicalStore.createUnbound('int64');
      const { colors, tiles } = chooseTiling([flat.size], [true]);
      new ManualTask(library, Task.Nonzero, [colors[0]!]).addInput(flat.store).addOutput(out).tile(flat.store, [tiles[0]!]).execute();
      return new ndarray(out);
    });
  });
}

/**
 * The indices of the nonzero elements, one array per dimension (NumPy's `nonzero`).
 *
 * @example
 * ```ts
 * const [rows, cols] = np.nonzero(np.array([[0, 3], [4, 0]]));
 * console.log(rows, cols);
 * // array([0, 1]) array([1, 0])
 * ```
 */
export function nonzero(a: ArrayInput): ndarray[] {
  return withArrayLike(a, 'a', 'nonzero', (a) => {
    checkArity(arguments.length, ['a'], 'nonzero');
    checkArray(a, 'a', 'nonzero');
    if (a.ndim === 0) throw new ValueError('a', 'nonzero: calling nonzero on 0d arrays is not allowed; use atleast_1d');
    return tidy(() => unravel(flatnonzero(a), a.shape));
  });
}

/**
 * Flat indices into `shape` as one index array per dimension (NumPy's `unravel_index`).
 *
 * @example
 * ```ts
 * const [rows, cols] = np.unravelIndex(np.array([22, 41, 37]), [7, 6]);
 * console.log(rows, cols);
 * // array([3, 6, 6]) array([4, 5, 1])
 * ```
 */
export function unravel(flat: ndarray, shape: readonly number[]): ndarray[] {
  checkArity(arguments.length, ['indices', 'shape'], 'unravelIndex');
  checkArray(flat, 'indices', 'unravel_index');
  shapeOf(shape as number[], 'shape');
  const coordinates: ndarray[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    coordinates.unshift(d === 0 ? rest : mod(rest, shape[d]!));
    if (d > 0) {
      const quotient = floorDivide(rest, shape[d]!);
      if (rest !== flat) rest.store.dispose(); // an intermediate quotient
      rest = quotient;
    }
  }
  return coordinates;
}

/**
 * The coordinates of the nonzero elements, one row each (NumPy's `argwhere`).
 *
 * @example
 * ```ts
 * console.log(np.argwhere(np.array([[0, 3], [4, 0]])));
 * // array([[0, 1],
 * //        [1, 0]])
 * ```
 */
export function argwhere(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'argwhere', (a) => {
    checkArity(arguments.length, ['a'], 'argwhere');
    checkArray(a, 'a', 'argwhere');
    return tidy(() => {
      const columns = a.ndim === 0 ? [] : nonzero(a);
      const count = a.ndim === 0 ? (a.item() ? 1 : 0) : columns[0]!.size;
      const out = new ndarray(LogicalStore.create([count, a.ndim], INT64));
      columns.forEach((c, d) => out.slice(':', d).assign(c));
      return out;
    });
  });
}

/**
 * @internal `source.flat[indices]` (negative indices count from the end; the kernel fails the
 * task on one out of range, so callers check first where the indices come from users).
 */
export function gatherFlat(source: ndarray, indices: ndarray): ndarray {
  if (indices.size > 0 && source.size === 0) throw new IndexError('indices', 'cannot do a non-empty take from an empty axes.');
  const out = new ndarray(LogicalStore.create(indices.shape, source.dtype));
  if (out.size === 0) return out;
  tidy(() => {
    const idx = indices.dtype === INT64 ? indices : astype(indices, INT64);
    new AutoTask(library, Task.Take).addInput(source.store).addInput(idx.store).addOutput(out.store).addConstraint(broadcast(source.store)).addConstraint(align(out.store, idx.store)).execute();
  });
  return out;
}

/** @internal `target.flat[indices] = values` in order, values cycled; the whole target in one piece. */
export function scatterFlat(target: ndarray, indices: ndarray, values: ndarray): void {
  if (indices.size === 0) return;
  tidy(() => {
    const idx = ravel(indices.dtype === INT64 ? indices : astype(indices, INT64));
    const v = ravel(values.dtype === target.dtype ? values : astype(values, target.dtype));
    new AutoTask(library, Task.Put)
      .addInput(idx.store)
      .addInput(v.store)
      .addInputOutput(target.store)
      .addConstraint(broadcast(idx.store))
      .addConstraint(broadcast(v.store))
      .addConstraint(broadcast(target.store))
      .execute();
  });
}

export interface UniqueOptions {
  returnIndex?: boolean;
  returnInverse?: boolean;
  returnCounts?: boolean;
  /** Whether the NaNs are one value (default true, as NumPy's); false keeps each NaN apart. */
  equalNan?: boolean;
}

/** {@link unique}'s result with options: NumPy's tuple (`const [values, counts] = unique(a, { returnCounts: true })`), and each part by name. */
export interface UniqueResult extends UniqueParts, Iterable<ndarray> {
  readonly length: number;
  readonly [index: number]: ndarray;
}

interface UniqueParts {
  values: ndarray;
  /** The first position of each value in the flattened input. */
  indices?: ndarray;
  /** For each input element, its value's position in `values` (the input's shape). */
  inverse?: ndarray;
  counts?: ndarray;
}

/**
 * The sorted distinct values of the flattened array (NumPy's `unique`), with the first
 * indices, the inverse and the counts when asked. Without options it returns the values alone.
 *
 * NumPy's `np.unique`.
 *
 * @example
 * ```ts
 * console.log(np.unique(np.array([3, 1, 3, 2, 1])));
 * // array([1, 2, 3])
 * ```
 */
export function unique(a: ArrayInput): ndarray;
export function unique(a: ArrayInput, options: UniqueOptions): UniqueResult;
export function unique(given: ArrayInput, options?: UniqueOptions): ndarray | UniqueResult {
  return withArrayLike(given, 'a', 'unique', (a) => uniqueOf(a, options));
}

function uniqueOf(a: ndarray, options?: UniqueOptions): ndarray | UniqueResult {
  checkArray(a, 'a', 'unique');
  if (options !== undefined) checkOptions(options, ['returnIndex', 'returnInverse', 'returnCounts', 'equalNan'], 'unique');
  const result = uniqueParts(a, { equalNan: true, ...options });
  if (!options || (!options.returnIndex && !options.returnInverse && !options.returnCounts)) return result.values;
  // NumPy's tuple: the values, then what was asked for, in its order; each also by name.
  const tuple = [result.values, result.indices, result.inverse, result.counts].filter((x): x is ndarray => x !== undefined);
  return named(tuple, result as unknown as Record<string, unknown>) as unknown as UniqueResult;
}

function uniqueParts(a: ndarray, options: UniqueOptions): UniqueParts {
  return tidy(() => {
    const flat = ravel(a);
    const n = flat.size;
    const order = sortAlong(flat, 0, true);
    const sorted = gatherFlat(flat, order);
    // Group starts: 0 and every position where the sorted value changes (NaNs are one group).
    let starts: ndarray;
    if (n === 0) {
      starts = new ndarray(LogicalStore.create([0], INT64));
    } else {
      const changes = new ndarray(LogicalStore.create([n], toDType('bool')));
      changes.slice('0').fill(true);
      if (n > 1) {
        const previous = sorted.slice(':-1');
        const next = sorted.slice('1:');
        changes.slice('1:').assign(notEqual(next, previous));
        if ((a.dtype.isFloating || a.dtype.isComplex) && options.equalNan !== false) {
          // NaN != NaN, but NumPy 2 collapses the NaNs into one (equal_nan=True).
          const bothNan = new ndarray(LogicalStore.create([n - 1], toDType('bool')));
          bothNan.assign(tidy(() => next.notEqual(next).bitwiseAnd(previous.notEqual(previous))));
          changes.slice('1:').assign(changes.slice('1:').bitwiseAnd(bothNan.invert()));
        }
      }
      starts = flatnonzero(changes);
    }
    const values = gatherFlat(sorted, starts);
    const out: UniqueParts = { values };
    if (options?.returnIndex) out.indices = gatherFlat(order, starts);
    if (options?.returnCounts) {
      const ends = new ndarray(LogicalStore.create([starts.size], INT64));
      if (starts.size > 0) {
        ends.slice(':-1').assign(starts.slice('1:'));
        ends.slice('-1').fill(BigInt(n));
      }
      out.counts = subtract(ends, starts);
    }
    if (options?.returnInverse) {
      // Group id of each sorted position, scattered back to the original positions.
      const group = new ndarray(LogicalStore.create([n], INT64));
      if (n > 0) {
        const marks = new ndarray(LogicalStore.create([n], INT64));
        marks.fill(0n);
        scatterFlat(marks, starts, filled([starts.size], INT64, 1n));
        const ids = subtract(marks.cumsum(0), 1);
        scatterFlat(group, order, ids);
      }
      out.inverse = reshape(group, a.shape);
    }
    return out;
  });
}

/** {@link uniqueAll}'s result: NumPy's `UniqueAllResult`, destructurable in its order and by name. */
export type UniqueAllResult = [ndarray, ndarray, ndarray, ndarray] & { values: ndarray; indices: ndarray; inverseIndices: ndarray; counts: ndarray };
/** {@link uniqueCounts}'s result: NumPy's `UniqueCountsResult`. */
export type UniqueCountsResult = [ndarray, ndarray] & { values: ndarray; counts: ndarray };
/** {@link uniqueInverse}'s result: NumPy's `UniqueInverseResult`. */
export type UniqueInverseResult = [ndarray, ndarray] & { values: ndarray; inverseIndices: ndarray };

function arrayApiUnique(x: ndarray, name: string, count: number, parts: UniqueOptions): UniqueParts {
  checkArity(count, ['x'], name);
  checkArray(x, 'x', name);
  // The array API's unique functions keep every NaN apart (NumPy's equal_nan=False).
  return uniqueParts(x, { ...parts, equalNan: false });
}

/**
 * The sorted distinct values of `x`, the first index of each in the flattened `x`, each
 * element's position in the values (`x`'s shape) and how often each occurs; every NaN is its own
 * value (NumPy's `np.unique_all`).
 *
 * @example
 * ```ts
 * const { values, counts } = np.uniqueAll(np.array([3, 1, 3]));
 * console.log(values, counts);
 * // array([1, 3]) array([1, 2])
 * ```
 */
export function uniqueAll(x: ndarray): UniqueAllResult {
  const p = arrayApiUnique(x, 'unique_all', arguments.length, { returnIndex: true, returnInverse: true, returnCounts: true });
  return named([p.values, p.indices!, p.inverse!, p.counts!] as [ndarray, ndarray, ndarray, ndarray], { values: p.values, indices: p.indices!, inverseIndices: p.inverse!, counts: p.counts! });
}

/**
 * The sorted distinct values of `x` and how often each occurs; every NaN is its own value
 * (NumPy's `np.unique_counts`).
 *
 * @example
 * ```ts
 * const [values, counts] = np.uniqueCounts(np.array([2, 2, 5]));
 * console.log(values, counts);
 * // array([2, 5]) array([2, 1])
 * ```
 */
export function uniqueCounts(x: ndarray): UniqueCountsResult {
  const p = arrayApiUnique(x, 'unique_counts', arguments.length, { returnCounts: true });
  return named([p.values, p.counts!] as [ndarray, ndarray], { values: p.values, counts: p.counts! });
}

/**
 * The sorted distinct values of `x` and each element's position in them, in `x`'s shape; every
 * NaN is its own value (NumPy's `np.unique_inverse`).
 *
 * @example
 * ```ts
 * const [values, inverse] = np.uniqueInverse(np.array([[3, 1], [1, 2]]));
 * console.log(values, inverse);
 * // array([1, 2, 3]) array([[2, 0],
 * //        [0, 1]])
 * ```
 */
export function uniqueInverse(x: ndarray): UniqueInverseResult {
  const p = arrayApiUnique(x, 'unique_inverse', arguments.length, { returnInverse: true });
  return named([p.values, p.inverse!] as [ndarray, ndarray], { values: p.values, inverseIndices: p.inverse! });
}

/**
 * The sorted distinct values of `x`; every NaN is its own value (NumPy's `np.unique_values`).
 *
 * @example
 * ```ts
 * console.log(np.uniqueValues(np.array([3, 1, 3, NaN, NaN])));
 * // array([ 1.,  3., nan, nan])
 * ```
 */
export function uniqueValues(x: ndarray): ndarray {
  return arrayApiUnique(x, 'unique_values', arguments.length, {}).values;
}

/**
 * How often each non-negative integer occurs (weighted sums with `weights`) (NumPy's `bincount`).
 *
 * @example
 * ```ts
 * console.log(np.bincount(np.array([0, 1, 1, 3, 2, 1, 7])));
 * // array([1, 3, 1, 1, 0, 0, 0, 1])
 * ```
 */
export function bincount(x: ArrayInput, weights?: ndarray, minlength = 0): ndarray {
  return withArrayLike(x, 'x', 'bincount', (x) => {
    checkArity(arguments.length, ['x', 'weights', 'minlength'], 'bincount');
    checkArray(x, 'x', 'bincount');
    if (x.ndim !== 1) throw new ValueError('x', `bincount: object too deep for desired array (shape (${x.shape.join(', ')}))`);
    if (!(x.dtype.isInteger || x.dtype.kind === 'b')) throw new DTypeError('x', `Cannot cast array data from dtype('${x.dtype.name}') to dtype('int64') according to the rule 'safe'`);
    if (!Number.isSafeInteger(minlength) || minlength < 0) throw new ValueError('minlength', `bincount: minlength must be a non-negative integer, got ${describeValue(minlength)}`);
    if (weights !== undefined) {
      checkArray(weights, 'weights', 'bincount');
      if (weights.ndim !== 1 || weights.size !== x.size) throw new ValueError('weights', `bincount: The weights and list don't have the same length (${weights.size} and ${x.size})`);
    }
    const [smallest, largest] = x.size ? tidy(() => [Number(min(x).item()), Number(max(x).item())]) : [0, -1];
    if (smallest < 0) throw new ValueError('x', "bincount: 'list' argument must have no negative elements");
    const length = Math.max(minlength, largest + 1);
    const t = weights === undefined ? INT64 : weights.dtype.isComplex ? toDType('complex128') : toDType('float64');
    const counts = filled([length], t, t.isComplex ? { re: 0, im: 0 } : t === INT64 ? 0n : 0);
    if (x.size === 0) return counts;
    tidy(() => {
      const bins = x.dtype === INT64 ? x : astype(x, INT64);
      const task = new AutoTask(library, Task.Bincount).addInput(bins.store).addReduction(counts.store, 'add');
      if (weights !== undefined) {
        const w = weights.dtype === t ? weights : astype(weights, t);
        task.addInput(w.store).addConstraint(align(bins.store, w.store));
      }
      task.execute();
    });
    return counts;
  });
}
