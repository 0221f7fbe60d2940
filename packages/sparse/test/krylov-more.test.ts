// sparse.linalg's minres, lsqr, lsmr, cgs, bicg, qmr and tfqmr against scipy.sparse.linalg: fresh
// random well-conditioned systems each run (SPD and symmetric indefinite for minres, over- and
// under-determined for lsqr / lsmr, nonsymmetric for the rest), the solutions checked against
// SciPy's and numpy.linalg's, with preconditioners, x0, LinearOperators, complex and float32
// systems, and the typed errors for bad input.
import { describe, expect, it } from 'vitest';

import { ArgumentError, DTypeError, ShapeError, UnknownOptionError } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { randint, randomCoo, scipyInputs, values } from './harness.js';
import { useScipyAndForcedPartitioning } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();
const { linalg } = sparse;

const normOf = (x: np.ndarray) => np.linalg.norm(x).item() as number;
const residualOf = (A: sparse.csrArray, x: np.ndarray, b: np.ndarray) => normOf(np.subtract(b, A.dot(x)));
const relativeError = (x: np.ndarray, want: np.ndarray) => normOf(np.subtract(x, want)) / Math.max(1e-300, normOf(want));
const rng = () => np.random.defaultRng(randint(0, 1e9));
const maxOf = (a: np.ndarray) => (a.toArray() as Float64Array).reduce((m, v) => Math.max(m, v), 0);
/** A real vector from Python's `out` (complex results come back as [real parts, imaginary parts]). */
const fromPython = (v: NdValue) => np.asarray(v.data as Float64Array);
const complexFromPython = (v: NdValue) => {
  const d = v.data as Float64Array;
  const n = d.length / 2;
  return np.add(np.asarray(d.slice(0, n)), np.multiply(np.asarray(d.slice(n)), { re: 0, im: 1 }));
};
const toPython = (x: np.ndarray): Record<string, NdValue> => ({ re: values(np.real(x).copy()), im: values(np.imag(x).copy()) });

interface System {
  A: sparse.csrArray;
  /** Python that makes A (a scipy csr_array) from `inputs`. */
  code: string;
  inputs: Record<string, NdValue>;
}

/** R + Rᵀ + a diagonal of ±(the largest row sum + 1): symmetric, SPD or indefinite, |λ| ≥ 1. */
function symmetric(n: number, indefinite: boolean): System {
  const c = randomCoo(n, n, 0.1);
  const R = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [n, n] });
  const S = R.add(R.T);
  const shift = maxOf(S.abs().sum(1)) + 1;
  const signs = Float64Array.from({ length: n }, (_, i) => (indefinite && i % 3 === 1 ? -shift : shift));
  const A = S.add(sparse.diags([np.asarray(signs)], [0]));
  const s = scipyInputs('R', c);
  return { A, code: `${s.code}A = (R + R.T + scipy.sparse.diags([d], [0])).tocsr()\n`, inputs: { ...s.inputs, d: values(np.asarray(signs)) } };
}

/** R + shift·I, nonsymmetric and diagonally dominant. */
function nonsymmetric(n: number): System {
  const c = randomCoo(n, n, 0.1);
  const R = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [n, n] });
  const shift = maxOf(R.abs().sum(1)) + 1;
  const A = R.add(sparse.identity(n).multiply(shift));
  const s = scipyInputs('R', c);
  return { A, code: `${s.code}A = (R + scipy.sparse.identity(${n}) * ${shift}).tocsr()\n`, inputs: s.inputs };
}

/** R + shift·eye(m, n) with shift past ‖R‖₂ + 1: all singular values in [1, 2·shift]. */
function rectangular(m: number, n: number): System {
  const c = randomCoo(m, n, 0.15);
  const R = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [m, n] });
  const shift = Math.sqrt(maxOf(R.abs().sum(0)) * maxOf(R.abs().sum(1))) + 1;
  const A = R.add(sparse.eye(m, n).multiply(shift));
  const s = scipyInputs('R', c);
  return { A, code: `${s.code}A = (R + scipy.sparse.eye(${m}, ${n}) * ${shift}).tocsr()\n`, inputs: s.inputs };
}

