// Matrix products (NumPy's matmul, dot, vdot, inner, outer, tensordot, einsum, trace). A product
// is one launch: row blocks of C when the rows split, else the (batch..., m, k, n) iteration
// space (A promoted along n, B along m, C along k and reduced over k, all aligned) so the runtime
// may split k or n. Each piece calls OpenBLAS.
import { align, AutoTask, checkOptions, DTypeError, LogicalStore, ManualTask, ShapeError, tidy, type DTypeLike } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { arrayFrom, withArrayLike, type ArrayInput } from './inputs.js';
import { ValueError } from './errors.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { assign, astype, broadcastShapes, broadcastStore, checkArray, checkWritable, freeTiling, shapeText, zeroOf } from './operations.js';
import { canCastSafely, resultType } from './promotion.js';
import { sum, vectorDot } from './reductions.js';
import { reshape, transpose } from './shape.js';
import { Task } from './tasks.js';
import { conj, multiply } from './ufunc.js';

/**
 * C (batch + [m, n]) = A (batch + [m, k]) · B (batch + [k, n]), all of C's type. Row blocks
 * (each piece all of k, writing its block of C) when the rows split over the processors;
 * otherwise the (batch..., m, k, n) space with a reduction over k, which may split k or n.
 */
function product(a: LogicalStore, b: LogicalStore, c: ndarray): void {
  const nd = c.ndim + 1;
  const [m, n] = c.shape.slice(-2) as [number, number];
  const k = a.shape[a.ndim - 1]!;
  if (c.size === 0) return;
  if (k === 0) {
    c.fill(zeroOf(c.dtype));
    return;
  }
  const a4 = a.promote(nd - 1, n);
  const b4 = b.promote(nd - 3, m);
  const { grid, tiles } = freeTiling(c.shape, c.shape.map((_, d) => d < c.ndim - 1));
  if (grid.some((colors) => colors > 1)) {
    new ManualTask(library, Task.Matmul, grid)
      .addInput(a4)
      .addInput(b4)
      .addOutput(c.store)
      .tile(a4, [...tiles.slice(0, -1), null, null])
      .tile(b4, [...tiles.slice(0, -2), null, null, null])
      .tile(c.store, tiles)
      .execute();
    return;
  }
  c.fill(zeroOf(c.dtype));
  const c4 = c.store.promote(nd - 2, k);
  new AutoTask(library, Task.Matmul)
    .addInput(a4)
    .addInput(b4)
    .addReduction(c4, c.dtype.kind === 'b' ? 'or' : 'add')
    .addConstraint(align(a4, b4))
    .addConstraint(align(a4, c4))
    .execute();
}

/**
 * The matrix product (NumPy's `matmul`, Python's `@`): 2-D × 2-D, stacks of matrices with
 * broadcast batch dimensions, and 1-D operands as a row (left) or a column (right) vector.
 *
 * NumPy's `np.matmul`.
 *
 * @example
 * ```ts
 * console.log(np.matmul(np.array([[1, 2], [3, 4]]), np.array([[5], [6]])));
 * // array([[17],
 * //        [39]])
 * ```
 */
export function matmul(a: ArrayInput, b: ArrayInput, given?: { out?: ndarray } | ndarray): ndarray {
  return withArrayLike(a, 'a', 'matmul', (a) =>
    withArrayLike(b, 'b', 'matmul', (b) => {
    checkArity(arguments.length, ['a', 'b', 'out or options'], 'matmul');
    // NumPy's third positional argument is `out`.
    const options = given instanceof ndarray ? { out: given } : checkOptions(given, ['out'], 'matmul');
    checkArray(a, 'a', 'matmul');
    checkArray(b, 'b', 'matmul');
    if (a.ndim === 0 || b.ndim === 0) {
      throw new ShapeError(a.ndim === 0 ? 'a' : 'b', `matmul: Input operand ${a.ndim === 0 ? 0 : 1} does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)`);
    }
    // The promoted, cast and broadcast operands (and C seen through a projection) are freed here.
    return tidy(() => matmulInto(a, b, options.out));
  }),
  );
}

