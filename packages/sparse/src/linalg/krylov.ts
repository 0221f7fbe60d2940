// Krylov solvers (SciPy's cg, bicgstab, gmres) over numeric vectors. Coefficients stay in 0-d
// arrays on the runtime and the fused update task reads them there, so CG issues whole
// iterations without waiting; it reads a residual one iteration late (one extra iteration at
// most) to keep the processors busy while the next one is issued.
import { align, ArgumentError, AutoTask, checkOptions, DTypeError, isOptionsObject, Scalar, ShapeError, tidy, dtype as toDType, type DType } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { csrArray } from '../csr.js';
import { sparray } from '../sparray.js';
import { library } from '../native.js';
import { Task } from '../tasks.js';
import { LinearOperator, type Operator, viaCsr, type MatrixLike } from './operator.js';

/** Options of the iterative solvers, as SciPy's. */
export interface SolverOptions {
  /** The starting guess (zeros by default). */
  x0?: np.ndarray;
  /** Converged when ‖b − A·x‖ ≤ max(atol, rtol·‖b‖). */
  rtol?: number;
  atol?: number;
  /** Most iterations (CG, BiCGSTAB: 10·n; GMRES: restart cycles, default n / restart). */
  maxiter?: number;
  /** A preconditioner: an approximation of A⁻¹, applied as M·r. */
  M?: Operator | ((r: np.ndarray) => np.ndarray);
  /** Called after each iteration with the current solution. */
  callback?: (xk: np.ndarray) => void;
}

/** x and SciPy's info: 0 converged, > 0 the iterations done without converging, < 0 a breakdown. */
export interface SolverResult {
  x: np.ndarray;
  info: number;
  /** Iterations done (GMRES: inner iterations). */
  iterations: number;
}

/** numeric's LinAlgError: one error for a failed linear-algebra routine in both libraries. */
export const LinAlgError = np.linalg.LinAlgError;
export type LinAlgError = InstanceType<typeof np.linalg.LinAlgError>;

// The update's constant factors (1, 0 or -1 in every solver), made once each.
const coefficients = new Map<number, Scalar>();
function coefficient(k: number): Scalar {
  let scalar = coefficients.get(k);
  if (!scalar) {
    scalar = new Scalar(k, 'float64');
    if (coefficients.size < 16) coefficients.set(k, scalar);
  }
  return scalar;
}

/** Vector arithmetic of one solver, in its type. */
export class Vectors {
  readonly one: np.ndarray;
  constructor(readonly t: DType) {
    this.one = np.full([], 1, t);
  }

  /** y = kx·(a/b)·x + ky·(c/d)·y, a–d 0-d arrays (a quotient over zero is zero). */
  axpby(y: np.ndarray, x: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray, kx = 1, ky = 1): void {
    new AutoTask(library, Task.Axpby)
      .addInput(x.store)
      .addInput(a.store)
      .addInput(b.store)
      .addInput(c.store)
      .addInput(d.store)
      .addInputOutput(y.store)
      .addConstraint(align(y.store, x.store))
      .addScalar(coefficient(kx))
      .addScalar(coefficient(ky))
      .execute();
  }

  /** y += k·x for a host coefficient. */
  addScaled(y: np.ndarray, x: np.ndarray, k: number | { re: number; im: number }): void {
    tidy(() => this.axpby(y, x, np.full([], k, this.t), this.one, this.one, this.one));
  }

  /** xᴴ·y (conjugated for complex vectors, as SciPy's solvers). */
  dot(x: np.ndarray, y: np.ndarray): np.ndarray {
    return np.vdot(x, y);
  }

  /** A host number: the real part of a 0-d array (waits for it). */
  real(a: np.ndarray): number {
    const v = a.item();
    return typeof v === 'object' && v !== null ? (v as { re: number }).re : Number(v);
  }

  norm(x: np.ndarray): number {
    return tidy(() => Math.sqrt(Math.max(0, this.real(this.dot(x, x)))));
  }

