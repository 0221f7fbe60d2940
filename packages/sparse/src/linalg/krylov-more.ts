// SciPy's other iterative solvers: minres (Paige–Saunders), lsqr (Paige–Saunders), lsmr
// (Fong–Saunders), cgs (Sonneveld), bicg, qmr (Freund–Nachtigal) and tfqmr (Freund), over
// numeric vectors with krylov.ts's Vectors and fused update task. Vector work stays on the
// runtime; each iteration reads a few scalars (inner products, norms) to the host, as gmres does,
// for the recurrences' rotations and the stopping tests.
import { ArgumentError, DTypeError, isOptionsObject, checkOptions, ShapeError, tidy, type DType } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { csrArray } from '../csr.js';
import { sparray } from '../sparray.js';
import {
  cdiv,
  checkOperator,
  checkTolerances,
  cmul,
  cneg,
  productOf,
  psolveOf,
  residual,
  setUp,
  SOLVER_OPTIONS,
  solverDType,
  solverOptions,
  startOf,
  Vectors,
  type C,
  type Problem,
  type SolverOptions,
  type SolverResult,
} from './krylov.js';
import { LinearOperator, type Operator, viaCsr, type MatrixLike } from './operator.js';

type Apply = (p: np.ndarray, out: np.ndarray) => np.ndarray;
type Psolve = ((r: np.ndarray) => np.ndarray) | null;

const cabs = (a: C): number => Math.hypot(a.re, a.im);
const conj = (a: C): C => ({ re: a.re, im: -a.im });
const real = (k: number): C => ({ re: k, im: 0 });
const cscale = (a: C, k: number): C => ({ re: a.re * k, im: a.im * k });
/** A host coefficient in the solver's type: complex for complex vectors, else the real part. */
const coef = (a: C, t: DType): number | C => (t.isComplex ? a : a.re);

/** out = Aᴴ·p: a csrArray's conjugate transpose made once, or the operator's rmatvec. */
function adjointOf(name: string, A: Operator, argument = 'A'): { apply: Apply; release(): void } {
  if (A instanceof csrArray) {
    const AH = tidy(() => (A.dtype.isComplex ? A.T.conj() : A.T));
    return { apply: (p, out) => AH.matvec(p, { out }), release: () => AH.dispose() };
  }
  if (!A.hasRmatvec) {
    throw new DTypeError(argument, `${name}: needs Aᴴ·x, but the LinearOperator was made without rmatvec; give rmatvec (x => Aᴴ·x) or a csrArray`);
  }
  return {
    apply: (p, out) => {
      const y = A.rmatvec(p);
      out.assign(y);
      y.store.dispose();
      return out;
    },
    release: () => undefined,
  };
}

/** A preconditioner and its adjoint (bicg, qmr): both z = M·r and z = Mᴴ·r. */
function preconditionerPair(name: string, M: unknown, n: number, t: DType, argument: string): { solve: Psolve; rsolve: Psolve; release(): void } {
  if (M === undefined || M === null) return { solve: null, rsolve: null, release: () => undefined };
  if (typeof M === 'function') {
    throw new DTypeError(argument, `${name}: needs the preconditioner's adjoint as well, which a function does not give; pass a csrArray or a LinearOperator with rmatvec`);
  }
  if (!(M instanceof csrArray) && !(M instanceof LinearOperator)) throw new DTypeError(argument, `${name}: expected a csrArray or a LinearOperator`);
  const solve = psolveOf(name, M, n, t, argument);
  if (M instanceof LinearOperator) {
    if (!M.hasRmatvec) throw new DTypeError(argument, `${name}: needs the preconditioner's adjoint, but the LinearOperator was made without rmatvec`);
    return { solve, rsolve: psolveOf(name, (r: np.ndarray) => M.rmatvec(r), n, t, argument), release: () => undefined };
  }
  const MH = tidy(() => (M.dtype.isComplex ? M.T.conj() : M.T));
  return { solve, rsolve: psolveOf(name, MH, n, t, argument), release: () => MH.dispose() };
}

/** z = M·r (r itself with no preconditioner); free z with {@link drop} when z !== r. */
const applyM = (psolve: Psolve, r: np.ndarray): np.ndarray => (psolve ? psolve(r) : r);
const drop = (z: np.ndarray, r: np.ndarray): void => {
  if (z !== r && !z.store.disposed) z.store.dispose();
};

/** Runs a solver body with its work vectors freed afterwards, and x freed when it throws. */
function solving<T>(p: Problem, body: (work: np.ndarray[]) => T): T {
  const work: np.ndarray[] = [];
  try {
    return body(work);
  } catch (error) {
    if (!p.x.store.disposed) p.x.store.dispose();
    throw error;
  } finally {
    for (const a of work) if (!a.store.disposed) a.store.dispose();
    p.release();
  }
}

const zeroSolution = (p: Problem): SolverResult => {
  p.x.store.dispose();
  return { x: np.zeros([p.n], p.t), info: 0, iterations: 0 };
};

// ---------------------------------------------------------------------------------------------
// MINRES

export interface MinresOptions extends Omit<SolverOptions, 'atol'> {
  /** Solves (A − shift·I)·x = b (default 0). */
  shift?: number;
  /** Logs each iteration and the reason for stopping. */
  show?: boolean;
  /** Checks that A and M are symmetric (Hermitian) first; a ValueError naming A or M if not. */
  check?: boolean;
}

/** SciPy's minres result, with the Paige–Saunders stopping reason as `istop`. */
export interface MinresResult extends SolverResult {
  /**
   * −1 β₂ = 0 (b and x eigenvectors when M = I), 0 b = 0, 1 A·x = b to rtol, 2 a least-squares
   * solution to rtol, 3 machine accuracy, 4 cond(A) past 0.1/eps, 6 the iteration limit.
   */
  istop: number;
}

const MINRES_OPTIONS = ['x0', 'rtol', 'shift', 'maxiter', 'M', 'callback', 'show', 'check'] as const;

