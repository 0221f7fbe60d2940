// fabs, fix, isposinf / isneginf, iscomplex / isreal, logaddexp / logaddexp2, floatPower, divmod
// and modf against NumPy (dtypes, scalars, broadcasting, NaN and infinities, signed zeros, out=);
// the NumPy 2 aliases (acos, atan2, pow, concat, permuteDims...) are the same functions; bad
// input gets typed errors; no leaked stores.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const REAL = ['bool', 'int8', 'uint16', 'int64', 'float32', 'float64'];

describe.skipIf(!python.ok)('elementwise compositions against NumPy', () => {
  it.each(REAL)('fabs, fix, isposinf, isneginf, iscomplex, isreal of %s', async (t) => {
    const a = withSpecials(random(t, [5, 4]), 4);
    await expectLikeNumpy(np.fabs(ours(a)), 'np.fabs(a)', { a }, exactFor(t));
    await expectLikeNumpy(np.fix(ours(a)), 'np.fix(a)', { a }, exactFor(t));
    await expectLikeNumpy(np.fix(ours(a).T.slice('::-1')), 'np.fix(a.T[::-1])', { a }, exactFor(t));
    for (const f of ['isposinf', 'isneginf', 'iscomplex', 'isreal'] as const) await expectLikeNumpy(np[f](ours(a)), `np.${f}(a)`, { a });
  });

  it('fix keeps signed zeros and halves as NumPy; predicates of complex and scalars', async () => {
    const a = { dtype: 'float64', shape: [8], data: new Float64Array([-0.5, 0.5, -0, 2.7, -2.7, Infinity, -Infinity, NaN]) };
    await expectLikeNumpy(np.fix(ours(a)), 'np.fix(a)', { a });
    await expectLikeNumpy(np.copysign(1, np.fix(ours(a))), 'np.copysign(1, np.fix(a))', { a });
    const z = random('complex128', [6]);
    await expectLikeNumpy(np.iscomplex(ours(z)), 'np.iscomplex(z)', { z });
    await expectLikeNumpy(np.isreal(np.array([{ re: 1, im: 0 }, { re: 1, im: 2 }])), 'np.isreal([1+0j, 1+2j])', {});
    await expectLikeNumpy(np.iscomplex(3), 'np.iscomplex(3)', {});
    await expectLikeNumpy(np.isposinf(Infinity), 'np.isposinf(np.inf)', {});
    await expectLikeNumpy(np.fabs(-3), 'np.fabs(-3)', {});
  });

  it.each([
    ['float64', 'float64'],
    ['float32', 'float32'],
    ['int8', 'int16'],
    ['int64', 'float32'],
  ])('logaddexp and logaddexp2 of %s and %s, broadcast, with infinities', async (ta, tb) => {
    const a = withSpecials(random(ta, [4, 5], 40), 3);
    const b = withSpecials(random(tb, [5], 40), 2);
    for (const f of ['logaddexp', 'logaddexp2'] as const) {
      await expectLikeNumpy(np[f](ours(a), ours(b)), `np.${f}(a, b)`, { a, b }, false);
      await expectLikeNumpy(np[f](ours(a), 2.5), `np.${f}(a, 2.5)`, { a }, false);
      await expectLikeNumpy(np[f](ours(a), ours(a)), `np.${f}(a, a)`, { a }, false);
    }
    const inf = { dtype: 'float64', shape: [4], data: new Float64Array([Infinity, -Infinity, Infinity, -Infinity]) };
    const other = { dtype: 'float64', shape: [4], data: new Float64Array([Infinity, -Infinity, -Infinity, 3]) };
    await expectLikeNumpy(np.logaddexp(ours(inf), ours(other)), 'np.logaddexp(x, y)', { x: inf, y: other });
    await expectLikeNumpy(np.logaddexp2(ours(inf), ours(other)), 'np.logaddexp2(x, y)', { x: inf, y: other });
  });

  it('floatPower in float64 or complex128; divmod and modf with NumPy signs', async () => {
    const a = random('int8', [3, 4], 5);
    const b = random('float32', [4], 3);
    await expectLikeNumpy(np.floatPower(ours(a), ours(b)), 'np.float_power(a, b)', { a, b }, false);
    await expectLikeNumpy(np.floatPower(ours(a), -2), 'np.float_power(a, -2)', { a }, false);
    const z = random('complex64', [4]);
    await expectLikeNumpy(np.floatPower(ours(z), 2), 'np.float_power(z, 2)', { z }, false);
    for (const t of ['int16', 'int64', 'float32', 'float64']) {
      const x = withSpecials(random(t, [6, 3], 20), 2);
      const y = random(t, [3], 6);
      const [q, r] = np.divmod(ours(x), ours(y));
      await expectLikeNumpy(q, 'np.divmod(x, y)[0]', { x, y }, exactFor(t));
      await expectLikeNumpy(r, 'np.divmod(x, y)[1]', { x, y }, exactFor(t));
      const [f, w] = np.modf(ours(x));
      await expectLikeNumpy(f, 'np.modf(x)[0]', { x }, false);
      await expectLikeNumpy(w, 'np.modf(x)[1]', { x }, false);
    }
    const s = { dtype: 'float64', shape: [7], data: new Float64Array([-2, -0.5, 0, -0, Infinity, -Infinity, NaN]) };
    const [frac, whole] = np.modf(ours(s));
    await expectLikeNumpy(np.copysign(1, frac), 'np.copysign(1, np.modf(s)[0])', { s });
    await expectLikeNumpy(whole, 'np.modf(s)[1]', { s });
  });

  it('out= writes into the given arrays, cast same_kind', async () => {
    const a = random('float64', [3, 4]);
    const out = np.zeros([3, 4], 'float32');
    expect(np.fabs(ours(a), { out })).toBe(out);
    await expectLikeNumpy(out, 'np.fabs(a).astype(np.float32)', { a }, false);
    const q = np.zeros([3, 4]);
    const r = np.zeros([3, 4]);
    const [q2, r2] = np.divmod(ours(a), 3, { out: [q, r] });
    expect([q2, r2]).toEqual([q, r]);
    await expectLikeNumpy(r, 'np.remainder(a, 3)', { a }, false);
    const f = np.zeros([3, 4]);
    np.modf(ours(a), { out: [f, np.zeros([3, 4])] });
    await expectLikeNumpy(f, 'np.modf(a)[0]', { a }, false);
    const o = np.zeros([3, 4], 'bool');
    np.isposinf(ours(a), o);
    await expectLikeNumpy(o, 'np.isposinf(a)', { a });
  });
});

