// numeric.linalg: norms, and factorisations and solves through LAPACK. LAPACK runs on whole
// arrays in one point task (stacks of matrices are looped over inside it); products are in
// products.ts and split across processors.
import { AutoTask, broadcast, dtype as toDType, DTypeError, LogicalStore, Scalar, tidy, type DType } from '@legate/core';

import { checkArity, describeValue, keywords, named } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { eye } from './creation.js';
import { ValueError } from './errors.js';
import { arrayFrom, checkBoolean, checkInteger, withArrayLike, type ArrayInput } from './inputs.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { cross as crossProduct } from './numerical.js';
import { assign, astype, broadcastShapes, broadcastStore, checkArray, filled, shapeText } from './operations.js';
import { diagonal as diagonalOf, dot, matmul, outer as outerProduct } from './products.js';
import { abs, conj, divide, equal, exp, greater, imag, isfinite, isnan, logicalAnd, logicalNot, multiply, notEqual, real, sqrt, subtract, where } from './ufunc.js';
import { all, any, countNonzero, max, min, sum, vectorNorm as reduceNorm } from './reductions.js';
import { expandDims, matrixTranspose, ravel, reshape, transpose } from './shape.js';
import { LinalgOp, Task } from './tasks.js';

export { matmul, tensordot, vdot } from './products.js';
export { matrixTranspose } from './shape.js';
export { vecdot } from './vectorproducts.js';

/** A linear-algebra routine failed: singular matrix, not positive definite, no convergence. */
export class LinAlgError extends ValueError {
  override name = 'LinAlgError';
}

function check(a: unknown, argument: string, name: string, square = true): asserts a is ndarray {
  checkArray(a, argument, name);
  if (a.ndim < 2) throw new LinAlgError(argument, `${a.ndim}-dimensional array given. Array must be at least two-dimensional`);
  if (square && a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) throw new LinAlgError(argument, 'Last 2 dimensions of the array must be square');
}

/** The type LAPACK works in: float32 and complex64 stay, the rest go to float64 / complex128. */
function workType(...types: DType[]): DType {
  const complex = types.some((t) => t.isComplex);
  const single = types.every((t) => t.name === 'float32' || t.name === 'complex64');
  return toDType(complex ? (single ? 'complex64' : 'complex128') : single ? 'float32' : 'float64');
}

const realOf = (t: DType) => toDType(t.name === 'complex64' ? 'float32' : t.name === 'complex128' ? 'float64' : t.name);

/** One LAPACK launch on whole arrays; returns LAPACK's first nonzero info (waits for it). */
function lapack(op: LinalgOp, inputs: LogicalStore[], outputs: LogicalStore[], scalars: Scalar[] = []): number {
  const status = LogicalStore.create([], 'int64');
  const task = new AutoTask(library, Task.Linalg).addScalar(new Scalar(op, 'int32'));
  for (const s of scalars) task.addScalar(s);
  for (const x of inputs) task.addInput(x).addConstraint(broadcast(x));
  for (const y of [...outputs, status]) task.addOutput(y).addConstraint(broadcast(y));
  task.execute();
  const info = Number((status.read() as BigInt64Array)[0]);
  status.dispose();
  return info;
}

const cast = (a: ndarray, t: DType) => (a.dtype === t ? a : astype(a, t));

/**
 * x with a · x = b (NumPy's `solve`): a (..., M, M); b (M,) or (..., M, K), stacks broadcast.
 * A singular a raises {@link LinAlgError}.
 *
 * @example
 * ```ts
 * const a = np.array([[2, 0], [0, 4]]);
 * console.log(np.linalg.solve(a, np.array([2, 8])));
 * // array([1., 2.])
 * ```
 */
export function solve(a: ArrayInput, b: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'solve', (a) =>
    withArrayLike(b, 'b', 'solve', (b) => {
    checkArity(arguments.length, ['a', 'b'], 'solve');
    check(a, 'a', 'solve');
    checkArray(b, 'b', 'solve');
    const n = a.shape[a.ndim - 1]!;
    const vector = b.ndim === 1;
    const b2 = vector ? b.reshape(n === b.size ? [n, 1] : [b.size, 1]) : b;
    if (b2.shape[b2.ndim - 2] !== n) {
      throw new ValueError('b', `solve: Input operand 1 has a mismatch in its core dimension 0 (size ${b2.shape[b2.ndim - 2]} is different from ${n})`);
    }
    const batch = broadcastShapes(a.shape.slice(0, -2), b2.shape.slice(0, -2));
    const t = workType(a.dtype, b.dtype);
    const k = b2.shape[b2.ndim - 1]!;
    const x = new ndarray(LogicalStore.create([...batch, n, k], t));
    const info = tidy(() => {
      const A = broadcastStore(cast(a, t).store, [...batch, n, n]);
      const B = broadcastStore(cast(b2, t).store, [...batch, n, k]);
      return x.size === 0 ? 0 : lapack(LinalgOp.Solve, [A, B], [x.store]);
    });
    if (b2.store !== b.store) b2.store.dispose();
    if (info > 0) {
      x.store.dispose();
      throw new LinAlgError('a', 'Singular matrix');
    }
    return vector ? projected(x, x.ndim - 1) : x;
  }),
  );
}

/** `x` seen with its extent-1 dimension `d` dropped (the view keeps the storage). */
function projected(x: ndarray, d: number): ndarray {
  const view = new ndarray(x.store.project(d, 0));
  x.store.dispose();
  return view;
}

/**
 * The inverse of each square matrix (NumPy's `inv`); a singular one raises {@link LinAlgError}.
 *
 * @example
 * ```ts
 * console.log(np.linalg.inv(np.array([[2, 0], [0, 4]])));
 * // array([[0.5 , 0.  ],
 * //        [0.  , 0.25]])
 * ```
 */
export function inv(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'inv', (a) => {
    checkArity(arguments.length, ['a'], 'inv');
    check(a, 'a', 'inv');
    const n = a.shape[a.ndim - 1]!;
    const t = workType(a.dtype);
    return tidy(() => {
      const eye = new ndarray(LogicalStore.create([n, n], t));
      const values = new t.arrayType(n * n * t.lanes);
      for (let i = 0; i < n; i++) values[i * (n + 1) * t.lanes] = 1 as never;
      if (n) eye.store.write(values);
      return solve(a, new ndarray(broadcastStore(eye.store, a.shape)));
    });
  });
}

/**
 * The lower-triangular L with a = L · Lᴴ (NumPy's `cholesky`); raises unless a is positive definite.
 *
 * @example
 * ```ts
 * console.log(np.linalg.cholesky(np.array([[4, 2], [2, 2]])));
 * // array([[2., 0.],
 * //        [1., 1.]])
 * ```
 */