  /** y = a·x + b·y for host coefficients. */
  combine(y: np.ndarray, x: np.ndarray, a: number | C, b: number | C): void {
    tidy(() => this.axpby(y, x, np.full([], a, this.t), this.one, np.full([], b, this.t), this.one));
  }

  /** y = k·y for a host real k. */
  scale(y: np.ndarray, k: number): void {
    tidy(() => void np.multiply(y, k, { out: y }));
  }

  /** A host value of a 0-d array in the solver's type (complex or real). */
  scalar(a: np.ndarray): C {
    return this.t.isComplex ? complexOf(a.item()) : { re: Number(a.item()), im: 0 };
  }

  /** xᴴ·y on the host (waits for it), freeing the 0-d array. */
  dotValue(x: np.ndarray, y: np.ndarray): C {
    return tidy(() => this.scalar(this.dot(x, y)));
  }

  /** The machine epsilon of the solver's type. */
  get eps(): number {
    return this.t.name === 'float32' || this.t.name === 'complex64' ? 1.1920929e-7 : 2.220446049250313e-16;
  }
}

export interface Problem {
  n: number;
  t: DType;
  matvec: (x: np.ndarray, out: np.ndarray) => np.ndarray;
  psolve: ((r: np.ndarray) => np.ndarray) | null;
  x: np.ndarray;
  b: np.ndarray;
  bnorm: number;
  atol: number;
  maxiter: number;
  v: Vectors;
  /** Frees the solver's own copies (b in the solver's type, the constant one). */
  release(): void;
}

export const SOLVER_OPTIONS = ['x0', 'rtol', 'atol', 'maxiter', 'M', 'callback'] as const;

/**
 * A solver's options from SciPy's `solver(A, b, x0=None, *, rtol, ...)`: x0 may come third
 * (an ndarray), the options object third or fourth. Unknown option names are an error.
 */
export function solverOptions<T extends SolverOptions>(name: string, args: ArrayLike<unknown>, x0OrOptions: unknown, more: unknown, known: readonly string[]): T {
  noMorePositional(name, args, 4, ['rtol'], `give ${known.filter((k) => k !== 'x0').join(', ')} in the options object`);
  if (x0OrOptions instanceof np.ndarray) {
    const options = checkOptions(more as T | undefined, known.filter((k) => k !== 'x0'), name);
    return { ...options, x0: x0OrOptions };
  }
  if (more !== undefined) throw new ArgumentError('options', `${name}: a fourth argument after an options object; x0 goes third (an ndarray) or in the options`);
  if (x0OrOptions !== undefined && x0OrOptions !== null && !isOptionsObject(x0OrOptions)) {
    throw new ShapeError('x0', `${name}: expected x0 (an ndarray) or an options object, got ${Array.isArray(x0OrOptions) ? 'an array' : typeof x0OrOptions === 'object' ? ((x0OrOptions as object).constructor?.name ?? 'an object') : typeof x0OrOptions}`);
  }
  return checkOptions((x0OrOptions ?? undefined) as T | undefined, known, name);
}

/** A is a matrix or an operator (a typed error naming `argument` otherwise). */
export function checkOperator(name: string, A: unknown, argument = 'A'): asserts A is Operator {
  if (!(A instanceof csrArray) && !(A instanceof LinearOperator)) throw new DTypeError(argument, `${name}: expected a csrArray or a LinearOperator, got ${A === null ? 'null' : typeof A}`);
}

/** The type a solver works in: A's and b's, integers in float64 as SciPy's. */
export function solverDType(A: Operator, b: np.ndarray): DType {
  const kind = np.resultType(A.dtype, b.dtype);
  return kind.isComplex ? toDType(kind.itemsize === 8 ? 'complex64' : 'complex128') : kind.isFloating ? kind : toDType('float64');
}

/** out = A·p, for a matrix or an operator. */
export function productOf(A: Operator): (p: np.ndarray, out: np.ndarray) => np.ndarray {
  return A instanceof csrArray
    ? (p: np.ndarray, out: np.ndarray) => A.matvec(p, { out })
    : (p: np.ndarray, out: np.ndarray) => {
        const y = A.matvec(p);
        out.assign(y);
        y.store.dispose();
        return out;
      };
}

