// union1d, intersect1d, setdiff1d, setxor1d, digitize and trimZeros against NumPy: several
// dtypes, views, NaN, empty arrays, every option, NumPy's refusals as typed errors, no leaks.
import { describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, randint, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** Small values with many repeats (so sets overlap), of a dtype. */
function smallValues(dtype: string, shape: readonly number[]): NdValue {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float64Array.from({ length: n }, () => randint(dtype.startsWith('uint') || dtype === 'bool' ? 0 : -5, dtype === 'bool' ? 1 : 5));
  const arrays: Record<string, (v: Float64Array) => NdValue['data']> = {
    int64: (x) => BigInt64Array.from(x, (e) => BigInt(e)),
    float32: (x) => Float32Array.from(x),
    int32: (x) => Int32Array.from(x),
    int8: (x) => Int8Array.from(x),
    uint8: (x) => Uint8Array.from(x),
    bool: (x) => Uint8Array.from(x),
    float64: (x) => x,
  };
  const data = arrays[dtype]!(v);
  return { dtype, shape: [...shape], data };
}

describe.skipIf(!python.ok)('set routines against NumPy', () => {
  it.each(['bool', 'uint8', 'int32', 'int64', 'float32', 'float64'])('of %s, 2-D and views', async (t) => {
    const a = smallValues(t, [3, 5]);
    const b = smallValues(t, [7]);
    const exact = exactFor(t);
    await expectLikeNumpy(np.union1d(ours(a), ours(b)), 'np.union1d(a, b)', { a, b }, exact);
    await expectLikeNumpy(np.intersect1d(ours(a), ours(b)), 'np.intersect1d(a, b)', { a, b }, exact);
    await expectLikeNumpy(np.setdiff1d(ours(a), ours(b)), 'np.setdiff1d(a, b)', { a, b }, exact);
    await expectLikeNumpy(np.setxor1d(ours(a), ours(b)), 'np.setxor1d(a, b)', { a, b }, exact);
    await expectLikeNumpy(np.union1d(ours(a).T.slice('::-1'), ours(b).slice('::2')), 'np.union1d(a.T[::-1], b[::2])', { a, b }, exact);
    const r = np.intersect1d(ours(a), ours(b), { returnIndices: true });
    await expectLikeNumpy(r.values, 'np.intersect1d(a, b, return_indices=True)[0]', { a, b }, exact);
    await expectLikeNumpy(r.indices1, 'np.intersect1d(a, b, return_indices=True)[1]', { a, b });
    await expectLikeNumpy(r.indices2, 'np.intersect1d(a, b, return_indices=True)[2]', { a, b });
  });

  it('mixed types, assumeUnique, NaN and empty inputs', async () => {
    const a = smallValues('int32', [9]);
    const b = smallValues('float32', [6]);
    await expectLikeNumpy(np.union1d(ours(a), ours(b)), 'np.union1d(a, b)', { a, b }, false);
    await expectLikeNumpy(np.intersect1d(ours(a), ours(b)), 'np.intersect1d(a, b)', { a, b }, false);
    await expectLikeNumpy(np.setdiff1d(ours(a), ours(b)), 'np.setdiff1d(a, b)', { a, b });
    const u = { dtype: 'int64', shape: [5], data: BigInt64Array.from([5n, -1n, 3n, 8n, 0n]) };
    const v = { dtype: 'int64', shape: [4], data: BigInt64Array.from([3n, 9n, 5n, 2n]) };
    await expectLikeNumpy(np.intersect1d(ours(u), ours(v), true), 'np.intersect1d(u, v, True)', { u, v });
    const r = np.intersect1d(ours(u), ours(v), true, true);
    await expectLikeNumpy(r.indices1, 'np.intersect1d(u, v, True, True)[1]', { u, v });
    await expectLikeNumpy(r.indices2, 'np.intersect1d(u, v, True, True)[2]', { u, v });
    await expectLikeNumpy(np.setdiff1d(ours(u), ours(v), { assumeUnique: true }), 'np.setdiff1d(u, v, assume_unique=True)', { u, v });
    await expectLikeNumpy(np.setxor1d(ours(u), ours(v), true), 'np.setxor1d(u, v, True)', { u, v });
    const n1 = { dtype: 'float64', shape: [5], data: Float64Array.from([NaN, 1, 2, NaN, 3]) };
    const n2 = { dtype: 'float64', shape: [3], data: Float64Array.from([NaN, 2, 5]) };
    for (const f of ['union1d', 'intersect1d', 'setdiff1d', 'setxor1d'] as const) {
      await expectLikeNumpy((np[f] as (a: np.ndarray, b: np.ndarray) => np.ndarray)(ours(n1), ours(n2)), `np.${f}(n1, n2)`, { n1, n2 }, false);
      await expectLikeNumpy((np[f] as (a: np.ndarray, b: np.ndarray) => np.ndarray)(np.zeros([0]), ours(n2)), `np.${f}(np.zeros(0), n2)`, { n2 }, false);
      await expectLikeNumpy((np[f] as (a: np.ndarray, b: np.ndarray) => np.ndarray)(np.zeros([0], 'int32'), np.zeros([0], 'int32')), `np.${f}(np.zeros(0, 'int32'), np.zeros(0, 'int32'))`, {});
    }
    await expectLikeNumpy(np.union1d([3, 1], [2, 3]), 'np.union1d([3, 1], [2, 3])', {});
    await expectLikeNumpy(np.setdiff1d(7, [1, 7]), 'np.setdiff1d(7, [1, 7])', {});
  });

  it('refuse bad input', () => {
    expect(() => np.intersect1d([1], [2], { returnIndex: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.intersect1d([1], [2], 1 as never)).toThrow(DTypeError);
    expect(() => np.setdiff1d([1], [2], { assumeUnique: 'yes' } as never)).toThrow(/^assumeUnique: /);
    expect(() => np.setxor1d('ab' as never, [1])).toThrow(/^ar1: /);
    expect(() => (np.union1d as (...a: unknown[]) => unknown)([1], [2], [3])).toThrow();
  });
});

describe.skipIf(!python.ok)('digitize and trimZeros against NumPy', () => {
  it.each(['int8', 'int64', 'float32', 'float64'])('digitize of %s, increasing and decreasing bins, right', async (t) => {
    const x = smallValues(t, [4, 6]);
    const bins = { dtype: 'float64', shape: [5], data: Float64Array.from([-4, -1.5, 0, 0, 3]) };
    const down = { dtype: 'float64', shape: [4], data: Float64Array.from([4, 2, 2, -3]) };
    for (const right of [false, true]) {
      const py = right ? 'True' : 'False';
      await expectLikeNumpy(np.digitize(ours(x), ours(bins), right), `np.digitize(x, bins, ${py})`, { x, bins });
      await expectLikeNumpy(np.digitize(ours(x), ours(down), { right }), `np.digitize(x, down, right=${py})`, { x, down });
      await expectLikeNumpy(np.digitize(ours(x).T, ours(bins).slice('::-1'), right), `np.digitize(x.T, bins[::-1], ${py})`, { x, bins });
    }
    await expectLikeNumpy(np.digitize(ours(x), [2]), 'np.digitize(x, [2])', { x });
  });

  it('digitize with NaN values, empty input and scalars; refusals', async () => {
    const x = { dtype: 'float64', shape: [5], data: Float64Array.from([NaN, 1, -Infinity, Infinity, 2.5]) };
    await expectLikeNumpy(np.digitize(ours(x), [0, 1, 2]), 'np.digitize(x, [0, 1, 2])', { x });
    await expectLikeNumpy(np.digitize(ours(x), [2, 1, 0], true), 'np.digitize(x, [2, 1, 0], True)', { x });
    await expectLikeNumpy(np.digitize(np.zeros([0]), [1, 2]), 'np.digitize(np.zeros(0), [1, 2])', {});
    await expectLikeNumpy(np.digitize(1.5, [1, 2]), 'np.digitize(1.5, [1, 2])', {});
    expect(() => np.digitize([1], [1, 3, 2])).toThrow(/^bins: digitize: bins must be monotonically increasing or decreasing$/);
    expect(() => np.digitize([1], [1, NaN])).toThrow(np.ValueError);
    expect(() => np.digitize([1], 5)).toThrow(/^bins: digitize: object of too small depth/);
    expect(() => np.digitize([1], [[1, 2]])).toThrow(/^bins: digitize: object too deep/);
    expect(() => np.digitize(np.array([1]).astype('complex128'), [1, 2])).toThrow(DTypeError);
    expect(() => np.digitize([1], [1, 2], { rigth: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.digitize([1], [1, 2], 1 as never)).toThrow(/^right: /);
  });

  it.each(['bool', 'int32', 'float64'])('trimZeros of %s', async (t) => {
    const data = [0, 0, 1, 0, 2, 0, 0];
    const a = { dtype: t, shape: [7], data: t === 'bool' ? Uint8Array.from(data.map(Boolean)) : t === 'int32' ? Int32Array.from(data) : Float64Array.from(data) };
    for (const trim of ['fb', 'f', 'b', 'BF']) await expectLikeNumpy(np.trimZeros(ours(a), trim), `np.trim_zeros(a, '${trim}')`, { a });
    await expectLikeNumpy(np.trimZeros(ours(a)), 'np.trim_zeros(a)', { a });
    await expectLikeNumpy(np.trimZeros(ours(a).slice('::-2')), 'np.trim_zeros(a[::-2])', { a });
    await expectLikeNumpy(np.trimZeros(np.zeros([4], t as never), { trim: 'f' }), `np.trim_zeros(np.zeros(4, '${t}'), trim='f')`, {});
    await expectLikeNumpy(np.trimZeros(np.zeros([0], t as never)), `np.trim_zeros(np.zeros(0, '${t}'))`, {});
  });

  it('trimZeros: 2-D with axis, NaN is nonzero, views write through; refusals', async () => {
    const b = { dtype: 'int64', shape: [3, 6], data: BigInt64Array.from([0, 0, 2, 3, 0, 0, 0, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0].map(BigInt)) };
    await expectLikeNumpy(np.trimZeros(ours(b)), 'np.trim_zeros(b)', { b });
    await expectLikeNumpy(np.trimZeros(ours(b), { axis: -1 }), 'np.trim_zeros(b, axis=-1)', { b });
    await expectLikeNumpy(np.trimZeros(ours(b), 'b', 0), "np.trim_zeros(b, 'b', 0)", { b });
    await expectLikeNumpy(np.trimZeros([0, NaN, 0]), 'np.trim_zeros(np.array([0, np.nan, 0]))', {});
    const a = np.array([0, 5, 0]);
    np.trimZeros(a).fill(7);
    expect(Array.from(a.toArray() as BigInt64Array, Number)).toEqual([0, 7, 0]);
    expect(() => np.trimZeros(a, 'x')).toThrow(/^trim: trimZeros: unexpected character/);
    expect(() => np.trimZeros(a, 3 as never)).toThrow(DTypeError);
    expect(() => np.trimZeros(a, { axes: 0 } as never)).toThrow(UnknownOptionError);
    expect(() => np.trimZeros(a, 'fb', 1)).toThrow(np.AxisError);
  });
});

describe('set routines free their temporaries', () => {
  it('leaves no store behind', () => {
    const a = np.array([3, 1, 2, 3, 0, 5]);
    const b = np.array([2, 2, 7, 0]);
    const bins = np.array([4, 2, 0]);
    const left = storesLeftBy(() => {
      for (let i = 0; i < 2; i++) {
        const r = np.intersect1d(a, b, { returnIndices: true });
        const outs = [np.union1d(a, b), np.intersect1d(a, [1, 2]), np.setdiff1d(a, b), np.setxor1d(a, b), np.digitize(a, bins), np.digitize([1, 2], [1, 2], true), np.trimZeros(a), np.trimZeros([0, 1, 0]), r.values, r.indices1, r.indices2];
        for (const o of outs) o.dispose();
      }
      expect(() => np.digitize(a, [1, 3, 2])).toThrow();
    });
    expect(left).toBe(0);
  });
});