export function cholesky(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'cholesky', (a) => {
    checkArity(arguments.length, ['a'], 'cholesky');
    check(a, 'a', 'cholesky');
    const t = workType(a.dtype);
    const out = new ndarray(LogicalStore.create(a.shape, t));
    const info = out.size === 0 ? 0 : tidy(() => lapack(LinalgOp.Cholesky, [cast(a, t).store], [out.store]));
    if (info > 0) {
      out.store.dispose();
      throw new LinAlgError('a', 'Matrix is not positive definite');
    }
    return out;
  });
}

/** {@link qr}'s factors: `[Q, R]` (destructure as NumPy's tuple) or by name. */
export type QrResult = [ndarray, ndarray] & { Q: ndarray; R: ndarray };
/** {@link svd}'s factors: `[U, S, Vh]` or by name. */
export type SvdResult = [ndarray, ndarray, ndarray] & { U: ndarray; S: ndarray; Vh: ndarray };
/** {@link eigh}'s result: `[eigenvalues, eigenvectors]` or by name. */
export type EighResult = [ndarray, ndarray] & { eigenvalues: ndarray; eigenvectors: ndarray };
/** {@link slogdet}'s result: `[sign, logabsdet]` or by name. */
export type SlogdetResult = [ndarray, ndarray] & { sign: ndarray; logabsdet: ndarray };
/** {@link lstsq}'s result: `[x, residuals, rank, s]` or by name. */
export type LstsqResult = [ndarray, ndarray, number, ndarray] & { x: ndarray; residuals: ndarray; rank: number; s: ndarray };

/**
 * Q and R with a = Q · R (NumPy's `qr`): `reduced` (default), `complete`, or `r` (R alone).
 *
 * @example
 * ```ts
 * const [Q, R] = np.linalg.qr(np.array([[3, 0], [4, 5]]));
 * console.log(np.round(np.matmul(Q, R), 10));
 * // array([[3., 0.],
 * //        [4., 5.]])
 * ```
 */
export function qr(a: ArrayInput, mode: 'reduced' | 'complete'): QrResult;
export function qr(a: ArrayInput, mode: 'r'): ndarray;
export function qr(a: ArrayInput): QrResult;
export function qr(given: ArrayInput, mode: 'reduced' | 'complete' | 'r' = 'reduced'): QrResult | ndarray {
  checkArity(arguments.length, ['a', 'mode'], 'qr');
  return withArrayLike(given, 'a', 'qr', (a) => qrOf(a, mode));
}

function qrOf(a: ndarray, mode: 'reduced' | 'complete' | 'r'): QrResult | ndarray {
  check(a, 'a', 'qr', false);
  if (!['reduced', 'complete', 'r'].includes(mode)) throw new ValueError('mode', `qr: unrecognized mode '${String(mode)}'`);
  const [m, n] = a.shape.slice(-2) as [number, number];
  const batch = a.shape.slice(0, -2);
  const k = Math.min(m, n);
  const t = workType(a.dtype);
  const Q = new ndarray(LogicalStore.create([...batch, m, mode === 'complete' ? m : k], t));
  const R = new ndarray(LogicalStore.create([...batch, mode === 'complete' ? m : k, n], t));
  const info = a.size === 0 && Q.size === 0 && R.size === 0 ? 0 : tidy(() => lapack(LinalgOp.Qr, [cast(a, t).store], [Q.store, R.store]));
  if (info !== 0) throw new LinAlgError('a', `qr: LAPACK failed (info ${info})`);
  if (mode === 'r') {
    Q.store.dispose();
    return R;
  }
  return named([Q, R] as const, { Q, R });
}

/**
 * The singular value decomposition a = U · diag(S) · Vh (NumPy's `svd`), S descending.
 * `fullMatrices` (default true) gives square U and Vh; `computeUv: false` gives S alone.
 *
 * @example
 * ```ts
 * const [U, S, Vh] = np.linalg.svd(np.array([[3, 0], [0, -2]]));
 * console.log(S, U.shape, Vh.shape);
 * // array([3., 2.]) [ 2, 2 ] [ 2, 2 ]
 * ```
 */
export function svd(a: ArrayInput, options: { fullMatrices?: boolean; computeUv: false }): ndarray;
export function svd(a: ArrayInput, fullMatrices: boolean, computeUv: false): ndarray;
export function svd(a: ArrayInput, options?: { fullMatrices?: boolean; computeUv?: true }): SvdResult;
export function svd(a: ArrayInput, fullMatrices: boolean, computeUv?: true): SvdResult;
export function svd(given: ArrayInput): SvdResult | ndarray {
  if (!(given instanceof ndarray)) {
    const args = Array.from(arguments);
    return withArrayLike(given, 'a', 'svd', (a) => (svd as (...x: unknown[]) => SvdResult | ndarray)(a, ...args.slice(1)));
  }
  const a = given;
  // NumPy's positional full_matrices and compute_uv, or one options object, last.
  const [, fullMatrices = true, computeUv = true] = keywords(arguments, ['a', 'fullMatrices', 'computeUv'], 'svd', 1) as [unknown, boolean?, boolean?];
  check(a, 'a', 'svd', false);
  for (const [name, v] of [['fullMatrices', fullMatrices], ['computeUv', computeUv]] as const) {
    if (typeof v !== 'boolean') throw new DTypeError(name, `svd: expected a boolean, got ${String(v)}`);
  }
  const [m, n] = a.shape.slice(-2) as [number, number];
  const batch = a.shape.slice(0, -2);
  const k = Math.min(m, n);
  const t = workType(a.dtype);
  const S = new ndarray(LogicalStore.create([...batch, k], realOf(t)));
  const U = new ndarray(LogicalStore.create(computeUv ? [...batch, m, fullMatrices ? m : k] : [0], t));
  const Vh = new ndarray(LogicalStore.create(computeUv ? [...batch, fullMatrices ? n : k, n] : [0], t));
  const flags = (fullMatrices ? 1 : 0) | (computeUv ? 2 : 0);
  const info = a.size === 0 && U.size === 0 && Vh.size === 0 ? 0 : tidy(() => lapack(LinalgOp.Svd, [cast(a, t).store], [U.store, S.store, Vh.store], [new Scalar(flags, 'int32')]));
  if (info > 0) throw new LinAlgError('a', 'SVD did not converge');
  if (!computeUv) {
    U.store.dispose();
    Vh.store.dispose();
    return S;
  }
  return named([U, S, Vh] as const, { U, S, Vh });
}

/**
 * Eigenvalues (ascending) and eigenvectors (columns) of symmetric / Hermitian matrices
 * (NumPy's `eigh`), from the lower (`UPLO` 'L', default) or upper triangle.
 *
 * @example
 * ```ts
 * const [w, v] = np.linalg.eigh(np.array([[2, 0], [0, 1]]));
 * console.log(w, v.shape);
 * // array([1., 2.]) [ 2, 2 ]
 * ```
 */
