import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const FAMILIES = ['bool', 'int8', 'uint8', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex128'];
const OPS = [
  ['add', np.add, 'a + b'],
  ['subtract', np.subtract, 'a - b'],
  ['multiply', np.multiply, 'a * b'],
  ['divide', np.divide, 'a / b'],
] as const;

describe.skipIf(!python.ok)('elementwise arithmetic against NumPy', () => {
  it.each(OPS)('%s: every pair of dtype families gives NumPy\'s type and values', async (name, fn, expression) => {
    for (const ta of FAMILIES) {
      for (const tb of FAMILIES) {
        if (name === 'subtract' && ta === 'bool' && tb === 'bool') continue; // NumPy refuses: tested below
        const shape = [randint(1, 9), randint(1, 7)];
        const a = random(ta, shape);
        const b = random(tb, shape);
        if (name === 'divide') {
          // no division by zero: NumPy's inf/nan follow IEEE as ours do, but warn
          const d = b.data as ArrayLike<number | bigint>;
          for (let i = 0; i < d.length; i++) if (Number(d[i]) === 0) (b.data as unknown as (number | bigint)[])[i] = typeof d[i] === 'bigint' ? 1n : 1;
        }
        const complex = ta.startsWith('complex') || tb.startsWith('complex');
        await expectLikeNumpy(fn(ours(a), ours(b)), expression, { a, b }, !complex || name === 'add' || name === 'subtract');
      }
    }
  });

  it('broadcasts a (20, 21, 22) array against each lower-rank and size-1 shape', async () => {
    const a = random('float64', [20, 21, 22]);
    for (const shape of [[], [22], [1], [21, 22], [21, 1], [1, 22], [20, 1, 1], [1, 21, 1], [20, 21, 22], [1, 1, 22]]) {
      const b = random('float64', shape);
      await expectLikeNumpy(np.add(ours(a), ours(b)), 'a + b', { a, b });
      await expectLikeNumpy(np.multiply(ours(b), ours(a)), 'b * a', { a, b });
    }
  });

  it('treats JavaScript scalars as NumPy 2 treats Python scalars', async () => {
    const i8 = random('int8', [5]);
    const f32 = random('float32', [5]);
    await expectLikeNumpy(np.add(ours(i8), 3), 'a + 3', { a: i8 });
    await expectLikeNumpy(np.multiply(ours(i8), 0.5), 'a * 0.5', { a: i8 });
    await expectLikeNumpy(np.add(ours(f32), 2.25), 'a + 2.25', { a: f32 });
    await expectLikeNumpy(np.divide(7, ours(f32)), '7 / a', { a: f32 });
    await expectLikeNumpy(np.subtract(ours(i8), true), 'a - True', { a: i8 });
  });

  it('works through transposed and sliced views, and on empty arrays', async () => {
    const a = random('float64', [6, 4]);
    const b = random('float64', [4, 6]);
    await expectLikeNumpy(np.add(ours(a), ours(b).T), 'a + b.T', { a, b });
    const e = np.add(np.zeros([0, 3]), np.ones([3]));
    expect(e.shape).toEqual([0, 3]);
    expect(e.toArray().length).toBe(0);
  });

  it('sums every element into a deferred 0-d array with NumPy\'s accumulator type', async () => {
    for (const t of ['bool', 'int8', 'uint8', 'int32', 'int64', 'float32', 'float64', 'complex128']) {
      const a = random(t, [randint(50, 300)]);
      const total = np.sum(ours(a));
      expect(total.ndim).toBe(0);
      await expectLikeNumpy(total, 'a.sum()', { a }, t.startsWith('int') || t.startsWith('uint') || t === 'bool');
    }
  });
});

describe.skipIf(!python.ok)('creation against NumPy', () => {
  it('makes zeros, ones, full, arange and arrays of NumPy\'s types', async () => {
    await expectLikeNumpy(np.zeros([3, 4]), 'np.zeros((3, 4))', {});
    await expectLikeNumpy(np.ones([5], 'int32'), 'np.ones(5, dtype=np.int32)', {});
    await expectLikeNumpy(np.full([2, 2], 7), 'np.full((2, 2), 7)', {});
    await expectLikeNumpy(np.full([3], 2.5, 'float32'), 'np.full(3, 2.5, dtype=np.float32)', {});
    await expectLikeNumpy(np.arange(10), 'np.arange(10)', {});
    await expectLikeNumpy(np.arange(1, 2, 0.1), 'np.arange(1, 2, 0.1)', {}, false);
    await expectLikeNumpy(np.arange(10, 0, -3), 'np.arange(10, 0, -3)', {});
    await expectLikeNumpy(np.array([[1, 2, 3], [4, 5, 6]]), 'np.array([[1, 2, 3], [4, 5, 6]])', {});
    await expectLikeNumpy(np.array([true, false]), 'np.array([True, False])', {});
    await expectLikeNumpy(np.array([1, 2.5]), 'np.array([1, 2.5])', {});
    expect(np.array([[1, 2], [3, 4]]).toNested()).toEqual([[1, 2], [3, 4]]);
    expect(np.sum(np.arange(101)).item()).toBe(5050);
  });
});

describe('JavaScript numbers and 64-bit integers', () => {
  it('reads int64 and uint64 as numbers while safe, as exact bigints beyond', () => {
    const a = np.array([3n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 62n)]);
    expect(a.get(0) as number + 1).toBe(4);
    expect([...a]).toEqual([3, 2 ** 53 - 1, 2n ** 53n, -(2n ** 62n)]);
    expect(a.tolist()).toEqual([3, 2 ** 53 - 1, 2n ** 53n, -(2n ** 62n)]);
    expect(a.item(2)).toBe(2n ** 53n);
    // toArray keeps the stored type: bigints, always.
    expect(Array.from(a.toArray() as BigInt64Array)).toEqual([3n, 2n ** 53n - 1n, 2n ** 53n, -(2n ** 62n)]);
    const u = np.array([7n, 2n ** 64n - 1n], 'uint64');
    expect(u.tolist()).toEqual([7, 2n ** 64n - 1n]);
    expect(Number(np.sum(np.arange(5)))).toBe(10);
    expect(np.arange(4).get(3) as number * 2).toBe(6);
  });

  it('takes an integer-valued number within int64 as an integer, any other number as a float', () => {
    expect(np.array([1, true]).dtype.name).toBe('int64');
    expect(np.array([1, 2.5, true]).dtype.name).toBe('float64');
    // 1e20 is integer-valued but beyond int64: only a float (NumPy's 1e20 is float64 too).
    expect(np.array([1e20]).dtype.name).toBe('float64');
    expect(np.full([2], 1e20).dtype.name).toBe('float64');
    expect(np.add(np.arange(2), 1e20).dtype.name).toBe('float64');
    const r = np.arange(1e20, 1e20 + 2e5, 65536);
    expect(r.dtype.name).toBe('float64');
    expect(r.get(0)).toBe(1e20);
    // Within int64 an integral number is an integer, exactly.
    expect(np.multiply(np.arange(2), 2 ** 60).tolist()).toEqual([0, 2n ** 60n]);
  });
});

describe('bad input', () => {
  it.each([
    ['shapes that do not broadcast', () => np.add(np.zeros([2, 3]), np.zeros([4])), /^operands: could not be broadcast together with shapes \(2,3\) \(4,\)$/],
    ['a negative dimension', () => np.zeros([2, -1]), /^shape: negative dimensions are not allowed$/],
    ['boolean subtraction', () => np.subtract(np.array([true]), np.array([false])), /^x1: numpy boolean subtract/],
    ['a ragged nested array', () => np.array([[1, 2], [3]] as never), /^object: the nested arrays are ragged/],
    ['an int8 scalar out of range', () => np.add(np.zeros([2], 'int8'), 300), /^x2: 300 is not a valid int8: out of range/],
    ['item of a larger array', () => np.zeros([2]).item(), /^item: can only convert an array of size 1/],
    ['a string operand', () => np.add(np.zeros([2]), '1' as never), /^x2: add: expected an ndarray or a number, got string$/],
  ])('rejects %s with a typed error naming the argument', (_, make, message) => {
    expect(make).toThrow(message);
  });
});