/** The preconditioner `M` as z = M·r (null when none), z of length n in type t. */
export function psolveOf(name: string, M: unknown, n: number, t: DType, argument = 'M'): ((r: np.ndarray) => np.ndarray) | null {
  const preconditioner = M === undefined || M === null ? null : M instanceof csrArray || M instanceof LinearOperator ? (r: np.ndarray) => M.dot(r) : M;
  if (preconditioner !== null && typeof preconditioner !== 'function') throw new DTypeError(argument, `${name}: expected a csrArray, a LinearOperator or a function`);
  if (M instanceof csrArray || M instanceof LinearOperator) {
    if (M.shape[0] !== n || M.shape[1] !== n) throw new ShapeError(argument, `${name}: expected a (${n}, ${n}) preconditioner, got shape (${M.shape.join(', ')})`);
  }
  const f = preconditioner as ((r: np.ndarray) => np.ndarray) | null;
  return f && ((r: np.ndarray) => {
    const z = f(r);
    if (!(z instanceof np.ndarray) || z.size !== n) throw new ShapeError(argument, `${name}: the preconditioner must return a vector of length ${n}`);
    if (z.dtype === t && z.ndim === 1) return z;
    const cast = tidy(() => z.reshape(n).astype(t));
    if (z !== r) z.store.dispose();
    return cast;
  });
}

/** Checks rtol / atol (non-negative numbers), maxiter (a non-negative integer) and callback. */
export function checkTolerances(name: string, values: Record<string, unknown>, maxiter?: unknown, callback?: unknown, maxiterName = 'maxiter'): void {
  for (const [argument, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !(value >= 0)) throw new np.ValueError(argument, `${name}: expected a non-negative number, got ${String(value)}`);
  }
  if (maxiter !== undefined && (!Number.isSafeInteger(maxiter) || (maxiter as number) < 0)) throw new np.ValueError(maxiterName, `${name}: expected a non-negative integer, got ${String(maxiter)}`);
  if (callback !== undefined && typeof callback !== 'function') throw new DTypeError('callback', `${name}: expected a function`);
}

/** x0 as a vector of length n in type t (a copy), or zeros. */
export function startOf(name: string, x0: unknown, n: number, t: DType): np.ndarray {
  if (x0 === undefined) return np.zeros([n], t);
  if (!(x0 instanceof np.ndarray) || x0.size !== n || !(x0.ndim === 1 || (x0.ndim === 2 && x0.shape[1] === 1))) {
    throw new ShapeError('x0', `${name}: expected a vector of length ${n}, got ${x0 instanceof np.ndarray ? `shape (${x0.shape.join(', ')})` : typeof x0}`);
  }
  return tidy(() => x0.reshape(n).astype(t));
}

export function setUp(name: string, A: Operator, b: np.ndarray, options: SolverOptions, defaultMaxiter: (n: number) => number): Problem {
  checkOperator(name, A);
  const [m, n] = A.shape;
  if (m !== n) throw new ShapeError('A', `${name}: expected a square matrix, got shape (${m}, ${n})`);
  if (!(b instanceof np.ndarray)) throw new DTypeError('b', `${name}: expected an ndarray, got ${b === null ? 'null' : typeof b}`);
  const column = b.ndim === 2 && b.shape[1] === 1;
  if (!(b.ndim === 1 || column) || b.shape[0] !== n) throw new ShapeError('b', `${name}: expected shape (${n},) or (${n}, 1) for a (${m}, ${n}) matrix, got (${b.shape.join(', ')})`);
  // Integer systems are solved in float64, as SciPy does.
  const t = solverDType(A, b);
  const { rtol = 1e-5, atol = 0, maxiter = defaultMaxiter(n), x0, M, callback } = options;
  checkTolerances(name, { rtol, atol }, maxiter, callback);
  const x = startOf(name, x0, n, t);
  let psolve: ReturnType<typeof psolveOf>;
  try {
    psolve = psolveOf(name, M, n, t);
  } catch (error) {
    x.store.dispose();
    throw error;
  }
  const rhs = tidy(() => (column ? b.reshape(n) : b).astype(t));
  const v = new Vectors(t);
  const matvec = productOf(A);
  const bnorm = v.norm(rhs);
  const release = () => {
    rhs.store.dispose();
    v.one.store.dispose();
  };
  return { n, t, matvec, psolve, x, b: rhs, bnorm, atol: Math.max(atol, rtol * bnorm), maxiter, v, release };
}

