// partition / argpartition (functions and ndarray methods), lexsort, sortComplex and the array
// API's uniqueAll / uniqueCounts / uniqueInverse / uniqueValues against NumPy: fresh random
// inputs of several dtypes under forced partitioning, every axis, NaNs, empty and 0-d arrays,
// typed errors naming the argument, no leaked stores.
import { describe, expect, it } from 'vitest';

import { ArgumentError, UnknownOptionError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { argumentOf, numpyExpectation, ours, randint, random, storesLeftBy, useNumpyAndForcedPartitioning, withSpecials } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** Our array as an input NumPy can read. */
function value(a: np.ndarray): NdValue {
  return { dtype: a.dtype.name, shape: [...a.shape], data: a.toArray() as never };
}

/**
 * Whether `p` is a partition of `a` along `axis` around each of `kth` (NumPy's contract): the
 * same values in each line, the kth one where a sort puts it, none less before nor greater after.
 */
const PARTITIONED = `(lambda a, p, kth, ax: all(
  np.array_equal(np.sort(a, axis=ax), np.sort(p, axis=ax), equal_nan=True)
  and np.array_equal(np.take(p, k, axis=ax), np.take(np.sort(a, axis=ax), k, axis=ax), equal_nan=True)
  and bool(np.all(~(np.take(p, np.arange(k), axis=ax) > np.expand_dims(np.take(p, k, axis=ax), ax))))
  and bool(np.all(~(np.take(p, np.arange(k + 1, p.shape[ax]), axis=ax) < np.expand_dims(np.take(p, k, axis=ax), ax))))
  for k in [int(k) % p.shape[ax] for k in np.atleast_1d(kth)]))`;

async function expectPartitioned(a: NdValue, p: np.ndarray, kth: number | number[], axis: number | null): Promise<void> {
  const [x, ax] = axis === null ? ['a.ravel()', 0] : ['a', axis];
  const ok = await py!.eval<NdValue>(`np.asarray(${PARTITIONED}(${x}, p, np.array(kth), ${ax}))`, { a, p: value(p), kth: { dtype: 'int64', shape: [Array.isArray(kth) ? kth.length : 1], data: BigInt64Array.from([kth].flat(), BigInt) } } as never);
  expect(Array.from(ok.data as Uint8Array), `partition around ${kth} along ${axis}`).toEqual([1]);
}

describe.skipIf(!python.ok)('partition, lexsort, sortComplex and the unique functions against NumPy', () => {
  it.each(['float64', 'float32', 'int64', 'int16', 'uint8', 'bool'])('partition and argpartition of %s along each axis', async (t) => {
    const a = random(t, [9, 7], 100);
    for (const axis of [-1, 0, null] as const) {
      const n = axis === null ? 63 : a.shape[axis < 0 ? axis + 2 : axis]!;
      const kth = randint(-n, n - 1);
      await expectPartitioned(a, np.partition(ours(a), kth, axis), kth, axis);
      const idx = np.argpartition(ours(a), kth, { axis });
      expect(idx.dtype.name).toBe('int64');
      const taken = axis === null ? np.take(ours(a), idx) : np.takeAlongAxis(ours(a), idx, axis);
      await expectPartitioned(a, taken, kth, axis);
      const several = [0, randint(0, n - 1), n - 1];
      await expectPartitioned(a, np.partition(ours(a), several, { axis }), several, axis);
    }
  });

  it('partition puts NaNs last, takes kth as an array, and partitions views; the methods work in place', async () => {
    const a = withSpecials(random('float64', [40], 5), 5);
    const p = np.partition(ours(a), 39);
    await expectLikeNumpy(np.isnan(p), 'np.isnan(np.partition(a, 39))', { a });
    const kth = np.array([3, 20, -1]);
    await expectPartitioned(a, np.partition(ours(a), kth), [3, 20, -1], -1);
    const m = random('int32', [6, 8], 0);
    const view = ours(m).T.slice('::2');
    await expectPartitioned(value(view), np.partition(view, 1), 1, -1);
    const inPlace = ours(m);
    expect(inPlace.partition(3, { axis: 0 })).toBeUndefined();
    await expectPartitioned(m, inPlace, 3, 0);
    const args = ours(m).argpartition(5);
    await expectPartitioned(m, np.takeAlongAxis(ours(m), args, -1), 5, -1);
    await expectLikeNumpy(np.partition(np.array([]), 0), 'np.partition(np.array([]), 0)', {});
  });

  it.each(['float64', 'int64', 'int8', 'bool'])('lexsort of %s keys against NumPy, ties included', async (t) => {
    // Few distinct values, so the secondary keys decide.
    const k0 = random(t, [30], 2);
    const k1 = random(t === 'bool' ? 'bool' : 'int8', [30], 2);
    const k1small = { ...k1, data: (k1.data as Int8Array).map((x) => x % 3) };
    const k2 = random('bool', [30]);
    await expectLikeNumpy(np.lexsort([ours(k0), ours(k1small), ours(k2)]), 'np.lexsort([k0, k1, k2])', { k0, k1: k1small, k2 });
    await expectLikeNumpy(np.lexsort([ours(k0)]), 'np.lexsort([k0])', { k0 });
    await expectLikeNumpy(np.lexsort(ours(k0)), 'np.lexsort(k0)', { k0 });
    await expectLikeNumpy(np.lexsort(ours(k0).reshape(1, 30)), 'np.lexsort(k0.reshape(1, 30))', { k0 });
    const m = random(t, [3, 5, 4], 2);
    await expectLikeNumpy(np.lexsort(ours(m)), 'np.lexsort(m)', { m });
    await expectLikeNumpy(np.lexsort(ours(m), { axis: 0 }), 'np.lexsort(m, axis=0)', { m });
    await expectLikeNumpy(np.lexsort([ours(m).slice('0'), ours(m).slice('1')], 0), 'np.lexsort([m[0], m[1]], 0)', { m });
  });

  it('lexsort of NaNs, of empty and 0-d keys', async () => {
    const a = withSpecials(random('float64', [12], 2), 3);
    const b = random('int16', [12], 0);
    const b2 = { ...b, data: (b.data as Int16Array).map((x) => x % 2) };
    await expectLikeNumpy(np.lexsort([ours(a), ours(b2)]), 'np.lexsort([a, b])', { a, b: b2 });
    await expectLikeNumpy(np.lexsort([np.array([]), np.array([])]), 'np.lexsort([np.array([]), np.array([])])', {});
    await expectLikeNumpy(np.lexsort([np.array(3), np.array(2)]), 'np.lexsort([np.array(3), np.array(2)])', {});
  });

  it.each(['int8', 'uint16', 'int32', 'float32', 'float64', 'bool', 'complex64', 'complex128'])('sortComplex of %s', async (t) => {
    const a = withSpecials(random(t, [11], 5), 2);
    await expectLikeNumpy(np.sortComplex(ours(a)), 'np.sort_complex(a)', { a });
    const m = random(t, [3, 4]);
    await expectLikeNumpy(np.sortComplex(ours(m)), 'np.sort_complex(m)', { m });
  });

  it.each(['float64', 'int32', 'complex128', 'bool'])('uniqueAll, uniqueCounts, uniqueInverse and uniqueValues of %s', async (t) => {
    const a = withSpecials(random(t, [6, 5], 3), 3);
    const rounded = /float|complex/.test(t) ? { ...a, data: (a.data as Float64Array).map((x) => Math.round(x)) } : a;
    const all = np.uniqueAll(ours(rounded));
    const [values, indices, inverse, counts] = all;
    expect(all.values).toBe(values);
    expect(all.inverseIndices).toBe(inverse);
    await expectLikeNumpy(values!, 'np.unique_all(a).values', { a: rounded });
    await expectLikeNumpy(indices!, 'np.unique_all(a).indices', { a: rounded });
    await expectLikeNumpy(inverse!, 'np.unique_all(a).inverse_indices', { a: rounded });
    await expectLikeNumpy(counts!, 'np.unique_all(a).counts', { a: rounded });
    const c = np.uniqueCounts(ours(rounded));
    await expectLikeNumpy(c.counts, 'np.unique_counts(a).counts', { a: rounded });
    const inv = np.uniqueInverse(ours(rounded).T);
    await expectLikeNumpy(inv.inverseIndices, 'np.unique_inverse(a.T).inverse_indices', { a: rounded });
    // NumPy's unique_values may come in any order (a hash table): ours are sorted.
    await expectLikeNumpy(np.uniqueValues(ours(rounded)), 'np.sort(np.unique_values(a))', { a: rounded });
    // unique keeps NumPy's equal_nan=True by default, and takes equal_nan=False.
    await expectLikeNumpy(np.unique(ours(rounded)), 'np.unique(a)', { a: rounded });
    await expectLikeNumpy(np.unique(ours(rounded), { returnCounts: true, equalNan: false }).counts!, 'np.unique(a, return_counts=True, equal_nan=False)[1]', { a: rounded });
  });

  it('the unique functions of empty and 0-d arrays', async () => {
    await expectLikeNumpy(np.uniqueCounts(np.array([])).counts, 'np.unique_counts(np.array([])).counts', {});
    await expectLikeNumpy(np.uniqueInverse(np.zeros([0, 3])).inverseIndices, 'np.unique_inverse(np.zeros((0, 3))).inverse_indices', {});
    await expectLikeNumpy(np.uniqueAll(np.array(5)).inverseIndices, 'np.unique_all(np.array(5)).inverse_indices', {});
    await expectLikeNumpy(np.uniqueValues(np.array(5)), 'np.unique_values(np.array(5))', {});
    await expectLikeNumpy(np.lexsort(np.zeros([2, 0])), 'np.lexsort(np.zeros((2, 0)))', {});
  });
});

describe('partition and lexsort: bad input and memory', () => {
  it('refuses bad kth, axis, kind, keys and options, naming the argument', () => {
    const a = np.arange(4);
    expect(argumentOf(() => np.partition(a, 4))).toEqual(['ValueError', 'kth']);
    expect(argumentOf(() => np.partition(a, -5))).toEqual(['ValueError', 'kth']);
    expect(argumentOf(() => np.partition(a, 1.5))).toEqual(['DTypeError', 'kth']);
    expect(argumentOf(() => np.partition(a, np.array([0.5])))).toEqual(['DTypeError', 'kth']);
    expect(argumentOf(() => np.partition(a, '1' as never))).toEqual(['DTypeError', 'kth']);
    expect(argumentOf(() => np.partition(a, 1, 1))).toEqual(['AxisError', 'axis']);
    expect(argumentOf(() => np.partition(np.array(5), 0))).toEqual(['AxisError', 'axis']);
    expect(argumentOf(() => np.partition(a, 1, { kind: 'quick' as never }))).toEqual(['ValueError', 'kind']);
    expect(Array.from(np.argpartition([2, 1] as never, 0).toArray() as BigInt64Array, Number)).toEqual([1, 0]);
    expect(() => np.partition(a, 1, { order: 'x' } as never)).toThrow(UnknownOptionError);
    expect(argumentOf(() => a.partition(1, null as never))).toEqual(['DTypeError', 'axis']);
    expect(argumentOf(() => np.lexsort([]))).toEqual(['ValueError', 'keys']);
    expect(argumentOf(() => np.lexsort([np.arange(3), np.arange(4)]))).toEqual(['ValueError', 'keys']);
    expect(argumentOf(() => np.lexsort([np.arange(3), 5 as never]))).toEqual(['ValueError', 'keys']);
    expect(argumentOf(() => np.lexsort(7 as never))).toEqual(['DTypeError', 'keys']);
    expect(argumentOf(() => np.lexsort([np.arange(3)], 1))).toEqual(['AxisError', 'axis']);
    expect(() => (np.uniqueAll as (...a: unknown[]) => unknown)(np.arange(3), {})).toThrow(ArgumentError);
    expect(argumentOf(() => np.lexsort(np.array(3)))).toEqual(['ValueError', 'keys']);
    expect(argumentOf(() => np.uniqueValues([1, 2] as never))).toEqual(['DTypeError', 'x']);
    expect(argumentOf(() => np.sortComplex('a' as never))).toEqual(['DTypeError', 'a']);
    expect(() => np.broadcastTo(np.ones([3]), [2, 3]).partition(1)).toThrow(/read-only/);
    expect(argumentOf(() => np.partition(a, 1, { axis: 'x' as never }))).toEqual(['AxisError', 'axis']);
  });

  it('frees every temporary', () => {
    const a = np.array([[5, 2, 9], [1, 7, 3]]);
    const left = storesLeftBy(() => {
      np.partition(a, 1).dispose();
      np.argpartition(a, [0, 2], null).dispose();
      np.lexsort(a).dispose();
      np.lexsort([a.slice('0'), a.slice('1')]).dispose();
      np.sortComplex(a).dispose();
      np.uniqueAll(a).forEach((x) => x.dispose());
      np.uniqueValues(a).dispose();
      const b = a.copy();
      b.partition(1);
      b.dispose();
    });
    expect(left).toBe(0);
    a.dispose();
  });
});
