// SciPy's sparse constructors: eye, identity, diags, random, kron.
import { ArgumentError, checkOptions, DTypeError, isOptionsObject, ShapeError, tidy, dtype as toDType, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';

import { noMorePositional } from './args.js';
import { csrArray, type ArrayInput } from './csr.js';
import { fromCoo, type HostCsr, type Values } from './host.js';

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
  const indptr = new Float64Array(m + 1);
  const indices = new Float64Array(length);
  for (let i = 0; i < m; i++) {
    const on = i >= first && i < first + length;
    if (on) indices[i - first] = i + k;
    indptr[i + 1] = indptr[i]! + (on ? 1 : 0);
  }
  const values = tidy(() => np.ones([length], t).toArray());
  return csrArray.fromHost({ rows: m, cols, indptr, indices, values, dtype: t }, true);
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
  const rows: number[] = [];
  const cols: number[] = [];
  const values: (number | bigint)[] = [];
  list.forEach((d, i) => {
    const k = offsetList[i]!;
    if (m + Math.min(k, 0) < 0 || n - Math.max(k, 0) < 0) throw new np.ValueError('offsets', `offset ${k} (index ${i}) is out of bounds for shape (${m}, ${n})`);
    const length = Math.min(m + Math.min(k, 0), n - Math.max(k, 0));
    const given = (typeof d === 'number' ? np.full([1], d, t) : d.astype(t)).toArray() as Values;
    // A diagonal of one value fills its whole line; a longer one is cut, as SciPy does.
    const size = given.length / t.lanes;
    if (size !== 1 && size < length) {
      throw new np.ValueError('diagonals', `diagonal length (index ${i}: ${size} at offset ${k}) does not agree with array size (${m}, ${n})`);
    }
    const step = size === 1 ? 0 : 1;
    for (let j = 0; j < length; j++) {
      rows.push(j - Math.min(k, 0));
      cols.push(j + Math.max(k, 0));
      for (let l = 0; l < t.lanes; l++) values.push(given[j * step * t.lanes + l]!);
    }
  });
  const typed = new t.arrayType(values.length) as Values;
  values.forEach((v, i) => (typed[i] = t.isBigInt ? BigInt(v) : Number(v)));
  return csrArray.fromHost(fromCoo(m, n, Float64Array.from(rows), Float64Array.from(cols), typed, t), true);
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
  // Distinct places: draw in rounds, keep the first occurrence of each, in draw order.
  const chosen = new Set<number>();
  while (chosen.size < count) {
    const need = count - chosen.size;
    const draw = rng.integers(0, total, Math.ceil(need * 1.1) + 16).toArray() as BigInt64Array;
    for (const v of draw) {
      if (chosen.size === count) break;
      chosen.add(Number(v));
    }
  }
  const places = Float64Array.from(chosen);
  const rows = places.map((p) => Math.floor(p / n));
  const cols = places.map((p, i) => p - rows[i]! * n);
  const values = (t.isComplex ? rng.random(2 * count).astype(t.name === 'complex64' ? 'float32' : 'float64') : rng.random(count, t.name === 'float32' ? 'float32' : 'float64')).toArray();
  const h: HostCsr = fromCoo(m, n, rows, cols, values as Values, t);
  return csrArray.fromHost(h, true);
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
    return c.toHost();
  };
  const [bm, bn] = b.shape;
  const ha = canonicalOf(a);
  // As SciPy: a fairly dense b (2 nnz >= its size, entries as stored) makes dense blocks, its
  // zeros stored too; otherwise only b's entries.
  const hb = a.nnz > 0 && b.nnz > 0 && 2 * b.nnz >= bm * bn ? densified(canonicalOf(b)) : canonicalOf(b);
  const rows = a.shape[0] * bm;
  const indptr = new Float64Array(rows + 1);
  for (let i = 0; i < a.shape[0]; i++) {
    const countA = ha.indptr[i + 1]! - ha.indptr[i]!;
    for (let p = 0; p < bm; p++) indptr[i * bm + p + 1] = indptr[i * bm + p]! + countA * (hb.indptr[p + 1]! - hb.indptr[p]!);
  }
  const nnz = indptr[rows]!;
  const indices = new Float64Array(nnz);
  const values = new t.arrayType(nnz * t.lanes) as Values;
  const av = ha.values as Values;
  const bv = hb.values as Values;
  let e = 0;
  // Row (i, p): for each entry (i, j) of a, the entries of b's row p shifted to block column j.
  for (let i = 0; i < a.shape[0]; i++) {
    for (let p = 0; p < bm; p++) {
      for (let x = ha.indptr[i]!; x < ha.indptr[i + 1]!; x++) {
        const column = ha.indices[x]! * bn;
        for (let y = hb.indptr[p]!; y < hb.indptr[p + 1]!; y++, e++) {
          indices[e] = column + hb.indices[y]!;
          if (t.lanes === 2) {
            const [ar, ai, br, bi] = [av[2 * x] as number, av[2 * x + 1] as number, bv[2 * y] as number, bv[2 * y + 1] as number];
            values[2 * e] = ar * br - ai * bi;
            values[2 * e + 1] = ar * bi + ai * br;
          } else if (t.kind === 'b') {
            values[e] = av[x] && bv[y] ? 1 : 0;
          } else {
            (values as unknown as number[])[e] = (av[x] as number) * (bv[y] as number);
          }
        }
      }
    }
  }
  return csrArray.fromHost({ rows, cols: a.shape[1] * bn, indptr, indices, values, dtype: t }, true);
}

// The same matrix with every place an entry: its zeros stored (what SciPy's kron makes of a
// fairly dense b, a dense block).
function densified(h: HostCsr): HostCsr {
  const { rows, cols, dtype } = h;
  const lanes = dtype.lanes;
  const values = new dtype.arrayType(rows * cols * lanes) as Values;
  const from = h.values as Values;
  for (let p = 0; p < rows; p++) {
    for (let y = h.indptr[p]!; y < h.indptr[p + 1]!; y++) {
      for (let l = 0; l < lanes; l++) (values as unknown as unknown[])[(p * cols + h.indices[y]!) * lanes + l] = from[y * lanes + l];
    }
  }
  const indptr = Float64Array.from({ length: rows + 1 }, (_, p) => p * cols);
  const indices = Float64Array.from({ length: rows * cols }, (_, k) => k % cols);
  return { rows, cols, indptr, indices, values, dtype };
}
