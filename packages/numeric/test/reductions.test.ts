// Reductions and scans against NumPy: every dtype family, axes (one, several, negative, all),
// keepdims, initial, views, empty and 0-d arrays, with the runtime forced to partition.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const FAMILIES = ['bool', 'int8', 'uint8', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];
const AXES: (number | number[] | null)[] = [null, 0, 1, -1, [0, 2], [1, 2], [0, 1, 2], [2, 0]];
const pyAxis = (axis: number | number[] | null) => (axis === null ? 'None' : Array.isArray(axis) ? `(${axis.join(', ')},)` : String(axis));
const exactFor = (t: string) => !/float|complex/.test(t);

const REDUCTIONS = [
  ['sum', np.sum],
  ['prod', np.prod],
  ['min', np.min],
  ['max', np.max],
  ['any', np.any],
  ['all', np.all],
  ['mean', np.mean],
  ['var', np.var],
  ['std', np.std],
  ['count_nonzero', np.countNonzero],
] as const;

describe.skipIf(!python.ok)('reductions against NumPy', () => {
  it.each(REDUCTIONS)('%s over every axis choice, with and without keepdims', async (name, fn) => {
    for (const t of FAMILIES) {
      const x = random(t, [randint(1, 4), randint(1, 5), randint(1, 6)], name === 'prod' ? 2 : 10);
      for (const axis of AXES) {
        const keepdims = Math.random() < 0.5;
        const got = (fn as (a: np.ndarray, o: object) => np.ndarray)(ours(x), { axis, keepdims });
        await expectLikeNumpy(got, `np.${name}(x, axis=${pyAxis(axis)}, keepdims=${keepdims ? 'True' : 'False'})`, { x }, exactFor(t) && !['mean', 'var', 'std'].includes(name));
      }
      // a transposed, sliced view
      const view = ours(x).T.slice('::-1');
      await expectLikeNumpy((fn as (a: np.ndarray, o: object) => np.ndarray)(view, { axis: 1 }), `np.${name}(x.T[::-1], axis=1)`, { x }, exactFor(t) && !['mean', 'var', 'std'].includes(name));
    }
  });

  it('argmin and argmax: the first extreme (the first NaN), flattened or along an axis', async () => {
    for (const t of FAMILIES) {
      const x = random(t, [randint(1, 4), randint(1, 5), randint(2, 6)]);
      if (t.startsWith('float') && Math.random() < 0.5) (x.data as Float64Array)[randint(0, x.data.length - 1)] = NaN;
      for (const [name, fn] of [['argmin', np.argmin], ['argmax', np.argmax]] as const) {
        await expectLikeNumpy(fn(ours(x)), `np.${name}(x)`, { x });
        for (const axis of [0, 1, 2, -1]) await expectLikeNumpy(fn(ours(x), axis), `np.${name}(x, axis=${axis})`, { x });
        await expectLikeNumpy(fn(ours(x), { axis: 1, keepdims: true }), `np.${name}(x, axis=1, keepdims=True)`, { x });
        await expectLikeNumpy(fn(ours(x).T), `np.${name}(x.T)`, { x });
      }
    }
  });

  it('cumsum and cumprod along each axis and flattened, in NumPy\'s accumulator types', async () => {
    for (const t of FAMILIES) {
      const x = random(t, [randint(1, 4), randint(1, 6)], 2);
      for (const [name, fn] of [['cumsum', np.cumsum], ['cumprod', np.cumprod]] as const) {
        await expectLikeNumpy(fn(ours(x)), `np.${name}(x)`, { x }, exactFor(t));
        for (const axis of [0, 1, -1]) await expectLikeNumpy(fn(ours(x), axis), `np.${name}(x, axis=${axis})`, { x }, exactFor(t));
        await expectLikeNumpy(fn(ours(x).T, 0), `np.${name}(x.T, axis=0)`, { x }, exactFor(t));
      }
    }
  });

  it('initial, ddof, dtype=, empty and 0-d arrays', async () => {
    const x = random('float64', [3, 4]);
    await expectLikeNumpy(np.sum(ours(x), { axis: 0, initial: 5 }), 'np.sum(x, axis=0, initial=5)', { x }, false);
    await expectLikeNumpy(np.max(ours(x), { axis: 1, initial: 100 }), 'np.max(x, axis=1, initial=100)', { x });
    await expectLikeNumpy(np.min(ours(x), { initial: -100 }), 'np.min(x, initial=-100)', { x });
    await expectLikeNumpy(np.var(ours(x), { axis: 0, ddof: 1 }), 'np.var(x, axis=0, ddof=1)', { x }, false);
    await expectLikeNumpy(np.std(ours(x), { ddof: 1, keepdims: true }), 'np.std(x, ddof=1, keepdims=True)', { x }, false);
    await expectLikeNumpy(np.sum(ours(x), { axis: 1, dtype: 'float32' }), 'np.sum(x, axis=1, dtype=np.float32)', { x }, false);
    const e = random('float64', [0, 3]);
    await expectLikeNumpy(np.sum(ours(e), 0), 'np.sum(e, axis=0)', { e });
    await expectLikeNumpy(np.sum(ours(e), 1), 'np.sum(e, axis=1)', { e });
    await expectLikeNumpy(np.prod(ours(e)), 'np.prod(e)', { e });
    await expectLikeNumpy(np.max(ours(e), { axis: 0, initial: -1 }), 'np.max(e, axis=0, initial=-1)', { e });
    await expectLikeNumpy(np.any(ours(e)), 'np.any(e)', { e });
    await expectLikeNumpy(np.all(ours(e), 0), 'np.all(e, axis=0)', { e });
    const z = np.array(3.5);
    expect(np.sum(z).item()).toBe(3.5);
    expect(np.max(z, { keepdims: true }).shape).toEqual([]);
    expect(np.argmax(z).item()).toBe(0n);
    expect(np.cumsum(np.array([1, 2, 3])).toNested()).toEqual([1n, 3n, 6n]);
  });

  it('whole-array reductions stay deferred 0-d arrays until read', () => {
    const total = np.sum(np.arange(1000));
    expect(total.ndim).toBe(0);
    expect(total.item()).toBe(499500n);
    expect(np.mean(np.arange(10)).item()).toBe(4.5);
  });

  it('dot of vectors and linalg.norm of a vector', async () => {
    const a = random('float64', [50]);
    const b = random('float64', [50]);
    await expectLikeNumpy(np.dot(ours(a), ours(b)), 'np.dot(a, b)', { a, b }, false);
    // Every type, mixed types, long (blocked) and strided vectors.
    for (const [s, t] of [['bool', 'bool'], ['int8', 'int8'], ['int32', 'int64'], ['uint64', 'uint64'], ['float32', 'float32'], ['float32', 'float64'], ['complex64', 'complex128'], ['int16', 'float32']]) {
      const n = randint(1, 10000);
      const x = random(s!, [2 * n], 3);
      const y = random(t!, [n], 3);
      await expectLikeNumpy(np.dot(ours(x).slice('::2'), ours(y)), 'np.dot(x[::2], y)', { x, y }, !/float|complex/.test(s! + t!));
    }
    const c = random('complex128', [20]);
    for (const ord of ['None', 1, 'np.inf', '-np.inf', 0, 3]) {
      const value = ord === 'None' ? 2 : ord === 'np.inf' ? Infinity : ord === '-np.inf' ? -Infinity : (ord as number);
      await expectLikeNumpy(np.linalg.norm(ours(a), value), `np.linalg.norm(a, ${ord})`, { a }, false);
      await expectLikeNumpy(np.linalg.norm(ours(c), value), `np.linalg.norm(c, ${ord})`, { c }, false);
    }
    const i = random('int32', [10]);
    await expectLikeNumpy(np.linalg.norm(ours(i)), 'np.linalg.norm(i)', { i }, false);
  });
});

