// Sorting and searching against NumPy: sort / argsort along every axis and flattened, for every
// dtype family, with NaNs and ties (against NumPy's stable order), 1-D arrays sorted in runs and
// merged; searchsorted, nonzero, flatnonzero, argwhere, unique with its extras, bincount and
// histogram.
import { describe, expect, it } from 'vitest';

import { DTypeError, setPartitionSettings, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const FAMILIES = ['bool', 'int8', 'uint16', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];

/** Values with ties (small ranges) and, for floats, NaNs and infinities. */
function withTies(t: string, shape: number[]) {
  const v = random(t, shape, 4);
  if (t.startsWith('float')) {
    const data = v.data as Float64Array | Float32Array;
    data.forEach((x, i) => (data[i] = Math.round(x)));
    if (data.length > 3) {
      data[randint(0, data.length - 1)] = NaN;
      data[randint(0, data.length - 1)] = Infinity;
      data[randint(0, data.length - 1)] = -Infinity;
    }
  }
  return v;
}

describe.skipIf(!python.ok)('sorting against NumPy', () => {
  it.each(FAMILIES)('sort and argsort (%s) along each axis and flattened, stable on ties', async (t) => {
    const a = withTies(t, [randint(1, 5), randint(1, 7), randint(1, 6)]);
    for (const axis of [0, 1, -1, null]) {
      const pyAxis = axis === null ? 'None' : axis;
      await expectLikeNumpy(np.sort(ours(a), axis), `np.sort(a, axis=${pyAxis}, kind='stable')`, { a });
      await expectLikeNumpy(np.argsort(ours(a), axis), `np.argsort(a, axis=${pyAxis}, kind='stable')`, { a });
    }
  });

  it('1-D arrays sorted in runs and merged, views, empty and single elements', async () => {
    for (const n of [0, 1, 2, 7, 1000, randint(2000, 5000)]) {
      const a = withTies('float64', [n]);
      await expectLikeNumpy(np.sort(ours(a)), "np.sort(a, kind='stable')", { a });
      await expectLikeNumpy(np.argsort(ours(a)), "np.argsort(a, kind='stable')", { a });
      const b = random('int64', [n]);
      await expectLikeNumpy(np.argsort(ours(b)), "np.argsort(b, kind='stable')", { b });
    }
    // Two runs: both processors merge their share of the output (the merge path).
    const saved = setPartitionSettings({ force: true, pieces: 2 });
    try {
      for (const n of [2, 3, 1001, randint(3000, 6000)]) {
        const a = withTies('float64', [n]);
        await expectLikeNumpy(np.sort(ours(a)), "np.sort(a, kind='stable')", { a });
        await expectLikeNumpy(np.argsort(ours(a)), "np.argsort(a, kind='stable')", { a });
        const b = random('uint8', [n]);
        await expectLikeNumpy(np.argsort(ours(b)), "np.argsort(b, kind='stable')", { b });
      }
    } finally {
      setPartitionSettings(saved);
    }
    const m = random('float32', [6, 9]);
    await expectLikeNumpy(np.sort(ours(m).T.slice('::2')), "np.sort(m.T[::2], kind='stable')", { m });
    await expectLikeNumpy(np.argsort(ours(m).slice(':, ::-1'), 0), "np.argsort(m[:, ::-1], axis=0, kind='stable')", { m });
  });

  it('searchsorted, both sides, with a sorter', async () => {
    const a = random('float64', [randint(1, 30)]);
    const sorted = np.sort(ours(a));
    const s = { dtype: 'float64', shape: sorted.shape as number[], data: sorted.toArray() };
    const v = random('float64', [4, 5], 12);
    for (const side of ['left', 'right'] as const) {
      await expectLikeNumpy(np.searchsorted(sorted, ours(v), side), `np.searchsorted(s, v, side='${side}')`, { s, v });
      await expectLikeNumpy(np.searchsorted(ours(a), ours(v), side, np.argsort(ours(a))), `np.searchsorted(a, v, side='${side}', sorter=np.argsort(a, kind='stable'))`, { a, v });
    }
    const ints = { dtype: 'int64', shape: [6], data: BigInt64Array.from([1n, 2n, 2n, 2n, 5n, 9n]) };
    await expectLikeNumpy(np.searchsorted(ours(ints), 2, 'left'), 'np.searchsorted(i, 2)', { i: ints });
    await expectLikeNumpy(np.searchsorted(ours(ints), 2, 'right'), "np.searchsorted(i, 2, side='right')", { i: ints });
  });

  it('nonzero, flatnonzero and argwhere', async () => {
    for (const t of ['bool', 'int32', 'float64', 'complex128']) {
      const a = random(t, [randint(1, 6), randint(1, 7)], 1);
      const zeroed = np.where(np.greater(np.abs(ours(a)), 0.5), ours(a), 0).astype(t as never);
      const z = { dtype: t, shape: a.shape, data: zeroed.toArray() };
      const parts = np.nonzero(zeroed);
      for (let d = 0; d < 2; d++) await expectLikeNumpy(parts[d]!, `np.nonzero(z)[${d}]`, { z });
      await expectLikeNumpy(np.flatnonzero(zeroed), 'np.flatnonzero(z)', { z });
      await expectLikeNumpy(np.argwhere(zeroed), 'np.argwhere(z)', { z });
    }
    await expectLikeNumpy(np.flatnonzero(np.zeros([5])), 'np.flatnonzero(np.zeros(5))', {});
  });

  it('unique with first indices, inverse and counts; NaNs collapse', async () => {
    for (const t of ['int16', 'float64', 'bool']) {
      const a = withTies(t, [randint(1, 5), randint(1, 9)]);
      const u = np.unique(ours(a), { returnIndex: true, returnInverse: true, returnCounts: true });
      const code = 'np.unique(a, return_index=True, return_inverse=True, return_counts=True)';
      await expectLikeNumpy(u.values, `${code}[0]`, { a });
      await expectLikeNumpy(u.indices!, `${code}[1]`, { a });
      await expectLikeNumpy(u.inverse!, `${code}[2]`, { a });
      await expectLikeNumpy(u.counts!, `${code}[3]`, { a });
      await expectLikeNumpy(np.unique(ours(a)), 'np.unique(a)', { a });
    }
    // Unknown options are refused, as NumPy's unexpected keyword arguments (fuzz finding 23).
    expect(() => np.unique(np.arange(3), { bogus: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.unique(np.arange(3), { returnCounts: true, bogus: true } as never)).toThrow(/^options: unique: unknown option 'bogus'/);
  });

  it('bincount with weights and minlength; histogram with ranges, edges, weights and density', async () => {
    const x = { dtype: 'int64', shape: [40], data: BigInt64Array.from({ length: 40 }, () => BigInt(randint(0, 9))) };
    const w = random('float64', [40]);
    await expectLikeNumpy(np.bincount(ours(x)), 'np.bincount(x)', { x });
    await expectLikeNumpy(np.bincount(ours(x), ours(w), 15), 'np.bincount(x, w, minlength=15)', { x, w });
    const a = random('float64', [200]);
    await expectLikeNumpy(np.histogram(ours(a)).hist, 'np.histogram(a)[0]', { a });
    await expectLikeNumpy(np.histogram(ours(a)).binEdges, 'np.histogram(a)[1]', { a }, false);
    await expectLikeNumpy(np.histogram(ours(a), 7, { range: [-3, 4] }).hist, 'np.histogram(a, 7, range=(-3, 4))[0]', { a });
    const edges = { dtype: 'float64', shape: [5], data: Float64Array.from([-8, -1, 0, 2.5, 9]) };
    await expectLikeNumpy(np.histogram(ours(a), ours(edges)).hist, 'np.histogram(a, e)[0]', { a, e: edges });
    const weights = random('float64', [200]);
    await expectLikeNumpy(np.histogram(ours(a), 5, { weights: ours(weights) }).hist, 'np.histogram(a, 5, weights=w)[0]', { a, w: weights }, false);
    await expectLikeNumpy(np.histogram(ours(a), 5, { density: true }).hist, 'np.histogram(a, 5, density=True)[0]', { a }, false);
  });
  it('complex values with NaN parts in NumPy\'s order R+Rj < R+nanj < nan+Rj < nan+nanj (fuzz finding 30)', async () => {
    const x = { dtype: 'complex128', shape: [8], data: Float64Array.from([NaN, 1, 1, NaN, NaN, NaN, 2, 0, NaN, -1, 0, NaN, 1, 1, 1, NaN]) };
    await expectLikeNumpy(np.sort(ours(x)), 'np.sort(x)', { x });
    await expectLikeNumpy(np.argsort(ours(x), -1, 'stable'), "np.argsort(x, kind='stable')", { x });
  });
});

describe('bad input', () => {
  it.each([
    ['sort with an unknown kind', () => np.sort(np.ones([3]), -1, 'bogo' as never), np.ValueError, /^kind: sort: sort kind must be one of/],
    ['sort along a missing axis', () => np.sort(np.ones([3]), 2), np.AxisError, /axis 2 is out of bounds/],
    ['searchsorted in a 2-D array', () => np.searchsorted(np.ones([2, 2]), 1), np.ValueError, /^a: searchsorted: a must be 1-D/],
    ['bincount of negative values', () => np.bincount(np.array([1, -1])), np.ValueError, /^x: bincount: 'list' argument must have no negative elements/],
    ['bincount of floats', () => np.bincount(np.array([1.5])), DTypeError, /^x: Cannot cast array data from dtype\('float64'\) to dtype\('int64'\)/],
    ['histogram with zero bins', () => np.histogram(np.ones([3]), 0), np.ValueError, /^bins: histogram: `bins` must be positive/],
    ['histogram with decreasing edges', () => np.histogram(np.ones([3]), np.array([3, 2, 1])), np.ValueError, /^bins: histogram: `bins` must increase monotonically/],
    ['nonzero of a 0-d array', () => np.nonzero(np.ones([])), np.ValueError, /^a: nonzero: calling nonzero on 0d arrays is not allowed/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
