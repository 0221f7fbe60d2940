// Histograms (NumPy's histogram, histogram_bin_edges, histogram2d and histogramdd): bin edges
// computed as NumPy computes them (equal bins in the data's float type, NumPy's estimators for
// `bins: 'auto'` and the others), each sample's bin found by one searchsorted launch per
// dimension, and the counts by one bincount launch. Scalars (min, max, the estimators'
// statistics) come back to JavaScript; nothing per element does.
import { checkOptions, dtype as toDType, DTypeError, tidy, type DType } from '@legate/core';

import { describeValue, named } from './arguments.js';
import { arange } from './creation.js';
import { ValueError } from './errors.js';
import { arrayFrom, withArrayLike, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';
import { astype, checkArray } from './operations.js';
import { max, mean, min, std, sum } from './reductions.js';
import { ravel, reshape } from './shape.js';
import { bincount, flatnonzero, gatherFlat, searchsorted } from './sorting.js';
import { percentile } from './statistics.js';
import { add, divide, equal, greaterEqual, lessEqual, logicalAnd, multiply, power, subtract } from './ufunc.js';

/** NumPy's estimators of a good number of equal bins (`bins: 'auto'` and the others). */
export type BinEstimator = 'auto' | 'fd' | 'doane' | 'rice' | 'scott' | 'sqrt' | 'sturges' | 'stone';
const ESTIMATORS = ['auto', 'fd', 'doane', 'rice', 'scott', 'sqrt', 'sturges', 'stone'];

/** What {@link histogram}'s `bins` takes: a count, an estimator's name, or the edges themselves. */
export type Bins = number | BinEstimator | ndarray | readonly number[];

/** NumPy's keyword arguments of {@link histogram} and {@link histogramBinEdges}, as one options object, last. */
export interface HistogramOptions {
  /** The lower and upper edge (default: the data's min and max). */
  range?: readonly [number, number];
  /** A weight per element of `a` (its shape); the counts become sums of weights. */
  weights?: ndarray;
  /** Probability density rather than counts. */
  density?: boolean;
}

const FLOAT64 = toDType('float64');
const FLOAT32 = toDType('float32');

/** The value of the 0-d array `make` returns (freed after). */
function scalar(make: () => ndarray): number {
  return tidy(() => Number(make().item()));
}

/** The data's (or range's) first and last edge, widened by 0.5 each way when they are equal. */
function outerEdges(flat: ndarray, range: readonly [number, number] | undefined, argument: string): [number, number] {
  let lo: number;
  let hi: number;
  if (range !== undefined) {
    if (!Array.isArray(range) || range.length !== 2 || typeof range[0] !== 'number' || typeof range[1] !== 'number') {
      throw new DTypeError(argument, `expected a [min, max] pair of numbers, got ${describeValue(range)}`);
    }
    [lo, hi] = range;
    if (lo > hi) throw new ValueError(argument, 'max must be larger than min in range parameter.');
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new ValueError(argument, `supplied range of [${lo}, ${hi}] is not finite`);
  } else if (flat.size === 0) {
    [lo, hi] = [0, 1];
  } else {
    [lo, hi] = [scalar(() => min(flat)), scalar(() => max(flat))];
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new ValueError(argument, `autodetected range of [${lo}, ${hi}] is not finite`);
  }
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/**
 * `count + 1` equal-width edges from `lo` to `hi` as NumPy's linspace makes them: i·step + lo
 * in `t` (float32 data without a range computes in float32), the last edge `hi` exactly.
 */
function equalEdges(lo: number, hi: number, count: number, t: DType, computeIn: DType): ndarray {
  return tidy(() => {
    const f = computeIn === FLOAT32 ? Math.fround : (x: number) => x;
    const step = f(f(f(hi) - f(lo)) / count);
    const edges = add(multiply(arange(count + 1, { dtype: computeIn }), step), f(lo));
    edges.slice(`${count}`).fill(hi);
    return edges.dtype === t ? edges : astype(edges, t);
  });
}

/** NumPy's bin width estimators (_hist_bin_selectors) over the data in range. */
function estimatedWidth(name: string, x: ndarray, lo: number, hi: number): number {
  const n = x.size;
  const ptp = () => scalar(() => max(x)) - scalar(() => min(x));
  const sturges = () => ptp() / (Math.log2(n) + 1);
  const fd = () => {
    const q = percentile(x, [75, 25]).toArray() as Float64Array;
    return (2 * (Number(q[0]) - Number(q[1]))) / Math.cbrt(n);
  };
  switch (name) {
    case 'sqrt':
      return ptp() / Math.sqrt(n);
    case 'sturges':
      return sturges();
    case 'rice':
      return ptp() / (2 * Math.cbrt(n));
    case 'scott':
      return Math.cbrt((24 * Math.sqrt(Math.PI)) / n) * scalar(() => std(x));
    case 'fd':
      return fd();
    case 'auto': {
      const byFd = fd();
      return byFd ? Math.min(byFd, sturges()) : sturges();
    }
    case 'doane': {
      if (n <= 2) return 0;
      const sg1 = Math.sqrt((6 * (n - 2)) / ((n + 1) * (n + 3)));
      const sigma = scalar(() => std(x));
      if (!(sigma > 0)) return 0;
      const g1 = scalar(() => mean(power(divide(subtract(x, mean(x)), sigma), 3)));
      return ptp() / (1 + Math.log2(n) + Math.log2(1 + Math.abs(g1) / sg1));
    }
    default: {
      // 'stone': the count (1 … max(100, √n)) minimising the cross-validated loss.
      const width = ptp();
      if (n <= 1 || width === 0) return 0;
      const limit = Math.max(100, Math.floor(Math.sqrt(n)));
      let best = Infinity;
      let bestCount = 1;
      for (let count = 1; count <= limit; count++) {
        const loss = tidy(() => {
          const h = width / count;
          const p = divide(counts(x, equalEdges(lo, hi, count, FLOAT64, FLOAT64), undefined), n);
          return (2 - (n + 1) * scalar(() => sum(multiply(p, p)))) / h;
        });
        if (loss < best) [best, bestCount] = [loss, count];
      }
      return width / bestCount;
    }
  }
}

/** The edges for `bins` over the flattened data (NumPy's _get_bin_edges). */
function binEdges(flat: ndarray, bins: unknown, range: readonly [number, number] | undefined, weights: ndarray | undefined, name: string): ndarray {
  if (flat.dtype.isComplex) throw new DTypeError('a', `${name}: complex data has no order for bins`);
  // Equal bins are computed in float32 for float32 data without a range (NumPy's float32
  // scalars), else in float64; the edges have the data's float type (float64 for integers).
  const t = flat.dtype === FLOAT32 ? FLOAT32 : FLOAT64;
  const computeIn = t === FLOAT32 && range === undefined ? FLOAT32 : FLOAT64;
  if (typeof bins === 'string') {
    if (!ESTIMATORS.includes(bins)) throw new ValueError('bins', `${name}: '${bins}' is not a valid estimator for \`bins\``);
    if (weights !== undefined) throw new DTypeError('weights', `${name}: Automated estimation of the number of bins is not supported for weighted data`);
    const [lo, hi] = outerEdges(flat, range, 'range');
    return tidy(() => {
      let data = flat;
      if (range !== undefined) data = gatherFlat(flat, flatnonzero(logicalAnd(greaterEqual(flat, lo), lessEqual(flat, hi))));
      let count = 1;
      if (data.size > 0) {
        let width = estimatedWidth(bins, astype(data, FLOAT64), lo, hi);
        if (width) {
          if (flat.dtype.isInteger && width < 1) width = 1;
          count = Math.ceil((hi - lo) / width);
        }
      }
      return equalEdges(lo, hi, count, t, computeIn);
    });
  }
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins)) throw new DTypeError('bins', `${name}: \`bins\` must be an integer, a string, or an array`);
    if (bins < 1) throw new ValueError('bins', `${name}: \`bins\` must be positive, when an integer`);
    const [lo, hi] = outerEdges(flat, range, 'range');
    return equalEdges(lo, hi, bins, t, computeIn);
  }
  if (!(bins instanceof ndarray) && !Array.isArray(bins)) throw new DTypeError('bins', `${name}: \`bins\` must be an integer, a string, or an array, got ${describeValue(bins)}`);
  const edges = bins instanceof ndarray ? bins.copy() : arrayFrom(bins, 'bins', name);
  return checkedEdges(edges, 'bins', name);
}