/**
 * MINRES for a symmetric (Hermitian), possibly indefinite A (SciPy's `minres`), with a symmetric
 * positive definite preconditioner M. info 0 on convergence, maxiter when the limit was reached.
 *
 * @example
 * ```ts
 * const A = sparse.diags([1, -3, 1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.minres(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function minres(A: MatrixLike, b: np.ndarray, options?: MinresOptions): MinresResult;
export function minres(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<MinresOptions, 'x0'>): MinresResult;
export function minres(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | MinresOptions, more?: Omit<MinresOptions, 'x0'>): MinresResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (minres as (...a: unknown[]) => ReturnType<typeof minres>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<MinresOptions>('minres', arguments, x0OrOptions, more, MINRES_OPTIONS);
  const { shift = 0, show = false, check = false } = options;
  if (typeof shift !== 'number' || !Number.isFinite(shift)) throw new np.ValueError('shift', `minres: expected a finite number, got ${String(shift)}`);
  const p = setUp('minres', A, b, options, (n) => 5 * n);
  return solving(p, (work) => minresOf(p, work, options.rtol ?? 1e-5, shift, show === true, check === true, options.callback));
}

function minresOf(p: Problem, work: np.ndarray[], rtol: number, shift: number, show: boolean, check: boolean, callback?: (x: np.ndarray) => void): MinresResult {
  const { v, x, n, t } = p;
  const eps = v.eps;
  const r1 = residual(p);
  work.push(r1);
  const y0 = applyM(p.psolve, r1);
  let beta1 = tidy(() => v.real(v.dot(r1, y0)));
  try {
    if (beta1 < 0) throw new np.ValueError('M', 'minres: the preconditioner is not positive definite (rᴴ·M·r < 0)');
    if (beta1 > 0 && check) minresCheck(p, r1, y0, eps);
  } catch (error) {
    if (y0 !== r1) y0.store.dispose();
    throw error;
  }
  if (beta1 === 0) {
    if (y0 !== r1) y0.store.dispose();
    return { x, info: 0, iterations: 0, istop: 0 };
  }
  beta1 = Math.sqrt(beta1);
  // Lanczos vectors r1 (previous), r2 (current), and the free buffer for the next.
  let r1b = r1;
  let r2 = np.copy(r1);
  let free = np.empty([n], t);
  const lanczos = np.empty([n], t);
  let w = np.zeros([n], t);
  let w1 = np.zeros([n], t);
  let w2 = np.zeros([n], t);
  work.push(r2, free, lanczos, w, w1, w2);
  let yPre = y0; // M·r2 (r2's value is r1's now)
  let yFrom = r1;
  let oldb = 0;
  let beta = beta1;
  let dbar = 0;
  let epsln = 0;
  let phibar = beta1;
  let tnorm2 = 0;
  let gmax = 0;
  let gmin = Number.MAX_VALUE;
  let cs = -1;
  let sn = 0;
  let istop = 0;
  let itn = 0;
  try {
    while (itn < p.maxiter) {
      itn++;
      // v = y / β; y = (A − shift·I)·v − (β / β_old)·r1 − (α / β)·r2
      tidy(() => void np.multiply(yPre, 1 / beta, { out: lanczos }));
      p.matvec(lanczos, free);
      if (shift !== 0) v.addScaled(free, lanczos, -shift);
      if (itn >= 2) v.addScaled(free, r1b, -beta / oldb);
      const alfa = tidy(() => v.real(v.dot(lanczos, free)));
      v.addScaled(free, r2, -alfa / beta);
      // r1 ← r2, r2 ← y; the old r1 is the next free buffer.
      const previous = r1b;
      r1b = r2;
      r2 = free;
      free = previous;
      if (yPre !== yFrom) yPre.store.dispose();
      yPre = applyM(p.psolve, r2);
      yFrom = r2;
      oldb = beta;
      const b2 = tidy(() => v.real(v.dot(r2, yPre)));
      if (b2 < 0) throw new np.ValueError('M', 'minres: the preconditioner is not positive definite (rᴴ·M·r < 0)');
      beta = Math.sqrt(b2);
      tnorm2 += alfa * alfa + oldb * oldb + beta * beta;
      if (itn === 1 && beta / beta1 <= 10 * eps) istop = -1;
      // The previous rotation, then a new one that annihilates β.
      const oldeps = epsln;
      const delta = cs * dbar + sn * alfa;
      const gbar = sn * dbar - cs * alfa;
      epsln = sn * beta;
      dbar = -cs * beta;
      const root = Math.hypot(gbar, dbar);
      const gamma = Math.max(Math.hypot(gbar, beta), eps);
      cs = gbar / gamma;
      sn = beta / gamma;
      const phi = cs * phibar;
      phibar = sn * phibar;
      // w1 ← w2, w2 ← w, w = (v − ε_old·w1 − δ·w2) / γ, into the oldest buffer.
      const next = w1;
      v.combine(next, lanczos, 1 / gamma, 0);
      v.addScaled(next, w2, -oldeps / gamma);
      v.addScaled(next, w, -delta / gamma);
      w1 = w2;
      w2 = w;
      w = next;
      v.addScaled(x, w, phi);
      gmax = Math.max(gmax, gamma);
      gmin = Math.min(gmin, gamma);
      const anorm = Math.sqrt(tnorm2);
      const ynorm = v.norm(x);
      const epsx = anorm * ynorm * eps;
      const rnorm = phibar;
      const test1 = ynorm === 0 || anorm === 0 ? Infinity : rnorm / (anorm * ynorm);
      const test2 = anorm === 0 ? Infinity : root / anorm;
      const acond = gmax / gmin;
      if (istop === 0) {
        if (1 + test2 <= 1) istop = 2;
        if (1 + test1 <= 1) istop = 1;
        if (itn >= p.maxiter) istop = 6;
        if (acond >= 0.1 / eps) istop = 4;
        if (epsx >= beta1) istop = 3;
        if (test2 <= rtol) istop = 2;
        if (test1 <= rtol) istop = 1;
      }
      if (show) console.log(`minres ${itn}: ‖x‖ ${ynorm.toExponential(3)} ‖r‖ ${rnorm.toExponential(3)} test1 ${test1.toExponential(3)} test2 ${test2.toExponential(3)} ‖A‖ ${anorm.toExponential(3)} cond ${acond.toExponential(3)}`);
      callback?.(x);
      if (istop !== 0) break;
    }
  } finally {
    if (yPre !== yFrom && !yPre.store.disposed) yPre.store.dispose();
  }
  if (show) console.log(`minres stopped: istop ${istop} after ${itn} iterations`);
  return { x, info: istop === 6 || (istop === 0 && itn >= p.maxiter) ? p.maxiter : 0, iterations: itn, istop };
}

/** SciPy's minres `check`: A and M Hermitian to about eps^(1/3) on the starting vectors. */
function minresCheck(p: Problem, r1: np.ndarray, y: np.ndarray, eps: number): void {
  const { v, n, t } = p;
  tidy(() => {
    const w = p.matvec(y, np.empty([n], t));
    const r2 = p.matvec(w, np.empty([n], t));
    const s = v.real(v.dot(w, w));
    const u = v.real(v.dot(y, r2));
    if (Math.abs(s - u) > (Math.abs(s) + eps) * eps ** (1 / 3)) throw new np.ValueError('A', 'minres: A is not symmetric (Hermitian) (check)');
    if (p.psolve) {
      const z = p.psolve(y);
      const s2 = v.real(v.dot(y, y));
      const u2 = v.real(v.dot(r1, z));
      if (z !== y) z.store.dispose();
      if (Math.abs(s2 - u2) > (Math.abs(s2) + eps) * eps ** (1 / 3)) throw new np.ValueError('M', 'minres: M is not symmetric (Hermitian) (check)');
    }
  });
}

