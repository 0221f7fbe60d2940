import { describe, dtype as toDType, DTypeError, type Complex, type DType, type DTypeLike } from './types.js';

/** What a scalar of some type holds: boolean, number, bigint (64-bit integers) or complex. */
export type ScalarValue = boolean | number | bigint | Complex;

const INTEGER_RANGES: Record<string, readonly [bigint, bigint]> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

const NUMBER_RANGES: Record<string, readonly [number, number]> = Object.fromEntries(
  Object.entries(INTEGER_RANGES).map(([name, [lo, hi]]) => [name, [Number(lo), Number(hi)]]),
);

function isComplex(value: unknown): value is Complex {
  return typeof value === 'object' && value !== null && typeof (value as Complex).re === 'number' && typeof (value as Complex).im === 'number';
}

/**
 * One typed value, e.g. a task's scalar argument or a fill value. The value is checked against
 * the type: integers must be integral and in range, 64-bit integers may be given as bigint.
 */
export class Scalar {
  readonly dtype: DType;
  readonly value: ScalarValue;

  constructor(value: ScalarValue, type: DTypeLike, argument = 'value') {
    this.dtype = toDType(type);
    this.value = Scalar.#check(value, this.dtype, argument);
  }

  static #check(value: ScalarValue, t: DType, argument: string): ScalarValue {
    const fail = (why: string): never => {
      throw new DTypeError(argument, `${describe(isComplex(value) ? `${value.re}+${value.im}j` : value)} is not a valid ${t.name}: ${why}`);
    };
    switch (t.kind) {
      case 'b':
        if (typeof value !== 'boolean') fail('expected a boolean');
        return value;
      case 'f':
        if (typeof value !== 'number') fail('expected a number');
        return t.itemsize === 4 ? Math.fround(value as number) : value;
      case 'c': {
        const c = isComplex(value) ? value : typeof value === 'number' ? { re: value, im: 0 } : fail('expected a number or {re, im}');
        return t.itemsize === 8 ? { re: Math.fround(c.re), im: Math.fround(c.im) } : { re: c.re, im: c.im };
      }
      default: {
        if (typeof value !== 'number' && typeof value !== 'bigint') fail('expected an integer');
        if (typeof value === 'number' && !Number.isInteger(value)) fail('expected an integer');
        // The common case without BigInt arithmetic: a small integer in a type narrower than 64 bits.
        if (typeof value === 'number' && t.itemsize < 8 && Math.abs(value) <= 2 ** 32) {
          const [lo, hi] = NUMBER_RANGES[t.name]!;
          if (value < lo || value > hi) fail(`out of range [${lo}, ${hi}]`);
          return value === 0 ? 0 : value;
        }
        const big = BigInt(value as number | bigint);
        const [lo, hi] = INTEGER_RANGES[t.name]!;
        if (big < lo || big > hi) fail(`out of range [${lo}, ${hi}]`);
        return t.itemsize === 8 ? big : Number(big);
      }
    }
  }

  #bytes: Uint8Array | undefined;

  /**
   * The value's bytes in the machine's (little-endian) layout, as native tasks read them. One
   * array per scalar, made once: it must not be changed.
   */
  bytes(): Uint8Array {
    return (this.#bytes ??= this.#encode());
  }

  #encode(): Uint8Array {
    const t = this.dtype;
    const out = new t.arrayType(t.lanes);
    const v = this.value;
    if (t.isComplex) {
      out[0] = (v as Complex).re;
      out[1] = (v as Complex).im;
    } else if (typeof v === 'boolean') {
      out[0] = v ? 1 : 0;
    } else {
      (out as unknown as (number | bigint)[])[0] = v as number | bigint;
    }
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  toString(): string {
    const v = this.value;
    return `${isComplex(v) ? `(${v.re}${v.im < 0 ? '-' : '+'}${Math.abs(v.im)}j)` : String(v)}:${this.dtype.name}`;
  }
}
