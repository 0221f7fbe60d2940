// eigs (eigenvalues of a general square matrix) and svds (a few singular values), through ARPACK
// as SciPy's: eigs drives ARPACK's nonsymmetric and complex drivers, svds runs eigsh on AᴴA (or
// AAᴴ) and finishes with a small dense SVD.
import { ArgumentError, checkOptions, DTypeError, isOptionsObject, LogicalStore, ShapeError, tidy, dtype as toDType, type DType } from '@legate/core';
import * as np from '@legate/numeric';

import type { SparseArray } from '../sparray.js';

import { noMorePositional } from '../args.js';
import { cooArray } from '../coo.js';
import { cscArray } from '../csc.js';
import { csrArray } from '../csr.js';
import { arpackAvailable, ArpackNoConvergence, runArpack, type ArpackResult } from './arpack.js';
import { arpackOperator, eigsh } from './eigsh.js';
import { LinearOperator, type Operator } from './operator.js';

export type EigsWhich = 'LM' | 'SM' | 'LR' | 'SR' | 'LI' | 'SI';

export interface EigsOptions {
  /** How many eigenvalues (0 < k < n − 1). */
  k?: number;
  /** LM / SM: largest / smallest magnitude; LR / SR: real part; LI / SI: imaginary part. */
  which?: EigsWhich;
  /** Shift-invert: the eigenvalues nearest sigma (real for a real matrix), from (A − σI)⁻¹. */
  sigma?: number | { re: number; im: number };
  /** With sigma: an operator that applies (A − σI)⁻¹. */
  OPinv?: Operator | ((x: np.ndarray) => np.ndarray);
  /** The starting vector (random by default, the same for every run). */
  v0?: np.ndarray;
  /** Arnoldi vectors (default min(n, max(2k + 1, 20)); k + 1 < ncv ≤ n). */
  ncv?: number;
  /** Most restarts (default 10 · n). */
  maxiter?: number;
  /** Relative accuracy of the Ritz values (default 0: machine precision). */
  tol?: number;
  returnEigenvectors?: boolean;
}

export interface EigsResult {
  /** The k eigenvalues (complex), in SciPy's order (ARPACK's, or by the `which` key when ARPACK returned one more). */
  eigenvalues: np.ndarray;
  /** Column i (shape (n, k), complex) belongs to eigenvalues[i]; absent when not asked for. */
  eigenvectors?: np.ndarray;
}

const EIGS_OPTIONS = ['k', 'which', 'sigma', 'OPinv', 'v0', 'ncv', 'maxiter', 'tol', 'returnEigenvectors'] as const;


function asOperator(A: unknown, fn: string): { op: Operator; made: csrArray | null } {
  if (A instanceof csrArray || A instanceof LinearOperator) return { op: A, made: null };
  if (A instanceof cscArray || A instanceof cooArray) {
    const m = A.tocsr();
    return { op: m, made: m };
  }
  throw new DTypeError('A', `${fn}: expected a sparse matrix or a LinearOperator, got ${A === null ? 'null' : typeof A}`);
}

function needArpack(fn: string): void {
  const a = arpackAvailable();
  if (!a.ok) throw new np.linalg.LinAlgError('A', `${fn} needs ARPACK, which this build lacks: ${a.detail}`);
}

/**
 * k eigenvalues (and eigenvectors) of a square matrix (SciPy's `eigs`), by ARPACK's implicitly
 * restarted Arnoldi method with our matrix–vector product; with `sigma`, in shift-invert mode. As
 * SciPy's `eigs(A, k=6, ...)`, k may come second.
 *
 * @example
 * ```ts
 * const A = sparse.diags([[1, 2, 3, 4, 5, 6, 7, 8], 0.5], [0, 1], { shape: [8, 8] });
 * const { eigenvalues } = sparse.linalg.eigs(A, 2, { which: 'LM' });
 * console.log(eigenvalues);
 * // array([8.+0.j, 7.+0.j])
 * ```
 */