// ---------------------------------------------------------------------------------------------
// LSQR and LSMR: least squares min ‖A·x − b‖² + damp²·‖x‖² for any shape of A.

export interface LsqrOptions {
  /** The damping (regularisation) factor (default 0). */
  damp?: number;
  /** Stopping tolerances (default 1e-6 each): see SciPy's lsqr. */
  atol?: number;
  btol?: number;
  /** Stops when cond(A) passes conlim (default 1e8; 0 for no limit). */
  conlim?: number;
  /** The iteration limit (default 2·n). */
  iterLim?: number;
  /** Logs each iteration and the reason for stopping. */
  show?: boolean;
  /** Estimates the diagonal of (AᴴA + damp²·I)⁻¹ in `var`. */
  calcVar?: boolean;
  /** The starting guess (zeros by default). */
  x0?: np.ndarray;
}

export interface LsqrFields {
  x: np.ndarray;
  /**
   * 0 x = 0 solves it, 1 A·x = b to atol / btol, 2 a least-squares solution to atol, 3 cond(A)
   * past conlim, 4 / 5 as 1 / 2 to machine precision, 6 cond(A) too large for the precision,
   * 7 the iteration limit.
   */
  istop: number;
  itn: number;
  r1norm: number;
  r2norm: number;
  anorm: number;
  acond: number;
  arnorm: number;
  xnorm: number;
  var: np.ndarray;
}

/** SciPy's lsqr tuple: by name (`{ x, istop }`) or by place (`[x, istop, itn, ...]`). */
export type LsqrResult = LsqrFields &
  readonly [x: np.ndarray, istop: number, itn: number, r1norm: number, r2norm: number, anorm: number, acond: number, arnorm: number, xnorm: number, variance: np.ndarray];

export interface LsmrOptions {
  damp?: number;
  atol?: number;
  btol?: number;
  conlim?: number;
  /** The iteration limit (default min(m, n)). */
  maxiter?: number;
  show?: boolean;
  x0?: np.ndarray;
}

export interface LsmrFields {
  x: np.ndarray;
  /** As lsqr's istop. */
  istop: number;
  itn: number;
  normr: number;
  normar: number;
  norma: number;
  conda: number;
  normx: number;
}

/** SciPy's lsmr tuple: by name or by place (`[x, istop, itn, normr, normar, norma, conda, normx]`). */
export type LsmrResult = LsmrFields & readonly [x: np.ndarray, istop: number, itn: number, normr: number, normar: number, norma: number, conda: number, normx: number];

/** An array of `values` that also has the fields by name (SciPy's tuple, destructured either way). */
function namedTuple<F extends object, T extends readonly unknown[]>(values: T, fields: F): F & T {
  return Object.assign([...values], fields) as unknown as F & T;
}

interface LeastSquares {
  m: number;
  n: number;
  t: DType;
  v: Vectors;
  b: np.ndarray;
  x: np.ndarray;
  matvec: Apply;
  rmatvec: Apply;
  damp: number;
  atol: number;
  btol: number;
  conlim: number;
  iterLim: number;
  show: boolean;
  release(): void;
}

const LSQR_OPTIONS = ['damp', 'atol', 'btol', 'conlim', 'iterLim', 'show', 'calcVar', 'x0'] as const;
const LSMR_OPTIONS = ['damp', 'atol', 'btol', 'conlim', 'maxiter', 'show', 'x0'] as const;

function leastSquaresSetUp(name: string, args: ArrayLike<unknown>, A: Operator, b: np.ndarray, given: unknown, known: readonly string[], limitName: string, defaultLimit: (m: number, n: number) => number): LeastSquares & { options: Record<string, unknown> } {
  noMorePositional(name, args, 3, ['damp', 'atol', 'btol', 'conlim', limitName], `give ${known.join(', ')} in the options object`);
  if (given !== undefined && !isOptionsObject(given)) {
    if (typeof given === 'number') throw new ArgumentError('damp', `${name}: give damp and the other options in an options object, as ${name}(A, b, { damp: ${given} })`);
  }
  const options = checkOptions(given as Record<string, unknown> | undefined, known, name);
  checkOperator(name, A);
  const [m, n] = A.shape;
  if (!(b instanceof np.ndarray)) throw new DTypeError('b', `${name}: expected an ndarray, got ${b === null ? 'null' : typeof b}`);
  const column = b.ndim === 2 && b.shape[1] === 1;
  if (!(b.ndim === 1 || column) || b.shape[0] !== m) throw new ShapeError('b', `${name}: expected shape (${m},) or (${m}, 1) for a (${m}, ${n}) matrix, got (${b.shape.join(', ')})`);
  const { damp = 0, atol = 1e-6, btol = 1e-6, conlim = 1e8, show = false } = options as { damp?: number; atol?: number; btol?: number; conlim?: number; show?: boolean };
  const iterLim = (options[limitName] as number | undefined) ?? defaultLimit(m, n);
  if (typeof damp !== 'number' || !Number.isFinite(damp)) throw new np.ValueError('damp', `${name}: expected a finite number, got ${String(damp)}`);
  checkTolerances(name, { atol, btol, conlim }, iterLim, undefined, limitName);
  const t = solverDType(A, b);
  const x = startOf(name, options.x0, n, t);
  let adjoint: ReturnType<typeof adjointOf>;
  try {
    adjoint = adjointOf(name, A);
  } catch (error) {
    x.store.dispose();
    throw error;
  }
  const rhs = tidy(() => (column ? b.reshape(m) : b).astype(t));
  const v = new Vectors(t);
  const release = () => {
    rhs.store.dispose();
    v.one.store.dispose();
    adjoint.release();
  };
  return { m, n, t, v, b: rhs, x, matvec: productOf(A), rmatvec: adjoint.apply, damp: Math.abs(damp), atol, btol, conlim, iterLim, show: show === true, release, options };
}

