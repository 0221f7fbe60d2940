// sparse.linalg against scipy.sparse.linalg: cg / gmres / bicgstab solutions checked by their
// residual and against SciPy's, eigsh against ARPACK, norm, spsolve; the zero-copy sharing of
// numeric's vectors checked by the runtime's copy counters.
import { describe, expect, it } from 'vitest';

import { DTypeError, runtime, setPartitionSettings, ShapeError } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { expectClose, randint, randomCoo, scipyInputs, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();
const { linalg } = sparse;

const residualOf = (A: sparse.csrArray, x: np.ndarray, b: np.ndarray) => np.linalg.norm(np.subtract(b, A.dot(x))).item() as number;
const normOf = (x: np.ndarray) => np.linalg.norm(x).item() as number;

/** A random symmetric positive definite matrix: R + Rᵀ with a dominant diagonal. */
function spd(n: number): { A: sparse.csrArray; code: string; inputs: Record<string, NdValue> } {
  const c = randomCoo(n, n, 0.1);
  const R = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [n, n] });
  const S = R.add(R.T);
  const shift = (S.abs().sum(1).toArray() as Float64Array).reduce((a, b) => Math.max(a, b), 0) + 1;
  const A = S.add(sparse.identity(n).multiply(shift));
  const s = scipyInputs('R', c);
  return { A, code: `${s.code}S = R + R.T\nA = (S + scipy.sparse.identity(${n}) * ${shift}).tocsr()\n`, inputs: s.inputs };
}

/** The 2-D 5-point Laplacian on an m × m grid. */
function poisson(m: number): sparse.csrArray {
  const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [m, m] });
  const I = sparse.identity(m);
  return sparse.kron(I, T).add(sparse.kron(T, I));
}