export function eigs(A: SparseArray | LinearOperator, options?: EigsOptions): EigsResult;
export function eigs(A: SparseArray | LinearOperator, k: number, options?: Omit<EigsOptions, 'k'>): EigsResult;
export function eigs(A: SparseArray | LinearOperator, kOrOptions?: number | EigsOptions, more?: Omit<EigsOptions, 'k'>): EigsResult {
  let options: EigsOptions;
  if (typeof kOrOptions === 'number') {
    if (more !== undefined && !isOptionsObject(more)) throw new ArgumentError('M', 'eigs: a generalised problem (M) is not supported; the third argument is an options object');
    noMorePositional('eigs', arguments, 3, ['sigma'], 'give sigma, which and the rest in the options object');
    if (isOptionsObject(more) && 'k' in more) throw new ArgumentError('k', 'eigs: k given both positionally and in the options');
    options = { ...checkOptions(more, EIGS_OPTIONS.filter((o) => o !== 'k'), 'eigs'), k: kOrOptions };
  } else {
    if (kOrOptions !== undefined && !isOptionsObject(kOrOptions)) throw new DTypeError('k', `eigs: expected k (a number) or an options object, got ${typeof kOrOptions}`);
    noMorePositional('eigs', arguments, 2, ['M'], 'k goes second (a number), the rest in the options object');
    options = checkOptions(kOrOptions, EIGS_OPTIONS, 'eigs');
  }
  const { op, made } = asOperator(A, 'eigs');
  try {
    return tidy(() => eigsOf(op, options));
  } finally {
    made?.dispose();
  }
}

function eigsOf(A: Operator, options: EigsOptions): EigsResult {
  const [rows, n] = A.shape;
  if (rows !== n) throw new ShapeError('A', `eigs: expected a square matrix, got shape (${rows}, ${n})`);
  if (!A.dtype.isFloating && !A.dtype.isComplex) throw new DTypeError('A', `eigs: expected a float or complex matrix, got ${A.dtype.name}`);
  needArpack('eigs');
  const { k = 6, which = 'LM', v0, tol = 0, returnEigenvectors = true, sigma, OPinv } = options;
  if (!Number.isSafeInteger(k) || k < 1 || k >= n - 1) throw new np.ValueError('k', `eigs: k must be between 1 and n - 2 = ${n - 2}, got ${k} (use numeric's dense eig for k >= n - 1)`);
  if (!['LM', 'SM', 'LR', 'SR', 'LI', 'SI'].includes(which)) throw new np.ValueError('which', `eigs: expected LM, SM, LR, SR, LI or SI, got '${String(which)}'`);
  const complex = A.dtype.isComplex;
  if (sigma !== undefined && !complex && typeof sigma !== 'number') throw new np.ValueError('sigma', 'eigs: a complex shift for a real matrix is not supported; give a real sigma');
  const ncv = options.ncv ?? Math.min(n, Math.max(2 * k + 1, 20));
  if (!Number.isSafeInteger(ncv) || ncv <= k + 1 || ncv > n) throw new np.ValueError('ncv', `eigs: ncv must satisfy k + 1 < ncv <= n (k = ${k}, n = ${n}), got ${ncv}`);
  const maxiter = options.maxiter ?? n * 10;
  if (!Number.isSafeInteger(maxiter) || maxiter < 1) throw new np.ValueError('maxiter', `eigs: expected a positive integer, got ${maxiter}`);
  if (typeof tol !== 'number' || !(tol >= 0)) throw new np.ValueError('tol', `eigs: expected a non-negative number, got ${tol}`);
  const t = toDType(complex ? 'complex128' : 'float64');
  let start: Float64Array | null = null;
  if (v0 !== undefined) {
    if (!(v0 instanceof np.ndarray) || v0.size !== n) throw new ShapeError('v0', `eigs: expected a vector of length ${n}`);
    start = tidy(() => v0.reshape(n).astype(t).toArray() as Float64Array);
  }
  const s = sigma === undefined ? undefined : typeof sigma === 'number' ? { re: sigma, im: 0 } : sigma;
  const shifted = arpackOperator(A, s, OPinv, 'eigs');
  const outType = toDType(A.dtype.name === 'float32' || A.dtype.name === 'complex64' ? 'complex64' : 'complex128');
  let result: ArpackResult;
  try {
    result = runArpack({
      kind: complex ? 'zn' : 'dn',
      n,
      k,
      which,
      ncv,
      maxiter,
      tol,
      v0: start,
      mode: s === undefined ? 1 : 3,
      sigma: s ?? { re: 0, im: 0 },
      op: shifted.apply,
      returnVectors: returnEigenvectors,
    });
  } catch (e) {
    const partial = (e as { partial?: ArpackResult }).partial;
    if (e instanceof ArpackNoConvergence && partial) Object.assign(e, pairsOf(partial, n, complex, which, s, partial.count, returnEigenvectors, outType));
    throw e;
  } finally {
    shifted.dispose();
  }
  return pairsOf(result, n, complex, which, s, k, returnEigenvectors, outType);
}