export function residual(p: Problem): np.ndarray {
  const r = np.copy(p.b);
  tidy(() => p.v.addScaled(r, p.matvec(p.x, np.empty([p.n], p.t)), -1));
  return r;
}

/**
 * Conjugate gradients for a Hermitian positive definite A (SciPy's `cg`). Returns the solution
 * and info 0 when ‖b − A·x‖ ≤ max(atol, rtol·‖b‖).
 *
 * @example
 * ```ts
 * const A = sparse.diags([-1, 4, -1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.cg(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function cg(A: MatrixLike, b: np.ndarray, options?: SolverOptions): SolverResult;
export function cg(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<SolverOptions, 'x0'>): SolverResult;
export function cg(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | SolverOptions, more?: Omit<SolverOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (cg as (...a: unknown[]) => ReturnType<typeof cg>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<SolverOptions>('cg', arguments, x0OrOptions, more, SOLVER_OPTIONS);
  const p = setUp('cg', A, b, options, (n) => 10 * n);
  try {
    return cgOf(p, options);
  } finally {
    p.release();
  }
}

function cgOf(p: Problem, options: SolverOptions): SolverResult {
  const { v, x, n, t } = p;
  if (p.bnorm === 0) {
    x.store.dispose();
    return { x: np.zeros([n], t), info: 0, iterations: 0 };
  }
  const r = residual(p);
  const direction = np.zeros([n], t);
  const q = np.empty([n], t);
  const atol2 = p.atol * p.atol;
  // Residual norms² at the top of each iteration, read one iteration late.
  const pending: np.ndarray[] = [];
  let rhoPrevious: np.ndarray | undefined;
  let iterations = 0;
  let converged = false;
  for (; iterations < p.maxiter; iterations++) {
    const z = p.psolve ? p.psolve(r) : r;
    const rho = v.dot(r, z);
    pending.push(p.psolve ? v.dot(r, r) : rho);
    // With a preconditioner or a callback the residual is read at once; else one late.
    const lag = p.psolve || options.callback ? 0 : 1;
    if (pending.length > lag) {
      const checked = pending.shift()!;
      const done = v.real(checked) < atol2;
      if (checked !== rho && checked !== rhoPrevious) checked.store.dispose();
      if (done) {
        converged = true;
        if (z !== r) z.store.dispose();
        if (!pending.includes(rho) && rho !== rhoPrevious) rho.store.dispose();
        if (lag > 0) iterations--; // the residual was the previous iteration's
        break;
      }
    }
    // p = z + (rho / rhoPrevious)·p
    if (rhoPrevious) v.axpby(direction, z, v.one, v.one, rho, rhoPrevious);
    else v.axpby(direction, z, v.one, v.one, v.one, v.one, 1, 0);
    p.matvec(direction, q);
    const pq = v.dot(direction, q);
    v.axpby(x, direction, rho, pq, v.one, v.one); // x += α·p
    v.axpby(r, q, rho, pq, v.one, v.one, -1); // r −= α·q
    pq.store.dispose();
    if (z !== r) z.store.dispose();
    if (rhoPrevious && !pending.includes(rhoPrevious)) rhoPrevious.store.dispose();
    rhoPrevious = rho;
    options.callback?.(x);
  }
  if (!converged) converged = v.norm(r) ** 2 < atol2;
  for (const a of [r, direction, q, ...pending]) a.store.dispose();
  if (rhoPrevious && !rhoPrevious.store.disposed) rhoPrevious.store.dispose();
  return { x, info: converged ? 0 : p.maxiter, iterations };
}

/**
 * BiCGSTAB for general square A (SciPy's `bicgstab`); info −10 / −11 on a breakdown.
 *
 * @example
 * ```ts
 * const A = sparse.diags([-2, 5, -1], [-1, 0, 1], { shape: [5, 5] });
 * const { x, info } = sparse.linalg.bicgstab(A, A.dot(np.ones([5])), { rtol: 1e-12 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1.])
 * ```
 */
