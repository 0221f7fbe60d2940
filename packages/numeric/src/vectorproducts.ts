// NumPy 2's vector products as gufuncs (vecdot, matvec, vecmat: stacked leading dimensions
// broadcast, the first vector conjugated where NumPy conjugates it) and the Kronecker product,
// each composed of broadcasting ufuncs and one reduction (no per-element JavaScript).
import { DTypeError, tidy, type DType } from '@legate/core';

import { describeValue, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { checkOut, into } from './elementwise.js';
import { arrayFrom, checkInteger, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';
import { broadcastShapes, shapeText } from './operations.js';
import { resultType } from './promotion.js';
import { any, sum } from './reductions.js';
import { expandDims, moveaxis, reshape } from './shape.js';
import { conj, logicalAnd, multiply } from './ufunc.js';

/** Σ x·y over `axis` in the type t (NumPy's gufunc loops keep the operands' common type). */
function contract(x: ndarray, y: ndarray, axis: number, t: DType): ndarray {
  if (t.kind === 'b') return any(logicalAnd(x, y), { axis });
  return sum(multiply(x, y), { axis, dtype: t });
}

function operands(fn: string, x1: unknown, x2: unknown): [ndarray, ndarray] {
  return [arrayFrom(x1, 'x1', fn), arrayFrom(x2, 'x2', fn)];
}

function needDims(fn: string, signature: string, x: ndarray, operand: number, count: number): void {
  if (x.ndim < count) {
    throw new ValueError(`x${operand + 1}`, `${fn}: Input operand ${operand} does not have enough dimensions (has ${x.ndim}, gufunc core with signature ${signature} requires ${count})`);
  }
}

function mismatch(fn: string, signature: string, got: number, want: number): ValueError {
  return new ValueError('x2', `${fn}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${signature} (size ${got} is different from ${want})`);
}

function batchOf(fn: string, a: readonly number[], b: readonly number[]): void {
  try {
    broadcastShapes(a, b);
  } catch {
    throw new ValueError('x2', `${fn}: operands could not be broadcast together: loop dimensions ${shapeText(a)} and ${shapeText(b)}`);
  }
}

/** `body`'s result (made in a tidy), written into `out` as a ufunc's (NumPy's 'same_kind' rule) when one is given. */
function gufunc(name: string, out: unknown, body: () => ndarray): ndarray {
  if (out === undefined || out === null) return tidy(body);
  if (!(out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray, got ${describeValue(out)}`);
  const result = tidy(body);
  try {
    checkOut(name, out, result.shape, result.dtype);
  } catch (e) {
    result.dispose();
    throw e;
  }
  return into(result, out);
}

const isInput = (x: unknown) => x instanceof ndarray || typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || Array.isArray(x);

/**
 * The vector dot product over `axis` (default −1) of broadcast stacks of vectors, conjugating x1
 * (NumPy's `vecdot` ufunc, also `linalg.vecdot`): Σ conj(x1)·x2, in the operands' common type.
 *
 * @example
 * ```ts
 * const v = np.array([[1, 2], [3, 4]]);
 * console.log(np.vecdot(v, np.array([1, 10])));
 * // array([21, 43])
 * ```
 */
export function vecdot(x1: ArrayInput, x2: ArrayInput, options?: { axis?: number; out?: ndarray | null }): ndarray {
  const [p, q, axis = -1, out] = keywords(arguments, ['x1', 'x2'], 'vecdot', 2, ['axis', 'out']) as [unknown, unknown, number?, unknown?];
  checkInteger(axis, 'axis', 'vecdot');
  return gufunc('vecdot', out, () => {
    const [a, b] = operands('vecdot', p, q);
    const signature = '(n),(n)->()';
    needDims('vecdot', signature, a, 0, 1);
    needDims('vecdot', signature, b, 1, 1);
    const u = moveaxis(a, normalizeAxis(axis, a.ndim, 'axis'), -1);
    const v = moveaxis(b, normalizeAxis(axis, b.ndim, 'axis'), -1);
    const n = u.shape[u.ndim - 1]!;
    if (v.shape[v.ndim - 1] !== n) throw mismatch('vecdot', signature, v.shape[v.ndim - 1]!, n);
    batchOf('vecdot', u.shape.slice(0, -1), v.shape.slice(0, -1));
    const t = resultType(a.dtype, b.dtype);
    return contract(t.isComplex ? conj(u) : u, v, -1, t);
  });
}

/**
 * The matrix-vector product of broadcast stacks (NumPy 2.2's `matvec`): (…, m, n) · (…, n) → (…, m).
 *
 * @example
 * ```ts
 * const m = np.array([[1, 2], [3, 4]]);
 * console.log(np.matvec(m, np.array([1, 1])));
 * // array([3, 7])
 * ```
 */
export function matvec(x1: ArrayInput, x2: ArrayInput, options?: { out?: ndarray | null }): ndarray {
  const [p, q, out] = keywords(arguments, ['x1', 'x2'], 'matvec', 2, ['out']) as [unknown, unknown, unknown?];
  return gufunc('matvec', out, () => {
    const [a, b] = operands('matvec', p, q);
    const signature = '(m,n),(n)->(m)';
    needDims('matvec', signature, a, 0, 2);
    needDims('matvec', signature, b, 1, 1);
    const n = a.shape[a.ndim - 1]!;
    if (b.shape[b.ndim - 1] !== n) throw mismatch('matvec', signature, b.shape[b.ndim - 1]!, n);
    batchOf('matvec', a.shape.slice(0, -2), b.shape.slice(0, -1));
    return contract(a, expandDims(b, -2), -1, resultType(a.dtype, b.dtype));
  });
}

/**
 * The vector-matrix product of broadcast stacks, conjugating the vector (NumPy 2.2's `vecmat`):
 * (…, n) · (…, n, m) → (…, m).
 *
 * @example
 * ```ts
 * const m = np.array([[1, 2], [3, 4]]);
 * console.log(np.vecmat(np.array([1, 1]), m));
 * // array([4, 6])
 * ```
 */
export function vecmat(x1: ArrayInput, x2: ArrayInput, options?: { out?: ndarray | null }): ndarray {
  const [p, q, out] = keywords(arguments, ['x1', 'x2'], 'vecmat', 2, ['out']) as [unknown, unknown, unknown?];
  return gufunc('vecmat', out, () => {
    const [a, b] = operands('vecmat', p, q);
    const signature = '(n),(n,m)->(m)';
    needDims('vecmat', signature, a, 0, 1);
    needDims('vecmat', signature, b, 1, 2);
    const n = a.shape[a.ndim - 1]!;
    if (b.shape[b.ndim - 2] !== n) throw mismatch('vecmat', signature, b.shape[b.ndim - 2]!, n);
    batchOf('vecmat', a.shape.slice(0, -1), b.shape.slice(0, -2));
    const t = resultType(a.dtype, b.dtype);
    return contract(expandDims(t.isComplex ? conj(a) : a, -1), b, -2, t);
  });
}

/**
 * The Kronecker product (NumPy's `kron`), any dimensions: the shorter shape is padded with
 * leading 1s and the result has shape a.shape × b.shape, blocks a[i] · b.
 *
 * @example
 * ```ts
 * console.log(np.kron(np.array([1, 10]), np.array([1, 2, 3])));
 * // array([ 1,  2,  3, 10, 20, 30])
 * ```
 */
export function kron(a: ArrayInput, b: ArrayInput): ndarray {
  const [p, q] = keywords(arguments, ['a', 'b'], 'kron', 2) as [unknown, unknown];
  for (const [name, v] of [['a', p], ['b', q]] as const) {
    if (!isInput(v)) throw new DTypeError(name, `kron: expected an ndarray, a number or a list of numbers, got ${describeValue(v)}`);
  }
  return tidy(() => {
    const x = arrayFrom(p, 'a', 'kron');
    const y = arrayFrom(q, 'b', 'kron');
    if (x.ndim === 0 || y.ndim === 0) return multiply(x, y);
    const nd = Math.max(x.ndim, y.ndim);
    const as = [...Array<number>(nd - x.ndim).fill(1), ...x.shape];
    const bs = [...Array<number>(nd - y.ndim).fill(1), ...y.shape];
    // a as (a0, 1, a1, 1, …) and b as (1, b0, 1, b1, …): their product laid out is the result.
    const left = reshape(x, as.flatMap((e) => [e, 1]));
    const right = reshape(y, bs.flatMap((e) => [1, e]));
    return reshape(multiply(left, right), as.map((e, d) => e * bs[d]!));
  });
}