function matmulInto(a: ndarray, b: ndarray, out: ndarray | undefined): ndarray {
  const t = resultType(a.dtype, b.dtype);
  const a2 = a.ndim === 1 ? a.store.promote(0, 1) : a.store;
  const b2 = b.ndim === 1 ? b.store.promote(1, 1) : b.store;
  const k = a2.shape[a2.ndim - 1]!;
  if (b2.shape[b2.ndim - 2] !== k) {
    throw new ShapeError('b', `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ${b2.shape[b2.ndim - 2]} is different from ${k})`);
  }
  let batch: number[];
  try {
    batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  } catch {
    throw new ShapeError('b', `matmul: batch dimensions ${shapeText(a2.shape.slice(0, -2))} and ${shapeText(b2.shape.slice(0, -2))} do not broadcast`);
  }
  if (batch.length + 3 > 6) throw new ShapeError('a', `matmul: at most 3 batch dimensions are supported, got ${batch.length}`);
  const m = a2.shape[a2.ndim - 2]!;
  const n = b2.shape[b2.ndim - 1]!;
  const shape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
  if (out !== undefined) {
    checkArray(out, 'out', 'matmul');
    if (shapeText(out.shape) !== shapeText(shape)) throw new ShapeError('out', `matmul: expected shape ${shapeText(shape)}, got ${shapeText(out.shape)}`);
  }
  const c = new ndarray(LogicalStore.create([...batch, m, n], t));
  tidy(() => {
    const cast = (s: LogicalStore, from: ndarray) => (from.dtype === t ? s : astype(new ndarray(s), t).store);
    product(broadcastStore(cast(a2, a), [...batch, m, k]), broadcastStore(cast(b2, b), [...batch, k, n]), c);
  });
  let result = c;
  if (a.ndim === 1) result = new ndarray(result.store.project(result.ndim - 2, 0));
  if (b.ndim === 1) result = new ndarray(result.store.project(result.ndim - 1, 0));
  if (out !== undefined) {
    assign(out, result);
    return out;
  }
  return result;
}

/**
 * NumPy's `dot`: the inner product of vectors, the matrix product of 2-D arrays, a scaling when
 * either is 0-d, and otherwise a sum over the last axis of `a` and the second-to-last of `b`.
 *
 * NumPy's `np.dot`.
 *
 * @example
 * ```ts
 * console.log(np.dot(np.array([1, 2, 3]), np.array([4, 5, 6])).item());
 * // 32
 * ```
 */
export function dot(a: ndarray | number, b: ndarray | number, out?: ndarray | null): ndarray {
  checkArity(arguments.length, ['a', 'b', 'out'], 'dot');
  if (out === undefined || out === null) return dotOf(a, b);
  if (!(out instanceof ndarray)) throw new DTypeError('out', `dot: expected an ndarray, got ${typeof out}`);
  checkWritable(out, 'out', 'dot: output array is read-only');
  const result = dotOf(a, b);
  try {
    // NumPy's dot writes only into an array of exactly the result's type and shape.
    if (out.dtype !== result.dtype || shapeText(out.shape) !== shapeText(result.shape)) {
      throw new ValueError('out', `output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array): the result is ${result.dtype.name} ${shapeText(result.shape)}, out is ${out.dtype.name} ${shapeText(out.shape)}`);
    }
    assign(out, result);
    return out;
  } finally {
    result.dispose();
  }
}

function dotOf(a: ndarray | number, b: ndarray | number): ndarray {
  if (!(a instanceof ndarray) || !(b instanceof ndarray) || a.ndim === 0 || b.ndim === 0) return multiply(a as never, b as never);
  if (a.ndim === 1 && b.ndim === 1) return vectorDot(a, b);
  if (b.ndim <= 2) {
    if (a.shape[a.ndim - 1] !== b.shape[0]) {
      throw new ShapeError('b', `shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} not aligned: ${a.shape[a.ndim - 1]} (dim ${a.ndim - 1}) != ${b.shape[0]} (dim 0)`);
    }
    return matmul(a, b);
  }
  if (a.shape[a.ndim - 1] !== b.shape[b.ndim - 2]) {
    throw new ShapeError('b', `shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} not aligned: ${a.shape[a.ndim - 1]} (dim ${a.ndim - 1}) != ${b.shape[b.ndim - 2]} (dim ${b.ndim - 2})`);
  }
  return tensordot(a, b, [[a.ndim - 1], [b.ndim - 2]]);
}

