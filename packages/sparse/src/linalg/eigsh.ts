// eigsh: a few eigenvalues of a symmetric (Hermitian) matrix by thick-restart Lanczos (Wu and
// Simon, 2000) with full reorthogonalisation, then searches with the found pairs deflated until
// nothing better turns up (one Krylov space sees one vector per eigenspace, so a repeated
// eigenvalue needs a second look). The Krylov vectors are numeric arrays split over the
// processors; only the small projected matrix lives on the host.
import { ArgumentError, checkOptions, DTypeError, isOptionsObject, ShapeError, tidy, dtype as toDType, type DType } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from '../args.js';
import { csrArray } from '../csr.js';
import { sparray } from '../sparray.js';
import { arpackAvailable, ArpackNoConvergence, runArpack, vectorColumns, type ArpackResult } from './arpack.js';
import { LinearOperator, type Operator, viaCsr, type MatrixLike } from './operator.js';
import { splu, superluAvailable, type SuperLU } from './superlu.js';
import { eye } from '../construct.js';

export type Which = 'LM' | 'SM' | 'LA' | 'SA' | 'BE';

export interface EigshOptions {
  /** How many eigenvalues (0 < k < n). */
  k?: number;
  /**
   * LM / SM: largest / smallest magnitude; LA / SA: largest / smallest algebraic; BE: from both
   * ends (ARPACK only). With `sigma`, of the shift-inverted operator: LM finds the eigenvalues
   * nearest sigma.
   */
  which?: Which;
  /**
   * Shift-invert mode (ARPACK's mode 3): the eigenvalues nearest sigma, from (A − σI)⁻¹ factorised
   * once with SuperLU. A must be a sparse matrix, or give `OPinv`.
   */
  sigma?: number;
  /** With sigma: an operator that applies (A − σI)⁻¹ (instead of factorising A − σI). */
  OPinv?: Operator | ((x: np.ndarray) => np.ndarray);
  /** The starting vector (random by default). */
  v0?: np.ndarray;
  /** Lanczos vectors kept between restarts (default min(n, max(2k + 1, 20))). */
  ncv?: number;
  /** Most restarts (default 10 · n / ncv, at least 100). */
  maxiter?: number;
  /**
   * Relative accuracy of the Ritz values: ARPACK's tol (default 0, machine precision, as
   * SciPy's); without ARPACK ‖A·x − λ·x‖ ≤ tol·|λ| (default 1e-10).
   */
  tol?: number;
  /** Also return the eigenvectors (default true). */
  returnEigenvectors?: boolean;
}

export interface EigshResult {
  /** The k eigenvalues, ascending (as SciPy's eigsh). */
  eigenvalues: np.ndarray;
  /** Column i (shape (n, k)) belongs to eigenvalues[i]; absent when not asked for. */
  eigenvectors?: np.ndarray;
}

export { ArpackNoConvergence };

interface C {
  re: number;
  im: number;
}

/** Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (small n). */
export function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += m[i]![i]! ** 2;
      for (let j = i + 1; j < n; j++) off += m[i]![j]! ** 2;
    }
    if (off <= 1e-32 * Math.max(scale, Number.MIN_VALUE)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (apq === 0) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const mrp = m[r]![p]!;
          const mrq = m[r]![q]!;
          m[r]![p] = c * mrp - s * mrq;
          m[r]![q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < n; r++) {
          const mpr = m[p]![r]!;
          const mqr = m[q]![r]!;
          m[p]![r] = c * mpr - s * mqr;
          m[q]![r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r]![p]!;
          const vrq = v[r]![q]!;
          v[r]![p] = c * vrp - s * vrq;
          v[r]![q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: m.map((row, i) => row[i]!), vectors: v };
}

function wantedOrder(values: number[], which: Which): number[] {
  const key = (x: number) => (which === 'LM' ? -Math.abs(x) : which === 'SM' ? Math.abs(x) : which === 'LA' ? -x : x);
  return values.map((_, i) => i).sort((a, b) => key(values[a]!) - key(values[b]!));
}

const EIGSH_OPTIONS = ['k', 'which', 'v0', 'ncv', 'maxiter', 'tol', 'returnEigenvectors', 'sigma', 'OPinv'] as const;

/**
 * k eigenvalues (and eigenvectors) of a real symmetric or complex Hermitian matrix, as SciPy's
 * `eigsh` without shift-invert. As SciPy's `eigsh(A, k=6, M=None, sigma=None, which='LM', ...)`,
 * k may come second; M and sigma (generalised and shift-invert problems) are not supported.
 * Throws {@link ArpackNoConvergence} when `maxiter` restarts do not reach `tol`.
 *
 * @example
 * ```ts
 * const L = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [50, 50] });
 * const { eigenvalues } = sparse.linalg.eigsh(L, 2, { which: 'LM' });
 * console.log(eigenvalues);
 * // array([3.98484102, 3.99620666])
 * ```
 */
export function eigsh(A: MatrixLike, options?: EigshOptions): EigshResult;
export function eigsh(A: MatrixLike, k: number, options?: Omit<EigshOptions, 'k'>): EigshResult;
export function eigsh(A: MatrixLike, kOrOptions?: number | EigshOptions, more?: Omit<EigshOptions, 'k'>): EigshResult {
  if (A instanceof sparray && !(A instanceof csrArray)) return viaCsr(A, (m) => (eigsh as (...a: unknown[]) => ReturnType<typeof eigsh>)(m, ...[...arguments].slice(1)));
  let options: EigshOptions;
  if (typeof kOrOptions === 'number' || typeof kOrOptions === 'bigint') {
    if (more !== undefined && !isOptionsObject(more)) {
      throw new ArgumentError('M', `eigsh: a generalised problem (M) is not supported; the third argument is an options object { ${EIGSH_OPTIONS.filter((o) => o !== 'k').join(', ')} }`);
    }
    noMorePositional('eigsh', arguments, 3, ['sigma', 'which'], 'shift-invert (sigma) is not supported; give which and the rest in the options object');
    if (isOptionsObject(more) && 'k' in more) throw new ArgumentError('k', 'eigsh: k given both positionally and in the options');
    options = checkOptions(more, EIGSH_OPTIONS.filter((o) => o !== 'k'), 'eigsh');
    options = { ...options, k: kOrOptions as number };
  } else {
    if (kOrOptions !== undefined && !isOptionsObject(kOrOptions)) {
      throw new DTypeError('k', `eigsh: expected k (a number) or an options object, got ${kOrOptions === null ? 'null' : Array.isArray(kOrOptions) ? 'an array' : typeof kOrOptions === 'object' ? ((kOrOptions as object).constructor?.name ?? 'an object') : typeof kOrOptions}`);
    }
    noMorePositional('eigsh', arguments, 2, ['M'], 'k goes second (a number), the rest in the options object');
    options = checkOptions(kOrOptions, EIGSH_OPTIONS, 'eigsh');
  }
  const opts = options;
  // Every temporary (Krylov vectors, casts, the start vector) is freed; the result is kept.
  return tidy(() => eigshOf(A, opts));
}

function eigshOf(A: Operator, options: EigshOptions): EigshResult {
  if (!(A instanceof csrArray) && !(A instanceof LinearOperator)) throw new DTypeError('A', `eigsh: expected a csrArray or a LinearOperator, got ${A === null ? 'null' : typeof A}`);
  const [rows, n] = A.shape;
  if (rows !== n) throw new ShapeError('A', `eigsh: expected a square matrix, got shape (${rows}, ${n})`);
  if (!A.dtype.isFloating && !A.dtype.isComplex) throw new DTypeError('A', `eigsh: expected a float or complex matrix, got ${A.dtype.name}`);
  const arpack = arpackAvailable();
  if (arpack.ok) return eigshArpack(A, options);
  if (options.sigma !== undefined || options.OPinv !== undefined) throw new np.linalg.LinAlgError('sigma', `eigsh: shift-invert needs ARPACK, which this build lacks: ${arpack.detail}`);
  const { k = 6, which = 'LM', v0, tol = 1e-10, returnEigenvectors = true } = options;
  if (!Number.isSafeInteger(k) || k < 1 || k >= n) throw new np.ValueError('k', `eigsh: k must be between 1 and n - 1 = ${n - 1}, got ${k}`);
  if (!['LM', 'SM', 'LA', 'SA'].includes(which)) throw new np.ValueError('which', `eigsh: expected LM, SM, LA or SA, got '${String(which)}'${which === 'BE' ? ' (BE needs ARPACK)' : ''}`);
  const ncv = options.ncv ?? Math.min(n, Math.max(2 * k + 1, 20));
  if (!Number.isSafeInteger(ncv) || ncv <= k || ncv > n) throw new np.ValueError('ncv', `eigsh: ncv must satisfy k < ncv <= n (k = ${k}, n = ${n}), got ${ncv}`);
  const maxiter = options.maxiter ?? Math.max(100, Math.ceil((10 * n) / ncv));
  if (!(tol >= 0)) throw new np.ValueError('tol', `eigsh: expected a non-negative number, got ${tol}`);
  const t: DType = A.dtype.name === 'float32' ? toDType('float32') : A.dtype.name === 'complex64' ? toDType('complex64') : A.dtype.isComplex ? toDType('complex128') : toDType('float64');
  const matvec = (x: np.ndarray): np.ndarray => {
    const y = A instanceof csrArray ? A.matvec(x) : A.matvec(x);
    return y.dtype === t ? y : y.astype(t);
  };
  const deferredDot = (x: np.ndarray, y: np.ndarray): np.ndarray => np.vdot(x, y);
  const read = (a: np.ndarray): C => {
    const v = a.item();
    a.store.dispose();
    return typeof v === 'object' && v !== null ? (v as C) : { re: Number(v), im: 0 };
  };
  const norm = (x: np.ndarray) => Math.sqrt(Math.max(0, read(deferredDot(x, x)).re));
  // The real parts of a small vector's values (a wait for it).
  const reals = (a: np.ndarray): number[] => {
    const raw = a.toArray() as ArrayLike<number>;
    const lanes = t.isComplex ? 2 : 1;
    return Array.from({ length: a.size }, (_, i) => Number(raw[i * lanes]));
  };
  // Products with every row of a block of basis vectors: conj(B)·w, one launch.
  const products = (block: np.ndarray, w: np.ndarray): np.ndarray => (t.isComplex ? tidy(() => np.matmul(np.conj(block), w)) : np.matmul(block, w));
  /**
   * Classical Gram–Schmidt against the first `count` rows of V, done twice; each pass is two
   * launches (the products, then w − hᵀ·V), and nothing waits: the coefficients are summed into
   * `h` (a device vector) for the caller to read once.
   */
  const orthogonalise = (w: np.ndarray, V: np.ndarray, count: number): np.ndarray | null => {
    if (count === 0) return null;
    return tidy(() => {
      const block = V.slice({ stop: count });
      let h: np.ndarray | null = null;
      for (let pass = 0; pass < 2; pass++) {
        const c = products(block, w);
        np.subtract(w, np.matmul(c, block), { out: w });
        h = h === null ? c : np.add(h, c);
      }
      return h!;
    });
  };
  let start: np.ndarray;
  if (v0 !== undefined) {
    if (!(v0 instanceof np.ndarray) || v0.size !== n) throw new ShapeError('v0', `eigsh: expected a vector of length ${n}`);
    start = v0.reshape(n).astype(t);
  } else {
    start = np.random.defaultRng(0x5eed).uniform(-1, 1, n).astype(t);
  }
  if (norm(start) === 0) throw new np.ValueError('v0', 'eigsh: the starting vector is zero');
  const rng = np.random.defaultRng(0xbeef);

  /**
   * k wanted Ritz pairs, from `first`, of A plus Σ shift·x·xᴴ over `deflated`: found pairs moved
   * to the unwanted end of the spectrum (Hotelling's deflation), so a search finds what else is
   * there. Also the largest Ritz value's magnitude, a scale of the spectrum. The Lanczos vectors
   * are the rows of one (size + 1, n) array, so each step's Gram–Schmidt and each restart's Ritz
   * vectors are a few matrix products, not one launch per vector.
   */
  const lanczos = (
    first: np.ndarray,
    deflated: readonly { x: np.ndarray; shift: number }[],
    wantedCount: number,
    size: number,
  ): { values: number[]; vectors: np.ndarray[]; scale: number } => {
    // The deflated pairs as rows of D, their shifts as a vector: w += (shift ⊙ conj(D)·v)·D.
    const D = deflated.length ? np.stack(deflated.map((d) => d.x)) : null;
    const shifts = deflated.length ? np.array(deflated.map((d) => d.shift), t.isComplex ? (t.name === 'complex64' ? 'float32' : 'float64') : t.name) : null;
    const apply = (v: np.ndarray): np.ndarray => {
      const w = matvec(v);
      if (D) tidy(() => np.add(w, np.matmul(np.multiply(products(D, v), shifts!), D), { out: w }));
      return w;
    };
    const V = np.zeros([size + 1, n], t);
    const row = (j: number) => V.slice(j);
    tidy(() => row(0).assign(np.divide(first, norm(first))));
    const T: number[][] = Array.from({ length: size + 1 }, () => new Array<number>(size + 1).fill(0));
    let kept = 0;
    let beta = 0;
    try {
      for (let restart = 0; ; restart++) {
        for (let j = kept; j < size; j++) {
          const w = tidy(() => apply(row(j)));
          const h = orthogonalise(w, V, j + 1);
          // One wait for the coefficients and the norm together.
          const squared = deferredDot(w, w);
          T[j]![j] = h ? reals(h)[j]! : 0;
          h?.store.dispose();
          beta = Math.sqrt(Math.max(0, read(squared).re));
          if (beta <= 1e-14 * Math.max(1, Math.abs(T[j]![j]!))) {
            // An invariant subspace: go on from a fresh direction orthogonal to the basis.
            beta = 0;
            const fresh = rng.uniform(-1, 1, n).astype(t);
            orthogonalise(fresh, V, j + 1)?.store.dispose();
            tidy(() => row(j + 1).assign(np.divide(fresh, norm(fresh))));
            fresh.store.dispose();
          } else {
            tidy(() => row(j + 1).assign(np.divide(w, beta)));
          }
          w.store.dispose();
          if (j + 1 < size) T[j + 1]![j] = T[j]![j + 1] = beta;
        }
        const { values, vectors } = symmetricEigen(T.slice(0, size).map((r) => r.slice(0, size)));
        const order = wantedOrder(values, which);
        const wanted = order.slice(0, wantedCount);
        const residualOf = (i: number) => Math.abs(beta * vectors[size - 1]![i]!);
        // ARPACK's test, with ε^(2/3) of the spectrum's scale as the floor for eigenvalues near zero.
        const scale = values.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0);
        const converged = wanted.filter((i) => residualOf(i) <= tol * Math.max(Math.abs(values[i]!), 3.7e-11 * scale, 1e-300)).length;
        // The Ritz vectors of `indices` as the rows of one array: Sᵀ·V over the first size rows.
        const ritz = (indices: number[]): np.ndarray =>
          tidy(() => {
            const S = np.array(indices.map((i) => Array.from({ length: size }, (_, j) => vectors[j]![i]!)), t.isComplex ? (t.name === 'complex64' ? 'float32' : 'float64') : t.name);
            return np.matmul(S.astype(t), V.slice({ stop: size }));
          });
        if (converged === wantedCount || restart >= maxiter) {
          if (converged < wantedCount) {
            throw new ArpackNoConvergence('maxiter', `eigsh: ${converged} of ${wantedCount} eigenvalues converged in ${maxiter} restarts (tol ${tol})`);
          }
          const Y = ritz(wanted);
          const list = wanted.map((_, r) => tidy(() => np.copy(Y.slice(r))));
          Y.store.dispose();
          return { values: wanted.map((i) => values[i]!), vectors: list, scale };
        }
        // Thick restart: keep the wanted Ritz vectors and some more, then the last Lanczos vector.
        const keep = order.slice(0, Math.min(size - 1, wantedCount + Math.floor((size - wantedCount) / 2)));
        const Y = ritz(keep);
        tidy(() => {
          row(keep.length).assign(np.copy(row(size)));
          V.slice({ stop: keep.length }).assign(Y);
        });
        Y.store.dispose();
        for (const r of T) r.fill(0);
        keep.forEach((i, at) => {
          T[at]![at] = values[i]!;
          T[at]![keep.length] = T[keep.length]![at] = beta * vectors[size - 1]![i]!;
        });
        kept = keep.length;
      }
    } finally {
      V.store.dispose();
      D?.store.dispose();
      shifts?.store.dispose();
    }
  };

  const first = lanczos(start, [], k, ncv);
  const radius = 3 * Math.max(first.scale, 1e-300);
  let found: { values: number[]; vectors: np.ndarray[] } = first;
  // Where each found eigenvalue goes so that the search no longer wants it.
  const away = (lambda: number) => (which === 'LA' ? -radius : which === 'SA' ? radius : which === 'LM' ? -lambda : lambda >= 0 ? radius : -radius);
  // One Krylov space holds one vector of each eigenspace: a repeated eigenvalue shows up once.
  // Search again with the found pairs deflated; keep whatever ranks among the k wanted.
  for (let round = 0; round < k && n - found.vectors.length > k; round++) {
    const size = Math.min(n, Math.max(2 * k + 1, 20));
    const extra = lanczos(rng.uniform(-1, 1, n).astype(t), found.vectors.map((x, i) => ({ x, shift: away(found.values[i]!) })), k, size);
    const pool = [...found.values.map((v, i) => ({ v, x: found.vectors[i]! })), ...extra.values.map((v, i) => ({ v, x: extra.vectors[i]! }))];
    // A deflated pair can come back (its shift moved it only so far): keep distinct vectors.
    const rank = wantedOrder(pool.map((p) => p.v), which).filter((i, position, list) => {
      if (i < found.values.length) return true;
      const x = pool[i]!.x;
      return !list.slice(0, position).some((j) => Math.abs(read(deferredDot(pool[j]!.x, x)).re) > 0.5);
    }).slice(0, k);
    const chosen = new Set(rank);
    pool.forEach((p, i) => {
      if (!chosen.has(i)) p.x.store.dispose();
    });
    const improved = rank.some((i) => i >= found.values.length);
    found = { values: rank.map((i) => pool[i]!.v), vectors: rank.map((i) => pool[i]!.x) };
    if (!improved) break;
  }
  const ascending = found.values.map((_, i) => i).sort((a, b) => found.values[a]! - found.values[b]!);
  const eigenvalues = np.array(ascending.map((i) => found.values[i]!), t.isComplex ? (t.name === 'complex64' ? 'float32' : 'float64') : t.name);
  if (!returnEigenvectors) {
    for (const x of found.vectors) x.store.dispose();
    return { eigenvalues };
  }
  const eigenvectors = np.empty([n, k], t);
  ascending.forEach((i, column) => eigenvectors.slice(':', column).assign(found.vectors[i]!));
  for (const x of found.vectors) x.store.dispose();
  return { eigenvalues, eigenvectors };
}

