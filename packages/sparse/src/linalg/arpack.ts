// ARPACK (ARPACK-NG from Debian, the library SciPy's eigsh / eigs / svds drive) through its
// reverse-communication interface: ARPACK's dense Krylov work runs natively on the host, and each
// operator application it asks for is our partitioned matrix–vector product (or a factorised
// solve, for shift-invert), with the vector handed over without a copy.
import { LogicalStore, runtime, tidy, dtype as toDType, type DType } from '@legate/core';
import * as np from '@legate/numeric';

import { addon, libraryId } from '../native.js';

/** ARPACK's drivers: real symmetric, real nonsymmetric, complex. */
export type ArpackKind = 'ds' | 'dn' | 'zn';

interface ArpackBindings {
  arpackAupd(state: State): void;
  arpackEupd(state: State, rvec: boolean, sigma: Float64Array, out: Record<string, Float64Array | Int32Array>): number;
}

interface State {
  kind: ArpackKind;
  which: string;
  n: number;
  nev: number;
  ncv: number;
  tol: number;
  ido: Int32Array;
  info: Int32Array;
  iparam: Int32Array;
  ipntr: Int32Array;
  resid: Float64Array;
  v: Float64Array;
  workd: Float64Array;
  workl: Float64Array;
  rwork: Float64Array;
}

/** Whether this build has ARPACK, and if not, why. */
export function arpackAvailable(): { ok: boolean; detail: string } {
  const feature = runtime.features[libraryId]?.features.find((f) => f.name === 'arpack');
  const bound = typeof (addon as unknown as Partial<ArpackBindings>).arpackAupd === 'function';
  return { ok: Boolean(feature?.enabled) && bound, detail: feature?.detail ?? 'unknown' };
}

/** ARPACK failed (an error code other than no convergence); the message says which. */
export class ArpackError extends np.linalg.LinAlgError {
  override name = 'ArpackError';
}

/**
 * The iteration did not converge within `maxiter` restarts. As SciPy's, it carries the pairs
 * that did converge.
 */
export class ArpackNoConvergence extends np.ValueError {
  override name = 'ArpackNoConvergence';
  /** The eigenvalues that converged (possibly none). */
  eigenvalues: np.ndarray | undefined;
  /** Their eigenvectors, when they were asked for. */
  eigenvectors: np.ndarray | undefined;
}

export interface ArpackProblem {
  kind: ArpackKind;
  n: number;
  k: number;
  which: string;
  ncv: number;
  maxiter: number;
  tol: number;
  /** The starting vector (the type's lanes interleaved), or null for a seeded random one. */
  v0: Float64Array | null;
  /** 1: A·x; 3: shift-invert, (A − σI)⁻¹·x. */
  mode: 1 | 3;
  sigma: { re: number; im: number };
  /** The operator ARPACK asks for, applied to a vector of the problem's type. */
  op: (x: np.ndarray) => np.ndarray;
  returnVectors: boolean;
}

export interface ArpackResult {
  /** Converged Ritz values (real parts, and imaginary parts for dn and zn). */
  re: Float64Array;
  im: Float64Array;
  /** Column j of the (n × count) column-major array is value j's vector (dn: ARPACK's packed real form). */
  vectors: Float64Array | null;
  count: number;
  /** Operator applications done. */
  applications: number;
}

const ARPACK_INFO: Record<number, string> = {
  [-1]: 'n must be positive',
  [-2]: 'k must be positive',
  [-3]: 'ncv must be greater than k and at most n',
  [-4]: 'maxiter must be positive',
  [-5]: 'which is not one ARPACK knows for this problem',
  [-6]: 'only standard problems are supported',
  [-7]: 'the work array is too short',
  [-8]: 'the LAPACK eigenvalue routine of the projected matrix failed',
  [-9]: 'the starting vector is zero',
  [-9999]: 'could not build an Arnoldi factorization',
  3: 'no shifts could be applied during a restart; increase ncv relative to k',
};