/**
 * The inner product of the flattened arrays, conjugating the first (NumPy's `vdot`): a 0-d array.
 *
 * @example
 * ```ts
 * console.log(np.vdot(np.array([[1, 2], [3, 4]]), np.array([[5, 6], [7, 8]])));
 * // array(70)
 * ```
 */
export function vdot(a: ArrayInput, b: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'vdot', (a) =>
    withArrayLike(b, 'b', 'vdot', (b) => {
    checkArity(arguments.length, ['a', 'b'], 'vdot');
    checkArray(a, 'a', 'vdot');
    checkArray(b, 'b', 'vdot');
    if (a.size !== b.size) throw new ShapeError('b', `vdot: cannot take the inner product of ${a.size} and ${b.size} elements`);
    if (a.ndim === 1 && b.ndim === 1 && !a.dtype.isComplex) return vectorDot(a, b);
    return tidy(() => vectorDot(reshape(a.dtype.isComplex ? conj(a) : a, [a.size]), reshape(b, [b.size])));
  }),
  );
}

/**
 * The sum product over the last axes (NumPy's `inner`).
 *
 * @example
 * ```ts
 * console.log(np.inner(np.array([[1, 2], [3, 4]]), np.array([1, 10])));
 * // array([21, 43])
 * ```
 */
export function inner(a: ArrayInput, b: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'inner', (a) =>
    withArrayLike(b, 'b', 'inner', (b) => {
    checkArity(arguments.length, ['a', 'b'], 'inner');
    checkArray(a, 'a', 'inner');
    checkArray(b, 'b', 'inner');
    if (a.ndim === 0 || b.ndim === 0) return multiply(a, b);
    if (a.shape[a.ndim - 1] !== b.shape[b.ndim - 1]) {
      throw new ShapeError('b', `inner: shapes ${shapeText(a.shape)} and ${shapeText(b.shape)} not aligned: ${a.shape[a.ndim - 1]} (dim ${a.ndim - 1}) != ${b.shape[b.ndim - 1]} (dim ${b.ndim - 1})`);
    }
    if (a.ndim === 1 && b.ndim === 1) return vectorDot(a, b);
    return tensordot(a, b, [[a.ndim - 1], [b.ndim - 1]]);
  }),
  );
}

/**
 * out[i, j] = a[i] · b[j] over the flattened arrays (NumPy's `outer`); `out` (an ndarray, or
 * `{ out }`) receives the result, cast with NumPy's 'same_kind' rule.
 *
 * @example
 * ```ts
 * console.log(np.outer([1, 2], [3, 4, 5]));
 * // array([[ 3,  4,  5],
 * //        [ 6,  8, 10]])
 * ```
 */
export function outer(a: ArrayInput, b: ArrayInput, out?: ndarray | null | { out?: ndarray | null }): ndarray {
  const [p, q, o = null] = keywords(arguments, ['a', 'b', 'out'], 'outer', 2) as [unknown, unknown, (ndarray | null)?];
  if (o !== null && !(o instanceof ndarray)) throw new DTypeError('out', `outer: expected an ndarray, got ${describeValue(o)}`);
  return tidy(() => {
    const x = arrayFrom(p, 'a', 'outer');
    const y = arrayFrom(q, 'b', 'outer');
    return multiply(reshape(x, [x.size, 1]), reshape(y, [1, y.size]), o === null ? {} : { out: o });
  });
}

/**
 * Sums products over `axes` (NumPy's `tensordot`): a number N pairs the last N axes of `a` with
 * the first N of `b`; a pair of lists names them. The free axes of `a` come first in the result.
 *
 * @example
 * ```ts
 * const a = np.arange(6).reshape([2, 3]);
 * console.log(np.tensordot(a, a, [[1], [1]]));
 * // array([[ 5, 14],
 * //        [14, 50]])
 * ```
 */
