// linalg.eig and linalg.eigvals (LAPACK's xgeev) against NumPy: the eigenvalues as NumPy's (the
// same multiset; real where NumPy's are real), eigenvectors with A·v = v·diag(w) and unit
// length, several dtypes, stacks, empty matrices; bad input as typed errors; no leaked stores.
import { describe, expect, it } from 'vitest';

import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();

/** Complex values (re, im) of an array, sorted by real then imaginary part (rounded for ties). */
function sortedValues(a: np.ndarray): [number, number][] {
  const raw = Array.from(a.toArray() as Float64Array, Number);
  const pairs: [number, number][] = a.dtype.isComplex ? Array.from({ length: raw.length / 2 }, (_, i) => [raw[2 * i]!, raw[2 * i + 1]!]) : raw.map((x) => [x, 0]);
  const key = (v: number) => Math.round(v * 1e6) / 1e6;
  return pairs.sort((p, q) => key(p[0]) - key(q[0]) || p[1] - q[1]);
}

function pyPairs(v: NdValue): [number, number][] {
  const bytes = (v.data as Uint8Array).slice().buffer;
  const raw = v.dtype.startsWith('complex') ? Array.from(new (v.dtype === 'complex64' ? Float32Array : Float64Array)(bytes)) : Array.from(v.data as ArrayLike<number>, Number);
  const pairs: [number, number][] = v.dtype.startsWith('complex') ? Array.from({ length: raw.length / 2 }, (_, i) => [raw[2 * i]!, raw[2 * i + 1]!]) : raw.map((x) => [x, 0]);
  const key = (x: number) => Math.round(x * 1e6) / 1e6;
  return pairs.sort((p, q) => key(p[0]) - key(q[0]) || p[1] - q[1]);
}

function residual(a: np.ndarray, w: np.ndarray, v: np.ndarray): number {
  return np.tidy(() => {
    const t = np.resultType(a.dtype, v.dtype);
    const av = np.matmul(a.astype(t), v.astype(t));
    const vw = np.multiply(v.astype(t), np.expandDims(w.astype(t), -2));
    const scale = Number(np.max(np.abs(a)).item()) || 1;
    return Number(np.max(np.abs(np.subtract(av, vw))).item()) / scale;
  });
}

describe.skipIf(!python.ok)('eig and eigvals against NumPy', () => {
  it.each([
    ['float64', 1e-10],
    ['float32', 1e-4],
    ['complex128', 1e-10],
    ['complex64', 1e-4],
  ] as const)('%s matrices: values as NumPy, vectors satisfy A v = v w', async (t, tol) => {
    for (const n of [1, 2, 5, 9]) {
      const x = random(t, [n, n]);
      const { eigenvalues: w, eigenvectors: v } = np.linalg.eig(ours(x));
      const want = await py!.eval<NdValue>('np.linalg.eig(x).eigenvalues', { x });
      expect(w.dtype.name, `${t} ${n}`).toBe(want.dtype);
      const got = sortedValues(w);
      const theirs = pyPairs(want);
      got.forEach(([re, im], i) => {
        const [r2, i2] = theirs[i]!;
        expect(Math.hypot(re - r2, im - i2), `${t} n=${n} value ${i}`).toBeLessThan(tol * Math.max(1, Math.hypot(r2, i2)) * 10);
      });
      expect(residual(ours(x), w, v), `${t} n=${n} residual`).toBeLessThan(tol * n * 10);
      const norms = Array.from(np.sqrt(np.sum(np.multiply(np.abs(v), np.abs(v)), 0)).toArray() as Float64Array, Number);
      for (const s of norms) expect(Math.abs(s - 1)).toBeLessThan(tol * 10);
      const values = np.linalg.eigvals(ours(x));
      expect(values.dtype.name).toBe(want.dtype);
    }
  });

  it('real results where NumPy gives them (symmetric, triangular), complex pairs for rotations, stacks, empty', async () => {
    const s = random('float64', [4, 4]);
    const sym = np.add(ours(s), ours(s).T);
    const want = await py!.eval<NdValue>('np.linalg.eigvals(s + s.T)', { s });
    expect(want.dtype).toBe('float64');
    const w = np.linalg.eigvals(sym);
    expect(w.dtype.name).toBe('float64');
    const mine = sortedValues(w);
    pyPairs(want).forEach(([re], i) => expect(Math.abs(mine[i]![0] - re)).toBeLessThan(1e-9));
    const rot = np.array([[0, -1], [1, 0]]);
    const [rw, rv] = np.linalg.eig(rot);
    expect(rw.dtype.name).toBe('complex128');
    expect(sortedValues(rw)).toEqual([[0, -1], [0, 1]]);
    expect(residual(rot, rw, rv)).toBeLessThan(1e-12);
    const stack = random('float64', [3, 4, 4]);
    const [sw, sv] = np.linalg.eig(ours(stack));
    expect(sw.shape).toEqual([3, 4]);
    expect(sv.shape).toEqual([3, 4, 4]);
    for (let k = 0; k < 3; k++) expect(residual(ours(stack).slice(k), sw.slice(k), sv.slice(k))).toBeLessThan(1e-10);
    const empty = np.linalg.eig(np.zeros([0, 0]));
    expect([empty.eigenvalues.shape, empty.eigenvectors.shape]).toEqual([[0], [0, 0]]);
    expect(np.linalg.eigvals(np.eye(3, { dtype: 'int32' } as never)).dtype.name).toBe('float64');
  });

  it('refuses what NumPy refuses', () => {
    expect(() => np.linalg.eig(np.ones([2, 3]))).toThrow(/^a: Last 2 dimensions of the array must be square$/);
    expect(() => np.linalg.eigvals(np.ones([3]))).toThrow(np.linalg.LinAlgError);
    expect(() => np.linalg.eig(np.array([[1, NaN], [0, 1]]))).toThrow(/^a: Array must not contain infs or NaNs$/);
    expect(() => np.linalg.eig('a' as never)).toThrow(/^a: /);
  });

  it('frees every temporary', () => {
    const a = np.array([[1, 2], [3, 4]]);
    const r = np.array([[0, -1], [1, 0]]);
    const bad = np.array([[NaN]]);
    const left = storesLeftBy(() => {
      const results = [...np.linalg.eig(a), ...np.linalg.eig(r), np.linalg.eigvals(a), np.linalg.eigvals(r)];
      for (const x of results) x.dispose();
      try {
        np.linalg.eig(bad);
      } catch {
        /* refused, freeing what it made */
      }
    });
    expect(left).toBe(0);
  });
});
