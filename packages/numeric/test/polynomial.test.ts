// polyval, polyadd, polysub, polymul, polyder, polyint, roots, poly, polydiv, polyfit, vander,
// the windows, i0, sinc, unwrap and gradient against NumPy: dtypes, views, NaN, empty inputs, options, NumPy's
// refusals as typed errors, and no leaked stores.
import { describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, randint, random, storesLeftBy, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('polynomial arithmetic against NumPy', () => {
  it.each(['int8', 'int64', 'float32', 'float64', 'complex128'])('polyval, polyadd, polysub, polymul of %s', async (t) => {
    const p = random(t, [4], 3);
    const q = random(t, [2], 3);
    const x = random(t, [3, 5], 2);
    const e = exactFor(t);
    await expectLikeNumpy(np.polyval(ours(p), ours(x)), 'np.polyval(p, x)', { p, x }, e);
    await expectLikeNumpy(np.polyval(ours(p).slice('::-1'), ours(x).T), 'np.polyval(p[::-1], x.T)', { p, x }, e);
    await expectLikeNumpy(np.polyval(ours(p), 2), 'np.polyval(p, 2)', { p }, e);
    await expectLikeNumpy(np.polyval(ours(p), 1.5), 'np.polyval(p, 1.5)', { p }, false);
    for (const f of ['polyadd', 'polysub', 'polymul'] as const) {
      await expectLikeNumpy(np[f](ours(p), ours(q)), `np.${f}(p, q)`, { p, q }, e);
      await expectLikeNumpy(np[f](ours(q), ours(p)), `np.${f}(q, p)`, { p, q }, e);
      await expectLikeNumpy(np[f](ours(p).slice('::2'), 3), `np.${f}(p[::2], 3)`, { p }, e);
    }
    await expectLikeNumpy(np.polyder(ours(p)), 'np.polyder(p)', { p }, e);
    await expectLikeNumpy(np.polyder(ours(p), 2), 'np.polyder(p, 2)', { p }, e);
    await expectLikeNumpy(np.polyder(ours(p), { m: 6 }), 'np.polyder(p, m=6)', { p }, e);
    await expectLikeNumpy(np.polyint(ours(p)), 'np.polyint(p)', { p }, false);
    await expectLikeNumpy(np.polyint(ours(p), 3), 'np.polyint(p, 3)', { p }, false);
  });

  it('mixed types, bools, empty and 2-D coefficients, polyint constants', async () => {
    const p = random('int16', [3]);
    const x = random('float32', [6]);
    await expectLikeNumpy(np.polyval(ours(p), ours(x)), 'np.polyval(p, x)', { p, x }, false);
    await expectLikeNumpy(np.polyval(np.zeros([0], 'int32'), ours(x)), "np.polyval(np.zeros(0, 'int32'), x)", { x }, false);
    await expectLikeNumpy(np.polyval(ours(p), np.zeros([0])), 'np.polyval(p, np.zeros(0))', { p });
    const p2 = random('float64', [3, 4]);
    const x4 = random('float64', [4]);
    await expectLikeNumpy(np.polyval(ours(p2), ours(x4)), 'np.polyval(p2, x4)', { p2, x4 }, false);
    const b = random('bool', [3]);
    await expectLikeNumpy(np.polymul(ours(b), ours(b)), 'np.polymul(b, b)', { b });
    await expectLikeNumpy(np.polyadd(ours(b), [1.5]), 'np.polyadd(b, [1.5])', { b });
    await expectLikeNumpy(np.polyder([5]), 'np.polyder([5])', {});
    await expectLikeNumpy(np.polyder(ours(p), 0), 'np.polyder(p, 0)', { p });
    await expectLikeNumpy(np.polyder(ours({ dtype: 'float32', shape: [3], data: Float32Array.from([1, 2, 3]) })), "np.polyder(np.float32([1, 2, 3]))", {});
    await expectLikeNumpy(np.polyint(ours(p), 2, [1, 2]), 'np.polyint(p, 2, [1, 2])', { p }, false);
    await expectLikeNumpy(np.polyint(ours(p), { m: 3, k: 4 }), 'np.polyint(p, m=3, k=4)', { p }, false);
    await expectLikeNumpy(np.polyint(ours(p), 0), 'np.polyint(p, 0)', { p });
    await expectLikeNumpy(np.polyint(np.zeros([0], 'int8')), "np.polyint(np.zeros(0, 'int8'))", {});
  });

  it('refuse bad input', () => {
    expect(() => np.polyder([1, 2], -1)).toThrow(/^m: polyder: Order of derivative must be positive/);
    expect(() => np.polyder([1, 2], 1.5)).toThrow(DTypeError);
    expect(() => np.polyder(3)).toThrow(DTypeError);
    expect(() => np.polyint([1, 2], -1)).toThrow(np.ValueError);
    expect(() => np.polyint([1, 2], 3, [1, 2])).toThrow(/^k: polyint: k must be a scalar/);
    expect(() => np.polyint([1, 2], { n: 2 } as never)).toThrow(UnknownOptionError);
    expect(() => np.polymul([], [1])).toThrow(/^a1: polymul: v cannot be empty$/);
    expect(() => np.polymul([[1, 2]], [1])).toThrow(np.ValueError);
    expect(() => np.polysub([true], [false])).toThrow(DTypeError);
    expect(() => np.polyval(3, [1])).toThrow(DTypeError);
    expect(() => np.polyval('x' as never, [1])).toThrow(/^p: /);
  });

  it('polymul drops leading zero coefficients first, as NumPy (poly1d)', async () => {
    for (const [x, y] of [['[0, 1, 2]', '[0, 1]'], ['[0, 0]', '[0, 1]'], ['[0, 0, 3]', '[2, 0]']] as [string, string][]) {
      await expectLikeNumpy(np.polymul(JSON.parse(x), JSON.parse(y)), `np.polymul(${x}, ${y})`, {});
    }
    for (let m = 0; m < 8; m++) {
      const b = { dtype: 'bool', shape: [3], data: Uint8Array.from([m & 4, m & 2, m & 1].map((v) => (v ? 1 : 0))) };
      await expectLikeNumpy(np.polymul(ours(b), ours(b)), 'np.polymul(b, b)', { b });
    }
  });
});

describe.skipIf(!python.ok)('roots, poly and polydiv against NumPy', () => {
  // Small integers for int64 (random() draws int64 up to 1e9).
  const values = (t: string, shape: number[]) =>
    t === 'int64' ? { dtype: t, shape, data: BigInt64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => BigInt(randint(-9, 9))) } : random(t, shape, 3);

  // LAPACK builds may order the eigenvalues differently: roots are compared sorted (real ones
  // by value, complex ones by real then imaginary part), dtypes as they come.
  const sorted = (a: np.ndarray) => (a.dtype.isComplex ? np.sortComplex(a) : np.sort(a));
  const sortedInPython = (e: string) => `(lambda x: np.sort_complex(x) if np.iscomplexobj(x) else np.sort(x))(${e})`;

  it.each(['int64', 'float32', 'float64', 'complex128'])('roots, poly and polydiv of %s', async (t) => {
    const p = values(t, [5]);
    const z = values(t, [4]);
    const m = values(t, [3, 3]);
    const u = values(t, [6]);
    const v = { ...values(t, [3]) };
    // A divisor whose leading coefficient is not zero.
    if (t === 'int64') (v.data as BigInt64Array)[0] = 3n;
    await expectLikeNumpy(sorted(np.roots(ours(p))), sortedInPython('np.roots(p)'), { p }, false);
    await expectLikeNumpy(sorted(np.roots(ours(p).slice('::-1'))), sortedInPython('np.roots(p[::-1])'), { p }, false);
    await expectLikeNumpy(np.poly(ours(z)), 'np.poly(z)', { z }, false);
    await expectLikeNumpy(np.poly(ours(z).slice('::2')), 'np.poly(z[::2])', { z }, false);
    await expectLikeNumpy(np.poly(ours(m)), 'np.poly(m)', { m }, false);
    await expectLikeNumpy(np.poly(ours(m).T), 'np.poly(m.T)', { m }, false);
    // Roots of real coefficients come in conjugate pairs: poly gives real coefficients back.
    await expectLikeNumpy(np.poly(np.roots(ours(p))), 'np.poly(np.roots(p))', { p }, false);
    for (const [expression, got] of [
      ['np.polydiv(u, v)', np.polydiv(ours(u), ours(v))],
      ['np.polydiv(v, u)', np.polydiv(ours(v), ours(u))],
      ['np.polydiv(u[::-1], v)', np.polydiv(ours(u).slice('::-1'), ours(v))],
      ['np.polydiv(u, 2)', np.polydiv(ours(u), 2)],
      ['np.polydiv(u, [1.5, 2])', np.polydiv(ours(u), [1.5, 2])],
    ] as [string, [np.ndarray, np.ndarray]][]) {
      expect(got.length).toBe(2);
      await expectLikeNumpy(got[0], `${expression}[0]`, { u, v }, false);
      await expectLikeNumpy(got[1], `${expression}[1]`, { u, v }, false);
    }
  });

  it('mixed types, zeros at either end, constants and empty input', async () => {
    for (const p of ['[0, 0, 1, -3, 2, 0, 0]', '[1, 0, 1]', '[0, 2, 0]', '[5]', '[0]', '[0, 0]', '[]', '[3, 0, 0]', '[True, False]', '[1, 2, 3, 4, 5, 6, 7, 8]']) {
      await expectLikeNumpy(np.roots(JSON.parse(p.replace(/True/g, 'true').replace(/False/g, 'false'))), `np.roots(${p})`, {}, false);
    }
    const f32 = { dtype: 'float32', shape: [3], data: Float32Array.from([2, -1, 0]) };
    const c64 = { dtype: 'complex64', shape: [2], data: Float32Array.from([1, 0, 2, 1]) };
    const i8 = { dtype: 'int8', shape: [3], data: Int8Array.from([1, -2, 3]) };
    await expectLikeNumpy(np.roots(ours(f32)), 'np.roots(f32)', { f32 }, false);
    await expectLikeNumpy(np.roots(ours(f32).slice(':1')), 'np.roots(f32[:1])', { f32 }, false);
    await expectLikeNumpy(np.roots(ours(c64)), 'np.roots(c64)', { c64 }, false);
    await expectLikeNumpy(np.poly(ours(f32)), 'np.poly(f32)', { f32 }, false);
    await expectLikeNumpy(np.poly(ours(c64)), 'np.poly(c64)', { c64 }, false);
    await expectLikeNumpy(np.poly(ours(i8)), 'np.poly(i8)', { i8 }, false);
    await expectLikeNumpy(np.poly([]), 'np.poly([])', {});
    await expectLikeNumpy(np.poly([[2]]), 'np.poly([[2]])', {}, false);
    await expectLikeNumpy(np.poly([[0, -1], [1, 0]]), 'np.poly([[0, -1], [1, 0]])', {}, false);
    const pairs = { dtype: 'complex128', shape: [3], data: Float64Array.from([1, 2, 3, 0, 1, -2]) };
    const unpaired = { dtype: 'complex128', shape: [2], data: Float64Array.from([0, 1, 0, 1]) };
    await expectLikeNumpy(np.poly(ours(pairs)), 'np.poly(pairs)', { pairs }, false);
    await expectLikeNumpy(np.poly(ours(unpaired)), 'np.poly(unpaired)', { unpaired }, false);
    for (const [u, v] of [['[1, -3, 2]', '[1, -1]'], ['[1, 2, 1]', '[1, 1]'], ['[1, 2]', '[1, 2, 3]'], ['3', '2'], ['[True]', '[True]'], ['[1e-9, 1, 2]', '[1]'], ['[2, 4, 1e-9]', '[1, 2, 0]'], ['[1, 2]', '[0, 1]']] as [string, string][]) {
      const parse = (s: string) => JSON.parse(s.replace(/True/g, 'true'));
      const [q, r] = np.polydiv(parse(u), parse(v));
      await expectLikeNumpy(q, `np.polydiv(${u}, ${v})[0]`, {}, false);
      await expectLikeNumpy(r, `np.polydiv(${u}, ${v})[1]`, {}, false);
    }
    const [q, r] = np.polydiv(ours(f32), ours(c64));
    await expectLikeNumpy(q, 'np.polydiv(f32, c64)[0]', { f32, c64 }, false);
    await expectLikeNumpy(r, 'np.polydiv(f32, c64)[1]', { f32, c64 }, false);
    const [q2, r2] = np.polydiv(ours(f32), [1, 1]);
    await expectLikeNumpy(q2, 'np.polydiv(f32, [1, 1])[0]', { f32 }, false);
    await expectLikeNumpy(r2, 'np.polydiv(f32, [1, 1])[1]', { f32 }, false);
  });

  it('refuse bad input', () => {
    expect(() => np.roots([[1, 2]])).toThrow(/^p: roots: Input must be a rank-1 array\.$/);
    expect(() => np.roots(np.asarray(3))).toThrow(DTypeError);
    expect(() => np.roots('x' as never)).toThrow(/^p: /);
    expect(() => np.poly([[1, 2, 3]])).toThrow(/^seq_of_zeros: poly: input must be 1d or non-empty square 2d array\.$/);
    expect(() => np.poly(np.zeros([0, 0]))).toThrow(np.ValueError);
    expect(() => np.poly(np.zeros([1, 1, 1]))).toThrow(np.ValueError);
    expect(() => np.poly(3)).toThrow(/^seq_of_zeros: /);
    expect(() => np.polydiv([], [1])).toThrow(/^u: polydiv: index 0 is out of bounds/);
    expect(() => np.polydiv([1], [])).toThrow(np.IndexError);
    expect(() => np.polydiv([[1, 2]], [1])).toThrow(/^u: /);
    expect(() => np.polydiv([1], [[1]])).toThrow(/^v: /);
    expect(() => (np.polydiv as (...a: unknown[]) => unknown)([1])).toThrow();
  });
});