export function tensordot(a: ArrayInput, b: ArrayInput, axes: number | readonly [readonly number[] | number, readonly number[] | number] = 2): ndarray {
  return withArrayLike(a, 'a', 'tensordot', (a) =>
    withArrayLike(b, 'b', 'tensordot', (b) => {
    checkArity(arguments.length, ['a', 'b', 'axes'], 'tensordot');
    checkArray(a, 'a', 'tensordot');
    checkArray(b, 'b', 'tensordot');
    let axesA: number[];
    let axesB: number[];
    if (typeof axes === 'number') {
      if (!Number.isSafeInteger(axes) || axes < 0 || axes > a.ndim || axes > b.ndim) throw new ShapeError('axes', `tensordot: cannot sum over ${axes} axes of shapes ${shapeText(a.shape)} and ${shapeText(b.shape)}`);
      axesA = Array.from({ length: axes }, (_, i) => a.ndim - axes + i);
      axesB = Array.from({ length: axes }, (_, i) => i);
    } else {
      const list = (x: readonly number[] | number) => (typeof x === 'number' ? [x] : [...x]);
      axesA = list(axes[0]).map((x) => normalizeAxis(x, a.ndim, 'axes'));
      axesB = list(axes[1]).map((x) => normalizeAxis(x, b.ndim, 'axes'));
      if (axesA.length !== axesB.length) throw new ShapeError('axes', `tensordot: ${axesA.length} axes of a against ${axesB.length} of b`);
    }
    axesA.forEach((x, i) => {
      if (a.shape[x] !== b.shape[axesB[i]!]) throw new ShapeError('axes', `tensordot: shape-mismatch for sum: axis ${x} of a has ${a.shape[x]}, axis ${axesB[i]} of b has ${b.shape[axesB[i]!]}`);
    });
    const freeA = a.shape.map((_, i) => i).filter((i) => !axesA.includes(i));
    const freeB = b.shape.map((_, i) => i).filter((i) => !axesB.includes(i));
    const size = (shape: readonly number[], dims: number[]) => dims.reduce((v, d) => v * shape[d]!, 1);
    const [ma, k, nb] = [size(a.shape, freeA), size(a.shape, axesA), size(b.shape, freeB)];
    return tidy(() => {
      const left = reshape(transpose(a, [...freeA, ...axesA]), [ma, k]);
      const right = reshape(transpose(b, [...axesB, ...freeB]), [k, nb]);
      return reshape(matmul(left, right), [...freeA.map((d) => a.shape[d]!), ...freeB.map((d) => b.shape[d]!)]);
    });
  }),
  );
}

/**
 * The diagonal of `axis1` and `axis2` as the last axis (NumPy's `diagonal`; a view).
 *
 * @example
 * ```ts
 * console.log(np.diagonal(np.arange(9).reshape([3, 3]), 1));
 * // array([1, 5])
 * ```
 */
export function diagonal(a: ArrayInput, offset = 0, axis1 = 0, axis2 = 1): ndarray {
  return withArrayLike(a, 'a', 'diagonal', (a) => {
    checkArity(arguments.length, ['a', 'offset', 'axis1', 'axis2'], 'diagonal');
    checkArray(a, 'a', 'diagonal');
    if (a.ndim < 2) throw new ShapeError('a', `diagonal requires an array of at least two dimensions, got ${a.ndim}`);
    if (!Number.isSafeInteger(offset)) throw new DTypeError('offset', `expected an integer, got ${String(offset)}`);
    const d1 = normalizeAxis(axis1, a.ndim, 'axis1');
    const d2 = normalizeAxis(axis2, a.ndim, 'axis2');
    if (d1 === d2) throw new ShapeError('axis2', 'diagonal: axis1 and axis2 cannot be the same');
    return new ndarray(a.store.diagonal(d1, d2, offset));
  });
}

/** NumPy's keyword arguments of {@link trace}. */
export interface TraceOptions {
  offset?: number;
  axis1?: number;
  axis2?: number;
  /** The type of the sum (as {@link sum}'s `dtype`). */
  dtype?: DTypeLike | null;
  /** The array the sums are written into (cast as a reduction's `out=`). */
  out?: ndarray | null;
}

/**
 * The sum along a diagonal (NumPy's `trace`): of `axis1` and `axis2`, `offset` above the main
 * one; for more than two dimensions, one sum per element of the other axes.
 *
 * @example
 * ```ts
 * console.log(np.trace(np.array([[1, 2], [3, 4]]), { offset: 1 }));
 * // array(2)
 * ```
 */