/** Given edges (kept in their own type, as NumPy's): 1-d, at least two, non-decreasing. */
function checkedEdges(edges: ndarray, argument: string, name: string): ndarray {
  try {
    if (edges.ndim !== 1 || edges.size < 2) throw new ValueError(argument, `${name}: \`${argument}\` must be 1d, with at least two edges`);
    if (edges.dtype.isComplex) throw new DTypeError(argument, `${name}: complex edges have no order`);
    const decreasing = tidy(() => Boolean(edges.slice(':-1').greater(edges.slice('1:')).any().item()));
    if (decreasing) throw new ValueError(argument, `${name}: \`${argument}\` must increase monotonically, when an array`);
    return edges;
  } catch (e) {
    edges.dispose();
    throw e;
  }
}

/**
 * Each value's bin along `edges`: 1 … count inside (edges[i] ≤ v < edges[i + 1], the last edge in
 * the last bin), 0 below, count + 1 above or NaN (NumPy's histogramdd numbering).
 */
function binIndex(values: ndarray, edges: ndarray): ndarray {
  return tidy(() => {
    const position = searchsorted(edges, values, 'right');
    const last = edges.slice(`${edges.size - 1}`);
    return subtract(position, equal(values, last));
  });
}

/** The counts (or sums of weights) of `flat` over `edges`, without the outliers. */
function counts(flat: ndarray, edges: ndarray, weights: ndarray | undefined): ndarray {
  const count = edges.size - 1;
  return tidy(() => {
    const bins = bincount(binIndex(flat, edges), weights, count + 2);
    return bins.slice(`1:${count + 1}`).copy();
  });
}