describe.skipIf(!python.ok)('polyfit and vander against NumPy', () => {
  it.each(['int32', 'uint8', 'bool', 'float32', 'float64', 'uint64'])('vander of %s', async (t) => {
    const x = random(t, [5], 3);
    const e = exactFor(t);
    await expectLikeNumpy(np.vander(ours(x)), 'np.vander(x)', { x }, e);
    await expectLikeNumpy(np.vander(ours(x), 3), 'np.vander(x, 3)', { x }, e);
    await expectLikeNumpy(np.vander(ours(x), { N: 4, increasing: true }), 'np.vander(x, 4, increasing=True)', { x }, e);
    await expectLikeNumpy(np.vander(ours(x).slice('::-2'), 1), 'np.vander(x[::-2], 1)', { x }, e);
    await expectLikeNumpy(np.vander(ours(x), 0), 'np.vander(x, 0)', { x }, e);
  });

  it('vander of empty input; refusals', async () => {
    await expectLikeNumpy(np.vander(np.zeros([0])), 'np.vander(np.zeros(0))', {});
    expect(() => np.vander([[1, 2]])).toThrow(/^x: vander: x must be a one-dimensional array or sequence\.$/);
    expect(() => np.vander([1], -1)).toThrow(np.ValueError);
    expect(() => np.vander([1], { increasing: 1 } as never)).toThrow(/^increasing: /);
    expect(() => np.vander([1], { n: 1 } as never)).toThrow(UnknownOptionError);
  });

  it.each(['int64', 'float32', 'float64'])('polyfit of %s: degrees, 2-D y, weights, rcond, full', async (t) => {
    const x = { ...random('float64', [12], 2), dtype: 'float64' };
    const xt = t === 'int64' ? { dtype: 'int64', shape: [12], data: BigInt64Array.from({ length: 12 }, (_, i) => BigInt(i - 5)) } : t === 'float32' ? { dtype: 'float32', shape: [12], data: Float32Array.from(x.data as Float64Array) } : x;
    const y = random('float64', [12]);
    const y2 = random('float64', [12, 3]);
    const w = { dtype: 'float64', shape: [12], data: Float64Array.from({ length: 12 }, () => Math.random() + 0.5) };
    const tol = false;
    for (const deg of [0, 1, 3]) await expectLikeNumpy(np.polyfit(ours(xt), ours(y), deg), `np.polyfit(xt, y, ${deg})`, { xt, y }, tol);
    await expectLikeNumpy(np.polyfit(ours(xt), ours(y2), 2), 'np.polyfit(xt, y2, 2)', { xt, y2 }, tol);
    await expectLikeNumpy(np.polyfit(ours(xt), ours(y), 2, { w: ours(w) }), 'np.polyfit(xt, y, 2, w=w)', { xt, y, w }, tol);
    await expectLikeNumpy(np.polyfit(ours(xt), ours(y2), 2, { w: ours(w) }), 'np.polyfit(xt, y2, 2, w=w)', { xt, y2, w }, tol);
    const full = np.polyfit(ours(xt), ours(y), 2, null, true);
    await expectLikeNumpy(full.coefficients, 'np.polyfit(xt, y, 2, None, True)[0]', { xt, y }, tol);
    await expectLikeNumpy(full.residuals, 'np.polyfit(xt, y, 2, None, True)[1]', { xt, y }, tol);
    await expectLikeNumpy(full.singularValues, 'np.polyfit(xt, y, 2, None, True)[3]', { xt, y }, tol);
    expect(full.rank).toBe(3);
    expect(full.rcond).toBeCloseTo(Number(await py!.eval<number>('float(np.polyfit(xt, y, 2, full=True)[4])', { xt, y } as never)), 20);
    const r = np.polyfit(ours(xt), ours(y), 2, { rcond: 0.5, full: true });
    expect(r.rcond).toBe(0.5);
  });

  it('polyfit refusals', () => {
    expect(() => np.polyfit([1, 2], [1, 2], -1)).toThrow(/^deg: polyfit: expected deg >= 0$/);
    expect(() => np.polyfit([[1, 2]], [1, 2], 1)).toThrow(/^x: polyfit: expected 1D vector for x$/);
    expect(() => np.polyfit(np.zeros([0]), np.zeros([0]), 1)).toThrow(DTypeError);
    expect(() => np.polyfit([1, 2], [1, 2, 3], 1)).toThrow(/^y: polyfit: expected x and y to have same length$/);
    expect(() => np.polyfit([1, 2], [[[1]]], 1)).toThrow(DTypeError);
    expect(() => np.polyfit([1, 2], [1, 2], 1, { w: [1] })).toThrow(/^w: /);
    expect(() => np.polyfit([1, 2], [1, 2], 1.5)).toThrow(DTypeError);
    expect(() => np.polyfit([1, 2], [1, 2], 1, { cov: true } as never)).toThrow(UnknownOptionError);
  });
});

