// diff, ediff1d, ptp, average, cross, trapezoid, interp, nanToNum, deg2rad, rad2deg and heaviside
// against NumPy: several dtypes, axes, views, NaN and infinities, empty arrays, NumPy's
// refusals as typed errors, and no leaked stores.
import { describe, expect, it } from 'vitest';

import { ArgumentError, DTypeError, ShapeError, UnknownOptionError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { exactFor, liveStorages as live, numpyExpectation, ours, randint, random, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** Sorted, distinct float64 values (sample points). */
function increasing(n: number, scale = 10): NdValue {
  const set = new Set<number>();
  while (set.size < n) set.add(Math.round((Math.random() * 2 - 1) * scale * 1000) / 1000);
  return { dtype: 'float64', shape: [n], data: Float64Array.from([...set].sort((a, b) => a - b)) };
}

describe.skipIf(!python.ok)('diff and ediff1d against NumPy', () => {
  it.each(['bool', 'int8', 'uint8', 'int32', 'int64', 'float32', 'float64', 'complex128'])('diff of %s: n, axis, views', async (t) => {
    const a = withSpecials(random(t, [4, 5, 3]), 2);
    for (const axis of [0, 1, -1]) {
      for (const n of [1, 2, 3]) await expectLikeNumpy(np.diff(ours(a), n, axis), `np.diff(a, ${n}, ${axis})`, { a }, exactFor(t));
    }
    await expectLikeNumpy(np.diff(ours(a)), 'np.diff(a)', { a }, exactFor(t));
    await expectLikeNumpy(np.diff(ours(a), { axis: 1, n: 2 }), 'np.diff(a, axis=1, n=2)', { a }, exactFor(t));
    await expectLikeNumpy(np.diff(ours(a).T.slice('::-1'), 1, 0), 'np.diff(a.T[::-1], 1, 0)', { a }, exactFor(t));
    await expectLikeNumpy(np.diff(ours(a), 6, 1), 'np.diff(a, 6, 1)', { a }, exactFor(t)); // more than the axis holds: empty
  });

  it('diff with prepend and append (scalars broadcast, arrays joined, promoted as concatenate)', async () => {
    const a = random('int8', [3, 4]);
    await expectLikeNumpy(np.diff(ours(a), { prepend: 0 }), 'np.diff(a, prepend=0)', { a });
    await expectLikeNumpy(np.diff(ours(a), 1, 0, 5, -5), 'np.diff(a, 1, 0, 5, -5)', { a });
    await expectLikeNumpy(np.diff(ours(a), { append: 0.5, axis: 0 }), 'np.diff(a, append=0.5, axis=0)', { a }, false);
    const p = random('float32', [3, 2]);
    await expectLikeNumpy(np.diff(ours(a), { prepend: ours(p), n: 2 }), 'np.diff(a, prepend=p, n=2)', { a, p }, false);
    await expectLikeNumpy(np.diff([1, 4, 9, 16]), 'np.diff([1, 4, 9, 16])', {});
    await expectLikeNumpy(np.diff(np.zeros([0])), 'np.diff(np.zeros(0))', {});
    await expectLikeNumpy(np.diff(np.zeros([0, 3]), 1, 0), 'np.diff(np.zeros((0, 3)), 1, 0)', {});
    const x = ours(a);
    expect(np.diff(x, 0)).toBe(x); // NumPy returns the input itself
  });

  it('diff refuses bad input', () => {
    const a = np.ones([3]);
    expect(() => np.diff(a, -1)).toThrow(/^n: diff: order must be non-negative but got -1$/);
    expect(() => np.diff(a, 1.5)).toThrow(DTypeError);
    expect(() => np.diff(np.asarray(3))).toThrow(/^a: diff: diff requires input that is at least one dimensional$/);
    expect(() => np.diff(a, 1, 1)).toThrow(np.AxisError);
    expect(() => np.diff(a, { order: 2 } as never)).toThrow(UnknownOptionError);
    expect(() => np.diff(a, 1, 0, np.ones([2, 2]))).toThrow(np.ValueError);
    expect(() => np.diff('abc' as never)).toThrow(/^a: /);
  });

  it.each(['int16', 'int64', 'float32', 'float64', 'complex64'])('ediff1d of %s with toBegin and toEnd', async (t) => {
    const a = random(t, [3, 4]);
    await expectLikeNumpy(np.ediff1d(ours(a)), 'np.ediff1d(a)', { a }, exactFor(t));
    await expectLikeNumpy(np.ediff1d(ours(a), 7), 'np.ediff1d(a, 7)', { a }, exactFor(t));
    await expectLikeNumpy(np.ediff1d(ours(a), [1, 2], 3), 'np.ediff1d(a, [1, 2], 3)', { a }, exactFor(t));
    await expectLikeNumpy(np.ediff1d(ours(a), { toBegin: [[4, 5]] }), 'np.ediff1d(a, to_begin=[[4, 5]])', { a }, exactFor(t));
    await expectLikeNumpy(np.ediff1d(ours(a).T), 'np.ediff1d(a.T)', { a }, exactFor(t));
  });

  it('ediff1d of one or no elements; refusals', async () => {
    await expectLikeNumpy(np.ediff1d(np.array([5])), 'np.ediff1d(np.array([5]))', {});
    await expectLikeNumpy(np.ediff1d(np.zeros([0]), 1, 2), 'np.ediff1d(np.zeros(0), 1, 2)', {});
    expect(() => np.ediff1d(np.array([1, 2]), 0.5)).toThrow(/^toEnd: ediff1d: dtype of `toEnd` must be compatible with input `ary` under the `same_kind` rule\.$/);
    // As NumPy's: a Python int (int64) does not cast 'same_kind' into uint8.
    expect(() => np.ediff1d(np.array([1, 2]).astype('uint8'), 7)).toThrow(/^toEnd: /);
    const u = random('uint8', [5]);
    await expectLikeNumpy(np.ediff1d(ours(u), np.array([7]).astype('uint8'), np.array([1]).astype('uint16')), 'np.ediff1d(u, np.uint8([7]), np.uint16([1]))', { u });
    expect(() => np.ediff1d(np.array([true, false]))).toThrow(/^ary: ediff1d: numpy boolean subtract/);
    expect(() => np.ediff1d(np.array([1, 2]), { to_end: 1 } as never)).toThrow(UnknownOptionError);
  });
});

describe.skipIf(!python.ok)('ptp and average against NumPy', () => {
  it.each(['int8', 'uint16', 'int64', 'float32', 'float64', 'complex128'])('ptp of %s over axes, keepdims', async (t) => {
    const a = random(t, [3, 4, 5]);
    for (const axis of [null, 0, 1, -1, [0, 2]] as const) {
      const code = axis === null ? 'None' : Array.isArray(axis) ? '(0, 2)' : String(axis);
      await expectLikeNumpy(np.ptp(ours(a), axis as never), `np.ptp(a, ${code})`, { a }, exactFor(t));
      await expectLikeNumpy(np.ptp(ours(a), { axis: axis as never, keepdims: true }), `np.ptp(a, ${code}, keepdims=True)`, { a }, exactFor(t));
    }
    const s = withSpecials(a, 1);
    await expectLikeNumpy(np.ptp(ours(s)), 'np.ptp(s)', { s }, false);
  });

  it('ptp refuses bool, empty reductions and unknown options', () => {
    expect(() => np.ptp(np.array([true, false]))).toThrow(/^a: ptp: numpy boolean subtract/);
    expect(() => np.ptp(np.zeros([0, 3]), 0)).toThrow(ShapeError);
    expect(() => np.ptp(np.zeros([2]), { axes: 0 } as never)).toThrow(UnknownOptionError);
    expect(() => np.ptp(np.zeros([2]), { keepdims: 1 } as never)).toThrow(/^keepdims: /);
  });

  it.each(['int32', 'bool', 'float32', 'float64', 'complex128'])('average of %s: no weights, weights of a\'s shape, weights along axes', async (t) => {
    const a = random(t, [3, 4, 2]);
    for (const axis of [null, 0, 1, [0, 2]] as const) {
      const code = axis === null ? 'None' : Array.isArray(axis) ? '(0, 2)' : String(axis);
      await expectLikeNumpy(np.average(ours(a), axis as np.Axis), `np.average(a, ${code})`, { a }, false);
      await expectLikeNumpy(np.average(ours(a), { axis: axis as np.Axis, keepdims: true }), `np.average(a, ${code}, keepdims=True)`, { a }, false);
    }
    const w = { ...random('float64', [3, 4, 2]), data: Float64Array.from({ length: 24 }, () => Math.random() + 0.1) };
    await expectLikeNumpy(np.average(ours(a), null, ours(w)), 'np.average(a, None, w)', { a, w }, false);
    await expectLikeNumpy(np.average(ours(a), 1, ours(w)), 'np.average(a, 1, w)', { a, w }, false);
    const w1 = { dtype: 'int32', shape: [4], data: Int32Array.from({ length: 4 }, () => randint(1, 5)) };
    await expectLikeNumpy(np.average(ours(a), 1, ours(w1)), 'np.average(a, 1, w1)', { a, w1 }, false);
    const w2 = { dtype: 'float32', shape: [2, 3], data: Float32Array.from({ length: 6 }, () => Math.random() + 0.1) };
    await expectLikeNumpy(np.average(ours(a), [2, 0], ours(w2)), 'np.average(a, (2, 0), w2)', { a, w2 }, false);
    await expectLikeNumpy(np.average(ours(a), { axis: [2, 0], weights: ours(w2), keepdims: true }), 'np.average(a, (2, 0), w2, keepdims=True)', { a, w2 }, false);
    // returned: the sum of weights, broadcast to the average's shape.
    for (const [result, code] of [
      [np.average(ours(a), 1, ours(w1), true), 'np.average(a, 1, w1, True)'],
      [np.average(ours(a), { axis: 0, returned: true }), 'np.average(a, 0, returned=True)'],
      [np.average(ours(a), null, null, true), 'np.average(a, None, None, True)'],
      [np.average(ours(a), null, ours(w), true, { keepdims: true }), 'np.average(a, None, w, True, keepdims=True)'],
    ] as const) {
      await expectLikeNumpy(result.average, `${code}[0]`, { a, w, w1 }, false);
      await expectLikeNumpy(result.sumOfWeights, `${code}[1]`, { a, w, w1 }, false);
    }
  });

  it('average refuses weights that do not fit or sum to zero', () => {
    const a = np.ones([3, 4]);
    expect(() => np.average(a, null, np.ones([4]))).toThrow(/^weights: average: Axis must be specified when shapes of a and weights differ\.$/);
    expect(() => np.average(a, 0, np.ones([4]))).toThrow(np.ValueError);
    expect(() => np.average(a, 1, np.zeros([4]))).toThrow(/^weights: average: Weights sum to zero, can't be normalized$/);
    expect(() => np.average(a, 2)).toThrow(np.AxisError);
    expect(() => np.average(np.zeros([0, 3]), 1)).toThrow(/^a: average: division by zero/); // as NumPy's ZeroDivisionError
    expect(() => np.heaviside(np.ones([2], 'int8'), np.ones([2], 'uint16')).dtype.name).not.toThrow();
    expect(np.heaviside(np.ones([2], 'int8'), np.ones([2], 'uint16')).dtype.name).toBe('float32'); // NumPy's ff->f loop
    expect(() => np.average(a, [1, 1], np.ones([4, 4]))).toThrow(np.ValueError);
    expect(() => np.average(a, { returned: 'yes' } as never)).toThrow(/^returned: /);
    expect(() => np.average(a, { weight: a } as never)).toThrow(UnknownOptionError);
  });
});

describe.skipIf(!python.ok)('cross and trapezoid against NumPy', () => {
  it.each(['int32', 'int64', 'uint8', 'float32', 'float64', 'complex128'])('cross of %s: 3- and 2-vectors, broadcasting, axes', async (t) => {
    const a = random(t, [4, 3], 5);
    const b = random(t, [2, 1, 3], 5);
    const a2 = random(t, [4, 2], 5);
    const b2 = random(t, [4, 2], 5);
    await expectLikeNumpy(np.cross(ours(a), ours(b)), 'np.cross(a, b)', { a, b }, exactFor(t));
    await expectLikeNumpy(np.cross(ours(a2), ours(b)), 'np.cross(a2, b)', { a2, b }, exactFor(t));
    await expectLikeNumpy(np.cross(ours(a), ours(b2)), 'np.cross(a, b2)', { a, b2 }, exactFor(t));
    await expectLikeNumpy(np.cross(ours(a2), ours(b2)), 'np.cross(a2, b2)', { a2, b2 }, exactFor(t));
    await expectLikeNumpy(np.cross(ours(a).T, ours(b), 0, -1, 0), 'np.cross(a.T, b, 0, -1, 0)', { a, b }, exactFor(t));
    await expectLikeNumpy(np.cross(ours(a), ours(b), { axisc: 1 }), 'np.cross(a, b, axisc=1)', { a, b }, exactFor(t));
    const c = random(t, [3, 5], 5);
    await expectLikeNumpy(np.cross(ours(c), ours(c).slice('::-1'), { axis: 0 }), 'np.cross(c, c[::-1], axis=0)', { c }, exactFor(t));
  });

  it('cross of mixed types, empty stacks; refusals', async () => {
    const a = random('int8', [2, 3]);
    const b = random('float32', [3]);
    await expectLikeNumpy(np.cross(ours(a), ours(b)), 'np.cross(a, b)', { a, b }, false);
    await expectLikeNumpy(np.cross(np.zeros([0, 3]), np.ones([3])), 'np.cross(np.zeros((0, 3)), np.ones(3))', {});
    expect(() => np.cross(np.ones([4]), np.ones([3]))).toThrow(/^a: cross: incompatible dimensions for cross product/);
    expect(() => np.cross(np.asarray(1), np.ones([3]))).toThrow(/^a: cross: At least one array has zero dimension$/);
    expect(() => np.cross(np.ones([3], 'bool'), np.ones([3], 'bool'))).toThrow(DTypeError);
    expect(() => np.cross(np.ones([3]), np.ones([3]), 1)).toThrow(np.AxisError);
    expect(() => np.cross(np.ones([3]), np.ones([3]), { axisd: 0 } as never)).toThrow(UnknownOptionError);
  });

  it.each(['int16', 'bool', 'float32', 'float64', 'complex128'])('trapezoid of %s with dx, 1-D and N-d x, axes', async (t) => {
    const y = random(t, [4, 6]);
    await expectLikeNumpy(np.trapezoid(ours(y)), 'np.trapezoid(y)', { y }, false);
    await expectLikeNumpy(np.trapezoid(ours(y), null, 0.5, 0), 'np.trapezoid(y, None, 0.5, 0)', { y }, false);
    await expectLikeNumpy(np.trapezoid(ours(y), { dx: 0.25 }), 'np.trapezoid(y, dx=0.25)', { y }, false);
    const x = increasing(6);
    await expectLikeNumpy(np.trapezoid(ours(y), ours(x)), 'np.trapezoid(y, x)', { y, x }, false);
    const x0 = increasing(4);
    await expectLikeNumpy(np.trapezoid(ours(y), ours(x0), { axis: 0 }), 'np.trapezoid(y, x0, axis=0)', { y, x0 }, false);
    const xs = random('float64', [4, 6]);
    await expectLikeNumpy(np.trapezoid(ours(y), ours(xs), 1, -1), 'np.trapezoid(y, xs, 1, -1)', { y, xs }, false);
    await expectLikeNumpy(np.trapezoid(ours(y).T), 'np.trapezoid(y.T)', { y }, false);
  });

  it('trapezoid of empty and single-sample axes; refusals', async () => {
    await expectLikeNumpy(np.trapezoid(np.zeros([3, 0])), 'np.trapezoid(np.zeros((3, 0)))', {});
    await expectLikeNumpy(np.trapezoid(np.ones([3, 1])), 'np.trapezoid(np.ones((3, 1)))', {});
    await expectLikeNumpy(np.trapezoid([1, 2, 4], [0, 1, 3]), 'np.trapezoid([1, 2, 4], [0, 1, 3])', {});
    expect(() => np.trapezoid(np.ones([3]), null, '1' as never)).toThrow(/^dx: /);
    expect(() => np.trapezoid(np.ones([3]), null, 1, 1)).toThrow(np.AxisError);
    expect(() => np.trapezoid(np.ones([3]), np.ones([4]))).toThrow(ShapeError);
  });
});

describe.skipIf(!python.ok)('interp against NumPy', () => {
  it.each(['float64', 'float32', 'int32'])('x of %s inside and outside the samples, NaN, left and right', async (t) => {
    const xp = increasing(randint(2, 9));
    const fp = random('float64', xp.shape);
    const x = random(t, [3, 5], 12);
    if (t !== 'int32') {
      (x.data as Float64Array)[0] = NaN;
      (x.data as Float64Array)[1] = (xp.data as Float64Array)[0]!;
      (x.data as Float64Array)[2] = (xp.data as Float64Array)[xp.data.length - 1]!;
      (x.data as Float64Array)[3] = (xp.data as Float64Array)[1]!;
      (x.data as Float64Array)[4] = Infinity;
    }
    await expectLikeNumpy(np.interp(ours(x), ours(xp), ours(fp)), 'np.interp(x, xp, fp)', { x, xp, fp }, false);
    await expectLikeNumpy(np.interp(ours(x), ours(xp), ours(fp), -1, 99), 'np.interp(x, xp, fp, -1, 99)', { x, xp, fp }, false);
    await expectLikeNumpy(np.interp(ours(x).T, ours(xp), ours(fp), { right: NaN }), 'np.interp(x.T, xp, fp, right=np.nan)', { x, xp, fp }, false);
    await expectLikeNumpy(np.interp(ours(x), ours(xp), ours(fp), { period: 7 }), 'np.interp(x, xp, fp, period=7)', { x, xp, fp }, false);
    await expectLikeNumpy(np.interp(ours(x), ours(xp), ours(fp), null, null, -5), 'np.interp(x, xp, fp, None, None, -5)', { x, xp, fp }, false);
  });

  it('one sample point, infinite values, integer samples, scalars', async () => {
    const x = { dtype: 'float64', shape: [5], data: Float64Array.of(-1, 0, 1, NaN, 2) };
    await expectLikeNumpy(np.interp(ours(x), [0], [5]), 'np.interp(x, [0], [5])', { x }, false);
    await expectLikeNumpy(np.interp(ours(x), [1], [5], 0, 9), 'np.interp(x, [1], [5], 0, 9)', { x }, false);
    const fpInf = { dtype: 'float64', shape: [4], data: Float64Array.of(1, Infinity, Infinity, 2) };
    const y = { dtype: 'float64', shape: [7], data: Float64Array.of(0, 0.5, 1, 1.5, 2, 2.5, 3) };
    await expectLikeNumpy(np.interp(ours(y), [0, 1, 2, 3], ours(fpInf)), 'np.interp(y, [0, 1, 2, 3], fpInf)', { y, fpInf }, false);
    await expectLikeNumpy(np.interp(ours(y), np.array([0, 1, 2, 3]), np.array([3, 1, 4, 1])), 'np.interp(y, np.array([0, 1, 2, 3]), np.array([3, 1, 4, 1]))', { y }, false);
    await expectLikeNumpy(np.interp(2.5, [1, 2, 3], [3, 2, 0]), 'np.interp(2.5, [1, 2, 3], [3, 2, 0])', {}, false);
    await expectLikeNumpy(np.interp(np.zeros([0]), [1, 2], [3, 4]), 'np.interp(np.zeros(0), [1, 2], [3, 4])', {}, false);
  });

  it('interp refuses bad samples', () => {
    expect(() => np.interp(np.ones([2]), np.zeros([0]), np.zeros([0]))).toThrow(/^xp: interp: array of sample points is empty$/);
    expect(() => np.interp(np.ones([2]), [1, 2, 3], [1, 2])).toThrow(/^fp: interp: fp and xp are not of the same length/);
    expect(() => np.interp(np.ones([2]), np.ones([2, 2]), np.ones([2, 2]))).toThrow(/^xp: interp: Data points must be 1-D sequences$/);
    expect(() => np.interp(np.ones([2]), [1, 2], np.ones([2]).astype('complex128'))).toThrow(DTypeError);
    expect(() => np.interp(np.ones([2]), [1, 2], [1, 2], { period: 0 })).toThrow(/^period: interp: period must be a non-zero value$/);
    expect(() => np.interp(np.ones([2]), [1, 2], [1, 2], 'low' as never)).toThrow(/^left: /);
    expect(() => np.interp(np.ones([2]), [1, 2], [1, 2], { periodic: 1 } as never)).toThrow(UnknownOptionError);
  });
});

describe.skipIf(!python.ok)('nanToNum, deg2rad, rad2deg and heaviside against NumPy', () => {
  it.each(['float32', 'float64', 'complex64', 'complex128'])('nanToNum of %s: defaults, replacement values, in place', async (t) => {
    const x = withSpecials(random(t, [4, 5]), 9);
    await expectLikeNumpy(np.nanToNum(ours(x)), 'np.nan_to_num(x)', { x }, false);
    await expectLikeNumpy(np.nanToNum(ours(x), true, 7, 1e6, -1e6), 'np.nan_to_num(x, True, 7, 1e6, -1e6)', { x }, false);
    await expectLikeNumpy(np.nanToNum(ours(x), { posinf: 1e300, neginf: -3 }), 'np.nan_to_num(x, posinf=1e300, neginf=-3)', { x }, false);
    await expectLikeNumpy(np.nanToNum(ours(x).T.slice('::2')), 'np.nan_to_num(x.T[::2])', { x }, false);
    const target = ours(x);
    expect(np.nanToNum(target, false)).toBe(target);
    await expectLikeNumpy(target, 'np.nan_to_num(x)', { x }, false);
    // A view written in place changes its base.
    const base = ours(x);
    np.nanToNum(base.slice('1:3'), { copy: false, nan: -9 });
    await expectLikeNumpy(base, '(np.nan_to_num(x[1:3], copy=False, nan=-9), x)[1]', { x }, false);
  });

  it('nanToNum keeps signed zeros and other types; refusals', async () => {
    const z = { dtype: 'complex128', shape: [4], data: Float64Array.of(NaN, -0, -0, Infinity, -0, -5, 3, -0) };
    const got = np.nanToNum(ours(z)).toArray() as Float64Array;
    const want = (await py!.eval<NdValue>('np.nan_to_num(z)', { z })).data;
    const bits = (d: ArrayLike<number>) => Array.from(d, (v) => (Object.is(v, -0) ? '-0' : String(v)));
    expect(bits(got)).toEqual(bits(new Float64Array((want as Uint8Array).slice().buffer)));
    await expectLikeNumpy(np.nanToNum(ours(z), { nan: NaN, posinf: Infinity }), 'np.nan_to_num(z, nan=np.nan, posinf=np.inf)', { z }, false);
    const i = random('int16', [5]);
    const a = ours(i);
    const copied = np.nanToNum(a);
    expect(copied).not.toBe(a);
    await expectLikeNumpy(copied, 'np.nan_to_num(i)', { i });
    expect(np.nanToNum(a, false)).toBe(a);
    await expectLikeNumpy(np.nanToNum([NaN, 1, Infinity]), 'np.nan_to_num([np.nan, 1, np.inf])', {}, false);
    expect(() => np.nanToNum(a, { copy: 0 } as never)).toThrow(/^copy: /);
    expect(() => np.nanToNum(a, { nan: 'x' } as never)).toThrow(/^nan: /);
    expect(() => np.nanToNum(a, { Nan: 1 } as never)).toThrow(UnknownOptionError);
    expect(() => np.nanToNum(np.broadcastTo(np.ones([1]), [3]), false)).toThrow(np.ValueError);
  });

  it.each(['bool', 'int8', 'int16', 'int64', 'uint32', 'float32', 'float64'])('deg2rad and rad2deg of %s', async (t) => {
    const x = withSpecials(random(t, [3, 4], 400), 2);
    await expectLikeNumpy(np.deg2rad(ours(x)), 'np.deg2rad(x)', { x }, false);
    await expectLikeNumpy(np.rad2deg(ours(x)), 'np.rad2deg(x)', { x }, false);
    await expectLikeNumpy(np.radians(ours(x).T), 'np.radians(x.T)', { x }, false);
    await expectLikeNumpy(np.degrees(ours(x)), 'np.degrees(x)', { x }, false);
  });

  it('deg2rad of scalars, into out; refusals', async () => {
    await expectLikeNumpy(np.deg2rad(180), 'np.deg2rad(180)', {}, false);
    await expectLikeNumpy(np.rad2deg(true), 'np.rad2deg(True)', {}, false);
    const out = np.zeros([3], 'float32');
    expect(np.deg2rad(np.array([90, 180, 360]).astype('int16'), { out })).toBe(out);
    await expectLikeNumpy(out, 'np.deg2rad(np.array([90, 180, 360], np.int16))', {}, false);
    expect(() => np.deg2rad(np.ones([2], 'complex128'))).toThrow(DTypeError);
    expect(() => np.deg2rad(np.ones([2]), { out: np.zeros([2], 'int64') })).toThrow(/^out: Cannot cast ufunc 'deg2rad' output from dtype\('float64'\) to dtype\('int64'\) with casting rule 'same_kind'$/);
    expect(() => np.rad2deg(np.ones([2]), { out: np.zeros([3]) })).toThrow(/^out: rad2deg: non-broadcastable output operand/);
    expect(() => np.deg2rad(np.ones([2]), { where: true } as never)).toThrow(UnknownOptionError);
    expect(() => (np.rad2deg as unknown as (...a: unknown[]) => unknown)(np.ones([2]), undefined, 1)).toThrow(ArgumentError);
  });

  it.each(['int8', 'int32', 'float32', 'float64', 'bool'])('heaviside of %s with array and scalar x2', async (t) => {
    const x1 = withSpecials(random(t, [3, 4], 2), 3);
    const data = x1.data.slice();
    for (let k = 0; k < 4; k++) (data as unknown as number[])[randint(0, 11)] = (t === 'int64' ? 0n : 0) as never;
    const a = { ...x1, data } as NdValue;
    const x2 = random('float64', [4]);
    await expectLikeNumpy(np.heaviside(ours(a), ours(x2)), 'np.heaviside(a, x2)', { a, x2 }, false);
    await expectLikeNumpy(np.heaviside(ours(a), 0.5), 'np.heaviside(a, 0.5)', { a }, false);
    await expectLikeNumpy(np.heaviside(ours(a), ours(a)), 'np.heaviside(a, a)', { a }, false);
    await expectLikeNumpy(np.heaviside(0, ours(x2)), 'np.heaviside(0, x2)', { x2 }, false);
  });

  it('heaviside into out; refusals', async () => {
    const out = np.zeros([3]);
    expect(np.heaviside(np.array([-1, 0, 2]), 0.5, out)).toBe(out);
    await expectLikeNumpy(out, 'np.heaviside(np.array([-1, 0, 2]), 0.5)', {}, false);
    expect(() => np.heaviside(np.ones([3]), 1, { out: np.zeros([3], 'int32') })).toThrow(/^out: Cannot cast ufunc 'heaviside' output from dtype\('float64'\) to dtype\('int32'\)/);
    expect(() => np.heaviside(np.ones([3]), 1, { out: np.zeros([2]) })).toThrow(ShapeError);
    expect(() => np.heaviside(np.ones([3], 'complex64'), 1)).toThrow(DTypeError);
    expect(() => np.heaviside(np.ones([3]), 'x' as never)).toThrow(/^x2: /);
    expect(() => np.heaviside(np.ones([3]), 1, { outt: 1 } as never)).toThrow(UnknownOptionError);
  });
});

describe('numerical functions free what they make', () => {
  it('leaves no live stores, also when they throw', () => {
    const a = np.array([[1, 2.5, NaN], [4, -5, Infinity]]);
    const v = np.array([1, 2, 3]);
    const w = np.array([1, 2]);
    const xp = np.array([0, 1, 2]);
    const c = np.array([1, NaN, Infinity]).astype('complex128');
    const out = np.zeros([2, 3]);
    const [empty, zeroWeights, four] = [np.zeros([0]), np.zeros([3]), np.ones([4])];
    const calls: (() => unknown)[] = [
      () => np.diff(a),
      () => np.diff(a, 2, 0, 0, v),
      () => np.diff([1, 2, 4]),
      () => np.diff(a, 0),
      () => np.ediff1d(a, [1, 2], 0),
      () => np.ptp(a, 1),
      () => np.average(a, 1, v, true),
      () => np.average(a, 0, w),
      () => np.average(a, { returned: true }),
      () => np.cross(a, v),
      () => np.cross(a.slice(':', ':2'), v),
      () => np.trapezoid(a, v),
      () => np.trapezoid([1, 2], null, 0.5),
      () => np.interp(a, xp, v),
      () => np.interp(a, xp, v, { period: 2 }),
      () => np.interp(a, [1], [2]),
      () => np.nanToNum(a),
      () => np.nanToNum(c),
      () => np.nanToNum([NaN, 1]),
      () => np.deg2rad(v),
      () => np.rad2deg(3),
      () => np.heaviside(a, 0.5),
      () => np.heaviside(a, 0.5, out),
      () => np.average(a, 1, empty),
      () => np.average(a, 1, zeroWeights),
      () => np.interp(a, [1, 2], [1, 2, 3]),
      () => np.cross(v, four),
      () => np.ediff1d(v, 0.5),
    ];
    for (const call of calls) {
      const before = live();
      try {
        const r = call();
        if (r instanceof np.ndarray && r !== a && r !== out) r.dispose();
        else if (r && typeof r === 'object' && !(r instanceof np.ndarray)) Object.values(r).forEach((x) => (x as np.ndarray).dispose());
      } catch {
        // refused: still nothing may be left
      }
      expect(live() - before, String(call)).toBe(0);
    }
  });
});
