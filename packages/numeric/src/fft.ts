// numeric.fft (NumPy's numpy.fft): FFTW over the transformed axes, batched and split across
// processors along the others. Each transform is one launch; `n` / `s` crop or zero-pad first.
import { AutoTask, broadcast, dtype as toDType, DTypeError, isOptionsObject, LogicalStore, ManualTask, Scalar, tidy, type DType } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { ValueError } from './errors.js';
import { withArrayLike, type ArrayInput } from './inputs.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { assign, astype, checkArray, checkWritable, filled, freeTiling, shapeText } from './operations.js';
import { canCastSameKind } from './promotion.js';
import { moveaxis } from './shape.js';
import { FftKind, Task } from './tasks.js';
import { conj } from './ufunc.js';

/** NumPy's keyword arguments of the one-axis transforms, as one options object, last. */
export interface FftOptions {
  n?: number;
  axis?: number;
  norm?: Norm;
  /** The array the result is written into (NumPy's `out=`: the result's shape, cast 'same_kind'). */
  out?: ndarray | null;
}

/** NumPy's keyword arguments of the transforms over several axes, as one options object, last. */
export interface FftnOptions {
  s?: readonly number[];
  axes?: readonly number[];
  norm?: Norm;
  /** The array the result is written into (NumPy's `out=`: the result's shape, cast 'same_kind'). */
  out?: ndarray | null;
}

