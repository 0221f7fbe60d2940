// Advanced indexing inside slice() and set(): integer arrays and lists, boolean masks, mixed with
// integers, slices, '...' and new axes, against NumPy's a[index] and a[index] = v (where the
// broadcast index dimensions go, adjacent or not; negative indices; repeated indices; views as
// the indexed array); out-of-range and non-integer indices as IndexError; no leaked stores.
import { describe, expect, it } from 'vitest';

import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { exactFor, numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const ints = (values: number[], shape = [values.length]): NdValue => ({ dtype: 'int64', shape, data: BigInt64Array.from(values, (v) => BigInt(v)) });

describe.skipIf(!python.ok)('advanced indexing against NumPy', () => {
  it.each(['int16', 'float64', 'complex64', 'bool'])('reads of a %s array: arrays, lists, masks, mixed with basic items', async (t) => {
    const x = random(t, [4, 5, 6]);
    const i = ints([3, 0, -1]);
    const j = ints([1, 4, 2, -5], [2, 2]);
    const k = ints([1, 3, 2, -4], [2, 2]);
    const e = exactFor(t);
    const a = () => ours(x);
    const cases: [np.ndarray, string][] = [
      [a().slice(np.asarray([3, 0, -1])), 'x[i]'],
      [a().slice(':', ours(j)), 'x[:, j]'],
      [a().slice(ours(i), ':', ours(ints([0, 5, 2]))), 'x[i, :, [0, 5, 2]]'],
      [a().slice(ours(i), ours(ints([0, 4, 2]))), 'x[i, [0, 4, 2]]'],
      [a().slice('1:3', ours(j)), 'x[1:3, j]'],
      [a().slice(2, ':', ours(j)), 'x[2, :, j]'],
      [a().slice(ours(k), 1), 'x[k, 1]'],
      [a().slice('...', [0, 3]), 'x[..., [0, 3]]'],
      [a().slice(null, ours(i), '::-2'), 'x[None, i, ::-2]'],
      [a().slice(ours(ints([1, 1, 1]))), 'x[[1, 1, 1]]'],
      [a().slice(ours(ints([], [0]))), 'x[np.array([], np.int64)]'],
      [a().T.slice(ours(i)), 'x.T[i]'],
      [a().slice('::2').slice(':', ours(ints([4]))), 'x[::2][:, [4]]'],
    ];
    for (const [got, expression] of cases) await expectLikeNumpy(got, expression, { x, i, j, k }, e);
    // masks: over all dimensions, the first ones, or one axis among slices
    const m = random('bool', [4, 5, 6]);
    const m2 = random('bool', [4, 5]);
    const m1 = random('bool', [6]);
    await expectLikeNumpy(a().slice(ours(m)), 'x[m]', { x, m }, e);
    await expectLikeNumpy(a().slice(ours(m2)), 'x[m2]', { x, m2 }, e);
    await expectLikeNumpy(a().slice(':', ':', ours(m1)), 'x[:, :, m1]', { x, m1 }, e);
    await expectLikeNumpy(a().slice(1, ours(m2).slice(0), '2:'), 'x[1, m2[0], 2:]', { x, m2 }, e);
    await expectLikeNumpy(a().slice([[true, false, true, false]]), 'x[[True, False, True, False]]', { x }, e);
  });

  it.each(['int32', 'float32', 'complex128'])('writes into a %s array: scalars and broadcast values, masks, repeated indices, views', async (t) => {
    const x = random(t, [4, 5]);
    const v = random(t, [3]);
    const e = exactFor(t);
    const run = async (write: (a: np.ndarray) => void, code: string, inputs: Record<string, NdValue> = {}) => {
      const a = ours(x);
      write(a);
      await expectLikeNumpy(a, `(lambda a: (${code}, a)[1])(x.copy())`, { x, v, ...inputs }, e);
    };
    const i = ints([2, 0, -1]);
    await run((a) => a.set([ours(i)], 7), '(a.__setitem__(i, 7))', { i });
    await run((a) => a.set([':', ours(ints([1, 3, 4]))], ours(v).reshape(3, 1).slice(':', 0).reshape(1, 3)), '(a.__setitem__((slice(None), [1, 3, 4]), v.reshape(1, 3)))');
    await run((a) => a.set([ours(i), '1:4'], ours(v)), '(a.__setitem__((i, slice(1, 4)), v))', { i });
    await run((a) => a.set([ours(ints([0, 1, 0])), ours(ints([2, 2, 2]))], ours(v)), '(a.__setitem__(([0, 1, 0], [2, 2, 2]), v))');
    const m = random('bool', [4, 5]);
    await run((a) => a.set(np.greater(np.abs(a), 5), 0), '(a.__setitem__(np.abs(a) > 5, 0))');
    await run((a) => a.set([ours(m)], 3), '(a.__setitem__(m, 3))', { m });
    // through a view: the write reaches the base
    const a = ours(x);
    a.slice('1:').set([ours(ints([0, 2]))], 9);
    await expectLikeNumpy(a, '(lambda a: (a[1:].__setitem__([0, 2], 9), a)[1])(x.copy())', { x }, e);
  });

  it('refuses bad indices with IndexError and leaves the array as it was', () => {
    const a = np.arange(12).reshape(3, 4);
    expect(() => a.slice(np.asarray([0, 3]))).toThrow(/^index: index 3 is out of bounds for axis 0 with size 3$/);
    expect(() => a.slice(':', [-5])).toThrow(np.IndexError);
    expect(() => a.slice(np.asarray([0.5]))).toThrow(/arrays used as indices must be of integer \(or boolean\) type/);
    expect(() => a.slice(np.ones([3, 4, 2], 'bool'))).toThrow(/too many indices/);
    expect(() => a.slice(np.asarray([0]), np.asarray([0, 1, 2]) as never, np.asarray([[0], [1]]))).toThrow(np.IndexError);
    expect(() => a.set([np.asarray([7])], 1)).toThrow(np.IndexError);
    expect(Array.from(a.toArray() as BigInt64Array, Number)).toEqual([...Array(12).keys()]);
    expect(() => np.broadcastTo(np.ones([3]), [2, 3]).set([[0]], 1)).toThrow(/read-only/);
  });

  it('frees every temporary', () => {
    const a = np.arange(24).reshape(2, 3, 4);
    const idx = np.asarray([1, 0]);
    const mask = np.greater(a, 10);
    const left = storesLeftBy(() => {
      const results = [a.slice(idx), a.slice(':', idx, '1:'), a.slice(mask), a.slice([[1, 1]])];
      a.set([idx, 0], 5);
      a.set(mask, 0);
      for (const r of results) r.dispose();
    });
    expect(left).toBe(0);
  });
});
