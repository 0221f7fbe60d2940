// Shape manipulation: views where the store's affine map can express them, copies otherwise.
import { LogicalStore, ManualTask, ShapeError, partitionSettings } from '@legate/core';

import { checkArity, describeValue } from './arguments.js';
import { shapeOf } from './creation.js';
import { AxisError, normalizeAxis } from './axes.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { astype, broadcastShapes, broadcastStore, shapeText, stepView } from './operations.js';
import { ValueError } from './errors.js';
import { withArrayLike, type ArrayInput } from './inputs.js';
import { Task } from './tasks.js';

/** The shape `newShape` names for `size` elements (one -1 takes what is left). */
export function resolveShape(newShape: number | readonly number[], size: number, current: readonly number[]): number[] {
  if (typeof newShape !== 'number' && !Array.isArray(newShape)) {
    throw new ShapeError('shape', `expected an integer or an array of integers, got ${describeValue(newShape)}`);
  }
  const shape = typeof newShape === 'number' ? [newShape] : [...newShape];
  for (const e of shape) {
    if (!Number.isSafeInteger(e)) {
      throw new ShapeError('shape', `expected integers (one of them may be negative: the unknown one), got ${typeof newShape === 'number' ? describeValue(newShape) : describeValue(shape)}`);
    }
  }
  // As NumPy 2.4, any negative extent (not only -1) is the unknown one.
  const unknown = shape.filter((e) => e < 0).length;
  if (unknown > 1) throw new ShapeError('shape', 'can only specify one unknown dimension');
  const known = shape.reduce((v, e) => (e < 0 ? v : v * e), 1);
  if (unknown) {
    if (known === 0 || size % known !== 0) throw new ShapeError('shape', `cannot reshape array of size ${size} into shape (${shape.map((e) => (e < 0 ? 'newaxis' : e)).join(', ')})`);
    shape[shape.findIndex((e) => e < 0)] = size / known;
  } else if (known !== size) {
    throw new ShapeError('shape', `cannot reshape array of size ${size} into shape ${shapeText(shape)} (from ${shapeText(current)})`);
  }
  return shape;
}

/**
 * The view a reshape is when each old dimension splits into consecutive new ones (extent-1
 * dimensions come and go freely); undefined when dimensions would have to merge.
 */
function reshapeView(store: LogicalStore, shape: readonly number[]): LogicalStore | undefined {
  let view = store;
  // Each step is a view of the storage itself: the intermediate views are freed as they go.
  const step = (v: LogicalStore) => {
    if (view !== store) view.dispose();
    view = v;
  };
  const none = () => {
    if (view !== store) view.dispose();
    return undefined;
  };
  // Drop the old extent-1 dimensions.
  for (let d = view.ndim - 1; d >= 0; d--) if (view.shape[d] === 1) step(view.project(d, 0));
  const target = shape.filter((e) => e !== 1);
  if (view.shape.includes(0) || target.includes(0)) return none();
  let next = 0;
  let dim = 0;
  for (const extent of [...view.shape]) {
    const group: number[] = [];
    let product = 1;
    while (product < extent && next < target.length) {
      product *= target[next]!;
      group.push(target[next++]!);
    }
    if (product !== extent) return none();
    if (group.length > 1) step(view.delinearize(dim, group));
    dim += group.length;
  }
  if (next !== target.length) return none();
  // Put the extent-1 dimensions back where the new shape has them.
  shape.forEach((e, d) => {
    if (e === 1) step(view.promote(d, 1));
  });
  return view;
}

/** A copy of `a`'s elements in C order into a new array of `shape`. */
function reshapeCopy(a: ndarray, shape: readonly number[]): ndarray {
  const out = LogicalStore.create(shape, a.dtype);
  if (out.size === 0) return new ndarray(out);
  const rows = shape.length ? shape[0]! : 1;
  const settings = partitionSettings();
  const pieces = Math.max(1, Math.min(rows, settings.pieces, settings.force ? rows : Math.floor(out.size / settings.minPieceElements) || 1));
  const tile = Math.ceil(rows / pieces);
  new ManualTask(library, Task.Reshape, [Math.ceil(rows / tile)])
    .addOutput(out)
    .addInput(a.store)
    .tile(out, shape.map((_, d) => (d === 0 ? tile : null)))
    .execute();
  return new ndarray(out);
}

/**
 * `a`'s elements in a new shape (one extent may be -1). A view wherever NumPy's is one: each
 * dimension split into consecutive new ones, or consecutive dimensions merged where their steps
 * allow (a contiguous array into any shape; a task writing such a merged view runs as one
 * piece); a copy otherwise (a transposed or strided array merged across its gaps), as NumPy's.
 *
 * NumPy's `np.reshape`.
 *
 * @example
 * ```ts
 * console.log(np.reshape(np.arange(6), [2, 3]));
 * // array([[0, 1, 2],
 * //        [3, 4, 5]])
 * ```
 */