/** A stable Givens rotation [c, s, r] with c·a + s·b = r, s·a = c·b (Choi, Paige–Saunders). */
function symOrtho(a: number, b: number): [number, number, number] {
  if (b === 0) return [a === 0 ? 1 : Math.sign(a), 0, Math.abs(a)];
  if (a === 0) return [0, Math.sign(b), Math.abs(b)];
  if (Math.abs(b) > Math.abs(a)) {
    const tau = a / b;
    const s = Math.sign(b) / Math.sqrt(1 + tau * tau);
    return [s * tau, s, b / s];
  }
  const tau = b / a;
  const c = Math.sign(a) / Math.sqrt(1 + tau * tau);
  return [c, c * tau, a / c];
}

const DOUBLE_EPS = 2.220446049250313e-16;

/**
 * The first step of the Golub–Kahan bidiagonalisation: β·u = b − A·x0, α·v = Aᴴ·u. Returns
 * u, v and the work vectors of lengths m and n.
 */
function bidiagonalStart(s: LeastSquares): { u: np.ndarray; v: np.ndarray; tm: np.ndarray; tn: np.ndarray; beta: number; alfa: number } {
  const { v: V, m, n, t } = s;
  const u = np.copy(s.b);
  const tm = np.empty([m], t);
  const tn = np.empty([n], t);
  tidy(() => {
    if (V.norm(s.x) > 0) {
      s.matvec(s.x, tm);
      V.addScaled(u, tm, -1);
    }
  });
  const beta = V.norm(u);
  const v = np.zeros([n], t);
  let alfa = 0;
  if (beta > 0) {
    V.scale(u, 1 / beta);
    s.rmatvec(u, v);
    alfa = V.norm(v);
  }
  if (alfa > 0) V.scale(v, 1 / alfa);
  return { u, v, tm, tn, beta, alfa };
}

/** One more step: β·u = A·v − α·u, α·v = Aᴴ·u − β·v. Returns [β, α]. */
function bidiagonalStep(s: LeastSquares, u: np.ndarray, v: np.ndarray, tm: np.ndarray, tn: np.ndarray, alfa: number): [number, number] {
  const V = s.v;
  s.matvec(v, tm);
  V.combine(u, tm, 1, -alfa);
  const beta = V.norm(u);
  if (beta > 0) {
    V.scale(u, 1 / beta);
    s.rmatvec(u, tn);
    V.combine(v, tn, 1, -beta);
    alfa = V.norm(v);
    if (alfa > 0) V.scale(v, 1 / alfa);
  }
  return [beta, alfa];
}

/** The float type of x's magnitudes (SciPy's var). */
const realOf = (t: DType): 'float32' | 'float64' => (t.name === 'float32' || t.name === 'complex64' ? 'float32' : 'float64');

/**
 * LSQR (Paige–Saunders) for A·x = b or min ‖A·x − b‖² + damp²·‖x‖², A of any shape (SciPy's
 * `lsqr`); A needs Aᴴ·x (a csrArray, or a LinearOperator with rmatvec). Returns SciPy's tuple.
 *
 * @example
 * ```ts
 * const A = new sparse.csrArray(np.array([[1, 0], [1, 1], [0, 2]]));
 * const result = sparse.linalg.lsqr(A, np.array([1, 2, 2]), { atol: 1e-12, btol: 1e-12 });
 * console.log(result.istop, result.x);
 * // 1 array([1., 1.])
 * ```
 */
export function lsqr(A: MatrixLike, b: np.ndarray, options?: LsqrOptions): LsqrResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (lsqr as (...a: unknown[]) => ReturnType<typeof lsqr>)(m, ...[...arguments].slice(1)));
  const s = leastSquaresSetUp('lsqr', arguments, A, b, options, LSQR_OPTIONS, 'iterLim', (_m, n) => 2 * n);
  const calcVar = s.options.calcVar === true;
  const { v: V, n, t, x } = s;
  const work: np.ndarray[] = [];
  try {
    const { u, v, tm, tn, beta: beta0, alfa: alfa0 } = bidiagonalStart(s);
    work.push(u, v, tm, tn);
    const variance = np.zeros([n], realOf(t));
    const w = np.copy(v);
    work.push(w);
    const bnorm = V.norm(s.b);
    const dampsq = s.damp * s.damp;
    const ctol = s.conlim > 0 ? 1 / s.conlim : 0;
    let alfa = alfa0;
    let rhobar = alfa;
    let phibar = beta0;
    let rnorm = beta0;
    let r1norm = rnorm;
    let r2norm = rnorm;
    let anorm = 0;
    let acond = 0;
    let ddnorm = 0;
    let res2 = 0;
    let xnorm = 0;
    let xxnorm = 0;
    let z = 0;
    let cs2 = -1;
    let sn2 = 0;
    let arnorm = alfa * beta0;
    let istop = 0;
    let itn = 0;
    const result = () => namedTuple([x, istop, itn, r1norm, r2norm, anorm, acond, arnorm, xnorm, variance] as const, { x, istop, itn, r1norm, r2norm, anorm, acond, arnorm, xnorm, var: variance });
    if (arnorm === 0) {
      if (s.show) console.log('lsqr: the exact solution is x = x0');
      return result();
    }
    while (itn < s.iterLim) {
      itn++;
      const [beta, alfaNext] = bidiagonalStep(s, u, v, tm, tn, alfa);
      if (beta > 0) anorm = Math.sqrt(anorm * anorm + alfa * alfa + beta * beta + dampsq);
      alfa = alfaNext;
      // The damping, eliminated by a rotation, then the rotation for the lower bidiagonal.
      let rhobar1 = rhobar;
      let psi = 0;
      if (s.damp > 0) {
        rhobar1 = Math.hypot(rhobar, s.damp);
        const cs1 = rhobar / rhobar1;
        const sn1 = s.damp / rhobar1;
        psi = sn1 * phibar;
        phibar = cs1 * phibar;
      }
      const [cs, sn, rho] = symOrtho(rhobar1, beta);
      const theta = sn * alfa;
      rhobar = -cs * alfa;
      const phi = cs * phibar;
      phibar = sn * phibar;
      const tau = sn * phi;
      // x += (φ/ρ)·w, w = v − (θ/ρ)·w; ‖dk‖ = ‖w‖/ρ.
      const wnorm = V.norm(w);
      ddnorm += (wnorm / rho) ** 2;
      if (calcVar) tidy(() => void np.add(variance, np.multiply(np.square(np.abs(w)), 1 / (rho * rho)).astype(variance.dtype), { out: variance }));
      V.addScaled(x, w, phi / rho);
      V.combine(w, v, 1, -theta / rho);
      // ‖x‖ estimated from the rotations (Paige–Saunders).
      const delta = sn2 * rho;
      const gambar = -cs2 * rho;
      const rhs = phi - delta * z;
      const zbar = rhs / gambar;
      xnorm = Math.sqrt(xxnorm + zbar * zbar);
      const gamma = Math.hypot(gambar, theta);
      cs2 = gambar / gamma;
      sn2 = theta / gamma;
      z = rhs / gamma;
      xxnorm += z * z;
      acond = anorm * Math.sqrt(ddnorm);
      res2 += psi * psi;
      rnorm = Math.sqrt(phibar * phibar + res2);
      arnorm = alfa * Math.abs(tau);
      const r1sq = rnorm * rnorm - dampsq * xxnorm;
      r1norm = Math.sign(r1sq) * Math.sqrt(Math.abs(r1sq));
      r2norm = rnorm;
      // The stopping tests.
      const test1 = rnorm / bnorm;
      const test2 = arnorm / (anorm * rnorm + DOUBLE_EPS);
      const test3 = 1 / (acond + DOUBLE_EPS);
      const t1 = test1 / (1 + (anorm * xnorm) / bnorm);
      const rtol = s.btol + (s.atol * anorm * xnorm) / bnorm;
      if (itn >= s.iterLim) istop = 7;
      if (1 + test3 <= 1) istop = 6;
      if (1 + test2 <= 1) istop = 5;
      if (1 + t1 <= 1) istop = 4;
      if (test3 <= ctol) istop = 3;
      if (test2 <= s.atol) istop = 2;
      if (test1 <= rtol) istop = 1;
      if (s.show) console.log(`lsqr ${itn}: r1norm ${r1norm.toExponential(3)} r2norm ${r2norm.toExponential(3)} compatible ${test1.toExponential(3)} LS ${test2.toExponential(3)} ‖A‖ ${anorm.toExponential(3)} cond ${acond.toExponential(3)}`);
      if (istop !== 0) break;
    }
    if (s.show) console.log(`lsqr stopped: istop ${istop} after ${itn} iterations`);
    return result();
  } catch (error) {
    x.store.dispose();
    throw error;
  } finally {
    for (const a of work) a.store.dispose();
    s.release();
  }
}