/** The shift-invert operator (A − σI)⁻¹ of a sparse A, factorised once; `dispose` frees the factors. */
export type ShiftInvert = { apply: (x: np.ndarray) => np.ndarray; dispose: () => void };

/** (A − σI)⁻¹ through SuperLU's factors of A − σI (complex for a complex σ), made once. */
function factorShifted(A: csrArray, sigma: { re: number; im: number }, fn: string): ShiftInvert {
  const available = superluAvailable();
  if (!available.ok) throw new np.linalg.LinAlgError('sigma', `${fn}: shift-invert factorises A − σI with SuperLU, which this build lacks: ${available.detail}`);
  const [n] = A.shape;
  const t = sigma.im !== 0 || A.dtype.isComplex ? toDType(A.dtype.name === 'complex64' ? 'complex64' : 'complex128') : toDType(A.dtype.name === 'float32' ? 'float32' : 'float64');
  const shifted = tidy(() => A.astype(t).subtract(eye(n, n, 0, t).multiply(sigma.im !== 0 ? (np.full([], sigma, t) as never) : sigma.re)) as csrArray);
  let lu: SuperLU;
  try {
    lu = splu(shifted);
  } finally {
    shifted.dispose();
  }
  return { apply: (x) => lu.solve(x.dtype === t ? x : x.astype(t)), dispose: () => lu.dispose() };
}

