// Shape manipulation and the remaining creation functions against NumPy: which reshapes are
// views (writes show through), which copy, and the values either way.
import { describe, expect, it } from 'vitest';

import { ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('shapes against NumPy', () => {
  it('reshape merges dimensions as views wherever NumPy does, and writes show through', async () => {
    const x = random('float64', [4, 6]);
    const view = '(lambda a, v: (v.__setitem__(slice(None), np.arange(v.size).reshape(v.shape) * 10.0), a)[1])';
    // (NumPy's view?, our expression, NumPy's): each writes 0, 10, 20, ... through the reshape.
    const cases: [boolean, (a: np.ndarray) => np.ndarray, string][] = [
      [true, (a) => a.reshape(-1), 'a.reshape(-1)'],
      [true, (a) => a.reshape(8, 3), 'a.reshape(8, 3)'],
      [true, (a) => a.reshape(2, 12), 'a.reshape(2, 12)'],
      [true, (a) => np.ravel(a), 'np.ravel(a)'],
      [true, (a) => a.slice('1:3').reshape(12), 'a[1:3].reshape(12)'],
      [true, (a) => a.reshape(2, 2, 6).reshape(4, 6), 'a.reshape(2, 2, 6).reshape(4, 6)'],
      [true, (a) => a.reshape(2, 2, 6).slice('1').reshape(-1), 'a.reshape(2, 2, 6)[1].reshape(-1)'],
      [false, (a) => a.reshape(2, 2, 6).slice(':, 1').reshape(-1), 'a.reshape(2, 2, 6)[:, 1].reshape(-1)'],
      [false, (a) => a.T.reshape(-1), 'a.T.reshape(-1)'],
      [false, (a) => a.slice(':, 1:3').reshape(-1), 'a[:, 1:3].reshape(-1)'],
      [false, (a) => a.slice('::2').reshape(12), 'a[::2].reshape(12)'],
    ];
    for (const [shares, make, expression] of cases) {
      const a = ours(x);
      const v = make(a);
      const want = await py!.eval<boolean>(`np.shares_memory(a, ${expression})`, { a: x } as never);
      expect(want, expression).toBe(shares);
      expect(np.mayShareMemory(a, v), expression).toBe(shares);
      v.assign(np.multiply(np.arange(v.size).reshape(v.shape), 10.0));
      await expectLikeNumpy(a, `(lambda a: ${view}(a, ${expression}))(a.copy())`, { a: x });
    }
    // A ufunc writing through a merged view (out=), which runs as one piece, and reads of one
    // split over every piece, in both memory modes (the suite's harness forces partitioning).
    const a = ours(x);
    np.add(a.reshape(-1), np.arange(24), { out: a.reshape(-1) });
    await expectLikeNumpy(a, '(lambda a: (np.add(a.reshape(-1), np.arange(24), out=a.reshape(-1)), a)[1])(x.copy())', { x });
    await expectLikeNumpy(np.cumsum(a.reshape(-1)), 'np.cumsum(x + np.arange(24).reshape(4, 6))', { x });
    const big = np.arange(3 * 50_000).astype('float64').reshape(3, 50_000);
    expect(Number(np.sum(big.reshape(-1)))).toBe((150_000 * 149_999) / 2);
    big.reshape(-1).set('::7', -1);
    expect(Number(np.sum(np.equal(big, -1)))).toBe(Math.ceil(150_000 / 7));
  });

  it('reshape of contiguous and transposed arrays (views and copies), with NumPy\'s values', async () => {
    const x = random('int32', [4, 6]);
    for (const shape of [[24], [2, 2, 6], [4, 2, 3], [1, 4, 1, 6], [-1, 3], [8, 3], [3, 8], [6, 4], [2, 12], [24, 1]]) {
      await expectLikeNumpy(np.reshape(ours(x), shape), `x.reshape(${JSON.stringify(shape)})`, { x });
      await expectLikeNumpy(ours(x).T.reshape(shape), `x.T.reshape(${JSON.stringify(shape)})`, { x });
    }
    // a split is a view: writes through it show in the original
    const a = ours(x);
    a.reshape(2, 2, 6).set('1, 0, :', -5);
    await expectLikeNumpy(a, '(lambda a: (a.reshape(2, 2, 6).__setitem__((1, 0, slice(None)), -5), a)[1])(x.copy())', { x });
    const e = np.zeros([0, 4]);
    expect(e.reshape(4, 0).shape).toEqual([4, 0]);
  });

  it('ravel, flatten, squeeze, expandDims, swapaxes, moveaxis, transpose and broadcastTo', async () => {
    const x = random('float64', [2, 1, 3, 1]);
    await expectLikeNumpy(np.ravel(ours(x)), 'np.ravel(x)', { x });
    await expectLikeNumpy(ours(x).T.flatten(), 'x.T.flatten()', { x });
    await expectLikeNumpy(np.squeeze(ours(x)), 'np.squeeze(x)', { x });
    await expectLikeNumpy(np.squeeze(ours(x), 3), 'np.squeeze(x, 3)', { x });
    await expectLikeNumpy(np.expandDims(ours(x), [0, -1]), 'np.expand_dims(x, (0, -1))', { x });
    await expectLikeNumpy(np.swapaxes(ours(x), 0, 2), 'np.swapaxes(x, 0, 2)', { x });
    await expectLikeNumpy(np.moveaxis(ours(x), 0, -1), 'np.moveaxis(x, 0, -1)', { x });
    await expectLikeNumpy(np.transpose(ours(x), [2, 0, 3, 1]), 'np.transpose(x, (2, 0, 3, 1))', { x });
    await expectLikeNumpy(np.broadcastTo(ours(x), [5, 2, 4, 3, 2]), 'np.broadcast_to(x, (5, 2, 4, 3, 2))', { x });
    expect(() => np.broadcastTo(ours(x), [3, 3]).toArray()).toThrow(ShapeError);
    expect(() => np.broadcastTo(np.zeros([3]), [2, 3]).assign(1)).toThrow(/read-only/);
  });

  it('reshape takes any negative extent as the unknown one, as NumPy 2.4 (fuzz finding 21)', async () => {
    const a = random('int32', [6]);
    await expectLikeNumpy(np.reshape(ours(a), [-2, 3]), 'np.reshape(a, (-2, 3))', { a });
    await expectLikeNumpy(ours(a).reshape(2, -7), 'a.reshape(2, -7)', { a });
    expect(() => np.reshape(ours(a), [-2, -1])).toThrow(/^shape: can only specify one unknown dimension$/);
    expect(() => np.reshape(ours(a), [-3, 4])).toThrow(/^shape: cannot reshape array of size 6 into shape \(newaxis, 4\)$/);
  });

  it('a broadcastTo view is read-only even when it repeats nothing (fuzz finding 19)', async () => {
    for (const [base, shape] of [[np.zeros([1]), [1]], [np.zeros([]), []], [np.zeros([2]), [0, 2]], [np.zeros([3]), [2, 3]]] as const) {
      const view = np.broadcastTo(base, shape);
      for (const write of [() => np.add(view, 1, { out: view }), () => view.assign(5), () => np.put(view, [0], 5), () => view.store.write(new Float64Array(view.size))]) {
        expect(write).toThrow(/read-only/);
      }
      expect(np.add(view, 1).shape).toEqual(shape); // reading works
      expect(Array.from(base.toArray() as Float64Array)).toEqual(new Array(base.size).fill(0));
    }
    expect(np.broadcastTo(np.zeros([3]), [2, 3]).slice('0').store.readOnly).toBe(true); // views of it too
  });

  it('more than 6 dimensions: a typed ShapeError at creation and view time, empty ones too (fuzz finding 18)', () => {
    const calls = [
      () => np.zeros([1, 1, 1, 1, 1, 1, 0]),
      () => np.empty([1, 1, 2, 2, 5, 4, 5], 'bool'),
      () => np.stack([np.broadcastTo(np.zeros([4, 2]), [1, 2, 3, 0, 4, 2])]),
      () => np.broadcastTo(np.ones([1]), [1, 1, 1, 1, 1, 1, 2]),
      () => np.zeros([1, 1, 1, 1, 1, 1]).reshape(1, 1, 1, 1, 1, 1, 1),
      () => np.expandDims(np.zeros([1, 1, 1, 1, 1, 1]), 0),
    ];
    for (const call of calls) {
      expect(call).toThrow(ShapeError);
      expect(call).toThrow(/^shape: at most 6 dimensions are supported, got 7$/);
    }
    expect(np.zeros([1, 1, 1, 1, 1, 0]).toArray()).toHaveLength(0); // 6 is fine
  });

  it('linspace, eye, identity, diag and copy', async () => {
    await expectLikeNumpy(np.linspace(-1.5, 7.25, 13), 'np.linspace(-1.5, 7.25, 13)', {});
    await expectLikeNumpy(np.linspace(0, 1, 10, { endpoint: false }), 'np.linspace(0, 1, 10, endpoint=False)', {});
    await expectLikeNumpy(np.linspace(-3, 7, 9, { dtype: 'int32' }), 'np.linspace(-3, 7, 9, dtype=np.int32)', {});
    await expectLikeNumpy(np.linspace(2, 3, 1), 'np.linspace(2, 3, 1)', {});
    for (const [n, m, k] of [[4, 4, 0], [3, 5, 1], [5, 3, -2], [4, 6, 7]] as const) {
      await expectLikeNumpy(np.eye(n, m, k, 'int32'), `np.eye(${n}, ${m}, ${k}, dtype=np.int32)`, {});
    }
    await expectLikeNumpy(np.identity(5), 'np.identity(5)', {});
    const v = random('float32', [5]);
    const m = random('int64', [4, 6]);
    for (const k of [0, 2, -1]) {
      await expectLikeNumpy(np.diag(ours(v), k), `np.diag(v, ${k})`, { v });
      await expectLikeNumpy(np.diag(ours(m), k), `np.diag(m, ${k})`, { m });
      await expectLikeNumpy(np.diag(ours(m).T, k), `np.diag(m.T, ${k})`, { m });
    }
    const c = np.copy(ours(m));
    c.set('0, 0', 12345);
    await expectLikeNumpy(ours(m), 'm', { m });
  });

  it('indexes by arguments as by NumPy\'s syntax, reads single elements, iterates and serialises', async () => {
    const x = random('float64', [4, 5, 6]);
    const a = ours(x);
    await expectLikeNumpy(a.slice(1, { start: 1, step: 2 }, null, '...'), 'x[1, 1::2, None, ...]', { x });
    await expectLikeNumpy(a.slice(':', -1), 'x[:, -1]', { x });
    await expectLikeNumpy(a.slice('..., ::-2'), 'x[..., ::-2]', { x });
    expect(a.get(3, 4, 5)).toBe((x.data as Float64Array)[4 * 5 * 6 - 1]);
    const rows = [...a];
    expect(rows).toHaveLength(4);
    expect((rows[2] as np.ndarray).shape).toEqual([5, 6]);
    expect([...np.array([1.5, 2.5])]).toEqual([1.5, 2.5]);
    expect(() => [...np.array(1)]).toThrow(TypeError);
    expect(JSON.stringify(np.array([[1, 2], [3, 2 ** 60]], 'int64'))).toBe(`[[1,2],[3,"${2n ** 60n}"]]`);
    expect(() => a.slice(1.5)).toThrow(np.IndexError);
    expect(() => a.get(1, 2)).toThrow(/^indices: expected 3 indices/);
  });
});

describe('shape bad input', () => {
  it.each([
    ['a reshape to the wrong size', () => np.reshape(np.zeros([2, 3]), [4, 2]), ShapeError, /^shape: cannot reshape array of size 6 into shape \(4,2\)/],
    ['two unknown extents', () => np.zeros([6]).reshape(-1, -1), ShapeError, /^shape: can only specify one unknown dimension$/],
    ['squeezing a long axis', () => np.squeeze(np.zeros([2, 1]), 0), ShapeError, /^axis: cannot select an axis to squeeze out which has size not equal to one/],
    ['a swapaxes axis out of range', () => np.swapaxes(np.zeros([2, 1]), 0, 2), np.AxisError, /^axis2: axis 2 is out of bounds for array of dimension 2$/],
    ['a diag of a 3-d array', () => np.diag(np.zeros([2, 2, 2])), ShapeError, /^v: Input must be 1- or 2-d/],
    ['linspace with a negative count', () => np.linspace(0, 1, -1), ShapeError, /^num: Number of samples, -1, must be non-negative\.$/],
  ])('rejects %s with a typed error naming the argument', (_, make, type, message) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });
});