function checkWeights(weights: unknown, shape: readonly number[], name: string): ndarray | undefined {
  if (weights === undefined || weights === null) return undefined;
  checkArray(weights, 'weights', name);
  const w = weights as ndarray;
  if (w.shape.length !== shape.length || w.shape.some((e, d) => e !== shape[d])) throw new ValueError('weights', `${name}: weights should have the same shape as a`);
  return w;
}

function histogramOptions(given: unknown, name: string, extra: string[] = []): HistogramOptions {
  // NumPy's third positional argument is `range`.
  if (Array.isArray(given)) return { range: given as unknown as readonly [number, number] };
  return checkOptions(given as HistogramOptions | undefined, ['range', 'weights', ...extra], name);
}

/**
 * The histogram of the flattened array (NumPy's `histogram`): `bins` equal bins over `range`
 * (default the data's extent), as many as one of NumPy's estimators picks (`'auto'`, `'fd'`,
 * `'sturges'`, ...), or the given non-decreasing edges; the last bin includes its right edge.
 * The counts are int64 (the weights' type with `weights`, float64 with `density`).
 *
 * @example
 * ```ts
 * const [hist, edges] = np.histogram(np.array([1, 2, 2, 3, 3, 3]), 3);
 * console.log(hist, edges);
 * // array([1, 2, 3]) array([1.        , 1.66666667, 2.33333333, 3.        ])
 * ```
 */
export function histogram(a: ArrayInput, bins: Bins = 10, given?: HistogramOptions | readonly [number, number]): [ndarray, ndarray] & { hist: ndarray; binEdges: ndarray } {
  return withArrayLike(a, 'a', 'histogram', (a) => {
    const options = histogramOptions(given, 'histogram', ['density']);
    checkArray(a, 'a', 'histogram');
    const weights = checkWeights(options.weights, a.shape, 'histogram');
    const [hist, edges] = tidy(() => {
      const flat = ravel(a);
      const edges = binEdges(flat, bins, options.range, weights, 'histogram');
      // The values compared in the edges' type, as NumPy's.
      const values = flat.dtype === edges.dtype ? flat : astype(flat, edges.dtype.isFloating ? edges.dtype : FLOAT64);
      const w = weights === undefined ? undefined : ravel(weights);
      let h = counts(values, edges, w);
      // NumPy's counts have the weights' type (its density is computed from them).
      if (w !== undefined && (w.dtype.isInteger || w.dtype.isFloating) && h.dtype !== w.dtype) h = astype(h, w.dtype);
      if (options.density) {
        const widths = subtract(astype(edges.slice('1:'), FLOAT64), astype(edges.slice(':-1'), FLOAT64));
        h = divide(divide(h, widths), sum(h));
      }
      return [h, edges] as const;
    });
    return named([hist, edges] as const, { hist, binEdges: edges });
  });
}

/**
 * The bin edges {@link histogram} would use (NumPy's `histogram_bin_edges`).
 *
 * @example
 * ```ts
 * console.log(np.histogramBinEdges(np.array([0, 1, 2, 5]), 'sturges'));
 * // array([0.        , 1.66666667, 3.33333333, 5.        ])
 * ```
 */
