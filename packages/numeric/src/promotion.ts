import { ArgumentError, dtype as toDType, DTypeError, DType, type DTypeLike } from '@legate/core';

import { checkArity, describeValue } from './arguments.js';
import { ValueError } from './errors.js';

// NumPy's promotion: the smallest type both operands cast to safely, in this order.
const ORDER = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'].map((n) =>
  toDType(n as never),
);

/**
 * Whether every value of `from` is exactly representable in `to` (NumPy's 'safe' casting);
 * dtypes or their names.
 *
 * @example
 * ```ts
 * console.log(np.canCastSafely('int8', 'int16'), np.canCastSafely('int16', 'uint16'));
 * // true false
 * ```
 */
export function canCastSafely(from: DTypeLike, to: DTypeLike): boolean {
  checkArity(arguments.length, ['from', 'to'], 'canCastSafely');
  return safe(toDType(from), toDType(to));
}

function safe(from: DType, to: DType): boolean {
  if (from === to || from.kind === 'b') return true;
  const bits = from.itemsize * 8;
  switch (to.kind) {
    case 'b':
      return false;
    case 'i':
      return (from.kind === 'i' && to.itemsize >= from.itemsize) || (from.kind === 'u' && to.itemsize > from.itemsize);
    case 'u':
      return from.kind === 'u' && to.itemsize >= from.itemsize;
    case 'f': {
      const mantissa = to.itemsize === 4 ? 24 : 53;
      if (from.kind === 'f') return to.itemsize >= from.itemsize;
      // NumPy counts int64 -> float64 as safe, int32 -> float32 not.
      return (from.kind === 'i' || from.kind === 'u') && (bits < mantissa || (to.itemsize === 8 && bits <= 64));
    }
    case 'c': {
      if (from.kind === 'c') return to.itemsize >= from.itemsize;
      const component = toDType(to.itemsize === 8 ? 'float32' : 'float64');
      return safe(from, component);
    }
  }
}

/**
 * NumPy's result type of array operands' types (`result_type`: one or more, dtypes or names).
 *
 * @example
 * ```ts
 * console.log(np.resultType('int8', 'uint8', 'float32').name);
 * // float32
 * ```
 */
export function resultType(...dtypes: DTypeLike[]): DType {
  if (dtypes.length === 2 && dtypes[0] instanceof DType && dtypes[1] instanceof DType) return commonOfTwo(dtypes[0], dtypes[1]);
  if (dtypes.length === 0) throw new ArgumentError('arrays_and_dtypes', 'resultType: at least one dtype is required');
  const types = dtypes.map((d) => toDType(d));
  const t = ORDER.find((c) => types.every((x) => safe(x, c)));
  if (!t) throw new DTypeError('dtype', `no common type for ${types.map((x) => x.name).join(' and ')}`);
  return t;
}

// resultType of two types, remembered by their codes (the hot case: every binary ufunc).
const pairs: (DType | undefined)[] = [];
function commonOfTwo(a: DType, b: DType): DType {
  const key = a.code * 64 + b.code;
  const known = pairs[key];
  if (known) return known;
  const t = ORDER.find((c) => safe(a, c) && safe(b, c));
  if (!t) throw new DTypeError('dtype', `no common type for ${a.name} and ${b.name}`);
  return (pairs[key] = t);
}

/**
 * Whether `x` acts as a Python int (NEP 50): a bigint, or an integer-valued number within int64's
 * range (a JavaScript number cannot say whether it was written `1` or `1.0`; one beyond int64,
 * `1e20`, can only be a float).
 */
export function isPythonInt(x: unknown): x is number | bigint {
  return typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x) && Math.abs(x) < 2 ** 63);
}

/**
 * The type of an operation between an array of type `t` and a JavaScript scalar, which is
 * "weak" as Python scalars are in NumPy 2 (NEP 50): it takes the array's type unless its kind
 * is higher (a float with an integer array gives float64).
 */
export function resultTypeWithScalar(t: DType, value: number | bigint | boolean | { re: number; im: number }): DType {
  const kind = typeof value === 'boolean' ? 0 : isPythonInt(value) ? 1 : typeof value === 'number' ? 2 : 3;
  const arrayKind = { b: 0, i: 1, u: 1, f: 2, c: 3 }[t.kind];
  if (kind <= arrayKind) return t;
  if (kind === 1) return toDType('int64');
  if (kind === 2) return toDType('float64');
  return t.kind === 'f' && t.itemsize === 4 ? toDType('complex64') : toDType('complex128');
}

/** The type NumPy's true division gives: integers and booleans divide in float64. */
export function divisionType(t: DType): DType {
  return t.kind === 'f' || t.kind === 'c' ? t : toDType('float64');
}

/** NumPy's sum accumulator: booleans and small integers sum in the platform's 64-bit integers. */
export function sumType(t: DType): DType {
  if (t.kind === 'b' || (t.kind === 'i' && t.itemsize < 8)) return toDType('int64');
  if (t.kind === 'u' && t.itemsize < 8) return toDType('uint64');
  return t;
}


/**
 * The floating type NumPy's float functions (sqrt, exp, ...) compute an operand of type `t` in.
 * NumPy gives float16 for bool, int8 and uint8; there is no float16 here, so they give float32.
 */
export function floatType(t: DType): DType {
  if (t.kind === 'f' || t.kind === 'c') return t;
  return toDType(t.itemsize <= 2 ? 'float32' : 'float64');
}

const KIND_RANK = { b: 0, u: 1, i: 2, f: 3, c: 4 } as const;

/**
 * NumPy's 'same_kind' casting: safe casts, and casts within a kind or to a higher one.
 *
 * @example
 * ```ts
 * console.log(np.canCastSameKind('float64', 'float32'), np.canCastSameKind('float64', 'int32'));
 * // true false
 * ```
 */
export function canCastSameKind(from: DTypeLike, to: DTypeLike): boolean {
  checkArity(arguments.length, ['from', 'to'], 'canCastSameKind');
  const [f, t] = [toDType(from), toDType(to)];
  return safe(f, t) || KIND_RANK[f.kind] <= KIND_RANK[t.kind];
}

/** NumPy's casting rules. */
export type Casting = 'no' | 'equiv' | 'safe' | 'same_kind' | 'unsafe';

/** `casting` checked to be one of NumPy's rules (a ValueError naming 'casting' otherwise). */
export function castingRule(casting: unknown, fn: string): Casting {
  if (typeof casting !== 'string' || !['no', 'equiv', 'safe', 'same_kind', 'unsafe'].includes(casting)) {
    throw new ValueError('casting', `${fn}: casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe', got ${describeValue(casting)}`);
  }
  return casting as Casting;
}

/** Whether `from` casts to `to` under NumPy's `casting` rule (a rule already checked to be one of NumPy's). */
export function castsUnder(from: DType, to: DType, casting: Casting): boolean {
  switch (casting) {
    case 'no':
    case 'equiv':
      return from === to;
    case 'safe':
      return canCastSafely(from, to);
    case 'same_kind':
      return canCastSameKind(from, to);
    default:
      return true;
  }
}
