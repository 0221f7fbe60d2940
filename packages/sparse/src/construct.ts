// SciPy's sparse constructors: eye, identity, diags, random, kron.
import { ArgumentError, checkOptions, DTypeError, isOptionsObject, ShapeError, tidy, dtype as toDType, type DType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from './args.js';
import { diaArray } from './dia.js';
import { csrArray, fromCoo, type ArrayInput } from './csr.js';
import { sparray, type SparseArray } from './sparray.js';
import { indexType } from './structure.js';

function checkCount(value: unknown, argument: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new ShapeError(argument, `expected a non-negative integer, got ${String(value)}`);
  return value as number;
}

/**
 * Ones on the k-th diagonal of an (m, n) matrix (n defaults to m).
 *
 * @example
 * ```ts
 * console.log(sparse.eye(3, 4, 1).toarray());
 * // array([[0., 1., 0., 0.],
 * //        [0., 0., 1., 0.],
 * //        [0., 0., 0., 1.]])
 * ```
 */
export function eye(m: number, n?: number, k = 0, dtype: DTypeLike = 'float64'): csrArray {
  noMorePositional('eye', arguments, 4, ['format'], 'the matrices made are CSR');
  checkCount(m, 'm');
  const cols = n === undefined ? m : checkCount(n, 'n');
  if (!Number.isSafeInteger(k)) throw new DTypeError('k', `expected an integer, got ${k}`);
  const t = toDType(dtype);
  const first = Math.max(0, -k);
  const length = Math.max(0, Math.min(m - first, cols - Math.max(0, k)));
  const it = indexType(m, cols, length);
  return tidy(() => {
    // Row i holds column i + k for i in [first, first + length): indptr[i] = clip(i - first, 0, length).
    const indptr = np.clip(np.subtract(np.arange(m + 1, { dtype: it }), first), 0, length).astype(it);
    const indices = np.arange(first + k, first + k + length, { dtype: it });
    return csrArray.fromArrays(np.ones([length], t), indices, indptr, [m, cols], true);
  });
}

/**
 * The n × n identity.
 *
 * @example
 * ```ts
 * const I = sparse.identity(3, 'int32');
 * console.log(I.nnz, I.dtype.name);
 * // 3 int32
 * ```
 */
export function identity(n: number, dtype: DTypeLike = 'float64'): csrArray {
  noMorePositional('identity', arguments, 2, ['format'], 'the matrices made are CSR');
  return eye(n, n, 0, dtype);
}

export interface DiagsOptions {
  shape?: readonly number[];
  dtype?: DTypeLike;
  /** Only 'csr'. */
  format?: 'csr';
}

/**
 * A matrix from diagonals (SciPy's `diags`): `diagonals[i]` goes on diagonal `offsets[i]`; a
 * scalar fills the whole diagonal. The shape defaults to the smallest square that holds them.
 * As SciPy's `diags(diagonals, offsets=0, shape=None, ...)`, the shape may come third.
 *
 * @example
 * ```ts
 * const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [4, 4] });
 * console.log(T.toarray());
 * // array([[ 2., -1.,  0.,  0.],
 * //        [-1.,  2., -1.,  0.],
 * //        [ 0., -1.,  2., -1.],
 * //        [ 0.,  0., -1.,  2.]])
 * ```
 */
export function diags(diagonals: number | ArrayInput | readonly (number | ArrayInput)[], offsets?: number | readonly number[], options?: DiagsOptions): csrArray;
export function diags(diagonals: number | ArrayInput | readonly (number | ArrayInput)[], offsets: number | readonly number[], shape: readonly number[], options?: Omit<DiagsOptions, 'shape'>): csrArray;
export function diags(
  diagonals: number | ArrayInput | readonly (number | ArrayInput)[],
  offsets: number | readonly number[] = 0,
  shapeOrOptions?: readonly number[] | DiagsOptions,
  more?: DiagsOptions,
): csrArray {
  noMorePositional('diags', arguments, 4, ['dtype'], 'give dtype in the options object');
  let options: DiagsOptions;
  if (Array.isArray(shapeOrOptions)) {
    if (isOptionsObject(more) && 'shape' in more) throw new ArgumentError('shape', 'diags: shape given both positionally and in the options');
    options = checkOptions(more, ['dtype', 'format'], 'diags');
    options = { ...options, shape: shapeOrOptions as readonly number[] };
  } else {
    if (more !== undefined) throw new ArgumentError('options', 'diags: a second options object; give shape third (an array) or in the options');
    options = checkOptions(shapeOrOptions as DiagsOptions | undefined, ['shape', 'dtype', 'format'], 'diags');
  }
  if (options.format !== undefined && options.format !== 'csr') throw new np.ValueError('format', `diags: only 'csr' is supported, got '${String(options.format)}'`);
  const opts = options;
  return tidy(() => diagsOf(diagonals, offsets, opts));
}

function diagsOf(diagonals: number | ArrayInput | readonly (number | ArrayInput)[], offsets: number | readonly number[], options: DiagsOptions): csrArray {
  const offsetList = typeof offsets === 'number' ? [offsets] : [...offsets];
  const single = typeof offsets === 'number' && !(Array.isArray(diagonals) && diagonals.length > 0 && (Array.isArray(diagonals[0]) || diagonals[0] instanceof np.ndarray || ArrayBuffer.isView(diagonals[0])));
  const list: (number | np.ndarray)[] = (single ? [diagonals] : (diagonals as readonly (number | ArrayInput)[])).map((d, i) =>
    typeof d === 'number' ? d : d instanceof np.ndarray ? d : np.asarray(d as never, undefined),
  ) as (number | np.ndarray)[];
  if (list.length !== offsetList.length) throw new ShapeError('offsets', `got ${list.length} diagonals and ${offsetList.length} offsets`);
  if (new Set(offsetList).size !== offsetList.length) throw new np.ValueError('offsets', `repeated diagonal offsets [${offsetList.join(', ')}]`);
  list.forEach((d, i) => {
    if (typeof d !== 'number' && d.ndim > 1) throw new ShapeError('diagonals', `diagonal ${i} must be 1-D, got shape (${d.shape.join(', ')})`);
  });
  let shape = options.shape;
  if (shape === undefined) {
    const n = Math.max(...list.map((d, i) => (typeof d === 'number' ? 1 : d.size) + Math.abs(offsetList[i]!)));
    shape = [n, n];
  }
  const [m, n] = [checkCount(shape[0], 'shape'), checkCount(shape[1], 'shape')];
  const types = list.map((d) => (typeof d === 'number' ? (Number.isInteger(d) ? toDType('int64') : toDType('float64')) : d.dtype));
  // As SciPy's diags (np.common_type): integer and bool diagonals give float64.
  const common = types.reduce((a, b) => np.resultType(a, b));
  const t = options.dtype !== undefined ? toDType(options.dtype) : common.isFloating || common.isComplex ? common : toDType('float64');
  const it = toDType('int64');
  const rows: np.ndarray[] = [];
  const cols: np.ndarray[] = [];
  const values: np.ndarray[] = [];
  list.forEach((d, i) => {
    const k = offsetList[i]!;
    if (m + Math.min(k, 0) < 0 || n - Math.max(k, 0) < 0) throw new np.ValueError('offsets', `offset ${k} (index ${i}) is out of bounds for shape (${m}, ${n})`);
    const length = Math.min(m + Math.min(k, 0), n - Math.max(k, 0));
    const given = typeof d === 'number' ? np.full([1], d, t) : d.astype(t);
    // A diagonal of one value fills its whole line; a longer one is cut, as SciPy does.
    const size = given.size;
    if (size !== 1 && size < length) {
      throw new np.ValueError('diagonals', `diagonal length (index ${i}: ${size} at offset ${k}) does not agree with array size (${m}, ${n})`);
    }
    rows.push(np.arange(-Math.min(k, 0), length - Math.min(k, 0), { dtype: it }));
    cols.push(np.arange(Math.max(k, 0), length + Math.max(k, 0), { dtype: it }));
    values.push(size === 1 ? np.full([length], given.get(0), t) : given.slice({ stop: length }));
  });
  const join = (parts: np.ndarray[], type: typeof t) => (parts.length ? np.concatenate(parts) : np.empty([0], type));
  return fromCoo(m, n, join(rows, it), join(cols, it), join(values, t));
}

export interface RandomOptions {
  /** The fraction of places that hold an entry (default 0.01). */
  density?: number;
  seed?: number | bigint;
  /** Only 'csr'. */
  format?: 'csr';
  dtype?: DTypeLike;
}

/**
 * An (m, n) matrix with `density · m · n` entries at distinct random places, values uniform in
 * [0, 1). The same seed gives the same matrix however the runtime is partitioned. As SciPy's
 * `random(m, n, density=0.01, ...)`, the density may come third.
 *
 * @example
 * ```ts
 * const R = sparse.random(100, 50, { density: 0.1, seed: 0 });
 * console.log(R.shape, R.nnz);
 * // [ 100, 50 ] 500
 * ```
 */
export function random(m: number, n: number, options?: RandomOptions): csrArray;
export function random(m: number, n: number, density: number, options?: Omit<RandomOptions, 'density'>): csrArray;
export function random(m: number, n: number, densityOrOptions?: number | RandomOptions, more?: RandomOptions): csrArray {
  noMorePositional('random', arguments, 4, ['format', 'dtype', 'rng'], 'give format, dtype and seed in the options object');
  const known = ['density', 'seed', 'format', 'dtype'];
  let options: RandomOptions;
  if (typeof densityOrOptions === 'number' || typeof densityOrOptions === 'bigint') {
    if (isOptionsObject(more) && 'density' in more) throw new ArgumentError('density', 'random: density given both positionally and in the options');
    options = checkOptions(more, known.slice(1), 'random');
    options = { ...options, density: densityOrOptions as number };
  } else {
    if (more !== undefined) throw new ArgumentError('options', 'random: a second options object; give density third (a number) or in the options');
    if (densityOrOptions !== undefined && !isOptionsObject(densityOrOptions)) {
      throw new np.ValueError('density', `random: expected a number in [0, 1] or an options object, got ${typeof densityOrOptions === 'object' ? (densityOrOptions === null ? 'null' : 'an array') : typeof densityOrOptions}`);
    }
    options = checkOptions(densityOrOptions, known, 'random');
  }
  checkCount(m, 'm');
  checkCount(n, 'n');
  const opts = options;
  return tidy(() => randomOf(m, n, opts));
}

function randomOf(m: number, n: number, options: RandomOptions): csrArray {
  const density = options.density ?? 0.01;
  if (typeof density !== 'number' || !(density >= 0 && density <= 1)) throw new np.ValueError('density', `expected density in [0, 1], got ${density}`);
  if (options.format !== undefined && options.format !== 'csr') throw new np.ValueError('format', `only 'csr' is supported, got '${String(options.format)}'`);
  const t = toDType(options.dtype ?? 'float64');
  if (!t.isFloating && !t.isComplex) throw new DTypeError('dtype', `expected a float or complex type, got ${t.name}`);
  const total = m * n;
  const count = Math.round(density * total);
  const rng = np.random.defaultRng(options.seed);
  // Distinct places: draw in rounds, keep the first occurrence of each, in draw order (unique's
  // first indices, sorted), until there are enough.
  let draws = np.empty([0], 'int64');
  let distinct = 0;
  let firsts = np.empty([0], 'int64');
  while (distinct < count) {
    const need = count - distinct;
    const next = np.concatenate([draws, rng.integers(0, total, Math.ceil(need * 1.1) + 16)]);
    draws.store.dispose();
    draws = next;
    firsts.store.dispose();
    firsts = np.sort(np.unique(draws, { returnIndex: true }).indices!);
    distinct = firsts.size;
  }
  const places = np.take(draws, firsts.slice({ stop: count }));
  const rows = np.floorDivide(places, n);
  const cols = np.subtract(places, np.multiply(rows, n));
  const drawn = t.isComplex ? rng.random(2 * count).astype(t.name === 'complex64' ? 'float32' : 'float64') : rng.random(count, t.name === 'float32' ? 'float32' : 'float64');
  // Complex values: consecutive pairs (real, imaginary), as the host loop read them.
  const values = t.isComplex ? np.add(drawn.slice({ step: 2 }).astype(t), np.multiply(drawn.slice({ start: 1, step: 2 }).astype(t), { re: 0, im: 1 })) : drawn;
  return fromCoo(m, n, rows, cols, values);
}

/**
 * The Kronecker product: block (i, j) is a[i, j] · b. Built row by row, already in CSR order.
 *
 * @example
 * ```ts
 * const K = sparse.kron(sparse.identity(2), sparse.diags([1, 2], [0, 1], { shape: [2, 2] }));
 * console.log(K.toarray());
 * // array([[1., 2., 0., 0.],
 * //        [0., 1., 0., 0.],
 * //        [0., 0., 1., 2.],
 * //        [0., 0., 0., 1.]])
 * ```
 */
export function kron(a: SparseArray, b: SparseArray): csrArray {
  noMorePositional('kron', arguments, 2, ['format'], 'the matrices made are CSR');
  const sparseArg = (x: unknown) => x instanceof sparray;
  if (!sparseArg(a) || !sparseArg(b)) throw new DTypeError(sparseArg(a) ? 'b' : 'a', 'expected a sparse matrix (csrArray, cscArray, cooArray or diaArray)');
  return tidy(() => kronOf(asCsr(a), asCsr(b)));
}

function kronOf(a: csrArray, b: csrArray): csrArray {
  const t = np.resultType(a.dtype, b.dtype);
  const canonicalOf = (m: csrArray) => {
    const c = m.dtype === t ? m.copy() : m.astype(t);
    c.sumDuplicates();
    return c;
  };
  const [bm, bn] = b.shape;
  // As SciPy: a fairly dense b (2 nnz >= its size, entries as stored) makes dense blocks, its
  // zeros stored too; otherwise only b's entries.
  const dense = a.nnz > 0 && b.nnz > 0 && 2 * b.nnz >= bm * bn;
  const cb = dense ? denseMatrix(canonicalOf(b)) : canonicalOf(b);
  return csrArray.kron(canonicalOf(a), cb);
}

// The same matrix with every place an entry, its zeros stored (what SciPy's kron makes of a
// fairly dense b: a dense block).
function denseMatrix(m: csrArray): csrArray {
  const [rows, cols] = m.shape;
  const t = indexType(rows, cols, rows * cols);
  const indptr = np.arange(0, rows * cols + 1, cols, { dtype: t });
  const indices = np.mod(np.arange(rows * cols, { dtype: t }), cols);
  return csrArray.fromArrays(np.ravel(m.toDense()), indices, indptr, [rows, cols], true);
}

/** The formats a constructor can return. */
export type SparseFormat = 'csr' | 'csc' | 'coo' | 'dia';

/** m in `format` ('csr' keeps m; the others convert it and free m). */
export function inFormat(m: csrArray, format: SparseFormat | undefined, fn: string): SparseArray {
  if (format === undefined || format === 'csr') return m;
  if (format !== 'csc' && format !== 'coo' && format !== 'dia') {
    m.dispose();
    throw new np.ValueError('format', `${fn}: expected format 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(format)}`);
  }
  try {
    return format === 'csc' ? m.tocsc() : format === 'coo' ? m.tocoo() : m.todia();
  } finally {
    m.dispose();
  }
}

function checkFormat(format: unknown, fn: string): SparseFormat | undefined {
  if (format === undefined || format === null) return undefined;
  if (format !== 'csr' && format !== 'csc' && format !== 'coo' && format !== 'dia') throw new np.ValueError('format', `${fn}: expected format 'csr', 'csc', 'coo' or 'dia', got ${JSON.stringify(format)}`);
  return format;
}

export interface EyeArrayOptions {
  /** The diagonal (k > 0 above the main one). */
  k?: number;
  dtype?: DTypeLike;
  /** 'csr' (default), 'csc' or 'coo'. */
  format?: SparseFormat;
}

/**
 * Ones on diagonal k of an (m, n) array (SciPy's `eye_array`; n defaults to m).
 *
 * @example
 * ```ts
 * console.log(sparse.eyeArray(2, 3, { k: -1, format: 'coo' }).toarray());
 * // array([[0., 0., 0.],
 * //        [1., 0., 0.]])
 * ```
 */
export function eyeArray(m: number, options?: EyeArrayOptions): SparseArray;
export function eyeArray(m: number, n?: number, options?: EyeArrayOptions): SparseArray;
export function eyeArray(m: number, n?: number | EyeArrayOptions, options: EyeArrayOptions = {}): SparseArray {
  if (isOptionsObject(n)) return eyeArray(m, undefined, n as EyeArrayOptions);
  noMorePositional('eyeArray', arguments, 3, ['k'], 'give k, dtype and format in the options object');
  const o = checkOptions(options, ['k', 'dtype', 'format'], 'eyeArray');
  const format = checkFormat(o.format, 'eyeArray');
  return inFormat(eye(m, n as number | undefined, o.k ?? 0, o.dtype ?? 'float64'), format, 'eyeArray');
}

export interface DiagsArrayOptions {
  /** The diagonal of each of `diagonals` (default 0). */
  offsets?: number | readonly number[];
  shape?: readonly number[];
  dtype?: DTypeLike;
  format?: SparseFormat;
}

/**
 * A sparse array from diagonals (SciPy's `diags_array`): `diags` with everything but the diagonals as options.
 *
 * @example
 * ```ts
 * console.log(sparse.diagsArray([[1, 2, 3], [4, 5]], { offsets: [0, 1] }).toarray());
 * // array([[1., 4., 0.],
 * //        [0., 2., 5.],
 * //        [0., 0., 3.]])
 * ```
 */
export function diagsArray(diagonals: number | ArrayInput | readonly (number | ArrayInput)[], options: DiagsArrayOptions = {}): SparseArray {
  noMorePositional('diagsArray', arguments, 2, ['offsets'], 'give offsets, shape, format and dtype in the options object');
  const o = checkOptions(options, ['offsets', 'shape', 'dtype', 'format'], 'diagsArray');
  const format = checkFormat(o.format, 'diagsArray');
  const rest: DiagsOptions = { ...(o.shape === undefined ? {} : { shape: o.shape }), ...(o.dtype === undefined ? {} : { dtype: o.dtype }) };
  return inFormat(diags(diagonals, o.offsets ?? 0, rest), format, 'diagsArray');
}

export interface RandomArrayOptions {
  /** The fraction of places that hold an entry (default 0.01). */
  density?: number;
  /** 'coo' by default, as SciPy's `random_array`. */
  format?: SparseFormat;
  dtype?: DTypeLike;
  /** The seed (SciPy's `rng`); the same seed gives the same array for any partitioning. */
  rng?: number | bigint;
}

/**
 * A random sparse array of `shape` (SciPy's `random_array`): `random` with SciPy's newer signature, COO by default.
 *
 * @example
 * ```ts
 * const R = sparse.randomArray([4, 5], { density: 0.5, rng: 7 });
 * console.log(R.shape, R.nnz);
 * // [ 4, 5 ] 10
 * ```
 */
export function randomArray(shape: readonly number[], options: RandomArrayOptions = {}): SparseArray {
  noMorePositional('randomArray', arguments, 2, ['density'], 'give density, format, dtype and rng in the options object');
  if (!Array.isArray(shape) || shape.length !== 2) throw new ShapeError('shape', `randomArray: expected (rows, columns), got ${JSON.stringify(shape)}`);
  const o = checkOptions(options, ['density', 'format', 'dtype', 'rng'], 'randomArray');
  const format = checkFormat(o.format ?? 'coo', 'randomArray');
  const m = random(shape[0] as number, shape[1] as number, {
    ...(o.density === undefined ? {} : { density: o.density }),
    ...(o.dtype === undefined ? {} : { dtype: o.dtype }),
    ...(o.rng === undefined ? {} : { seed: o.rng }),
  });
  return inFormat(m, format, 'randomArray');
}

/**
 * SciPy's `rand(m, n, density, format='coo', dtype, rng)`: {@link random} in COO by default.
 *
 * @example
 * ```ts
 * console.log(sparse.rand(10, 10, 0.2, { rng: 1 }).nnz);
 * // 20
 * ```
 */
export function rand(m: number, n: number, density = 0.01, options: Omit<RandomArrayOptions, 'density'> = {}): SparseArray {
  noMorePositional('rand', arguments, 4, ['format'], 'give format, dtype and rng in the options object');
  if (isOptionsObject(density)) throw new ArgumentError('density', 'rand: density comes third, as a number; the options object is fourth');
  const o = checkOptions(options, ['format', 'dtype', 'rng'], 'rand');
  return randomArray([m, n], { ...o, density });
}

/**
 * The Kronecker sum of square A (m × m) and B (n × n): kron(I_n, A) + kron(B, I_m), as SciPy's
 * `kronsum`.
 *
 * @example
 * ```ts
 * const A = sparse.diags([2, -1], [0, 1], { shape: [2, 2] });
 * console.log(sparse.kronsum(A, A).toarray());
 * // array([[ 4., -1., -1.,  0.],
 * //        [ 0.,  4.,  0., -1.],
 * //        [ 0.,  0.,  4., -1.],
 * //        [ 0.,  0.,  0.,  4.]])
 * ```
 */
export function kronsum(A: SparseArray, B: SparseArray, options: { format?: SparseFormat } = {}): SparseArray {
  noMorePositional('kronsum', arguments, 3, ['format'], 'give format in the options object');
  const o = checkOptions(options, ['format'], 'kronsum');
  const format = checkFormat(o.format, 'kronsum');
  for (const [x, name] of [[A, 'A'], [B, 'B']] as const) {
    if (!(x instanceof sparray)) throw new DTypeError(name, `kronsum: expected a sparse matrix, got ${x === null ? 'null' : typeof x}`);
    if (x.shape[0] !== x.shape[1]) throw new ShapeError(name, `kronsum: expected a square matrix, got shape (${x.shape.join(', ')})`);
  }
  const [m, n] = [A.shape[0], B.shape[0]];
  const t = np.resultType(A.dtype, B.dtype);
  const sum = tidy(() => {
    const left = kron(eye(n, n, 0, t), asCsr(A));
    const right = kron(asCsr(B), eye(m, m, 0, t));
    return left.add(right);
  });
  return inFormat(sum, format, 'kronsum');
}

/** A sparse matrix in CSR: itself, or a conversion owned by the caller's tidy scope. */
function asCsr(x: SparseArray): csrArray {
  return x instanceof csrArray ? x : x.tocsr();
}

/**
 * The matrix with axes `axis1` and `axis2` exchanged (SciPy's `swapaxes`): the transpose, or a copy when they are the same axis.
 *
 * @example
 * ```ts
 * console.log(sparse.swapaxes(sparse.eye(2, 3, 1), 0, 1).toarray());
 * // array([[0., 0.],
 * //        [1., 0.],
 * //        [0., 1.]])
 * ```
 */
export function swapaxes(A: SparseArray, axis1: number, axis2: number): SparseArray {
  if (!(A instanceof sparray)) throw new DTypeError('A', `swapaxes: expected a sparse matrix, got ${A === null ? 'null' : typeof A}`);
  const [a, b] = [normalAxis(axis1, 'axis1', 'swapaxes'), normalAxis(axis2, 'axis2', 'swapaxes')];
  return a === b ? A.copy() : A.transpose();
}

/**
 * The matrix with its axes in the order `axes` (SciPy's `permute_dims`; the transpose by default).
 *
 * @example
 * ```ts
 * console.log(sparse.permuteDims(sparse.eye(2, 3, 1)).shape);
 * // [ 3, 2 ]
 * ```
 */
export function permuteDims(A: SparseArray, axes?: readonly number[]): SparseArray {
  if (!(A instanceof sparray)) throw new DTypeError('A', `permuteDims: expected a sparse matrix, got ${A === null ? 'null' : typeof A}`);
  if (axes === undefined || axes === null) return A.transpose();
  if (!Array.isArray(axes) || axes.length !== 2) throw new np.ValueError('axes', `permuteDims: expected a permutation of two axes, got ${JSON.stringify(axes)}`);
  const [a, b] = [normalAxis(axes[0], 'axes', 'permuteDims'), normalAxis(axes[1], 'axes', 'permuteDims')];
  if (a === b) throw new np.ValueError('axes', `permuteDims: repeated axis in ${JSON.stringify(axes)}`);
  return a === 0 ? A.copy() : A.transpose();
}

function normalAxis(axis: unknown, argument: string, fn: string): 0 | 1 {
  if (axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) throw new np.AxisError(argument, `${fn}: axis ${String(axis)} is out of bounds for a matrix of dimension 2`);
  return axis === 0 || axis === -2 ? 0 : 1;
}

export interface IndexDtypeOptions {
  /** Index arrays the type must also hold. */
  arrays?: readonly np.ndarray[];
  /** The largest value the type must hold. */
  maxval?: number;
  /** Look at the values of int64 arrays rather than their type. */
  checkContents?: boolean;
}

/**
 * int32 when it holds `maxval` and the arrays' indices, else int64 (SciPy's `get_index_dtype`).
 *
 * @example
 * ```ts
 * console.log(sparse.getIndexDtype({ maxval: 2 ** 40 }).name);
 * // int64
 * ```
 */
export function getIndexDtype(options: IndexDtypeOptions = {}): DType {
  const o = checkOptions(options, ['arrays', 'maxval', 'checkContents'], 'getIndexDtype');
  const int32Max = 2 ** 31 - 1;
  if (o.maxval !== undefined && (typeof o.maxval !== 'number' || Number.isNaN(o.maxval))) throw new DTypeError('maxval', `getIndexDtype: expected a number, got ${String(o.maxval)}`);
  if (o.maxval !== undefined && o.maxval > int32Max) return toDType('int64');
  for (const [i, a] of (o.arrays ?? []).entries()) {
    if (!(a instanceof np.ndarray)) throw new DTypeError('arrays', `getIndexDtype: arrays[${i}] is not an ndarray`);
    if (!a.dtype.isInteger) throw new DTypeError('arrays', `getIndexDtype: arrays[${i}] has non-integer type ${a.dtype.name}`);
    if (a.dtype.itemsize < 4 || a.dtype.name === 'int32') continue;
    if (a.dtype.name === 'uint32' && !o.checkContents) return toDType('int64');
    if (!o.checkContents || a.size === 0) {
      if (a.size === 0) continue;
      return toDType('int64');
    }
    const [lo, hi] = tidy(() => [Number(np.min(a).item()), Number(np.max(a).item())]);
    if (lo < -int32Max - 1 || hi > int32Max) return toDType('int64');
  }
  return toDType('int32');
}

/**
 * A matrix from diagonals stored by column (SciPy's `spdiags`): row i of `data` is diagonal
 * `diags[i]`, and `data[i, j]` goes to column j. SciPy returns a DIA matrix; this one is CSR
 * unless `format` says otherwise (the zeros of the diagonals are not entries, as SciPy's
 * conversions of a DIA matrix leave them out).
 *
 * @example
 * ```ts
 * console.log(sparse.spdiags(np.array([[1, 2, 3, 4], [5, 6, 7, 8]]), [0, -1], 4, 4).toarray());
 * // array([[1, 0, 0, 0],
 * //        [5, 2, 0, 0],
 * //        [0, 6, 3, 0],
 * //        [0, 0, 7, 4]])
 * ```
 */
export function spdiags(data: ArrayInput, diagonals: number | readonly number[], m: number, n: number, options: { format?: SparseFormat } = {}): SparseArray {
  noMorePositional('spdiags', arguments, 5, ['format'], 'give format in the options object');
  const o = checkOptions(options, ['format'], 'spdiags');
  const format = checkFormat(o.format, 'spdiags');
  checkCount(m, 'm');
  checkCount(n, 'n');
  const offsets = typeof diagonals === 'number' ? [diagonals] : [...diagonals];
  for (const k of offsets) if (!Number.isSafeInteger(k)) throw new DTypeError('diags', `spdiags: expected integer offsets, got ${String(k)}`);
  if (new Set(offsets).size !== offsets.length) throw new np.ValueError('diags', `spdiags: repeated diagonal offsets [${offsets.join(', ')}]`);
  const given = data instanceof np.ndarray ? data : np.asarray(data as never);
  const d = given.ndim === 1 ? given.reshape(1, given.size) : given;
  try {
    if (d.ndim !== 2) throw new ShapeError('data', `spdiags: expected a 2-D array, got shape (${given.shape.join(', ')})`);
    if (d.shape[0] !== offsets.length) throw new np.ValueError('diags', `spdiags: ${d.shape[0]} rows of data for ${offsets.length} offsets`);
    // SciPy's spdiags is dia_array((data, diags), shape): a DIA matrix over a copy of the data.
    const dia = new diaArray([np.copy(d), offsets], { shape: [m, n] });
    if (format === 'dia') return dia;
    try {
      return dia.asformat(format ?? 'csr');
    } finally {
      dia.dispose();
    }
  } finally {
    if (d !== given) d.store.dispose();
    if (given !== data) given.store.dispose();
  }
}