/**
 * LSMR (Fong–Saunders) for A·x = b or min ‖A·x − b‖² + damp²·‖x‖² (SciPy's `lsmr`): ‖Aᴴ·r‖
 * decreases monotonically. A needs Aᴴ·x. Returns SciPy's tuple.
 *
 * @example
 * ```ts
 * const A = new sparse.csrArray(np.array([[1, 0], [1, 1], [0, 2]]));
 * const result = sparse.linalg.lsmr(A, np.array([1, 2, 2]), { atol: 1e-12, btol: 1e-12 });
 * console.log(result.istop, result.x);
 * // 1 array([1., 1.])
 * ```
 */
export function lsmr(A: MatrixLike, b: np.ndarray, options?: LsmrOptions): LsmrResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (lsmr as (...a: unknown[]) => ReturnType<typeof lsmr>)(m, ...[...arguments].slice(1)));
  const s = leastSquaresSetUp('lsmr', arguments, A, b, options, LSMR_OPTIONS, 'maxiter', (m, n) => Math.min(m, n));
  const { v: V, n, t, x } = s;
  const work: np.ndarray[] = [];
  try {
    const { u, v, tm, tn, beta: beta0, alfa: alfa0 } = bidiagonalStart(s);
    work.push(u, v, tm, tn);
    const normb = V.norm(s.b);
    const ctol = s.conlim > 0 ? 1 / s.conlim : 0;
    let alpha = alfa0;
    let zetabar = alpha * beta0;
    let alphabar = alpha;
    let rho = 1;
    let rhobar = 1;
    let cbar = 1;
    let sbar = 0;
    const h = np.copy(v);
    const hbar = np.zeros([n], t);
    work.push(h, hbar);
    // ‖r‖ estimation.
    let betadd = beta0;
    let betad = 0;
    let rhodold = 1;
    let tautildeold = 0;
    let thetatilde = 0;
    let zeta = 0;
    let d = 0;
    let normA2 = alpha * alpha;
    let maxrbar = 0;
    let minrbar = 1e100;
    let normA = Math.sqrt(normA2);
    let condA = 1;
    let normx = 0;
    let normr = beta0;
    let normar = alpha * beta0;
    let istop = 0;
    let itn = 0;
    const result = () => namedTuple([x, istop, itn, normr, normar, normA, condA, normx] as const, { x, istop, itn, normr, normar, norma: normA, conda: condA, normx });
    if (normb === 0) {
      tidy(() => void np.multiply(x, 0, { out: x }));
      normx = 0;
      return result();
    }
    if (normar === 0) return result();
    while (itn < s.iterLim) {
      itn++;
      const [beta, alphaNext] = bidiagonalStep(s, u, v, tm, tn, alpha);
      alpha = alphaNext;
      // Rotations: the damping, then the bidiagonal, then the second QR.
      const [chat, shat, alphahat] = symOrtho(alphabar, s.damp);
      const rhoold = rho;
      const [c, sn, rhoNew] = symOrtho(alphahat, beta);
      rho = rhoNew;
      const thetanew = sn * alpha;
      alphabar = c * alpha;
      const rhobarold = rhobar;
      const zetaold = zeta;
      const thetabar = sbar * rho;
      const rhotemp = cbar * rho;
      [cbar, sbar, rhobar] = symOrtho(cbar * rho, thetanew);
      zeta = cbar * zetabar;
      zetabar = -sbar * zetabar;
      // hbar = h − (θ̄ρ / (ρ_old ρ̄_old))·hbar; x += (ζ / (ρ ρ̄))·hbar; h = v − (θ/ρ)·h.
      V.combine(hbar, h, 1, -(thetabar * rho) / (rhoold * rhobarold));
      V.addScaled(x, hbar, zeta / (rho * rhobar));
      V.combine(h, v, 1, -thetanew / rho);
      // ‖r‖ from the rotations.
      const betaacute = chat * betadd;
      const betacheck = -shat * betadd;
      const betahat = c * betaacute;
      betadd = -sn * betaacute;
      const thetatildeold = thetatilde;
      const [ctildeold, stildeold, rhotildeold] = symOrtho(rhodold, thetabar);
      thetatilde = stildeold * rhobar;
      rhodold = ctildeold * rhobar;
      betad = -stildeold * betad + ctildeold * betahat;
      tautildeold = (zetaold - thetatildeold * tautildeold) / rhotildeold;
      const taud = (zeta - thetatilde * tautildeold) / rhodold;
      d += betacheck * betacheck;
      normr = Math.sqrt(d + (betad - taud) ** 2 + betadd * betadd);
      // ‖A‖, cond(A), ‖Aᴴr‖, ‖x‖.
      normA2 += beta * beta;
      normA = Math.sqrt(normA2);
      normA2 += alpha * alpha;
      maxrbar = Math.max(maxrbar, rhobarold);
      if (itn > 1) minrbar = Math.min(minrbar, rhobarold);
      condA = Math.max(maxrbar, rhotemp) / Math.min(minrbar, rhotemp);
      normar = Math.abs(zetabar);
      normx = V.norm(x);
      // The stopping tests, as lsqr's.
      const test1 = normr / normb;
      const test2 = normA * normr !== 0 ? normar / (normA * normr) : Infinity;
      const test3 = 1 / condA;
      const t1 = test1 / (1 + (normA * normx) / normb);
      const rtol = s.btol + (s.atol * normA * normx) / normb;
      if (itn >= s.iterLim) istop = 7;
      if (1 + test3 <= 1) istop = 6;
      if (1 + test2 <= 1) istop = 5;
      if (1 + t1 <= 1) istop = 4;
      if (test3 <= ctol) istop = 3;
      if (test2 <= s.atol) istop = 2;
      if (test1 <= rtol) istop = 1;
      if (s.show) console.log(`lsmr ${itn}: ‖r‖ ${normr.toExponential(3)} ‖Aᴴr‖ ${normar.toExponential(3)} compatible ${test1.toExponential(3)} LS ${test2.toExponential(3)} ‖A‖ ${normA.toExponential(3)} cond ${condA.toExponential(3)}`);
      if (istop !== 0) break;
    }
    if (s.show) console.log(`lsmr stopped: istop ${istop} after ${itn} iterations`);
    return result();
  } catch (error) {
    x.store.dispose();
    throw error;
  } finally {
    for (const a of work) a.store.dispose();
    s.release();
  }
}