/**
 * ARPACK's Ritz pairs as SciPy's eigs returns them: in ARPACK's order, or, when ARPACK returned
 * k + 1, the k best by `which` (in shift-invert mode, of the shifted and inverted values); a real
 * matrix's complex pairs unpacked from ARPACK's real form.
 */
function pairsOf(r: ArpackResult, n: number, complex: boolean, which: EigsWhich, sigma: { re: number; im: number } | undefined, k: number, withVectors: boolean, outType: DType): EigsResult {
  const count = r.count;
  const key = (i: number): number => {
    let re = r.re[i]!;
    let im = r.im[i]!;
    if (sigma) {
      // ν = 1 / (λ − σ): what ARPACK ranked.
      const [a, b] = [re - sigma.re, im - sigma.im];
      const d = a * a + b * b;
      [re, im] = d === 0 ? [Infinity, 0] : [a / d, -b / d];
    }
    return which === 'LR' || which === 'SR' ? re : which === 'LI' || which === 'SI' ? Math.abs(im) : Math.hypot(re, im);
  };
  // As SciPy: a real matrix's conjugate pair λ, λ̄ is one pair of columns x, y (x ± iy); a
  // complex value last, whose partner ARPACK did not return, is dropped.
  const column: { at: number; sign: number }[] = [];
  let returned = count;
  for (let i = 0; i < count; i++) {
    if (complex || r.im[i] === 0) column[i] = { at: i, sign: 0 };
    else if (i < k && i + 1 < count) {
      column[i] = { at: i, sign: 1 };
      column[i + 1] = { at: i, sign: -1 };
      i++;
    } else returned -= 1;
  }
  let picked: number[];
  if (returned <= k) picked = Array.from({ length: returned }, (_, i) => i); // ARPACK's order
  else {
    // One too many: the k best by which (a stable sort, as NumPy's on so few values).
    const ascending = Array.from({ length: count }, (_, i) => i).sort((a, b) => key(a) - key(b));
    picked = which === 'LM' || which === 'LR' || which === 'LI' ? ascending.slice(-k).reverse() : ascending.slice(0, k);
  }
  const values = new Float64Array(2 * picked.length);
  picked.forEach((i, j) => {
    values[2 * j] = r.re[i]!;
    values[2 * j + 1] = r.im[i]!;
  });
  const eigenvalues = tidy(() => np.fromStore(LogicalStore.attach(values, [picked.length], 'complex128')).astype(outType));
  if (!withVectors || !r.vectors) return { eigenvalues };
  const eigenvectors = tidy(() => {
    const width = complex ? count : r.vectors!.length / n;
    const z = np.fromStore(LogicalStore.attach(r.vectors!.subarray(0, width * n * (complex ? 2 : 1)), [width, n], complex ? 'complex128' : 'float64'));
    const columns = picked.map((i) => {
      const { at, sign } = column[i]!;
      const x = z.slice(at).astype('complex128');
      if (sign === 0) return x;
      return np.add(x, np.multiply(z.slice(at + 1).astype('complex128'), { re: 0, im: sign }));
    });
    return np.copy(np.transpose(np.stack(columns))).astype(outType);
  });
  return { eigenvalues, eigenvectors };
}