/** A complex version: A + i·(A's pattern with other values), made Hermitian when asked. */
function complexOf(sys: System, hermitian: boolean): System {
  const [m, n] = sys.A.shape;
  const c = randomCoo(m, n, 0.1);
  const I = new sparse.csrArray([np.multiply(np.asarray(c.data), 0.3), [c.row, c.col]], { shape: [m, n] });
  const imaginary = hermitian ? I.subtract(I.T) : I; // iK Hermitian for K antisymmetric
  const extra = 0.3 * (maxOf(I.abs().sum(0)) + maxOf(I.abs().sum(1)));
  // The imaginary part can shrink the smallest singular value by up to ‖K‖: push the shift past it.
  const grow = m === n && !hermitian ? sparse.identity(n).multiply(extra) : m === n ? sparse.diags([np.sign(sys.A.diagonal())], [0]).multiply(extra) : sparse.eye(m, n).multiply(extra);
  const A = sys.A.add(grow).astype('complex128').add(imaginary.astype('complex128').multiply(np.full([], { re: 0, im: 1 }, 'complex128')));
  const s = scipyInputs('I', c);
  const grown = m === n && hermitian ? `scipy.sparse.diags([np.sign(A.diagonal())], [0]) * ${extra}` : `scipy.sparse.eye(${m}, ${n}) * ${extra}`;
  const im = hermitian ? '(0.3 * I - 0.3 * I.T)' : '0.3 * I';
  return { A, code: `${sys.code}${s.code}A = (A + ${grown} + 1j * ${im}).tocsr()\n`, inputs: { ...sys.inputs, ...s.inputs } };
}

const complexVector = (n: number) => np.add(rng().normal(0, 1, n), np.multiply(rng().normal(0, 1, n), { re: 0, im: 1 }));
const jacobi = (A: sparse.csrArray) => sparse.diags([np.reciprocal(np.abs(A.diagonal()))], [0]);