/** Runs one ARPACK problem to the end: the Ritz values and vectors it converged to. */
export function runArpack(p: ArpackProblem): ArpackResult {
  const bindings = addon as unknown as ArpackBindings;
  const complex = p.kind === 'zn';
  const lanes = complex ? 2 : 1;
  const { n, k: nev, ncv } = p;
  const lworkl = p.kind === 'ds' ? ncv * (ncv + 8) : complex ? 3 * ncv * ncv + 5 * ncv : 3 * ncv * ncv + 6 * ncv;
  const t: DType = toDType(complex ? 'complex128' : 'float64');
  const state: State = {
    kind: p.kind,
    which: p.which,
    n,
    nev,
    ncv,
    // tol 0 is machine precision, DBL_EPSILON as SciPy's ARPACK takes it (ARPACK-NG's own
    // default is half that, and takes about twice the iterations for the same answer).
    tol: p.tol === 0 ? 2.220446049250313e-16 : p.tol,
    ido: new Int32Array(1),
    info: new Int32Array(1),
    iparam: new Int32Array(11),
    ipntr: new Int32Array(14),
    resid: new Float64Array(lanes * n),
    v: new Float64Array(lanes * n * ncv),
    workd: new Float64Array(lanes * 3 * n),
    workl: new Float64Array(lanes * lworkl),
    rwork: new Float64Array(complex ? ncv : 0),
  };
  // Our own start (info = 1): ARPACK's random one depends on its earlier calls in the process.
  if (p.v0) state.resid.set(p.v0);
  else tidy(() => state.resid.set(np.random.defaultRng(0xa2bac4).uniform(-1, 1, lanes * n).toArray() as Float64Array));
  state.info[0] = 1;
  state.iparam[0] = 1; // exact shifts
  state.iparam[2] = p.maxiter;
  state.iparam[3] = 1;
  state.iparam[6] = p.mode;
  let applications = 0;
  // One vector on the runtime that each request's x is written into (a new store per request
  // costs more than the product itself on small problems).
  const x = np.empty([n], t);
  try {
    for (;;) {
      bindings.arpackAupd(state);
      const ido = state.ido[0]!;
      if (ido === 99) break;
      if (ido !== -1 && ido !== 1) throw new ArpackError('A', `ARPACK asked for an unsupported operation (ido = ${ido})`);
      // workd's slots: x at ipntr[0], y at ipntr[1] (1-based, in elements of the type).
      const xAt = (state.ipntr[0]! - 1) * lanes;
      const yAt = (state.ipntr[1]! - 1) * lanes;
      x.store.write(state.workd.subarray(xAt, xAt + lanes * n));
      tidy(() => {
        const r = p.op(x);
        if (!(r instanceof np.ndarray) || r.size !== n) throw new ArpackError('A', `the operator must return a vector of length ${n}`);
        // Straight into ARPACK's y slot.
        (r.dtype === t ? r : r.astype(t)).store.readInto(state.workd.subarray(yAt, yAt + lanes * n));
      });
      applications++;
    }
  } finally {
    x.store.dispose();
  }
  const info = state.info[0]!;
  if (info < 0 || info === 3) throw new ArpackError('A', `ARPACK error ${info}: ${ARPACK_INFO[info] ?? 'unknown'}`);
  const out: Record<string, Float64Array | Int32Array> = { select: new Int32Array(ncv) };
  const width = p.kind === 'ds' ? nev : nev + 1;
  if (p.kind === 'ds') {
    out.d = new Float64Array(nev);
    out.z = new Float64Array(n * nev); // dseupd's workspace even when no vectors are asked for
  } else if (p.kind === 'dn') {
    out.dr = new Float64Array(nev + 1);
    out.di = new Float64Array(nev + 1);
    out.z = new Float64Array(n * (nev + 1));
    out.workev = new Float64Array(3 * ncv);
  } else {
    out.d = new Float64Array(2 * (nev + 1));
    out.z = new Float64Array(2 * n * nev);
    out.workev = new Float64Array(4 * ncv);
  }
  const code = bindings.arpackEupd(state, p.returnVectors, new Float64Array([p.sigma.re, p.sigma.im]), out);
  if (code !== 0) throw new ArpackError('A', `ARPACK's eigenvector extraction failed with error ${code}${code === -14 ? ': no Ritz value converged' : ''}`);
  const count = Math.min(state.iparam[4]!, width);
  const re = new Float64Array(count);
  const im = new Float64Array(count);
  if (p.kind === 'ds') re.set((out.d as Float64Array).subarray(0, count));
  else if (p.kind === 'dn') {
    re.set((out.dr as Float64Array).subarray(0, count));
    im.set((out.di as Float64Array).subarray(0, count));
  } else {
    // count values, each (re, im): the small host arrays ARPACK returns, not data-sized.
    const d = out.d as Float64Array;
    for (let i = 0; i < count; i++) {
      re[i] = d[2 * i]!;
      im[i] = d[2 * i + 1]!;
    }
  }
  const result: ArpackResult = { re, im, vectors: p.returnVectors ? (out.z as Float64Array) : null, count, applications };
  if (info === 1) {
    const e = new ArpackNoConvergence('A', `ARPACK did not converge in ${p.maxiter} restarts (${count} of ${nev} eigenvalues converged, ${applications} operator applications); raise maxiter or ncv, or loosen tol`);
    (e as unknown as { partial: ArpackResult }).partial = result;
    throw e;
  }
  return result;
}

/**
 * Columns `picked` of ARPACK's (n × width) column-major vectors as an (n, picked.length)
 * array of type t (complex128: interleaved input).
 */
export function vectorColumns(z: Float64Array, n: number, width: number, picked: readonly number[], t: DType): np.ndarray {
  return tidy(() => {
    const all = np.fromStore(LogicalStore.attach(z.subarray(0, width * n * t.lanes), [width, n], t));
    const rows = np.take(all, [...picked], 0);
    return np.copy(np.transpose(rows));
  });
}
