// NumPy's names for types and questions about them: the dtype objects (np.float64, np.intc...),
// the abstract categories (np.floating, np.integer...), issubdtype, isdtype, promote_types,
// can_cast, common_type, finfo, iinfo, iscomplexobj, isrealobj, isscalar, ndim, shape and size;
// and the constants pi, e, inf, nan, euler_gamma and newaxis.
import { ArgumentError, DType, dtype as toDType, DTypeError, type DTypeLike } from '@legate/core';

import { checkArity, describeValue } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { arrayFrom, isScalar, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';
import { castingRule, castsUnder, resultType, type Casting } from './promotion.js';

export type { Casting } from './promotion.js';

// The element types, by NumPy's names (np.float64 is the type object `float64` here: pass it
// wherever a dtype goes). C-named aliases follow this platform (Linux, LP64): long is int64.
export const bool = toDType('bool');
export const bool_ = bool;
export const int8 = toDType('int8');
export const int16 = toDType('int16');
export const int32 = toDType('int32');
export const int64 = toDType('int64');
export const uint8 = toDType('uint8');
export const uint16 = toDType('uint16');
export const uint32 = toDType('uint32');
export const uint64 = toDType('uint64');
export const float32 = toDType('float32');
export const float64 = toDType('float64');
export const complex64 = toDType('complex64');
export const complex128 = toDType('complex128');
export const byte = int8;
export const ubyte = uint8;
export const short = int16;
export const ushort = uint16;
export const intc = int32;
export const uintc = uint32;
export const long = int64;
export const ulong = uint64;
export const longlong = int64;
export const ulonglong = uint64;
export const intp = int64;
export const uintp = uint64;
/** NumPy's default integer (int64 here). */
export const int_ = int64;
export const uint = uint64;
export const single = float32;
export const double = float64;
export const csingle = complex64;
export const cdouble = complex128;

/** One of NumPy's abstract type categories (`np.floating`, `np.integer`...), for {@link issubdtype}. */
export class AbstractDType {
  /** @internal */
  constructor(
    readonly name: string,
    /** @internal */ readonly parent: AbstractDType | null,
    /** @internal */ readonly holds: (t: DType) => boolean,
  ) {}

  toString(): string {
    return `<class 'numpy.${this.name}'>`;
  }

  /** Whether this category is `other` or lies under it. */
  within(other: AbstractDType): boolean {
    for (let c: AbstractDType | null = this; c !== null; c = c.parent) if (c === other) return true;
    return false;
  }
}

export const generic = new AbstractDType('generic', null, () => true);
export const number = new AbstractDType('number', generic, (t) => t.kind !== 'b');
export const integer = new AbstractDType('integer', number, (t) => t.kind === 'i' || t.kind === 'u');
export const signedinteger = new AbstractDType('signedinteger', integer, (t) => t.kind === 'i');
export const unsignedinteger = new AbstractDType('unsignedinteger', integer, (t) => t.kind === 'u');
export const inexact = new AbstractDType('inexact', number, (t) => t.kind === 'f' || t.kind === 'c');
export const floating = new AbstractDType('floating', inexact, (t) => t.kind === 'f');
export const complexfloating = new AbstractDType('complexfloating', inexact, (t) => t.kind === 'c');

/** What the type questions take: a dtype (or its name), an abstract category, or an array (its dtype). */
export type TypeArgument = DTypeLike | AbstractDType | ndarray;

function typeArgument(x: unknown, argument: string, fn: string): DType | AbstractDType {
  if (x instanceof AbstractDType || x instanceof DType) return x;
  if (x instanceof ndarray) return x.dtype;
  if (typeof x === 'string') {
    try {
      return toDType(x as DTypeLike, argument);
    } catch {
      throw new DTypeError(argument, `${fn}: data type '${x}' not understood`);
    }
  }
  throw new DTypeError(argument, `${fn}: expected a dtype, got ${describeValue(x)}`);
}

/**
 * Whether `arg1` is `arg2` or lies under it in NumPy's type hierarchy (NumPy's `issubdtype`):
 * `issubdtype(float32, floating)` is true, `issubdtype(int8, int16)` false.
 *
 * @example
 * ```ts
 * console.log(np.issubdtype('float32', np.floating), np.issubdtype('int8', 'int16'));
 * // true false
 * ```
 */
export function issubdtype(arg1: TypeArgument, arg2: TypeArgument): boolean {
  checkArity(arguments.length, ['arg1', 'arg2'], 'issubdtype');
  const a = typeArgument(arg1, 'arg1', 'issubdtype');
  const b = typeArgument(arg2, 'arg2', 'issubdtype');
  if (b instanceof DType) return a === b;
  if (a instanceof DType) return b.holds(a);
  return a.within(b);
}

const KINDS: Record<string, (t: DType) => boolean> = {
  bool: (t) => t.kind === 'b',
  'signed integer': (t) => t.kind === 'i',
  'unsigned integer': (t) => t.kind === 'u',
  integral: (t) => t.kind === 'i' || t.kind === 'u',
  'real floating': (t) => t.kind === 'f',
  'complex floating': (t) => t.kind === 'c',
  numeric: (t) => t.kind !== 'b',
};

/** A kind of {@link isdtype}: a dtype, or one of the array API's kind names. */
export type DTypeKindName = 'bool' | 'signed integer' | 'unsigned integer' | 'integral' | 'real floating' | 'complex floating' | 'numeric';

/**
 * Whether `dtype` is of `kind` (NumPy's `isdtype`, the array API's): a dtype, a kind name
 * ('bool', 'signed integer', 'unsigned integer', 'integral', 'real floating', 'complex
 * floating', 'numeric'), or a list of these (any of them).
 *
 * @example
 * ```ts
 * console.log(np.isdtype('float32', 'real floating'), np.isdtype('int8', ['unsigned integer', 'bool']));
 * // true false
 * ```
 */
export function isdtype(dtype: DTypeLike, kind: DType | DTypeKindName | readonly (DType | DTypeKindName)[]): boolean {
  checkArity(arguments.length, ['dtype', 'kind'], 'isdtype');
  if (!(dtype instanceof DType) && typeof dtype !== 'string') throw new DTypeError('dtype', `isdtype: dtype argument must be a dtype, got ${describeValue(dtype)}`);
  const t = toDType(dtype, 'dtype');
  const one = (k: unknown): boolean => {
    if (k instanceof DType) return k === t;
    if (typeof k === 'string') {
      const test = KINDS[k];
      if (test === undefined) throw new ValueError('kind', `isdtype: kind argument is a string, but '${k}' is not a known kind name (${Object.keys(KINDS).join(', ')})`);
      return test(t);
    }
    throw new DTypeError('kind', `isdtype: kind argument must be comprised of dtypes or strings only, got ${describeValue(k)}`);
  };
  if (Array.isArray(kind)) {
    // Every entry is checked, as NumPy's (an unknown name is an error even after a match).
    const answers = kind.map(one);
    return answers.some(Boolean);
  }
  return one(kind);
}

function concrete(x: unknown, argument: string, fn: string): DType {
  const t = typeArgument(x, argument, fn);
  if (t instanceof AbstractDType) throw new DTypeError(argument, `${fn}: ${t} is an abstract type, not a dtype`);
  return t;
}

/**
 * The smallest type both can be cast to safely (NumPy's `promote_types`).
 *
 * @example
 * ```ts
 * console.log(np.promoteTypes('int16', 'uint16').name);
 * // int32
 * ```
 */
export function promoteTypes(type1: DTypeLike, type2: DTypeLike): DType {
  checkArity(arguments.length, ['type1', 'type2'], 'promote_types');
  return resultType(concrete(type1, 'type1', 'promote_types'), concrete(type2, 'type2', 'promote_types'));
}

/**
 * Whether a cast from `from` (a type or an array's) to `to` is allowed under the `casting` rule, 'safe' by default (NumPy's `can_cast`).
 *
 * @example
 * ```ts
 * console.log(np.canCast('int32', 'float64'), np.canCast('float64', 'int32'), np.canCast('float64', 'float32', 'same_kind'));
 * // true false true
 * ```
 */
export function canCast(from: DTypeLike | ndarray, to: DTypeLike, casting: Casting = 'safe'): boolean {
  checkArity(arguments.length, ['from_', 'to', 'casting'], 'can_cast');
  if (isScalar(from)) throw new DTypeError('from_', 'can_cast() does not support Python ints, floats, and complex because the result used to depend on the value; use a dtype or an array instead');
  const a = concrete(from, 'from_', 'can_cast');
  const b = concrete(to, 'to', 'can_cast');
  return castsUnder(a, b, castingRule(casting, 'can_cast'));
}

/**
 * The inexact type arrays' values share (NumPy's `common_type`): integers count as float64,
 * float32 and complex types as themselves. Booleans are an error, as NumPy's.
 *
 * @example
 * ```ts
 * console.log(np.commonType(np.arange(3), np.array([1], 'float32')).name);
 * console.log(np.commonType(np.array([1], 'float32')).name);
 * // float64
 * // float32
 * ```
 */
export function commonType(...arrays: ndarray[]): DType {
  if (arrays.length === 0) throw new ArgumentError('arrays', 'common_type: expected at least one array');
  const types = arrays.map((a, i) => {
    if (!(a instanceof ndarray)) throw new DTypeError(`arrays[${i}]`, `common_type: expected an ndarray, got ${describeValue(a)}`);
    if (a.dtype.kind === 'b') throw new DTypeError(`arrays[${i}]`, "common_type: can't get common type for non-numeric array");
    return a.dtype.isInteger ? float64 : a.dtype;
  });
  return resultType(...types);
}

/** Machine limits of a floating type (NumPy's `finfo`); a complex type's are its parts'. */
export interface FloatInfo {
  readonly dtype: DType;
  readonly bits: number;
  readonly eps: number;
  readonly epsneg: number;
  readonly max: number;
  readonly min: number;
  readonly tiny: number;
  readonly smallestNormal: number;
  readonly smallestSubnormal: number;
  readonly precision: number;
  readonly resolution: number;
  readonly maxexp: number;
  readonly minexp: number;
  readonly nexp: number;
  readonly nmant: number;
  readonly machep: number;
  readonly negep: number;
  readonly iexp: number;
}

const FLOAT_INFO: Record<'float32' | 'float64', FloatInfo> = {
  float32: {
    dtype: float32,
    bits: 32,
    eps: 2 ** -23,
    epsneg: 2 ** -24,
    max: Math.fround(3.4028234663852886e38),
    min: -Math.fround(3.4028234663852886e38),
    tiny: 2 ** -126,
    smallestNormal: 2 ** -126,
    smallestSubnormal: 2 ** -149,
    precision: 6,
    resolution: Math.fround(1e-6),
    maxexp: 128,
    minexp: -126,
    nexp: 8,
    nmant: 23,
    machep: -23,
    negep: -24,
    iexp: 8,
  },
  float64: {
    dtype: float64,
    bits: 64,
    eps: 2 ** -52,
    epsneg: 2 ** -53,
    max: Number.MAX_VALUE,
    min: -Number.MAX_VALUE,
    tiny: 2 ** -1022,
    smallestNormal: 2 ** -1022,
    smallestSubnormal: Number.MIN_VALUE,
    precision: 15,
    resolution: 1e-15,
    maxexp: 1024,
    minexp: -1022,
    nexp: 11,
    nmant: 52,
    machep: -52,
    negep: -53,
    iexp: 11,
  },
};

/**
 * Machine limits of a floating (or complex) type, or of an array's (NumPy's `finfo`).
 *
 * @example
 * ```ts
 * const f = np.finfo('float32');
 * console.log(f.bits, f.eps, f.precision);
 * // 32 1.1920928955078125e-7 6
 * ```
 */
export function finfo(dtype: DTypeLike | ndarray): FloatInfo {
  checkArity(arguments.length, ['dtype'], 'finfo');
  const t = concrete(dtype, 'dtype', 'finfo');
  if (!(t.kind === 'f' || t.kind === 'c')) throw new ValueError('dtype', `finfo: data type ${t.name} not inexact`);
  return FLOAT_INFO[t.itemsize === 4 || t.name === 'complex64' ? 'float32' : 'float64'];
}

/** Limits of an integer type (NumPy's `iinfo`): 64-bit limits are bigints, as int64 elements read. */
export interface IntegerInfo {
  readonly dtype: DType;
  readonly bits: number;
  readonly kind: 'i' | 'u';
  readonly min: number | bigint;
  readonly max: number | bigint;
}

/**
 * Limits of an integer type, or of an integer array's (NumPy's `iinfo`).
 *
 * @example
 * ```ts
 * const i = np.iinfo('int16');
 * console.log(i.bits, i.min, i.max);
 * // 16 -32768 32767
 * ```
 */
export function iinfo(dtype: DTypeLike | ndarray): IntegerInfo {
  checkArity(arguments.length, ['dtype'], 'iinfo');
  const t = concrete(dtype, 'dtype', 'iinfo');
  if (!t.isInteger) throw new ValueError('dtype', `iinfo: Invalid integer data type '${t.kind}'.`);
  const bits = t.itemsize * 8;
  const kind = t.kind as 'i' | 'u';
  if (bits === 64) return { dtype: t, bits, kind, min: kind === 'i' ? -(2n ** 63n) : 0n, max: kind === 'i' ? 2n ** 63n - 1n : 2n ** 64n - 1n };
  return { dtype: t, bits, kind, min: kind === 'i' ? -(2 ** (bits - 1)) : 0, max: kind === 'i' ? 2 ** (bits - 1) - 1 : 2 ** bits - 1 };
}

function typeOfInput(x: unknown, fn: string): DType {
  if (x instanceof ndarray) return x.dtype;
  if (x instanceof DType) return x;
  const a = arrayFrom(x, 'x', fn);
  const t = a.dtype;
  a.dispose();
  return t;
}

/**
 * Whether `x` is of a complex type (NumPy's `iscomplexobj`): by type, not by value.
 *
 * @example
 * ```ts
 * console.log(np.iscomplexobj(np.array([{ re: 1, im: 0 }])), np.iscomplexobj([1, 2]));
 * // true false
 * ```
 */
export function iscomplexobj(x: ArrayInput): boolean {
  checkArity(arguments.length, ['x'], 'iscomplexobj');
  return typeOfInput(x, 'iscomplexobj').isComplex;
}

/**
 * Whether `x` is not of a complex type (NumPy's `isrealobj`).
 *
 * @example
 * ```ts
 * console.log(np.isrealobj(np.array([1, 2])), np.isrealobj(np.array([{ re: 1, im: 0 }])));
 * // true false
 * ```
 */
export function isrealobj(x: ArrayInput): boolean {
  checkArity(arguments.length, ['x'], 'isrealobj');
  return !typeOfInput(x, 'isrealobj').isComplex;
}

/**
 * Whether `element` is a scalar (NumPy's `isscalar`): a number, bigint, boolean, complex
 * `{ re, im }` or string; an array (0-d included), a list or anything else is not.
 *
 * @example
 * ```ts
 * console.log(np.isscalar(3.1), np.isscalar(np.array(3.1)), np.isscalar([3.1]));
 * // true false false
 * ```
 */
export function isscalar(element: unknown): boolean {
  checkArity(arguments.length, ['element'], 'isscalar');
  return isScalar(element) || typeof element === 'string';
}

function asInput(a: unknown, fn: string): { shape: readonly number[]; free(): void } {
  if (a instanceof ndarray) return { shape: a.shape, free: () => undefined };
  const made = arrayFrom(a, 'a', fn);
  return { shape: made.shape, free: () => made.dispose() };
}

/**
 * The number of dimensions of an array, a scalar (0) or nested lists (NumPy's `ndim`).
 *
 * @example
 * ```ts
 * console.log(np.ndim([[1, 2, 3]]), np.ndim(5), np.ndim(np.zeros([2, 3, 4])));
 * // 2 0 3
 * ```
 */
export function ndim(a: ArrayInput): number {
  checkArity(arguments.length, ['a'], 'ndim');
  const x = asInput(a, 'ndim');
  x.free();
  return x.shape.length;
}

/**
 * The shape of an array, a scalar ([]) or nested lists (NumPy's `shape`).
 *
 * @example
 * ```ts
 * console.log(np.shape([[1, 2, 3], [4, 5, 6]]), np.shape(5));
 * // [ 2, 3 ] []
 * ```
 */
export function shape(a: ArrayInput): number[] {
  checkArity(arguments.length, ['a'], 'shape');
  const x = asInput(a, 'shape');
  x.free();
  return [...x.shape];
}

/**
 * The number of elements, or along `axis` (NumPy's `size`).
 *
 * @example
 * ```ts
 * const a = np.zeros([2, 3]);
 * console.log(np.size(a), np.size(a, 1));
 * // 6 3
 * ```
 */
export function size(a: ArrayInput, axis?: number | null): number {
  checkArity(arguments.length, ['a', 'axis'], 'size');
  const x = asInput(a, 'size');
  x.free();
  if (axis === undefined || axis === null) return x.shape.reduce((p, e) => p * e, 1);
  if (typeof axis !== 'number' || !Number.isInteger(axis)) throw new DTypeError('axis', `size: expected an integer axis, got ${describeValue(axis)}`);
  return x.shape[normalizeAxis(axis, x.shape.length)]!;
}

/** π. */
export const pi = Math.PI;
/** Euler's number. */
export const e = Math.E;
/** Positive infinity. */
export const inf = Infinity;
/** Not a number. */
export const nan = NaN;
/** The Euler–Mascheroni constant γ (NumPy's `euler_gamma`). */
export const eulerGamma = 0.5772156649015329;
/** A new axis of extent 1 in an index (NumPy's `newaxis`, which is `None`): `a.slice(':', newaxis)`. */
export const newaxis = null;
