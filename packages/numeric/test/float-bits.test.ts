// fmod, gcd, lcm, nextafter, ldexp, frexp, spacing and bitwiseCount against NumPy: every integer
// and float dtype they take, scalars, broadcasting, NaN, infinities, signed zeros, subnormals and
// the integer corners (the minimum, division by 0, wrapping lcm), out=, typed errors, no leaks.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError, UnknownOptionError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** Our array equals NumPy's bit for bit where it is a float too (NaN matching NaN, zeros by sign). */
async function expectExactly(got: np.ndarray, expression: string, inputs: Record<string, NdValue | number>): Promise<void> {
  const want = await py!.eval<NdValue>(`np.asarray(${expression})`, inputs as never);
  expect(got.dtype.name, expression).toBe(want.dtype);
  expect(got.shape, expression).toEqual(want.shape);
  const hex = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  expect(hex(got.toArray() as ArrayBufferView), expression).toBe(hex(want.data as ArrayBufferView));
}

const FLOATS = { dtype: 'float64', shape: [12], data: new Float64Array([0, -0, 1, -1, 5e-324, -5e-324, 1.7976931348623157e308, Infinity, -Infinity, NaN, 0.1, -3e-310]) };
const INTEGERS = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'];

describe.skipIf(!python.ok)('float and integer bit functions against NumPy', () => {
  it.each([...INTEGERS, 'bool', 'float32', 'float64'])('fmod of %s, broadcast, with scalars and zero divisors', async (t) => {
    const a = withSpecials(random(t, [6, 5], 50), 3);
    const b = random(t, [5], 7);
    await expectLikeNumpy(np.fmod(ours(a), ours(b)), 'np.fmod(a, b)', { a, b }, exactFor(t));
    await expectLikeNumpy(np.fmod(ours(a), 3), 'np.fmod(a, 3)', { a }, exactFor(t));
    await expectLikeNumpy(np.fmod(ours(a).T, ours(a).T), 'np.fmod(a.T, a.T)', { a }, exactFor(t));
    if (t !== 'bool') await expectLikeNumpy(np.fmod(17, ours(b)), 'np.fmod(17, b)', { b }, exactFor(t));
  });

  it('fmod keeps the dividend sign; integers by 0 and the minimum by -1 give 0', async () => {
    const x = { dtype: 'int8', shape: [6], data: new Int8Array([-128, -128, 7, -7, 5, 0]) };
    const y = { dtype: 'int8', shape: [6], data: new Int8Array([-1, 0, -3, 3, 0, 0]) };
    await expectLikeNumpy(np.fmod(ours(x), ours(y)), 'np.fmod(x, y)', { x, y });
    await expectExactly(np.fmod(ours(FLOATS), -0.75), 'np.fmod(f, -0.75)', { f: FLOATS });
    await expectExactly(np.fmod(-0.75, ours(FLOATS)), 'np.fmod(-0.75, f)', { f: FLOATS });
  });

  it.each(INTEGERS)('gcd and lcm of %s, with the corners', async (t) => {
    const a = random(t, [4, 6], 10);
    const b = random(t, [6], 10);
    for (const f of ['gcd', 'lcm'] as const) {
      await expectLikeNumpy(np[f](ours(a), ours(b)), `np.${f}(a, b)`, { a, b });
      await expectLikeNumpy(np[f](ours(a), 12), `np.${f}(a, 12)`, { a });
      await expectLikeNumpy(np[f](ours(a).T, ours(a).T), `np.${f}(a.T, a.T)`, { a });
    }
  });

  it('gcd and lcm of the minimum, of zeros, and an lcm that wraps', async () => {
    const x = { dtype: 'int64', shape: [5], data: new BigInt64Array([-(2n ** 63n), 0n, 2n ** 62n, -12n, 0n]) };
    const y = { dtype: 'int64', shape: [5], data: new BigInt64Array([0n, 0n, 3n, 18n, -5n]) };
    for (const f of ['gcd', 'lcm'] as const) await expectLikeNumpy(np[f](ours(x), ours(y)), `np.${f}(x, y)`, { x, y });
    const z = { dtype: 'int8', shape: [3], data: new Int8Array([-128, 100, -7]) };
    await expectLikeNumpy(np.gcd(ours(z), 0), 'np.gcd(z, np.int8(0))', { z });
    await expectLikeNumpy(np.lcm(ours(z), 3), 'np.lcm(z, np.int8(3))', { z });
  });

  it.each(['float32', 'float64', 'int16', 'int64'])('nextafter and spacing of %s, exactly', async (t) => {
    const a = withSpecials(random(t, [5, 4], 1e3), 3);
    const b = withSpecials(random(t, [4], 1e3), 1);
    await expectExactly(np.nextafter(ours(a), ours(b)), 'np.nextafter(a, b)', { a, b });
    await expectExactly(np.nextafter(ours(a), Infinity), 'np.nextafter(a, np.inf)', { a });
    await expectExactly(np.spacing(ours(a)), 'np.spacing(a)', { a });
    await expectExactly(np.spacing(ours(a).T.slice('::-1')), 'np.spacing(a.T[::-1])', { a });
  });

  it('nextafter and spacing at zeros, subnormals, the maximum, infinities and NaN', async () => {
    const f = FLOATS;
    await expectExactly(np.spacing(ours(f)), 'np.spacing(f)', { f });
    await expectExactly(np.nextafter(ours(f), 0), 'np.nextafter(f, 0)', { f });
    await expectExactly(np.nextafter(ours(f), -Infinity), 'np.nextafter(f, -np.inf)', { f });
    await expectExactly(np.nextafter(ours(f), NaN), 'np.nextafter(f, np.nan)', { f });
    await expectExactly(np.nextafter(ours(f), ours(f)), 'np.nextafter(f, f)', { f });
  });

  it.each(['float32', 'float64', 'int8', 'uint16', 'int32', 'int64', 'bool'])('frexp and ldexp of %s round trip as NumPy', async (t) => {
    const a = withSpecials(random(t, [6, 4], 1e6), 3);
    // NumPy computes int8 and bool in float16, which is float32 here.
    const x = ['int8', 'bool'].includes(t) ? 'a.astype(np.float32)' : 'a';
    const [m, e] = np.frexp(ours(a));
    await expectExactly(m, `np.frexp(${x})[0]`, { a });
    await expectExactly(e, `np.frexp(${x})[1]`, { a });
    await expectExactly(np.ldexp(m, e), `np.ldexp(*np.frexp(${x}))`, { a });
    const n = random('int32', [4], 0);
    await expectExactly(np.ldexp(ours(a), np.remainder(ours(n), 40)), `np.ldexp(${x}, np.remainder(n, 40))`, { a, n });
    await expectExactly(np.ldexp(ours(a), -3), `np.ldexp(${x}, -3)`, { a });
  });

  it('frexp and ldexp at the corners: zeros, subnormals, infinities, overflow and huge exponents', async () => {
    const f = FLOATS;
    const [m, e] = np.frexp(ours(f));
    await expectExactly(m, 'np.frexp(f)[0]', { f });
    await expectExactly(e, 'np.frexp(f)[1]', { f });
    const k = { dtype: 'int64', shape: [12], data: new BigInt64Array([0n, 1n, 1024n, -1075n, 1074n, -1n, 1n, 5n, -5n, 3n, 2n ** 40n, -(2n ** 40n)]) };
    await expectExactly(np.ldexp(ours(f), ours(k)), 'np.ldexp(f, k)', { f, k });
    const g = random('float32', [12]);
    await expectExactly(np.ldexp(ours(g), ours(k)), 'np.ldexp(g, k)', { g, k });
    await expectExactly(np.ldexp(1.5, ours(k)), 'np.ldexp(1.5, k)', { k });
    // NumPy's Python int takes the float16 loop: float32 here.
    await expectExactly(np.ldexp(3, ours(k)), 'np.ldexp(np.float32(3), k)', { k });
  });

  it.each([...INTEGERS, 'bool'])('bitwiseCount of %s', async (t) => {
    const a = random(t, [7, 3], 10);
    await expectLikeNumpy(np.bitwiseCount(ours(a)), 'np.bitwise_count(a)', { a });
    await expectLikeNumpy(np.bitwiseCount(ours(a).T), 'np.bitwise_count(a.T)', { a });
  });

  it('bitwiseCount of the extremes', async () => {
    const x = { dtype: 'int64', shape: [4], data: new BigInt64Array([-(2n ** 63n), -1n, 2n ** 63n - 1n, 0n]) };
    await expectLikeNumpy(np.bitwiseCount(ours(x)), 'np.bitwise_count(x)', { x });
    const u = { dtype: 'uint64', shape: [2], data: new BigUint64Array([2n ** 64n - 1n, 2n ** 63n]) };
    await expectLikeNumpy(np.bitwiseCount(ours(u)), 'np.bitwise_count(u)', { u });
  });

  it('empty arrays, lists and out=', async () => {
    const e = np.empty([0, 3]);
    expect(np.fmod(e, 2).shape).toEqual([0, 3]);
    expect(np.frexp(e)[1].dtype.name).toBe('int32');
    expect(np.bitwiseCount(np.empty([0], 'int16')).dtype.name).toBe('uint8');
    await expectLikeNumpy(np.gcd([12, 18], [8, 27]), 'np.gcd([12, 18], [8, 27])', {});
    await expectLikeNumpy(np.ldexp([1, 2], [3, 4]), 'np.ldexp([1., 2.], [3, 4])', {});
    const a = random('float64', [3, 4], 100);
    const out = np.zeros([3, 4], 'float32');
    expect(np.fmod(ours(a), 7, { out })).toBe(out);
    await expectLikeNumpy(out, 'np.fmod(a, 7).astype(np.float32)', { a }, false);
    const m = np.zeros([3, 4]);
    const x = np.zeros([3, 4], 'int64');
    const [m2, x2] = np.frexp(ours(a), { out: [m, x] });
    expect(m2).toBe(m);
    expect(x2).toBe(x);
    await expectLikeNumpy(x, 'np.frexp(a)[1].astype(np.int64)', { a });
    const o = np.zeros([3, 4]);
    np.ldexp(ours(a), 2, o);
    await expectLikeNumpy(o, 'np.ldexp(a, 2)', { a });
  });
});