describe.skipIf(!python.ok)('minres against SciPy', () => {
  it.each([false, true])('minres, indefinite %s: SciPy\'s solution, numpy.linalg.solve\'s, x0, callback', async (indefinite) => {
    for (const n of [1, 9, 60, 150]) {
      const { A, code, inputs } = symmetric(n, indefinite && n > 1);
      const b = rng().normal(0, 1, n);
      let calls = 0;
      const { x, info, iterations, istop } = linalg.minres(A, b, { rtol: 1e-10, callback: () => calls++ });
      expect(info, `n=${n}`).toBe(0);
      expect([1, 2, 3, -1]).toContain(istop);
      expect(calls).toBe(iterations);
      const want = await py!.run<{ x: NdValue; exact: NdValue; info: number }>(
        `${code}x, info = scipy.sparse.linalg.minres(A, b, rtol=1e-10)\nout = {'x': x, 'exact': np.linalg.solve(A.toarray(), b), 'info': int(info)}`,
        { ...inputs, b: values(b) },
      );
      expect(want.info).toBe(0);
      // ‖A‖·‖x‖·rtol bounds the residual; cond(A) ≤ 2·shift + 1 turns that into x's error.
      expect(relativeError(x, fromPython(want.exact)), `n=${n} against solve`).toBeLessThan(1e-6);
      expect(relativeError(x, fromPython(want.x)), `n=${n} against SciPy`).toBeLessThan(1e-6);
      // From a start near the solution, fewer iterations.
      const near = linalg.minres(A, b, np.add(fromPython(want.exact), 1e-3), { rtol: 1e-10 });
      expect(near.info).toBe(0);
      expect(relativeError(near.x, fromPython(want.exact))).toBeLessThan(1e-6);
    }
  });

  it('minres with shift, a Jacobi preconditioner, maxiter, b = 0 and a LinearOperator', async () => {
    const n = 80;
    const { A, code, inputs } = symmetric(n, true);
    const b = rng().normal(0, 1, n);
    const shift = 0.37;
    const shifted = linalg.minres(A, b, { shift, rtol: 1e-10 });
    const want = await py!.run<{ x: NdValue; exact: NdValue }>(
      `${code}x, info = scipy.sparse.linalg.minres(A, b, shift=${shift}, rtol=1e-10)\nassert info == 0\nout = {'x': x, 'exact': np.linalg.solve(A.toarray() - ${shift} * np.eye(${n}), b)}`,
      { ...inputs, b: values(b) },
    );
    expect(shifted.info).toBe(0);
    expect(relativeError(shifted.x, fromPython(want.exact))).toBeLessThan(1e-6);
    expect(relativeError(shifted.x, fromPython(want.x))).toBeLessThan(1e-6);
    const exact = np.asarray(await py!.run<NdValue>(`${code}out = np.linalg.solve(A.toarray(), b)`, { ...inputs, b: values(b) }).then((v) => v.data as Float64Array));
    const M = jacobi(A);
    for (const preconditioner of [M, linalg.aslinearoperator(M), (r: np.ndarray) => M.dot(r)]) {
      const result = linalg.minres(A, b, { M: preconditioner, rtol: 1e-10 });
      expect(result.info).toBe(0);
      expect(relativeError(result.x, exact)).toBeLessThan(1e-6);
    }
    const theirsM = await py!.run<NdValue>(`${code}M = scipy.sparse.diags([1 / np.abs(A.diagonal())], [0])\nx, info = scipy.sparse.linalg.minres(A, b, M=M, rtol=1e-10)\nassert info == 0\nout = x`, { ...inputs, b: values(b) });
    expect(relativeError(linalg.minres(A, b, { M, rtol: 1e-10 }).x, fromPython(theirsM))).toBeLessThan(1e-6);
    const few = linalg.minres(A, b, { maxiter: 3, rtol: 1e-12 });
    expect(few.info).toBe(3);
    expect(few.istop).toBe(6);
    const theirsFew = await py!.run<number>(`${code}x, info = scipy.sparse.linalg.minres(A, b, maxiter=3, rtol=1e-12)\nout = int(info)`, { ...inputs, b: values(b) });
    expect(theirsFew).toBe(3);
    const zero = linalg.minres(A, np.zeros([n]));
    expect(zero.info).toBe(0);
    expect(normOf(zero.x)).toBe(0);
    const operator = new linalg.LinearOperator({ shape: [n, n], matvec: (v) => A.dot(v) });
    const viaOperator = linalg.minres(operator, b, { rtol: 1e-10 });
    expect(viaOperator.info).toBe(0);
    expect(relativeError(viaOperator.x, exact)).toBeLessThan(1e-6);
    // check: a symmetric matrix passes, a nonsymmetric one is refused.
    expect(linalg.minres(A, b, { check: true, rtol: 1e-8 }).info).toBe(0);
    expect(() => linalg.minres(nonsymmetric(20).A, rng().normal(0, 1, 20), { check: true })).toThrow(/^A: minres: A is not symmetric/);
  });

  it('minres on a complex Hermitian indefinite matrix and in float32', async () => {
    const n = 50;
    const sys = complexOf(symmetric(n, true), true);
    const b = complexVector(n);
    const { x, info } = linalg.minres(sys.A, b, { rtol: 1e-10 });
    expect(info).toBe(0);
    expect(x.dtype.name).toBe('complex128');
    const exact = await py!.run<NdValue>(`${sys.code}b = re + 1j * im\nassert abs(A - A.conj().T).max() < 1e-12\nx = np.linalg.solve(A.toarray(), b)\nout = np.concatenate([x.real, x.imag])`, { ...sys.inputs, ...toPython(b) });
    expect(relativeError(x, complexFromPython(exact))).toBeLessThan(1e-6);
    const { A } = symmetric(40, false);
    const b32 = rng().normal(0, 1, 40).astype('float32');
    const single = linalg.minres(A.astype('float32'), b32, { rtol: 1e-5 });
    expect(single.info).toBe(0);
    expect(single.x.dtype.name).toBe('float32');
    expect(residualOf(A, single.x.astype('float64'), b32.astype('float64'))).toBeLessThan(1e-4 * normOf(b32.astype('float64')));
  });
});