export interface SvdsOptions {
  /** How many singular values (0 < k < min(m, n)). */
  k?: number;
  /** LM: the largest; SM: the smallest. */
  which?: 'LM' | 'SM';
  /** Lanczos vectors of the eigsh run on AᴴA. */
  ncv?: number;
  /** Relative accuracy of the singular values (default 0: machine precision). */
  tol?: number;
  /** The starting vector, of length min(m, n). */
  v0?: np.ndarray;
  maxiter?: number;
  /** true (default), false, 'u' or 'vh': which singular vectors to compute. */
  returnSingularVectors?: boolean | 'u' | 'vh';
  /** Only 'arpack'. */
  solver?: 'arpack';
}

/** u, s, vh as SciPy's tuple (`const [u, s, vh] = svds(A, 3)`), and by name. */
export type SvdsResult = [u: np.ndarray | undefined, s: np.ndarray, vh: np.ndarray | undefined] & { u?: np.ndarray; s: np.ndarray; vh?: np.ndarray };

const SVDS_OPTIONS = ['k', 'which', 'ncv', 'tol', 'v0', 'maxiter', 'returnSingularVectors', 'solver'] as const;

/**
 * k singular values (and vectors) of a sparse matrix or LinearOperator with rmatvec (SciPy's
 * `svds`): eigsh on AᴴA (or AAᴴ for a wide A), then a dense SVD of A·V. Singular values come in
 * ascending order, as SciPy's; `s` alone (a 1-D array) when no vectors are asked for.
 *
 * @example
 * ```ts
 * const A = sparse.diags([[3, 1, 4, 1, 5, 9]], [0], { shape: [6, 6] });
 * const { s } = sparse.linalg.svds(A, 2);
 * console.log(s);
 * // array([5., 9.])
 * ```
 */
export function svds(A: SparseArray | LinearOperator, options?: SvdsOptions): SvdsResult;
export function svds(A: SparseArray | LinearOperator, k: number, options?: Omit<SvdsOptions, 'k'>): SvdsResult;
export function svds(A: SparseArray | LinearOperator, kOrOptions?: number | SvdsOptions, more?: Omit<SvdsOptions, 'k'>): SvdsResult {
  let options: SvdsOptions;
  if (typeof kOrOptions === 'number') {
    noMorePositional('svds', arguments, 3, ['ncv'], 'give ncv and the rest in the options object');
    if (isOptionsObject(more) && 'k' in more) throw new ArgumentError('k', 'svds: k given both positionally and in the options');
    options = { ...checkOptions(more, SVDS_OPTIONS.filter((o) => o !== 'k'), 'svds'), k: kOrOptions };
  } else {
    if (kOrOptions !== undefined && !isOptionsObject(kOrOptions)) throw new DTypeError('k', `svds: expected k (a number) or an options object, got ${typeof kOrOptions}`);
    noMorePositional('svds', arguments, 2, ['ncv'], 'k goes second (a number), the rest in the options object');
    options = checkOptions(kOrOptions, SVDS_OPTIONS, 'svds');
  }
  const { op, made } = asOperator(A, 'svds');
  try {
    return tidy(() => svdsOf(op, options));
  } finally {
    made?.dispose();
  }
}

