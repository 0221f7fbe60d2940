// eigsh, eigs and svds through ARPACK against SciPy's (which drive ARPACK too): eigenvalues to
// rounding, eigenvectors by their residuals ‖A·v − λ·v‖ and orthonormality (a vector's sign or
// phase is free), on random symmetric, Hermitian, nonsymmetric and rectangular matrices.
import { describe, expect, it } from 'vitest';

import { ArgumentError } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { pyRaw, rawInputs, rawMatrix, rawParts, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();
const arpack = sparse.linalg.arpackAvailable();
if (!arpack.ok) console.log(`arpack tests skipped: ${arpack.detail}`);

const numbers = (a: np.ndarray): number[] => Array.from(a.toArray() as ArrayLike<number>, Number);
/** Complex values of an ndarray or SciPy's result, as [re, im] pairs. */
function complexes(raw: ArrayLike<number>): [number, number][] {
  return Array.from({ length: raw.length / 2 }, (_, i) => [Number(raw[2 * i]), Number(raw[2 * i + 1])] as [number, number]);
}
const pyComplexes = (v: NdValue): [number, number][] =>
  v.dtype.startsWith('complex') ? complexes(new Float64Array((v.data as Uint8Array).slice().buffer)) : Array.from(v.data as ArrayLike<number>, (x) => [Number(x), 0]);
const byValue = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

function expectValuesClose(got: [number, number][], want: [number, number][], label: string, eps = 1e-8): void {
  expect(got.length, label).toBe(want.length);
  const [g, w] = [[...got].sort(byValue), [...want].sort(byValue)];
  const scale = Math.max(1, ...w.map(([re, im]) => Math.hypot(re, im)));
  g.forEach(([re, im], i) => expect(Math.hypot(re - w[i]![0], im - w[i]![1]), `${label}[${i}]: ${re}+${im}i vs ${w[i]}`).toBeLessThanOrEqual(eps * scale));
}

/** ‖A·V − V·diag(λ)‖ relative to ‖A‖·‖V‖, through numeric (complex-safe). */
function residual(A: sparse.csrArray, V: np.ndarray, lambda: np.ndarray): number {
  const AV = A.astype(V.dtype).dot(V) as np.ndarray;
  const VL = np.multiply(V, lambda.astype(V.dtype).reshape(1, lambda.size));
  const r = Number(np.linalg.norm(np.subtract(AV, VL)).item());
  return r / Math.max(1e-300, Number(sparse.linalg.norm(A).item()) * Number(np.linalg.norm(V).item()));
}

/**
 * A random symmetric (Hermitian) matrix with distinct eigenvalues: R + Rᴴ of a raw matrix, plus a
 * diagonal of distinct values (a raw matrix's empty rows would make 0 a repeated eigenvalue,
 * which a Krylov method sees once).
 */
function symmetric(n: number, dtype: string): { A: sparse.csrArray; code: string; inputs: Record<string, NdValue> } {
  const p = rawParts(n, n);
  const R = rawMatrix(p, [n, n], dtype);
  const spread = np.asarray(Float64Array.from({ length: n }, (_, i) => (i - n / 2) / 3));
  const A = np.tidy(() => (dtype.startsWith('complex') ? R.add(R.conj().T) : R.add(R.T)).add(sparse.diags(spread, 0).astype(dtype as never)) as sparse.csrArray);
  R.dispose();
  const code = `${pyRaw('R', [n, n], dtype)}A = (R + R.conj().T + scipy.sparse.diags(S, 0)).tocsr()\n`;
  return { A, code, inputs: { ...rawInputs('R', p), S: values(spread) } };
}

describe.skipIf(!python.ok || !arpack.ok)('ARPACK against SciPy', () => {
  it.each(['float64', 'float32', 'complex128'])('eigsh of a random %s symmetric (Hermitian) matrix, every which', async (dtype) => {
    const n = 40;
    const { A, code, inputs } = symmetric(n, dtype);
    const whichs = dtype.startsWith('complex') ? ['LM', 'SM', 'LA', 'SA'] : ['LM', 'SM', 'LA', 'SA', 'BE'];
    for (const which of whichs) {
      const k = 4;
      const { eigenvalues, eigenvectors } = sparse.linalg.eigsh(A, k, { which: which as 'LM' });
      expect(eigenvalues.dtype.name).toBe(dtype === 'float32' ? 'float32' : 'float64');
      const got = numbers(eigenvalues);
      expect([...got].sort((a, b) => a - b), `${dtype} ${which} ascending`).toEqual(got);
      // The k wanted eigenvalues of the dense matrix (NumPy's eigvalsh), by which's key.
      const pick = { LM: 'order = np.argsort(-abs(w))[:k]', SM: 'order = np.argsort(abs(w))[:k]', LA: 'order = np.argsort(-w)[:k]', SA: 'order = np.argsort(w)[:k]', BE: 'o = np.argsort(w); order = np.concatenate([o[:k // 2], o[len(o) - (k - k // 2):]])' }[which]!;
      const want = await py!.run<{ picked: NdValue; all: NdValue }>(`${code}w = np.linalg.eigvalsh(A.toarray().astype(np.complex128 if np.iscomplexobj(A) else np.float64))\nk = ${k}\n${pick}\nout = {'picked': np.sort(w[order]), 'all': w}`, inputs);
      const eps = dtype === 'float32' ? 1e-4 : 1e-8;
      if (which === 'SM') {
        // ARPACK without a shift can miss small eigenvalues (SciPy's too; sigma is the remedy):
        // each one it returns is an eigenvalue.
        const all = Array.from(want.all.data as ArrayLike<number>, Number);
        const scale = Math.max(1, ...all.map(Math.abs));
        for (const v of got) expect(Math.min(...all.map((w) => Math.abs(w - v))), `${dtype} SM ${v} is an eigenvalue`).toBeLessThanOrEqual(eps * scale);
      } else expectValuesClose(got.map((v) => [v, 0]), pyComplexes(want.picked), `${dtype} eigsh ${which}`, eps);
      expect(eigenvectors!.shape).toEqual([n, k]);
      expect(residual(A, eigenvectors!.astype(dtype.startsWith('complex') ? 'complex128' : 'float64'), eigenvalues.astype('float64')), `${dtype} ${which} residual`).toBeLessThan(dtype === 'float32' ? 1e-5 : 1e-10);
      // The symmetric driver's vectors are orthonormal; the complex (Arnoldi) driver's are
      // normalised, and orthogonal only where eigenvalues are apart (as SciPy says of its own).
      const gram = np.matmul(np.conj(np.transpose(eigenvectors!)), eigenvectors!).astype('complex128');
      const identity = np.eye(k).astype('complex128');
      const off = dtype.startsWith('complex') ? np.abs(np.subtract(np.abs(np.diagonal(gram)), 1)) : np.abs(np.subtract(gram, identity));
      expect(Number(np.max(off).item()), `${dtype} ${which} orthonormal`).toBeLessThan(dtype === 'float32' ? 1e-5 : 1e-10);
    }
    // Values only, a LinearOperator, a start vector, ncv.
    const op = new sparse.linalg.LinearOperator({ shape: [n, n], dtype: A.dtype, matvec: (x) => A.matvec(x) });
    const v0 = np.ones([n]).astype(A.dtype);
    const only = sparse.linalg.eigsh(op, { k: 3, returnEigenvectors: false, v0, ncv: 12 });
    expect(only.eigenvectors).toBeUndefined();
    const want = await py!.run<NdValue>(`${code}out = np.sort(scipy.sparse.linalg.eigsh(A, 3, return_eigenvectors=False))`, inputs);
    expectValuesClose(numbers(only.eigenvalues).map((v) => [v, 0]), pyComplexes(want), `${dtype} LinearOperator`, dtype === 'float32' ? 1e-4 : 1e-8);
  });

  it.each(['float64', 'complex128'])('eigs of a random nonsymmetric %s matrix (complex pairs), every which', async (dtype) => {
    const n = 36;
    const p = rawParts(n, n);
    // Distinct eigenvalues (a raw matrix's empty rows make zero a repeated one).
    const shift = np.asarray(Float64Array.from({ length: n }, (_, i) => 1 + i / 4));
    const R = rawMatrix(p, [n, n], dtype);
    const A = R.add(sparse.diags(shift, 0).astype(dtype as never)) as sparse.csrArray;
    const code = `${pyRaw('R', [n, n], dtype)}A = (R + scipy.sparse.diags(S, 0)).tocsr()\n`;
    const inputs = { ...rawInputs('R', p), S: values(shift) };
    for (const which of ['LM', 'SM', 'LR', 'SR', 'LI', 'SI'] as const) {
      const k = 5;
      // A random spectrum's ends converge slowly, each on some draws (LI with 20 vectors once
      // took 7,200 restarts for 3 of 5; a complex128 draw once left 1 of 5 within them): a
      // Krylov space of nearly the whole dimension for every `which`.
      const ncv = 34;
      // A random matrix may need more restarts than the default n·10 (SciPy's own ARPACK does not
      // always converge on these within it).
      const { eigenvalues, eigenvectors } = sparse.linalg.eigs(A, k, { which, ncv, maxiter: 200 * n });
      expect(eigenvalues.dtype.name).toBe('complex128');
      // The reference is the dense spectrum (LAPACK), ranked as ARPACK ranks it for `which`.
      // (A real matrix's ARPACK ranks the imaginary parts' magnitudes, a complex one's their values.)
      const real = dtype === 'float64';
      const rank = { LM: '-abs(w)', SM: 'abs(w)', LR: '-w.real', SR: 'w.real', LI: real ? '-abs(w.imag)' : '-w.imag', SI: real ? 'abs(w.imag)' : 'w.imag' }[which];
      const want = await py!.run<NdValue>(`${code}w = np.linalg.eigvals(A.toarray())\nout = w[np.argsort(${rank}, kind='stable')[:${k}]].astype(np.complex128)`, inputs);
      // What `which` ranks by is what ARPACK settles: values that tie on it (a conjugate pair, or
      // real values for SI) may differ, so the keys are compared.
      const keyOf = ([re, im]: [number, number]): [number, number] => (which === 'LR' || which === 'SR' ? [re, 0] : which === 'LI' || which === 'SI' ? [real ? Math.abs(im) : im, 0] : [Math.hypot(re, im), 0]);
      expectValuesClose(complexes(eigenvalues.toArray() as Float64Array).map(keyOf), pyComplexes(want).map(keyOf), `${dtype} eigs ${which}`);
      expect(residual(A, eigenvectors!, eigenvalues), `${dtype} eigs ${which} residual`).toBeLessThan(1e-9);
    }
  });

  it.each(['float64', 'complex128'])('svds of tall and wide %s matrices: s as SciPy, u and vh by A·v = s·u', async (dtype) => {
    for (const [m, n] of [[30, 18], [15, 26]] as [number, number][]) {
      const p = rawParts(m, n);
      // Full rank: zero singular values leave their vectors free.
      const R = rawMatrix(p, [m, n], dtype);
      const A = R.add(sparse.eye(m, n).multiply(4).astype(dtype as never)) as sparse.csrArray;
      const code = `${pyRaw('R', [m, n], dtype)}A = (R + 4 * scipy.sparse.eye(${m}, ${n})).tocsr()\n`;
      for (const which of ['LM', 'SM'] as const) {
        const k = 4;
        const [u, s, vh] = sparse.linalg.svds(A, k, { which });
        const want = await py!.run<NdValue>(`${code}out = scipy.sparse.linalg.svds(A, ${k}, which='${which}', return_singular_vectors=False, rng=0)`, rawInputs('R', p));
        expect(numbers(s), `${dtype} ${m}×${n} ${which} ascending`).toEqual([...numbers(s)].sort((a, b) => a - b));
        expectValuesClose(numbers(s).map((v) => [v, 0]), pyComplexes(want), `${dtype} ${m}×${n} svds ${which}`, 1e-7);
        // A·vᴴ columns = u · s.
        const V = np.conj(np.transpose(vh!));
        const AV = A.astype(V.dtype).dot(V) as np.ndarray;
        const US = np.multiply(u!, s.astype(u!.dtype).reshape(1, k));
        expect(Number(np.max(np.abs(np.subtract(AV, US))).item()), `${dtype} ${m}×${n} ${which} A v = s u`).toBeLessThan(1e-8 * Math.max(1, Number(np.max(s).item())));
      }
      const named = sparse.linalg.svds(A, 2, { returnSingularVectors: 'u' });
      expect(named.u!.shape).toEqual([m, 2]);
      expect(named.vh).toBeUndefined();
      expect(numbers(named.s)).toEqual(numbers(named[1]));
    }
  });

  it.each(['float64', 'complex128'])('shift-invert (sigma) of %s matrices: the eigenvalues nearest sigma, as the dense ones', async (dtype) => {
    if (!sparse.linalg.superluAvailable().ok) return void console.log(`shift-invert skipped: ${sparse.linalg.superluAvailable().detail}`);
    const n = 40;
    const { A, code, inputs } = symmetric(n, dtype);
    for (const sigma of [0.37, -2.1]) {
      const k = 4;
      const { eigenvalues, eigenvectors } = sparse.linalg.eigsh(A, k, { sigma });
      const want = await py!.run<NdValue>(`${code}w = np.linalg.eigvalsh(A.toarray())\nout = np.sort(w[np.argsort(abs(w - ${sigma}))[:${k}]])`, inputs);
      expectValuesClose(numbers(eigenvalues).map((v) => [v, 0]), pyComplexes(want), `${dtype} eigsh sigma ${sigma}`);
      expect(residual(A, eigenvectors!.astype(dtype === 'complex128' ? 'complex128' : 'float64'), eigenvalues.astype('float64')), `${dtype} sigma residual`).toBeLessThan(1e-10);
    }
    // eigs of a nonsymmetric matrix near a shift.
    const p = rawParts(n, n);
    const R = rawMatrix(p, [n, n], dtype);
    const shift = np.asarray(Float64Array.from({ length: n }, (_, i) => 1 + i / 4));
    const B = R.add(sparse.diags(shift, 0).astype(dtype as never)) as sparse.csrArray;
    const bcode = `${pyRaw('R', [n, n], dtype)}B = (R + scipy.sparse.diags(S, 0)).tocsr()\n`;
    const got = sparse.linalg.eigs(B, 3, { sigma: 2.05 });
    const near = await py!.run<NdValue>(`${bcode}w = np.linalg.eigvals(B.toarray())\nout = w[np.argsort(abs(w - 2.05))[:3]].astype(np.complex128)`, { ...rawInputs('R', p), S: values(shift) });
    // The distances to sigma: the last one taken may be one of a conjugate pair, equally near.
    const distance = ([re, im]: [number, number]): [number, number] => [Math.hypot(re - 2.05, im), 0];
    expectValuesClose(complexes(got.eigenvalues.toArray() as Float64Array).map(distance), pyComplexes(near).map(distance), `${dtype} eigs sigma`);
    expect(residual(B, got.eigenvectors!, got.eigenvalues)).toBeLessThan(1e-9);
    expect(() => sparse.linalg.eigsh(new sparse.linalg.LinearOperator({ shape: [n, n], matvec: (x) => A.matvec(x) }), 2, { sigma: 1 })).toThrow(/sparse matrix/);
    // OPinv: the caller's own (A − σI)⁻¹.
    const lu = sparse.linalg.splu(np.tidy(() => A.subtract(sparse.eye(n).multiply(0.37).astype(A.dtype)) as sparse.csrArray));
    const custom = sparse.linalg.eigsh(A, 2, { sigma: 0.37, OPinv: (x: np.ndarray) => lu.solve(x) });
    lu.dispose();
    const wantCustom = await py!.run<NdValue>(`${code}w = np.linalg.eigvalsh(A.toarray())\nout = np.sort(w[np.argsort(abs(w - 0.37))[:2]])`, inputs);
    expectValuesClose(numbers(custom.eigenvalues).map((v) => [v, 0]), pyComplexes(wantCustom), `${dtype} OPinv`);
  });

  it('bad input gets typed errors naming the argument', () => {
    const A = sparse.diags([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0).astype('float64');
    const B = sparse.random(10, 10, { density: 0.5, seed: 1 });
    expect(() => sparse.linalg.eigsh(A, 10)).toThrow(np.ValueError);
    expect(() => sparse.linalg.eigsh(A, 3, { which: 'LR' as never })).toThrow(/which/);
    expect(() => sparse.linalg.eigsh(A, 3, { ncv: 3 })).toThrow(/ncv/);
    expect(() => sparse.linalg.eigsh(A, 3, { tol: -1 })).toThrow(/tol/);
    expect(() => sparse.linalg.eigsh(A, 3, { v0: np.ones([4]) })).toThrow(/v0/);
    expect(() => sparse.linalg.eigsh(A, 3, { shift: 1 } as never)).toThrow(ArgumentError);
    expect(() => sparse.linalg.eigs(B, 9)).toThrow(/k must be/);
    expect(() => sparse.linalg.eigs(B, 3, { which: 'LA' as never })).toThrow(/which/);
    expect(() => sparse.linalg.eigs(B, 3, { ncv: 4 })).toThrow(/ncv/);
    expect(() => sparse.linalg.eigs(sparse.random(4, 5, { density: 1 }), 1)).toThrow(/square/);
    expect(() => sparse.linalg.svds(B, 10)).toThrow(/k must be/);
    expect(() => sparse.linalg.svds(B, 3, { which: 'LA' as never })).toThrow(/which/);
    expect(() => sparse.linalg.svds(B, 3, { solver: 'propack' as never })).toThrow(/solver/);
    expect(() => sparse.linalg.svds(B, 3, { returnSingularVectors: 'x' as never })).toThrow(/returnSingularVectors/);
    expect(() => sparse.linalg.eigs('A' as never, 3)).toThrow(/sparse matrix or a LinearOperator/);
    // The runtime is still usable.
    expect(numbers(sparse.linalg.eigsh(A, 2, { returnEigenvectors: false }).eigenvalues)).toHaveLength(2);
  });
});