describe.skipIf(!python.ok)('windows, i0 and sinc against NumPy', () => {
  it('the windows of several lengths', async () => {
    for (const M of [-2, 0, 1, 2, 5, 8, 4.5]) {
      for (const f of ['hamming', 'hanning', 'blackman', 'bartlett'] as const) await expectLikeNumpy(np[f](M), `np.${f}(${M})`, {}, false);
      for (const beta of [0, 5, 14]) await expectLikeNumpy(np.kaiser(M, beta), `np.kaiser(${M}, ${beta})`, {}, false);
    }
    expect(() => np.hamming('5' as never)).toThrow(DTypeError);
    expect(() => np.kaiser(5, null as never)).toThrow(/^beta: /);
    expect(() => (np.hanning as (...a: unknown[]) => unknown)(5, 2)).toThrow();
  });

  it.each(['int32', 'bool', 'float32', 'float64'])('i0 and sinc of %s', async (t) => {
    const x = withSpecials(random(t, [4, 6], 20), 3);
    await expectLikeNumpy(np.i0(ours(x)), 'np.i0(x)', { x }, false);
    await expectLikeNumpy(np.i0(ours(x).T.slice('::-1')), 'np.i0(x.T[::-1])', { x }, false);
    await expectLikeNumpy(np.sinc(ours(x)), 'np.sinc(x)', { x }, false);
    await expectLikeNumpy(np.sinc(ours(x).slice(':, ::2')), 'np.sinc(x[:, ::2])', { x }, false);
  });

  it('i0 and sinc of scalars, zeros, empty and complex', async () => {
    await expectLikeNumpy(np.i0(0), 'np.i0(0)', {}, false);
    await expectLikeNumpy(np.i0([8, -8, 8.5, 700]), 'np.i0([8, -8, 8.5, 700])', {}, false);
    await expectLikeNumpy(np.sinc([0, 0.5, -1, 1e-30]), 'np.sinc([0, 0.5, -1, 1e-30])', {}, false);
    await expectLikeNumpy(np.i0(np.zeros([0])), 'np.i0(np.zeros(0))', {});
    await expectLikeNumpy(np.sinc(np.zeros([0], 'int8')), "np.sinc(np.zeros(0, 'int8'))", {});
    const c = random('complex128', [5]);
    await expectLikeNumpy(np.sinc(ours(c)), 'np.sinc(c)', { c }, false);
    expect(() => np.i0(ours(c))).toThrow(/^x: i0: i0 not supported for complex values$/);
    expect(() => np.sinc('a' as never)).toThrow(/^x: /);
  });
});