/** The operator ARPACK iterates with: A, or (A − σI)⁻¹ for a sigma. */
export function arpackOperator(A: Operator, sigma: number | { re: number; im: number } | undefined, OPinv: EigshOptions['OPinv'], fn: string): ShiftInvert {
  if (sigma === undefined) {
    if (OPinv !== undefined) throw new ArgumentError('OPinv', `${fn}: OPinv is used only with sigma`);
    return { apply: (x) => A.matvec(x), dispose: () => undefined };
  }
  const s = typeof sigma === 'number' ? { re: sigma, im: 0 } : sigma;
  if (!Number.isFinite(s.re) || !Number.isFinite(s.im)) throw new np.ValueError('sigma', `${fn}: expected a finite shift, got ${String(sigma)}`);
  if (OPinv !== undefined) {
    const apply = typeof OPinv === 'function' ? OPinv : (x: np.ndarray) => OPinv.matvec(x);
    return { apply, dispose: () => undefined };
  }
  if (!(A instanceof csrArray)) throw new DTypeError('A', `${fn}: shift-invert factorises A − σI, so A must be a sparse matrix (or give OPinv)`);
  return factorShifted(A, s, fn);
}

/** The real type of a matrix's values (float32 stays float32, as SciPy's). */
function realOf(t: DType): DType {
  return toDType(t.name === 'float32' || t.name === 'complex64' ? 'float32' : 'float64');
}