// ---------------------------------------------------------------------------------------------
// CGS, BiCG, QMR, TFQMR for general square A.

/**
 * Conjugate gradient squared (Sonneveld; SciPy's `cgs`); info −10 when ρ breaks down.
 *
 * @example
 * ```ts
 * const A = sparse.diags([-2, 5, -1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.cgs(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function cgs(A: MatrixLike, b: np.ndarray, options?: SolverOptions): SolverResult;
export function cgs(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<SolverOptions, 'x0'>): SolverResult;
export function cgs(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | SolverOptions, more?: Omit<SolverOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (cgs as (...a: unknown[]) => ReturnType<typeof cgs>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<SolverOptions>('cgs', arguments, x0OrOptions, more, SOLVER_OPTIONS);
  const p = setUp('cgs', A, b, options, (n) => 10 * n);
  return solving(p, (work) => cgsOf(p, work, options));
}

function cgsOf(p: Problem, work: np.ndarray[], options: SolverOptions): SolverResult {
  const { v, x, n, t } = p;
  if (p.bnorm === 0) return zeroSolution(p);
  const r = residual(p);
  work.push(r);
  if (v.norm(r) < p.atol) return { x, info: 0, iterations: 0 };
  const shadow = np.copy(r);
  const u = np.empty([n], t);
  const direction = np.empty([n], t);
  const q = np.zeros([n], t);
  const vhat = np.empty([n], t);
  const qhat = np.empty([n], t);
  const sum = np.empty([n], t);
  work.push(shadow, u, direction, q, vhat, qhat, sum);
  const rhoTolerance = v.eps ** 2;
  let rhoPrevious: C = real(0);
  for (let iterations = 0; iterations < p.maxiter; iterations++) {
    const rho = v.dotValue(shadow, r);
    if (cabs(rho) < rhoTolerance) return { x, info: -10, iterations };
    u.assign(r);
    if (iterations === 0) {
      direction.assign(r);
    } else {
      // u = r + β·q; p = u + β·(q + β·p)
      const beta = cdiv(rho, rhoPrevious);
      v.addScaled(u, q, coef(beta, t));
      v.combine(direction, q, coef(beta, t), coef(cmul(beta, beta), t));
      v.addScaled(direction, u, 1);
    }
    const phat = applyM(p.psolve, direction);
    p.matvec(phat, vhat);
    drop(phat, direction);
    const rv = v.dotValue(shadow, vhat);
    if (rv.re === 0 && rv.im === 0) return { x, info: -11, iterations };
    const alpha = cdiv(rho, rv);
    // q = u − α·v̂; û = M·(u + q); x += α·û; r −= α·A·û
    q.assign(u);
    v.addScaled(q, vhat, coef(cneg(alpha), t));
    sum.assign(u);
    v.addScaled(sum, q, 1);
    const uhat = applyM(p.psolve, sum);
    v.addScaled(x, uhat, coef(alpha, t));
    p.matvec(uhat, qhat);
    drop(uhat, sum);
    v.addScaled(r, qhat, coef(cneg(alpha), t));
    options.callback?.(x);
    if (v.norm(r) < p.atol) return { x, info: 0, iterations: iterations + 1 };
    rhoPrevious = rho;
  }
  return { x, info: p.maxiter, iterations: p.maxiter };
}

/**
 * Biconjugate gradients (SciPy's `bicg`): needs Aᴴ·x, and M's adjoint for a preconditioner.
 *
 * @example
 * ```ts
 * const A = sparse.diags([-2, 5, -1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.bicg(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function bicg(A: MatrixLike, b: np.ndarray, options?: SolverOptions): SolverResult;
export function bicg(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<SolverOptions, 'x0'>): SolverResult;
export function bicg(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | SolverOptions, more?: Omit<SolverOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (bicg as (...a: unknown[]) => ReturnType<typeof bicg>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<SolverOptions>('bicg', arguments, x0OrOptions, more, SOLVER_OPTIONS);
  const { M, ...rest } = options;
  const p = setUp('bicg', A, b, rest, (n) => 10 * n);
  let adjoint: ReturnType<typeof adjointOf> | undefined;
  let pair: ReturnType<typeof preconditionerPair> | undefined;
  try {
    adjoint = adjointOf('bicg', A);
    pair = preconditionerPair('bicg', M, p.n, p.t, 'M');
  } catch (error) {
    adjoint?.release();
    p.x.store.dispose();
    p.release();
    throw error;
  }
  const { apply } = adjoint;
  const { solve, rsolve } = pair;
  try {
    return solving(p, (work) => bicgOf(p, work, apply, solve, rsolve, options));
  } finally {
    adjoint.release();
    pair.release();
  }
}

function bicgOf(p: Problem, work: np.ndarray[], rmatvec: Apply, solve: Psolve, rsolve: Psolve, options: SolverOptions): SolverResult {
  const { v, x, n, t } = p;
  if (p.bnorm === 0) return zeroSolution(p);
  const r = residual(p);
  const shadow = np.copy(r);
  const direction = np.empty([n], t);
  const shadowDirection = np.empty([n], t);
  const q = np.empty([n], t);
  const qtilde = np.empty([n], t);
  work.push(r, shadow, direction, shadowDirection, q, qtilde);
  const rhoTolerance = v.eps ** 2;
  let rhoPrevious: C = real(0);
  for (let iterations = 0; iterations < p.maxiter; iterations++) {
    if (v.norm(r) < p.atol) return { x, info: 0, iterations };
    const z = applyM(solve, r);
    const ztilde = applyM(rsolve, shadow);
    const rho = v.dotValue(shadow, z);
    if (cabs(rho) < rhoTolerance) {
      drop(z, r);
      drop(ztilde, shadow);
      return { x, info: -10, iterations };
    }
    if (iterations === 0) {
      direction.assign(z);
      shadowDirection.assign(ztilde);
    } else {
      // p = z + β·p; p̃ = z̃ + β̄·p̃
      const beta = cdiv(rho, rhoPrevious);
      v.combine(direction, z, 1, coef(beta, t));
      v.combine(shadowDirection, ztilde, 1, coef(conj(beta), t));
    }
    drop(z, r);
    drop(ztilde, shadow);
    p.matvec(direction, q);
    rmatvec(shadowDirection, qtilde);
    const pq = v.dotValue(shadowDirection, q);
    if (pq.re === 0 && pq.im === 0) return { x, info: -11, iterations };
    const alpha = cdiv(rho, pq);
    v.addScaled(x, direction, coef(alpha, t));
    v.addScaled(r, q, coef(cneg(alpha), t));
    v.addScaled(shadow, qtilde, coef(cneg(conj(alpha)), t));
    rhoPrevious = rho;
    options.callback?.(x);
  }
  return { x, info: v.norm(r) < p.atol ? 0 : p.maxiter, iterations: p.maxiter };
}

/** Options of qmr: SciPy's left and right preconditioners M1, M2 in place of M. */
export interface QmrOptions extends Omit<SolverOptions, 'M'> {
  /** The left preconditioner (needs its adjoint: a csrArray or a LinearOperator with rmatvec). */
  M1?: Operator;
  /** The right preconditioner (likewise). */
  M2?: Operator;
}