describe('aliases and bad input', () => {
  it('the NumPy 2 names are the same functions', () => {
    expect(np.acos).toBe(np.arccos);
    expect(np.acosh).toBe(np.arccosh);
    expect(np.asin).toBe(np.arcsin);
    expect(np.asinh).toBe(np.arcsinh);
    expect(np.atan).toBe(np.arctan);
    expect(np.atan2).toBe(np.arctan2);
    expect(np.atanh).toBe(np.arctanh);
    expect(np.pow).toBe(np.power);
    expect(np.trueDivide).toBe(np.divide);
    expect(np.bitwiseInvert).toBe(np.invert);
    expect(np.bitwiseLeftShift).toBe(np.leftShift);
    expect(np.bitwiseRightShift).toBe(np.rightShift);
    expect(np.concat).toBe(np.concatenate);
  });

  it('refuses complex where NumPy does, unknown options, bad out', () => {
    const z = np.array([{ re: 1, im: 1 }]);
    expect(() => np.fabs(z)).toThrow(DTypeError);
    expect(() => np.fix(z)).toThrow(DTypeError);
    expect(() => np.isposinf(z)).toThrow(/^x: isposinf: This operation is not supported for complex128 values/);
    expect(() => np.logaddexp(z, 1)).toThrow(DTypeError);
    expect(() => np.modf(z)).toThrow(DTypeError);
    expect(() => np.fabs(np.ones([2]), { where: true } as never)).toThrow(UnknownOptionError);
    expect(() => np.divmod(np.ones([2]), 2, { outs: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => np.divmod(np.ones([2]), 2, { out: np.ones([2]) } as never)).toThrow(DTypeError);
    expect(() => np.fabs(np.ones([2]), { out: np.ones([3]) })).toThrow(ShapeError);
    expect(() => np.fabs(np.ones([2]), { out: np.ones([2], 'int32') })).toThrow(DTypeError);
    expect(() => np.logaddexp('a' as never, 1)).toThrow(/^x1: /);
    expect(() => np.iscomplex({} as never)).toThrow(/^x: /);
  });

  it('frees every temporary', () => {
    const a = np.array([[1.5, -2], [Infinity, -0.25]]);
    const left = storesLeftBy(() => {
      const results = [np.fabs(a), np.fix(a), np.isposinf(a), np.isneginf(a), np.iscomplex(a), np.isreal(a), np.logaddexp(a, a), np.logaddexp2(a, 1), np.floatPower(a, 2), ...np.divmod(a, 3), ...np.modf(a)];
      for (const r of results) r.dispose();
    });
    expect(left).toBe(0);
  });
});