describe('reduction bad input', () => {
  it.each([
    ['a missing axis', () => np.sum(np.zeros([2, 3]), 2), np.AxisError, /^axis: axis 2 is out of bounds for array of dimension 2$/],
    ['a negative missing axis', () => np.max(np.zeros([2, 3]), { axis: -3 }), np.AxisError, /^axis: axis -3 is out of bounds for array of dimension 2$/],
    ['a repeated axis', () => np.mean(np.zeros([2, 3]), [1, -1]), np.AxisError, /^axis: duplicate value in 'axis'/],
    ['min of an empty array', () => np.min(np.zeros([0, 3])), ShapeError, /^a: zero-size array to reduction operation minimum which has no identity/],
    ['argmax of an empty array', () => np.argmax(np.zeros([0])), ShapeError, /^a: attempt to get argmax of an empty sequence$/],
    ['argmin over two axes', () => np.argmin(np.zeros([2, 3]), [0, 1] as never), DTypeError, /^axis: argmin takes one axis/],
    ['a cumsum axis out of range', () => np.cumsum(np.zeros([2]), 1), np.AxisError, /^axis: axis 1 is out of bounds for array of dimension 1$/],
    ['dot of mismatched vectors', () => np.dot(np.zeros([3]), np.zeros([4])), ShapeError, /^b: shapes \(3,\) and \(4,\) not aligned/],
    ['a reduction of a non-array', () => np.sum([1, 2] as never), DTypeError, /^a: sum: expected an ndarray/],
  ])('rejects %s with a typed error naming the argument', (_, make, type, message) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });
});