describe.skipIf(!python.ok)('iterative solvers against SciPy', () => {
  it('cg on SPD matrices: the residual SciPy accepts, SciPy\'s solution, x0, atol, maxiter, callback', async () => {
    for (const n of [1, 7, 60, 150]) {
      const { A, code, inputs } = spd(n);
      const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, n);
      const { x, info, iterations } = linalg.cg(A, b, { rtol: 1e-10 });
      expect(info).toBe(0);
      expect(residualOf(A, x, b)).toBeLessThanOrEqual(1e-10 * normOf(b) * 1.0001);
      const want = await py!.run<NdValue>(`${code}out, info = scipy.sparse.linalg.cg(A, b, rtol=1e-10)\nassert info == 0`, { ...inputs, b: values(b) });
      const theirs = np.asarray(want.data as Float64Array);
      expect(normOf(np.subtract(x, theirs)), `cg n=${n} against SciPy`).toBeLessThanOrEqual(1e-8 * Math.max(1e-300, normOf(theirs)));
      expect(iterations).toBeLessThanOrEqual(n + 5);
      // Starting at the solution: nothing to do.
      expect(linalg.cg(A, b, { x0: x, rtol: 1e-6 }).info).toBe(0);
    }
    const A = poisson(12);
    const b = np.ones([144]);
    let calls = 0;
    const few = linalg.cg(A, b, { maxiter: 3, callback: () => calls++ });
    expect(few.info).toBe(3);
    expect(calls).toBe(3);
    const loose = linalg.cg(A, b, { rtol: 0, atol: 1e-3 });
    expect(loose.info).toBe(0);
    expect(residualOf(A, loose.x, b)).toBeLessThanOrEqual(1e-3);
    const zero = linalg.cg(A, np.zeros([144]));
    expect(zero.info).toBe(0);
    expect(normOf(zero.x)).toBe(0);
  });

  it('cg with a Jacobi preconditioner (matrix, operator or function) and on a LinearOperator', async () => {
    const A = poisson(15);
    const n = 225;
    const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, n);
    const plain = linalg.cg(A, b, { rtol: 1e-8 });
    const inverse = sparse.diags([np.reciprocal(A.diagonal())], [0]);
    for (const M of [inverse, linalg.aslinearoperator(inverse), (r: np.ndarray) => np.divide(r, A.diagonal())]) {
      const preconditioned = linalg.cg(A, b, { rtol: 1e-8, M });
      expect(preconditioned.info).toBe(0);
      expect(residualOf(A, preconditioned.x, b)).toBeLessThanOrEqual(1e-8 * normOf(b) * 1.0001);
      expect(Math.abs(preconditioned.iterations - plain.iterations)).toBeLessThanOrEqual(2); // a constant diagonal changes little
    }
    const operator = new linalg.LinearOperator({ shape: [n, n], matvec: (x) => A.dot(x) });
    const viaOperator = linalg.cg(operator, b, { rtol: 1e-8 });
    expect(viaOperator.info).toBe(0);
    expect(Math.abs(viaOperator.iterations - plain.iterations)).toBeLessThanOrEqual(1);
  });

  it('cg on a complex Hermitian positive definite matrix', async () => {
    const n = 30;
    const c = randomCoo(n, n, 0.15);
    const R = new sparse.csrArray([np.multiply(np.asarray(c.data), { re: 0.5, im: 1 }), [c.row, c.col]], { shape: [n, n] });
    const A = R.add(R.T.conj()).add(sparse.identity(n, 'complex128').multiply(40));
    const b = np.add(np.random.defaultRng(1).normal(0, 1, n), np.multiply(np.random.defaultRng(2).normal(0, 1, n), { re: 0, im: 1 }));
    const { x, info } = linalg.cg(A, b, { rtol: 1e-10 });
    expect(info).toBe(0);
    expect(x.dtype.name).toBe('complex128');
    expect(residualOf(A, x, b)).toBeLessThanOrEqual(1e-10 * normOf(b) * 1.0001);
  });

  it.each(['gmres', 'bicgstab'] as const)('%s on nonsymmetric matrices, against SciPy and numpy.linalg.solve', async (name) => {
    for (const n of [5, 40, 120]) {
      const c = randomCoo(n, n, 0.1);
      const R = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [n, n] });
      const shift = (R.abs().sum(1).toArray() as Float64Array).reduce((a, v) => Math.max(a, v), 0) + 1;
      const A = R.add(sparse.identity(n).multiply(shift));
      const s = scipyInputs('R', c);
      const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, n);
      const { x, info } = linalg[name](A, b, { rtol: 1e-10 });
      expect(info, `${name} n=${n}`).toBe(0);
      expect(residualOf(A, x, b)).toBeLessThanOrEqual(1e-10 * normOf(b) * 1.0001);
      const exact = await py!.run<NdValue>(`${s.code}A = (R + scipy.sparse.identity(${n}) * ${shift}).toarray()\nout = np.linalg.solve(A, b)`, { ...s.inputs, b: values(b) });
      const diff = np.subtract(x, np.asarray(exact.data as Float64Array));
      expect(normOf(diff)).toBeLessThan(1e-7 * Math.max(1, normOf(x)));
      const theirs = await py!.run<number>(`${s.code}A = (R + scipy.sparse.identity(${n}) * ${shift}).tocsr()\nx, info = scipy.sparse.linalg.${name}(A, b, rtol=1e-10)\nout = int(info)`, { ...s.inputs, b: values(b) });
      expect(theirs).toBe(0);
    }
  });
});

