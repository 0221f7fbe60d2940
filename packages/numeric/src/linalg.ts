// numeric.linalg: norms, and factorisations and solves through LAPACK. LAPACK runs on whole
// arrays in one point task (stacks of matrices are looped over inside it); products are in
// products.ts and split across processors.
import { AutoTask, broadcast, dtype as toDType, DTypeError, LogicalStore, Scalar, tidy, type DType } from '@legate/core';

import { checkArity, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { astype, broadcastShapes, broadcastStore, checkArray, shapeText } from './operations.js';
import { matmul } from './products.js';
import { abs, exp, multiply, sqrt, subtract } from './ufunc.js';
import { max, min, sum, vectorNorm } from './reductions.js';
import { LinalgOp, Task } from './tasks.js';

export { diagonal, matmul, tensordot, trace, vdot, outer } from './products.js';

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
 */
export function solve(a: ndarray, b: ndarray): ndarray {
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
}

/** `x` seen with its extent-1 dimension `d` dropped (the view keeps the storage). */
function projected(x: ndarray, d: number): ndarray {
  const view = new ndarray(x.store.project(d, 0));
  x.store.dispose();
  return view;
}

/** The inverse of each square matrix (NumPy's `inv`); a singular one raises {@link LinAlgError}. */
export function inv(a: ndarray): ndarray {
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
}

/** The lower-triangular L with a = L · Lᴴ (NumPy's `cholesky`); raises unless a is positive definite. */
export function cholesky(a: ndarray): ndarray {
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
}

/** Q and R with a = Q · R (NumPy's `qr`): `reduced` (default), `complete`, or `r` (R alone). */
export function qr(a: ndarray, mode: 'reduced' | 'complete'): { Q: ndarray; R: ndarray };
export function qr(a: ndarray, mode: 'r'): ndarray;
export function qr(a: ndarray): { Q: ndarray; R: ndarray };
export function qr(a: ndarray, mode: 'reduced' | 'complete' | 'r' = 'reduced'): { Q: ndarray; R: ndarray } | ndarray {
  checkArity(arguments.length, ['a', 'mode'], 'qr');
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
  return { Q, R };
}

/**
 * The singular value decomposition a = U · diag(S) · Vh (NumPy's `svd`), S descending.
 * `fullMatrices` (default true) gives square U and Vh; `computeUv: false` gives S alone.
 */
export function svd(a: ndarray, options: { fullMatrices?: boolean; computeUv: false }): ndarray;
export function svd(a: ndarray, fullMatrices: boolean, computeUv: false): ndarray;
export function svd(a: ndarray, options?: { fullMatrices?: boolean; computeUv?: true }): { U: ndarray; S: ndarray; Vh: ndarray };
export function svd(a: ndarray, fullMatrices: boolean, computeUv?: true): { U: ndarray; S: ndarray; Vh: ndarray };
export function svd(a: ndarray): { U: ndarray; S: ndarray; Vh: ndarray } | ndarray {
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
  return { U, S, Vh };
}

/**
 * Eigenvalues (ascending) and eigenvectors (columns) of symmetric / Hermitian matrices
 * (NumPy's `eigh`), from the lower (`UPLO` 'L', default) or upper triangle.
 */
export function eigh(a: ndarray, UPLO: 'L' | 'U' = 'L'): { eigenvalues: ndarray; eigenvectors: ndarray } {
  checkArity(arguments.length, ['a', 'UPLO'], 'eigh');
  return eigenproblem(a, UPLO, true) as { eigenvalues: ndarray; eigenvectors: ndarray };
}

/** The eigenvalues (ascending) of symmetric / Hermitian matrices (NumPy's `eigvalsh`). */
export function eigvalsh(a: ndarray, UPLO: 'L' | 'U' = 'L'): ndarray {
  checkArity(arguments.length, ['a', 'UPLO'], 'eigvalsh');
  return eigenproblem(a, UPLO, false).eigenvalues;
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

/** The sign and the log of the absolute determinant (NumPy's `slogdet`): stable for large matrices. */
export function slogdet(a: ndarray): { sign: ndarray; logabsdet: ndarray } {
  checkArity(arguments.length, ['a'], 'slogdet');
  check(a, 'a', 'slogdet');
  const t = workType(a.dtype);
  const batch = a.shape.slice(0, -2);
  const sign = new ndarray(LogicalStore.create(batch, t));
  const logabsdet = new ndarray(LogicalStore.create(batch, realOf(t)));
  if (sign.size > 0) tidy(() => lapack(LinalgOp.Det, [cast(a, t).store], [sign.store, logabsdet.store]));
  return { sign, logabsdet };
}

/** The determinant of each square matrix (NumPy's `det`); 0 for a singular one. */
export function det(a: ndarray): ndarray {
  checkArity(arguments.length, ['a'], 'det');
  return tidy(() => {
    const { sign, logabsdet } = slogdet(a);
    return multiply(sign, exp(logabsdet));
  });
}

/**
 * The least-squares solution of a · x = b (NumPy's `lstsq`) by LAPACK's gelsd: x, the squared
 * residual norms (empty unless a has full column rank and more rows than columns), the rank and
 * the singular values. `rcond` defaults to machine epsilon × max(M, N).
 */
export function lstsq(a: ndarray, b: ndarray, rcond?: number): { x: ndarray; residuals: ndarray; rank: number; s: ndarray } {
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
  return { x, residuals: shaped, rank, s };
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
 */
export function norm(
  x: ndarray,
  ordArg?: Order | NormOptions,
  axisArg?: number | readonly [number, number] | null | NormOptions,
  keepdimsArg?: boolean | NormOptions,
): ndarray {
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
    if (x.ndim === 1) return kept(vectorNorm(x, ord === null ? 2 : (ord as number)), [0]);
    if (x.ndim === 2) return kept(norm(x, ord, [0, 1]), [0, 1]);
    if (ord !== null && ord !== 'fro') throw new ValueError('ord', `norm: Improper number of dimensions to norm (${x.ndim}) for ord ${String(ord)}`);
    return kept(tidy(() => vectorNorm(x.reshape(x.size), 2)), x.shape.map((_, d) => d));
  }
  if (axes.length === 1) {
    if (typeof ord === 'string') throw new ValueError('ord', `norm: Invalid norm order '${ord}' for vectors`);
    return kept(vectorNorm(x, ord === null ? 2 : ord, axes[0]!), axes);
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
}

function moveLast(x: ndarray, row: number, col: number): ndarray {
  const rest = x.shape.map((_, d) => d).filter((d) => d !== row && d !== col);
  return x.transpose(...rest, row, col);
}
