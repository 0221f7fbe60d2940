// NumPy's array_like operands (JavaScript lists and scalars) in the ufuncs and reductions, the
// one-argument where, and results of several arrays that destructure as NumPy's tuples and
// read by name, against NumPy; no leaked stores.
import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('array_like operands and tuple results against NumPy', () => {
  it('ufuncs and where take lists as NumPy does (lists of Python ints are int64, of floats float64)', async () => {
    const x = random('float32', [2, 3]);
    await expectLikeNumpy(np.add(ours(x), [1, 2, 3]), 'np.add(x, [1, 2, 3])', { x }, false);
    await expectLikeNumpy(np.multiply([[1.5], [2]], ours(x)), 'np.multiply([[1.5], [2]], x)', { x }, false);
    await expectLikeNumpy(np.sqrt([1, 4, 9]), 'np.sqrt([1, 4, 9])', {});
    await expectLikeNumpy(np.negative([[1, -2]]), 'np.negative([[1, -2]])', {});
    await expectLikeNumpy(np.where([true, false, true], [1, 2, 3], ours(x).slice(0)), 'np.where([True, False, True], [1, 2, 3], x[0])', { x }, false);
    await expectLikeNumpy(np.maximum([1, 5], 3), 'np.maximum([1, 5], 3)', {});
  });

  it('reductions and scans take lists and scalars', async () => {
    await expectLikeNumpy(np.sum([1, 2, 3]), 'np.sum([1, 2, 3])', {});
    await expectLikeNumpy(np.sum([[1, 2], [3, 4]], 0), 'np.sum([[1, 2], [3, 4]], 0)', {});
    await expectLikeNumpy(np.mean([1, 2, 4]), 'np.mean([1, 2, 4])', {});
    await expectLikeNumpy(np.std([1.5, 2, 4], { ddof: 1 }), 'np.std([1.5, 2, 4], ddof=1)', {}, false);
    await expectLikeNumpy(np.variance([[1, 2], [3, 5]], 1), 'np.var([[1, 2], [3, 5]], 1)', {}, false);
    await expectLikeNumpy(np.max([3, 9, 2]), 'np.max([3, 9, 2])', {});
    await expectLikeNumpy(np.argmin([3, 1, 2]), 'np.argmin([3, 1, 2])', {});
    await expectLikeNumpy(np.any([0, 0, 1]), 'np.any([0, 0, 1])', {});
    await expectLikeNumpy(np.countNonzero([[0, 1], [2, 0]]), 'np.count_nonzero([[0, 1], [2, 0]])', {});
    await expectLikeNumpy(np.cumsum([1, 2, 3]), 'np.cumsum([1, 2, 3])', {});
    await expectLikeNumpy(np.prod(5), 'np.prod(5)', {});
  });

  it('where(condition) alone is nonzero(condition)', async () => {
    const m = random('bool', [3, 4]);
    const got = np.where(ours(m));
    expect(got.length).toBe(2);
    await expectLikeNumpy(got[0]!, 'np.where(m)[0]', { m });
    await expectLikeNumpy(got[1]!, 'np.where(m)[1]', { m });
    await expectLikeNumpy(np.where([0, 3, 0, 1])[0]!, 'np.where([0, 3, 0, 1])[0]', {});
    expect(() => (np.where as (...a: unknown[]) => unknown)(ours(m), 1)).toThrow(/^y: where: either both or neither of x and y should be given$/);
  });

  it('several results destructure in NumPy order and read by name', async () => {
    const a = random('float64', [4, 4]);
    const sym = np.add(ours(a), ours(a).T);
    const [w, v] = np.linalg.eigh(sym);
    const named = np.linalg.eigh(sym);
    expect(named[0]).toBe(named.eigenvalues);
    await expectLikeNumpy(w, 'np.linalg.eigh(a + a.T)[0]', { a });
    expect(v.shape).toEqual([4, 4]);
    const [U, S, Vh] = np.linalg.svd(ours(a));
    expect([U.shape, S.shape, Vh.shape]).toEqual([[4, 4], [4], [4, 4]]);
    const [Q, R] = np.linalg.qr(ours(a));
    expect([Q.shape, R.shape]).toEqual([[4, 4], [4, 4]]);
    const [sign, logabsdet] = np.linalg.slogdet(ours(a));
    await expectLikeNumpy(logabsdet, 'np.linalg.slogdet(a)[1]', { a }, false);
    await expectLikeNumpy(sign, 'np.linalg.slogdet(a)[0]', { a }, false);
    const [x, , rank] = np.linalg.lstsq(ours(a), np.ones([4]));
    expect(rank).toBe(4);
    expect(x.shape).toEqual([4]);
    const u = random('int8', [12], 3);
    const [values, counts] = np.unique(ours(u), { returnCounts: true });
    await expectLikeNumpy(values!, 'np.unique(u, return_counts=True)[0]', { u });
    await expectLikeNumpy(counts!, 'np.unique(u, return_counts=True)[1]', { u });
    const r = np.unique(ours(u), { returnIndex: true, returnInverse: true });
    expect(r.length).toBe(3);
    expect(r[1]).toBe(r.indices);
    const [hist, edges] = np.histogram(ours(u), 3);
    await expectLikeNumpy(hist, 'np.histogram(u, 3)[0]', { u });
    await expectLikeNumpy(edges, 'np.histogram(u, 3)[1]', { u });
    const [avg, total] = np.average(ours(a), { weights: ours(a).T.slice(0).reshape(1, 4).slice(0), axis: 1, returned: true } as never);
    expect([avg.shape, total.shape]).toEqual([[4], [4]]);
  });

  it('out= on reductions, scans, dot and einsum, cast as NumPy casts into out', async () => {
    const x = random('float64', [3, 4]);
    const run = async (write: (o: np.ndarray) => np.ndarray, shape: number[], dtype: string, code: string) => {
      const o = np.zeros(shape, dtype as never);
      expect(write(o)).toBe(o);
      await expectLikeNumpy(o, `(lambda o: (${code}, o)[1])(np.zeros(${JSON.stringify(shape)}, '${dtype}'))`, { x }, false);
    };
    await run((o) => np.sum(ours(x), { axis: 0, out: o }), [4], 'float64', 'np.sum(x, axis=0, out=o)');
    await run((o) => np.sum(ours(x), { axis: 1, out: o }), [3], 'int32', 'np.sum(x, axis=1, out=o)');
    await run((o) => np.max(ours(x), { axis: 1, keepdims: true, out: o }), [3, 1], 'float32', 'np.max(x, axis=1, keepdims=True, out=o)');
    await run((o) => np.mean(ours(x), { out: o }), [], 'float64', 'np.mean(x, out=o)');
    await run((o) => np.std(ours(x), { axis: 0, ddof: 1, out: o }), [4], 'float64', 'np.std(x, axis=0, ddof=1, out=o)');
    await run((o) => np.variance(ours(x), { axis: 1, out: o }), [3], 'float64', 'np.var(x, axis=1, out=o)');
    await run((o) => np.argmax(ours(x), { axis: 0, out: o } as never), [4], 'int64', 'np.argmax(x, axis=0, out=o)');
    await run((o) => np.cumsum(ours(x), 1, undefined, o), [3, 4], 'float64', 'np.cumsum(x, 1, None, o)');
    await run((o) => np.cumprod(ours(x), { axis: 0, out: o }), [3, 4], 'float32', 'np.cumprod(x, axis=0, out=o)');
    await run((o) => np.dot(ours(x), ours(x).T, o), [3, 3], 'float64', 'np.dot(x, x.T, o)');
    await run((o) => np.einsum('ij,kj->ik', ours(x), ours(x), { out: o }), [3, 3], 'float64', "np.einsum('ij,kj->ik', x, x, out=o)");
    expect(() => np.sum(ours(x), { axis: 0, out: np.zeros([3]) })).toThrow(np.ValueError);
    expect(() => np.dot(ours(x), ours(x).T, np.zeros([3, 3], 'float32'))).toThrow(/^out: output array is not acceptable/);
    expect(() => np.einsum('ij,kj->ik', ours(x), ours(x), { out: np.zeros([3, 3], 'int32') })).toThrow(/rule 'safe'/);
    expect(() => np.sum(ours(x), { out: 3 } as never)).toThrow(/^out: sum: expected an ndarray/);
  });

  it('frees what it makes of lists', () => {
    const left = storesLeftBy(() => {
      const results = [np.add([1, 2], [3, 4]), np.sum([1, 2]), np.mean([[1, 2]]), np.cumsum([1, 2]), ...np.where([1, 0, 1]), np.sqrt([4])];
      for (const r of results) r.dispose();
    });
    expect(left).toBe(0);
  });
});
