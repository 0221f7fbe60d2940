// Reductions and scans against NumPy: every dtype family, axes (one, several, negative, all),
// keepdims, initial, views, empty and 0-d arrays, with the runtime forced to partition.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, randint, random, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const FAMILIES = ['bool', 'int8', 'uint8', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];
const AXES: (number | number[] | null)[] = [null, 0, 1, -1, [0, 2], [1, 2], [0, 1, 2], [2, 0]];
const pyAxis = (axis: number | number[] | null) => (axis === null ? 'None' : Array.isArray(axis) ? `(${axis.join(', ')},)` : String(axis));
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

  it('complex cumprod starts from the first element, prod from 1+0j, as NumPy (fuzz finding 24)', async () => {
    const z = { dtype: 'complex128', shape: [2, 3], data: Float64Array.from([-Infinity, 1, 2, 3, Infinity, 0, NaN, 3.98, 0, 1, 2, -1]) };
    for (const axis of [0, 1, null]) {
      await expectLikeNumpy(np.cumprod(ours(z), axis), `np.cumprod(z, axis=${axis === null ? 'None' : axis})`, { z });
      await expectLikeNumpy(np.prod(ours(z), axis === null ? {} : { axis }), `np.prod(z, axis=${axis === null ? 'None' : axis})`, { z });
    }
    const w = { dtype: 'complex128', shape: [2], data: Float64Array.from([Infinity, 0, 0, 1]) };
    await expectLikeNumpy(np.prod(ours(w).reshape([1, 2]), { axis: 1 }), 'np.prod(w.reshape(1, 2), axis=1)', { w });
    await expectLikeNumpy(np.cumprod(ours(w)), 'np.cumprod(w)', { w });
    const m = { dtype: 'float64', shape: [2], data: Float64Array.from([-0, -0]) };
    await expectLikeNumpy(np.cumsum(ours(m)), 'np.cumsum(m)', { m });
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
    expect(np.argmax(z).item()).toBe(0);
    expect(np.cumsum(np.array([1, 2, 3])).toNested()).toEqual([1, 3, 6]);
  });

  it('mean, var and std honour dtype=; initial is converted as a Python scalar (fuzz finding 10)', async () => {
    const r = { dtype: 'int64', shape: [4], data: BigInt64Array.from([0n, 1n, 2n, 3n]) };
    const m = { dtype: 'int64', shape: [2, 3], data: BigInt64Array.from([0n, -7n, 2n, 5n, 4n, -9n]) };
    const f = random('float64', [3, 4]);
    for (const [got, expression] of [
      [() => np.mean(ours(r), { dtype: 'int32' }), 'np.mean(r, dtype=np.int32)'],
      [() => np.mean(ours(m), { axis: 1, dtype: 'int16' }), 'np.mean(m, axis=1, dtype=np.int16)'],
      [() => np.mean(ours(f), { axis: 0, dtype: 'float32' }), 'np.mean(f, axis=0, dtype=np.float32)'],
      [() => np.var(ours(r), { dtype: 'int16' }), 'np.var(r, dtype=np.int16)'],
      [() => np.var(ours(m), { axis: 0, dtype: 'int32', keepdims: true }), 'np.var(m, axis=0, dtype=np.int32, keepdims=True)'],
      [() => np.var(ours(r).astype('float64'), { dtype: 'complex128' }), "np.var(r.astype('float64'), dtype=np.complex128)"],
      [() => np.var(ours(f), { axis: 1, dtype: 'float32' }), 'np.var(f, axis=1, dtype=np.float32)'],
      [() => np.std(ours(r), { dtype: 'int32' }), 'np.std(r, dtype=np.int32)'],
      [() => np.std(ours(f), { axis: 0, dtype: 'complex128' }), 'np.std(f, axis=0, dtype=np.complex128)'],
      [() => np.sum(ours(r).astype('int8'), { initial: 2.5 }), "np.sum(r.astype('int8'), initial=2.5)"],
      [() => np.sum(ours(m), { axis: 0, initial: -2.7 }), 'np.sum(m, axis=0, initial=-2.7)'],
      [() => np.max(np.zeros([2], 'bool'), { initial: 1 }), 'np.max(np.zeros(2, bool), initial=1)'],
      [() => np.prod(np.ones([2]), { initial: 0, dtype: 'bool' }), 'np.prod(np.ones(2), initial=0, dtype=bool)'],
      [() => np.sum(ours(r), { initial: true }), 'np.sum(r, initial=True)'],
    ] as const) {
      await expectLikeNumpy(got(), expression, { r, m, f }, false);
    }
    // An array's root does not cast back to an integer dtype= (NumPy's UFuncTypeError).
    expect(() => np.std(ours(m), { axis: 0, dtype: 'int32' })).toThrow(/^dtype: Cannot cast ufunc 'sqrt' output from dtype\('float64'\) to dtype\('int32'\)/);
    // Out-of-range and non-finite initial values into integers still raise, as NumPy's.
    expect(() => np.sum(ours(r), { dtype: 'int8', initial: 300 })).toThrow(DTypeError);
    expect(() => np.max(ours(r), { initial: NaN })).toThrow(DTypeError);
  });

  it('0-d arrays take axis 0 and -1 in reductions, scans, argmin, argsort and take (fuzz finding 12)', async () => {
    const s = { dtype: 'int64', shape: [], data: BigInt64Array.from([5n]) };
    const calls: [() => np.ndarray, string][] = [];
    for (const axis of [0, -1]) {
      calls.push(
        [() => np.cumsum(ours(s), axis), `np.cumsum(s, axis=${axis})`],
        [() => np.cumprod(ours(s), axis), `np.cumprod(s, axis=${axis})`],
        [() => np.argmin(ours(s), axis), `np.argmin(s, axis=${axis})`],
        [() => np.argmax(ours(s), { axis, keepdims: true }), `np.argmax(s, axis=${axis}, keepdims=True)`],
        [() => np.argsort(ours(s), axis), `np.argsort(s, axis=${axis})`],
        [() => np.take(ours(s), [0], axis), `np.take(s, [0], axis=${axis})`],
        [() => np.countNonzero(ours(s), axis), `np.count_nonzero(s, axis=${axis})`],
      );
      for (const [name, fn] of [['sum', np.sum], ['prod', np.prod], ['min', np.min], ['max', np.max], ['all', np.all], ['any', np.any]] as const) {
        calls.push([() => fn(ours(s), { axis, keepdims: axis === 0 }), `np.${name}(s, axis=${axis}, keepdims=${axis === 0 ? 'True' : 'False'})`]);
      }
    }
    for (const [got, expression] of calls) await expectLikeNumpy(got(), expression, { s });
    // NumPy refuses a tuple and other axes.
    expect(() => np.sum(ours(s), { axis: [0] })).toThrow(np.AxisError);
    expect(() => np.sum(ours(s), 1)).toThrow(np.AxisError);
    expect(() => np.argsort(ours(s), 1)).toThrow(np.AxisError);
    expect(() => np.take(ours(s), [1], 0)).toThrow(np.IndexError);
  });

  it('whole-array reductions stay deferred 0-d arrays until read', () => {
    const total = np.sum(np.arange(1000));
    expect(total.ndim).toBe(0);
    expect(total.item()).toBe(499500);
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
      const got = np.dot(ours(x).slice('::2'), ours(y));
      if (!/float|complex/.test(s! + t!)) {
        await expectLikeNumpy(got, 'np.dot(x[::2], y)', { x, y });
        continue;
      }
      // A float sum of n products differs from NumPy's (another order of additions) by up to
      // about n·eps·Σ|x·y|, however small the sum itself is after cancellation.
      const want = await py!.eval<{ dtype: string; re: number; im: number; bound: number }>(
        "(lambda d, b: {'dtype': str(d.dtype), 're': float(d.real), 'im': float(d.imag), 'bound': float(b)})(np.dot(x[::2], y), np.dot(np.abs(x[::2]), np.abs(y)))",
        { x, y } as never,
      );
      expect(got.dtype.name).toBe(want.dtype);
      const eps = want.dtype === 'float32' || want.dtype === 'complex64' ? 2 ** -23 : 2 ** -52;
      const v = got.item();
      const [re, im] = typeof v === 'object' && v !== null ? [v.re, v.im] : [Number(v), 0];
      const tolerance = 2 * n * eps * want.bound + 1e-30;
      expect(Math.abs(re - want.re), `dot ${s}·${t} re`).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(im - want.im), `dot ${s}·${t} im`).toBeLessThanOrEqual(tolerance);
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
    ['a reduction of a non-array', () => np.sum('abc' as never), DTypeError, /^a: sum: expected an ndarray/],
  ])('rejects %s with a typed error naming the argument', (_, make, type, message) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });
});