export function eigh(a: ArrayInput, UPLO: 'L' | 'U' = 'L'): EighResult {
  return withArrayLike(a, 'a', 'eigh', (a) => {
    checkArity(arguments.length, ['a', 'UPLO'], 'eigh');
    const { eigenvalues, eigenvectors } = eigenproblem(a, UPLO, true) as { eigenvalues: ndarray; eigenvectors: ndarray };
    return named([eigenvalues, eigenvectors] as const, { eigenvalues, eigenvectors });
  });
}

/**
 * The eigenvalues (ascending) of symmetric / Hermitian matrices (NumPy's `eigvalsh`).
 *
 * @example
 * ```ts
 * console.log(np.linalg.eigvalsh(np.array([[2, 1], [1, 2]])));
 * // array([1., 3.])
 * ```
 */
export function eigvalsh(a: ArrayInput, UPLO: 'L' | 'U' = 'L'): ndarray {
  return withArrayLike(a, 'a', 'eigvalsh', (a) => {
    checkArity(arguments.length, ['a', 'UPLO'], 'eigvalsh');
    return eigenproblem(a, UPLO, false).eigenvalues;
  });
}

function eigenproblem(a: ndarray, UPLO: 'L' | 'U', vectors: boolean): { eigenvalues: ndarray; eigenvectors?: ndarray } {
  check(a, 'a', vectors ? 'eigh' : 'eigvalsh');
  if (UPLO !== 'L' && UPLO !== 'U') throw new ValueError('UPLO', `UPLO argument must be 'L' or 'U', got '${String(UPLO)}'`);
  const n = a.shape[a.ndim - 1]!;
  const t = workType(a.dtype);
  const eigenvalues = new ndarray(LogicalStore.create(a.shape.slice(0, -1), realOf(t)));
  const eigenvectors = new ndarray(LogicalStore.create(vectors ? a.shape : [0], t));
  const flags = (UPLO === 'U' ? 1 : 0) | (vectors ? 2 : 0);
  const info = n === 0 || a.size === 0 ? 0 : tidy(() => lapack(LinalgOp.Eigh, [cast(a, t).store], [eigenvalues.store, eigenvectors.store], [new Scalar(flags, 'int32')]));
  if (info > 0) {
    eigenvalues.store.dispose();
    eigenvectors.store.dispose();
    throw new LinAlgError('a', 'Eigenvalues did not converge');
  }
  if (!vectors) {
    eigenvectors.store.dispose();
    return { eigenvalues };
  }
  return { eigenvalues, eigenvectors };
}

/**
 * The sign and the log of the absolute determinant (NumPy's `slogdet`): stable for large matrices.
 *
 * @example
 * ```ts
 * const [sign, logabsdet] = np.linalg.slogdet(np.array([[0, 1], [1, 0]]));
 * console.log(sign, logabsdet);
 * // array(-1.) array(0.)
 * ```
 */
export function slogdet(a: ArrayInput): SlogdetResult {
  return withArrayLike(a, 'a', 'slogdet', (a) => {
    checkArity(arguments.length, ['a'], 'slogdet');
    check(a, 'a', 'slogdet');
    const t = workType(a.dtype);
    const batch = a.shape.slice(0, -2);
    const sign = new ndarray(LogicalStore.create(batch, t));
    const logabsdet = new ndarray(LogicalStore.create(batch, realOf(t)));
    if (sign.size > 0) tidy(() => lapack(LinalgOp.Det, [cast(a, t).store], [sign.store, logabsdet.store]));
    return named([sign, logabsdet] as const, { sign, logabsdet });
  });
}

/**
 * The determinant of each square matrix (NumPy's `det`); 0 for a singular one.
 *
 * @example
 * ```ts
 * const a = np.array([[2, 0], [0, 3]]);
 * console.log(np.linalg.det(a));
 * // array(6.)
 * ```
 */
export function det(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'det', (a) => {
    checkArity(arguments.length, ['a'], 'det');
    return tidy(() => {
      const { sign, logabsdet } = slogdet(a);
      return multiply(sign, exp(logabsdet));
    });
  });
}

/**
 * The least-squares solution of a · x = b (NumPy's `lstsq`) by LAPACK's gelsd: x, the squared
 * residual norms (empty unless a has full column rank and more rows than columns), the rank and
 * the singular values. `rcond` defaults to machine epsilon × max(M, N).
 *
 * @example
 * ```ts
 * const a = np.array([[1, 0], [0, 1], [0, 0]]);
 * const [x, residuals, rank] = np.linalg.lstsq(a, np.array([1, 2, 3]));
 * console.log(x, residuals, rank);
 * // array([1., 2.]) array([9.]) 2
 * ```
 */
export function lstsq(a: ArrayInput, b: ArrayInput, rcond?: number): LstsqResult {
  return withArrayLike(a, 'a', 'lstsq', (a) =>
    withArrayLike(b, 'b', 'lstsq', (b) => {
    checkArity(arguments.length, ['a', 'b', 'rcond'], 'lstsq');
    check(a, 'a', 'lstsq', false);
    if (a.ndim !== 2) throw new LinAlgError('a', `${a.ndim}-dimensional array given. Array must be two-dimensional`);
    checkArray(b, 'b', 'lstsq');
    const [m, n] = a.shape as [number, number];
    const vector = b.ndim === 1;
    if (b.ndim > 2 || b.shape[0] !== m) throw new LinAlgError('b', `Incompatible dimensions: a is ${shapeText(a.shape)}, b is ${shapeText(b.shape)}`);
    const t = workType(a.dtype, b.dtype);
    const eps = t.name === 'float32' || t.name === 'complex64' ? 1.1920929e-7 : 2.220446049250313e-16;
    const threshold = rcond ?? eps * Math.max(m, n);
    const k = vector ? 1 : b.shape[1]!;
    const x2 = new ndarray(LogicalStore.create([n, k], t));
    const s = new ndarray(LogicalStore.create([Math.min(m, n)], realOf(t)));
    const rankStore = LogicalStore.create([], 'int64');
    const info = tidy(() => lapack(LinalgOp.Lstsq, [cast(a, t).store, cast(vector ? b.reshape(m, 1) : b, t).store], [x2.store, s.store, rankStore], [new Scalar(threshold, 'float64')]));
    const rank = Number((rankStore.read() as BigInt64Array)[0]);
    rankStore.dispose();
    if (info > 0) {
      x2.store.dispose();
      s.store.dispose();
      throw new LinAlgError('a', 'SVD did not converge in Linear Least Squares');
    }
    // NumPy reports residuals only for full column rank with more equations than unknowns.
    const residuals =
      rank === n && m > n
        ? tidy(() => {
            const r = subtract(vector ? b.reshape(m, 1).astype(t) : b.astype(t), matmul(a.astype(t), x2));
            const squares = sum(multiply(abs(r), abs(r)), { axis: 0 });
            return squares;
          })
        : new ndarray(LogicalStore.create([0], realOf(t)));
    const x = vector ? projected(x2, 1) : x2;
    const shaped = vector && residuals.size ? residuals.reshape(1) : residuals;
    if (shaped.store !== residuals.store) residuals.store.dispose(); // the view keeps the storage
    return named([x, shaped, rank, s] as const, { x, residuals: shaped, rank, s });
  }),
  );
}