export function reshape(a: ArrayInput, shape: number | readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'reshape', (a) => {
    checkArity(arguments.length, ['a', 'shape'], 'reshape');
    const resolved = resolveShape(shape, a.size, a.shape);
    const view = reshapeView(a.store, resolved) ?? a.store.reshape(resolved);
    return view ? new ndarray(view) : reshapeCopy(a, resolved);
  });
}

/**
 * The elements as a 1-D array (a view when reshape can make one).
 *
 * @example
 * ```ts
 * console.log(np.ravel(np.array([[1, 2], [3, 4]])));
 * // array([1, 2, 3, 4])
 * ```
 */
export const ravel = (a: ArrayInput): ndarray => withArrayLike(a, 'a', 'ravel', (x) => reshape(x, [x.size]));

/**
 * A 1-D copy of the elements, in C order.
 *
 * @example
 * ```ts
 * console.log(np.flatten(np.array([[1, 2], [3, 4]])));
 * // array([1, 2, 3, 4])
 * ```
 */
export function flatten(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'flatten', (a) => {
    checkArity(arguments.length, ['a'], 'flatten');
    return reshapeCopy(a, [a.size]);
  });
}

/**
 * A new array with `a`'s elements (NumPy's `copy`).
 *
 * @example
 * ```ts
 * const a = np.array([1, 2, 3]);
 * console.log(np.copy(a));
 * // array([1, 2, 3])
 * ```
 */
export const copy = (a: ArrayInput): ndarray => withArrayLike(a, 'a', 'copy', (x) => (x === a ? astype(x, x.dtype) : x));

/**
 * A read-only view of `a` broadcast to `shape`.
 *
 * @example
 * ```ts
 * console.log(np.broadcastTo(np.array([1, 2, 3]), [2, 3]));
 * // array([[1, 2, 3],
 * //        [1, 2, 3]])
 * ```
 */
export function broadcastTo(a: ArrayInput, shape: number | readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'broadcastTo', (a) => {
    checkArity(arguments.length, ['a', 'shape'], 'broadcastTo');
    const target = shapeOf(shape);
    const fits = a.ndim <= target.length && broadcastShapes(a.shape, target).every((e, i) => e === target[i]);
    if (!fits) throw new ShapeError('shape', `operands could not be broadcast together with remapped shapes: ${shapeText(a.shape)} to ${shapeText(target)}`);
    // Read-only, as NumPy's broadcast_to result, even when it repeats nothing.
    const view = broadcastStore(a.store, target);
    try {
      return new ndarray(view.asReadOnly());
    } finally {
      if (view !== a.store) view.dispose();
    }
  });
}

/**
 * `a` without extent-1 dimensions (those in `axis`, or all).
 *
 * @example
 * ```ts
 * console.log(np.squeeze(np.array([[[1], [2], [3]]])));
 * // array([1, 2, 3])
 * ```
 */
export function squeeze(a: ArrayInput, axis?: number | readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'squeeze', (a) => {
    checkArity(arguments.length, ['a', 'axis'], 'squeeze');
    const axes =
      axis === undefined
        ? a.shape.flatMap((e, d) => (e === 1 ? [d] : []))
        : (typeof axis === 'number' ? [axis] : [...axis]).map((x) => normalizeAxis(x, a.ndim, 'axis'));
    for (const d of axes) {
      if (a.shape[d] !== 1) throw new ShapeError('axis', `cannot select an axis to squeeze out which has size not equal to one (axis ${d}, shape ${shapeText(a.shape)})`);
    }
    let store = a.store;
    for (const d of [...new Set(axes)].sort((x, y) => y - x)) store = stepView(store, store.project(d, 0), a.store);
    return new ndarray(store);
  });
}

/**
 * A view with new extent-1 dimensions at `axis` (positions in the result).
 *
 * @example
 * ```ts
 * console.log(np.expandDims(np.array([1, 2]), 0));
 * // array([[1, 2]])
 * ```
 */
export function expandDims(a: ArrayInput, axis: number | readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'expandDims', (a) => {
    checkArity(arguments.length, ['a', 'axis'], 'expandDims');
    const list = typeof axis === 'number' ? [axis] : [...axis];
    const ndim = a.ndim + list.length;
    const axes = list.map((x) => normalizeAxis(x, ndim, 'axis')).sort((x, y) => x - y);
    if (new Set(axes).size !== axes.length) throw new AxisError('axis', `repeated axis in [${list.join(', ')}]`);
    let store = a.store;
    for (const d of axes) store = stepView(store, store.promote(d, 1), a.store);
    return new ndarray(store);
  });
}

/**
 * The view with its axes permuted (reversed when `axes` is omitted).
 * NumPy's `np.transpose`.
 *
 * @example
 * ```ts
 * console.log(np.transpose(np.array([[1, 5, 2], [4, 3, 6]])));
 * // array([[1, 4],
 * //        [5, 3],
 * //        [2, 6]])
 * ```
 */