function eigshArpack(A: Operator, options: EigshOptions): EigshResult {
  const [, n] = A.shape;
  const complex = A.dtype.isComplex;
  const { k = 6, which = 'LM', v0, tol = 0, returnEigenvectors = true, sigma, OPinv } = options;
  const limit = complex ? n - 1 : n;
  if (!Number.isSafeInteger(k) || k < 1 || k >= limit) throw new np.ValueError('k', `eigsh: k must be between 1 and n - ${complex ? 2 : 1} = ${limit - 1}, got ${k}`);
  if (!['LM', 'SM', 'LA', 'SA', 'BE'].includes(which)) throw new np.ValueError('which', `eigsh: expected LM, SM, LA, SA or BE, got '${String(which)}'`);
  if (complex && which === 'BE') throw new np.ValueError('which', "eigsh: which 'BE' is for real symmetric matrices only");
  if (sigma !== undefined && typeof sigma !== 'number') throw new DTypeError('sigma', `eigsh: expected a real number, got ${typeof sigma}`);
  const ncv = options.ncv ?? Math.min(n, Math.max(2 * k + 1, 20));
  if (!Number.isSafeInteger(ncv) || ncv <= k + (complex ? 1 : 0) || ncv > n) throw new np.ValueError('ncv', `eigsh: ncv must satisfy k${complex ? ' + 1' : ''} < ncv <= n (k = ${k}, n = ${n}), got ${ncv}`);
  const maxiter = options.maxiter ?? n * 10;
  if (!Number.isSafeInteger(maxiter) || maxiter < 1) throw new np.ValueError('maxiter', `eigsh: expected a positive integer, got ${maxiter}`);
  if (typeof tol !== 'number' || !(tol >= 0)) throw new np.ValueError('tol', `eigsh: expected a non-negative number, got ${tol}`);
  const t = toDType(complex ? 'complex128' : 'float64');
  let start: Float64Array | null = null;
  if (v0 !== undefined) {
    if (!(v0 instanceof np.ndarray) || v0.size !== n) throw new ShapeError('v0', `eigsh: expected a vector of length ${n}`);
    start = tidy(() => v0.reshape(n).astype(t).toArray() as Float64Array);
  }
  // The smallest magnitudes are the largest of A⁻¹: ARPACK without a shift finds them slowly
  // and can miss some, so a sparse A that SuperLU can factorise is searched in shift-invert mode
  // at 0 (a singular A falls back to the plain search).
  let shift = sigma;
  let search: Which = which;
  let op: ShiftInvert | null = null;
  if (which === 'SM' && sigma === undefined && OPinv === undefined && A instanceof csrArray && superluAvailable().ok) {
    try {
      op = factorShifted(A, { re: 0, im: 0 }, 'eigsh');
      shift = 0;
      search = 'LM';
    } catch (e) {
      if (!(e instanceof np.linalg.LinAlgError)) throw e;
    }
  }
  op ??= arpackOperator(A, sigma, OPinv, 'eigsh');
  let result: ArpackResult;
  try {
    result = runArpack({
      // A Hermitian complex matrix goes through the complex driver, as SciPy's eigsh does.
      kind: complex ? 'zn' : 'ds',
      n,
      k,
      which: complex ? ({ LA: 'LR', SA: 'SR' } as Record<string, string>)[search] ?? search : search,
      ncv,
      maxiter,
      tol,
      v0: start,
      mode: shift === undefined ? 1 : 3,
      sigma: { re: shift ?? 0, im: 0 },
      op: op.apply,
      returnVectors: returnEigenvectors,
    });
  } catch (e) {
    if (e instanceof ArpackNoConvergence) {
      const partial = (e as unknown as { partial?: ArpackResult }).partial;
      if (partial) Object.assign(e, pairsOf(partial, n, t, realOf(A.dtype), A.dtype, returnEigenvectors, partial.count));
    }
    throw e;
  } finally {
    op.dispose();
  }
  return pairsOf(result, n, t, realOf(A.dtype), A.dtype, returnEigenvectors, k);
}

/** ARPACK's Ritz pairs as eigsh returns them: eigenvalues ascending, vectors as columns. */
function pairsOf(r: ArpackResult, n: number, t: DType, real: DType, vectorType: DType, withVectors: boolean, k: number): EigshResult {
  // Eigenvalues of a Hermitian matrix are real: the imaginary parts are rounding.
  const order = Array.from({ length: Math.min(r.count, k) }, (_, i) => i).sort((a, b) => r.re[a]! - r.re[b]!);
  const eigenvalues = np.array(order.map((i) => r.re[i]!), real.name as 'float64');
  if (!withVectors || !r.vectors) return { eigenvalues };
  const vectors = vectorColumns(r.vectors, n, r.count, order, t);
  const eigenvectors = vectors.dtype === vectorType ? vectors : tidy(() => vectors.astype(vectorType.isComplex ? vectorType : real));
  if (eigenvectors !== vectors) vectors.store.dispose();
  return { eigenvalues, eigenvectors };
}
