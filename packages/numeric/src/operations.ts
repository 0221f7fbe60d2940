import {
  align,
  AutoTask,
  chooseTiling,
  dtype as toDType,
  DTypeError,
  LogicalStore,
  Scalar,
  ShapeError,
  tidy,
  type DType,
  type DTypeLike,
  type ScalarValue,
} from '@legate/core';

import { checkArity, describeValue } from './arguments.js';
import { ValueError } from './errors.js';
import { library } from './native.js';
import { ndarray, type Element } from './ndarray.js';
import { isPythonInt, resultTypeWithScalar } from './promotion.js';

export { isPythonInt };
import { Task } from './tasks.js';

/** An array, or a JavaScript scalar that broadcasts as NumPy's Python scalars do. */
export type Operand = ndarray | number | bigint | boolean | { re: number; im: number };

function launch(task: Task): AutoTask {
  return new AutoTask(library, task);
}

/** Throws unless `x` is an ndarray: `argument` of `name` is named in the message. */
export function checkArray(x: unknown, argument: string, name: string): asserts x is ndarray {
  if (!(x instanceof ndarray)) throw new DTypeError(argument, `${name}: expected an ndarray, got ${x === null ? 'null' : typeof x}`);
}

/** The zero of a type, as a scalar of it. */
export function zeroOf(t: DType): ScalarValue {
  return t.kind === 'b' ? false : t.isBigInt ? 0n : t.isComplex ? { re: 0, im: 0 } : 0;
}

/**
 * A ManualTask's tiling of `shape` along its `free` dimensions: the launch grid (the free
 * dimensions' colours; [1] when none is free) and each dimension's tile (null where not free).
 * Sized by every element, so a short free extent over long whole ones still splits.
 */
export function freeTiling(shape: readonly number[], free: readonly boolean[]): { grid: number[]; tiles: (number | null)[] } {
  const { colors, tiles } = chooseTiling(shape, free);
  const dims = shape.map((_, d) => d).filter((d) => free[d]);
  return { grid: dims.length ? dims.map((d) => colors[d]!) : [1], tiles: shape.map((_, d) => (free[d] ? tiles[d]! : null)) };
}

// The last fill value or scalar operand of each type (a loop uses the same few: a reduction's
// identity, the 0.5 of `a * 0.5`).
const lastFill: (Scalar | undefined)[] = [];

/** `new Scalar(value, t, argument)`, the same one again for the same type and primitive value. */
export function scalarOf(value: ScalarValue, t: DType, argument: string): Scalar {
  const known = lastFill[t.code];
  if (known !== undefined && typeof value !== 'object' && Object.is(known.value, value)) return known;
  const scalar = new Scalar(value, t, argument);
  if (typeof value !== 'object') lastFill[t.code] = scalar;
  return scalar;
}

/** A new array of `shape` and `t` with every element `value`. */
export function filled(shape: readonly number[], t: DType, value: ScalarValue, argument = 'fill_value'): ndarray {
  const scalar = scalarOf(value, t, argument);
  const store = LogicalStore.create(shape, t);
  // A few elements are set here and now (nothing can be pending on a new store); more by a task.
  if (store.size > 0 && store.size <= 16) store.fill(scalar);
  else if (store.size > 0) launch(Task.Fill).addOutput(store).addScalar(scalar).execute();
  return new ndarray(store);
}

/**
 * A copy of `a` converted to `t` (a new array even when the type is the same).
 *
 * @example
 * ```ts
 * console.log(np.astype(np.array([1.7, -2.2]), 'int32'));
 * // array([ 1, -2], dtype=int32)
 * ```
 */
export function astype(a: ndarray, like: DTypeLike): ndarray {
  checkArity(arguments.length, ['x', 'dtype'], 'astype');
  const t = toDType(like);
  const out = LogicalStore.create(a.shape, t);
  if (out.size > 0) launch(Task.Astype).addOutput(out).addInput(a.store).addConstraint(align(out, a.store)).execute();
  return new ndarray(out);
}

export function shapeText(shape: readonly number[]): string {
  return `(${shape.join(',')}${shape.length === 1 ? ',' : ''})`;
}

/**
 * NumPy's `broadcast_shapes`: the shape any number of shapes broadcast to.
 *
 * @example
 * ```ts
 * console.log(np.broadcastShapes([2, 1], [3]));
 * // [ 2, 3 ]
 * ```
 */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  if (shapes.length === 2 && Array.isArray(shapes[0]) && sameExtents(shapes[0], shapes[1]!)) return [...shapes[0]];
  shapes.forEach((s, i) => {
    if (!Array.isArray(s)) throw new ShapeError(`shapes[${i}]`, `broadcastShapes: expected an array of integers, got ${describeValue(s)}`);
  });
  return shapes.reduce<number[]>((a, b) => broadcastTwo(a, b), []);
}

function sameExtents(a: readonly number[], b: readonly number[]): boolean {
  if (!Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function broadcastTwo(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError('operands', `could not be broadcast together with shapes ${shapeText(a)} ${shapeText(b)}`);
    }
    out.push(x === 1 ? y : x);
  }
  return out;
}

