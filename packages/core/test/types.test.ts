import { describe, expect, it } from 'vitest';

import { findPython, PythonReference } from '@legate/testing';

import { Scalar } from '../src/scalar.js';
import { complex128, complex64, dtype, DTypeError, dtypeOfArray, dtypes, float32, int64, uint8 } from '../src/types.js';

describe('dtypes', () => {
  it('have unique codes equal to their index, and sizes matching their typed arrays', () => {
    dtypes.forEach((t, i) => {
      expect(t.code).toBe(i);
      expect(t.itemsize).toBe(t.arrayType.BYTES_PER_ELEMENT * t.lanes);
    });
  });

  it.skipIf(!findPython().ok)('have NumPy\'s itemsize and kind for the same name', async () => {
    const py = PythonReference.start()!;
    try {
      const numpy = await py.eval<[string, number, string][]>(
        `[(n, np.dtype(n).itemsize, np.dtype(n).kind) for n in names.split(',')]`,
        { names: dtypes.map((t) => t.name).join(',') },
      );
      expect(numpy).toEqual(dtypes.map((t) => [t.name, t.itemsize, t.kind]));
    } finally {
      py.close();
    }
  });

  it('resolve names and reject unknown ones with a DTypeError naming the argument', () => {
    expect(dtype('float32')).toBe(float32);
    expect(dtype(int64)).toBe(int64);
    expect(() => dtype('float16' as never)).toThrow(DTypeError);
    expect(() => dtype('double' as never, 'out')).toThrow(/^out: expected one of bool, int8, .*complex128, got 'double'$/);
  });

  it('map typed arrays to store types', () => {
    expect(dtypeOfArray(new Uint8Array(1))).toBe(uint8);
    expect(dtypeOfArray(new BigInt64Array(1))).toBe(int64);
    expect(dtypeOfArray(new Float32Array(1))).toBe(float32);
  });
});

describe('Scalar', () => {
  it('checks values against the type, naming the argument', () => {
    expect(new Scalar(255, 'uint8').value).toBe(255);
    expect(() => new Scalar(256, 'uint8', 'fill')).toThrow(/^fill: 256 is not a valid uint8: out of range \[0, 255\]$/);
    expect(() => new Scalar(1.5, 'int32')).toThrow(/^value: 1.5 is not a valid int32: expected an integer$/);
    expect(() => new Scalar(1, 'bool')).toThrow(DTypeError);
    expect(() => new Scalar('1' as never, 'float64')).toThrow(/expected a number/);
    expect(new Scalar(2n ** 63n - 1n, 'int64').value).toBe(2n ** 63n - 1n);
    expect(() => new Scalar(2n ** 63n, 'int64')).toThrow(/out of range/);
    expect(new Scalar(3, 'uint64').value).toBe(3n);
  });

  it('rounds float32 and complex64 components, and widens real numbers to complex', () => {
    expect(new Scalar(0.1, float32).value).toBe(Math.fround(0.1));
    expect(new Scalar(2, complex128).value).toEqual({ re: 2, im: 0 });
    expect(new Scalar({ re: 0.1, im: -0.2 }, complex64).value).toEqual({ re: Math.fround(0.1), im: Math.fround(-0.2) });
  });

  it('encodes little-endian bytes as native tasks read them', () => {
    expect(Array.from(new Scalar(-2, 'int16').bytes())).toEqual([0xfe, 0xff]);
    expect(Array.from(new Scalar(true, 'bool').bytes())).toEqual([1]);
    expect(new Float64Array(new Scalar({ re: 1.5, im: -3 }, complex128).bytes().slice().buffer)).toEqual(new Float64Array([1.5, -3]));
    expect(new BigInt64Array(new Scalar(-(2n ** 40n), int64).bytes().slice().buffer)[0]).toBe(-(2n ** 40n));
  });

  it('prints value and type', () => {
    expect(String(new Scalar({ re: 1, im: -2 }, complex64))).toBe('(1-2j):complex64');
    expect(String(new Scalar(7, 'int8'))).toBe('7:int8');
  });
});