function svdsOf(A: Operator, options: SvdsOptions): SvdsResult {
  const [m, n] = A.shape;
  const { k = 6, which = 'LM', tol = 0, v0, maxiter, returnSingularVectors = true, solver = 'arpack' } = options;
  if (solver !== 'arpack') throw new np.ValueError('solver', `svds: only the 'arpack' solver is supported, got '${String(solver)}'`);
  if (!A.dtype.isFloating && !A.dtype.isComplex) throw new DTypeError('A', `svds: expected a float or complex matrix, got ${A.dtype.name}`);
  const small = Math.min(m, n);
  if (!Number.isSafeInteger(k) || k < 1 || k >= small) throw new np.ValueError('k', `svds: k must be between 1 and min(A.shape) - 1 = ${small - 1}, got ${k}`);
  if (which !== 'LM' && which !== 'SM') throw new np.ValueError('which', `svds: expected 'LM' or 'SM', got '${String(which)}'`);
  if (![true, false, 'u', 'vh'].includes(returnSingularVectors as never)) throw new np.ValueError('returnSingularVectors', `svds: expected true, false, 'u' or 'vh', got ${String(returnSingularVectors)}`);
  if (typeof tol !== 'number' || !(tol >= 0)) throw new np.ValueError('tol', `svds: expected a non-negative number, got ${tol}`);
  needArpack('svds');
  // Aᴴ as a matrix once (a transpose task) for a sparse A; a LinearOperator brings rmatvec.
  const adjoint: (x: np.ndarray) => np.ndarray = A instanceof csrArray ? ((H) => (x: np.ndarray) => H.matvec(x))(A.dtype.isComplex ? A.conj().T : A.T) : (x) => A.rmatvec(x);
  const forward = (x: np.ndarray) => A.matvec(x);
  const wide = m < n;
  const [X, XH] = wide ? [adjoint, forward] : [forward, adjoint];
  const t: DType = A.dtype;
  const gram = new LinearOperator({ shape: [small, small], dtype: t, matvec: (x) => XH(X(x)) });
  const { eigenvectors } = eigsh(gram, {
    k,
    which,
    tol: tol * tol,
    ...(options.ncv === undefined ? {} : { ncv: options.ncv }),
    ...(maxiter === undefined ? {} : { maxiter }),
    ...(v0 === undefined ? {} : { v0 }),
  });
  // ARPACK's vectors of clustered eigenvalues are not quite orthonormal: QR first, as SciPy.
  const { Q } = np.linalg.qr(eigenvectors!);
  // X·Q, one product per column (dense k is small).
  const columns = Array.from({ length: k }, (_, j) => X(np.copy(Q.slice(':', j))));
  const XQ = np.copy(np.transpose(np.stack(columns)));
  if (returnSingularVectors === false) {
    const s = np.linalg.svd(XQ, { computeUv: false });
    return named(undefined, np.flip(s), undefined);
  }
  const { U, S, Vh } = np.linalg.svd(XQ, { fullMatrices: false });
  const u = np.flip(U, 1);
  const s = np.flip(S);
  const vh = np.flip(Vh, 0);
  const herm = (a: np.ndarray) => (a.dtype.isComplex ? np.conj(np.transpose(a)) : np.transpose(a));
  const wantU = returnSingularVectors === true || returnSingularVectors === 'u';
  const wantVh = returnSingularVectors === true || returnSingularVectors === 'vh';
  if (wide) return named(wantU ? np.matmul(Q, herm(vh)) : undefined, s, wantVh ? np.copy(herm(u)) : undefined);
  return named(wantU ? np.copy(u) : undefined, s, wantVh ? np.matmul(vh, herm(Q)) : undefined);
}

function named(u: np.ndarray | undefined, s: np.ndarray, vh: np.ndarray | undefined): SvdsResult {
  const s1 = np.copy(s);
  return Object.assign([u, s1, vh], { ...(u ? { u } : {}), s: s1, ...(vh ? { vh } : {}) }) as SvdsResult;
}