describe.skipIf(!python.ok)('lsqr and lsmr against SciPy', () => {
  it.each(['lsqr', 'lsmr'] as const)('%s on over- and under-determined systems: SciPy\'s x and istop, numpy.linalg.lstsq\'s x', async (name) => {
    for (const [m, n] of [[40, 25], [25, 40], [120, 70], [30, 30], [1, 3]] as const) {
      const { A, code, inputs } = rectangular(m, n);
      const b = rng().normal(0, 1, m);
      const limit = name === 'lsqr' ? 'iter_lim' : 'maxiter';
      const result = name === 'lsqr' ? linalg.lsqr(A, b, { atol: 1e-12, btol: 1e-12, iterLim: 10 * n }) : linalg.lsmr(A, b, { atol: 1e-12, btol: 1e-12, maxiter: 10 * n });
      const want = await py!.run<{ x: NdValue; exact: NdValue; istop: number; itn: number; norms: number[] }>(
        `${code}r = scipy.sparse.linalg.${name}(A, b, atol=1e-12, btol=1e-12, ${limit}=${10 * n})\nout = {'x': r[0], 'istop': int(r[1]), 'itn': int(r[2]), 'norms': [float(v) for v in r[3:${name === 'lsqr' ? 9 : 8}]], 'exact': np.linalg.lstsq(A.toarray(), b, rcond=None)[0]}`,
        { ...inputs, b: values(b) },
      );
      const label = `${name} (${m}, ${n})`;
      expect(relativeError(result.x, fromPython(want.exact)), label).toBeLessThan(1e-7);
      expect(relativeError(result.x, fromPython(want.x)), label).toBeLessThan(1e-7);
      expect(result.istop, label).toBe(want.istop);
      expect(Math.abs(result.itn - want.itn), `${label}: ${result.itn} vs ${want.itn} iterations`).toBeLessThanOrEqual(2);
      // The estimates: ‖r‖ (r1norm, r2norm / normr), ‖A‖ and cond(A) as SciPy's; ‖x‖ as ‖x‖.
      const got: number[] = name === 'lsqr' ? [result[3], result[4], result[5], result[6]] : [result[3], result[5], result[6]];
      const theirs = name === 'lsqr' ? want.norms.slice(0, 4) : [want.norms[0]!, want.norms[2]!, want.norms[3]!];
      // A one-row A has rank 1: the exact β after the first step is 0, and SciPy adds to ‖A‖ (and
      // so cond(A)) only when round-off leaves β > 0, so there only the residual norms compare.
      const compared = m === 1 ? (name === 'lsqr' ? 2 : 1) : got.length;
      got.slice(0, compared).forEach((value, i) => expect(Math.abs(value - theirs[i]!), `${label} estimate ${i}: ${value} vs ${theirs[i]}`).toBeLessThanOrEqual(1e-4 * Math.abs(theirs[i]!) + 1e-9));
      const xnorm = (name === 'lsqr' ? result[8] : result[7]) as number;
      expect(Math.abs(xnorm - normOf(result.x))).toBeLessThanOrEqual(1e-6 * normOf(result.x));
    }
  });

  it.each(['lsqr', 'lsmr'] as const)('%s with damp, x0, a LinearOperator and a complex matrix; the tuple destructures', async (name) => {
    const [m, n] = [60, 35];
    const { A, code, inputs } = rectangular(m, n);
    const b = rng().normal(0, 1, m);
    const solve = (M: sparse.csrArray | sparse.linalg.LinearOperator, rhs: np.ndarray, options: Record<string, unknown>) =>
      name === 'lsqr' ? linalg.lsqr(M, rhs, { atol: 1e-12, btol: 1e-12, iterLim: 500, ...options }) : linalg.lsmr(M, rhs, { atol: 1e-12, btol: 1e-12, maxiter: 500, ...options });
    const damp = 2.5;
    const damped = solve(A, b, { damp });
    const regular = await py!.run<NdValue>(`${code}A = A.toarray()\nout = np.linalg.solve(A.T @ A + ${damp * damp} * np.eye(${n}), A.T @ b)`, { ...inputs, b: values(b) });
    expect(relativeError(damped.x, fromPython(regular))).toBeLessThan(1e-7);
    const theirs = await py!.run<NdValue>(`${code}out = scipy.sparse.linalg.${name}(A, b, damp=${damp}, atol=1e-12, btol=1e-12)[0]`, { ...inputs, b: values(b) });
    expect(relativeError(damped.x, fromPython(theirs))).toBeLessThan(1e-7);
    // x0 at the solution plus a perturbation ends at the same least-squares solution.
    const exact = fromPython(await py!.run<NdValue>(`${code}out = np.linalg.lstsq(A.toarray(), b, rcond=None)[0]`, { ...inputs, b: values(b) }));
    const started = solve(A, b, { x0: np.add(exact, 1e-2) });
    expect(relativeError(started.x, exact)).toBeLessThan(1e-7);
    const theirsStarted = await py!.run<NdValue>(`${code}out = scipy.sparse.linalg.${name}(A, b, x0=x0, atol=1e-12, btol=1e-12)[0]`, { ...inputs, b: values(b), x0: values(np.add(exact, 1e-2)) });
    expect(relativeError(started.x, fromPython(theirsStarted))).toBeLessThan(1e-7);
    // A LinearOperator with rmatvec.
    const AT = A.T;
    const operator = new linalg.LinearOperator({ shape: [m, n], matvec: (v) => A.dot(v), rmatvec: (v) => AT.dot(v) });
    expect(relativeError(solve(operator, b, {}).x, exact)).toBeLessThan(1e-7);
    // The tuple, by place.
    const result = solve(A, b, {});
    const [x, istop, itn] = result;
    expect(x).toBe(result.x);
    expect(istop).toBe(result.istop);
    expect(itn).toBe(result.itn);
    expect(result.length).toBe(name === 'lsqr' ? 10 : 8);
    // A complex rectangular matrix.
    const sys = complexOf(rectangular(45, 30), false);
    const z = complexVector(45);
    const complexResult = solve(sys.A, z, {});
    expect(complexResult.x.dtype.name).toBe('complex128');
    const complexExact = await py!.run<NdValue>(`${sys.code}b = re + 1j * im\nx = np.linalg.lstsq(A.toarray(), b, rcond=None)[0]\nout = np.concatenate([x.real, x.imag])`, { ...sys.inputs, ...toPython(z) });
    expect(relativeError(complexResult.x, complexFromPython(complexExact))).toBeLessThan(1e-7);
    const complexTheirs = await py!.run<NdValue>(`${sys.code}b = re + 1j * im\nx = scipy.sparse.linalg.${name}(A, b, atol=1e-12, btol=1e-12)[0]\nout = np.concatenate([x.real, x.imag])`, { ...sys.inputs, ...toPython(z) });
    expect(relativeError(complexResult.x, complexFromPython(complexTheirs))).toBeLessThan(1e-7);
  });

  it('lsqr calcVar, b = 0, the iteration limit, a consistent system, float32', async () => {
    const [m, n] = [30, 20];
    const { A, code, inputs } = rectangular(m, n);
    const b = rng().normal(0, 1, m);
    const result = linalg.lsqr(A, b, { atol: 1e-12, btol: 1e-12, calcVar: true });
    // var estimates diag((AᵀA)⁻¹) from the directions made (a lower bound until n of them): as SciPy's.
    const want = await py!.run<NdValue>(`${code}out = scipy.sparse.linalg.lsqr(A, b, atol=1e-12, btol=1e-12, calc_var=True)[9]`, { ...inputs, b: values(b) });
    // The same iterations as SciPy's, but var's last terms amplify rounding (the Lanczos vectors
    // lose orthogonality): over 40 fresh draws it differed from SciPy's by 1e-12 to 2e-7, in one
    // CI run by 1.3e-6. It differs from the exact diag((AᵀA)⁻¹) by 5e-2 to 0.4.
    expect(relativeError(result.var, fromPython(want))).toBeLessThan(1e-4);
    expect(result.var.dtype.name).toBe('float64');
    const zero = linalg.lsqr(A, np.zeros([m]));
    expect(zero.istop).toBe(0);
    expect(zero.itn).toBe(0);
    expect(normOf(zero.x)).toBe(0);
    const zeroLsmr = linalg.lsmr(A, np.zeros([m]));
    expect(zeroLsmr.istop).toBe(0);
    expect(normOf(zeroLsmr.x)).toBe(0);
    const limited = linalg.lsqr(A, b, { iterLim: 2, atol: 1e-14, btol: 1e-14 });
    expect(limited.istop).toBe(7);
    expect(limited.itn).toBe(2);
    expect(linalg.lsmr(A, b, { maxiter: 2, atol: 1e-14, btol: 1e-14 }).istop).toBe(7);
    // A consistent system stops with istop 1 (A·x = b), as SciPy's.
    const xTrue = rng().normal(0, 1, n);
    const consistent = A.dot(xTrue);
    for (const name of ['lsqr', 'lsmr'] as const) {
      const got = linalg[name](A, consistent, { atol: 1e-10, btol: 1e-10 });
      expect(got.istop, name).toBe(1);
      expect(relativeError(got.x, xTrue)).toBeLessThan(1e-7);
    }
    const single = linalg.lsqr(A.astype('float32'), consistent.astype('float32'));
    expect(single.x.dtype.name).toBe('float32');
    expect(relativeError(single.x.astype('float64'), xTrue)).toBeLessThan(1e-4);
  });
});