export function transpose(a: ArrayInput, axes?: readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'transpose', (a) => {
    checkArity(arguments.length, ['a', 'axes'], 'transpose');
    const order = axes === undefined ? a.shape.map((_, i) => a.ndim - 1 - i) : axes.map((x) => normalizeAxis(x, a.ndim, 'axes'));
    if (order.length !== a.ndim || new Set(order).size !== a.ndim) throw new AxisError('axes', `axes don't match array: [${(axes ?? []).join(', ')}] for ${a.ndim} dimensions`);
    return new ndarray(a.store.transpose(order));
  });
}

/**
 * The view with axes `axis1` and `axis2` exchanged.
 *
 * @example
 * ```ts
 * console.log(np.swapaxes(np.array([[1, 2, 3]]), 0, 1));
 * // array([[1],
 * //        [2],
 * //        [3]])
 * ```
 */
export function swapaxes(a: ArrayInput, axis1: number, axis2: number): ndarray {
  return withArrayLike(a, 'a', 'swapaxes', (a) => {
    checkArity(arguments.length, ['a', 'axis1', 'axis2'], 'swapaxes');
    const i = normalizeAxis(axis1, a.ndim, 'axis1');
    const j = normalizeAxis(axis2, a.ndim, 'axis2');
    const order = a.shape.map((_, d) => (d === i ? j : d === j ? i : d));
    return new ndarray(a.store.transpose(order));
  });
}

/**
 * The view with axis `source` moved to position `destination`.
 *
 * @example
 * ```ts
 * console.log(np.moveaxis(np.zeros([3, 4, 5]), 0, -1).shape);
 * // [ 4, 5, 3 ]
 * ```
 */
export function moveaxis(a: ArrayInput, source: number | readonly number[], destination: number | readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'moveaxis', (a) => {
    checkArity(arguments.length, ['a', 'source', 'destination'], 'moveaxis');
    const sources = (typeof source === 'number' ? [source] : [...source]).map((x) => normalizeAxis(x, a.ndim, 'source'));
    const destinations = (typeof destination === 'number' ? [destination] : [...destination]).map((x) => normalizeAxis(x, a.ndim, 'destination'));
    if (sources.length !== destinations.length) throw new AxisError('destination', '`source` and `destination` arguments must have the same number of elements');
    if (new Set(sources).size !== sources.length) throw new AxisError('source', `repeated axis in \`source\` argument`);
    if (new Set(destinations).size !== destinations.length) throw new AxisError('destination', `repeated axis in \`destination\` argument`);
    const order = a.shape.map((_, i) => i).filter((i) => !sources.includes(i));
    const pairs = destinations.map((d, i) => [d, sources[i]!] as const).sort((x, y) => x[0] - y[0]);
    for (const [d, s] of pairs) order.splice(d, 0, s);
    return new ndarray(a.store.transpose(order));
  });
}

/**
 * The view with its axes in the order `axes` (NumPy's `permute_dims`, the array API's `transpose`).
 *
 * @example
 * ```ts
 * console.log(np.permuteDims(np.zeros([2, 3, 4]), [2, 0, 1]).shape);
 * // [ 4, 2, 3 ]
 * ```
 */
export function permuteDims(a: ArrayInput, axes?: readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'permuteDims', (a) => {
    checkArity(arguments.length, ['a', 'axes'], 'permute_dims');
    return axes === undefined ? transpose(a) : transpose(a, axes);
  });
}

/**
 * The view with its last two axes exchanged (NumPy's `matrix_transpose`, `a.mT`): a stack of transposed matrices.
 *
 * @example
 * ```ts
 * console.log(np.matrixTranspose(np.array([[1, 2, 3], [4, 5, 6]])));
 * // array([[1, 4],
 * //        [2, 5],
 * //        [3, 6]])
 * ```
 */
export function matrixTranspose(x: ArrayInput): ndarray {
  return withArrayLike(x, 'x', 'matrixTranspose', (x) => {
    checkArity(arguments.length, ['x'], 'matrix_transpose');
    if (!(x instanceof ndarray)) throw new ShapeError('x', 'matrix_transpose: expected an ndarray');
    if (x.ndim < 2) throw new ValueError('x', `matrix_transpose: Input array must be at least 2-dimensional, got ${x.ndim} dimension${x.ndim === 1 ? '' : 's'}`);
    return swapaxes(x, -1, -2);
  });
}

/**
 * Read-only views of the arrays broadcast to their common shape (NumPy's `broadcast_arrays`).
 *
 * @example
 * ```ts
 * const [a, b] = np.broadcastArrays(np.array([[1], [2]]), np.array([10, 20]));
 * console.log(a, b);
 * // array([[1, 1],
 * //        [2, 2]]) array([[10, 20],
 * //        [10, 20]])
 * ```
 */
export function broadcastArrays(...arrays: ndarray[]): ndarray[] {
  arrays.forEach((a, i) => {
    if (!(a instanceof ndarray)) throw new ShapeError(`arrays[${i}]`, 'broadcast_arrays: expected ndarrays');
  });
  const common = broadcastShapes(...arrays.map((a) => a.shape));
  return arrays.map((a) => broadcastTo(a, common));
}