/**
 * `next` (a view made from `view`) in place of `view`, which is freed unless it is `base`: a
 * chain of views then holds the storage once, through its last view.
 */
export function stepView(view: LogicalStore, next: LogicalStore, base: LogicalStore): LogicalStore {
  if (view !== base) view.dispose();
  return next;
}

/** A view of `store` broadcast to `shape` (new leading dimensions, extent-1 dimensions repeated). */
export function broadcastStore(store: LogicalStore, shape: readonly number[]): LogicalStore {
  let view = store;
  while (view.ndim < shape.length) view = stepView(view, view.promote(0, shape[shape.length - view.ndim - 1]!), store);
  shape.forEach((extent, d) => {
    if (view.shape[d] === 1 && extent !== 1) view = stepView(view, view.broadcast(d, extent), store);
  });
  return view;
}

/** The type NumPy gives an operation between `x` and `other` when one or both are JavaScript scalars. */
export function operandType(x: Operand, other: Operand): DType {
  if (x instanceof ndarray) return other instanceof ndarray ? x.dtype : resultTypeWithScalar(x.dtype, other as Element);
  if (other instanceof ndarray) return resultTypeWithScalar(other.dtype, x as Element);
  // Two scalars: as NumPy with Python scalars.
  return resultTypeWithScalar(resultTypeWithScalar(toDType('bool'), x as Element), other as Element);
}

/** Refuses a write into a read-only array (a `broadcastTo` view), even an empty one, as NumPy's ValueError. */
export function checkWritable(target: ndarray, argument: string, message = 'assignment destination is read-only'): void {
  if (target.store.readOnly) throw new ValueError(argument, message);
}

/** A JavaScript scalar as a value of `t` (booleans count as 0 and 1, as in NumPy). */
export function coerce(x: Element, t: DType): ScalarValue {
  if (typeof x === 'boolean') return t.kind === 'b' ? x : t.isBigInt ? BigInt(x) : Number(x);
  if (typeof x === 'bigint') return t.isBigInt ? x : Number(x);
  if (typeof x === 'number' && t.isBigInt && Number.isInteger(x)) return BigInt(x);
  return x;
}


/** The range of an integer type, as bigints. */
export function integerRange(t: DType): [bigint, bigint] {
  const bits = BigInt(t.itemsize * 8);
  return t.kind === 'u' ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
}

/**
 * A JavaScript scalar stored into an element of `t`, as NumPy stores a Python scalar
 * (`a[...] = x`, `put`, `place`, `putmask`, `fill`): bool takes the truth of any value (NaN and
 * complex ones included); integer types truncate a float toward zero (NaN and infinities are a
 * {@link ValueError}), the result still range-checked as a Python int.
 */
export function storedValue(x: Element, t: DType, argument: string): ScalarValue {
  if (t.kind === 'b') {
    if (typeof x === 'object' && x !== null) return x.re !== 0 || x.im !== 0;
    return typeof x === 'bigint' ? x !== 0n : typeof x === 'number' ? x !== 0 : x;
  }
  if (t.isInteger && typeof x === 'number' && !Number.isInteger(x)) {
    if (Number.isNaN(x)) throw new ValueError(argument, 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw new ValueError(argument, 'cannot convert float infinity to integer');
    return coerce(Math.trunc(x) + 0, t);
  }
  return coerce(x, t);
}

/**
 * Copies `value` (an array broadcast to the target's shape, or a scalar) into `target`, casting
 * as NumPy's assignment does. A source that shares memory with the target is copied first, so
 * `a[1:] = a[:-1]` gives NumPy's result.
 *
 * @example
 * ```ts
 * const a = np.zeros([2, 3]);
 * np.assign(a, np.array([1, 2, 3]));
 * console.log(a);
 * // array([[1., 2., 3.],
 * //        [1., 2., 3.]])
 * ```
 */
export function assign(target: ndarray, value: Operand): void {
  checkArity(arguments.length, ['target', 'value'], 'assign');
  // The scalar's array, a copy of an overlapping source and the broadcast view are freed here.
  tidy(() => {
    let source = value instanceof ndarray ? value : filled([], target.dtype, storedValue(value as Element, target.dtype, 'value'), 'value');
    const given = source.shape;
    // As NumPy's assignment, the value's extra leading 1-dimensions are dropped: (1, 3) into (3,).
    while (source.ndim > target.ndim && source.shape[0] === 1) source = new ndarray(source.store.project(0, 0));
    const fits = source.ndim <= target.ndim && source.shape.every((e, i) => e === 1 || e === target.shape[target.ndim - source.ndim + i]);
    if (!fits) {
      throw new ShapeError('value', `could not broadcast input array from shape ${shapeText(given)} into shape ${shapeText(target.shape)}`);
    }
    checkWritable(target, 'target');
    if (target.size === 0) return;
    if (source.store.sharesStorageWith(target.store)) source = astype(source, source.dtype);
    const view = broadcastStore(source.store, target.shape);
    launch(Task.Astype).addOutput(target.store).addInput(view).addConstraint(align(target.store, view)).execute();
  });
}
