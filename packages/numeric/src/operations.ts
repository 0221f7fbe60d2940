import {
  align,
  AutoTask,
  dtype as toDType,
  DTypeError,
  LogicalStore,
  Scalar,
  ShapeError,
  type DType,
  type DTypeLike,
  type ScalarValue,
} from '@legate/core';

import { library } from './native.js';
import { ndarray, type Element } from './ndarray.js';
import { divisionType, resultType, resultTypeWithScalar, sumType } from './promotion.js';
import { BinaryOp, Task } from './tasks.js';

/** An array, or a JavaScript scalar that broadcasts as NumPy's Python scalars do. */
export type Operand = ndarray | number | bigint | boolean | { re: number; im: number };

function launch(task: Task): AutoTask {
  return new AutoTask(library, task);
}

/** A new array of `shape` and `t` with every element `value`. */
export function filled(shape: readonly number[], t: DType, value: ScalarValue, argument = 'fill_value'): ndarray {
  const store = LogicalStore.create(shape, t);
  const scalar = new Scalar(value, t, argument);
  if (store.size > 0) launch(Task.Fill).addOutput(store).addScalar(scalar).execute();
  return new ndarray(store);
}

/** A copy of `a` converted to `t` (a new array even when the type is the same). */
export function astype(a: ndarray, like: DTypeLike): ndarray {
  const t = toDType(like);
  const out = LogicalStore.create(a.shape, t);
  if (out.size > 0) launch(Task.Astype).addOutput(out).addInput(a.store).addConstraint(align(out, a.store)).execute();
  return new ndarray(out);
}

function shapeText(shape: readonly number[]): string {
  return `(${shape.join(',')}${shape.length === 1 ? ',' : ''})`;
}

/** NumPy's broadcast of two shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
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

/** A view of `store` broadcast to `shape` (new leading dimensions, extent-1 dimensions repeated). */
export function broadcastStore(store: LogicalStore, shape: readonly number[]): LogicalStore {
  let view = store;
  while (view.ndim < shape.length) view = view.promote(0, shape[shape.length - view.ndim - 1]!);
  shape.forEach((extent, d) => {
    if (view.shape[d] === 1 && extent !== 1) view = view.broadcast(d, extent);
  });
  return view;
}

function operandType(x: Operand, other: Operand): DType {
  if (x instanceof ndarray) return other instanceof ndarray ? x.dtype : resultTypeWithScalar(x.dtype, other as Element);
  if (other instanceof ndarray) return resultTypeWithScalar(other.dtype, x as Element);
  // Two scalars: as NumPy with Python scalars.
  return resultTypeWithScalar(resultTypeWithScalar(toDType('bool'), x as Element), other as Element);
}

/** A JavaScript scalar as a value of `t` (booleans count as 0 and 1, as in NumPy). */
function coerce(x: Element, t: DType): ScalarValue {
  if (typeof x === 'boolean') return t.kind === 'b' ? x : t.isBigInt ? BigInt(x) : Number(x);
  if (typeof x === 'bigint') return t.isBigInt ? x : Number(x);
  if (typeof x === 'number' && t.isBigInt && Number.isInteger(x)) return BigInt(x);
  return x;
}

function asArray(x: Operand, t: DType, argument: string): ndarray {
  if (x instanceof ndarray) return x.dtype === t ? x : astype(x, t);
  return filled([], t, coerce(x as Element, t), argument);
}

function binary(op: BinaryOp, a: Operand, b: Operand): ndarray {
  for (const [x, name] of [[a, 'x1'], [b, 'x2']] as const) {
    if (!(x instanceof ndarray) && !['number', 'bigint', 'boolean'].includes(typeof x) && !(typeof x === 'object' && x !== null && 're' in x)) {
      throw new DTypeError(name, `expected an ndarray or a number, got ${typeof x}`);
    }
  }
  let t = a instanceof ndarray && b instanceof ndarray ? resultType(a.dtype, b.dtype) : operandType(a, b);
  if (op === BinaryOp.Divide) t = divisionType(t);
  if (t.kind === 'b' && op === BinaryOp.Subtract) {
    throw new DTypeError('x1', 'numpy boolean subtract, the `-` operator, is not supported; use logical_xor');
  }
  const x = asArray(a, t, 'x1');
  const y = asArray(b, t, 'x2');
  const shape = broadcastShapes(x.shape, y.shape);
  const out = LogicalStore.create(shape, t);
  if (out.size > 0) {
    const xs = broadcastStore(x.store, shape);
    const ys = broadcastStore(y.store, shape);
    launch(Task.Binary)
      .addOutput(out)
      .addInput(xs)
      .addInput(ys)
      .addConstraint(align(out, xs))
      .addConstraint(align(out, ys))
      .addScalar(new Scalar(op, 'int32'))
      .execute();
  }
  return new ndarray(out);
}

export const add = (a: Operand, b: Operand): ndarray => binary(BinaryOp.Add, a, b);
export const subtract = (a: Operand, b: Operand): ndarray => binary(BinaryOp.Subtract, a, b);
export const multiply = (a: Operand, b: Operand): ndarray => binary(BinaryOp.Multiply, a, b);
/** True division: integers divide in float64, as NumPy's `/`. */
export const divide = (a: Operand, b: Operand): ndarray => binary(BinaryOp.Divide, a, b);

/**
 * Copies `value` (an array broadcast to the target's shape, or a scalar) into `target`, casting
 * as NumPy's assignment does. A source that shares memory with the target is copied first, so
 * `a[1:] = a[:-1]` gives NumPy's result.
 */
export function assign(target: ndarray, value: Operand): void {
  let source = value instanceof ndarray ? value : filled([], target.dtype, coerce(value as Element, target.dtype), 'value');
  const fits = source.ndim <= target.ndim && source.shape.every((e, i) => e === 1 || e === target.shape[target.ndim - source.ndim + i]);
  if (!fits) {
    throw new ShapeError('value', `could not broadcast input array from shape ${shapeText(source.shape)} into shape ${shapeText(target.shape)}`);
  }
  if (target.size === 0) return;
  if (source.store.sharesStorageWith(target.store)) source = astype(source, source.dtype);
  const view = broadcastStore(source.store, target.shape);
  launch(Task.Astype).addOutput(target.store).addInput(view).addConstraint(align(target.store, view)).execute();
}

/** The sum of every element, as a 0-d array that stays deferred until read. */
export function sum(a: ndarray): ndarray {
  const t = sumType(a.dtype);
  const total = filled([], t, t.isBigInt ? 0n : t.isComplex ? { re: 0, im: 0 } : 0);
  if (a.size > 0) {
    const x = a.dtype === t ? a : astype(a, t);
    launch(Task.Sum).addInput(x.store).addReduction(total.store, 'add').execute();
  }
  return total;
}