describe.skipIf(!python.ok)('eigsh against ARPACK', () => {
  it.each(['LM', 'SM', 'LA', 'SA'] as const)('which = %s on a random symmetric matrix', async (which) => {
    const n = 80;
    const c = randomCoo(n, n, 0.08);
    const R = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [n, n] });
    // SM on an indefinite matrix asks for interior eigenvalues, which Lanczos without
    // shift-invert finds slowly (as ARPACK does): shift it positive definite for SM.
    const shift = which === 'SM' ? (R.abs().sum(1).toArray() as Float64Array).reduce((a, v) => Math.max(a, v), 0) + (R.abs().sum(0).toArray() as Float64Array).reduce((a, v) => Math.max(a, v), 0) + 1 : 0;
    const A = R.add(R.T).add(sparse.identity(n).multiply(shift));
    const s = scipyInputs('R', c);
    s.code += `R = R + R.T + scipy.sparse.identity(${n}) * ${shift}\n`;
    const k = 4;
    const { eigenvalues, eigenvectors } = linalg.eigsh(A, { k, which });
    const want = await py!.run<NdValue>(`${s.code}A = R.tocsr()\nout = np.sort(scipy.sparse.linalg.eigsh(A, k=${k}, which='${which}', return_eigenvectors=False))`, s.inputs);
    const w = Array.from(eigenvalues.toArray() as Float64Array);
    const expected = Array.from(want.data as Float64Array);
    w.forEach((l, i) => expect(Math.abs(l - expected[i]!), `${which} λ${i}: ${l} vs ${expected[i]}`).toBeLessThan(1e-8 * Math.max(1, Math.abs(expected[i]!))));
    expect(eigenvectors!.shape).toEqual([n, k]);
    w.forEach((l, i) => {
      const x = eigenvectors!.slice(':', i).copy();
      expect(normOf(x)).toBeCloseTo(1, 10);
      expect(normOf(np.subtract(A.dot(x), np.multiply(x, l))) / Math.abs(l)).toBeLessThan(1e-6);
    });
    expect(linalg.eigsh(A, { k, which, returnEigenvectors: false }).eigenvectors).toBeUndefined();
  });

  it('the 2-D Laplacian\'s extreme eigenvalues, with a starting vector', () => {
    const m = 20;
    const { eigenvalues } = linalg.eigsh(poisson(m), { k: 3, which: 'LA', v0: np.ones([m * m]) });
    const exact = [] as number[];
    for (let i = 1; i <= m; i++) for (let j = 1; j <= m; j++) exact.push(4 - 2 * Math.cos((i * Math.PI) / (m + 1)) - 2 * Math.cos((j * Math.PI) / (m + 1)));
    exact.sort((a, b) => a - b);
    // v0 = ones is orthogonal to the antisymmetric eigenvectors; the largest symmetric ones remain.
    const w = Array.from(eigenvalues.toArray() as Float64Array);
    for (const l of w) expect(exact.some((e) => Math.abs(e - l) < 1e-8)).toBe(true);
  });
});

describe.skipIf(!python.ok)('norm and spsolve against SciPy', () => {
  it('norm for fro, 1, -1, inf, -inf', async () => {
    const c = randomCoo(17, 11);
    const s = scipyInputs('A', c);
    const A = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [17, 11] });
    for (const [ord, py_] of [['fro', "'fro'"], [1, '1'], [-1, '-1'], [Infinity, 'np.inf'], [-Infinity, '-np.inf']] as const) {
      const want = await py!.run<number>(`${s.code}out = float(scipy.sparse.linalg.norm(A, ${py_}))`, s.inputs);
      expect(linalg.norm(A, ord).item()).toBeCloseTo(want, 10);
    }
  });

  it.skipIf(!linalg.directSolverAvailable().ok)('spsolve (UMFPACK) for real and complex systems; a singular one raises', async () => {
    const { A, code, inputs } = spd(50);
    const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, 50);
    const x = linalg.spsolve(A, b);
    const want = await py!.run<NdValue>(`${code}out = scipy.sparse.linalg.spsolve(A, b)`, { ...inputs, b: values(b) });
    expectClose(x.toArray(), want, 'spsolve');
    const column = linalg.spsolve(A, b.reshape(50, 1));
    expect(column.shape).toEqual([50, 1]);
    const Z = A.astype('complex128').multiply(np.full([], { re: 1, im: 2 }, 'complex128'));
    const z = linalg.spsolve(Z, b);
    expect(z.dtype.name).toBe('complex128');
    expect(residualOf(Z, z, b.astype('complex128'))).toBeLessThan(1e-10 * normOf(b));
    const singular = new sparse.csrArray(np.array([[1, 2], [2, 4]], 'float64'));
    expect(() => linalg.spsolve(singular, np.ones([2]))).toThrow(linalg.LinAlgError);
    expect(() => linalg.spsolve(singular, np.ones([2]))).toThrow(/^A: spsolve: the matrix is exactly singular/);
  });
});

