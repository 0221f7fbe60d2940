// numeric.linalg against NumPy: solves against numpy.linalg.solve, factorisations checked by
// reconstruction and against NumPy's invariants (singular values, eigenvalues, determinants),
// norms of every order, and LinAlgError where NumPy raises it.
import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);
const { linalg } = np;

const TYPES = ['float64', 'float32', 'complex128', 'complex64'] as const;
const tolerance = (t: string) => (t === 'float32' || t === 'complex64' ? 1e-3 : 1e-9);

/** ‖x − y‖ / max(1, ‖y‖) */
function relative(x: np.ndarray, y: np.ndarray): number {
  return (np.linalg.norm(np.subtract(x, y).reshape(x.size)).item() as number) / Math.max(1, np.linalg.norm(y.reshape(y.size)).item() as number);
}

/** A well-conditioned square matrix of type t (a dominant diagonal). */
function wellConditioned(t: string, shape: number[]) {
  const n = shape[shape.length - 1]!;
  const a = ours(random(t, shape, 1));
  return np.add(a, np.multiply(np.eye(n, undefined, 0, t as never), 2 * n));
}

describe.skipIf(!python.ok)('factorisations by reconstruction and against NumPy', () => {
  it.each(TYPES)('solve and inv (%s), single and stacked, vector and matrix right-hand sides', async (t) => {
    for (const shape of [[randint(1, 8), 0], [3, randint(2, 6), 0]]) {
      const n = shape.at(-2)!;
      shape[shape.length - 1] = n;
      const a = wellConditioned(t, shape);
      const b = ours(random(t, [...shape.slice(0, -1), 3], 1));
      const x = linalg.solve(a, b);
      expect(x.dtype.name).toBe(t);
      expect(relative(np.matmul(a, x), b)).toBeLessThan(tolerance(t));
      const av = { dtype: t, shape: a.shape, data: a.toArray() };
      const bv = { dtype: t, shape: b.shape, data: b.toArray() };
      await expectLikeNumpy(x, 'np.linalg.solve(a, b)', { a: av, b: bv }, false);
      const inverse = linalg.inv(a);
      expect(relative(np.matmul(a, inverse), np.broadcastTo(np.eye(n, undefined, 0, t as never), a.shape))).toBeLessThan(tolerance(t));
    }
    const a = wellConditioned(t, [5, 5]);
    const v = ours(random(t, [5], 1));
    expect(relative(np.matmul(a, linalg.solve(a, v)), v)).toBeLessThan(tolerance(t));
    expect(linalg.solve(a, v).shape).toEqual([5]);
  });

  it.each(TYPES)('cholesky, qr, svd, eigh (%s): reconstructions and NumPy\'s invariants', async (t) => {
    const n = randint(2, 7);
    const g = ours(random(t, [n, n], 1));
    const spd = np.add(np.matmul(g, np.conj(g).T), np.multiply(np.eye(n, undefined, 0, t as never), n));
    const L = linalg.cholesky(spd);
    expect(relative(np.matmul(L, np.conj(L).T), spd)).toBeLessThan(tolerance(t));
    const spdValues = { dtype: t, shape: spd.shape, data: spd.toArray() };
    await expectLikeNumpy(L, 'np.linalg.cholesky(a)', { a: spdValues }, false);
    for (const [m, k] of [[n + 2, n], [n, n + 3]]) {
      const a = ours(random(t, [m!, k!], 1));
      const av = { dtype: t, shape: a.shape, data: a.toArray() };
      for (const mode of ['reduced', 'complete'] as const) {
        const { Q, R } = linalg.qr(a, mode);
        expect(relative(np.matmul(Q, R), a)).toBeLessThan(tolerance(t));
        expect(relative(np.matmul(np.conj(Q).T, Q), np.eye(Q.shape[1]!, undefined, 0, t as never))).toBeLessThan(tolerance(t));
        expect(R.shape).toEqual(await py!.run<number[]>(`out = list(np.linalg.qr(a, mode='${mode}').R.shape)`, { a: av }));
      }
      for (const fullMatrices of [true, false]) {
        const { U, S, Vh } = linalg.svd(a, { fullMatrices });
        const k2 = Math.min(m!, k!);
        const Ur = U.slice(':', `:${k2}`);
        const Vr = Vh.slice(`:${k2}`);
        expect(relative(np.matmul(np.multiply(Ur, S.astype(t)), Vr), a)).toBeLessThan(tolerance(t));
        await expectLikeNumpy(S, `np.linalg.svd(a, full_matrices=${fullMatrices ? 'True' : 'False'}).S`, { a: av }, false);
        expect(U.shape).toEqual(await py!.run<number[]>(`out = list(np.linalg.svd(a, full_matrices=${fullMatrices ? 'True' : 'False'}).U.shape)`, { a: av }));
      }
      await expectLikeNumpy(linalg.svd(a, { computeUv: false }), 'np.linalg.svd(a, compute_uv=False)', { a: av }, false);
    }
    const h = np.add(g, np.conj(g).T);
    const hv = { dtype: t, shape: h.shape, data: h.toArray() };
    for (const UPLO of ['L', 'U'] as const) {
      const { eigenvalues, eigenvectors } = linalg.eigh(h, UPLO);
      await expectLikeNumpy(eigenvalues, `np.linalg.eigh(a, UPLO='${UPLO}').eigenvalues`, { a: hv }, false);
      expect(relative(np.matmul(h, eigenvectors), np.multiply(eigenvectors, eigenvalues.astype(t)))).toBeLessThan(tolerance(t));
      await expectLikeNumpy(linalg.eigvalsh(h, UPLO), `np.linalg.eigvalsh(a, UPLO='${UPLO}')`, { a: hv }, false);
    }
  });

  it('det, slogdet and lstsq', async () => {
    for (const t of TYPES) {
      const a = ours(random(t, [3, 4, 4], 1));
      const av = { dtype: t, shape: a.shape, data: a.toArray() };
      await expectLikeNumpy(linalg.det(a), 'np.linalg.det(a)', { a: av }, false);
      const { sign, logabsdet } = linalg.slogdet(a);
      await expectLikeNumpy(sign, 'np.linalg.slogdet(a).sign', { a: av }, false);
      await expectLikeNumpy(logabsdet, 'np.linalg.slogdet(a).logabsdet', { a: av }, false);
    }
    expect(linalg.det(np.array([[1, 2], [2, 4]], 'float64')).item()).toBe(0);
    const a = random('float64', [12, 4]);
    const b = random('float64', [12, 2]);
    const { x, residuals, rank, s } = linalg.lstsq(ours(a), ours(b));
    await expectLikeNumpy(x, 'np.linalg.lstsq(a, b)[0]', { a, b }, false);
    await expectLikeNumpy(residuals, 'np.linalg.lstsq(a, b)[1]', { a, b }, false);
    expect(rank).toBe(await py!.run<number>('out = int(np.linalg.lstsq(a, b)[2])', { a, b }));
    await expectLikeNumpy(s, 'np.linalg.lstsq(a, b)[3]', { a, b }, false);
    // A rank-deficient system: the minimum-norm solution, no residuals.
    const repeated = np.matmul(ours(a).slice(':, :2'), np.array([[1, 2, 3], [2, 4, 6]], 'float64'));
    const rv = { dtype: 'float64', shape: [12, 3], data: repeated.toArray() };
    const v = random('float64', [12]);
    const fit = linalg.lstsq(repeated, ours(v));
    expect(fit.rank).toBe(await py!.run<number>('out = int(np.linalg.lstsq(a, v)[2])', { a: rv, v }));
    await expectLikeNumpy(fit.x, 'np.linalg.lstsq(a, v)[0]', { a: rv, v }, false);
    expect(fit.residuals.size).toBe(0);
  });

  it('norm of vectors and matrices, every order, with axes and keepdims', async () => {
    const m = random('float64', [4, 5]);
    for (const ord of ['None', "'fro'", "'nuc'", '1', '-1', '2', '-2', 'np.inf', '-np.inf']) {
      const value = ord === 'None' ? null : ord === "'fro'" ? 'fro' : ord === "'nuc'" ? 'nuc' : ord === 'np.inf' ? Infinity : ord === '-np.inf' ? -Infinity : Number(ord);
      await expectLikeNumpy(linalg.norm(ours(m), value as never), `np.linalg.norm(m, ${ord})`, { m }, false);
    }
    const c = random('complex128', [3, 4, 5]);
    await expectLikeNumpy(linalg.norm(ours(c)), 'np.linalg.norm(c)', { c }, false);
    await expectLikeNumpy(linalg.norm(ours(c), null, 1), 'np.linalg.norm(c, axis=1)', { c }, false);
    await expectLikeNumpy(linalg.norm(ours(c), 3, 2, true), 'np.linalg.norm(c, 3, axis=2, keepdims=True)', { c }, false);
    await expectLikeNumpy(linalg.norm(ours(c), 'fro', [2, 0]), "np.linalg.norm(c, 'fro', axis=(2, 0))", { c }, false);
    await expectLikeNumpy(linalg.norm(ours(c), 2, [0, 2], true), 'np.linalg.norm(c, 2, axis=(0, 2), keepdims=True)', { c }, false);
    await expectLikeNumpy(linalg.norm(ours(c), -Infinity, [1, 2]), 'np.linalg.norm(c, -np.inf, axis=(1, 2))', { c }, false);
  });
});

