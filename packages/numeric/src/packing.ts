// NumPy's packbits and unpackbits: bits of integer or boolean arrays packed into uint8 along
// an axis (or the flattened array) and back, big- or little-endian within each byte. Both are
// compositions of partitioned elementwise operations and one reduction.
import { dtype as toDType, DTypeError, tidy } from '@legate/core';

import { describeValue, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { array } from './creation.js';
import { ValueError } from './errors.js';
import { arrayFrom, type ArrayInput } from './inputs.js';
import { concatenate } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { filled } from './operations.js';
import { sum } from './reductions.js';
import { expandDims, moveaxis, ravel, reshape } from './shape.js';
import { bitwiseAnd, multiply, notEqual, rightShift } from './ufunc.js';

const UINT8 = toDType('uint8');

/** The order of bits within a byte: 'big' (the first bit is the most significant) or 'little'. */
export type BitOrder = 'big' | 'little';

/** NumPy's keyword arguments of {@link packbits}. */
export interface PackbitsOptions {
  /** The axis to pack along; `null` (the default) packs the flattened array. */
  axis?: number | null;
  bitorder?: BitOrder;
}

/** NumPy's keyword arguments of {@link unpackbits}. */
export interface UnpackbitsOptions extends PackbitsOptions {
  /** How many bits to keep along the axis: fewer cut, more pad with zeros, negative drops that many from the end. */
  count?: number | null;
}

function bitOrder(v: unknown, fn: string): BitOrder {
  if (v !== 'big' && v !== 'little') throw new ValueError('bitorder', `${fn}: 'order' must be either 'little' or 'big', got ${describeValue(v)}`);
  return v;
}

/** `x` (flattened when `axis` is null, a 0-d array as 1-d) with the axis to work along last. */
function alongLast(x: ndarray, axis: number | null): [ndarray, number] {
  const y = axis === null || x.ndim === 0 ? ravel(x) : x;
  const d = axis === null ? 0 : normalizeAxis(axis, y.ndim, 'axis');
  return [moveaxis(y, d, -1), d];
}

/** The 8 bit weights (packbits) or shifts (unpackbits) of one byte, in bit order. */
function byteOf(values: number[], order: BitOrder): ndarray {
  return array(order === 'big' ? values : [...values].reverse(), 'uint8');
}

/**
 * The elements of `a` (integers or booleans; nonzero is a 1 bit) packed into uint8 along `axis`
 * (of the flattened array by default), 8 to a byte, the last byte padded with zero bits
 * (NumPy's `np.packbits`).
 *
 * @example
 * ```ts
 * console.log(np.packbits(np.array([[1, 0, 1], [0, 0, 1]]), { axis: -1 }));
 * // array([[160],
 * //        [ 32]], dtype=uint8)
 * ```
 */
export function packbits(a: ArrayInput, axisArg?: number | null | PackbitsOptions, bitorderArg?: BitOrder | PackbitsOptions): ndarray {
  const [given, axis = null, order = 'big'] = keywords(arguments, ['a', 'axis', 'bitorder'], 'packbits', 1) as [unknown, (number | null)?, unknown?];
  const bits = bitOrder(order, 'packbits');
  return tidy(() => {
    const x = arrayFrom(given, 'a', 'packbits');
    if (!(x.dtype.isInteger || x.dtype.kind === 'b')) throw new DTypeError('a', `packbits: Expected an input array of integer or boolean data type, got ${x.dtype.name}`);
    const [last, d] = alongLast(x, axis);
    const n = last.shape[last.ndim - 1]!;
    const lead = last.shape.slice(0, -1);
    const bytes = Math.ceil(n / 8);
    if (lead.includes(0) || bytes === 0) return moveaxis(filled([...lead, bytes], UINT8, 0), -1, d);
    let set = notEqual(last, 0);
    if (n % 8 !== 0) set = concatenate([set, filled([...lead, 8 * bytes - n], toDType('bool'), false)], -1);
    const weighted = multiply(reshape(set, [...lead, bytes, 8]), byteOf([128, 64, 32, 16, 8, 4, 2, 1], bits));
    return moveaxis(sum(weighted, { axis: -1, dtype: 'uint8' }), -1, d);
  });
}

/**
 * The bits of the uint8 array `a` as a uint8 array of 0s and 1s, 8 per element along `axis`
 * (of the flattened array by default); `count` keeps that many (NumPy's `np.unpackbits`).
 *
 * @example
 * ```ts
 * console.log(np.unpackbits(np.array([5, 255], 'uint8'), { count: 12 }));
 * // array([0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1], dtype=uint8)
 * ```
 */
export function unpackbits(a: ndarray, axisArg?: number | null | UnpackbitsOptions, countArg?: number | null | UnpackbitsOptions, bitorderArg?: BitOrder | UnpackbitsOptions): ndarray {
  const [given, axis = null, count = null, order = 'big'] = keywords(arguments, ['a', 'axis', 'count', 'bitorder'], 'unpackbits', 1) as [unknown, (number | null)?, unknown?, unknown?];
  const bits = bitOrder(order, 'unpackbits');
  if (count !== null && !Number.isSafeInteger(count)) throw new DTypeError('count', `unpackbits: count must be an integer or null, got ${describeValue(count)}`);
  return tidy(() => {
    const x = arrayFrom(given, 'a', 'unpackbits');
    if (x.dtype.name !== 'uint8') throw new DTypeError('a', `unpackbits: Expected an input array of unsigned byte data type, got ${x.dtype.name}`);
    const [last, d] = alongLast(x, axis);
    const lead = last.shape.slice(0, -1);
    const total = 8 * last.shape[last.ndim - 1]!;
    const c = count as number | null;
    if (c !== null && c < 0 && -c > total) throw new ValueError('count', 'unpackbits: -count larger than number of elements');
    const keep = c === null ? total : c < 0 ? total + c : Math.min(c, total);
    const length = c === null || c < 0 ? keep : c;
    if (lead.includes(0) || length === 0) return moveaxis(filled([...lead, length], UINT8, 0), -1, d);
    let out = total === 0 ? filled([...lead, 0], UINT8, 0) : reshape(bitwiseAnd(rightShift(expandDims(last, -1), byteOf([7, 6, 5, 4, 3, 2, 1, 0], bits)), 1), [...lead, total]);
    if (keep < total) out = new ndarray(out.store.slice(out.ndim - 1, 0, keep));
    if (length > keep) out = concatenate([out, filled([...lead, length - keep], UINT8, 0)], -1);
    return moveaxis(out, -1, d);
  });
}