export function bicgstab(A: MatrixLike, b: np.ndarray, options?: SolverOptions): SolverResult;
export function bicgstab(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<SolverOptions, 'x0'>): SolverResult;
export function bicgstab(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | SolverOptions, more?: Omit<SolverOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (bicgstab as (...a: unknown[]) => ReturnType<typeof bicgstab>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<SolverOptions>('bicgstab', arguments, x0OrOptions, more, SOLVER_OPTIONS);
  const p = setUp('bicgstab', A, b, options, (n) => 10 * n);
  try {
    return bicgstabOf(p, options);
  } finally {
    p.release();
  }
}

function bicgstabOf(p: Problem, options: SolverOptions): SolverResult {
  const { v, x, n, t } = p;
  if (p.bnorm === 0) {
    x.store.dispose();
    return { x: np.zeros([n], t), info: 0, iterations: 0 };
  }
  const r = residual(p);
  const shadow = np.copy(r);
  const direction = np.zeros([n], t);
  const av = np.zeros([n], t);
  const at = np.empty([n], t);
  const eps = t.name === 'float32' || t.name === 'complex64' ? 1.1920929e-7 : 2.220446049250313e-16;
  const rhoTolerance = eps ** 2;
  const omegaTolerance = eps ** 2;
  let rhoPrevious: C = { re: 0, im: 0 };
  let alpha: C = { re: 0, im: 0 };
  let omega: C = { re: 0, im: 0 };
  const scalar = (a: np.ndarray) => (t.isComplex ? complexOf(a.item()) : { re: Number(a.item()), im: 0 });
  let iterations = 0;
  try {
    for (; iterations < p.maxiter; iterations++) {
      if (v.norm(r) < p.atol) return { x, info: 0, iterations };
      const rho = tidy(() => scalar(v.dot(shadow, r)));
      if (Math.hypot(rho.re, rho.im) < rhoTolerance) return { x, info: -10, iterations };
      if (iterations > 0) {
        if (Math.hypot(omega.re, omega.im) < omegaTolerance) return { x, info: -11, iterations };
        // p = r + β·(p − ω·v)
        const beta = cmul(cdiv(rho, rhoPrevious), cdiv(alpha, omega));
        v.addScaled(direction, av, pick(cneg(omega), t));
        tidy(() => v.axpby(direction, r, v.one, v.one, np.full([], pick(beta, t), t), v.one));
      } else {
        tidy(() => v.axpby(direction, r, v.one, v.one, v.one, v.one, 1, 0));
      }
      const phat = p.psolve ? p.psolve(direction) : direction;
      p.matvec(phat, av);
      const rv = tidy(() => scalar(v.dot(shadow, av)));
      if (rv.re === 0 && rv.im === 0) return { x, info: -11, iterations };
      const a = cdiv(rho, rv);
      v.addScaled(r, av, pick(cneg(a), t)); // r is now s
      if (v.norm(r) < p.atol) {
        v.addScaled(x, phat, pick(a, t));
        if (phat !== direction) phat.store.dispose();
        return { x, info: 0, iterations: iterations + 1 };
      }
      const shat = p.psolve ? p.psolve(r) : r;
      p.matvec(shat, at);
      const ts = tidy(() => scalar(v.dot(at, r)));
      const tt = tidy(() => scalar(v.dot(at, at)));
      const w = tt.re === 0 && tt.im === 0 ? { re: 0, im: 0 } : cdiv(ts, tt);
      v.addScaled(x, phat, pick(a, t));
      v.addScaled(x, shat, pick(w, t));
      v.addScaled(r, at, pick(cneg(w), t));
      if (phat !== direction) phat.store.dispose();
      if (shat !== r) shat.store.dispose();
      rhoPrevious = rho;
      alpha = a;
      omega = w;
      if (w.re === 0 && w.im === 0) return { x, info: -11, iterations: iterations + 1 };
      options.callback?.(x);
    }
    return { x, info: v.norm(r) < p.atol ? 0 : p.maxiter, iterations };
  } finally {
    for (const a of [r, shadow, direction, av, at]) a.store.dispose();
  }
}

export interface C {
  re: number;
  im: number;
}
export const complexOf = (v: unknown): C => v as C;
export const cmul = (a: C, b: C): C => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });
export const cdiv = (a: C, b: C): C => {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
};
export const cneg = (a: C): C => ({ re: -a.re, im: -a.im });
export const pick = (a: C, t: DType): number | C => (t.isComplex ? a : a.re);

