// Array manipulation (NumPy's concatenate, stack, split, flip, tile, repeat, pad) and indexing by
// arrays: take / put (flat or along an axis), takeAlongAxis, extract / place / putmask (boolean
// masks), compress. Views where NumPy gives views (split, flip); copies as tasks otherwise.
import { checkOptions, dtype as toDType, DTypeError, LogicalStore, tidy, type DType, type DTypeLike } from '@legate/core';

import { checkArity, describeValue, integerList, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { IndexError } from './indexing.js';
import { arrayFrom, withArrayLike, type ArrayInput } from './inputs.js';
import { ndarray, type Element } from './ndarray.js';
import { assign, broadcastShapes, broadcastStore, checkArray, checkWritable, filled, shapeText, stepView, storedValue, type Operand } from './operations.js';
import { arange } from './creation.js';
import { canCastSafely, castingRule, castsUnder, resultType, type Casting } from './promotion.js';
import { intoOut, max, min } from './reductions.js';
import { expandDims, ravel, reshape } from './shape.js';
import { flatnonzero, gatherFlat, scatterFlat } from './sorting.js';
import { add, clip, multiply, remainder, where } from './ufunc.js';

const INT64 = toDType('int64');

/** NumPy's keyword arguments of {@link concatenate}. */
export interface ConcatenateOptions {
  /** The array the result is written into (NumPy's `out=`; also the 3rd positional argument). */
  out?: ndarray;
  /** The result's dtype (not together with `out`). */
  dtype?: DTypeLike;
  /** How the inputs may cast to the result's type: NumPy's rules, 'same_kind' by default. */
  casting?: Casting;
}

/** The options of {@link concatenate} checked, from its third argument. */
function concatenateOptions(third: unknown, fn: string): { out?: ndarray; dtype?: DType; casting: Casting } {
  const options: ConcatenateOptions =
    third instanceof ndarray
      ? { out: third }
      : third !== undefined && third !== null && typeof third === 'object' && Object.getPrototypeOf(third) === Object.prototype
        ? checkOptions(third as ConcatenateOptions, ['out', 'dtype', 'casting'], fn)
        : { dtype: third as DTypeLike | undefined };
  const out = options.out ?? undefined;
  if (out !== undefined) {
    checkArray(out, 'out', fn);
    checkWritable(out, 'out', 'output array is read-only');
  }
  const dtype = options.dtype === undefined || options.dtype === null ? undefined : toDType(options.dtype as never);
  if (out !== undefined && dtype !== undefined) throw new DTypeError('dtype', `${fn}() only takes \`out\` or \`dtype\` as an argument, but both were provided.`);
  return { out, dtype, casting: castingRule(options.casting ?? 'same_kind', fn) };
}

/**
 * Arrays joined along an existing axis (NumPy's `concatenate`); `axis: null` joins them
 * flattened. The third argument is NumPy's positional `out` (an ndarray), an options object
 * `{ out, dtype, casting }`, or (as before) the result's dtype. The inputs must cast to the
 * result's type under `casting` ('same_kind' by default, as NumPy's).
 *
 * NumPy's `np.concatenate`.
 *
 * @example
 * ```ts
 * console.log(np.concatenate([np.array([[1, 2]]), np.array([[3, 4], [5, 6]])]));
 * // array([[1, 2],
 * //        [3, 4],
 * //        [5, 6]])
 * ```
 */
export function concatenate(arrays: readonly ArrayInput[], axis: number | null = 0, third?: ndarray | ConcatenateOptions | DTypeLike): ndarray {
  checkArity(arguments.length, ['arrays', 'axis', 'out, options or dtype'], 'concatenate');
  const options = concatenateOptions(third, 'concatenate');
  return tidy(() => join(arrayList(arrays, 'concatenate'), axis, options, 'concatenate'));
}

/** The elements of `arrays` as arrays (lists and numbers made into arrays, in the caller's tidy). */
function arrayList(arrays: readonly ArrayInput[], fn: string): ndarray[] {
  if (!Array.isArray(arrays)) return arrays as ndarray[];
  return arrays.map((a, i) => (a instanceof ndarray ? a : arrayFrom(a, `arrays[${i}]`, fn)));
}

function join(arrays: readonly ndarray[], axis: number | null, options: { out?: ndarray; dtype?: DType; casting: Casting }, fn: string): ndarray {
  const { out, dtype, casting } = options;
  if (!Array.isArray(arrays) || arrays.length === 0) throw new ValueError('arrays', `need at least one array to ${fn === 'stack' ? 'stack' : 'concatenate'}`);
  arrays.forEach((a, i) => checkArray(a, `arrays[${i}]`, fn));
  if (axis === null) return tidy(() => join(arrays.map((a) => ravel(a)), 0, options, fn));
  const first = arrays[0]!;
  if (first.ndim === 0) throw new ValueError('arrays', 'zero-dimensional arrays cannot be concatenated');
  const d = normalizeAxis(axis, first.ndim, 'axis');
  arrays.forEach((a, i) => {
    if (a.ndim !== first.ndim) {
      throw new ValueError(`arrays[${i}]`, `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${a.ndim < first.ndim ? a.ndim : first.ndim}, the array at index 0 has ${first.ndim} dimension(s) and the array at index ${i} has ${a.ndim} dimension(s)`);
    }
    a.shape.forEach((e: number, k: number) => {
      if (k !== d && e !== first.shape[k]) {
        throw new ValueError(`arrays[${i}]`, `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${k}, the array at index 0 has size ${first.shape[k]} and the array at index ${i} has size ${e}`);
      }
    });
  });
  // All at once, as NumPy's result_type: (int8, uint16, float32) is float32, not float64.
  const t = dtype ?? out?.dtype ?? resultType(...arrays.map((a) => a.dtype));
  arrays.forEach((a) => {
    if (!castsUnder(a.dtype, t, casting)) throw new DTypeError(out !== undefined ? 'out' : dtype !== undefined ? 'dtype' : 'casting', `${fn}: Cannot cast array data from dtype('${a.dtype.name}') to dtype('${t.name}') according to the rule '${casting}'`);
  });
  const shape = [...first.shape];
  shape[d] = arrays.reduce((s, a) => s + a.shape[d]!, 0);
  if (out !== undefined && shapeText(out.shape) !== shapeText(shape)) {
    throw new ValueError('out', `${fn}: Output array is the wrong shape: expected ${shapeText(shape)}, got ${shapeText(out.shape)}`);
  }
  // Straight into out, unless out shares storage with an input (a part written first could be
  // read by a later one): then through a temporary.
  const direct = out !== undefined && !arrays.some((a) => a.store.sharesStorageWith(out.store));
  const target = direct ? out! : new ndarray(LogicalStore.create(shape, t));
  let at = 0;
  for (const a of arrays) {
    const extent = a.shape[d]!;
    if (extent > 0) {
      const part = target.store.slice(d, at, at + extent);
      new ndarray(part).assign(a);
      part.dispose();
    }
    at += extent;
  }
  if (out === undefined || direct) return target;
  try {
    assign(out, target);
  } finally {
    target.dispose();
  }
  return out;
}

/**
 * Arrays of one shape joined along a new axis (NumPy's `stack`).
 *
 * NumPy's `np.stack`.
 *
 * @example
 * ```ts
 * console.log(np.stack([np.array([1, 2]), np.array([3, 4])], 1));
 * // array([[1, 3],
 * //        [2, 4]])
 * ```
 */
export function stack(given: readonly ArrayInput[], axis?: number | StackOptions, out?: ndarray | StackOptions, options?: StackOptions): ndarray {
  const [, d0 = 0, o, dtype, casting] = keywords(arguments, ['arrays', 'axis', 'out'], 'stack', 1, ['dtype', 'casting']) as [unknown, number?, (ndarray | null)?, DTypeLike?, Casting?];
  const opts = concatenateOptions({ out: o ?? undefined, dtype: dtype ?? undefined, casting }, 'stack');
  if (!Array.isArray(given) || given.length === 0) throw new ValueError('arrays', 'need at least one array to stack');
  return tidy(() => {
    const arrays = arrayList(given, 'stack');
    arrays.forEach((a, i) => checkArray(a, `arrays[${i}]`, 'stack'));
    const shape = arrays[0]!.shape;
    arrays.forEach((a, i) => {
      if (shapeText(a.shape) !== shapeText(shape)) throw new ValueError(`arrays[${i}]`, 'all input arrays must have the same shape');
    });
    const d = normalizeAxis(d0, shape.length + 1, 'axis');
    return join(arrays.map((a) => expandDims(a, d)), d, opts, 'stack');
  });
}

/** NumPy's keyword arguments of {@link stack} (also `out`), {@link vstack} and {@link hstack}. */
export interface StackOptions {
  /** The new axis ({@link stack} only; also its 2nd positional argument). */
  axis?: number;
  /** The array the result is written into (NumPy's `out=`; {@link stack} only). */
  out?: ndarray;
  /** The result's dtype (not together with `out`). */
  dtype?: DTypeLike;
  /** How the inputs may cast to the result's type: NumPy's rules, 'same_kind' by default. */
  casting?: Casting;
}

/** The options of vstack and hstack checked. */
function stackOptions(options: StackOptions, fn: string): { dtype?: DType; casting: Casting } {
  const { dtype, casting } = checkOptions(options, ['dtype', 'casting'], fn);
  return concatenateOptions({ dtype: dtype ?? undefined, casting }, fn);
}

/**
 * Rows stacked (NumPy's `vstack`): 1-D arrays become rows.
 *
 * @example
 * ```ts
 * console.log(np.vstack([np.array([1, 2]), np.array([3, 4])]));
 * // array([[1, 2],
 * //        [3, 4]])
 * ```
 */
export function vstack(given: readonly ArrayInput[], options: Omit<StackOptions, 'out' | 'axis'> = {}): ndarray {
  checkArity(arguments.length, ['arrays', 'options'], 'vstack');
  const opts = stackOptions(options, 'vstack');
  if (!Array.isArray(given) || given.length === 0) throw new ValueError('arrays', 'need at least one array to concatenate');
  return tidy(() => {
    const arrays = arrayList(given, 'vstack');
    arrays.forEach((a, i) => checkArray(a, `arrays[${i}]`, 'vstack'));
    return join(arrays.map((a) => (a.ndim === 0 ? a.reshape(1, 1) : a.ndim === 1 ? a.reshape(1, a.size) : a)), 0, opts, 'vstack');
  });
}

/**
 * Columns stacked (NumPy's `hstack`): 1-D arrays are joined end to end.
 *
 * @example
 * ```ts
 * console.log(np.hstack([np.array([1, 2]), np.array([3])]));
 * // array([1, 2, 3])
 * ```
 */
export function hstack(given: readonly ArrayInput[], options: Omit<StackOptions, 'out' | 'axis'> = {}): ndarray {
  checkArity(arguments.length, ['arrays', 'options'], 'hstack');
  const opts = stackOptions(options, 'hstack');
  if (!Array.isArray(given) || given.length === 0) throw new ValueError('arrays', 'need at least one array to concatenate');
  return tidy(() => {
    const arrays = arrayList(given, 'hstack');
    arrays.forEach((a, i) => checkArray(a, `arrays[${i}]`, 'hstack'));
    return join(arrays.map((a) => (a.ndim === 0 ? a.reshape(1) : a)), arrays.every((a) => a.ndim <= 1) ? 0 : 1, opts, 'hstack');
  });
}

/**
 * Views of `a` split along `axis` (NumPy's `array_split`): a count gives that many nearly equal
 * parts, a list of indices gives the split points. {@link split} requires equal parts.
 *
 * @example
 * ```ts
 * console.log(...np.arraySplit(np.arange(5), 3));
 * // array([0, 1]) array([2, 3]) array([4])
 * ```
 */
export function arraySplit(a: ArrayInput, sections: number | readonly number[], axis = 0): ndarray[] {
  return withArrayLike(a, 'a', 'arraySplit', (a) => {
    checkArity(arguments.length, ['a', 'sections', 'axis'], 'arraySplit');
    checkArray(a, 'a', 'array_split');
    const d = normalizeAxis(axis, a.ndim, 'axis');
    const n = a.shape[d]!;
    let points: number[];
    if (typeof sections !== 'number' && !Array.isArray(sections)) {
      throw new DTypeError('indices_or_sections', `expected an integer or an array of integers, got ${describeValue(sections)}`);
    }
    if (typeof sections === 'number') {
      if (!Number.isSafeInteger(sections) || sections < 1) throw new ValueError('indices_or_sections', 'number sections must be larger than 0.');
      const size = Math.floor(n / sections);
      const extra = n % sections;
      points = [];
      let at = 0;
      for (let i = 0; i < sections - 1; i++) points.push((at += size + (i < extra ? 1 : 0)));
    } else {
      points = [...sections];
      for (const p of points) if (!Number.isSafeInteger(p)) throw new DTypeError('indices_or_sections', `expected integers, got ${describeValue(points)}`);
    }
    const bounds = [0, ...points.map((p) => Math.min(Math.max(p < 0 ? p + n : p, 0), n)), n];
    const parts: ndarray[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const lo = bounds[i]!;
      const hi = Math.max(lo, bounds[i + 1]!);
      parts.push(new ndarray(a.store.slice(d, lo, hi)));
    }
    return parts;
  });
}

/**
 * Views of `a` split into equal parts or at indices (NumPy's `split`).
 *
 * @example
 * ```ts
 * console.log(...np.split(np.arange(6), 3));
 * // array([0, 1]) array([2, 3]) array([4, 5])
 * ```
 */
export function split(a: ArrayInput, sections: number | readonly number[], axis = 0): ndarray[] {
  return withArrayLike(a, 'a', 'split', (a) => {
    checkArity(arguments.length, ['a', 'sections', 'axis'], 'split');
    checkArray(a, 'a', 'split');
    const d = normalizeAxis(axis, a.ndim, 'axis');
    if (typeof sections === 'number' && a.shape[d]! % sections !== 0) throw new ValueError('indices_or_sections', 'array split does not result in an equal division');
    return arraySplit(a, sections, d);
  });
}

/**
 * A view with the order of elements reversed along `axis` (all axes when omitted) (NumPy's `flip`).
 *
 * NumPy's `np.flip`.
 *
 * @example
 * ```ts
 * console.log(np.flip(np.array([[1, 5, 2], [4, 3, 6]]), 1));
 * // array([[2, 5, 1],
 * //        [6, 3, 4]])
 * ```
 */
export function flip(a: ArrayInput, axis?: number | readonly number[] | null): ndarray {
  return withArrayLike(a, 'a', 'flip', (a) => {
    checkArity(arguments.length, ['a', 'axis'], 'flip');
    checkArray(a, 'a', 'flip');
    const axes = axis === undefined || axis === null ? a.shape.map((_, i) => i) : (typeof axis === 'number' ? [axis] : [...axis]).map((x) => normalizeAxis(x, a.ndim, 'axis'));
    if (new Set(axes).size !== axes.length) throw new ValueError('axis', 'repeated axis');
    let view = a.store;
    for (const d of axes) if (view.shape[d]! > 0) view = stepView(view, view.slice(d, view.shape[d]! - 1, -1, -1), a.store);
    return new ndarray(view);
  });
}

/**
 * `a` repeated `reps` times along each axis (NumPy's `tile`).
 *
 * NumPy's `np.tile`.
 *
 * @example
 * ```ts
 * console.log(np.tile(np.array([1, 2]), [2, 2]));
 * // array([[1, 2, 1, 2],
 * //        [1, 2, 1, 2]])
 * ```
 */
export function tile(a: ArrayInput, reps: number | readonly number[]): ndarray {
  return withArrayLike(a, 'a', 'tile', (a) => {
    checkArity(arguments.length, ['a', 'reps'], 'tile');
    checkArray(a, 'a', 'tile');
    if (typeof reps !== 'number' && !Array.isArray(reps)) throw new DTypeError('reps', `tile: expected an integer or an array of integers, got ${describeValue(reps)}`);
    const r = typeof reps === 'number' ? [reps] : [...reps];
    for (const x of r) if (!Number.isSafeInteger(x) || x < 0) throw new ValueError('reps', `tile: repetitions must be non-negative integers, got ${describeValue(x)}`);
    const nd = Math.max(a.ndim, r.length);
    const shape = [...new Array<number>(nd - a.ndim).fill(1), ...a.shape];
    const counts = [...new Array<number>(nd - r.length).fill(1), ...r];
    return tidy(() => {
      // (r0, d0, r1, d1, ...) by broadcasting, then merged: one copy.
      let view = reshape(a, shape).store;
      // Only the repeated axes get a repetition dimension: fewer dimensions (at most 6 in all).
      for (let d = nd - 1; d >= 0; d--) if (counts[d] !== 1) view = view.promote(d, counts[d]!);
      const out = new ndarray(LogicalStore.create(shape.map((e, d) => e * counts[d]!), a.dtype));
      if (out.size > 0) out.assign(reshape(new ndarray(view), out.shape));
      return out;
    });
  });
}

/**
 * Each element repeated (NumPy's `repeat`): `repeats` a count or one per element along `axis`.
 *
 * NumPy's `np.repeat`.
 *
 * @example
 * ```ts
 * console.log(np.repeat(np.array([1, 2, 3]), 2));
 * // array([1, 1, 2, 2, 3, 3])
 * ```
 */
export function repeat(a: ArrayInput, repeats: number | ndarray | readonly number[], axis: number | null = null): ndarray {
  return withArrayLike(a, 'a', 'repeat', (a) => {
    checkArity(arguments.length, ['a', 'repeats', 'axis'], 'repeat');
    checkArray(a, 'a', 'repeat');
    if (axis === null) return tidy(() => repeat(ravel(a), repeats, 0));
    const d = normalizeAxis(axis, a.ndim, 'axis');
    const n = a.shape[d]!;
    if (typeof repeats === 'number') {
      if (!Number.isSafeInteger(repeats) || repeats < 0) throw new ValueError('repeats', `repeat: negative dimensions are not allowed (got ${repeats})`);
      return tidy(() => {
        const expanded = a.store.promote(d + 1, repeats);
        const shape = [...a.shape];
        shape[d] = n * repeats;
        const out = new ndarray(LogicalStore.create(shape, a.dtype));
        if (out.size > 0) out.assign(reshape(new ndarray(expanded), shape));
        return out;
      });
    }
    if (!(repeats instanceof ndarray) && !Array.isArray(repeats)) throw new DTypeError('repeats', `repeat: expected an integer, an array of them or an ndarray, got ${describeValue(repeats)}`);
    const counts = Array.from((repeats instanceof ndarray ? repeats.astype('int64').toArray() : integerList(repeats, (m) => new DTypeError('repeats', `repeat: ${m}`))) as BigInt64Array, Number);
    if (counts.length === 1) return repeat(a, counts[0]!, d);
    if (counts.length !== n) throw new ValueError('repeats', `repeat: operands could not be broadcast together with shape (${n},) (${counts.length},)`);
    if (counts.some((c) => c < 0)) throw new ValueError('repeats', 'repeat: repeats may not contain negative values');
    const positions = new BigInt64Array(counts.reduce((s, c) => s + c, 0));
    let k = 0;
    counts.forEach((c, i) => positions.fill(BigInt(i), k, (k += c)));
    return tidy(() => take(a, fromTyped(positions), d));
  });
}

function fromTyped(values: BigInt64Array): ndarray {
  const out = new ndarray(LogicalStore.create([values.length], INT64));
  if (values.length) out.store.write(values);
  return out;
}

export type PadMode = 'constant' | 'edge' | 'reflect' | 'symmetric' | 'wrap';

/**
 * `a` padded along every axis (NumPy's `pad`): `padWidth` one number, a [before, after] pair,
 * or one pair per axis; modes constant (with `constantValues`), edge, reflect, symmetric, wrap.
 *
 * @example
 * ```ts
 * console.log(np.pad(np.array([1, 2, 3]), [1, 2], 'edge'));
 * // array([1, 1, 2, 3, 3, 3])
 * ```
 */
export function pad(a: ArrayInput, padWidth: number | readonly number[] | readonly (readonly number[])[], mode: PadMode = 'constant', constantValues: number = 0): ndarray {
  return withArrayLike(a, 'a', 'pad', (a) => {
    checkArity(arguments.length, ['a', 'padWidth', 'mode', 'constantValues'], 'pad');
    // The views each copy goes through are freed here.
    return tidy(() => padded(a, padWidth, mode, constantValues));
  });
}

function padded(a: ndarray, padWidth: number | readonly number[] | readonly (readonly number[])[], mode: PadMode, constantValues: number): ndarray {
  checkArray(a, 'a', 'pad');
  const widths = normalizePad(padWidth, a.ndim);
  if (!['constant', 'edge', 'reflect', 'symmetric', 'wrap'].includes(mode)) throw new ValueError('mode', `pad: mode '${String(mode)}' is not supported`);
  const shape = a.shape.map((e, d) => e + widths[d]![0] + widths[d]![1]);
  if (typeof constantValues !== 'number' && typeof constantValues !== 'bigint' && typeof constantValues !== 'boolean') {
    throw new DTypeError('constantValues', `pad: expected a number, got ${describeValue(constantValues)}`);
  }
  const out = mode === 'constant' ? filled(shape, a.dtype, storedValue(constantValues as Element, a.dtype, 'constantValues'), 'constantValues') : new ndarray(LogicalStore.create(shape, a.dtype));
  let inner = out.store;
  a.shape.forEach((e, d) => (inner = inner.slice(d, widths[d]![0], widths[d]![0] + e)));
  if (a.size > 0) new ndarray(inner).assign(a);
  if (mode === 'constant') return out;
  // Axis by axis, each pad filled from what is already in place (as NumPy does): earlier axes
  // over their padded extent, later ones over the original.
  for (let d = 0; d < a.ndim; d++) {
    const [before, after] = widths[d]!;
    const n = a.shape[d]!;
    if ((before || after) && n === 0) throw new ValueError('a', `pad: can't extend empty axis ${d} using modes other than 'constant'`);
    // The region of earlier axes already padded, later axes not yet: the original extent.
    let region = out.store;
    for (let k = d + 1; k < a.ndim; k++) region = region.slice(k, widths[k]![0], widths[k]![0] + a.shape[k]!);
    const copy = (from: number, to: number, count: number, reverse: boolean) => {
      const source = reverse ? region.slice(d, from + count - 1, from - 1 < 0 ? -1 : from - 1, -1) : region.slice(d, from, from + count);
      new ndarray(region.slice(d, to, to + count)).assign(new ndarray(source));
    };
    const lo = before;
    const hi = before + n; // exclusive end of the valid part
    // Before: fill positions lo-1 down to 0.
    let filledBefore = 0;
    while (filledBefore < before) {
      const valid = hi - (lo - filledBefore); // elements valid right of the fill point
      const at = lo - filledBefore; // first valid position
      if (mode === 'edge') {
        const count = before - filledBefore;
        new ndarray(region.slice(d, 0, count)).assign(new ndarray(region.slice(d, at, at + 1)));
        filledBefore = before;
      } else if (mode === 'wrap') {
        const count = Math.min(before - filledBefore, n);
        // Wrap copies from the end of the original period.
        copy(at + n - count, at - count, count, false);
        filledBefore += count;
      } else {
        const shift = mode === 'reflect' ? 1 : 0;
        const available = Math.max(1, valid - shift);
        const count = Math.min(before - filledBefore, available);
        copy(at + shift, at - count, count, true);
        filledBefore += count;
      }
    }
    let filledAfter = 0;
    while (filledAfter < after) {
      const end = hi + filledAfter; // one past the last valid position
      const valid = end;
      if (mode === 'edge') {
        new ndarray(region.slice(d, end, hi + after)).assign(new ndarray(region.slice(d, end - 1, end)));
        filledAfter = after;
      } else if (mode === 'wrap') {
        const count = Math.min(after - filledAfter, n);
        copy(end - n, end, count, false);
        filledAfter += count;
      } else {
        const shift = mode === 'reflect' ? 1 : 0;
        const available = Math.max(1, valid - shift);
        const count = Math.min(after - filledAfter, available);
        copy(end - count - shift, end, count, true);
        filledAfter += count;
      }
    }
  }
  return out;
}

function normalizePad(padWidth: number | readonly number[] | readonly (readonly number[])[], ndim: number): [number, number][] {
  if (typeof padWidth !== 'number' && !Array.isArray(padWidth)) throw new DTypeError('pad_width', `pad: expected an integer or arrays of them, got ${describeValue(padWidth)}`);
  const pairs: [number, number][] =
    typeof padWidth === 'number'
      ? Array.from({ length: ndim }, () => [padWidth, padWidth])
      : padWidth.length > 0 && typeof padWidth[0] === 'number'
        ? padWidth.length === 1
          ? Array.from({ length: ndim }, () => [padWidth[0] as number, padWidth[0] as number])
          : Array.from({ length: ndim }, () => [padWidth[0] as number, padWidth[1] as number])
        : (padWidth as readonly (readonly number[])[]).length === 1
          ? Array.from({ length: ndim }, () => [(padWidth as number[][])[0]![0]!, (padWidth as number[][])[0]![1] ?? (padWidth as number[][])[0]![0]!])
          : (padWidth as readonly (readonly number[])[]).map((p) => [p[0]!, p[1] ?? p[0]!]);
  if (pairs.length !== ndim) throw new ValueError('pad_width', `pad: operands could not be broadcast together with remapped shapes (${pairs.length} pairs for ${ndim} dimensions)`);
  for (const [b, e] of pairs) {
    if (!Number.isSafeInteger(b) || !Number.isSafeInteger(e)) throw new DTypeError('pad_width', `pad: expected integers, got ${describeValue([b, e])}`);
    if (b < 0 || e < 0) throw new ValueError('pad_width', "pad: index can't contain negative values");
  }
  return pairs;
}

/** Checks flat or axis indices against `n` (NumPy's IndexError), waiting for their min and max. */
function checkIndices(indices: ndarray, n: number, axis: number | null): void {
  if (indices.size === 0) return;
  const [lo, hi] = tidy(() => [Number(min(indices).item()), Number(max(indices).item())]);
  const bad = lo < -n ? lo : hi >= n ? hi : null;
  if (bad !== null) throw new IndexError('indices', `index ${bad} is out of bounds for ${axis === null ? 'size' : `axis ${axis} with size`} ${n}`);
}

/** NumPy's keyword arguments of {@link take}. */
export interface TakeOptions {
  /** The axis to take along; `null` (the default) takes from the flattened array. */
  axis?: number | null;
  /** The array the result is written into (cast as NumPy's `out=`: unsafely). */
  out?: ndarray | null;
  /** Out-of-range indices: 'raise' (an IndexError, the default), 'wrap' around, or 'clip' to the ends. */
  mode?: TakeMode;
}

/** How {@link take} treats indices out of range. */
export type TakeMode = 'raise' | 'wrap' | 'clip';

/** `mode` checked to be one of NumPy's clip modes. */
function takeMode(mode: unknown): TakeMode {
  if (mode !== 'raise' && mode !== 'wrap' && mode !== 'clip') throw new ValueError('mode', `clipmode must be one of 'clip', 'raise', or 'wrap' (got ${describeValue(mode)})`);
  return mode;
}

/**
 * `result` written into take's or compress's `out` (then freed): of the result's shape, and of a
 * type that casts to `a`'s safely (NumPy reads `out` as an array of `a`'s type first), the
 * values then cast back unsafely.
 */
function intoTakeOut(result: ndarray, out: ndarray, a: ndarray, fn: string): ndarray {
  try {
    if (shapeText(out.shape) !== shapeText(result.shape)) throw new ValueError('out', `${fn}: output array does not match result of ndarray.${fn}: out has shape ${shapeText(out.shape)}, the result ${shapeText(result.shape)}`);
    if (!canCastSafely(out.dtype, a.dtype)) throw new DTypeError('out', `${fn}: Cannot cast array data from dtype('${out.dtype.name}') to dtype('${a.dtype.name}') according to the rule 'safe'`);
  } catch (e) {
    result.dispose();
    throw e;
  }
  return intoOut(result, out, fn);
}

/**
 * Elements at `indices` (NumPy's `take`): of the flattened array, or along `axis` (the result
 * has `indices`' shape in place of that axis). Negative indices count from the end; `mode`
 * wraps or clips the ones out of range instead of raising. `out` (positional or an option)
 * receives the result.
 *
 * @example
 * ```ts
 * const a = np.array([[1, 2, 3], [4, 5, 6]]);
 * console.log(np.take(a, [0, -1, 5], { axis: 1, mode: 'wrap' }));
 * // array([[1, 3, 3],
 * //        [4, 6, 6]])
 * ```
 */
export function take(
  a: ArrayInput,
  indices: ndarray | number | readonly number[],
  axis?: number | null | TakeOptions,
  out?: ndarray | null | TakeOptions,
  mode?: TakeMode | TakeOptions,
): ndarray {
  return withArrayLike(a, 'a', 'take', (a) => {
    const [, , ax = null, o = null, m = 'raise'] = keywords(arguments, ['a', 'indices', 'axis', 'out', 'mode'], 'take', 2) as [unknown, unknown, (number | null)?, (ndarray | null)?, unknown?];
    checkArray(a, 'a', 'take');
    if (o !== null) {
      checkArray(o, 'out', 'take');
      checkWritable(o, 'out', 'take: output array is read-only');
    }
    const clipMode = takeMode(m);
    const notIntegers = (msg: string) => new IndexError('indices', `take: only integers can be indices: ${msg}`);
    if (!(indices instanceof ndarray) && typeof indices !== 'number' && !Array.isArray(indices)) throw notIntegers(`expected an ndarray, an integer or a list of them, got ${describeValue(indices)}`);
    const idx = indices instanceof ndarray ? indices : typeof indices === 'number' ? filled([], INT64, integerList([indices], notIntegers)[0]!) : fromTyped(integerList(indices, notIntegers));
    try {
      const result = takeIndices(a, idx, ax, clipMode);
      return o === null ? result : intoTakeOut(result, o, a, 'take');
    } finally {
      if (idx !== indices) idx.store.dispose();
    }
  });
}

function takeIndices(a: ndarray, given: ndarray, axis: number | null, mode: TakeMode = 'raise'): ndarray {
  if (!(given.dtype.isInteger || given.dtype.kind === 'b')) throw new IndexError('indices', `arrays used as indices must be of integer type, got ${given.dtype.name}`);
  // NumPy casts bool indices to integers safely (True is 1).
  if (given.dtype.kind === 'b') return tidy(() => takeIndices(a, given.astype('int64'), axis, mode));
  if (mode !== 'raise' && given.size > 0) {
    const n = axis === null || (a.ndim === 0 && (axis === 0 || axis === -1)) ? a.size : a.shape[normalizeAxis(axis, a.ndim, 'axis')]!;
    if (n === 0) throw new IndexError('indices', 'take: cannot do a non-empty take from an empty axes.');
    return tidy(() => {
      const wide = given.astype('int64');
      return takeIndices(a, mode === 'wrap' ? remainder(wide, n) : clip(wide, 0, n - 1), axis);
    });
  }
  const idx = given;
  // A 0-d array has the one axis 0 (or -1) here, as in NumPy.
  if (axis === null || (a.ndim === 0 && (axis === 0 || axis === -1))) {
    checkIndices(idx, a.size, null);
    return gatherFlat(a, idx);
  }
  const d = normalizeAxis(axis, a.ndim, 'axis');
  const n = a.shape[d]!;
  const resultShape = [...a.shape.slice(0, d), ...idx.shape, ...a.shape.slice(d + 1)];
  // As NumPy's take: no index is checked when no dimension before the axis has elements.
  if (a.shape.slice(0, d).includes(0)) return new ndarray(LogicalStore.create(resultShape, a.dtype));
  checkIndices(idx, n, d);
  if (resultShape.includes(0)) return new ndarray(LogicalStore.create(resultShape, a.dtype));
  return tidy(() => {
    // Flat positions of every result element: prefix · (n · post) + index · post + suffix.
    const pre = a.shape.slice(0, d).reduce((v, e) => v * e, 1);
    const post = a.shape.slice(d + 1).reduce((v, e) => v * e, 1);
    const wrapped = where(idx.less(0), add(idx.astype('int64'), n), idx.astype('int64'));
    const shape = [...a.shape.slice(0, d), ...idx.shape, ...a.shape.slice(d + 1)];
    const arange = (count: number) => fromTyped(BigInt64Array.from({ length: count }, (_, i) => BigInt(i)));
    const preIndex = reshape(multiply(arange(pre), n * post), [...a.shape.slice(0, d), ...idx.shape.map(() => 1), ...a.shape.slice(d + 1).map(() => 1)]);
    const midIndex = reshape(multiply(wrapped, post), [...a.shape.slice(0, d).map(() => 1), ...idx.shape, ...a.shape.slice(d + 1).map(() => 1)]);
    const postIndex = reshape(arange(post), [...a.shape.slice(0, d).map(() => 1), ...idx.shape.map(() => 1), ...a.shape.slice(d + 1)]);
    const flat = new ndarray(LogicalStore.create(shape, INT64));
    flat.assign(add(add(new ndarray(broadcastStore(preIndex.store, shape)), midIndex), postIndex));
    return gatherFlat(a, flat);
  });
}

/**
 * Elements picked along `axis` by an index array of `a`'s rank (NumPy's `take_along_axis`).
 *
 * @example
 * ```ts
 * const a = np.array([[10, 30, 20], [60, 40, 50]]);
 * console.log(np.takeAlongAxis(a, np.argsort(a, 1), 1));
 * // array([[10, 20, 30],
 * //        [40, 50, 60]])
 * ```
 */
export function takeAlongAxis(a: ArrayInput, indices: ArrayInput, axis: number | null): ndarray {
  return withArrayLike(indices, 'indices', 'takeAlongAxis', (indices) => {
    return withArrayLike(a, 'a', 'takeAlongAxis', (a) => {
      checkArity(arguments.length, ['a', 'indices', 'axis'], 'takeAlongAxis');
      checkArray(a, 'a', 'take_along_axis');
      checkArray(indices, 'indices', 'take_along_axis');
      if (axis === null) return tidy(() => take(ravel(a), indices));
      const d = normalizeAxis(axis, a.ndim, 'axis');
      if (indices.ndim !== a.ndim) throw new ValueError('indices', '`indices` and `arr` must have the same number of dimensions');
      const n = a.shape[d]!;
      checkIndices(indices, n, d);
      return tidy(() => {
        const shape = broadcastShapes(a.shape.map((e, k) => (k === d ? 1 : e)), indices.shape.map((e, k) => (k === d ? 1 : e))).map((e, k) => (k === d ? indices.shape[d]! : e));
        const strides = a.shape.map((_, k) => a.shape.slice(k + 1).reduce((v, e) => v * e, 1));
        let flat = multiply(where(indices.less(0), add(indices.astype('int64'), n), indices.astype('int64')), strides[d]!);
        for (let k = 0; k < a.ndim; k++) {
          if (k === d) continue;
          const positions = fromTyped(BigInt64Array.from({ length: shape[k]! }, (_, i) => BigInt(i * strides[k]!)));
          flat = add(flat, reshape(positions, shape.map((e, j) => (j === k ? e : 1))));
        }
        const full = new ndarray(LogicalStore.create(shape, INT64));
        full.assign(flat);
        return gatherFlat(a, full);
      });
    });
  });
}

/**
 * `values` written in place at the positions `indices` picks along `axis` (NumPy's
 * `put_along_axis`, the inverse of {@link takeAlongAxis}): `indices` has `arr`'s rank, `values`
 * broadcasts against it; negative indices count from the end; `axis: null` works on the
 * flattened array. Where two indices meet, the last write wins.
 *
 * @example
 * ```ts
 * const a = np.array([[10, 30, 20], [60, 40, 50]]);
 * np.putAlongAxis(a, np.array([[0], [2]]), 0, 1);
 * console.log(a);
 * // array([[ 0, 30, 20],
 * //        [60, 40,  0]])
 * ```
 */
export function putAlongAxis(arr: ndarray, indices: ndarray, values: Operand | readonly number[], axis: number | null): void {
  checkArity(arguments.length, ['arr', 'indices', 'values', 'axis'], 'putAlongAxis');
  checkArray(arr, 'arr', 'put_along_axis');
  checkArray(indices, 'indices', 'put_along_axis');
  checkWritable(arr, 'arr', 'put_along_axis: output array is read-only');
  if (!indices.dtype.isInteger) throw new IndexError('indices', '`indices` must be an integer array');
  const valuesOf = (shape: readonly number[]): ndarray => {
    const v = values instanceof ndarray ? values : Array.isArray(values) ? toArray(values as number[], arr.dtype) : filled([], arr.dtype, storedValue(values as Element, arr.dtype, 'values'), 'values');
    const source = new ndarray(LogicalStore.create(shape, arr.dtype));
    source.assign(new ndarray(broadcastStore(v.store, shape)));
    return source;
  };
  if (axis === null) {
    // arr.flat[indices] = values, values broadcast to the indices (not cycled, as put's are).
    if (indices.ndim !== 1) throw new ValueError('indices', 'when axis=None, `indices` must have a single dimension.');
    checkIndices(indices, arr.size, null);
    tidy(() => {
      const n = arr.size;
      const flat = where(indices.less(0), add(indices.astype('int64'), n), indices.astype('int64'));
      scatterFlat(arr, flat, valuesOf(indices.shape));
    });
    return;
  }
  const d = normalizeAxis(axis, arr.ndim, 'axis');
  if (indices.ndim !== arr.ndim) throw new ValueError('indices', '`indices` and `arr` must have the same number of dimensions');
  const n = arr.shape[d]!;
  checkIndices(indices, n, d);
  tidy(() => {
    const shape = broadcastShapes(arr.shape.map((e, k) => (k === d ? 1 : e)), indices.shape.map((e, k) => (k === d ? 1 : e))).map((e, k) => (k === d ? indices.shape[d]! : e));
    const strides = arr.shape.map((_, k) => arr.shape.slice(k + 1).reduce((v, e) => v * e, 1));
    let flat = multiply(where(indices.less(0), add(indices.astype('int64'), n), indices.astype('int64')), strides[d]!);
    for (let k = 0; k < arr.ndim; k++) {
      if (k === d) continue;
      const positions = multiply(arange(0, shape[k]!, 1, INT64), strides[k]!);
      flat = add(flat, reshape(positions, shape.map((e, j) => (j === k ? e : 1))));
    }
    const full = new ndarray(LogicalStore.create(shape, INT64));
    full.assign(flat);
    scatterFlat(arr, full, valuesOf(shape));
  });
}

/**
 * `a.flat[indices] = values` in place (NumPy's `put`): values are cycled when shorter, and the
 * last write to a position wins. `mode` wraps or clips indices out of range instead of raising.
 *
 * @example
 * ```ts
 * const a = np.arange(5);
 * np.put(a, [0, 7], [-1, -2], 'clip');
 * console.log(a);
 * // array([-1,  1,  2,  3, -2])
 * ```
 */
export function put(a: ndarray, indices: ndarray | number | readonly number[], values: Operand | readonly number[], mode?: TakeMode | { mode?: TakeMode }): void {
  const [, , , m = 'raise'] = keywords(arguments, ['a', 'indices', 'values', 'mode'], 'put', 3) as [unknown, unknown, unknown, unknown?];
  checkArray(a, 'a', 'put');
  checkWritable(a, 'a', 'put: output array is read-only');
  const clipMode = takeMode(m);
  const notIntegers = (msg: string) => new IndexError('indices', `put: only integers can be indices: ${msg}`);
  if (!(indices instanceof ndarray) && typeof indices !== 'number' && typeof indices !== 'bigint' && !Array.isArray(indices)) throw notIntegers(`expected an ndarray, an integer or a list of them, got ${describeValue(indices)}`);
  // The index and value arrays made from lists and scalars are freed here.
  tidy(() => {
    const given = indices instanceof ndarray ? indices : fromTyped(integerList(Array.isArray(indices) ? indices : [indices], notIntegers));
    if (!(given.dtype.isInteger || given.dtype.kind === 'b')) throw new IndexError('indices', `arrays used as indices must be of integer type, got ${given.dtype.name}`);
    const idx = given.dtype.kind === 'b' ? given.astype('int64') : given;
    const v = values instanceof ndarray ? values : Array.isArray(values) ? (toArray(values as number[], a.dtype)) : filled([1], a.dtype, storedValue(values as Element, a.dtype, 'values'), 'values');
    if (idx.size > 0 && a.size === 0) throw new IndexError('a', 'cannot replace elements of an empty array');
    // Empty values: NumPy's put does nothing, without checking the indices.
    if (v.size === 0) return;
    if (clipMode === 'raise') checkIndices(idx, a.size, null);
    const wide = clipMode === 'raise' ? idx : idx.astype('int64');
    scatterFlat(a, clipMode === 'wrap' ? remainder(wide, a.size) : clipMode === 'clip' ? clip(wide, 0, a.size - 1) : idx, v);
  });
}

function toArray(values: readonly number[], t: DType): ndarray {
  const out = new ndarray(LogicalStore.create([values.length], t));
  if (values.length) out.store.write(t.isBigInt ? new t.arrayType(values.map((x) => BigInt(x)) as never) : t.kind === 'b' ? Uint8Array.from(values, Boolean as never) : new t.arrayType(values as never));
  return out;
}

function checkMask(condition: ndarray, a: ndarray, name: string): void {
  checkArray(condition, 'condition', name);
  if (condition.dtype.kind !== 'b') throw new DTypeError('condition', `${name}: expected a boolean mask, got ${condition.dtype.name}`);
  if (condition.size !== a.size) throw new IndexError('condition', `${name}: boolean index did not match indexed array: mask has ${condition.size} elements, array ${shapeText(a.shape)} has ${a.size}`);
}

/** NumPy 2's place and putmask refuse array values that do not cast 'safe'ly (scalars and lists are stored as values). */
function checkSafeValues(values: unknown, a: ndarray, argument: string): void {
  if (values instanceof ndarray && !canCastSafely(values.dtype, a.dtype)) {
    throw new DTypeError(argument, `Cannot cast ${values.ndim === 0 ? 'scalar' : 'array data'} from dtype('${values.dtype.name}') to dtype('${a.dtype.name}') according to the rule 'safe'`);
  }
}

/**
 * The elements of `a` where `condition` is true, flattened (NumPy's `extract`, `a[mask]`).
 *
 * @example
 * ```ts
 * const a = np.arange(6);
 * console.log(np.extract(np.greater(a, 3), a));
 * // array([4, 5])
 * ```
 */
export function extract(condition: ArrayInput, a: ArrayInput): ndarray {
  return withArrayLike(condition, 'condition', 'extract', (condition) =>
    withArrayLike(a, 'a', 'extract', (a) => {
    checkArity(arguments.length, ['condition', 'a'], 'extract');
    checkArray(a, 'a', 'extract');
    checkMask(condition, a, 'extract');
    return tidy(() => gatherFlat(a, flatnonzero(condition)));
  }),
  );
}

/**
 * `a[mask] = values` in order, `values` cycled (NumPy's `place`).
 *
 * @example
 * ```ts
 * const a = np.arange(6);
 * np.place(a, np.greater(a, 2), [10, 20]);
 * console.log(a);
 * // array([ 0,  1,  2, 10, 20, 10])
 * ```
 */
export function place(a: ndarray, mask: ndarray, values: Operand | readonly number[]): void {
  checkArray(a, 'a', 'place');
  checkMask(mask, a, 'place');
  checkSafeValues(values, a, 'vals');
  tidy(() => {
    const positions = flatnonzero(mask);
    const v = values instanceof ndarray ? ravel(values) : Array.isArray(values) ? toArray(values as number[], a.dtype) : filled([1], a.dtype, storedValue(values as Element, a.dtype, 'vals'), 'vals');
    if (positions.size > 0 && v.size === 0) throw new ValueError('vals', 'Cannot insert from an empty array!');
    scatterFlat(a, positions, v);
  });
}

/**
 * `a[i] = values[i]` wherever `mask` is true, `values` repeated to a's size (NumPy's `putmask`).
 *
 * @example
 * ```ts
 * const a = np.arange(5);
 * np.putmask(a, np.greater(a, 2), np.array(-1));
 * console.log(a);
 * // array([ 0,  1,  2, -1, -1])
 * ```
 */
export function putmask(a: ndarray, mask: ndarray, values: Operand): void {
  checkArray(a, 'a', 'putmask');
  checkMask(mask, a, 'putmask');
  checkWritable(a, 'a', 'putmask: output array is read-only');
  checkSafeValues(values, a, 'values');
  // Empty values: NumPy's putmask does nothing.
  if (values instanceof ndarray && values.size === 0) return;
  tidy(() => {
    const v = values instanceof ndarray ? (values.size === a.size ? reshape(values, a.shape) : tile(ravel(values), Math.ceil(a.size / Math.max(1, values.size))).slice(`:${a.size}`).reshape(...a.shape)) : filled([], a.dtype, storedValue(values as Element, a.dtype, 'values'), 'values');
    a.assign(where(reshape(mask, a.shape), v, a));
  });
}

/**
 * Slices of `a` along `axis` where `condition` is true (NumPy's `compress`); `axis: null`
 * selects from the flattened array. `out` (positional or `{ out }`) receives the result.
 *
 * @example
 * ```ts
 * console.log(np.compress([false, true, true], np.array([[1, 2], [3, 4], [5, 6]]), 0));
 * // array([[3, 4],
 * //        [5, 6]])
 * ```
 */
export function compress(condition: ndarray | readonly boolean[], a: ArrayInput, axisArg?: number | null | { axis?: number | null; out?: ndarray | null }, outArg?: ndarray | null | { out?: ndarray | null }): ndarray {
  return withArrayLike(a, 'a', 'compress', (a) => {
    const [, , axis = null, out = null] = keywords(arguments, ['condition', 'a', 'axis', 'out'], 'compress', 2) as [unknown, unknown, (number | null)?, (ndarray | null)?];
    checkArray(a, 'a', 'compress');
    if (out !== null) {
      checkArray(out, 'out', 'compress');
      checkWritable(out, 'out', 'compress: output array is read-only');
      return intoTakeOut(compress(condition, a, axis), out, a, 'compress');
    }
    if (!(condition instanceof ndarray)) return tidy(() => compress(toArray(condition.map(Number), toDType('bool')), a, axis));
    const mask = condition;
    if (axis === null) {
      return tidy(() => {
        const flat = ravel(a);
        const m = mask.size < flat.size ? concatenate([mask, filled([flat.size - mask.size], toDType('bool'), false)]) : mask.slice(`:${flat.size}`);
        return gatherFlat(flat, flatnonzero(m));
      });
    }
    const d = normalizeAxis(axis, a.ndim, 'axis');
    if (mask.size > a.shape[d]!) throw new IndexError('condition', `compress: index ${mask.size - 1} is out of bounds for axis ${d} with size ${a.shape[d]}`);
    return tidy(() => take(a, flatnonzero(mask), d));
  });
}
