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

describe.skipIf(!python.ok)('lists wherever NumPy takes array_like: shapes, sorting, joining, products, linalg, fft', () => {
  const L = [
    [3, 1, 2],
    [6, 5, 4],
  ];
  const F = [
    [2.5, 1],
    [1, 3],
  ];
  const cases: [string, () => np.ndarray, string][] = [
    ['transpose', () => np.transpose(L), 'np.transpose(L)'],
    ['reshape', () => np.reshape(L, [3, 2]), 'np.reshape(L, (3, 2))'],
    ['ravel', () => np.ravel(L), 'np.ravel(L)'],
    ['copy', () => np.copy(L), 'np.copy(L)'],
    ['squeeze', () => np.squeeze([[1], [2]]), 'np.squeeze([[1], [2]])'],
    ['expandDims', () => np.expandDims(L, 0), 'np.expand_dims(L, 0)'],
    ['swapaxes', () => np.swapaxes(L, 0, 1), 'np.swapaxes(L, 0, 1)'],
    ['moveaxis', () => np.moveaxis(L, 0, 1), 'np.moveaxis(L, 0, 1)'],
    ['broadcastTo', () => np.broadcastTo([1, 2], [2, 2]), 'np.broadcast_to([1, 2], (2, 2))'],
    ['sort', () => np.sort(L), 'np.sort(L)'],
    ['argsort', () => np.argsort(L, 0), 'np.argsort(L, 0)'],
    ['partition', () => np.partition([3, 1, 2], 1), 'np.partition([3, 1, 2], 1)'],
    ['unique', () => np.unique([3, 1, 3]), 'np.unique([3, 1, 3])'],
    ['searchsorted', () => np.searchsorted([1, 2, 3], 2.5), 'np.searchsorted([1, 2, 3], 2.5)'],
    ['searchsorted of a list', () => np.searchsorted([1, 2, 3], [0, 2, 9], 'right'), "np.searchsorted([1, 2, 3], [0, 2, 9], 'right')"],
    ['flatnonzero', () => np.flatnonzero([0, 2, 0, 1]), 'np.flatnonzero([0, 2, 0, 1])'],
    ['argwhere', () => np.argwhere(L), 'np.argwhere(L)'],
    ['take', () => np.take(L, [0, 4]), 'np.take(L, [0, 4])'],
    ['compress', () => np.compress([false, true], L, 0), 'np.compress([False, True], L, 0)'],
    ['extract', () => np.extract([true, false, true], [1, 2, 3]), 'np.extract([True, False, True], [1, 2, 3])'],
    ['flip', () => np.flip(L), 'np.flip(L)'],
    ['tile', () => np.tile([1, 2], 2), 'np.tile([1, 2], 2)'],
    ['repeat', () => np.repeat(L, 2), 'np.repeat(L, 2)'],
    ['pad', () => np.pad([1, 2], 1), 'np.pad([1, 2], 1)'],
    ['concatenate', () => np.concatenate([L, [[7, 8, 9]]]), 'np.concatenate([L, [[7, 8, 9]]])'],
    ['stack', () => np.stack([[1, 2], [3, 4]], 1), 'np.stack([[1, 2], [3, 4]], 1)'],
    ['vstack', () => np.vstack([[1, 2], [3, 4]]), 'np.vstack([[1, 2], [3, 4]])'],
    ['hstack', () => np.hstack([[1], [2.5]]), 'np.hstack([[1], [2.5]])'],
    ['matmul', () => np.matmul(L, [[1], [2], [3]]), 'np.matmul(L, [[1], [2], [3]])'],
    ['inner', () => np.inner([1, 2], [3, 4]), 'np.inner([1, 2], [3, 4])'],
    ['vdot', () => np.vdot([1, 2], [3, 4]), 'np.vdot([1, 2], [3, 4])'],
    ['tensordot', () => np.tensordot(L, L, [[1], [1]]), 'np.tensordot(L, L, ([1], [1]))'],
    ['diagonal', () => np.diagonal(L), 'np.diagonal(L)'],
    ['trace', () => np.trace(L), 'np.trace(L)'],
    ['inv', () => np.linalg.inv(F), 'np.linalg.inv(F)'],
    ['solve', () => np.linalg.solve(F, [1, 2]), 'np.linalg.solve(F, [1, 2])'],
    ['det', () => np.linalg.det(F), 'np.linalg.det(F)'],
    ['norm', () => np.linalg.norm(L), 'np.linalg.norm(L)'],
    ['eigvals', () => np.linalg.eigvals(F), 'np.linalg.eigvals(F)'],
    ['cholesky', () => np.linalg.cholesky(F), 'np.linalg.cholesky(F)'],
    ['pinv', () => np.linalg.pinv(F), 'np.linalg.pinv(F)'],
    ['matrixPower', () => np.linalg.matrixPower(F, 3), 'np.linalg.matrix_power(F, 3)'],
    ['fft', () => np.fft.fft([1, 2, 3, 4]), 'np.fft.fft([1, 2, 3, 4])'],
    ['rfft', () => np.fft.rfft([1, 2, 3, 4]), 'np.fft.rfft([1, 2, 3, 4])'],
    ['ifft2', () => np.fft.ifft2(F), 'np.fft.ifft2(F)'],
    ['fftshift', () => np.fft.fftshift([1, 2, 3]), 'np.fft.fftshift([1, 2, 3])'],
    ['roll', () => np.roll([1, 2, 3], 1), 'np.roll([1, 2, 3], 1)'],
    ['einsum', () => np.einsum('ij,j->i', L, [1, 0, 2]), "np.einsum('ij,j->i', L, [1, 0, 2])"],
    ['lexsort', () => np.lexsort([[1, 1, 0], [2, 1, 1]]), 'np.lexsort([[1, 1, 0], [2, 1, 1]])'],
    ['takeAlongAxis', () => np.takeAlongAxis(L, [[0], [2]], 1), 'np.take_along_axis(np.array(L), np.array([[0], [2]]), 1)'],
    ['bincount', () => np.bincount([1, 1, 3]), 'np.bincount([1, 1, 3])'],
    ['multiDot', () => np.linalg.multiDot([F, F, [[1], [2]]]), 'np.linalg.multi_dot([F, F, [[1], [2]]])'],
    ['isclose', () => np.isclose([1, 2.000001], [1, 2]), 'np.isclose([1, 2.000001], [1, 2])'],
    ['svdvals of svd', () => np.linalg.svd(F, { computeUv: false }), 'np.linalg.svd(F, compute_uv=False)'],
    ['qr r', () => np.linalg.qr(F, 'r'), "np.linalg.qr(F, 'r')"],
  ];

  it.each(cases.map((c) => [c[0], c] as const))('%s of lists is NumPy\'s', async (_, [, run, expression]) => {
    const got = run() as np.ndarray;
    await expectLikeNumpy(got, expression.replace(/\bL\b/g, '[[3, 1, 2], [6, 5, 4]]').replace(/\bF\b/g, '[[2.5, 1], [1, 3]]'), {}, false);
  });

  it('a list gives the same as its array, frees what it made, and non-arrays are typed errors naming the argument', () => {
    const left = storesLeftBy(() => {
      for (const [, run] of cases) {
        run().dispose();
      }
    });
    expect(left).toBe(0);
    expect(np.allclose([1, 2], [1, 2.0000001])).toBe(true);
    const [hist] = np.histogram([1, 2, 2, 5], 2);
    expect(Array.from(hist.toArray() as BigInt64Array, Number)).toEqual([3, 1]);
    for (const bad of [undefined, 'abc', { a: 1 }, () => 1]) {
      for (const run of [() => np.transpose(bad as never), () => np.reshape(bad as never, [1]), () => np.squeeze(bad as never), () => np.expandDims(bad as never, 0), () => np.moveaxis(bad as never, 0, 0), () => np.broadcastTo(bad as never, [1]), () => np.sort(bad as never), () => np.linalg.inv(bad as never), () => np.fft.fft(bad as never)]) {
        let error: unknown;
        try {
          run();
        } catch (e) {
          error = e;
        }
        expect((error as Error)?.constructor.name, String(run)).toBe('DTypeError');
        expect((error as { argument?: string }).argument, String(run)).toMatch(/^(a|x)$/);
      }
    }
  });
});
