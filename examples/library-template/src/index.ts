/**
 * legate-library-template: a Legate library in one package. Its tasks run on @legate/core's one
 * runtime, split over every processor (and, with separate memories, ranks or GPUs, wherever the
 * runtime places the pieces), on the same stores as @legate/numeric's arrays and the vectors
 * @legate/sparse's matrices produce, without a copy.
 *
 * - `axpby(a, x, b, y)`, `sumOfSquares(x)` and `positives(x)`: C++ tasks (native/template.cc, written with the
 *   `legate::LegateTask` API that @legate/core ships in its headers).
 * - `softThreshold(x, t)`: a TypeScript task whose body runs numeric operations on its pieces.
 */
import { align, AutoTask, ArgumentError, createLibrary, defineTask, DTypeError, loadNativeAddon, LogicalStore, Scalar, type NativeLibraryAddon } from '@legate/core';
import * as np from '@legate/numeric';

/** What the functions take: a numeric array, or nested lists of numbers. */
export type ArrayInput = np.ndarray | number[] | number[][];

// prebuilds/<platform>-<arch>/legate_template.node, found from this file's package.
const addon = loadNativeAddon<NativeLibraryAddon>(import.meta.url, 'legate_template');
// `source`: a failed task reports the user's line that called into this package, not ours.
export const library = createLibrary('template', addon, { source: import.meta.url });

// The task ids native/template.cc registers.
const AXPBY = 0;
const SUM_OF_SQUARES = 1;
const POSITIVES = 2;

/** `x` as a float32 or float64 array, as NumPy's arithmetic would compute it. */
function floating(x: unknown, name: string): np.ndarray {
  let array: np.ndarray;
  try {
    array = np.asarray(x as np.ndarray);
  } catch (cause) {
    throw new ArgumentError(name, `expected an array or a list of numbers (${(cause as Error).message})`);
  }
  const kind = array.dtype.kind;
  if (kind === 'c') throw new DTypeError(name, `complex arrays are not supported (got ${array.dtype.name})`);
  return array.dtype.name === 'float32' || array.dtype.name === 'float64' ? array : array.astype('float64');
}

function number(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new ArgumentError(name, `expected a number, got ${value === null ? 'null' : typeof value}`);
  return value;
}

/**
 * `a * x + b * y`, elementwise, in one pass (BLAS's axpby). `x` and `y` have one shape; the result
 * is float32 when both are, float64 otherwise.
 *
 * @example
 * axpby(2, np.array([1, 2, 3]), 10, np.array([1, 1, 1])); // array([12., 14., 16.])
 */
export function axpby(a: number, x: ArrayInput, b: number, y: ArrayInput): np.ndarray {
  number(a, 'a');
  number(b, 'b');
  // tidy: the conversions made here (a list to an array, int to float) are freed when the task no
  // longer needs them; the result, returned, is kept.
  return np.tidy(() => {
    let xs = floating(x, 'x');
    let ys = floating(y, 'y');
    if (xs.shape.length !== ys.shape.length || xs.shape.some((n, d) => n !== ys.shape[d])) {
      throw new ArgumentError('y', `expected x's shape (${xs.shape.join(', ')}), got (${ys.shape.join(', ')})`);
    }
    const dtype = np.resultType(xs.dtype, ys.dtype);
    xs = xs.dtype === dtype ? xs : xs.astype(dtype);
    ys = ys.dtype === dtype ? ys : ys.astype(dtype);
    const out = np.empty(xs.shape, dtype);
    new AutoTask(library, AXPBY)
      .addInput(xs.store)
      .addInput(ys.store)
      .addOutput(out.store)
      .addScalar(new Scalar(a, 'float64'))
      .addScalar(new Scalar(b, 'float64'))
      .addConstraint(align(xs.store, ys.store))
      .addConstraint(align(xs.store, out.store))
      .execute();
    return out;
  });
}

/**
 * `sum(x * x)` as a 0-d array of x's float type (read it with `.item()`); every piece adds into
 * the runtime's reduction.
 *
 * @example
 * sumOfSquares(np.array([1, 2, 3])).item(); // 14
 */
export function sumOfSquares(x: ArrayInput): np.ndarray {
  return np.tidy(() => {
    const xs = floating(x, 'x');
    const total = np.zeros([], xs.dtype);
    new AutoTask(library, SUM_OF_SQUARES).addInput(xs.store).addReduction(total.store, 'add').execute();
    return total;
  });
}

/**
 * The elements of `x` greater than zero, flattened in C order (NumPy's `x[x > 0]`): a result
 * whose size only the task knows (an unbound store).
 *
 * @example
 * positives(np.array([[-1, 2], [3, -4]])); // array([2., 3.])
 */
export function positives(x: ArrayInput): np.ndarray {
  return np.tidy(() => {
    const flat = np.ravel(floating(x, 'x'));
    const out = LogicalStore.createUnbound(flat.dtype);
    new AutoTask(library, POSITIVES).addInput(flat.store).addOutput(out).execute();
    return np.fromStore(out);
  });
}

// A TypeScript task: the body sees its pieces and runs numeric operations on them as local
// arrays (np.fromPiece wraps a piece without copying); what it writes into `out` is the result.
const softThresholdTask = defineTask(library, {
  name: 'template.soft_threshold',
  params: { x: { kind: 'input' }, out: { kind: 'output' }, t: { kind: 'scalar', dtype: 'float64' } },
  constraints: [['align', 'x', 'out']],
  body: ({ x, out, t }) => {
    const piece = np.fromPiece(x);
    const result = np.fromPiece(out);
    result.assign(np.multiply(np.sign(piece), np.maximum(np.subtract(np.abs(piece), t as number), 0)));
    // Operations are deferred: the body waits for its writes. The arrays it made are freed when
    // it returns (a body runs in a tidy scope).
    result.store.wait();
  },
});

/**
 * The soft-thresholding (shrinkage) operator of sparse recovery: `sign(x) * max(|x| - t, 0)`.
 *
 * @example
 * softThreshold(np.array([-3, 0.5, 2]), 1); // array([-2., 0., 1.])
 */
export function softThreshold(x: ArrayInput, t: number): np.ndarray {
  if (!(number(t, 't') >= 0)) throw new ArgumentError('t', `expected a non-negative threshold, got ${t}`);
  return np.tidy(() => {
    const xs = floating(x, 'x');
    const out = np.empty(xs.shape, xs.dtype);
    softThresholdTask({ x: xs.store, out: out.store, t });
    return out;
  });
}
