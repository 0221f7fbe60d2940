// histogram, histogramBinEdges, histogramdd and histogram2d against NumPy: fresh random samples
// of several dtypes under forced partitioning, equal bins (float32 data keeps float32 edges),
// every bin estimator, ranges, given edges, weights, density, NaNs and values on the edges,
// empty samples, typed errors naming the argument, no leaked stores.
import { describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { argumentOf, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const ESTIMATORS = ['auto', 'fd', 'doane', 'rice', 'scott', 'sqrt', 'sturges', 'stone'] as const;

describe.skipIf(!python.ok)('histograms against NumPy', () => {
  it.each(['float64', 'float32', 'int32', 'uint8'])('histogram of %s: counts, bins, ranges and edges', async (t) => {
    const a = random(t, [20, 15], 50);
    for (const bins of [1, 7, 10]) {
      const [h, e] = np.histogram(ours(a), bins);
      await expectLikeNumpy(h, `np.histogram(a, ${bins})[0]`, { a });
      await expectLikeNumpy(e, `np.histogram(a, ${bins})[1]`, { a });
    }
    const r = np.histogram(ours(a), 6, { range: [-20, 30] });
    await expectLikeNumpy(r.hist, 'np.histogram(a, 6, range=(-20, 30))[0]', { a });
    await expectLikeNumpy(r.binEdges, 'np.histogram(a, 6, range=(-20, 30))[1]', { a });
    await expectLikeNumpy(np.histogram(ours(a), [-10, 0, 5, 40]).hist, 'np.histogram(a, [-10, 0, 5, 40])[0]', { a });
    await expectLikeNumpy(np.histogram(ours(a), [-10, 0, 5, 40]).binEdges, 'np.histogram(a, [-10, 0, 5, 40])[1]', { a });
    await expectLikeNumpy(np.histogram(ours(a).T, 5).hist, 'np.histogram(a.T, 5)[0]', { a });
  });

  it.each(['float64', 'float32', 'int64'])('histogramBinEdges with every estimator (%s)', async (t) => {
    const a = random(t, [300], 40);
    for (const b of ESTIMATORS) {
      await expectLikeNumpy(np.histogramBinEdges(ours(a), b), `np.histogram_bin_edges(a, '${b}')`, { a });
      await expectLikeNumpy(np.histogram(ours(a), b).hist, `np.histogram(a, '${b}')[0]`, { a });
    }
    await expectLikeNumpy(np.histogramBinEdges(ours(a), 'auto', { range: [-10, 10] }), "np.histogram_bin_edges(a, 'auto', range=(-10, 10))", { a });
    await expectLikeNumpy(np.histogramBinEdges(ours(a), 'fd', [0, 30]), "np.histogram_bin_edges(a, 'fd', (0, 30))", { a });
    const same = { dtype: t, shape: [5], data: t === 'int64' ? new BigInt64Array(5).fill(3n) : new (t === 'float32' ? Float32Array : Float64Array)(5).fill(3) };
    await expectLikeNumpy(np.histogramBinEdges(ours(same), 'auto'), "np.histogram_bin_edges(s, 'auto')", { s: same });
    await expectLikeNumpy(np.histogramBinEdges(ours(same), 4), 'np.histogram_bin_edges(s, 4)', { s: same });
  });

  it('weights keep their type, density is a density, NaNs and values beyond the edges drop out', async () => {
    const a = random('float64', [200], 5);
    const w = random('float32', [200], 2);
    const iw = random('int16', [200]);
    await expectLikeNumpy(np.histogram(ours(a), 8, { weights: ours(w) }).hist, 'np.histogram(a, 8, weights=w)[0]', { a, w });
    await expectLikeNumpy(np.histogram(ours(a), 8, { weights: ours(iw) }).hist, 'np.histogram(a, 8, weights=iw)[0]', { a, iw });
    await expectLikeNumpy(np.histogram(ours(a), 8, { density: true }).hist, 'np.histogram(a, 8, density=True)[0]', { a });
    // (float64 weights: NumPy sums float32 counts in float32 for the density)
    const w64 = random('float64', [200], 2);
    await expectLikeNumpy(np.histogram(ours(a), [-5, -1, 0, 2], { density: true, weights: ours(w64) }).hist, 'np.histogram(a, [-5, -1, 0, 2], density=True, weights=w)[0]', { a, w: w64 });
    const n = withSpecials(random('float64', [50], 3), 6);
    await expectLikeNumpy(np.histogram(ours(n), 5, { range: [-2, 2] }).hist, 'np.histogram(n, 5, range=(-2, 2))[0]', { n });
    const edges = { dtype: 'float64', shape: [5], data: new Float64Array([0, 1, 1, 2, 3]) };
    const onEdges = { dtype: 'float64', shape: [7], data: new Float64Array([0, 1, 1, 2, 3, 3, 3.5]) };
    await expectLikeNumpy(np.histogram(ours(onEdges), ours(edges)).hist, 'np.histogram(v, e)[0]', { v: onEdges, e: edges });
    await expectLikeNumpy(np.histogram(np.array([]), 3).hist, 'np.histogram(np.array([]), 3)[0]', {});
    await expectLikeNumpy(np.histogram(np.array([]), 3).binEdges, 'np.histogram(np.array([]), 3)[1]', {});
  });

  it.each(['float64', 'float32', 'int16'])('histogramdd and histogram2d of %s samples', async (t) => {
    const s = random(t, [120, 3], 20);
    const [h, e] = np.histogramdd(ours(s), 4);
    await expectLikeNumpy(h, 'np.histogramdd(s, 4)[0]', { s });
    for (let i = 0; i < 3; i++) await expectLikeNumpy(e[i]!, `np.histogramdd(s, 4)[1][${i}]`, { s });
    const mixed = np.histogramdd(ours(s), [2, np.array([-5, 0, 5, 25]), [0, 10]]);
    await expectLikeNumpy(mixed.hist, 'np.histogramdd(s, [2, np.array([-5, 0, 5, 25]), [0, 10]])[0]', { s });
    const ranged = np.histogramdd(ours(s), [3, 2, 5], { range: [[-5, 5], null, [0, 1]], density: true });
    await expectLikeNumpy(ranged.hist, 'np.histogramdd(s, [3, 2, 5], range=[(-5, 5), None, (0, 1)], density=True)[0]', { s });
    await expectLikeNumpy(ranged.edges[0]!, 'np.histogramdd(s, [3, 2, 5], range=[(-5, 5), None, (0, 1)])[1][0]', { s });
    const w = random('float64', [120]);
    await expectLikeNumpy(np.histogramdd(ours(s), 3, { weights: ours(w) }).hist, 'np.histogramdd(s, 3, weights=w)[0]', { s, w });
    const x = random(t, [90], 10);
    const y = random(t, [90], 3);
    for (const [ours2, theirs] of [
      [10, '10'],
      [[3, 5], '[3, 5]'],
      [[-10, -2, 0, 4, 10], '[-10, -2, 0, 4, 10]'],
    ] as const) {
      const [h2, xe, ye] = np.histogram2d(ours(x), ours(y), ours2 as never);
      await expectLikeNumpy(h2, `np.histogram2d(x, y, ${theirs})[0]`, { x, y });
      await expectLikeNumpy(xe, `np.histogram2d(x, y, ${theirs})[1]`, { x, y });
      await expectLikeNumpy(ye, `np.histogram2d(x, y, ${theirs})[2]`, { x, y });
    }
    const d = np.histogram2d(ours(x), ours(y), [np.array([-10, 0, 10]), 4], { range: [null, [-1, 1]], density: true, weights: ours(w).slice(':90') });
    await expectLikeNumpy(d.hist, 'np.histogram2d(x, y, [np.array([-10, 0, 10]), 4], range=[None, (-1, 1)], density=True, weights=w[:90])[0]', { x, y, w });
    await expectLikeNumpy(d.yedges, 'np.histogram2d(x, y, [np.array([-10, 0, 10]), 4], range=[None, (-1, 1)])[2]', { x, y });
  });

  it('histogramdd of a list of columns, of NaNs, and of no samples', async () => {
    const x = withSpecials(random('float64', [40], 2), 3);
    const y = random('float64', [40], 2);
    await expectLikeNumpy(np.histogramdd([ours(x), ours(y)], 3, [[-2, 2], [-2, 2]]).hist, 'np.histogramdd([x, y], 3, [(-2, 2), (-2, 2)])[0]', { x, y });
    await expectLikeNumpy(np.histogramdd(np.zeros([0, 2]), 2).hist, 'np.histogramdd(np.zeros((0, 2)), 2)[0]', {});
    await expectLikeNumpy(np.histogram2d(np.array([]), np.array([]), 3).hist, 'np.histogram2d(np.array([]), np.array([]), 3)[0]', {});
  });
});

describe('histograms: bad input and memory', () => {
  it('refuses bad bins, ranges, weights and samples, naming the argument', () => {
    const a = np.arange(10);
    expect(argumentOf(() => np.histogram(a, 0))).toEqual(['ValueError', 'bins']);
    expect(argumentOf(() => np.histogram(a, 2.5))).toEqual(['DTypeError', 'bins']);
    expect(argumentOf(() => np.histogram(a, 'best' as never))).toEqual(['ValueError', 'bins']);
    expect(argumentOf(() => np.histogram(a, [3, 1, 2]))).toEqual(['ValueError', 'bins']);
    expect(argumentOf(() => np.histogram(a, [1]))).toEqual(['ValueError', 'bins']);
    expect(argumentOf(() => np.histogram(a, 3, [5, 1]))).toEqual(['ValueError', 'range']);
    expect(argumentOf(() => np.histogram(a, 3, [0, Infinity]))).toEqual(['ValueError', 'range']);
    expect(argumentOf(() => np.histogram(np.array([1, NaN]), 3))).toEqual(['ValueError', 'range']);
    expect(argumentOf(() => np.histogram(a, 3, { weights: np.ones([9]) }))).toEqual(['ValueError', 'weights']);
    expect(argumentOf(() => np.histogram(a, 'auto', { weights: np.ones([10]) }))).toEqual(['DTypeError', 'weights']);
    expect(argumentOf(() => np.histogram(np.ones([3], 'complex128'), 3))).toEqual(['DTypeError', 'a']);
    expect(() => np.histogram(a, 3, { normed: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.histogramBinEdges(a, 3, { density: true } as never)).toThrow(UnknownOptionError);
    expect(argumentOf(() => np.histogramdd(np.ones([4]), 2))).toEqual(['ValueError', 'sample']);
    expect(argumentOf(() => np.histogramdd(np.ones([4, 2]), [2, 2, 2]))).toEqual(['ValueError', 'bins']);
    expect(argumentOf(() => np.histogramdd(np.ones([4, 2]), [2, 0]))).toEqual(['ValueError', 'bins']);
    expect(argumentOf(() => np.histogramdd(np.ones([4, 2]), 2, [[0, 1]]))).toEqual(['ValueError', 'range']);
    expect(argumentOf(() => np.histogramdd(np.ones([4, 2]), 2, { weights: np.ones([3]) }))).toEqual(['ValueError', 'weights']);
    expect(argumentOf(() => np.histogramdd('x' as never, 2))).toEqual(['DTypeError', 'sample']);
    expect(argumentOf(() => np.histogram2d(np.ones([3]), np.ones([4])))).toEqual(['ValueError', 'y']);
    expect(argumentOf(() => np.histogram2d(np.ones([3]), np.ones([3]), [[1, 0, 2], 2]))).toEqual(['ValueError', 'bins']);
    expect(DTypeError).toBeDefined();
  });

  it('frees every temporary', () => {
    const a = np.array([0.5, 1.5, 2.5, 2, 8, 3]);
    const s = np.array([[0, 1], [2, 3], [1, 1]]);
    const left = storesLeftBy(() => {
      np.histogram(a, 3).forEach((x) => x.dispose());
      np.histogram(a, 'auto', [0, 5]).forEach((x) => x.dispose());
      np.histogram(a, [0, 2, 9], { density: true, weights: a }).forEach((x) => x.dispose());
      np.histogramBinEdges(a, 'stone').dispose();
      const [h, edges] = np.histogramdd(s, [2, [0, 1, 4]], { density: true });
      h.dispose();
      edges.forEach((e) => e.dispose());
      np.histogram2d(a, a, 2).forEach((x) => x.dispose());
      try {
        np.histogramdd(s, [2, [3, 1]]);
      } catch {
        // the edges made before the bad one are freed too
      }
    });
    expect(left).toBe(0);
    a.dispose();
    s.dispose();
  });
});