describe('zero-copy composition with numeric', () => {
  it('A.dot(x) on a vector from numeric copies nothing in shared memory and only halos of x in separate memories', () => {
    const saved = setPartitionSettings({ force: true, pieces: runtime.counters().threads });
    const savedMode = runtime.memoryMode;
    try {
      const n = 4000;
      const A = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
      for (const mode of ['shared', 'separate'] as const) {
        runtime.setMemoryMode(mode);
        const x = np.random.defaultRng(1).random(n);
        const y = np.empty([n]);
        A.matvec(x, { out: y }); // first touch: the structure reaches each memory
        runtime.issueExecutionFence();
        np.multiply(x, 2, { out: x }); // numeric updates x in place, piece by piece
        runtime.issueExecutionFence();
        const before = runtime.counters().bytesCopied;
        A.matvec(x, { out: y });
        runtime.issueExecutionFence();
        const copied = runtime.counters().bytesCopied - before;
        const pieces = runtime.counters().threads;
        if (mode === 'shared') expect(copied).toBe(0);
        // Each row block reaches one element past each inner boundary: 8 bytes per side.
        else expect(copied).toBe(2 * 8 * (pieces - 1));
        // The SpMV's result is a numeric array the next operation reads in place.
        const total = np.sum(y).item() as number;
        const xs = x.toArray() as Float64Array;
        expect(total).toBeCloseTo(xs[0]! + xs[n - 1]!, 9);
      }
    } finally {
      runtime.setMemoryMode(savedMode);
      setPartitionSettings(saved);
    }
  });
});

describe('bad input', () => {
  const A = sparse.eye(4, 5);
  const square = sparse.eye(4);
  it.each([
    ['cg with a non-square matrix', () => linalg.cg(A, np.ones([4])), ShapeError, /^A: cg: expected a square matrix, got shape \(4, 5\)/],
    ['cg with b of the wrong length', () => linalg.cg(square, np.ones([3])), ShapeError, /^b: cg: expected shape \(4,\)/],
    ['cg with a negative rtol', () => linalg.cg(square, np.ones([4]), { rtol: -1 }), np.ValueError, /^rtol: cg: expected a non-negative number/],
    ['gmres with restart 0', () => linalg.gmres(square, np.ones([4]), { restart: 0 }), np.ValueError, /^restart: gmres: expected a positive integer/],
    ['bicgstab with x0 of the wrong length', () => linalg.bicgstab(square, np.ones([4]), { x0: np.ones([2]) }), ShapeError, /^x0: bicgstab: expected a vector of length 4/],
    ['eigsh with a non-square matrix', () => linalg.eigsh(A), ShapeError, /^A: eigsh: expected a square matrix/],
    ['eigsh with k = n', () => linalg.eigsh(square, { k: 4 }), np.ValueError, /^k: eigsh: k must be between 1 and n - 1 = 3, got 4/],
    ['eigsh with k = 0', () => linalg.eigsh(square, { k: 0 }), np.ValueError, /^k: eigsh: k must be between 1/],
    ['eigsh of an integer matrix', () => linalg.eigsh(sparse.eye(8, 8, 0, 'int32'), { k: 2 }), DTypeError, /^A: eigsh: expected a float or complex matrix, got int32/],
    ['eigsh with an unknown which', () => linalg.eigsh(sparse.eye(8), { k: 2, which: 'XX' as never }), np.ValueError, /^which: eigsh: expected LM, SM, LA, SA or BE/],
    ['spsolve with a non-square matrix', () => linalg.spsolve(A, np.ones([4])), ShapeError, /^A: spsolve: expected a square matrix/],
    ['norm of an unknown order', () => linalg.norm(square, 3), np.ValueError, /^ord: norm: expected 'fro', 1, -1, Infinity or -Infinity, got 3/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