export function histogramBinEdges(a: ndarray, bins: Bins = 10, given?: Omit<HistogramOptions, 'density'> | readonly [number, number]): ndarray {
  const options = histogramOptions(given, 'histogram_bin_edges');
  checkArray(a, 'a', 'histogram_bin_edges');
  const weights = checkWeights(options.weights, a.shape, 'histogram_bin_edges');
  return tidy(() => binEdges(ravel(a), bins, options.range, weights, 'histogram_bin_edges'));
}

/** NumPy's keyword arguments of {@link histogramdd} and {@link histogram2d}. */
export interface HistogramddOptions {
  /** A [min, max] pair per dimension (null: that dimension's extent). */
  range?: readonly (readonly [number, number] | null)[];
  /** Normalise to a probability density over the bins' volume. */
  density?: boolean;
  /** A weight per sample. */
  weights?: ndarray;
}

/**
 * The D-dimensional histogram of N samples (NumPy's `histogramdd`): `sample` an (N, D) array or
 * a list of D arrays of N coordinates; `bins` a count for every dimension, or one count or edges
 * array per dimension. Returns the float64 counts (shape: the bins per dimension) and the edges.
 *
 * @example
 * ```ts
 * const [h, edges] = np.histogramdd(np.array([[0, 0], [1, 1], [1, 0.2]]), 2);
 * console.log(h);
 * // array([[1., 0.],
 * //        [1., 1.]])
 * ```
 */
export function histogramdd(sample: ndarray | readonly ndarray[], bins: number | readonly (number | ndarray | readonly number[])[] = 10, given?: HistogramddOptions | HistogramddOptions['range']): [ndarray, ndarray[]] & { hist: ndarray; edges: ndarray[] } {
  const options: HistogramddOptions = Array.isArray(given) ? { range: given } : checkOptions(given as HistogramddOptions | undefined, ['range', 'density', 'weights'], 'histogramdd');
  const [hist, edges] = histogramND(sample, bins, options, 'histogramdd');
  return named([hist, edges] as [ndarray, ndarray[]], { hist, edges });
}

function histogramND(sample: unknown, bins: unknown, options: HistogramddOptions, name: string): [ndarray, ndarray[]] {
  let columns: ndarray[];
  if (sample instanceof ndarray) {
    if (sample.ndim !== 2) throw new ValueError('sample', `${name}: sample must be an (N, D) array or a list of D arrays, got shape (${sample.shape.join(', ')})`);
    columns = Array.from({ length: sample.shape[1]! }, (_, i) => sample.slice(`:, ${i}`));
  } else if (Array.isArray(sample)) {
    sample.forEach((c, i) => checkArray(c, `sample[${i}]`, name));
    columns = [...(sample as ndarray[])];
    const n = columns[0]?.size ?? 0;
    if (columns.some((c) => c.ndim !== 1 || c.size !== n)) throw new ValueError('sample', `${name}: the sample's arrays must be 1-d and of one length`);
  } else {
    throw new DTypeError('sample', `${name}: expected an (N, D) array or a list of arrays, got ${describeValue(sample)}`);
  }
  const D = columns.length;
  if (D === 0) throw new ValueError('sample', `${name}: the sample has no dimensions`);
  const N = sample instanceof ndarray ? sample.shape[0]! : (columns[0]?.size ?? 0);
  const perDim = typeof bins === 'number' ? Array(D).fill(bins) : Array.isArray(bins) ? bins : null;
  if (perDim === null) throw new DTypeError('bins', `${name}: expected a count or one count or edges per dimension, got ${describeValue(bins)}`);
  if (perDim.length !== D) throw new ValueError('bins', `${name}: The dimension of bins must be equal to the dimension of the sample x.`);
  const range = options.range;
  if (range !== undefined && (!Array.isArray(range) || range.length !== D)) throw new ValueError('range', `${name}: range argument must have one entry per dimension`);
  const weights = options.weights;
  if (weights !== undefined) {
    checkArray(weights, 'weights', name);
    if (weights.ndim !== 1 || weights.size !== N) throw new ValueError('weights', `${name}: weights must be 1-d with one weight per sample (${N})`);
  }
  const made: ndarray[] = [];
  try {
    const edges = perDim.map((b, i) => {
      const col = columns[i]!;
      if (col.dtype.isComplex) throw new DTypeError('sample', `${name}: complex data has no order for bins`);
      if (typeof b === 'number') {
        if (!Number.isInteger(b)) throw new DTypeError('bins', `${name}: \`bins[${i}]\` must be an integer, when a scalar`);
        if (b < 1) throw new ValueError('bins', `${name}: \`bins[${i}]\` must be positive, when an integer`);
        const r = range?.[i] ?? undefined;
        const [lo, hi] = outerEdges(col, r ?? undefined, 'range');
        // NumPy's linspace of the column's own min and max: float32 for float32 data.
        const inFloat32 = col.dtype === FLOAT32 && r === undefined;
        const e = equalEdges(lo, hi, b, inFloat32 ? FLOAT32 : FLOAT64, inFloat32 ? FLOAT32 : FLOAT64);
        made.push(e);
        return e;
      }
      if (!(b instanceof ndarray) && !Array.isArray(b)) throw new DTypeError('bins', `${name}: \`bins[${i}]\` must be a scalar or 1d array, got ${describeValue(b)}`);
      const e = checkedEdges(b instanceof ndarray ? b.copy() : arrayFrom(b, 'bins', name), 'bins', name);
      made.push(e);
      return e;
    });
    const hist = tidy(() => {
      // Bin numbers per dimension (0 and count + 1 the outliers), combined row-major.
      const sizes = edges.map((e) => e.size + 1);
      let flat: ndarray | undefined;
      for (let i = D - 1, stride = 1; i >= 0; stride *= sizes[i]!, i--) {
        const index = binIndex(columns[i]!, edges[i]!);
        const term = stride === 1 ? index : multiply(index, stride);
        flat = flat === undefined ? term : add(flat, term);
      }
      const total = sizes.reduce((p, s) => p * s, 1);
      let h = bincount(flat!, weights, total);
      h = reshape(h.dtype === FLOAT64 || h.dtype.isComplex ? h : astype(h, FLOAT64), sizes);
      let core = h.slice(sizes.map(() => '1:-1').join(', ')).copy();
      if (options.density) {
        const s = sum(core);
        edges.forEach((e, i) => {
          const shape = Array(D).fill(1);
          shape[i] = e.size - 1;
          const widths = subtract(astype(e.slice('1:'), FLOAT64), astype(e.slice(':-1'), FLOAT64));
          core = divide(core, reshape(widths, shape));
        });
        core = divide(core, s);
      }
      return core;
    });
    made.length = 0;
    return [hist, edges];
  } finally {
    made.forEach((e) => e.dispose());
    if (sample instanceof ndarray) columns.forEach((c) => c.dispose());
  }
}

