// isclose, allclose, arrayEqual, arrayEquiv and isin against NumPy: several dtype pairs,
// broadcasting, NaN and infinities, Python scalars, empty arrays, bad input, and no leaked stores.
import { describe, expect, it } from 'vitest';

import { ArgumentError, DTypeError, UnknownOptionError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { liveStorages as live, numpyExpectation, ours, randint, random, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** `v` nudged by about `scale` relative to each element (so some are close and some are not). */
function nudged(v: NdValue, scale: number): NdValue {
  if (!/float|complex/.test(v.dtype)) return v;
  const data = (v.data as Float64Array).map((x) => x * (1 + (Math.random() * 2 - 1) * scale));
  return { ...v, data };
}

describe.skipIf(!python.ok)('isclose and allclose against NumPy', () => {
  const PAIRS = [
    ['float64', 'float64'],
    ['float32', 'float32'],
    ['int32', 'float64'],
    ['int8', 'int8'],
    ['uint8', 'int16'],
    ['bool', 'bool'],
    ['int64', 'float32'],
    ['complex128', 'complex128'],
    ['float32', 'complex64'],
    ['uint64', 'int64'],
  ] as const;

  it.each(PAIRS)('isclose of %s and %s, broadcast, with NaN and infinities', async (ta, tb) => {
    const b = withSpecials(random(tb, [5]));
    const a = withSpecials(nudged({ ...random(ta, [3, 5]) }, 0), 2);
    // Half of a's rows are b nudged, so some elements are close.
    const near = nudged(b, 2e-5);
    const aa = ours(a);
    if (ta === tb) aa.slice('0').assign(ours(near));
    const A = { dtype: ta, shape: [3, 5], data: aa.toArray() } as NdValue;
    await expectLikeNumpy(np.isclose(aa, ours(b)), 'np.isclose(a, b)', { a: A, b });
    await expectLikeNumpy(np.isclose(ours(b), aa), 'np.isclose(b, a)', { a: A, b });
    await expectLikeNumpy(np.isclose(aa, ours(b), 1e-3, 0.5), 'np.isclose(a, b, 1e-3, 0.5)', { a: A, b });
    await expectLikeNumpy(np.isclose(aa, ours(b), { equalNan: true, atol: 0 }), 'np.isclose(a, b, equal_nan=True, atol=0)', { a: A, b });
    await expectLikeNumpy(np.isclose(aa, ours(b), 1e-5, 1e-8, true), 'np.isclose(a, b, 1e-5, 1e-8, True)', { a: A, b });
    expect(np.allclose(aa, ours(b))).toBe(await py!.eval<boolean>('bool(np.allclose(a, b))', { a: A, b }));
    expect(np.allclose(aa, aa, { equalNan: true })).toBe(await py!.eval<boolean>('bool(np.allclose(a, a, equal_nan=True))', { a: A }));
    expect(np.allclose(aa, aa)).toBe(await py!.eval<boolean>('bool(np.allclose(a, a))', { a: A }));
  });

  it('isclose with Python scalars on either side, 0-d and empty arrays', async () => {
    const f = random('float32', [6], 1);
    const i = random('int8', [6]);
    const c = random('complex128', [6]);
    await expectLikeNumpy(np.isclose(ours(f), 0.1), 'np.isclose(f, 0.1)', { f });
    await expectLikeNumpy(np.isclose(ours(f), 0, 0, 0.5), 'np.isclose(f, 0, 0, 0.5)', { f });
    await expectLikeNumpy(np.isclose(ours(i), 3, { atol: 40 }), 'np.isclose(i, 3, atol=40)', { i });
    await expectLikeNumpy(np.isclose(ours(i), 1e300), 'np.isclose(i, 1e300)', { i });
    // b stays a Python float in the tolerance and in isfinite, though it is inf in float32.
    await expectLikeNumpy(np.isclose(ours(f), 1e300), 'np.isclose(f, 1e300)', { f });
    await expectLikeNumpy(np.isclose(ours(f), -1e39, { rtol: 0 }), 'np.isclose(f, -1e39, rtol=0)', { f });
    await expectLikeNumpy(np.isclose(2, ours(i), { atol: 50 }), 'np.isclose(2, i, atol=50)', { i });
    await expectLikeNumpy(np.isclose(ours(c), { re: 0.1, im: -0.2 }, { atol: 0.5 }), 'np.isclose(c, 0.1-0.2j, atol=0.5)', { c });
    await expectLikeNumpy(np.isclose(ours(f), { re: 0.1, im: 0 }, { atol: 0.5 }), 'np.isclose(f, 0.1+0j, atol=0.5)', { f });
    await expectLikeNumpy(np.isclose(1, 1 + 1e-9), 'np.isclose(1, 1 + 1e-9)', {});
    await expectLikeNumpy(np.isclose(NaN, NaN, { equalNan: true }), 'np.isclose(np.nan, np.nan, equal_nan=True)', {});
    await expectLikeNumpy(np.isclose(Infinity, Infinity), 'np.isclose(np.inf, np.inf)', {});
    await expectLikeNumpy(np.isclose(np.zeros([0, 3]), np.ones([3])), 'np.isclose(np.zeros((0, 3)), np.ones(3))', {});
    expect(np.allclose(np.zeros([0]), np.ones([0]))).toBe(true);
    expect(np.allclose(ours(f), ours(f).add(1e-9))).toBe(true);
    expect(np.allclose(ours(f), 2)).toBe(await py!.eval<boolean>('bool(np.allclose(f, 2))', { f }));
  });

  it('refuses bad input with the argument named', () => {
    const a = np.ones([3]);
    expect(() => np.isclose(a, a, { rtoll: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => np.isclose(a, a, 1e-3, { rtol: 1 } as never)).toThrow(UnknownOptionError); // rtol was positional
    expect(() => np.isclose(a, a, '1' as never)).toThrow(/^rtol: isclose: expected a number, got '1' \(a string\)$/);
    expect(() => np.isclose(a, a, { equalNan: 1 as never })).toThrow(/^equalNan: /);
    expect(() => np.isclose('a' as never, a)).toThrow(DTypeError);
    expect(() => np.isclose(a, null as never)).toThrow(/^b: /);
    expect(() => np.isclose(a, np.ones([2]))).toThrow(/could not be broadcast/);
    expect(() => (np.allclose as unknown as (...args: unknown[]) => boolean)(a, a, 1, 1, false, 0)).toThrow(ArgumentError);
    expect(() => np.allclose(a, a, { atol: 'x' as never })).toThrow(/^atol: /);
  });
});

describe.skipIf(!python.ok)('arrayEqual and arrayEquiv against NumPy', () => {
  it.each(['bool', 'int8', 'uint16', 'int64', 'float32', 'float64', 'complex128'])('%s: copies, one changed element, NaN, shapes', async (t) => {
    const a = withSpecials(random(t, [4, 3]), 2);
    const b = { ...a, data: a.data.slice() } as NdValue;
    const changed = { ...a, data: a.data.slice() } as NdValue;
    const k = randint(0, 11) * (t.startsWith('complex') ? 2 : 1);
    (changed.data as unknown as number[])[k] = (t === 'int64' ? 77n : t === 'bool' ? (changed.data[k] ? 0 : 1) : 77) as never;
    for (const [x, y, code] of [[a, b, 'a, b'], [a, changed, 'a, c'], [a, a, 'a, a']] as const) {
      for (const equalNan of [false, true]) {
        const want = await py!.eval<boolean>(`bool(np.array_equal(${code}, equal_nan=${equalNan ? 'True' : 'False'}))`, { a: x, b: y, c: y });
        expect(np.arrayEqual(ours(x), ours(y), equalNan), `${t} ${code} ${equalNan}`).toBe(want);
      }
      expect(np.arrayEquiv(ours(x), ours(y))).toBe(await py!.eval<boolean>(`bool(np.array_equiv(${code}))`, { a: x, b: y, c: y }));
    }
    // Different shapes: never array_equal; array_equiv when they broadcast and agree.
    const row = { dtype: t, shape: [3], data: a.data.slice(0, 3 * (t.startsWith('complex') ? 2 : 1)) } as NdValue;
    const rows = { dtype: t, shape: [4, 3], data: new (a.data.constructor as new (n: number) => NdValue['data'])(a.data.length) } as NdValue;
    const r = ours(rows);
    r.assign(ours(row));
    const tiled = { ...rows, data: r.toArray() } as NdValue;
    expect(np.arrayEqual(r, ours(row))).toBe(false);
    expect(np.arrayEquiv(r, ours(row))).toBe(await py!.eval<boolean>('bool(np.array_equiv(t, r))', { t: tiled, r: row }));
    expect(np.arrayEquiv(ours(a), ours(random(t, [2])))).toBe(false);
  });

  it('scalars and lists are arrays of their own type; empty arrays', async () => {
    const f = { dtype: 'float32', shape: [1], data: Float32Array.of(0.1) };
    expect(np.arrayEqual(ours(f), 0.1)).toBe(await py!.eval<boolean>('bool(np.array_equal(f, 0.1))', { f }));
    expect(np.arrayEqual(np.asarray(0.5), 0.5)).toBe(true);
    expect(np.arrayEqual(np.array([1, 2, 3]), [1, 2, 3])).toBe(true);
    expect(np.arrayEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(np.arrayEqual(np.array([255]).astype('uint8'), -1)).toBe(await py!.eval<boolean>('bool(np.array_equal(np.array([255], np.uint8), -1))', {}));
    expect(np.arrayEquiv(np.array([3, 3]), 3)).toBe(true);
    expect(np.arrayEqual(np.zeros([0, 2]), np.zeros([0, 2], 'int8'))).toBe(true);
    expect(np.arrayEqual(np.zeros([0, 2]), np.zeros([2, 0]))).toBe(false);
    expect(np.arrayEquiv(np.zeros([0, 2]), np.zeros([2]))).toBe(true);
    expect(np.arrayEqual({ re: NaN, im: 0 }, np.asarray(NaN).astype('complex64'), { equalNan: true })).toBe(true);
    expect(() => np.arrayEqual(np.ones([2]), np.ones([2]), { equal_nan: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.arrayEqual(np.ones([2]), np.ones([2]), 'yes' as never)).toThrow(/^equalNan: /);
    expect(() => np.arrayEqual(np.ones([2]), 'x' as never)).toThrow(/^a2: /);
    expect(() => np.arrayEquiv(undefined as never, np.ones([2]))).toThrow(/^a1: /);
  });
});

describe.skipIf(!python.ok)('isin against NumPy', () => {
  it.each([
    ['int32', 'int32'],
    ['int8', 'int64'],
    ['uint8', 'int8'],
    ['float64', 'float64'],
    ['float32', 'int16'],
    ['bool', 'bool'],
    ['complex128', 'complex128'],
    ['int64', 'float64'],
  ])('isin of %s in %s, invert, multi-d test elements', async (te, tt) => {
    const small = (t: string, shape: number[]): NdValue => {
      const v = random(t, shape);
      if (/float|complex/.test(t)) return { ...v, data: (v.data as Float64Array).map((x) => Math.round(x)) };
      if (/int/.test(t) && t !== 'int64' && t !== 'uint64') return { ...v, data: (v.data as Int32Array).map((x) => x % 7) };
      if (t === 'int64') return { ...v, data: (v.data as BigInt64Array).map((x) => x % 7n) };
      return v;
    };
    const e = small(te, [3, 4, 2]);
    const s = small(tt, [2, randint(1, 6)]);
    if (te.startsWith('float')) (e.data as Float64Array)[0] = NaN;
    if (tt.startsWith('float')) (s.data as Float64Array)[0] = NaN;
    await expectLikeNumpy(np.isin(ours(e), ours(s)), 'np.isin(e, s)', { e, s });
    await expectLikeNumpy(np.isin(ours(e), ours(s), false, true), 'np.isin(e, s, False, True)', { e, s });
    await expectLikeNumpy(np.isin(ours(e).T, ours(s), { invert: true, assumeUnique: false }), 'np.isin(e.T, s, invert=True)', { e, s });
    await expectLikeNumpy(np.isin(ours(e), ours(s), { kind: 'sort' }), "np.isin(e, s, kind='sort')", { e, s });
  });

  it('scalars, lists, empty arrays, kind and bad input', async () => {
    const e = random('int64', [7]);
    await expectLikeNumpy(np.isin(ours(e), []), 'np.isin(e, [])', { e });
    await expectLikeNumpy(np.isin(ours(e), [], { invert: true }), 'np.isin(e, [], invert=True)', { e });
    await expectLikeNumpy(np.isin(np.zeros([0, 2]), [1, 2]), 'np.isin(np.zeros((0, 2)), [1, 2])', {});
    await expectLikeNumpy(np.isin(3, [1, 2, 3]), 'np.isin(3, [1, 2, 3])', {});
    await expectLikeNumpy(np.isin(ours(e), (e.data as BigInt64Array)[2]!), 'np.isin(e, e[2])', { e });
    await expectLikeNumpy(np.isin(ours(e), [0.5, Number((e.data as BigInt64Array)[1])]), 'np.isin(e, [0.5, e[1]])', { e });
    await expectLikeNumpy(np.isin(ours(e), ours(e), { kind: 'table' }), "np.isin(e, e, kind='table')", { e });
    expect(() => np.isin(np.ones([2]), [1], { kind: 'table' })).toThrow(/^kind: isin: The 'table' method is only supported for boolean or integer arrays/);
    expect(() => np.isin(ours(e), [1], { kind: 'hash' as never })).toThrow(np.ValueError);
    expect(() => np.isin(ours(e), [1], { invert: 1 as never })).toThrow(/^invert: /);
    expect(() => np.isin(ours(e), [1], { inverse: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.isin(ours(e), 'abc' as never)).toThrow(/^testElements: /);
  });
});

describe('comparison functions free what they make', () => {
  it('leaves no live stores, also when they throw', () => {
    const a = np.array([[1, 2.5, NaN], [4, 5, Infinity]]);
    const b = np.array([1, 2.5000001, NaN]);
    const two = np.ones([2]);
    const calls: (() => unknown)[] = [
      () => np.isclose(a, b),
      () => np.isclose(a, 2, { equalNan: true }),
      () => np.isclose(3, b),
      () => np.allclose(a, b),
      () => np.arrayEqual(a, a, true),
      () => np.arrayEqual(b, [1, 2, 3]),
      () => np.arrayEquiv(a, b),
      () => np.isin(a, b, { invert: true }),
      () => np.isin(a, []),
      () => np.isin(b, [1, 2]),
      () => np.isclose(a, two),
      () => np.isin(a, [1], { kind: 'table' }),
    ];
    for (const call of calls) {
      const before = live();
      try {
        const r = call();
        if (r instanceof np.ndarray) r.dispose();
      } catch {
        // refused: still nothing may be left
      }
      expect(live() - before, String(call)).toBe(0);
    }
  });
});