describe('bad input', () => {
  const singular = np.array([[1, 2], [2, 4]], 'float64');
  it.each([
    ['solve with a singular matrix', () => linalg.solve(singular, np.ones([2])), linalg.LinAlgError, /^a: Singular matrix$/],
    ['inv of a singular matrix', () => linalg.inv(singular), linalg.LinAlgError, /^a: Singular matrix$/],
    ['cholesky of an indefinite matrix', () => linalg.cholesky(np.array([[1, 2], [2, 1]], 'float64')), linalg.LinAlgError, /^a: Matrix is not positive definite$/],
    ['solve with a non-square matrix', () => linalg.solve(np.ones([2, 3]), np.ones([2])), linalg.LinAlgError, /^a: Last 2 dimensions of the array must be square$/],
    ['inv of a vector', () => linalg.inv(np.ones([3])), linalg.LinAlgError, /^a: 1-dimensional array given. Array must be at least two-dimensional$/],
    ['solve with a mismatched right-hand side', () => linalg.solve(np.eye(3), np.ones([4])), np.ValueError, /^b: solve: Input operand 1 has a mismatch in its core dimension 0/],
    ['qr with an unknown mode', () => linalg.qr(np.eye(2), 'x' as never), np.ValueError, /^mode: qr: unrecognized mode 'x'/],
    ['eigh with a bad UPLO', () => linalg.eigh(np.eye(2), 'X' as never), np.ValueError, /^UPLO: UPLO argument must be 'L' or 'U'/],
    ['norm with an order matrices lack', () => linalg.norm(np.eye(2), 3), np.ValueError, /^ord: norm: Invalid norm order 3 for matrices/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });

  it('stays usable after LinAlgError', () => {
    expect(() => linalg.solve(singular, np.ones([2]))).toThrow(linalg.LinAlgError);
    expect(Array.from(linalg.solve(np.eye(2), np.array([3, 4], 'float64')).toArray() as Float64Array)).toEqual([3, 4]);
  });
});
