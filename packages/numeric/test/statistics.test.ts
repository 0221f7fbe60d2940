// median, percentile, quantile, their nan- variants, the nan- reductions and scans, cov and
// corrcoef against NumPy: several dtypes, axes, keepdims, views, NaN and infinities, empty
// arrays and all-NaN slices, every quantile method, NumPy's refusals as typed errors, no leaks.
import { describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const METHODS = [
  'inverted_cdf',
  'averaged_inverted_cdf',
  'closest_observation',
  'interpolated_inverted_cdf',
  'hazen',
  'weibull',
  'linear',
  'median_unbiased',
  'normal_unbiased',
  'lower',
  'higher',
  'midpoint',
  'nearest',
] as const;

const pyAxis = (axis: number | number[] | null): string => (axis === null ? 'None' : Array.isArray(axis) ? `(${axis.join(', ')},)` : String(axis));

describe.skipIf(!python.ok)('median and the quantiles against NumPy', () => {
  it.each(['int8', 'int64', 'float32', 'float64'])('median of %s: axes, keepdims, views, NaNs', async (t) => {
    const a = withSpecials(random(t, [4, 5, 3]), 2);
    for (const axis of [null, 0, 1, -1, [0, 2], [1, 2, 0]]) {
      await expectLikeNumpy(np.median(ours(a), axis), `np.median(a, ${pyAxis(axis)})`, { a }, false);
      await expectLikeNumpy(np.median(ours(a), { axis, keepdims: true }), `np.median(a, ${pyAxis(axis)}, keepdims=True)`, { a }, false);
    }
    await expectLikeNumpy(np.median(ours(a).T.slice('::-1'), 0), 'np.median(a.T[::-1], 0)', { a }, false);
    const b = random(t, [6, 4]);
    await expectLikeNumpy(np.median(ours(b), 0), 'np.median(b, 0)', { b }, false);
    await expectLikeNumpy(np.nanmedian(ours(a), 1), 'np.nanmedian(a, 1)', { a }, false);
    await expectLikeNumpy(np.nanmedian(ours(a)), 'np.nanmedian(a)', { a }, false);
    await expectLikeNumpy(np.nanmedian(ours(a), { axis: [0, 2], keepdims: true }), 'np.nanmedian(a, (0, 2), keepdims=True)', { a }, false);
  });

  it('median of complex, empty, all-NaN; out', async () => {
    const c = random('complex128', [5, 4]);
    await expectLikeNumpy(np.median(ours(c), 0), 'np.median(c, 0)', { c }, false);
    await expectLikeNumpy(np.median(np.zeros([0])), 'np.median(np.zeros(0))', {});
    await expectLikeNumpy(np.median(np.zeros([3, 0]), 1), 'np.median(np.zeros((3, 0)), 1)', {});
    await expectLikeNumpy(np.nanmedian(np.zeros([0])), 'np.nanmedian(np.zeros(0))', {});
    const n = { dtype: 'float64', shape: [2, 3], data: Float64Array.from([NaN, 1, NaN, NaN, 2, NaN]) };
    await expectLikeNumpy(np.nanmedian(ours(n), 0), 'np.nanmedian(n, 0)', { n });
    await expectLikeNumpy(np.nanmedian(ours(n), 1), 'np.nanmedian(n, 1)', { n });
    const out = np.zeros([3]);
    expect(np.median(ours(n), 0, out)).toBe(out);
    await expectLikeNumpy(out, 'np.median(n, 0)', { n });
  });

  it.each(['int8', 'int64', 'float32', 'float64'])('quantile of %s with every method', async (t) => {
    const a = withSpecials(random(t, [5, 7]), 1);
    const b = random(t, [5, 7]);
    for (const method of METHODS) {
      await expectLikeNumpy(np.quantile(ours(b), 0.3, { method }), `np.quantile(b, 0.3, method='${method}')`, { b }, false);
      await expectLikeNumpy(np.quantile(ours(b), [0, 0.1, 0.5, 0.77, 1], 1, { method }), `np.quantile(b, [0, 0.1, 0.5, 0.77, 1], 1, method='${method}')`, { b }, false);
      await expectLikeNumpy(np.percentile(ours(a), [[12.5, 50], [99, 100]], 0, { method, keepdims: true }), `np.percentile(a, [[12.5, 50], [99, 100]], 0, method='${method}', keepdims=True)`, { a }, false);
      await expectLikeNumpy(np.nanquantile(ours(a), [0.25, 0.6], { axis: -1, method }), `np.nanquantile(a, [0.25, 0.6], axis=-1, method='${method}')`, { a }, false);
      await expectLikeNumpy(np.nanpercentile(ours(a), 40, { method }), `np.nanpercentile(a, 40, method='${method}')`, { a }, false);
    }
    await expectLikeNumpy(np.quantile(ours(b).T.slice('::-1'), 0.5, 0), 'np.quantile(b.T[::-1], 0.5, 0)', { b }, false);
    await expectLikeNumpy(np.quantile(ours(b), 1), 'np.quantile(b, 1)', { b }, false); // a Python int q
    await expectLikeNumpy(np.quantile(ours(b), np.asarray([0.2, 0.9]), [0, 1]), 'np.quantile(b, [0.2, 0.9], (0, 1))', { b }, false);
  });

  it('quantiles of all-NaN slices, infinities and empty arrays', async () => {
    const n = { dtype: 'float64', shape: [3, 3], data: Float64Array.from([NaN, 1, NaN, NaN, NaN, NaN, Infinity, -Infinity, 2]) };
    for (const method of METHODS) {
      await expectLikeNumpy(np.nanquantile(ours(n), 0.5, 1, { method }), `np.nanquantile(n, 0.5, 1, method='${method}')`, { n }, false);
      await expectLikeNumpy(np.quantile(ours(n), [0, 1], 0, { method }), `np.quantile(n, [0, 1], 0, method='${method}')`, { n }, false);
    }
    await expectLikeNumpy(np.nanquantile(np.zeros([0]), 0.5), 'np.nanquantile(np.zeros(0), 0.5)', {});
    await expectLikeNumpy(np.quantile(np.zeros([3, 0]), 0.5, 0), 'np.quantile(np.zeros((3, 0)), 0.5, 0)', {});
    expect(() => np.quantile(np.zeros([0]), 0.5)).toThrow(np.IndexError);
  });

  it('quantile refuses bad input', () => {
    const a = np.ones([3, 2]);
    expect(() => np.quantile(a, 1.5)).toThrow(np.ValueError);
    expect(() => np.quantile(a, [0.5, -0.1])).toThrow(/^q: quantile: Quantiles must be in the range \[0, 1\]$/);
    expect(() => np.percentile(a, 101)).toThrow(/^q: percentile: Percentiles must be in the range \[0, 100\]$/);
    expect(() => np.quantile(a, 0.5, { method: 'foo' as never })).toThrow(np.ValueError);
    expect(() => np.quantile(a, 0.5, { weights: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => np.median(a, { interpolation: 'x' } as never)).toThrow(UnknownOptionError);
    expect(() => np.quantile(a, 0.5, 2)).toThrow(np.AxisError);
    expect(() => np.median(a, [0, 0])).toThrow(np.AxisError);
    expect(() => np.quantile(np.asarray([1, 2]).astype('complex128'), 0.5)).toThrow(DTypeError);
    expect(() => np.quantile('abc' as never, 0.5)).toThrow(DTypeError);
    expect(() => np.median(a, 0, null, false, 'yes' as never)).toThrow(DTypeError);
    expect(() => np.median(a, 0, np.zeros([3]))).toThrow(np.ValueError);
  });
});

describe.skipIf(!python.ok)('NaN-skipping reductions against NumPy', () => {
  it.each(['int8', 'int64', 'float32', 'float64', 'complex128'])('nansum, nanprod, nanmean, nanvar, nanstd of %s', async (t) => {
    const a = withSpecials(random(t, [4, 3, 5], 2), 2);
    const a2 = withSpecials(random(t, [4, 3, 5], 2), 1);
    const exact = exactFor(t);
    for (const axis of [null, 0, -1, [0, 2]]) {
      const ax = pyAxis(axis);
      await expectLikeNumpy(np.nansum(ours(a), axis), `np.nansum(a, ${ax})`, { a }, exact);
      // a2: NaNs only (complex products of infinities depend on the order of the multiplications).
      await expectLikeNumpy(np.nanprod(ours(a2), { axis, keepdims: true }), `np.nanprod(a2, ${ax}, keepdims=True)`, { a2 }, exact);
      await expectLikeNumpy(np.nanmean(ours(a2), axis), `np.nanmean(a2, ${ax})`, { a2 }, false);
      await expectLikeNumpy(np.nanvar(ours(a2), { axis, ddof: 1 }), `np.nanvar(a2, ${ax}, ddof=1)`, { a2 }, false);
      await expectLikeNumpy(np.nanstd(ours(a2), { axis, keepdims: true }), `np.nanstd(a2, ${ax}, keepdims=True)`, { a2 }, false);
    }
    await expectLikeNumpy(np.nansum(ours(a).T, 1), 'np.nansum(a.T, 1)', { a }, exact);
    await expectLikeNumpy(np.nanmean(ours(a2).slice('::-1'), 0), 'np.nanmean(a2[::-1], 0)', { a2 }, false);
  });

  it.each(['int8', 'int64', 'float32', 'float64'])('nanmax, nanmin, nanargmax, nanargmin, nancumsum, nancumprod of %s', async (t) => {
    const a = withSpecials(random(t, [4, 6]), 3);
    const exact = exactFor(t);
    for (const axis of [null, 0, -1]) {
      const ax = pyAxis(axis);
      await expectLikeNumpy(np.nanmax(ours(a), axis), `np.nanmax(a, ${ax})`, { a }, exact);
      await expectLikeNumpy(np.nanmin(ours(a), { axis, keepdims: true }), `np.nanmin(a, ${ax}, keepdims=True)`, { a }, exact);
      await expectLikeNumpy(np.nanargmax(ours(a), axis), `np.nanargmax(a, ${ax})`, { a });
      await expectLikeNumpy(np.nanargmin(ours(a), axis, null, { keepdims: true }), `np.nanargmin(a, ${ax}, keepdims=True)`, { a });
      await expectLikeNumpy(np.nancumsum(ours(a), axis), `np.nancumsum(a, ${ax})`, { a }, exact);
      await expectLikeNumpy(np.nancumprod(ours(a).T, axis), `np.nancumprod(a.T, ${ax})`, { a }, false);
    }
    await expectLikeNumpy(np.nanmax(ours(a), [0, 1]), 'np.nanmax(a, (0, 1))', { a }, exact);
  });

  it('all-NaN slices and empty arrays', async () => {
    const n = { dtype: 'float32', shape: [2, 3], data: Float32Array.from([NaN, 1, NaN, NaN, NaN, NaN]) };
    await expectLikeNumpy(np.nanmax(ours(n), 1), 'np.nanmax(n, 1)', { n });
    await expectLikeNumpy(np.nanmin(ours(n), 0), 'np.nanmin(n, 0)', { n });
    await expectLikeNumpy(np.nanmean(ours(n), 1), 'np.nanmean(n, 1)', { n });
    await expectLikeNumpy(np.nanvar(ours(n), 0), 'np.nanvar(n, 0)', { n });
    await expectLikeNumpy(np.nansum(ours(n), 1), 'np.nansum(n, 1)', { n });
    await expectLikeNumpy(np.nanmean(np.zeros([0])), 'np.nanmean(np.zeros(0))', {});
    await expectLikeNumpy(np.nansum(np.zeros([0, 2]), 0), 'np.nansum(np.zeros((0, 2)), 0)', {});
    expect(() => np.nanargmax(ours(n), 0)).toThrow(np.ValueError);
    expect(() => np.nanargmax(ours(n), 1)).toThrow(/^a: nanargmax: All-NaN slice encountered$/);
    expect(() => np.nanargmin(ours(n))).not.toThrow();
    expect(() => np.nanargmin(np.full([2], NaN))).toThrow(np.ValueError);
    expect(() => np.nanmax(np.zeros([0]))).toThrow();
  });

  it('refuses bad input', () => {
    const a = np.ones([3, 2]);
    expect(() => np.nansum(a, { initial: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => np.nanmean(a, { where: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.nanvar(a, 2)).toThrow(np.AxisError);
    expect(() => np.nanmax(a, -3)).toThrow(np.AxisError);
    expect(() => np.nanargmax(a, [0] as never)).toThrow(DTypeError);
    expect(() => np.nanstd(a, { ddof: 'x' as never })).toThrow(DTypeError);
    expect(() => np.nancumsum(a, 2)).toThrow(np.AxisError);
    expect(() => np.nansum('abc' as never)).toThrow(DTypeError);
  });
});

describe.skipIf(!python.ok)('cov and corrcoef against NumPy', () => {
  it.each(['int64', 'float32', 'float64', 'complex128'])('cov and corrcoef of %s', async (t) => {
    const m = random(t, [3, 6]);
    const y = random(t, [2, 6]);
    await expectLikeNumpy(np.cov(ours(m)), 'np.cov(m)', { m }, false);
    await expectLikeNumpy(np.cov(ours(m), ours(y)), 'np.cov(m, y)', { m, y }, false);
    await expectLikeNumpy(np.cov(ours(m).T, { rowvar: false, bias: true }), 'np.cov(m.T, rowvar=False, bias=True)', { m }, false);
    await expectLikeNumpy(np.cov(ours(m), { ddof: 2 }), 'np.cov(m, ddof=2)', { m }, false);
    await expectLikeNumpy(np.cov(ours(m).slice(0)), 'np.cov(m[0])', { m }, false);
    await expectLikeNumpy(np.corrcoef(ours(m)), 'np.corrcoef(m)', { m }, false);
    await expectLikeNumpy(np.corrcoef(ours(m), ours(y)), 'np.corrcoef(m, y)', { m, y }, false);
    await expectLikeNumpy(np.corrcoef(ours(m).T, null, false), 'np.corrcoef(m.T, None, False)', { m }, false);
  });

  it('cov with weights; edge cases; refusals', async () => {
    const m = random('float64', [2, 5]);
    const f = { dtype: 'int64', shape: [5], data: BigInt64Array.from([1n, 2n, 0n, 3n, 1n]) };
    const w = random('float64', [5]);
    const aw = { ...w, data: (w.data as Float64Array).map(Math.abs) };
    await expectLikeNumpy(np.cov(ours(m), { fweights: ours(f) }), 'np.cov(m, fweights=f)', { m, f }, false);
    await expectLikeNumpy(np.cov(ours(m), { aweights: ours(aw) }), 'np.cov(m, aweights=aw)', { m, aw }, false);
    await expectLikeNumpy(np.cov(ours(m), { aweights: ours(aw), fweights: ours(f), ddof: 0 }), 'np.cov(m, aweights=aw, fweights=f, ddof=0)', { m, aw, f }, false);
    await expectLikeNumpy(np.cov([1, 2, 3], [2, 2, 5]), 'np.cov([1, 2, 3], [2, 2, 5])', {}, false);
    await expectLikeNumpy(np.cov(np.zeros([0, 3])), 'np.cov(np.zeros((0, 3)))', {});
    await expectLikeNumpy(np.corrcoef([1, 2, 3]), 'np.corrcoef([1, 2, 3])', {});
    expect(() => np.cov(np.zeros([2, 2, 2]))).toThrow(np.ValueError);
    expect(() => np.cov(ours(m), { ddof: 1.5 })).toThrow(np.ValueError);
    expect(() => np.cov(ours(m), { fweights: [1, 2] })).toThrow(np.ValueError);
    expect(() => np.cov(ours(m), { fweights: [1, 2, 3, 4, 4.5] })).toThrow(DTypeError);
    expect(() => np.cov(ours(m), { aweights: [1, 2, 3, 4, -1] })).toThrow(np.ValueError);
    expect(() => np.cov(ours(m), { rowvar: 1 } as never)).toThrow(DTypeError);
    expect(() => np.corrcoef(ours(m), { bias: true } as never)).toThrow(UnknownOptionError);
  });
});

describe('statistics leave no live stores', () => {
  it('frees every temporary, also when they throw', () => {
    const a = np.asarray([
      [3, NaN, 1],
      [2, 5, NaN],
    ]);
    const nans = np.full([2], NaN);
    const calls: (() => unknown)[] = [
      () => np.median(a, 0),
      () => np.nanmedian(a, { axis: 1, keepdims: true }),
      () => np.quantile(a, [0.2, 0.8], 1, { method: 'hazen' }),
      () => np.nanpercentile(a, 30, { method: 'nearest' }),
      () => np.nansum(a),
      () => np.nanprod(a, 0),
      () => np.nanmax(a, 1),
      () => np.nanmin(a),
      () => np.nanargmax(a, 0),
      () => np.nanargmin(a),
      () => np.nanmean(a, 1),
      () => np.nanvar(a, { ddof: 1 }),
      () => np.nanstd(a, 0),
      () => np.nancumsum(a, 1),
      () => np.nancumprod(a),
      () => np.cov(a),
      () => np.corrcoef(a, [1, 2, 3]),
      () => np.quantile(a, 2),
      () => np.nanargmax(nans),
      () => np.cov(a, { aweights: [1, -1, 1] }),
    ];
    for (const call of calls) {
      const left = storesLeftBy(() => {
        try {
          const r = call();
          if (r instanceof np.ndarray) r.dispose();
        } catch {
          // refused: still nothing left behind
        }
      });
      expect(left, String(call)).toBe(0);
    }
    a.dispose();
    nans.dispose();
  });
});