export function trace(
  a: ArrayInput,
  offset?: number | TraceOptions,
  axis1?: number | TraceOptions,
  axis2?: number | TraceOptions,
  dtype?: DTypeLike | null | TraceOptions,
  out?: ndarray | null | TraceOptions,
): ndarray {
  const [, off = 0, ax1 = 0, ax2 = 1, t = null, o = null] = keywords(arguments, ['a', 'offset', 'axis1', 'axis2', 'dtype', 'out'], 'trace', 1) as [unknown, number?, number?, number?, (DTypeLike | null)?, (ndarray | null)?];
  if (o !== null && !(o instanceof ndarray)) throw new DTypeError('out', `trace: expected an ndarray, got ${describeValue(o)}`);
  return tidy(() => sum(diagonal(a, off, ax1, ax2), { axis: -1, ...(t === null ? {} : { dtype: t }), ...(o === null ? {} : { out: o }) }));
}

/**
 * Einstein summation (NumPy's `einsum`) over one or two operands with explicit (`'ij,jk->ik'`)
 * or implicit (`'ij,jk'`) output: transposes, traces, diagonals, sums, inner, outer and batched
 * matrix products. Two operands contract through one matrix product.
 *
 * NumPy's `np.einsum`.
 *
 * @example
 * ```ts
 * console.log(np.einsum('ij,jk->ik', np.array([[1, 2]]), np.array([[3], [4]])));
 * // array([[11]])
 * ```
 */
export function einsum(subscripts: string, ...operands: (ArrayInput | EinsumOptions)[]): ndarray {
  const last = operands.at(-1);
  if (last !== undefined && !(last instanceof ndarray) && last !== null && typeof last === 'object' && !Array.isArray(last)) {
    const { out } = checkOptions(last as EinsumOptions, ['out'], 'einsum');
    const result = einsumArrays(subscripts, operands.slice(0, -1));
    if (out === undefined || out === null) return result;
    try {
      if (!(out instanceof ndarray)) throw new DTypeError('out', 'einsum: expected an ndarray');
      checkWritable(out, 'out', 'einsum: output array is read-only');
      if (shapeText(out.shape) !== shapeText(result.shape)) throw new ValueError('out', `einsum: out has shape ${shapeText(out.shape)}, the result ${shapeText(result.shape)}`);
      // einsum's default casting is 'safe'.
      if (!canCastSafely(result.dtype, out.dtype)) throw new DTypeError('out', `einsum: Cannot cast from dtype('${result.dtype.name}') to dtype('${out.dtype.name}') according to the rule 'safe'`);
      assign(out, result);
      return out;
    } finally {
      result.dispose();
    }
  }
  return einsumArrays(subscripts, operands);
}