describe.skipIf(!python.ok)('unwrap and gradient against NumPy', () => {
  it.each(['float32', 'float64', 'int64'])('unwrap of %s: discont, axis, period', async (t) => {
    const p = random(t, [4, 7], 8);
    const e = exactFor(t);
    await expectLikeNumpy(np.unwrap(ours(p)), 'np.unwrap(p)', { p }, false);
    await expectLikeNumpy(np.unwrap(ours(p), 4), 'np.unwrap(p, 4)', { p }, false);
    await expectLikeNumpy(np.unwrap(ours(p), { axis: 0 }), 'np.unwrap(p, axis=0)', { p }, false);
    await expectLikeNumpy(np.unwrap(ours(p), null, 0, { period: 6 }), 'np.unwrap(p, None, 0, period=6)', { p }, e);
    await expectLikeNumpy(np.unwrap(ours(p), { period: 5 }), 'np.unwrap(p, period=5)', { p }, e);
    await expectLikeNumpy(np.unwrap(ours(p), { period: 2.5, discont: 0.5 }), 'np.unwrap(p, period=2.5, discont=0.5)', { p }, false);
    await expectLikeNumpy(np.unwrap(ours(p).T.slice('::-1')), 'np.unwrap(p.T[::-1])', { p }, false);
  });

  it('unwrap of NaN, empty and one-element input; refusals', async () => {
    const s = withSpecials(random('float64', [9], 8), 1);
    await expectLikeNumpy(np.unwrap(ours(s)), 'np.unwrap(s)', { s }, false);
    await expectLikeNumpy(np.unwrap(np.zeros([0])), 'np.unwrap(np.zeros(0))', {});
    await expectLikeNumpy(np.unwrap([3]), 'np.unwrap([3])', {});
    await expectLikeNumpy(np.unwrap(np.zeros([2, 0]), { axis: 0 }), 'np.unwrap(np.zeros((2, 0)), axis=0)', {});
    expect(() => np.unwrap(3)).toThrow(np.ValueError);
    expect(() => np.unwrap([1, 2], { axis: 1 })).toThrow(np.AxisError);
    expect(() => np.unwrap([1, 2], { periods: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => np.unwrap([1, 2], 'a' as never)).toThrow(/^discont: /);
  });

  it.each(['int16', 'float32', 'float64', 'complex128'])('gradient of %s: spacings, axes, edge orders', async (t) => {
    const f = random(t, [5, 6], 5);
    const e = false;
    const x0 = { dtype: 'float64', shape: [5], data: Float64Array.from([0, 0.5, 1.7, 2, 3.1]) };
    const x1 = { dtype: 'int32', shape: [6], data: Int32Array.from([0, 2, 3, 5, 9, 10]) };
    const u1 = { dtype: 'int64', shape: [6], data: BigInt64Array.from([0n, 3n, 6n, 9n, 12n, 15n]) };
    const x32 = { dtype: 'float32', shape: [6], data: Float32Array.from([0, 0.25, 1, 1.5, 2.25, 3]) };
    for (const edge of [1, 2]) {
      const all = np.gradient(ours(f), { edgeOrder: edge }) as np.ndarray[];
      expect(all.length).toBe(2);
      await expectLikeNumpy(all[0]!, `np.gradient(f, edge_order=${edge})[0]`, { f }, e);
      await expectLikeNumpy(all[1]!, `np.gradient(f, edge_order=${edge})[1]`, { f }, e);
      await expectLikeNumpy(np.gradient(ours(f), 2.5, { axis: 1, edgeOrder: edge }) as np.ndarray, `np.gradient(f, 2.5, axis=1, edge_order=${edge})`, { f }, e);
      const two = np.gradient(ours(f), ours(x0), ours(x1), { edgeOrder: edge }) as np.ndarray[];
      await expectLikeNumpy(two[0]!, `np.gradient(f, x0, x1, edge_order=${edge})[0]`, { f, x0, x1 }, e);
      await expectLikeNumpy(two[1]!, `np.gradient(f, x0, x1, edge_order=${edge})[1]`, { f, x0, x1 }, e);
      await expectLikeNumpy(np.gradient(ours(f), ours(u1), { axis: -1, edgeOrder: edge }) as np.ndarray, `np.gradient(f, u1, axis=-1, edge_order=${edge})`, { f, u1 }, e);
      await expectLikeNumpy(np.gradient(ours(f), ours(x32), { axis: [1], edgeOrder: edge }) as np.ndarray, `np.gradient(f, x32, axis=[1], edge_order=${edge})`, { f, x32 }, e);
      const mixed = np.gradient(ours(f), 2, ours(x1), { edgeOrder: edge }) as np.ndarray[];
      await expectLikeNumpy(mixed[1]!, `np.gradient(f, 2, x1, edge_order=${edge})[1]`, { f, x1 }, e);
      await expectLikeNumpy(np.gradient(ours(f).T.slice('::-1'), { axis: 0, edgeOrder: edge }) as np.ndarray, `np.gradient(f.T[::-1], axis=0, edge_order=${edge})`, { f }, e);
    }
    await expectLikeNumpy(np.gradient(ours(f), np.asarray(0.5).astype('float32'), { axis: 0 }) as np.ndarray, 'np.gradient(f, np.float32(0.5), axis=0)', { f }, e);
  });

  it('gradient of 1-D, NaN and small inputs; refusals', async () => {
    const s = withSpecials(random('float64', [8]), 2);
    await expectLikeNumpy(np.gradient(ours(s)) as np.ndarray, 'np.gradient(s)', { s }, false);
    await expectLikeNumpy(np.gradient([1, 4, 9, 16]) as np.ndarray, 'np.gradient([1, 4, 9, 16])', {}, false);
    await expectLikeNumpy(np.gradient([1, 4]) as np.ndarray, 'np.gradient([1, 4])', {}, false);
    await expectLikeNumpy(np.gradient([1, 4, 2], { edgeOrder: 2 }) as np.ndarray, 'np.gradient([1, 4, 2], edge_order=2)', {}, false);
    expect(np.gradient(np.asarray(3))).toEqual([]);
    expect(() => np.gradient([1, 4], { edgeOrder: 2 })).toThrow(/^f: gradient: Shape of array too small/);
    expect(() => np.gradient(np.zeros([0]))).toThrow(np.ValueError);
    expect(() => np.gradient([1, 2, 3], { edgeOrder: 3 })).toThrow(/^edgeOrder: gradient: 'edge_order' greater than 2 not supported$/);
    expect(() => np.gradient([1, 2, 3], [1, 2])).toThrow(/^spacing: gradient: when 1d, distances must match/);
    expect(() => np.gradient([1, 2, 3], [[1, 2, 3]])).toThrow(np.ValueError);
    expect(() => np.gradient([1, 2, 3], 1, 2)).toThrow(DTypeError);
    expect(() => np.gradient([1, 2, 3], { axis: 1 })).toThrow(np.AxisError);
    expect(() => np.gradient([[1, 2], [3, 4]], { axis: [0, 0] })).toThrow(np.ValueError);
    expect(() => np.gradient([1, 2, 3], { edge_order: 2 } as never)).toThrow(UnknownOptionError);
    expect(() => np.gradient([true, false, true])).toThrow(DTypeError);
  });
});

describe('polynomial functions free their temporaries', () => {
  it('leaves no store behind', () => {
    const p = np.array([1.5, -2, 3]);
    const x = np.array([[0.5, 1, 2], [3, 4, 5], [7, 1, 0]]);
    const left = storesLeftBy(() => {
      for (let i = 0; i < 2; i++) {
        const fit = np.polyfit([0, 1, 2, 3], [1, 3, 2, 5], 2, { full: true });
        const g = np.gradient(x, 1, [0, 1, 3], { edgeOrder: 2 }) as np.ndarray[];
        const outs = [
          np.polyval(p, x), np.polyadd(p, [1]), np.polysub([1], p), np.polymul(p, [1, 2]), np.polyder(p, 2), np.polyint(p, 2, 3), np.polyfit([0, 1, 2], [1, 2, 4], 1),
          np.vander(p, { increasing: true }), np.hamming(5), np.hanning(4), np.blackman(6), np.bartlett(5), np.kaiser(7, 3), np.i0(x), np.sinc(x), np.unwrap(x), np.unwrap(x, { period: 3 }),
          np.gradient(p) as np.ndarray, fit.coefficients, fit.residuals, fit.singularValues, ...g,
          np.roots([0, 1, -3, 2, 0]), np.roots([1, 0, 1]), np.roots([4]), np.poly(p), np.poly(x), np.poly([]), ...((rs: np.ndarray) => [rs, np.poly(rs)])(np.roots([1, 0, 1])), ...np.polydiv(x.slice('0'), [1, 2]), ...np.polydiv([1, 2, 1], [1, 1]),
        ];
        for (const o of outs) o.dispose();
      }
      expect(() => np.polyint(p, 3, [1, 2])).toThrow();
      expect(() => np.gradient(p, { edgeOrder: 3 })).toThrow();
      expect(() => np.roots([[1, 2]])).toThrow();
      expect(() => np.polydiv([], [1])).toThrow();
    });
    expect(left).toBe(0);
  });
});
