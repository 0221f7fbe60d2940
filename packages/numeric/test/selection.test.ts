// select, choose, piecewise, delete, insert, resize, tri, diagIndices(From), tril/triuIndicesFrom,
// fillDiagonal, ix_, ravelMultiIndex, putAlongAxis, convolve, correlate, realIfClose,
// applyAlongAxis, applyOverAxes, copyto, asanyarray, ascontiguousarray, asarrayChkfinite,
// mayShareMemory and iterable against NumPy: dtypes, broadcasting, views, empty inputs, every
// mode, bad input as typed errors, no leaked stores.
import { describe, expect, it } from 'vitest';

import { DTypeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('selection against NumPy', () => {
  it('select, choose (every mode) and piecewise', async () => {
    const x = random('float64', [4, 5]);
    const a = ours(x);
    await expectLikeNumpy(np.select([np.less(a, -3), np.greater(a, 3)], [np.negative(a), np.multiply(a, 2)]), 'np.select([x < -3, x > 3], [-x, 2 * x])', { x });
    await expectLikeNumpy(np.select([np.less(a, 0)], [1], { default: 0.5 }), 'np.select([x < 0], [1], default=0.5)', { x });
    await expectLikeNumpy(np.select([np.less(a, 0), np.less(a, 5)], [np.ones([5], 'int8'), 7], -1), 'np.select([x < 0, x < 5], [np.ones(5, np.int8), 7], -1)', { x });
    const k = random('int32', [3, 4], 4);
    const c0 = random('int16', [3, 4]);
    const c1 = random('float32', [4]);
    for (const mode of ['wrap', 'clip'] as const) {
      await expectLikeNumpy(np.choose(ours(k), [ours(c0), ours(c1), 5], { mode }), `np.choose(k, [c0, c1, 5], mode='${mode}')`, { k, c0, c1 }, false);
    }
    const small = { dtype: 'int64', shape: [4], data: new BigInt64Array([0n, 1n, 1n, 0n]) };
    await expectLikeNumpy(np.choose(ours(small), [[1, 2, 3, 4], [10, 20, 30, 40]]), 'np.choose(s, [[1, 2, 3, 4], [10, 20, 30, 40]])', { s: small });
    expect(() => np.choose(ours(k), [ours(c0)])).toThrow(/^a: invalid entry in choice array$/);
    await expectLikeNumpy(np.piecewise(a, [np.less(a, 0), np.greaterEqual(a, 0)], [(v) => np.negative(v), (v) => np.multiply(v, 3)]), 'np.piecewise(x, [x < 0, x >= 0], [lambda v: -v, lambda v: 3 * v])', { x });
    await expectLikeNumpy(np.piecewise(a, [np.less(a, -2)], [-1, 1]), 'np.piecewise(x, [x < -2], [-1, 1])', { x });
    const ints = random('int32', [6]);
    await expectLikeNumpy(np.piecewise(ours(ints), [np.greater(ours(ints), 0)], [(v) => np.multiply(v, 1.5)]), 'np.piecewise(i, [i > 0], [lambda v: v * 1.5])', { i: ints });
    expect(() => np.select([np.ones([2])], [1])).toThrow(/^condlist\[0\]: invalid entry 0 in condlist: should be boolean ndarray$/);
    expect(() => np.select([np.less(a, 0)], [1, 2])).toThrow(np.ValueError);
    expect(() => np.piecewise(a, [np.less(a, 0)], [1, 2, 3])).toThrow(np.ValueError);
  });

  it.each(['int16', 'float64', 'complex64'])('delete and insert of %s along axes, flattened, with masks and slices', async (t) => {
    const x = random(t, [4, 5]);
    const e = exactFor(t);
    await expectLikeNumpy(np.delete(ours(x), 3), 'np.delete(x, 3)', { x }, e);
    await expectLikeNumpy(np.delete(ours(x), [0, -1, 2], 1), 'np.delete(x, [0, -1, 2], 1)', { x }, e);
    await expectLikeNumpy(np.delete(ours(x), [true, false, false, true], { axis: 0 }), 'np.delete(x, [True, False, False, True], axis=0)', { x }, e);
    await expectLikeNumpy(np.delete(ours(x), '1::2', 1), 'np.delete(x, np.s_[1::2], 1)', { x }, e);
    await expectLikeNumpy(np.delete(ours(x).T, [1, 1], 0), 'np.delete(x.T, [1, 1], 0)', { x }, e);
    await expectLikeNumpy(np.insert(ours(x), 2, 9), 'np.insert(x, 2, 9)', { x }, e);
    await expectLikeNumpy(np.insert(ours(x), 1, 7, 0), 'np.insert(x, 1, 7, 0)', { x }, e);
    await expectLikeNumpy(np.insert(ours(x), 5, [1, 2, 3, 4], 1), 'np.insert(x, 5, [1, 2, 3, 4], 1)', { x }, e);
    await expectLikeNumpy(np.insert(ours(x), [1, 3, 1], [7, 8, 9]), 'np.insert(x, [1, 3, 1], [7, 8, 9])', { x }, e);
    await expectLikeNumpy(np.insert(ours(x), [0, -1], 6, 1), 'np.insert(x, [0, -1], 6, 1)', { x }, e);
    await expectLikeNumpy(np.insert(ours(x), [2], [[1], [2], [3], [4]], 1), 'np.insert(x, [2], [[1], [2], [3], [4]], 1)', { x }, e);
    expect(() => np.delete(ours(x), 7, 1)).toThrow(np.IndexError);
    expect(() => np.insert(ours(x), 9, 1, 1)).toThrow(np.IndexError);
    expect(() => np.delete(ours(x), 0, 2)).toThrow(np.AxisError);
  });

  it('resize, tri, diagIndices, diagIndicesFrom, tril/triuIndicesFrom, fillDiagonal', async () => {
    const x = random('int32', [2, 3]);
    await expectLikeNumpy(np.resize(ours(x), [3, 4]), 'np.resize(x, (3, 4))', { x });
    await expectLikeNumpy(np.resize(ours(x), 4), 'np.resize(x, 4)', { x });
    await expectLikeNumpy(np.resize(np.zeros([0]), [2, 2]), 'np.resize(np.zeros(0), (2, 2))', {});
    await expectLikeNumpy(np.tri(3), 'np.tri(3)', {});
    await expectLikeNumpy(np.tri(3, 5, 2, 'int32'), 'np.tri(3, 5, 2, np.int32)', {});
    await expectLikeNumpy(np.tri(4, { k: -1 }), 'np.tri(4, k=-1)', {});
    const d = np.diagIndices(4, 3);
    expect(d.length).toBe(3);
    await expectLikeNumpy(d[2]!, 'np.diag_indices(4, 3)[2]', {});
    const cube = random('float64', [3, 3, 3]);
    await expectLikeNumpy(np.diagIndicesFrom(ours(cube))[1]!, 'np.diag_indices_from(c)[1]', { c: cube });
    const m = random('float32', [4, 6]);
    for (const [f, g] of [['trilIndicesFrom', 'tril_indices_from'], ['triuIndicesFrom', 'triu_indices_from']] as const) {
      const [r, c] = np[f](ours(m), 1);
      await expectLikeNumpy(r, `np.${g}(m, 1)[0]`, { m });
      await expectLikeNumpy(c, `np.${g}(m, 1)[1]`, { m });
    }
    for (const [shape, wrap] of [[[5, 3], false], [[7, 3], true], [[3, 5], false]] as [number[], boolean][]) {
      const z = np.zeros(shape);
      np.fillDiagonal(z, [1, 2], wrap);
      await expectLikeNumpy(z, `(lambda z: (np.fill_diagonal(z, [1, 2], wrap=${wrap ? 'True' : 'False'}), z)[1])(np.zeros(${JSON.stringify(shape)}))`, {});
    }
    const c3 = np.zeros([3, 3, 3], 'int8');
    np.fillDiagonal(c3, 4);
    await expectLikeNumpy(c3, '(lambda z: (np.fill_diagonal(z, 4), z)[1])(np.zeros((3, 3, 3), np.int8))', {});
    expect(() => np.fillDiagonal(np.zeros([3]), 1)).toThrow(np.ValueError);
    expect(() => np.diagIndicesFrom(np.zeros([2, 3]))).toThrow(/^arr: All dimensions of input must be of equal length$/);
    expect(() => np.trilIndicesFrom(np.zeros([2, 2, 2]))).toThrow(np.ValueError);
  });

  it('ix_, ravelMultiIndex (modes, order), putAlongAxis', async () => {
    const x = random('float64', [4, 5]);
    const [r, c] = np.ix_([0, 3], [true, false, true, false, true]);
    await expectLikeNumpy(r!, 'np.ix_([0, 3], [True, False, True, False, True])[0]', {});
    await expectLikeNumpy(c!, 'np.ix_([0, 3], [True, False, True, False, True])[1]', {});
    await expectLikeNumpy(np.take(np.take(ours(x), r!.reshape(2), 0), c!.reshape(3), 1), 'x[np.ix_([0, 3], [True, False, True, False, True])]', { x });
    const i = { dtype: 'int64', shape: [4], data: new BigInt64Array([0n, 3n, -1n, 5n]) };
    const j = { dtype: 'int64', shape: [4], data: new BigInt64Array([2n, 4n, 7n, 0n]) };
    await expectLikeNumpy(np.ravelMultiIndex([ours(i), ours(j)], [4, 5], { mode: 'wrap' }), "np.ravel_multi_index((i, j), (4, 5), mode='wrap')", { i, j });
    await expectLikeNumpy(np.ravelMultiIndex([ours(i), ours(j)], [4, 5], { mode: ['clip', 'wrap'], order: 'F' }), "np.ravel_multi_index((i, j), (4, 5), mode=('clip', 'wrap'), order='F')", { i, j });
    await expectLikeNumpy(np.ravelMultiIndex([[1, 2], [3, 0]], [3, 4]), 'np.ravel_multi_index([[1, 2], [3, 0]], (3, 4))', {});
    expect(() => np.ravelMultiIndex([ours(i), ours(j)], [4, 5])).toThrow(/^multi_index: invalid entry in coordinates array$/);
    const idx = { dtype: 'int64', shape: [4, 2], data: new BigInt64Array([0n, 4n, 1n, -1n, 2n, 2n, 3n, 0n]) };
    const target = ours(x);
    np.putAlongAxis(target, ours(idx), 9, 1);
    await expectLikeNumpy(target, '(lambda t: (np.put_along_axis(t, idx, 9, 1), t)[1])(x.copy())', { x, idx });
    const target2 = ours(x);
    const v = random('float64', [1, 5]);
    const idx0 = { dtype: 'int64', shape: [1, 5], data: new BigInt64Array([3n, 0n, 1n, 2n, 3n]) };
    np.putAlongAxis(target2, ours(idx0), ours(v), 0);
    await expectLikeNumpy(target2, '(lambda t: (np.put_along_axis(t, i0, v, 0), t)[1])(x.copy())', { x, i0: idx0, v });
    const flat = ours(x);
    np.putAlongAxis(flat, np.array([1, 7]), [5, 6], null);
    await expectLikeNumpy(flat, '(lambda t: (np.put_along_axis(t, np.array([1, 7]), [5, 6], None), t)[1])(x.copy())', { x });
    expect(() => np.putAlongAxis(ours(x), np.array([[9]]), 1, 1)).toThrow(np.IndexError);
  });

  it.each(['int32', 'float64', 'complex128'])('convolve and correlate of %s in every mode', async (t) => {
    const e = exactFor(t);
    for (const [n, m] of [[7, 3], [3, 7], [5, 4], [1, 1], [6, 6]]) {
      const a = random(t, [n!]);
      const v = random(t, [m!]);
      for (const mode of ['full', 'same', 'valid'] as const) {
        await expectLikeNumpy(np.convolve(ours(a), ours(v), mode), `np.convolve(a, v, '${mode}')`, { a, v }, e);
        await expectLikeNumpy(np.correlate(ours(a), ours(v), { mode }), `np.correlate(a, v, mode='${mode}')`, { a, v }, e);
      }
    }
    expect(() => np.convolve(np.zeros([0]), [1])).toThrow(/^a: convolve: a cannot be empty$/);
    expect(() => np.convolve([1], [1], 'middle' as never)).toThrow(np.ValueError);
  });

  it('realIfClose, applyAlongAxis, applyOverAxes, copyto, asanyarray, ascontiguousarray, asarrayChkfinite, mayShareMemory, iterable', async () => {
    const z = { dtype: 'complex128', shape: [3], data: new Float64Array([1, 1e-15, 2, 0, 3, -1e-16]) };
    await expectLikeNumpy(np.realIfClose(ours(z)), 'np.real_if_close(z)', { z });
    await expectLikeNumpy(np.realIfClose(ours(z), { tol: 1e-20 }), 'np.real_if_close(z, tol=1e-20)', { z });
    const x = random('float64', [3, 4, 2]);
    await expectLikeNumpy(np.applyAlongAxis((s) => np.sum(s), 1, ours(x)), 'np.apply_along_axis(np.sum, 1, x)', { x });
    await expectLikeNumpy(np.applyAlongAxis((s) => np.cumsum(s), 0, ours(x)), 'np.apply_along_axis(np.cumsum, 0, x)', { x });
    await expectLikeNumpy(np.applyAlongAxis((s) => np.outer(s, s), 2, ours(x)), 'np.apply_along_axis(lambda s: np.outer(s, s), 2, x)', { x });
    await expectLikeNumpy(np.applyOverAxes((a, axis) => np.sum(a, axis), ours(x), [0, 2]), 'np.apply_over_axes(np.sum, x, [0, 2])', { x });
    const dst = np.zeros([3, 4], 'float32');
    const src = random('float64', [4]);
    np.copyto(dst, ours(src), { casting: 'same_kind', where: np.array([[true], [false], [true]]) });
    await expectLikeNumpy(dst, '(lambda d: (np.copyto(d, s, where=np.array([[True], [False], [True]])), d)[1])(np.zeros((3, 4), np.float32))', { s: src }, false);
    expect(() => np.copyto(np.zeros([2], 'int32'), np.ones([2]), { casting: 'safe' })).toThrow(DTypeError);
    expect(() => np.copyto(np.zeros([2]), np.ones([2]), { order: 'C' } as never)).toThrow(UnknownOptionError);
    const a = ours(x);
    expect(np.asanyarray(a)).toBe(a);
    expect(np.ascontiguousarray(3).shape).toEqual([1]);
    expect(np.asarrayChkfinite([1, 2]).dtype.name).toBe('int64');
    expect(() => np.asarrayChkfinite([1, NaN])).toThrow(/^a: array must not contain infs or NaNs$/);
    const base = np.zeros([4, 6]);
    const checks = [
      np.mayShareMemory(base.slice(0), base.slice(1)),
      np.mayShareMemory(base.slice(':, 0'), base.slice(':, 1')),
      np.mayShareMemory(base.slice('::2'), base.slice('1::2')),
      np.mayShareMemory(base, np.zeros([4, 6])),
      np.mayShareMemory(base.slice('1:2, 2:3'), base.T),
    ];
    const want = await py!.run<boolean[]>('b = np.zeros((4, 6))\nout = [np.may_share_memory(b[0], b[1]), np.may_share_memory(b[:, 0], b[:, 1]), np.may_share_memory(b[::2], b[1::2]), np.may_share_memory(b, np.zeros((4, 6))), np.may_share_memory(b[1:2, 2:3], b.T)]', {});
    expect(checks).toEqual(want);
    expect([np.iterable(np.ones([2])), np.iterable(np.array(3 as never)), np.iterable([1]), np.iterable('ab'), np.iterable(3)]).toEqual([true, false, true, true, false]);
  });

  it('frees every temporary', () => {
    const a = np.array([[1.5, -2, 3], [4, -5, 6]]);
    const negative = np.less(a, 0);
    const which = np.array([0, 1, 0]);
    const choices = [np.zeros([3]), np.ones([3])];
    const rowsIdx = np.array([[0], [1]]);
    const big = np.greater(a, 3);
    const left = storesLeftBy(() => {
      const results = [
        np.select([negative], [a]),
        np.choose(which, choices),
        np.piecewise(a, [negative], [(v: np.ndarray) => np.negative(v), 1]),
        np.delete(a, 1, 0),
        np.insert(a, [1, 2], 0, 1),
        np.resize(a, [4, 4]),
        np.tri(3),
        ...np.diagIndices(2),
        ...np.trilIndicesFrom(a),
        ...np.ix_([0, 1], [2]),
        np.ravelMultiIndex([[0, 1], [1, 2]], [2, 3]),
        np.convolve([1, 2, 3], [1, 1]),
        np.correlate([1, 2, 3], [1, 1], 'full'),
        np.realIfClose(a),
        np.applyAlongAxis((s: np.ndarray) => np.sum(s), 0, a),
        np.applyOverAxes((x: np.ndarray, axis: number) => np.sum(x, axis), a, [0]),
      ];
      np.fillDiagonal(a, 0);
      np.putAlongAxis(a, rowsIdx, 7, 1);
      np.copyto(a, 2, { where: big });
      for (const r of results) if (r !== a) r.dispose();
    });
    expect(left).toBe(0);
  });
});