/** The call's arguments without NumPy's `out` (an option, or the fifth argument), and the `out`. */
function withoutOut(args: IArguments, name: string): [unknown[], ndarray | undefined] {
  const given = Array.from(args);
  let out: unknown;
  const last = given[given.length - 1];
  if (given.length > 1 && isOptionsObject(last) && 'out' in last) {
    const { out: o, ...rest } = last as { out?: unknown };
    out = o;
    given[given.length - 1] = rest;
  } else if (given.length === 5) {
    out = given.pop();
  }
  if (out === undefined || out === null) return [given, undefined];
  if (!(out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray, got ${describeValue(out)}`);
  checkWritable(out, 'out', `${name}: output array is read-only`);
  return [given, out];
}

/** `result` written into `out` (of its shape, cast by NumPy's 'same_kind' rule), then freed. */
function into(out: ndarray, result: ndarray, name: string): ndarray {
  try {
    if (shapeText(out.shape) !== shapeText(result.shape)) throw new ValueError('out', `${name}: output array has wrong shape: ${shapeText(out.shape)}, the result is ${shapeText(result.shape)}`);
    if (!canCastSameKind(result.dtype, out.dtype)) throw new DTypeError('out', `Cannot cast ufunc '${name}' output from dtype('${result.dtype.name}') to dtype('${out.dtype.name}') with casting rule 'same_kind'`);
    assign(out, result);
    return out;
  } finally {
    result.dispose();
  }
}

/** NumPy's normalisations: `backward` (default: the inverse divides by n), `ortho`, `forward`. */
export type Norm = 'backward' | 'ortho' | 'forward';

const complexOf = (t: DType) => toDType(t.name === 'float32' || t.name === 'complex64' ? 'complex64' : 'complex128');
const realOf = (t: DType) => toDType(t.name === 'float32' || t.name === 'complex64' ? 'float32' : 'float64');

function scaleFor(norm: Norm | undefined, n: number, inverse: boolean, name: string): number {
  const mode = norm ?? 'backward';
  if (!['backward', 'ortho', 'forward'].includes(mode)) throw new ValueError('norm', `${name}: Invalid norm value ${String(norm)}; should be "backward", "ortho" or "forward"`);
  if (n === 0) return 1;
  if (mode === 'ortho') return 1 / Math.sqrt(n);
  return (mode === 'backward') === inverse ? 1 / n : 1;
}

/** `a` cropped or zero-padded to `sizes` along `axes` (a view when it only crops). */
function resized(a: ndarray, axes: readonly number[], sizes: readonly number[]): ndarray {
  let view = a.store;
  let grow = false;
  axes.forEach((axis, i) => {
    const size = sizes[i]!;
    if (size < view.shape[axis]!) view = view.slice(axis, 0, size);
    else if (size > view.shape[axis]!) grow = true;
  });
  if (!grow) return new ndarray(view);
  const shape = [...view.shape];
  axes.forEach((axis, i) => (shape[axis] = sizes[i]!));
  const zero = a.dtype.isComplex ? { re: 0, im: 0 } : 0;
  const out = filled(shape, a.dtype, zero);
  let target = out.store;
  view.shape.forEach((extent, d) => (target = target.slice(d, 0, extent)));
  new ndarray(target).assign(new ndarray(view));
  return out;
}

/** One transform of `input` into `output` over their last `rank` dimensions. */
function launch(input: LogicalStore, output: LogicalStore, rank: number, kind: FftKind, scale: number): void {
  if (output.shape.some((e) => e === 0)) return;
  const batch = output.ndim - rank;
  const mask = Array.from({ length: rank }, (_, i) => 1 << (batch + i)).reduce((m, b) => m | b, 0);
  const scalars = [new Scalar(kind, 'int32'), new Scalar(mask, 'int32'), new Scalar(scale, 'float64')];
  if (batch === 0) {
    const task = new AutoTask(library, Task.Fft).addInput(input).addOutput(output).addConstraint(broadcast(input)).addConstraint(broadcast(output));
    for (const s of scalars) task.addScalar(s);
    task.execute();
    return;
  }
  // The batch is split; the transformed dimensions are whole in every piece.
  // (Sized by every element, not just the batch, so small batches of large transforms split.)
  const { grid, tiles } = freeTiling(output.shape, output.shape.map((_, d) => d < batch));
  const task = new ManualTask(library, Task.Fft, grid).addInput(input).addOutput(output).tile(input, tiles).tile(output, tiles);
  for (const s of scalars) task.addScalar(s);
  task.execute();
}

interface Plan {
  axes: number[];
  sizes: number[];
}

function plan(a: ndarray, s: readonly number[] | undefined, axes: readonly number[] | undefined, name: string, defaultAxes: number[]): Plan {
  let list = axes === undefined || axes === null ? (s === undefined ? defaultAxes : s.map((_, i) => a.ndim - s.length + i)) : [...axes];
  list = list.map((x) => normalizeAxis(x, a.ndim, 'axes'));
  if (new Set(list).size !== list.length) throw new ValueError('axes', `${name}: repeated axes [${list.join(', ')}]`);
  if (s !== undefined && s.length !== list.length) throw new ValueError('s', `${name}: s and axes must have the same length (${s.length} and ${list.length})`);
  const sizes = s === undefined ? list.map((x) => a.shape[x]!) : [...s];
  for (const n of sizes) if (!Number.isSafeInteger(n) || n < 1) throw new ValueError(s === undefined ? 'a' : 's', `${name}: Invalid number of FFT data points (${typeof n === 'number' ? n : describeValue(n)}) specified`);
  return { axes: list, sizes };
}

/** The complex transform over `axes` (to the end, in order, for FFTW; moved back after). */
function complexTransform(a: ndarray, p: Plan, inverse: boolean, norm: Norm | undefined, name: string): ndarray {
  const t = complexOf(a.dtype);
  return tidy(() => {
    const x = resized(a.dtype === t ? a : astype(a, t), p.axes, p.sizes);
    const last = p.axes.map((_, i) => x.ndim - p.axes.length + i);
    const moved = moveaxis(x, p.axes, last);
    const out = new ndarray(LogicalStore.create(moved.shape, t));
    const total = p.sizes.reduce((v, n) => v * n, 1);
    launch(moved.store, out.store, p.axes.length, inverse ? FftKind.Inverse : FftKind.Forward, scaleFor(norm, total, inverse, name));
    return moveaxis(out, last, p.axes);
  });
}

/**
 * The discrete Fourier transform along one axis (NumPy's `fft.fft`).
 *
 * @example
 * ```ts
 * console.log(np.fft.fft(np.array([1, 2, 3, 4])));
 * // array([10.+0.j, -2.+2.j, -2.+0.j, -2.-2.j])
 * ```
 */
export function fft(a: ArrayInput, nArg?: number | FftOptions, axisArg?: number | FftOptions, normArg?: Norm | FftOptions, outArg?: ndarray | null | FftOptions): ndarray {
  return withArrayLike(a, 'a', 'fft', (a) => {
    const [args, out] = withoutOut(arguments, 'fft');
    if (out !== undefined) return into(out, (fft as (...a: unknown[]) => ndarray)(...args), 'fft');
    const [, n, axis = -1, norm] = keywords(arguments, ['a', 'n', 'axis', 'norm'], 'fft', 1) as [unknown, number?, number?, Norm?];
    checkArray(a, 'a', 'fft');
    return complexTransform(a, plan(a, n === undefined ? undefined : [n], [axis], 'fft', [axis]), false, norm, 'fft');
  });
}

/**
 * The inverse transform along one axis (NumPy's `fft.ifft`).
 *
 * @example
 * ```ts
 * console.log(np.fft.ifft(np.array([4, 0, 0, 0])));
 * // array([1.+0.j, 1.+0.j, 1.+0.j, 1.+0.j])
 * ```
 */
export function ifft(a: ArrayInput, nArg?: number | FftOptions, axisArg?: number | FftOptions, normArg?: Norm | FftOptions, outArg?: ndarray | null | FftOptions): ndarray {
  return withArrayLike(a, 'a', 'ifft', (a) => {
    const [args, out] = withoutOut(arguments, 'ifft');
    if (out !== undefined) return into(out, (ifft as (...a: unknown[]) => ndarray)(...args), 'ifft');
    const [, n, axis = -1, norm] = keywords(arguments, ['a', 'n', 'axis', 'norm'], 'ifft', 1) as [unknown, number?, number?, Norm?];
    checkArray(a, 'a', 'ifft');
    return complexTransform(a, plan(a, n === undefined ? undefined : [n], [axis], 'ifft', [axis]), true, norm, 'ifft');
  });
}

/**
 * The transform over two axes, the last two by default (NumPy's `fft.fft2`).
 *
 * @example
 * ```ts
 * console.log(np.fft.fft2(np.array([[1, 2], [3, 4]])));
 * // array([[10.+0.j, -2.+0.j],
 * //        [-4.+0.j,  0.+0.j]])
 * ```
 */
export function fft2(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'fft2', (a) => {
    const [args, out] = withoutOut(arguments, 'fft2');
    if (out !== undefined) return into(out, (fft2 as (...a: unknown[]) => ndarray)(...args), 'fft2');
    const [, s, axes = [-2, -1], norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'fft2', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    checkArray(a, 'a', 'fft2');
    return complexTransform(a, plan(a, s, axes, 'fft2', [-2, -1]), false, norm, 'fft2');
  });
}

/**
 * The inverse of {@link fft2} over the last two axes (NumPy's `fft.ifft2`).
 *
 * @example
 * ```ts
 * console.log(np.fft.ifft2(np.array([[4, 0], [0, 0]])));
 * // array([[1.+0.j, 1.+0.j],
 * //        [1.+0.j, 1.+0.j]])
 * ```
 */
export function ifft2(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'ifft2', (a) => {
    const [args, out] = withoutOut(arguments, 'ifft2');
    if (out !== undefined) return into(out, (ifft2 as (...a: unknown[]) => ndarray)(...args), 'ifft2');
    const [, s, axes = [-2, -1], norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'ifft2', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    checkArray(a, 'a', 'ifft2');
    return complexTransform(a, plan(a, s, axes, 'ifft2', [-2, -1]), true, norm, 'ifft2');
  });
}

/**
 * The transform over `axes` (all by default, or the last len(s)) (NumPy's `fft.fftn`).
 *
 * @example
 * ```ts
 * console.log(np.fft.fftn(np.ones([2, 2, 2])));
 * // array([[[8.+0.j, 0.+0.j],
 * //         [0.+0.j, 0.+0.j]],
 * //
 * //        [[0.+0.j, 0.+0.j],
 * //         [0.+0.j, 0.+0.j]]])
 * ```
 */
export function fftn(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'fftn', (a) => {
    const [args, out] = withoutOut(arguments, 'fftn');
    if (out !== undefined) return into(out, (fftn as (...a: unknown[]) => ndarray)(...args), 'fftn');
    const [, s, axes, norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'fftn', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    checkArray(a, 'a', 'fftn');
    return complexTransform(a, plan(a, s, axes, 'fftn', a.shape.map((_, i) => i)), false, norm, 'fftn');
  });
}

/**
 * The inverse of {@link fftn} (NumPy's `fft.ifftn`).
 *
 * @example
 * ```ts
 * console.log(np.fft.ifftn(np.array([[4, 0], [0, 0]])));
 * // array([[1.+0.j, 1.+0.j],
 * //        [1.+0.j, 1.+0.j]])
 * ```
 */
export function ifftn(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'ifftn', (a) => {
    const [args, out] = withoutOut(arguments, 'ifftn');
    if (out !== undefined) return into(out, (ifftn as (...a: unknown[]) => ndarray)(...args), 'ifftn');
    const [, s, axes, norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'ifftn', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    checkArray(a, 'a', 'ifftn');
    return complexTransform(a, plan(a, s, axes, 'ifftn', a.shape.map((_, i) => i)), true, norm, 'ifftn');
  });
}

/**
 * The transform of real input over `axes`, the last one halved to n/2 + 1 (NumPy's `fft.rfftn`).
 *
 * @example
 * ```ts
 * console.log(np.fft.rfftn(np.ones([2, 4])));
 * // array([[8.+0.j, 0.+0.j, 0.+0.j],
 * //        [0.+0.j, 0.+0.j, 0.+0.j]])
 * ```
 */
export function rfftn(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'rfftn', (a) => {
    const [args, out] = withoutOut(arguments, 'rfftn');
    if (out !== undefined) return into(out, (rfftn as (...a: unknown[]) => ndarray)(...args), 'rfftn');
    const [, s, axes, norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'rfftn', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    checkArray(a, 'a', 'rfftn');
    if (a.dtype.isComplex) throw new DTypeError('a', `rfftn: expected real input, got ${a.dtype.name}`);
    const p = plan(a, s, axes, 'rfftn', a.shape.map((_, i) => i));
    const t = realOf(a.dtype);
    return tidy(() => {
      const x = resized(a.dtype === t ? a : astype(a, t), p.axes, p.sizes);
      const last = p.axes.map((_, i) => x.ndim - p.axes.length + i);
      const moved = moveaxis(x, p.axes, last);
      const shape = [...moved.shape];
      shape[shape.length - 1] = Math.floor(shape[shape.length - 1]! / 2) + 1;
      const out = new ndarray(LogicalStore.create(shape, complexOf(t)));
      launch(moved.store, out.store, p.axes.length, FftKind.RealToComplex, scaleFor(norm, p.sizes.reduce((v, n) => v * n, 1), false, 'rfftn'));
      return moveaxis(out, last, p.axes);
    });
  });
}

/**
 * The inverse of {@link rfftn}: real output of sizes `s` (the last defaults to 2·(m − 1) for m
 * input points) (NumPy's `fft.irfftn`).
 *
 * @example
 * ```ts
 * console.log(np.fft.irfftn(np.array([[8, 0, 0], [0, 0, 0]])));
 * // array([[1., 1., 1., 1.],
 * //        [1., 1., 1., 1.]])
 * ```
 */
export function irfftn(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'irfftn', (a) => {
    const [args, out] = withoutOut(arguments, 'irfftn');
    if (out !== undefined) return into(out, (irfftn as (...a: unknown[]) => ndarray)(...args), 'irfftn');
    const [, s, axes, norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'irfftn', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    checkArray(a, 'a', 'irfftn');
    const list = axes === undefined ? (s === undefined ? a.shape.map((_, i) => i) : s.map((_, i) => a.ndim - s.length + i)) : [...axes];
    const normalized = list.map((x) => normalizeAxis(x, a.ndim, 'axes'));
    const lastAxis = normalized[normalized.length - 1]!;
    const sizes = s === undefined ? normalized.map((x, i) => (i === normalized.length - 1 ? 2 * (a.shape[lastAxis]! - 1) : a.shape[x]!)) : [...s];
    const p = plan(a, sizes, normalized, 'irfftn', normalized);
    const t = complexOf(a.dtype);
    return tidy(() => {
      // The input keeps n/2 + 1 points along the halved axis.
      const inputSizes = p.sizes.map((n, i) => (i === p.sizes.length - 1 ? Math.floor(n / 2) + 1 : n));
      const x = resized(a.dtype === t ? a : astype(a, t), p.axes, inputSizes);
      const last = p.axes.map((_, i) => x.ndim - p.axes.length + i);
      const moved = moveaxis(x, p.axes, last);
      const shape = [...moved.shape];
      shape[shape.length - 1] = p.sizes[p.sizes.length - 1]!;
      const out = new ndarray(LogicalStore.create(shape, realOf(t)));
      launch(moved.store, out.store, p.axes.length, FftKind.ComplexToReal, scaleFor(norm, p.sizes.reduce((v, n) => v * n, 1), true, 'irfftn'));
      return moveaxis(out, last, p.axes);
    });
  });
}

/**
 * The transform of real input along one axis: n/2 + 1 points (NumPy's `fft.rfft`).
 *
 * @example
 * ```ts
 * console.log(np.fft.rfft(np.array([1, 2, 3, 4])));
 * // array([10.+0.j, -2.+2.j, -2.+0.j])
 * ```
 */
export function rfft(a: ArrayInput, nArg?: number | FftOptions, axisArg?: number | FftOptions, normArg?: Norm | FftOptions, outArg?: ndarray | null | FftOptions): ndarray {
  return withArrayLike(a, 'a', 'rfft', (a) => {
    const [args, out] = withoutOut(arguments, 'rfft');
    if (out !== undefined) return into(out, (rfft as (...a: unknown[]) => ndarray)(...args), 'rfft');
    const [, n, axis = -1, norm] = keywords(arguments, ['a', 'n', 'axis', 'norm'], 'rfft', 1) as [unknown, number?, number?, Norm?];
    checkArray(a, 'a', 'rfft');
    return rfftn(a, n === undefined ? undefined : [n], [axis], norm);
  });
}

/**
 * The inverse of {@link rfft}: n real points, 2·(m − 1) by default (NumPy's `fft.irfft`).
 *
 * @example
 * ```ts
 * console.log(np.fft.irfft(np.array([10, -2, -2])));
 * // array([1., 3., 3., 3.])
 * ```
 */
export function irfft(a: ArrayInput, nArg?: number | FftOptions, axisArg?: number | FftOptions, normArg?: Norm | FftOptions, outArg?: ndarray | null | FftOptions): ndarray {
  return withArrayLike(a, 'a', 'irfft', (a) => {
    const [args, out] = withoutOut(arguments, 'irfft');
    if (out !== undefined) return into(out, (irfft as (...a: unknown[]) => ndarray)(...args), 'irfft');
    const [, n, axis = -1, norm] = keywords(arguments, ['a', 'n', 'axis', 'norm'], 'irfft', 1) as [unknown, number?, number?, Norm?];
    checkArray(a, 'a', 'irfft');
    return irfftn(a, n === undefined ? undefined : [n], [axis], norm);
  });
}

/** NumPy's `_swap_direction`: the norm that makes the Hermitian transforms from the real ones. */
function swapped(norm: unknown, name: string): Norm {
  const mode = norm ?? 'backward';
  if (!['backward', 'ortho', 'forward'].includes(mode as string)) throw new ValueError('norm', `${name}: Invalid norm value ${String(norm)}; should be "backward", "ortho" or "forward"`);
  return mode === 'backward' ? 'forward' : mode === 'forward' ? 'backward' : 'ortho';
}

/**
 * The transform of a Hermitian-symmetric signal given by its first half (NumPy's `fft.hfft`):
 * n real points, 2·(m − 1) by default; `irfft` of the conjugate with the norm's direction swapped.
 *
 * @example
 * ```ts
 * console.log(np.fft.hfft(np.array([1, 2, 3])));
 * // array([ 8., -2.,  0., -2.])
 * ```
 */
export function hfft(a: ArrayInput, nArg?: number | FftOptions, axisArg?: number | FftOptions, normArg?: Norm | FftOptions, outArg?: ndarray | null | FftOptions): ndarray {
  return withArrayLike(a, 'a', 'hfft', (a) => {
    const [args, out] = withoutOut(arguments, 'hfft');
    if (out !== undefined) return into(out, (hfft as (...a: unknown[]) => ndarray)(...args), 'hfft');
    const [, n, axis = -1, norm] = keywords(arguments, ['a', 'n', 'axis', 'norm'], 'hfft', 1) as [unknown, number?, number?, Norm?];
    checkArray(a, 'a', 'hfft');
    const direction = swapped(norm, 'hfft');
    return tidy(() => irfftn(conj(a), n === undefined ? undefined : [n], [axis], direction));
  });
}

/**
 * The inverse of {@link hfft}: the first n/2 + 1 points of the Hermitian transform of real input
 * (NumPy's `fft.ihfft`); the conjugate of `rfft` with the norm's direction swapped.
 *
 * @example
 * ```ts
 * console.log(np.fft.ihfft(np.array([8, -2, 0, -2])));
 * // array([1.-0.j, 2.-0.j, 3.-0.j])
 * ```
 */
export function ihfft(a: ArrayInput, nArg?: number | FftOptions, axisArg?: number | FftOptions, normArg?: Norm | FftOptions, outArg?: ndarray | null | FftOptions): ndarray {
  return withArrayLike(a, 'a', 'ihfft', (a) => {
    const [args, out] = withoutOut(arguments, 'ihfft');
    if (out !== undefined) return into(out, (ihfft as (...a: unknown[]) => ndarray)(...args), 'ihfft');
    const [, n, axis = -1, norm] = keywords(arguments, ['a', 'n', 'axis', 'norm'], 'ihfft', 1) as [unknown, number?, number?, Norm?];
    checkArray(a, 'a', 'ihfft');
    const direction = swapped(norm, 'ihfft');
    return tidy(() => conj(rfftn(a, n === undefined ? undefined : [n], [axis], direction)));
  });
}

/**
 * The 2-D transform of real input over the last two axes (NumPy's `fft.rfft2`): the last axis halved as in {@link rfft}.
 *
 * @example
 * ```ts
 * console.log(np.fft.rfft2(np.array([[1, 2], [3, 4]])));
 * // array([[10.+0.j, -2.+0.j],
 * //        [-4.+0.j,  0.+0.j]])
 * ```
 */
export function rfft2(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'rfft2', (a) => {
    const [args, out] = withoutOut(arguments, 'rfft2');
    if (out !== undefined) return into(out, (rfft2 as (...a: unknown[]) => ndarray)(...args), 'rfft2');
    const [, s, axes = [-2, -1], norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'rfft2', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    return rfftn(a, s, axes, norm);
  });
}

/**
 * The inverse of {@link rfft2}: real output over the last two axes (NumPy's `fft.irfft2`).
 *
 * @example
 * ```ts
 * console.log(np.fft.irfft2(np.array([[4, 0], [0, 0]])));
 * // array([[1., 1.],
 * //        [1., 1.]])
 * ```
 */
export function irfft2(a: ArrayInput, sArg?: readonly number[] | FftnOptions, axesArg?: readonly number[] | FftnOptions, normArg?: Norm | FftnOptions, outArg?: ndarray | null | FftnOptions): ndarray {
  return withArrayLike(a, 'a', 'irfft2', (a) => {
    const [args, out] = withoutOut(arguments, 'irfft2');
    if (out !== undefined) return into(out, (irfft2 as (...a: unknown[]) => ndarray)(...args), 'irfft2');
    const [, s, axes = [-2, -1], norm] = keywords(arguments, ['a', 's', 'axes', 'norm'], 'irfft2', 1) as [unknown, (readonly number[])?, (readonly number[])?, Norm?];
    return irfftn(a, s, axes, norm);
  });
}

function frequencies(n: number, d: number, name: string, real: boolean): ndarray {
  if (!Number.isSafeInteger(n) || n < 1) throw new ValueError('n', `${name}: n should be a positive integer, got ${String(n)}`);
  if (typeof d !== 'number' || d === 0 || !Number.isFinite(d)) throw new ValueError('d', `${name}: d should be a finite nonzero number, got ${String(d)}`);
  const count = real ? Math.floor(n / 2) + 1 : n;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = (real || i < Math.floor((n - 1) / 2) + 1 ? i : i - n) / (d * n);
  const out = new ndarray(LogicalStore.create([count], 'float64'));
  out.store.write(values);
  return out;
}

/**
 * The sample frequencies of an n-point transform with spacing d (NumPy's `fft.fftfreq`).
 *
 * @example
 * ```ts
 * console.log(np.fft.fftfreq(5, 0.5));
 * // array([ 0. ,  0.4,  0.8, -0.8, -0.4])
 * ```
 */
export function fftfreq(n: number, d = 1): ndarray {
  checkArity(arguments.length, ['n', 'd'], 'fftfreq');
  return frequencies(n, d, 'fftfreq', false);
}

/**
 * The sample frequencies of an n-point real transform (NumPy's `fft.rfftfreq`).
 *
 * @example
 * ```ts
 * console.log(np.fft.rfftfreq(6));
 * // array([0.        , 0.16666667, 0.33333333, 0.5       ])
 * ```
 */
export function rfftfreq(n: number, d = 1): ndarray {
  checkArity(arguments.length, ['n', 'd'], 'rfftfreq');
  return frequencies(n, d, 'rfftfreq', true);
}

function shifted(x: ndarray, axes: number | readonly number[] | undefined, direction: 1 | -1, name: string): ndarray {
  checkArray(x, 'a', name);
  const list = (axes === undefined ? x.shape.map((_, i) => i) : typeof axes === 'number' ? [axes] : [...axes]).map((a) => normalizeAxis(a, x.ndim, 'axes'));
  return roll(x, list.map((a) => (direction * Math.floor(x.shape[a]! / 2)) as number), list);
}

/**
 * The zero frequency moved to the middle (NumPy's `fft.fftshift`).
 *
 * @example
 * ```ts
 * console.log(np.fft.fftshift(np.arange(5)));
 * // array([3, 4, 0, 1, 2])
 * ```
 */
export function fftshift(x: ArrayInput, axes?: number | readonly number[]): ndarray {
  return withArrayLike(x, 'x', 'fftshift', (x) => {
    checkArity(arguments.length, ['x', 'axes'], 'fftshift');
    return shifted(x, axes, 1, 'fftshift');
  });
}

/**
 * The inverse of {@link fftshift}.
 *
 * @example
 * ```ts
 * console.log(np.fft.ifftshift(np.arange(5)));
 * // array([2, 3, 4, 0, 1])
 * ```
 */
export function ifftshift(x: ArrayInput, axes?: number | readonly number[]): ndarray {
  return withArrayLike(x, 'x', 'ifftshift', (x) => {
    checkArity(arguments.length, ['x', 'axes'], 'ifftshift');
    return shifted(x, axes, -1, 'ifftshift');
  });
}

/**
 * Elements shifted cyclically by `shift` along `axes` (NumPy's `roll`); flattened without axes.
 *
 * @example
 * ```ts
 * console.log(np.roll(np.arange(5), 2));
 * // array([3, 4, 0, 1, 2])
 * ```
 */
export function roll(a: ArrayInput, shift: number | readonly number[], axis?: number | readonly number[] | null): ndarray {
  return withArrayLike(a, 'a', 'roll', (a) => {
    checkArity(arguments.length, ['a', 'shift', 'axis'], 'roll');
    checkArray(a, 'a', 'roll');
    if (axis === undefined || axis === null) {
      if (typeof shift !== 'number') throw new ValueError('shift', 'roll: a flattened roll takes one shift');
      return tidy(() => roll(a.reshape(a.size), shift, 0).reshape(...a.shape));
    }
    const axes = (typeof axis === 'number' ? [axis] : [...axis]).map((x) => normalizeAxis(x, a.ndim, 'axis'));
    const shifts = typeof shift === 'number' ? axes.map(() => shift) : [...shift];
    if (shifts.length !== axes.length) throw new ValueError('shift', `roll: ${shifts.length} shifts for ${axes.length} axes`);
    for (const s of shifts) if (!Number.isSafeInteger(s)) throw new DTypeError('shift', `roll: expected integers, got ${String(s)}`);
    // The total shift per axis, as NumPy sums repeated axes.
    const total = new Map<number, number>();
    axes.forEach((x, i) => total.set(x, (total.get(x) ?? 0) + shifts[i]!));
    const out = new ndarray(LogicalStore.create(a.shape, a.dtype));
    if (a.size === 0) return out;
    // The block views are freed here; the copies stay in `out`.
    tidy(() => {
      // Each output block is one input block: 2^(rolled axes) copies at most.
      const blocks: { from: LogicalStore; to: LogicalStore }[] = [{ from: a.store, to: out.store }];
      for (const [x, s] of total) {
        const n = a.shape[x]!;
        const k = ((s % n) + n) % n;
        if (k === 0) continue;
        const next: typeof blocks = [];
        for (const { from, to } of blocks) {
          next.push({ from: from.slice(x, 0, n - k), to: to.slice(x, k, n) });
          next.push({ from: from.slice(x, n - k, n), to: to.slice(x, 0, k) });
        }
        blocks.splice(0, blocks.length, ...next);
      }
      for (const { from, to } of blocks) new ndarray(to).assign(new ndarray(from));
    });
    return out;
  });
}
