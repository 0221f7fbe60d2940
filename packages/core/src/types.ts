import { ArgumentError } from './errors.js';

/** The element types of stores. Codes match `legate_type_code` in `<legate/core_abi.h>`. */
export type DTypeName =
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128';

/** NumPy's kind letters: boolean, signed, unsigned, floating, complex. */
export type DTypeKind = 'b' | 'i' | 'u' | 'f' | 'c';

/** The typed array that views one element type's memory (complex: interleaved re, im). */
export type TypedArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** The constructor of a {@link TypedArray}. */
export type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): TypedArray;
  new (length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

/** A complex number as it crosses the API. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** An element type: its name, size, kind and the typed array that views it. */
export class DType {
  private constructor(
    readonly name: DTypeName,
    /** Stable numeric code shared with native code. */
    readonly code: number,
    readonly kind: DTypeKind,
    /** Bytes per element. */
    readonly itemsize: number,
    /** The typed array over this type's memory; complex types use their component type's. */
    readonly arrayType: TypedArrayConstructor,
  ) {}

  /** Typed-array elements per store element: 2 for complex, else 1. */
  get lanes(): number {
    return this.kind === 'c' ? 2 : 1;
  }

  get isInteger(): boolean {
    return this.kind === 'i' || this.kind === 'u';
  }

  get isFloating(): boolean {
    return this.kind === 'f';
  }

  get isComplex(): boolean {
    return this.kind === 'c';
  }

  /** Whether elements are read as bigint (64-bit integers). */
  get isBigInt(): boolean {
    return this.isInteger && this.itemsize === 8;
  }

  toString(): string {
    return this.name;
  }

  toJSON(): string {
    return this.name;
  }

  /** @internal */
  static create(
    name: DTypeName,
    code: number,
    kind: DTypeKind,
    itemsize: number,
    arrayType: TypedArrayConstructor,
  ): DType {
    return new DType(name, code, kind, itemsize, arrayType);
  }
}

export const bool = DType.create('bool', 0, 'b', 1, Uint8Array);
export const int8 = DType.create('int8', 1, 'i', 1, Int8Array);
export const int16 = DType.create('int16', 2, 'i', 2, Int16Array);
export const int32 = DType.create('int32', 3, 'i', 4, Int32Array);
export const int64 = DType.create('int64', 4, 'i', 8, BigInt64Array);
export const uint8 = DType.create('uint8', 5, 'u', 1, Uint8Array);
export const uint16 = DType.create('uint16', 6, 'u', 2, Uint16Array);
export const uint32 = DType.create('uint32', 7, 'u', 4, Uint32Array);
export const uint64 = DType.create('uint64', 8, 'u', 8, BigUint64Array);
export const float32 = DType.create('float32', 9, 'f', 4, Float32Array);
export const float64 = DType.create('float64', 10, 'f', 8, Float64Array);
export const complex64 = DType.create('complex64', 11, 'c', 8, Float32Array);
export const complex128 = DType.create('complex128', 12, 'c', 16, Float64Array);

/** Every type, indexed by code. */
export const dtypes: readonly DType[] = [
  bool,
  int8,
  int16,
  int32,
  int64,
  uint8,
  uint16,
  uint32,
  uint64,
  float32,
  float64,
  complex64,
  complex128,
];

const byName = new Map<string, DType>(dtypes.map((t) => [t.name, t]));

/** A type, or its name. */
export type DTypeLike = DType | DTypeName;

/**
 * Resolves a type or type name; throws a TypeError naming `argument` for anything else.
 *
 * @example
 * ```ts
 * const t = core.dtype('float32');
 * console.log(t.name, t.itemsize, t.kind, core.dtype('complex64').itemsize);
 * // float32 4 f 8
 * ```
 */
export function dtype(like: DTypeLike, argument = 'dtype'): DType {
  if (like instanceof DType) return like;
  const found = typeof like === 'string' ? byName.get(like) : undefined;
  if (!found) {
    throw new DTypeError(argument, `expected one of ${[...byName.keys()].join(', ')}, got ${describe(like)}`);
  }
  return found;
}

/**
 * The store type of a typed array's elements (Uint8Array is uint8, never bool).
 *
 * @example
 * ```ts
 * console.log(core.dtypeOfArray(new Uint8Array(4)).name);
 * // uint8
 * ```
 */
export function dtypeOfArray(array: TypedArray): DType {
  for (const t of dtypes) {
    if (t !== bool && !t.isComplex && array instanceof t.arrayType) return t;
  }
  throw new DTypeError('array', `unsupported typed array ${describe(array)}`);
}

/** A wrong element type, or a value that does not fit one. */
export class DTypeError extends ArgumentError {
  override name = 'DTypeError';
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return String(value);
}