/** A norm's order: a number (including ±Infinity), 'fro', 'nuc', or null for the default. */
export type Order = number | 'fro' | 'nuc' | null;

/** NumPy's keyword arguments of {@link norm}, as one options object, last. */
export interface NormOptions {
  ord?: Order;
  axis?: number | readonly [number, number] | null;
  keepdims?: boolean;
}

/**
 * The norm of a vector or matrix (NumPy's `linalg.norm`). Vectors: `ord` 2 (default), 1, ∞,
 * −∞, 0 or any p. Matrices: 'fro' (default), 'nuc', 1, −1, 2, −2, ∞, −∞. `axis` picks one axis
 * (vector norms) or two (matrix norms); without it a 1-D array is a vector, a 2-D one a matrix,
 * and anything else is flattened (Frobenius / 2-norm).
 *
 * @example
 * ```ts
 * const a = np.array([[3, 0], [0, -4]]);
 * console.log(np.linalg.norm(a), np.linalg.norm(a, 1), np.linalg.norm(a, null, 0));
 * // array(5.) array(4.) array([3., 4.])
 * ```
 */
export function norm(
  x: ArrayInput,
  ordArg?: Order | NormOptions,
  axisArg?: number | readonly [number, number] | null | NormOptions,
  keepdimsArg?: boolean | NormOptions,
): ndarray {
  return withArrayLike(x, 'x', 'norm', (x) => {
    const [, ord = null, axis, keepdims = false] = keywords(arguments, ['x', 'ord', 'axis', 'keepdims'], 'norm', 1) as [
      unknown,
      Order?,
      (number | readonly [number, number] | null)?,
      boolean?,
    ];
    checkArray(x, 'x', 'norm');
    const axes = axis === undefined || axis === null ? null : typeof axis === 'number' ? [normalizeAxis(axis, x.ndim, 'axis')] : axis.map((d) => normalizeAxis(d, x.ndim, 'axis'));
    const kept = (r: ndarray, dims: number[]) => {
      if (!keepdims) return r;
      const view = r.reshape(x.shape.map((e, d) => (dims.includes(d) ? 1 : e)));
      if (view.store !== r.store) r.store.dispose(); // the view keeps the storage
      return view;
    };
    if (axes === null) {
      if (x.ndim === 1) return kept(reduceNorm(x, ord === null ? 2 : (ord as number)), [0]);
      if (x.ndim === 2) return kept(norm(x, ord, [0, 1]), [0, 1]);
      if (ord !== null && ord !== 'fro') throw new ValueError('ord', `norm: Improper number of dimensions to norm (${x.ndim}) for ord ${String(ord)}`);
      return kept(tidy(() => reduceNorm(x.reshape(x.size), 2)), x.shape.map((_, d) => d));
    }
    if (axes.length === 1) {
      if (typeof ord === 'string') throw new ValueError('ord', `norm: Invalid norm order '${ord}' for vectors`);
      return kept(reduceNorm(x, ord === null ? 2 : ord, axes[0]!), axes);
    }
    if (axes.length !== 2 || axes[0] === axes[1]) throw new ValueError('axis', 'norm: Improper number of dimensions to norm');
    const [row, col] = axes as [number, number];
    return tidy(() => {
      const magnitude = abs(x.dtype.isInteger || x.dtype.kind === 'b' ? x.astype('float64') : x);
      let r: ndarray;
      switch (ord) {
        case null:
        case 'fro':
          r = sqrt(sum(multiply(magnitude, magnitude), { axis: [row, col] }));
          break;
        case 1:
        case -1:
          r = (ord === 1 ? max : min)(sum(magnitude, { axis: row }), { axis: col > row ? col - 1 : col });
          break;
        case Infinity:
        case -Infinity:
          r = (ord === Infinity ? max : min)(sum(magnitude, { axis: col }), { axis: row > col ? row - 1 : row });
          break;
        case 2:
        case -2:
        case 'nuc': {
          const moved = x.ndim === 2 && row === 0 && col === 1 ? x : moveLast(x, row, col);
          const s = svd(moved, { computeUv: false });
          r = ord === 2 ? max(s, { axis: -1 }) : ord === -2 ? min(s, { axis: -1 }) : sum(s, { axis: -1 });
          break;
        }
        default:
          throw new ValueError('ord', `norm: Invalid norm order ${String(ord)} for matrices`);
      }
      return kept(r, [row, col]);
    });
  });
}

function moveLast(x: ndarray, row: number, col: number): ndarray {
  const rest = x.shape.map((_, d) => d).filter((d) => d !== row && d !== col);
  return x.transpose(...rest, row, col);
}

// ---- NumPy 2's further numpy.linalg functions, composed of the routines above and array
// operations (no per-element JavaScript): loops run over matrices of a chain or bits of n only.

const epsOf = (t: DType) => (t.name === 'float32' || t.name === 'complex64' ? 1.1920929e-7 : 2.220446049250313e-16);

/** The view of `x` at index `i` of its last axis. */
const lastAt = (x: ndarray, i: number) => new ndarray(x.store.project(x.ndim - 1, i < 0 ? x.shape[x.ndim - 1]! + i : i));

/** `x` with extent-1 axes at the end (x[..., None] or x[..., None, None]). */
const trailing = (x: ndarray, count: number) => reshape(x, [...x.shape, ...Array<number>(count).fill(1)]);