/** einsum of operands that may be lists (made into arrays, freed after). */
function einsumArrays(subscripts: string, operands: readonly unknown[]): ndarray {
  if (operands.every((x) => x instanceof ndarray)) return einsumOf(subscripts, operands as ndarray[]);
  return tidy(() => einsumOf(subscripts, operands.map((x, i) => (x instanceof ndarray || !(Array.isArray(x) || typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') ? (x as ndarray) : arrayFrom(x, `operands[${i}]`, 'einsum')))));
}

/** {@link einsum}'s keyword argument, as an options object after the operands. */
export interface EinsumOptions {
  /** An array of the result's shape to write into (cast 'safe'ly); it is returned. */
  out?: ndarray | null;
}

function einsumOf(subscripts: string, operands: ndarray[]): ndarray {
  if (typeof subscripts !== 'string') throw new DTypeError('subscripts', 'einsum: expected a string such as "ij,jk->ik"');
  const [inputText, outputText] = subscripts.replace(/\s+/g, '').split('->') as [string, string | undefined];
  const inputs = inputText.split(',');
  if (inputs.length !== operands.length) throw new ShapeError('operands', `einsum: ${inputs.length} subscripts for ${operands.length} operands`);
  if (inputs.length < 1 || inputs.length > 2) throw new ShapeError('subscripts', 'einsum: one or two operands are supported');
  operands.forEach((x, i) => checkArray(x, `operands[${i}]`, 'einsum'));
  for (const [i, labels] of inputs.entries()) {
    if (!/^[a-zA-Z]*$/.test(labels)) throw new ShapeError('subscripts', `einsum: subscripts must be letters (no ellipsis), got '${labels}'`);
    if (labels.length !== operands[i]!.ndim) throw new ShapeError('subscripts', `einsum: operand ${i} has ${operands[i]!.ndim} dimensions, its subscripts '${labels}' name ${labels.length}`);
  }
  const all = inputs.join('');
  const output =
    outputText ??
    [...new Set(all)]
      .filter((c) => all.indexOf(c) === all.lastIndexOf(c))
      .sort()
      .join('');
  if (!/^[a-zA-Z]*$/.test(output) || new Set(output).size !== output.length) throw new ShapeError('subscripts', `einsum: bad output subscripts '${output}'`);
  for (const c of output) if (!all.includes(c)) throw new ShapeError('subscripts', `einsum: output subscript '${c}' is not in any input`);
  const extents = new Map<string, number>();
  inputs.forEach((labels, i) =>
    [...labels].forEach((c, d) => {
      const e = operands[i]!.shape[d]!;
      const known = extents.get(c);
      if (known !== undefined && known !== e && known !== 1 && e !== 1) throw new ShapeError('operands', `einsum: subscript '${c}' has extents ${known} and ${e}`);
      extents.set(c, known === undefined || known === 1 ? e : known);
    }),
  );
  return tidy(() => {
    // Each operand to distinct labels: repeated ones become diagonals; labels found nowhere
    // else and not in the output are summed at once.
    const reduced = operands.map((x, i) => {
      let labels = inputs[i]!;
      let a = x;
      for (;;) {
        const repeated = [...labels].find((c, d) => labels.indexOf(c) !== d);
        if (repeated === undefined) break;
        const first = labels.indexOf(repeated);
        const second = labels.indexOf(repeated, first + 1);
        a = diagonal(a, 0, first, second);
        labels = [...labels].filter((_, d) => d !== first && d !== second).join('') + repeated;
      }
      const others = inputs.filter((_, j) => j !== i).join('') + output;
      const lonely = [...labels].map((c, d) => (others.includes(c) ? -1 : d)).filter((d) => d >= 0);
      if (lonely.length) {
        a = sum(a, { axis: lonely });
        labels = [...labels].filter((_, d) => !lonely.includes(d)).join('');
      }
      return { a, labels };
    });
    let result: { a: ndarray; labels: string };
    if (reduced.length === 1) {
      result = reduced[0]!;
    } else {
      const [x, y] = reduced as [{ a: ndarray; labels: string }, { a: ndarray; labels: string }];
      const batch = [...x.labels].filter((c) => y.labels.includes(c) && output.includes(c));
      const contracted = [...x.labels].filter((c) => y.labels.includes(c) && !output.includes(c));
      const keptX = [...x.labels].filter((c) => !y.labels.includes(c));
      const keptY = [...y.labels].filter((c) => !x.labels.includes(c));
      const extent = (c: string) => extents.get(c)!;
      const product = (labels: string[]) => labels.reduce((v, c) => v * extent(c), 1);
      const order = (v: { a: ndarray; labels: string }, labels: string[]) => transpose(v.a, labels.map((c) => v.labels.indexOf(c)));
      const broadcastTo = (v: ndarray, labels: string[]) => new ndarray(broadcastStore(v.store, labels.map(extent)));
      const left = reshape(broadcastTo(order(x, [...batch, ...keptX, ...contracted]), [...batch, ...keptX, ...contracted]), [...batch.map(extent), product(keptX), product(contracted)]);
      const right = reshape(broadcastTo(order(y, [...batch, ...contracted, ...keptY]), [...batch, ...contracted, ...keptY]), [...batch.map(extent), product(contracted), product(keptY)]);
      const c = matmul(left, right);
      result = { a: reshape(c, [...batch, ...keptX, ...keptY].map(extent)), labels: [...batch, ...keptX, ...keptY].join('') };
    }
    const leftover = [...result.labels].map((c, d) => (output.includes(c) ? -1 : d)).filter((d) => d >= 0);
    let a = leftover.length ? sum(result.a, { axis: leftover }) : result.a;
    const labels = [...result.labels].filter((c) => output.includes(c));
    a = transpose(a, [...output].map((c) => labels.indexOf(c)));
    // A view of an operand is handed back as a new array, as NumPy's einsum returns one.
    return a.store.sharesStorageWith(operands[0]!.store) || (operands[1] && a.store.sharesStorageWith(operands[1].store)) ? astype(a, a.dtype) : a;
  });
}
