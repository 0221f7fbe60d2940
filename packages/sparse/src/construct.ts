// SciPy's sparse constructors: eye, identity, diags, random, kron.
import { ArgumentError, checkOptions, DTypeError, isOptionsObject, ShapeError, tidy, dtype as toDType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from './args.js';
import { csrArray, fromCoo, type ArrayInput } from './csr.js';
import { indexType } from './structure.js';

function checkCount(value: unknown, argument: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new ShapeError(argument, `expected a non-negative integer, got ${String(value)}`);
  return value as number;
}

/** Ones on the k-th diagonal of an (m, n) matrix (n defaults to m). */
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

/** The n × n identity. */
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

/** The Kronecker product: block (i, j) is a[i, j] · b. Built row by row, already in CSR order. */
export function kron(a: csrArray, b: csrArray): csrArray {
  noMorePositional('kron', arguments, 2, ['format'], 'the matrices made are CSR');
  if (!(a instanceof csrArray) || !(b instanceof csrArray)) throw new DTypeError(a instanceof csrArray ? 'b' : 'a', 'expected a csrArray');
  return tidy(() => kronOf(a, b));
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