const QMR_OPTIONS = ['x0', 'rtol', 'atol', 'maxiter', 'M1', 'M2', 'callback'] as const;

/**
 * Quasi-minimal residual (Freund–Nachtigal, without look-ahead; SciPy's `qmr`) with left and
 * right preconditioners M1, M2. Needs Aᴴ·x. info −10 … −15 on a breakdown.
 *
 * @example
 * ```ts
 * const A = sparse.diags([-2, 5, -1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.qmr(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function qmr(A: MatrixLike, b: np.ndarray, options?: QmrOptions): SolverResult;
export function qmr(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<QmrOptions, 'x0'>): SolverResult;
export function qmr(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | QmrOptions, more?: Omit<QmrOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (qmr as (...a: unknown[]) => ReturnType<typeof qmr>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<QmrOptions>('qmr', arguments, x0OrOptions, more, QMR_OPTIONS);
  const { M1, M2, ...rest } = options;
  const p = setUp('qmr', A, b, rest, (n) => 10 * n);
  const held: { release(): void }[] = [];
  let left: ReturnType<typeof preconditionerPair>;
  let right: ReturnType<typeof preconditionerPair>;
  let apply: Apply;
  try {
    const adjoint = adjointOf('qmr', A);
    held.push(adjoint);
    apply = adjoint.apply;
    left = preconditionerPair('qmr', M1, p.n, p.t, 'M1');
    held.push(left);
    right = preconditionerPair('qmr', M2, p.n, p.t, 'M2');
    held.push(right);
  } catch (error) {
    for (const h of held) h.release();
    p.x.store.dispose();
    p.release();
    throw error;
  }
  try {
    return solving(p, (work) => qmrOf(p, work, apply, left, right, options));
  } finally {
    for (const h of held) h.release();
  }
}

type Pair = { solve: Psolve; rsolve: Psolve };

function qmrOf(p: Problem, work: np.ndarray[], rmatvec: Apply, left: Pair, right: Pair, options: QmrOptions): SolverResult {
  const { v, x, n, t } = p;
  if (p.bnorm === 0) return zeroSolution(p);
  const tolerance = v.eps;
  const r = residual(p);
  work.push(r);
  // ṽ = r, y = M1⁻¹·ṽ, ρ = ‖y‖; w̃ = r, z = M2⁻ᴴ·w̃, ξ = ‖z‖.
  const vt = np.copy(r);
  const wt = np.copy(r);
  const vv = np.empty([n], t);
  const ww = np.empty([n], t);
  const y = np.empty([n], t);
  const z = np.empty([n], t);
  const pp = np.empty([n], t);
  const qq = np.empty([n], t);
  const pt = np.empty([n], t);
  const d = np.zeros([n], t);
  const s = np.zeros([n], t);
  const tmp = np.empty([n], t);
  work.push(vt, wt, vv, ww, y, z, pp, qq, pt, d, s, tmp);
  const into = (psolve: Psolve, from: np.ndarray, out: np.ndarray) => {
    const k = applyM(psolve, from);
    out.assign(k);
    drop(k, from);
  };
  into(left.solve, vt, y);
  into(right.rsolve, wt, z);
  let rho = v.norm(y);
  let xi = v.norm(z);
  let gamma = 1;
  let eta: C = real(-1);
  let theta = 0;
  let epsilon: C = real(0);
  for (let iterations = 0; iterations < p.maxiter; iterations++) {
    if (v.norm(r) < p.atol) return { x, info: 0, iterations };
    if (rho < tolerance) return { x, info: -10, iterations };
    if (xi < tolerance) return { x, info: -15, iterations };
    // v = ṽ/ρ, y /= ρ; w = w̃/ξ, z /= ξ
    tidy(() => void np.multiply(vt, 1 / rho, { out: vv }));
    v.scale(y, 1 / rho);
    tidy(() => void np.multiply(wt, 1 / xi, { out: ww }));
    v.scale(z, 1 / xi);
    const delta = v.dotValue(z, y);
    if (cabs(delta) < tolerance) return { x, info: -13, iterations };
    // ỹ = M2⁻¹·y, z̃ = M1⁻ᴴ·z; p = ỹ − (ξδ/ε)·p, q = z̃ − (ρ·conj(δ/ε))·q
    if (iterations === 0) {
      into(right.solve, y, pp);
      into(left.rsolve, z, qq);
    } else {
      into(right.solve, y, tmp);
      v.combine(pp, tmp, 1, coef(cneg(cscale(cdiv(delta, epsilon), xi)), t));
      into(left.rsolve, z, tmp);
      v.combine(qq, tmp, 1, coef(cneg(cscale(conj(cdiv(delta, epsilon)), rho)), t));
    }
    p.matvec(pp, pt);
    epsilon = v.dotValue(qq, pt);
    if (cabs(epsilon) < tolerance) return { x, info: -14, iterations };
    const beta = cdiv(epsilon, delta);
    if (cabs(beta) < tolerance) return { x, info: -11, iterations };
    // ṽ = p̃ − β·v, y = M1⁻¹·ṽ; w̃ = Aᴴ·q − conj(β)·w, z = M2⁻ᴴ·w̃
    vt.assign(pt);
    v.addScaled(vt, vv, coef(cneg(beta), t));
    into(left.solve, vt, y);
    const rhoPrevious = rho;
    rho = v.norm(y);
    rmatvec(qq, wt);
    v.addScaled(wt, ww, coef(cneg(conj(beta)), t));
    into(right.rsolve, wt, z);
    xi = v.norm(z);
    const gammaPrevious = gamma;
    const thetaPrevious = theta;
    theta = rho / (gammaPrevious * cabs(beta));
    gamma = 1 / Math.sqrt(1 + theta * theta);
    if (gamma < tolerance) return { x, info: -12, iterations };
    eta = cmul(eta, cscale(cdiv(real(-rhoPrevious), beta), (gamma / gammaPrevious) ** 2));
    // d = η·p + (θ_old γ)²·d; s = η·p̃ + (θ_old γ)²·s; x += d; r −= s
    const k = iterations === 0 ? 0 : (thetaPrevious * gamma) ** 2;
    v.combine(d, pp, coef(eta, t), k);
    v.combine(s, pt, coef(eta, t), k);
    v.addScaled(x, d, 1);
    v.addScaled(r, s, -1);
    options.callback?.(x);
  }
  return { x, info: v.norm(r) < p.atol ? 0 : p.maxiter, iterations: p.maxiter };
}

export interface TfqmrOptions extends SolverOptions {
  /** Logs each iteration and the reason for stopping. */
  show?: boolean;
}