/** Options of {@link gmres}: the solvers' options and the restart length. */
export interface GmresOptions extends SolverOptions {
  /** Inner iterations per restart cycle (default 20). */
  restart?: number;
}

/**
 * Restarted GMRES for general square A (SciPy's `gmres`): Arnoldi with classical Gram–Schmidt
 * done twice, Givens rotations for the least-squares problem. `maxiter` counts restart cycles.
 *
 * @example
 * ```ts
 * const A = sparse.diags([-2, 5, -1], [-1, 0, 1], { shape: [6, 6] });
 * const { x, info } = sparse.linalg.gmres(A, A.dot(np.ones([6])), { rtol: 1e-12, restart: 6 });
 * console.log(info, x);
 * // 0 array([1., 1., 1., 1., 1., 1.])
 * ```
 */
export function gmres(A: MatrixLike, b: np.ndarray, options?: GmresOptions): SolverResult;
export function gmres(A: MatrixLike, b: np.ndarray, x0: np.ndarray, options?: Omit<GmresOptions, 'x0'>): SolverResult;
export function gmres(A: MatrixLike, b: np.ndarray, x0OrOptions?: np.ndarray | GmresOptions, more?: Omit<GmresOptions, 'x0'>): SolverResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (gmres as (...a: unknown[]) => ReturnType<typeof gmres>)(m, ...[...arguments].slice(1)));
  const options = solverOptions<GmresOptions>('gmres', arguments, x0OrOptions, more, [...SOLVER_OPTIONS, 'restart']);
  const restartOption = options.restart ?? 20;
  if (!Number.isSafeInteger(restartOption) || restartOption < 1) throw new np.ValueError('restart', `gmres: expected a positive integer, got ${String(restartOption)}`);
  const p = setUp('gmres', A, b, options, (n) => Math.max(1, Math.ceil(n / Math.min(restartOption, Math.max(1, n)))) * 10);
  try {
    return gmresOf(p, options, restartOption);
  } finally {
    p.release();
  }
}