type General = 'cgs' | 'bicg' | 'qmr' | 'tfqmr';
const general = ['cgs', 'bicg', 'qmr', 'tfqmr'] as const;

function solveGeneral(name: General, A: sparse.csrArray | sparse.linalg.LinearOperator, b: np.ndarray, options: Record<string, unknown> = {}) {
  return (linalg[name] as (A: unknown, b: np.ndarray, options: Record<string, unknown>) => sparse.linalg.SolverResult)(A, b, options);
}

describe.skipIf(!python.ok)('cgs, bicg, qmr and tfqmr against SciPy', () => {
  it.each(general)('%s on nonsymmetric matrices: SciPy\'s solution and info, numpy.linalg.solve\'s', async (name) => {
    for (const n of [1, 6, 50, 140]) {
      const { A, code, inputs } = nonsymmetric(n);
      const b = rng().normal(0, 1, n);
      let calls = 0;
      const { x, info, iterations } = solveGeneral(name, A, b, { rtol: 1e-10, callback: () => calls++ });
      expect(info, `${name} n=${n}`).toBe(0);
      expect(calls).toBe(iterations);
      expect(residualOf(A, x, b)).toBeLessThanOrEqual((name === 'tfqmr' ? 1e-9 : 1e-10) * normOf(b) * 1.0001);
      const want = await py!.run<{ x: NdValue; exact: NdValue; info: number }>(
        `${code}x, info = scipy.sparse.linalg.${name}(A, b, rtol=1e-10)\nout = {'x': x, 'info': int(info), 'exact': np.linalg.solve(A.toarray(), b)}`,
        { ...inputs, b: values(b) },
      );
      expect(want.info).toBe(0);
      expect(relativeError(x, fromPython(want.exact)), `${name} n=${n} against solve`).toBeLessThan(1e-7);
      expect(relativeError(x, fromPython(want.x)), `${name} n=${n} against SciPy`).toBeLessThan(1e-7);
    }
  });

  it.each(general)('%s with a preconditioner, x0, maxiter, b = 0, a LinearOperator and a complex matrix', async (name) => {
    const n = 90;
    const { A, code, inputs } = nonsymmetric(n);
    const b = rng().normal(0, 1, n);
    const exact = fromPython(await py!.run<NdValue>(`${code}out = np.linalg.solve(A.toarray(), b)`, { ...inputs, b: values(b) }));
    const M = jacobi(A);
    const preconditioned = solveGeneral(name, A, b, name === 'qmr' ? { M1: M, rtol: 1e-10 } : { M, rtol: 1e-10 });
    expect(preconditioned.info).toBe(0);
    expect(relativeError(preconditioned.x, exact)).toBeLessThan(1e-7);
    // SciPy's qmr needs M2 whenever M1 is given (it calls M2.rmatvec); ours takes a missing one as I.
    const keyword = name === 'qmr' ? `M2=scipy.sparse.linalg.aslinearoperator(scipy.sparse.identity(${n})), M1` : 'M';
    const theirs = await py!.run<NdValue>(`${code}M = scipy.sparse.linalg.aslinearoperator(scipy.sparse.diags([1 / np.abs(A.diagonal())], [0]))\nx, info = scipy.sparse.linalg.${name}(A, b, ${keyword}=M, rtol=1e-10)\nassert info == 0\nout = x`, { ...inputs, b: values(b) });
    // SciPy's preconditioned tfqmr stops on a bound for another residual than b − A·x: its x
    // can be far less accurate than rtol asks (ours meets rtol on b − A·x, checked above).
    expect(relativeError(preconditioned.x, fromPython(theirs))).toBeLessThan(name === 'tfqmr' ? 1e-1 : 1e-7);
    if (name === 'qmr') {
      const both = linalg.qmr(A, b, { M1: M, M2: sparse.identity(n), rtol: 1e-10 });
      expect(both.info).toBe(0);
      expect(relativeError(both.x, exact)).toBeLessThan(1e-7);
      const right = linalg.qmr(A, b, { M2: linalg.aslinearoperator(M), rtol: 1e-10 });
      expect(right.info).toBe(0);
      expect(relativeError(right.x, exact)).toBeLessThan(1e-7);
    } else {
      const asOperator = solveGeneral(name, A, b, { M: linalg.aslinearoperator(M), rtol: 1e-10 });
      expect(relativeError(asOperator.x, exact)).toBeLessThan(1e-7);
    }
    const x0 = np.add(exact, 1e-3);
    const started = (linalg[name] as (A: unknown, b: np.ndarray, x0: np.ndarray, options: object) => sparse.linalg.SolverResult)(A, b, x0, { rtol: 1e-10 });
    expect(started.info).toBe(0);
    expect(relativeError(started.x, exact)).toBeLessThan(1e-7);
    const few = solveGeneral(name, A, b, { maxiter: 2, rtol: 1e-14 });
    expect(few.info).toBe(2);
    const zero = solveGeneral(name, A, np.zeros([n]));
    expect(zero.info).toBe(0);
    expect(normOf(zero.x)).toBe(0);
    const AT = A.T;
    const operator = new linalg.LinearOperator({ shape: [n, n], matvec: (v) => A.dot(v), rmatvec: (v) => AT.dot(v) });
    const viaOperator = solveGeneral(name, operator, b, { rtol: 1e-10 });
    expect(viaOperator.info).toBe(0);
    expect(relativeError(viaOperator.x, exact)).toBeLessThan(1e-7);
    const sys = complexOf(nonsymmetric(60), false);
    const z = complexVector(60);
    const complexResult = solveGeneral(name, sys.A, z, { rtol: 1e-10 });
    expect(complexResult.info).toBe(0);
    expect(complexResult.x.dtype.name).toBe('complex128');
    const complexExact = await py!.run<NdValue>(`${sys.code}b = re + 1j * im\nx = np.linalg.solve(A.toarray(), b)\nout = np.concatenate([x.real, x.imag])`, { ...sys.inputs, ...toPython(z) });
    expect(relativeError(complexResult.x, complexFromPython(complexExact))).toBeLessThan(1e-7);
    const complexTheirs = await py!.run<NdValue>(`${sys.code}b = re + 1j * im\nx, info = scipy.sparse.linalg.${name}(A, b, rtol=1e-10)\nassert info == 0\nout = np.concatenate([x.real, x.imag])`, { ...sys.inputs, ...toPython(z) });
    expect(relativeError(complexResult.x, complexFromPython(complexTheirs))).toBeLessThan(1e-7);
    // float32 in, float32 out.
    const single = solveGeneral(name, A.astype('float32'), b.astype('float32'), { rtol: 1e-5 });
    expect(single.info).toBe(0);
    expect(single.x.dtype.name).toBe('float32');
    expect(relativeError(single.x.astype('float64'), exact)).toBeLessThan(1e-3);
  });
});