/**
 * Transpose-free QMR (Freund; SciPy's `tfqmr`) with a right preconditioner M. Stops on the QMR
 * bound τ·√(m + 1) < max(atol, rtol·‖b‖); info −1 when ρ breaks down. maxiter counts the
 * half-steps (default min(10000, 10·n)).
 *
 * @example
 * ```ts
 * const A = sparse.diags([-2, 5, -1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.tfqmr(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function tfqmr(A: MatrixLike, b: np.ndarray, options?: TfqmrOptions): SolverResult;
export function tfqmr(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<TfqmrOptions, 'x0'>): SolverResult;
export function tfqmr(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | TfqmrOptions, more?: Omit<TfqmrOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (tfqmr as (...a: unknown[]) => ReturnType<typeof tfqmr>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<TfqmrOptions>('tfqmr', arguments, x0OrOptions, more, [...SOLVER_OPTIONS, 'show']);
  const p = setUp('tfqmr', A, b, options, (n) => Math.min(10000, 10 * n));
  return solving(p, (work) => tfqmrOf(p, work, options));
}

function tfqmrOf(p: Problem, work: np.ndarray[], options: TfqmrOptions): SolverResult {
  const { v, x, n, t } = p;
  const show = options.show === true;
  if (p.bnorm === 0) return zeroSolution(p);
  const r = residual(p);
  work.push(r);
  let tau = v.norm(r);
  if (tau < p.atol) return { x, info: 0, iterations: 0 };
  // The right-preconditioned system A·M·y = b: û = M·u, d̂ = M·d, x += η·d̂.
  const shadow = np.copy(r);
  const w = np.copy(r);
  const u = np.copy(r);
  const uhat = np.empty([n], t);
  const au = np.empty([n], t); // A·û of the current u (even steps: made by the odd step before)
  const vv = np.empty([n], t);
  const dhat = np.zeros([n], t);
  work.push(shadow, w, u, uhat, au, vv, dhat);
  const precondition = (from: np.ndarray) => {
    const k = applyM(p.psolve, from);
    uhat.assign(k);
    drop(k, from);
  };
  precondition(u);
  p.matvec(uhat, au); // A·û₀, and v₀ = A·û₀
  vv.assign(au);
  let theta = 0;
  let eta: C = real(0);
  let rho = v.dotValue(shadow, r);
  let alpha: C = real(0);
  for (let m = 0; m < p.maxiter; m++) {
    const even = m % 2 === 0;
    if (even) {
      const sigma = v.dotValue(shadow, vv);
      if (sigma.re === 0 && sigma.im === 0) return { x, info: -1, iterations: m };
      alpha = cdiv(rho, sigma);
      // au holds A·û of this u: v₀'s at the start, else the last odd step's.
    } else {
      p.matvec(uhat, au);
    }
    // w −= α·A·û; d̂ = û + (θ²η/α)·d̂
    v.addScaled(w, au, coef(cneg(alpha), t));
    v.combine(dhat, uhat, 1, coef(cscale(cdiv(eta, alpha), theta * theta), t));
    theta = v.norm(w) / tau;
    const c = 1 / Math.sqrt(1 + theta * theta);
    tau = tau * theta * c;
    eta = cscale(alpha, c * c);
    v.addScaled(x, dhat, coef(eta, t));
    if (show) console.log(`tfqmr ${m + 1}: residual bound ${(tau * Math.sqrt(m + 1)).toExponential(3)}`);
    options.callback?.(x);
    if (tau * Math.sqrt(m + 1) < p.atol) {
      if (show) console.log(`tfqmr converged after ${m + 1} iterations`);
      return { x, info: 0, iterations: m + 1 };
    }
    if (even) {
      // u_{m+1} = u_m − α·v
      v.addScaled(u, vv, coef(cneg(alpha), t));
      precondition(u);
    } else {
      // ρ = r̃ᴴ·w; β = ρ/ρ_old; u = w + β·u; v = A·M·u + β·(A·M·u_old + β·v)
      const rhoNext = v.dotValue(shadow, w);
      if (rho.re === 0 && rho.im === 0) return { x, info: -1, iterations: m + 1 };
      const beta = cdiv(rhoNext, rho);
      rho = rhoNext;
      v.combine(u, w, 1, coef(beta, t));
      v.combine(vv, au, coef(beta, t), coef(cmul(beta, beta), t));
      precondition(u);
      p.matvec(uhat, au);
      v.addScaled(vv, au, 1);
    }
  }
  if (show) console.log(`tfqmr: no convergence in ${p.maxiter} iterations`);
  return { x, info: p.maxiter, iterations: p.maxiter };
}