describe('bit functions: bad input and memory', () => {
  it('refuses the types NumPy refuses, naming the argument', () => {
    const z = np.array([{ re: 1, im: 1 }]);
    const f = np.array([1.5]);
    const check = (fn: () => unknown, argument: string) => {
      try {
        fn();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DTypeError);
        expect((e as DTypeError).argument).toBe(argument);
      }
    };
    check(() => np.fmod(z, 2), 'x1');
    check(() => np.gcd(f, 2), 'x1');
    check(() => np.lcm(np.array([2]), 1.5), 'x1');
    check(() => np.nextafter(z, 1), 'x1');
    check(() => np.spacing(z), 'x');
    check(() => np.frexp(z), 'x');
    check(() => np.bitwiseCount(f), 'x');
    check(() => np.ldexp(z, 1), 'x1');
    check(() => np.ldexp(f, f), 'x2');
    check(() => np.ldexp(f, 2.5), 'x2');
    check(() => np.fmod(f, 'a' as never), 'x2');
    check(() => np.frexp(f, { out: [np.zeros([1]), np.zeros([1], 'bool')] }), 'out');
    check(() => np.frexp(f, { out: [np.zeros([1])] as never }), 'out');
    expect(() => np.frexp(f, { out: [np.zeros([2]), np.zeros([2], 'int32')] })).toThrow(ShapeError);
    expect(() => np.frexp(f, { axis: 0 } as never)).toThrow(UnknownOptionError);
    expect(() => np.gcd(np.array([2]), np.array([2, 3, 4]).reshape(3, 1).T.reshape(1, 3).T)).not.toThrow();
  });

  it('frees every temporary', () => {
    const a = np.array([1.5, -2, 7]);
    const i = np.array([3, 4, 5], 'int16');
    const left = storesLeftBy(() => {
      np.ldexp(a, i).dispose();
      np.ldexp(3, i).dispose();
      np.ldexp([1, 2], 3).dispose();
      np.frexp(2.5).forEach((x) => x.dispose());
      np.frexp(a).forEach((x) => x.dispose());
      np.gcd(i, 4).dispose();
      np.bitwiseCount(i).dispose();
      np.spacing(i).dispose();
    });
    expect(left).toBe(0);
    a.dispose();
    i.dispose();
  });
});