describe('bad input', () => {
  const rect = sparse.eye(4, 5);
  const square = sparse.eye(4);
  const noAdjoint = new linalg.LinearOperator({ shape: [4, 4], matvec: (v) => square.dot(v) });
  const four = () => np.ones([4]);
  it.each([
    ['minres with a non-square matrix', () => linalg.minres(rect, four()), ShapeError, /^A: minres: expected a square matrix, got shape \(4, 5\)/],
    ['minres with b of the wrong length', () => linalg.minres(square, np.ones([3])), ShapeError, /^b: minres: expected shape \(4,\)/],
    ['minres with atol (SciPy\'s minres has none)', () => linalg.minres(square, four(), { atol: 1e-3 } as never), UnknownOptionError, /^options: minres: unknown option 'atol'/],
    ['minres with a non-number shift', () => linalg.minres(square, four(), { shift: 'a' as never }), np.ValueError, /^shift: minres: expected a finite number/],
    ['minres with an indefinite preconditioner', () => linalg.minres(square, four(), { M: sparse.identity(4).multiply(-1) }), np.ValueError, /^M: minres: the preconditioner is not positive definite/],
    ['minres with a preconditioner of the wrong shape', () => linalg.minres(square, four(), { M: sparse.identity(3) }), ShapeError, /^M: minres: expected a \(4, 4\) preconditioner/],
    ['minres with a negative rtol', () => linalg.minres(square, four(), { rtol: -1 }), np.ValueError, /^rtol: minres: expected a non-negative number/],
    ['lsqr with b of the wrong length', () => linalg.lsqr(rect, np.ones([5])), ShapeError, /^b: lsqr: expected shape \(4,\) or \(4, 1\) for a \(4, 5\) matrix/],
    ['lsqr with x0 of the wrong length', () => linalg.lsqr(rect, four(), { x0: four() }), ShapeError, /^x0: lsqr: expected a vector of length 5/],
    ['lsqr with maxiter (SciPy\'s lsqr calls it iter_lim)', () => linalg.lsqr(rect, four(), { maxiter: 3 } as never), UnknownOptionError, /^options: lsqr: unknown option 'maxiter'/],
    ['lsmr with iterLim (SciPy\'s lsmr calls it maxiter)', () => linalg.lsmr(rect, four(), { iterLim: 3 } as never), UnknownOptionError, /^options: lsmr: unknown option 'iterLim'/],
    ['lsqr with damp positionally', () => linalg.lsqr(rect, four(), 0.5 as never), ArgumentError, /^damp: lsqr: give damp/],
    ['lsqr with a negative atol', () => linalg.lsqr(rect, four(), { atol: -1 }), np.ValueError, /^atol: lsqr: expected a non-negative number/],
    ['lsqr with a fractional iterLim', () => linalg.lsqr(rect, four(), { iterLim: 2.5 }), np.ValueError, /^iterLim: lsqr: expected a non-negative integer/],
    ['lsmr with a non-finite damp', () => linalg.lsmr(rect, four(), { damp: NaN }), np.ValueError, /^damp: lsmr: expected a finite number/],
    ['lsqr on a LinearOperator without rmatvec', () => linalg.lsqr(noAdjoint, four()), DTypeError, /^A: lsqr: needs Aᴴ·x, but the LinearOperator was made without rmatvec/],
    ['lsmr on a LinearOperator without rmatvec', () => linalg.lsmr(noAdjoint, four()), DTypeError, /^A: lsmr: needs Aᴴ·x/],
    ['bicg on a LinearOperator without rmatvec', () => linalg.bicg(noAdjoint, four()), DTypeError, /^A: bicg: needs Aᴴ·x/],
    ['qmr on a LinearOperator without rmatvec', () => linalg.qmr(noAdjoint, four()), DTypeError, /^A: qmr: needs Aᴴ·x/],
    ['bicg with a function preconditioner', () => linalg.bicg(square, four(), { M: (r: np.ndarray) => r }), DTypeError, /^M: bicg: needs the preconditioner's adjoint/],
    ['qmr with M (SciPy\'s qmr takes M1 and M2)', () => linalg.qmr(square, four(), { M: square } as never), UnknownOptionError, /^options: qmr: unknown option 'M'/],
    ['qmr with an M2 operator without rmatvec', () => linalg.qmr(square, four(), { M2: noAdjoint }), DTypeError, /^M2: qmr: needs the preconditioner's adjoint/],
    ['cgs with a non-square matrix', () => linalg.cgs(rect, four()), ShapeError, /^A: cgs: expected a square matrix/],
    ['tfqmr with an unknown option', () => linalg.tfqmr(square, four(), { restart: 3 } as never), UnknownOptionError, /^options: tfqmr: unknown option 'restart'/],
    ['bicg with a matrix that is not one', () => linalg.bicg([[1]] as never, four()), DTypeError, /^A: bicg: expected a csrArray or a LinearOperator/],
    ['qmr with b not an array', () => linalg.qmr(square, [1, 2, 3, 4] as never), DTypeError, /^b: qmr: expected an ndarray/],
    ['cgs with too many arguments', () => (linalg.cgs as (...a: unknown[]) => unknown)(square, four(), four(), {}, 1), ArgumentError, /^rtol: cgs takes at most 4 positional arguments/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