const MATRIX_ORDERS: readonly unknown[] = [null, 'fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity];

/**
 * The condition number of each matrix (NumPy's `linalg.cond`): p null / 2 / −2 from the singular
 * values (any shape), else ‖x‖ₚ·‖x⁻¹‖ₚ of square matrices ('fro', 'nuc', ±1, ±∞); singular ones give ∞.
 *
 * @example
 * ```ts
 * console.log(np.linalg.cond(np.array([[4, 0], [0, 0.5]])));
 * // array(8.)
 * ```
 */
export function cond(x: ArrayInput, p?: Order | { p?: Order }): ndarray {
  return withArrayLike(x, 'x', 'cond', (x) => {
    const [, ord = null] = keywords(arguments, ['x', 'p'], 'cond', 1) as [unknown, Order?];
    check(x, 'x', 'cond', false);
    if (!MATRIX_ORDERS.includes(ord)) throw new ValueError('p', `cond: Invalid norm order ${describeValue(ord)} for matrices`);
    if (x.size === 0) throw new LinAlgError('x', 'cond: cond is not defined on empty arrays');
    return tidy(() => {
      let r: ndarray;
      if (ord === null || ord === 2 || ord === -2) {
        const s = svdvals(x);
        r = ord === -2 ? divide(lastAt(s, -1), lastAt(s, 0)) : divide(lastAt(s, 0), lastAt(s, -1));
      } else {
        check(x, 'x', 'cond');
        const t = workType(x.dtype);
        const a = cast(x, t);
        const n = a.shape[a.ndim - 1]!;
        // Singular matrices (an exact zero pivot, as NumPy's inv finds) are inverted as identities
        // and their result replaced by ∞, so one of them does not stop the stack.
        const singular = equal(slogdet(a).sign, 0);
        const safe = where(trailing(singular, 2), eye(n, undefined, 0, t), a);
        const product = multiply(norm(a, ord, [-2, -1]), norm(inv(safe), ord, [-2, -1]));
        r = where(singular, filled([], product.dtype, Infinity), product);
      }
      // NaN results become ∞ unless the matrix itself holds a NaN (as NumPy's).
      const nanInput = any(isnan(x.dtype.isInteger || x.dtype.kind === 'b' ? astype(x, 'float64') : x), { axis: [-2, -1] });
      return where(logicalAnd(isnan(r), logicalNot(nanInput)), filled([], r.dtype, Infinity), r);
    });
  });
}

/** NumPy's keyword arguments of {@link matrixNorm}. */
export interface MatrixNormOptions {
  /** 'fro' (default), 'nuc', 1, −1, 2, −2, ∞, −∞. */
  ord?: Order;
  keepdims?: boolean;
}

/**
 * The norm of each matrix over the last two axes (NumPy's `linalg.matrix_norm`).
 *
 * @example
 * ```ts
 * console.log(np.linalg.matrixNorm(np.array([[1, -2], [3, 4]]), { ord: Infinity }));
 * // array(7.)
 * ```
 */
export function matrixNorm(x: ndarray, options?: MatrixNormOptions): ndarray {
  const [, ord = 'fro', keepdims = false] = keywords(arguments, ['x'], 'matrix_norm', 1, ['ord', 'keepdims']) as [unknown, Order?, boolean?];
  checkArray(x, 'x', 'matrix_norm');
  checkBoolean(keepdims, 'keepdims', 'matrix_norm');
  return norm(x, ord, [-2, -1], keepdims);
}

/** NumPy's keyword arguments of {@link vectorNorm}. */
export interface VectorNormOptions {
  /** One axis, several (flattened together), or null (default: all of x as one vector). */
  axis?: number | readonly number[] | null;
  keepdims?: boolean;
  /** Any number, ±∞ and 0 included (default 2). */
  ord?: number;
}

/**
 * The vector norm over `axis`, one or several, or all of x (NumPy's `linalg.vector_norm`).
 *
 * @example
 * ```ts
 * console.log(np.linalg.vectorNorm(np.array([3, -4]), { ord: 1 }));
 * // array(7.)
 * ```
 */
export function vectorNorm(x: ndarray, options?: VectorNormOptions): ndarray {
  const [, axis = null, keepdims = false, ord = 2] = keywords(arguments, ['x'], 'vector_norm', 1, ['axis', 'keepdims', 'ord']) as [
    unknown,
    (number | readonly number[] | null)?,
    boolean?,
    number?,
  ];
  checkArray(x, 'x', 'vector_norm');
  checkBoolean(keepdims, 'keepdims', 'vector_norm');
  if (typeof ord !== 'number') throw new ValueError('ord', `vector_norm: Invalid norm order ${describeValue(ord)} for vectors`);
  const axes = axis === null ? x.shape.map((_, d) => d) : (typeof axis === 'number' ? [axis] : [...axis]).map((d) => normalizeAxis(d, x.ndim, 'axis'));
  if (new Set(axes).size !== axes.length) throw new ValueError('axis', 'vector_norm: repeated axis');
  return tidy(() => {
    let r: ndarray;
    if (axis === null) r = reduceNorm(ravel(x), ord, 0);
    else if (axes.length === 1) r = reduceNorm(x, ord, axes[0]!);
    else {
      const rest = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
      const flat = reshape(transpose(x, [...axes, ...rest]), [axes.reduce((v, d) => v * x.shape[d]!, 1), ...rest.map((d) => x.shape[d]!)]);
      r = reduceNorm(flat, ord, 0);
    }
    return keepdims ? reshape(r, x.shape.map((e, d) => (axes.includes(d) ? 1 : e))) : r;
  });
}

/**
 * Each square matrix to the integer power n (NumPy's `linalg.matrix_power`) by repeated
 * squaring: n = 0 gives identities of a's type, negative n powers of the inverse.
 *
 * @example
 * ```ts
 * console.log(np.linalg.matrixPower(np.array([[1, 1], [0, 1]]), 3));
 * // array([[1, 3],
 * //        [0, 1]])
 * ```
 */
export function matrixPower(a: ArrayInput, n: number): ndarray {
  return withArrayLike(a, 'a', 'matrixPower', (a) => {
    checkArity(arguments.length, ['a', 'n'], 'matrix_power');
    check(a, 'a', 'matrix_power');
    checkInteger(n, 'n', 'matrix_power');
    const m = a.shape[a.ndim - 1]!;
    return tidy(() => {
      if (n === 0) return astype(new ndarray(broadcastStore(eye(m, undefined, 0, a.dtype).store, a.shape)), a.dtype);
      const base = n < 0 ? inv(a) : a;
      let k = Math.abs(n);
      let z: ndarray | undefined;
      let result: ndarray | undefined;
      while (k > 0) {
        z = z === undefined ? base : matmul(z, z);
        if (k % 2 === 1) result = result === undefined ? z : matmul(result, z);
        k = Math.floor(k / 2);
      }
      // A new array even for n = ±1 (NumPy hands back a itself for n = 1).
      return result === a ? astype(a, a.dtype) : result!;
    });
  });
}

/** NumPy's keyword-only argument of {@link matrixRank}. */
export interface MatrixRankOptions {
  tol?: number | ndarray | null;
  hermitian?: boolean;
  /** Relative tolerance: singular values above rtol × the largest count (not with tol). */
  rtol?: number | ndarray | null;
}

/**
 * The number of singular values above the tolerance (NumPy's `linalg.matrix_rank`), per matrix:
 * `tol` absolute, or `rtol` (default max(M, N) × eps) relative to the largest; `hermitian` takes
 * them from the eigenvalues. A vector's rank is 1 unless it is all zero.
 *
 * @example
 * ```ts
 * console.log(np.linalg.matrixRank(np.array([[1, 2], [2, 4]])));
 * // array(1)
 * ```
 */
export function matrixRank(A: ArrayInput, tol?: number | ndarray | null | MatrixRankOptions, hermitian?: boolean | MatrixRankOptions): ndarray {
  return withArrayLike(A, 'A', 'matrixRank', (A) => {
    const [, absolute = null, herm = false, rtol = null] = keywords(arguments, ['A', 'tol', 'hermitian'], 'matrix_rank', 1, ['rtol']) as [
      unknown,
      (number | ndarray | null)?,
      boolean?,
      (number | ndarray | null)?,
    ];
    checkArray(A, 'A', 'matrix_rank');
    checkBoolean(herm, 'hermitian', 'matrix_rank');
    for (const [name, v] of [['tol', absolute], ['rtol', rtol]] as const) {
      if (v !== null && typeof v !== 'number' && !(v instanceof ndarray)) throw new DTypeError(name, `matrix_rank: expected a number or an ndarray, got ${describeValue(v)}`);
    }
    if (absolute !== null && rtol !== null) throw new ValueError('tol', "matrix_rank: `tol` and `rtol` can't be both set.");
    return tidy(() => {
      if (A.ndim < 2) return astype(any(notEqual(A, 0)), 'int64');
      const [m, n] = A.shape.slice(-2) as [number, number];
      if (m === 0 || n === 0) return filled(A.shape.slice(0, -2), toDType('int64'), 0);
      const S = herm ? abs(eigvalsh(A)) : svdvals(A);
      const column = (v: number | ndarray) => (typeof v === 'number' ? v : trailing(v, 1));
      const threshold = absolute !== null ? column(absolute) : multiply(max(S, { axis: -1, keepdims: true }), rtol === null ? Math.max(m, n) * epsOf(S.dtype) : column(rtol));
      return countNonzero(greater(S, threshold), { axis: -1 });
    });
  });
}

/** NumPy's keyword-only argument of {@link pinv}. */
export interface PinvOptions {
  rcond?: number | ndarray | null;
  hermitian?: boolean;
  /** Relative cutoff (null: max(M, N) × eps); not with rcond. */
  rtol?: number | ndarray | null;
}

/**
 * The Moore–Penrose pseudo-inverse of each matrix (NumPy's `linalg.pinv`) from its SVD (or, with
 * `hermitian`, its eigendecomposition), singular values at or below rcond × the largest dropped.
 *
 * @example
 * ```ts
 * console.log(np.linalg.pinv(np.array([[2, 0], [0, 0]])));
 * // array([[0.5, 0. ],
 * //        [0. , 0. ]])
 * ```
 */
export function pinv(a: ArrayInput, rcond?: number | ndarray | null | PinvOptions, hermitian?: boolean | PinvOptions): ndarray {
  return withArrayLike(a, 'a', 'pinv', (a) => {
    const [, given = null, herm = false, rtol] = keywords(arguments, ['a', 'rcond', 'hermitian'], 'pinv', 1, ['rtol']) as [
      unknown,
      (number | ndarray | null)?,
      boolean?,
      (number | ndarray | null)?,
    ];
    check(a, 'a', 'pinv', false);
    checkBoolean(herm, 'hermitian', 'pinv');
    for (const [name, v] of [['rcond', given], ['rtol', rtol ?? null]] as const) {
      if (v !== null && typeof v !== 'number' && !(v instanceof ndarray)) throw new DTypeError(name, `pinv: expected a number or an ndarray, got ${describeValue(v)}`);
    }
    if (given !== null && rtol !== undefined) throw new ValueError('rtol', "pinv: `rtol` and `rcond` can't be both set.");
    const [m, n] = a.shape.slice(-2) as [number, number];
    const batch = a.shape.slice(0, -2);
    const t = workType(a.dtype);
    if (m === 0 || n === 0) return filled([...batch, n, m], a.dtype, 0);
    if (a.size === 0) return filled([...batch, n, m], t, 0);
    const cutoffRatio = given ?? (rtol === undefined ? 1e-15 : rtol === null ? Math.max(m, n) * epsOf(t) : rtol);
    return tidy(() => {
      let left: ndarray; // V: (..., N, K)
      let right: ndarray; // Uᴴ: (..., K, M)
      let s: ndarray; // (..., K), for hermitian the signed eigenvalues
      if (herm) {
        if (m !== n) throw new LinAlgError('a', 'Last 2 dimensions of the array must be square');
        const { eigenvalues, eigenvectors } = eigh(a);
        s = eigenvalues;
        left = eigenvectors;
        right = conj(matrixTranspose(eigenvectors));
      } else {
        const { U, S, Vh } = svd(a, { fullMatrices: false });
        s = S;
        left = conj(matrixTranspose(Vh));
        right = conj(matrixTranspose(U));
      }
      const magnitude = abs(s);
      const ratio = typeof cutoffRatio === 'number' ? cutoffRatio : trailing(cutoffRatio, 1);
      const large = greater(magnitude, multiply(ratio, max(magnitude, { axis: -1, keepdims: true })));
      const inverse = where(large, divide(filled([], s.dtype, 1), where(large, s, filled([], s.dtype, 1))), filled([], s.dtype, 0));
      return matmul(multiply(left, astype(expandDims(inverse, -2), t)), right);
    });
  });
}

/**
 * The singular values of each matrix, descending (NumPy's `linalg.svdvals`).
 *
 * @example
 * ```ts
 * console.log(np.linalg.svdvals(np.array([[0, 2], [3, 0]])));
 * // array([3., 2.])
 * ```
 */
export function svdvals(x: ArrayInput): ndarray {
  return withArrayLike(x, 'x', 'svdvals', (x) => {
    checkArity(arguments.length, ['x'], 'svdvals');
    check(x, 'x', 'svdvals', false);
    return svd(x, { computeUv: false });
  });
}

/**
 * The inverse of a as a tensor (NumPy's `linalg.tensorinv`): the first `ind` axes against the
 * rest, as one square matrix; the result has shape a.shape[ind:] + a.shape[:ind].
 *
 * @example
 * ```ts
 * const a = np.eye(4).multiply(2).reshape([2, 2, 4]);
 * console.log(np.linalg.tensorinv(a).reshape([4, 4]));
 * // array([[0.5, 0. , 0. , 0. ],
 * //        [0. , 0.5, 0. , 0. ],
 * //        [0. , 0. , 0.5, 0. ],
 * //        [0. , 0. , 0. , 0.5]])
 * ```
 */
export function tensorinv(a: ndarray, ind?: number | { ind?: number }): ndarray {
  const [, k = 2] = keywords(arguments, ['a', 'ind'], 'tensorinv', 1) as [unknown, number?];
  checkArray(a, 'a', 'tensorinv');
  checkInteger(k, 'ind', 'tensorinv');
  if (k <= 0) throw new ValueError('ind', 'tensorinv: Invalid ind argument.');
  const rows = a.shape.slice(k).reduce((v, e) => v * e, 1);
  if (rows === 0 || a.size % rows !== 0) throw new ValueError('a', `tensorinv: cannot reshape array of size ${a.size} into shape (${rows},newaxis)`);
  return tidy(() => reshape(inv(reshape(a, [rows, a.size / rows])), [...a.shape.slice(k), ...a.shape.slice(0, k)]));
}

/**
 * x with tensordot(a, x, x.ndim) = b (NumPy's `linalg.tensorsolve`); `axes` are moved to the end
 * of a first. a's trailing axes, as one square system against b's, are solved by {@link solve}.
 *
 * @example
 * ```ts
 * const a = np.eye(6).multiply(2).reshape([2, 3, 6]);
 * console.log(np.linalg.tensorsolve(a, np.ones([2, 3])));
 * // array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
 * ```
 */
export function tensorsolve(a: ndarray, b: ndarray, axes?: readonly number[] | null | { axes?: readonly number[] | null }): ndarray {
  const [, , order = null] = keywords(arguments, ['a', 'b', 'axes'], 'tensorsolve', 2) as [unknown, unknown, (readonly number[] | null)?];
  checkArray(a, 'a', 'tensorsolve');
  checkArray(b, 'b', 'tensorsolve');
  return tidy(() => {
    let x = a;
    if (order !== null) {
      const all = a.shape.map((_, d) => d);
      for (const k of order) {
        const i = all.indexOf(k);
        if (i < 0) throw new ValueError('axes', `tensorsolve: axis ${describeValue(k)} is not among a's remaining axes ${shapeText(all)}`);
        all.splice(i, 1);
        all.push(k);
      }
      x = transpose(a, all);
    }
    const start = -(x.ndim - b.ndim);
    const oldshape = x.shape.slice(start === 0 ? 0 : start < 0 ? Math.max(x.ndim + start, 0) : Math.min(start, x.ndim));
    const prod = oldshape.reduce((v, e) => v * e, 1);
    if (x.size !== prod * prod) throw new LinAlgError('a', 'tensorsolve: Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])');
    return reshape(solve(reshape(x, [prod, prod]), ravel(b)), oldshape);
  });
}

/**
 * The product of two or more matrices in the cheapest order (NumPy's `linalg.multi_dot`): a
 * first 1-D array is a row vector, a last one a column vector (dropped from the result).
 *
 * @example
 * ```ts
 * const a = np.array([[1, 2], [3, 4]]);
 * console.log(np.linalg.multiDot([np.array([1, 1]), a, a, np.array([1, 0])]));
 * // array(22)
 * ```
 */
export function multiDot(given: readonly ArrayInput[], options?: { out?: ndarray }): ndarray {
  const [, out] = keywords(arguments, ['arrays'], 'multi_dot', 1, ['out']) as [unknown, ndarray?];
  if (!Array.isArray(given)) throw new DTypeError('arrays', `multi_dot: expected a list of ndarrays, got ${describeValue(given)}`);
  if (!given.every((x) => x instanceof ndarray)) {
    // Lists among the arrays: made into arrays here, freed after.
    return tidy(() => multiDot(given.map((x, i) => (x instanceof ndarray ? x : arrayFrom(x, `arrays[${i}]`, 'multi_dot'))), ...(out === undefined ? [] : [{ out }])));
  }
  const arrays = given as readonly ndarray[];
  arrays.forEach((x, i) => checkArray(x, `arrays[${i}]`, 'multi_dot'));
  if (out !== undefined) checkArray(out, 'out', 'multi_dot');
  const count = arrays.length;
  if (count < 2) throw new ValueError('arrays', 'multi_dot: Expecting at least two arrays.');
  const finish = (r: ndarray) => {
    if (out === undefined) return r;
    if (shapeText(out.shape) !== shapeText(r.shape)) throw new ValueError('out', `multi_dot: expected shape ${shapeText(r.shape)}, got ${shapeText(out.shape)}`);
    assign(out, r);
    return out;
  };
  if (count === 2) return tidy(() => finish(dot(arrays[0]!, arrays[1]!)));
  const first = arrays[0]!.ndim;
  const last = arrays[count - 1]!.ndim;
  arrays.forEach((x, i) => {
    const ndim = (i === 0 && first === 1) || (i === count - 1 && last === 1) ? 2 : x.ndim;
    if (ndim !== 2) throw new LinAlgError(`arrays[${i}]`, `${x.ndim}-dimensional array given. Array must be two-dimensional`);
  });
  return tidy(() => {
    const ms = arrays.map((x, i) => (i === 0 && first === 1 ? reshape(x, [1, x.size]) : i === count - 1 && last === 1 ? reshape(x, [x.size, 1]) : x));
    for (let i = 0; i + 1 < count; i++) {
      if (ms[i]!.shape[1] !== ms[i + 1]!.shape[0]) {
        throw new ValueError(`arrays[${i + 1}]`, `multi_dot: shapes ${shapeText(ms[i]!.shape)} and ${shapeText(ms[i + 1]!.shape)} not aligned: ${ms[i]!.shape[1]} (dim 1) != ${ms[i + 1]!.shape[0]} (dim 0)`);
      }
    }
    // The matrix-chain order (as NumPy's _multi_dot_matrix_chain_order): p are the dimensions.
    const p = [...ms.map((x) => x.shape[0]!), ms[count - 1]!.shape[1]!];
    const cost: number[][] = Array.from({ length: count }, () => Array<number>(count).fill(0));
    const split: number[][] = Array.from({ length: count }, () => Array<number>(count).fill(0));
    for (let l = 1; l < count; l++) {
      for (let i = 0; i + l < count; i++) {
        const j = i + l;
        cost[i]![j] = Infinity;
        for (let k = i; k < j; k++) {
          const q = cost[i]![k]! + cost[k + 1]![j]! + p[i]! * p[k + 1]! * p[j + 1]!;
          if (q < cost[i]![j]!) {
            cost[i]![j] = q;
            split[i]![j] = k;
          }
        }
      }
    }
    const chain = (i: number, j: number): ndarray => (i === j ? ms[i]! : matmul(chain(i, split[i]![j]!), chain(split[i]![j]! + 1, j)));
    let r = chain(0, count - 1);
    if (first === 1 && last === 1) r = reshape(r, []);
    else if (first === 1 || last === 1) r = ravel(r);
    return finish(r);
  });
}

/** The cross product of 3-vectors along `axis` (NumPy's `linalg.cross`; default the last). */
export function cross(x1: ndarray, x2: ndarray, options?: { axis?: number }): ndarray {
  const [, , axis = -1] = keywords(arguments, ['x1', 'x2'], 'cross', 2, ['axis']) as [unknown, unknown, number?];
  checkArray(x1, 'x1', 'cross');
  checkArray(x2, 'x2', 'cross');
  checkInteger(axis, 'axis', 'cross');
  const n1 = x1.shape[normalizeAxis(axis, x1.ndim, 'axis')]!;
  const n2 = x2.shape[normalizeAxis(axis, x2.ndim, 'axis')]!;
  if (n1 !== 3 || n2 !== 3) {
    throw new ValueError(n1 !== 3 ? 'x1' : 'x2', `cross: Both input arrays must be (arrays of) 3-dimensional vectors, but they are ${n1} and ${n2} dimensional instead.`);
  }
  return crossProduct(x1, x2, { axis });
}

/** The outer product of two 1-D arrays (NumPy's `linalg.outer`). */
export function outer(x1: ndarray, x2: ndarray): ndarray {
  checkArity(arguments.length, ['x1', 'x2'], 'outer');
  checkArray(x1, 'x1', 'outer');
  checkArray(x2, 'x2', 'outer');
  if (x1.ndim !== 1 || x2.ndim !== 1) {
    throw new ValueError(x1.ndim !== 1 ? 'x1' : 'x2', `outer: Input arrays must be one-dimensional, but they are x1.ndim=${x1.ndim} and x2.ndim=${x2.ndim}.`);
  }
  return outerProduct(x1, x2);
}

/** The diagonals of the matrices in the last two axes (NumPy's `linalg.diagonal`; a view). */
export function diagonal(x: ndarray, options?: { offset?: number }): ndarray {
  const [, offset = 0] = keywords(arguments, ['x'], 'diagonal', 1, ['offset']) as [unknown, number?];
  checkArray(x, 'x', 'diagonal');
  if (x.ndim < 2) throw new ValueError('x', `diagonal: diag requires an array of at least two dimensions, got ${x.ndim}`);
  checkInteger(offset, 'offset', 'diagonal');
  return diagonalOf(x, offset, -2, -1);
}

/** The sums along the diagonals of the matrices in the last two axes (NumPy's `linalg.trace`). */
export function trace(x: ndarray, options?: { offset?: number; dtype?: DType | string | null }): ndarray {
  const [, offset = 0, dtype = null] = keywords(arguments, ['x'], 'trace', 1, ['offset', 'dtype']) as [unknown, number?, (DType | string | null)?];
  checkArray(x, 'x', 'trace');
  if (x.ndim < 2) throw new ValueError('x', `trace: diag requires an array of at least two dimensions, got ${x.ndim}`);
  checkInteger(offset, 'offset', 'trace');
  return tidy(() => sum(diagonalOf(x, offset, -2, -1), dtype === null ? { axis: -1 } : { axis: -1, dtype: dtype as never }));
}

/** {@link eig}'s result: `[eigenvalues, eigenvectors]` or by name. */
export type EigResult = [ndarray, ndarray] & { eigenvalues: ndarray; eigenvectors: ndarray };

const complexOf = (t: DType) => toDType(t.name === 'float32' || t.name === 'complex64' ? 'complex64' : 'complex128');

function generalEigen(a: ndarray, vectors: boolean, fn: string): { eigenvalues: ndarray; eigenvectors?: ndarray } {
  check(a, 'a', fn);
  const t = workType(a.dtype);
  const c = complexOf(t);
  if (a.size > 0 && a.dtype.kind !== 'b' && !a.dtype.isInteger && !tidy(() => Boolean(all(isfinite(a)).item()))) {
    throw new LinAlgError('a', 'Array must not contain infs or NaNs');
  }
  const w = new ndarray(LogicalStore.create(a.shape.slice(0, -1), c));
  const v = new ndarray(LogicalStore.create(vectors ? a.shape : [0], c));
  const info = a.size === 0 ? 0 : tidy(() => lapack(LinalgOp.Eig, [cast(a, t).store], [w.store, v.store], [new Scalar(vectors ? 1 : 0, 'int32')]));
  if (info !== 0) {
    w.dispose();
    v.dispose();
    throw new LinAlgError('a', info > 0 ? 'Eigenvalues did not converge' : `${fn}: LAPACK rejected argument ${-info}`);
  }
  if (!vectors) v.dispose();
  // A real matrix whose eigenvalues are all real gives real results, as NumPy's.
  if (!t.isComplex && (w.size === 0 || tidy(() => Boolean(all(equal(imag(w), 0)).item())))) {
    const out = { eigenvalues: real(w), eigenvectors: vectors ? real(v) : undefined };
    w.dispose();
    v.dispose();
    return out;
  }
  return { eigenvalues: w, eigenvectors: vectors ? v : undefined };
}

/**
 * The eigenvalues and right eigenvectors (unit-length columns) of square matrices (NumPy's
 * `linalg.eig`, LAPACK's xgeev): complex, unless a real matrix's are all real. Stacks of
 * matrices are solved one after another. `const [w, v] = eig(a)` or `.eigenvalues`.
 *
 * @example
 * ```ts
 * const [w, v] = np.linalg.eig(np.array([[1, 0], [0, 3]]));
 * console.log(w, v);
 * // array([1., 3.]) array([[1., 0.],
 * //        [0., 1.]])
 * ```
 */
export function eig(a: ArrayInput): EigResult {
  return withArrayLike(a, 'a', 'eig', (a) => {
    checkArity(arguments.length, ['a'], 'eig');
    const { eigenvalues, eigenvectors } = generalEigen(a, true, 'eig') as { eigenvalues: ndarray; eigenvectors: ndarray };
    return named([eigenvalues, eigenvectors] as const, { eigenvalues, eigenvectors });
  });
}

/**
 * The eigenvalues of square matrices (NumPy's `linalg.eigvals`): complex, unless a real matrix's are all real.
 *
 * @example
 * ```ts
 * console.log(np.linalg.eigvals(np.array([[0, -1], [1, 0]])));
 * // array([0.+1.j, 0.-1.j])
 * ```
 */
export function eigvals(a: ArrayInput): ndarray {
  return withArrayLike(a, 'a', 'eigvals', (a) => {
    checkArity(arguments.length, ['a'], 'eigvals');
    return generalEigen(a, false, 'eigvals').eigenvalues;
  });
}