function gmresOf(p: Problem, options: GmresOptions, restartOption: number): SolverResult {
  const { v, x, n, t } = p;
  if (p.bnorm === 0) {
    x.store.dispose();
    return { x: np.zeros([n], t), info: 0, iterations: 0 };
  }
  const restart = Math.min(restartOption, n);
  const scalar = (a: np.ndarray): C => (t.isComplex ? complexOf(a.item()) : { re: Number(a.item()), im: 0 });
  const work = np.empty([n], t);
  let iterations = 0;
  for (let cycle = 0; cycle < p.maxiter; cycle++) {
    const r0 = residual(p);
    const trueResidual = v.norm(r0);
    if (trueResidual < p.atol) {
      r0.store.dispose();
      work.store.dispose();
      return { x, info: 0, iterations };
    }
    const r = p.psolve ? p.psolve(r0) : r0;
    const beta = v.norm(r);
    const basis: np.ndarray[] = [tidy(() => np.divide(r, beta))];
    if (r !== r0) r.store.dispose();
    r0.store.dispose();
    const h: C[][] = []; // h[j] = column j, length j + 2
    const cs: C[] = [];
    const sn: C[] = [];
    const g: C[] = [{ re: beta, im: 0 }];
    let k = 0;
    for (; k < restart; k++) {
      iterations++;
      let w = p.matvec(basis[k]!, work);
      if (p.psolve) w = p.psolve(w);
      else w = np.copy(w);
      const column: C[] = new Array(k + 2).fill(null).map(() => ({ re: 0, im: 0 }));
      for (let pass = 0; pass < 2; pass++) {
        const dots = tidy(() => basis.map((q) => v.dot(q, w)));
        const values = dots.map(scalar);
        dots.forEach((d) => d.store.dispose());
        values.forEach((c, i) => {
          column[i] = { re: column[i]!.re + c.re, im: column[i]!.im + c.im };
          v.addScaled(w, basis[i]!, pick(cneg(c), t));
        });
      }
      const wnorm = v.norm(w);
      column[k + 1] = { re: wnorm, im: 0 };
      // Earlier rotations, then a new one that zeroes column[k + 1].
      for (let i = 0; i < k; i++) {
        const a = column[i]!;
        const bb = column[i + 1]!;
        column[i] = { re: cmul(cs[i]!, a).re + cmul(sn[i]!, bb).re, im: cmul(cs[i]!, a).im + cmul(sn[i]!, bb).im };
        const conjSn = { re: sn[i]!.re, im: -sn[i]!.im };
        const rotated = cmul(conjSn, a);
        column[i + 1] = { re: -rotated.re + cmul(cs[i]!, bb).re, im: -rotated.im + cmul(cs[i]!, bb).im };
      }
      const a = column[k]!;
      const bb = column[k + 1]!;
      const magnitude = Math.hypot(a.re, a.im, bb.re, bb.im);
      const c = magnitude === 0 ? { re: 1, im: 0 } : { re: Math.hypot(a.re, a.im) / magnitude, im: 0 };
      const phase = Math.hypot(a.re, a.im) === 0 ? { re: 1, im: 0 } : { re: a.re / Math.hypot(a.re, a.im), im: a.im / Math.hypot(a.re, a.im) };
      const s = magnitude === 0 ? { re: 0, im: 0 } : cmul(phase, { re: bb.re / magnitude, im: -bb.im / magnitude });
      cs.push(c);
      sn.push(s);
      column[k] = cmul(phase, { re: magnitude, im: 0 });
      column[k + 1] = { re: 0, im: 0 };
      const gk = g[k]!;
      g[k] = cmul(c, gk);
      g[k + 1] = cneg(cmul({ re: s.re, im: -s.im }, gk));
      h.push(column);
      const estimate = Math.hypot(g[k + 1]!.re, g[k + 1]!.im);
      options.callback?.(x);
      if (wnorm === 0 || estimate < p.atol) {
        k++;
        w.store.dispose();
        break;
      }
      basis.push(tidy(() => np.divide(w, wnorm)));
      w.store.dispose();
    }
    // Back substitution for y, then x += V·y.
    const y: C[] = new Array(k).fill(null).map(() => ({ re: 0, im: 0 }));
    for (let i = k - 1; i >= 0; i--) {
      let sum = g[i]!;
      for (let j = i + 1; j < k; j++) {
        const prod = cmul(h[j]![i]!, y[j]!);
        sum = { re: sum.re - prod.re, im: sum.im - prod.im };
      }
      const diagonal = h[i]![i]!;
      y[i] = diagonal.re === 0 && diagonal.im === 0 ? { re: 0, im: 0 } : cdiv(sum, diagonal);
    }
    y.forEach((coefficient, i) => v.addScaled(x, basis[i]!, pick(coefficient, t)));
    for (const q of basis) q.store.dispose();
  }
  const final = residual(p);
  const done = v.norm(final) < p.atol;
  final.store.dispose();
  work.store.dispose();
  return { x, info: done ? 0 : iterations, iterations };
}