/**
 * The 2-D histogram of points (x[i], y[i]) (NumPy's `histogram2d`): `bins` one count or edges
 * array for both axes, or a pair; returns the float64 counts (x along the first axis) and the
 * edges of each axis.
 *
 * @example
 * ```ts
 * const [h, xedges, yedges] = np.histogram2d(np.array([0, 1, 1]), np.array([0, 1, 0.2]), 2);
 * console.log(h);
 * // array([[1., 0.],
 * //        [1., 1.]])
 * ```
 */
export function histogram2d(
  x: ndarray,
  y: ndarray,
  bins: number | ndarray | readonly number[] | readonly [number | ndarray | readonly number[], number | ndarray | readonly number[]] = 10,
  given?: HistogramddOptions | HistogramddOptions['range'],
): [ndarray, ndarray, ndarray] & { hist: ndarray; xedges: ndarray; yedges: ndarray } {
  const options: HistogramddOptions = Array.isArray(given) ? { range: given } : checkOptions(given as HistogramddOptions | undefined, ['range', 'density', 'weights'], 'histogram2d');
  checkArray(x, 'x', 'histogram2d');
  checkArray(y, 'y', 'histogram2d');
  if (x.ndim !== 1 || y.ndim !== 1 || x.size !== y.size) throw new ValueError('y', `histogram2d: x and y must be 1-d arrays of one length, got shapes (${x.shape.join(', ')}) and (${y.shape.join(', ')})`);
  // As NumPy's: anything of length 2 is a pair (one per axis); other arrays are edges for both.
  const pair = (Array.isArray(bins) && bins.length === 2) || (bins instanceof ndarray && bins.ndim === 1 && bins.size === 2);
  const perAxis = pair ? (bins instanceof ndarray ? Array.from(bins.toArray() as ArrayLike<number | bigint>, Number) : (bins as readonly unknown[])) : bins instanceof ndarray || Array.isArray(bins) ? [bins, bins] : bins;
  const [hist, edges] = histogramND([x, y], perAxis, options, 'histogram2d');
  return named([hist, edges[0]!, edges[1]!] as [ndarray, ndarray, ndarray], { hist, xedges: edges[0]!, yedges: edges[1]! });
}
