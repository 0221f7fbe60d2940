// NumPy's elementwise functions: type resolution (promotion, NEP 50 scalars, the loops each
// ufunc has), broadcasting, `out=`, and one native launch per call.
import { align, AutoTask, checkOptions, dtype as toDType, DTypeError, LogicalStore, Scalar, ShapeError, type DType } from '@legate/core';

import { checkArity, describeValue } from './arguments.js';
import { library } from './native.js';
import { ndarray, type Element } from './ndarray.js';
import { assign, astype, broadcastShapes, broadcastStore, checkWritable, coerce, filled, integerRange, isPythonInt, operandType, scalarOf, shapeText, type Operand } from './operations.js';
import { canCastSameKind, divisionType, floatType, resultType } from './promotion.js';
import { BinaryOp, Task, UnaryOp } from './tasks.js';
import type { Nested } from './creation.js';
import { arrayFrom } from './inputs.js';
import { nonzero } from './sorting.js';
import { ValueError } from './errors.js';

/** `out`: the array the result is written into (NumPy's `out=`), cast 'same_kind'. */
export interface UfuncOptions {
  out?: ndarray;
}

// A task's operation code, made once per code (Scalars are immutable).
const opScalars: Scalar[] = [];
function opScalar(op: number): Scalar {
  return (opScalars[op] ??= new Scalar(op, 'int32'));
}
const ZERO = new Scalar(0, 'float64');
// Which operand of a binary task a scalar operand is.
const SIDE_SECOND = new Scalar(0, 'int32');
const SIDE_FIRST = new Scalar(1, 'int32');

function isScalar(x: unknown): boolean {
  return ['number', 'bigint', 'boolean'].includes(typeof x) || (typeof x === 'object' && x !== null && !(x instanceof ndarray) && 're' in x && 'im' in x);
}

/**
 * A ufunc's options: an options object whose names are all known, or (as NumPy's positional
 * `out`) the output array itself.
 */
export function ufuncOptions(options: UfuncOptions | ndarray | undefined, name: string): UfuncOptions {
  if (options instanceof ndarray) return { out: options };
  const o = checkOptions(options, ['out'], name);
  if (o.out !== undefined && !(o.out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray, got ${describeValue(o.out)}`);
  return o;
}

function checkOperand(x: unknown, argument: string, ufunc: string): void {
  if (!(x instanceof ndarray) && !isScalar(x)) {
    throw new DTypeError(argument, `${ufunc}: expected an ndarray or a number, got ${x === null ? 'null' : typeof x}`);
  }
}

/** `x` (an array or a scalar) as an array of `t`: a new one unless it already is one. */
export function asArray(x: Operand, t: DType, argument: string): ndarray {
  if (x instanceof ndarray) return x.dtype === t ? x : astype(x, t);
  return filled([], t, coerce(x as Element, t), argument);
}

function sameView(a: LogicalStore, b: LogicalStore): boolean {
  const x = a.transform;
  const y = b.transform;
  const same = (p: readonly number[], q: readonly number[]) => p.length === q.length && p.every((v, i) => v === q[i]);
  return a.sharesStorageWith(b) && same(x.shape, y.shape) && same(x.offset, y.offset) && x.matrix.every((row, s) => same(row, y.matrix[s]!));
}

/**
 * Runs `task` with `inputs` (already of the loop's types, broadcast to `shape`) into a result of
 * type `t`: `out` itself when it has that type and no input overlaps it partially, else a new
 * array (then cast into `out`, as NumPy's buffered loops do).
 */
function launch(task: Task, inputs: readonly ndarray[], shape: readonly number[], t: DType, scalars: readonly Scalar[], name: string, out?: ndarray): ndarray {
  const views = inputs.map((x) => broadcastStore(x.store, shape));
  try {
    return launchViews(task, views, shape, t, scalars, name, out);
  } finally {
    views.forEach((v, i) => v !== inputs[i]!.store && v.dispose());
  }
}

function launchViews(task: Task, views: readonly LogicalStore[], shape: readonly number[], t: DType, scalars: readonly Scalar[], name: string, out?: ndarray): ndarray {
  if (out !== undefined) {
    if (!(out instanceof ndarray)) throw new DTypeError('out', `${name}: expected an ndarray`);
    checkWritable(out, 'out', 'output array is read-only');
    if (!sameShape(out.shape, shape)) {
      throw new ShapeError('out', `${name}: non-broadcastable output operand with shape ${shapeText(out.shape)} doesn't match the broadcast shape ${shapeText(shape)}`);
    }
    if (!canCastSameKind(t, out.dtype)) {
      throw new DTypeError('out', `Cannot cast ufunc '${name}' output from dtype('${t.name}') to dtype('${out.dtype.name}') with casting rule 'same_kind'`);
    }
  }
  const direct = out !== undefined && out.dtype === t && views.every((v) => !v.sharesStorageWith(out.store) || sameView(v, out.store));
  const result = direct ? out : new ndarray(LogicalStore.create(shape, t));
  if (result.size > 0) {
    const launch = new AutoTask(library, task).addOutput(result.store);
    for (const v of views) launch.addInput(v).addConstraint(align(result.store, v));
    for (const s of scalars) launch.addScalar(s);
    launch.execute();
  }
  if (out === undefined || direct) return result;
  assign(out, result);
  result.store.dispose();
  return out;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}

/** How a binary ufunc picks its loop from the operands' common type. */
type BinaryKind =
  | 'arithmetic' // the common type
  | 'integer-from-bool' // the common type; booleans compute in int8 (power, floor_divide, remainder)
  | 'divide' // true division: integers in float64
  | 'float' // floating point only (arctan2, hypot, copysign)
  | 'bitwise' // integers and booleans
  | 'shift' // integers; booleans in int8
  | 'integer' // integers only (gcd, lcm)
  | 'compare' // the common type in, bool out
  | 'logical'; // bool out

const BOOL = toDType('bool');

function binaryTypes(kind: BinaryKind, common: DType, name: string, noComplex: boolean): [DType, DType] {
  const unsupported = () => new DTypeError('x1', `ufunc '${name}' not supported for the input types (${common.name})`);
  if (noComplex && common.isComplex) throw unsupported();
  switch (kind) {
    case 'arithmetic':
      return [common, common];
    case 'integer-from-bool':
      return common.kind === 'b' ? [toDType('int8'), toDType('int8')] : [common, common];
    case 'divide':
      return [divisionType(common), divisionType(common)];
    case 'float':
      if (common.isComplex) throw unsupported();
      return [floatType(common), floatType(common)];
    case 'bitwise':
      if (!(common.isInteger || common.kind === 'b')) throw unsupported();
      return [common, common];
    case 'integer':
      if (!common.isInteger) throw unsupported();
      return [common, common];
    case 'shift':
      if (common.kind === 'b') return [toDType('int8'), toDType('int8')];
      if (!common.isInteger) throw unsupported();
      return [common, common];
    case 'compare':
    case 'logical':
      return [common, BOOL];
  }
}

function binary(op: BinaryOp, name: string, kind: BinaryKind, a: Operand, b: Operand, given: UfuncOptions | ndarray | undefined, noComplex = false): ndarray {
  const options = ufuncOptions(given, name);
  checkOperand(a, 'x1', name);
  checkOperand(b, 'x2', name);
  if (kind === 'logical') {
    a = truthOf(a, 'x1');
    b = truthOf(b, 'x2');
  } else if (kind === 'compare') {
    const exact = outOfRangeComparison(op, a, b);
    // The same answer everywhere: x or true, x and false (through the usual out= checks).
    if (exact !== null) return binary(exact ? BinaryOp.LogicalOr : BinaryOp.LogicalAnd, name, 'logical', a instanceof ndarray ? a : b, exact, given);
  }
  // Float functions of two arrays take the first float loop both cast to safely (NumPy's ff->f
  // for uint16 and int8), not the float type of their promoted integer type.
  const common =
    a instanceof ndarray && b instanceof ndarray
      ? kind === 'float' && !a.dtype.isComplex && !b.dtype.isComplex
        ? resultType(floatType(a.dtype), floatType(b.dtype))
        : resultType(a.dtype, b.dtype)
      : operandType(a, b);
  if (op === BinaryOp.Subtract && common.kind === 'b') {
    throw new DTypeError('x1', 'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.');
  }
  const [t, resultT] = binaryTypes(kind, common, name, noComplex);
  // An array and a scalar: the scalar goes to the task as a value, not as an array.
  if (a instanceof ndarray !== b instanceof ndarray) {
    const first = !(a instanceof ndarray);
    const array = (first ? b : a) as ndarray;
    const operand = scalarOf(coerce((first ? a : b) as Element, t), t, first ? 'x1' : 'x2');
    const x = array.dtype === t ? array : astype(array, t);
    try {
      return launch(Task.Binary, [x], x.shape, resultT, [opScalar(op), operand, first ? SIDE_FIRST : SIDE_SECOND], name, options.out);
    } finally {
      if (x !== array) x.store.dispose();
    }
  }
  const x = asArray(a, t, 'x1');
  let y: ndarray | undefined;
  try {
    y = asArray(b, t, 'x2');
    const shape = broadcastShapes(x.shape, y.shape);
    return launch(Task.Binary, [x, y], shape, resultT, [opScalar(op)], name, options.out);
  } finally {
    if (x !== a) x.store.dispose();
    if (y !== undefined && y !== b) y.store.dispose();
  }
}

/**
 * A logical ufunc's Python scalar as its truth value: NumPy tests the scalar itself, not its
 * value in the array's type (a tiny float is not float32's zero, -1 is no uint8 out of range).
 * Python ints beyond int64 are refused, as NumPy's (C long) are.
 */
function truthOf(x: Operand, argument: string): Operand {
  if (x instanceof ndarray || typeof x === 'boolean') return x;
  if (isPythonInt(x)) {
    const v = BigInt(x);
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new DTypeError(argument, `${describeValue(x)} is not a valid int64: Python int too large to convert to C long`);
    return v !== 0n;
  }
  return typeof x === 'number' ? x !== 0 : x.re !== 0 || x.im !== 0;
}

/**
 * A comparison of an integer array with a Python int beyond its type's range: NumPy 2 compares
 * as if exactly, so every element has the same answer (null: the int is in range).
 */
function outOfRangeComparison(op: BinaryOp, a: Operand, b: Operand): boolean | null {
  const [array, scalar, flipped] = a instanceof ndarray ? [a, b, false] : [b, a, true];
  if (!(array instanceof ndarray) || !array.dtype.isInteger || !isPythonInt(scalar)) return null;
  const [lo, hi] = integerRange(array.dtype);
  const v = BigInt(scalar);
  if (v >= lo && v <= hi) return null;
  // `above`: every element is less than the scalar.
  const above = v > hi;
  switch (op) {
    case BinaryOp.Equal:
      return false;
    case BinaryOp.NotEqual:
      return true;
    case BinaryOp.Less:
    case BinaryOp.LessEqual:
      return above !== flipped;
    case BinaryOp.Greater:
    case BinaryOp.GreaterEqual:
      return above === flipped;
    default:
      return null;
  }
}

/** A binary ufunc: two arrays or scalars, broadcast together, into a new array or `out`. */
/** A binary ufunc: arrays, JavaScript scalars or nested lists of numbers (NumPy's array_like) as operands. */
export type BinaryUfunc = (x1: Operand | Nested, x2: Operand | Nested, options?: UfuncOptions | ndarray) => ndarray;

/**
 * `body` with the operands given as JavaScript lists made arrays (NumPy's array_like), freed
 * after: the ufuncs take `add(a, [1, 2, 3])` as NumPy does.
 */
export function withLists<T>(operands: readonly unknown[], names: readonly string[], fn: string, body: (operands: Operand[]) => T): T {
  if (!operands.some(Array.isArray)) return body(operands as Operand[]);
  const made: ndarray[] = [];
  try {
    return body(
      operands.map((x, i) => {
        if (!Array.isArray(x)) return x as Operand;
        const a = arrayFrom(x, names[i]!, fn);
        made.push(a);
        return a;
      }),
    );
  } finally {
    for (const a of made) a.dispose();
  }
}

const def = (op: BinaryOp, name: string, kind: BinaryKind, noComplex = false): BinaryUfunc =>
  function (x1, x2, options) {
    checkArity(arguments.length, ['x1', 'x2', 'out or options'], name);
    return withLists([x1, x2], ['x1', 'x2'], name, ([a, b]) => binary(op, name, kind, a!, b!, options, noComplex));
  };

/**
 * Elementwise `x1 + x2`, broadcast. NumPy's `np.add`.
 *
 * @example
 * ```ts
 * console.log(np.add(np.array([1, 2, 3]), 10));
 * // array([11, 12, 13])
 * ```
 */
export const add = def(BinaryOp.Add, 'add', 'arithmetic');
/**
 * Elementwise `x1 - x2`, broadcast. NumPy's `np.subtract`.
 *
 * @example
 * ```ts
 * console.log(np.subtract(np.array([[5], [10]]), np.array([1, 2, 3])));
 * // array([[4, 3, 2],
 * //        [9, 8, 7]])
 * ```
 */
export const subtract = def(BinaryOp.Subtract, 'subtract', 'arithmetic');
/**
 * Elementwise `x1 * x2`, broadcast. NumPy's `np.multiply`.
 *
 * @example
 * ```ts
 * console.log(np.multiply(np.array([1.5, 2, -3]), 2));
 * // array([ 3.,  4., -6.])
 * ```
 */
export const multiply = def(BinaryOp.Multiply, 'multiply', 'arithmetic');
/**
 * True division `x1 / x2`: integers divide in float64, as NumPy's `/`. NumPy's `np.divide`.
 *
 * @example
 * ```ts
 * console.log(np.divide(np.array([1, 2, 3]), 2));
 * // array([0.5, 1. , 1.5])
 * ```
 */
export const divide = def(BinaryOp.Divide, 'divide', 'divide');
/**
 * NumPy's `//`: the quotient rounded toward negative infinity; an integer division by zero gives 0. NumPy's `np.floor_divide`.
 *
 * @example
 * ```ts
 * console.log(np.floorDivide(np.array([7, -7, 7]), np.array([2, 2, 0])));
 * // array([ 3, -4,  0])
 * ```
 */
export const floorDivide = def(BinaryOp.FloorDivide, 'floor_divide', 'integer-from-bool', true);
/**
 * NumPy's `%` (Python's modulo): the remainder takes the divisor's sign. NumPy's `np.remainder`.
 *
 * @example
 * ```ts
 * console.log(np.mod(np.array([7, -7, 7]), np.array([3, 3, -3])));
 * // array([ 1,  2, -2])
 * ```
 */
export const mod = def(BinaryOp.Remainder, 'remainder', 'integer-from-bool', true);
/** The same function as {@link mod} (NumPy's `np.remainder`). */
export const remainder = mod;
/**
 * Elementwise `x1 ** x2`; an integer to a negative integer power is an error when read. NumPy's `np.power`.
 *
 * @example
 * ```ts
 * console.log(np.power(np.array([2, 3, 4]), 2));
 * // array([ 4,  9, 16])
 * ```
 */
export const power = def(BinaryOp.Power, 'power', 'integer-from-bool');
/**
 * The larger element; NaN if either is NaN. NumPy's `np.maximum`.
 *
 * @example
 * ```ts
 * console.log(np.maximum(np.array([1, 5, NaN]), np.array([3, 2, 0])));
 * // array([ 3.,  5., nan])
 * ```
 */
export const maximum = def(BinaryOp.Maximum, 'maximum', 'arithmetic');
/**
 * The smaller element; NaN if either is NaN. NumPy's `np.minimum`.
 *
 * @example
 * ```ts
 * console.log(np.minimum(np.array([1, 5, NaN]), np.array([3, 2, 0])));
 * // array([ 1.,  2., nan])
 * ```
 */
export const minimum = def(BinaryOp.Minimum, 'minimum', 'arithmetic');
// clip's two steps: maximum and minimum, but a complex bound holding a NaN is compared as NumPy's
// clip loop does (lexicographically) instead of propagating.
const clipMaximum = def(BinaryOp.ClipMaximum, 'clip', 'arithmetic');
const clipMinimum = def(BinaryOp.ClipMinimum, 'clip', 'arithmetic');
/**
 * The larger element, ignoring NaN. NumPy's `np.fmax`.
 *
 * @example
 * ```ts
 * console.log(np.fmax(np.array([1, 5, NaN]), np.array([3, 2, 0])));
 * // array([3., 5., 0.])
 * ```
 */
export const fmax = def(BinaryOp.Fmax, 'fmax', 'arithmetic');
/**
 * The smaller element, ignoring NaN. NumPy's `np.fmin`.
 *
 * @example
 * ```ts
 * console.log(np.fmin(np.array([1, 5, NaN]), np.array([3, 2, 0])));
 * // array([1., 2., 0.])
 * ```
 */
export const fmin = def(BinaryOp.Fmin, 'fmin', 'arithmetic');
/**
 * The angle of the point (x2, x1) from the x axis, in radians, in the right quadrant. NumPy's `np.arctan2`.
 *
 * @example
 * ```ts
 * console.log(np.arctan2(np.array([1, -1]), np.array([-1, -1])));
 * // array([ 2.35619449, -2.35619449])
 * ```
 */
export const arctan2 = def(BinaryOp.Arctan2, 'arctan2', 'float');
/**
 * Elementwise `sqrt(x1² + x2²)`, without overflow in the squares. NumPy's `np.hypot`.
 *
 * @example
 * ```ts
 * console.log(np.hypot(np.array([3, 5]), np.array([4, 12])));
 * // array([ 5., 13.])
 * ```
 */
export const hypot = def(BinaryOp.Hypot, 'hypot', 'float');
/**
 * `x1`'s magnitude with `x2`'s sign. NumPy's `np.copysign`.
 *
 * @example
 * ```ts
 * console.log(np.copysign(np.array([1, -2, 3]), -1));
 * // array([-1., -2., -3.])
 * ```
 */
export const copysign = def(BinaryOp.Copysign, 'copysign', 'float');
/**
 * Elementwise `x1 & x2` of integers or booleans. NumPy's `np.bitwise_and`.
 *
 * @example
 * ```ts
 * console.log(np.bitwiseAnd(np.array([12, 10]), 6));
 * // array([4, 2])
 * ```
 */
export const bitwiseAnd = def(BinaryOp.BitwiseAnd, 'bitwise_and', 'bitwise');
/**
 * Elementwise `x1 | x2` of integers or booleans. NumPy's `np.bitwise_or`.
 *
 * @example
 * ```ts
 * console.log(np.bitwiseOr(np.array([12, 10]), 6));
 * // array([14, 14])
 * ```
 */
export const bitwiseOr = def(BinaryOp.BitwiseOr, 'bitwise_or', 'bitwise');
/**
 * Elementwise `x1 ^ x2` of integers or booleans. NumPy's `np.bitwise_xor`.
 *
 * @example
 * ```ts
 * console.log(np.bitwiseXor(np.array([12, 10]), 6));
 * // array([10, 12])
 * ```
 */
export const bitwiseXor = def(BinaryOp.BitwiseXor, 'bitwise_xor', 'bitwise');
/**
 * Elementwise `x1 << x2` of integers. NumPy's `np.left_shift`.
 *
 * @example
 * ```ts
 * console.log(np.leftShift(np.array([1, 3]), 4));
 * // array([16, 48])
 * ```
 */
export const leftShift = def(BinaryOp.LeftShift, 'left_shift', 'shift');
/**
 * Elementwise `x1 >> x2` of integers (arithmetic for signed types). NumPy's `np.right_shift`.
 *
 * @example
 * ```ts
 * console.log(np.rightShift(np.array([64, -64]), 3));
 * // array([ 8, -8])
 * ```
 */
export const rightShift = def(BinaryOp.RightShift, 'right_shift', 'shift');
/**
 * Elementwise `x1 == x2`, as booleans. NumPy's `np.equal`.
 *
 * @example
 * ```ts
 * console.log(np.equal(np.array([1, 2, 3]), np.array([1, 0, 3])));
 * // array([ True, False,  True])
 * ```
 */
export const equal = def(BinaryOp.Equal, 'equal', 'compare');
/**
 * Elementwise `x1 != x2`, as booleans. NumPy's `np.not_equal`.
 *
 * @example
 * ```ts
 * console.log(np.notEqual(np.array([1, 2, 3]), 2));
 * // array([ True, False,  True])
 * ```
 */
export const notEqual = def(BinaryOp.NotEqual, 'not_equal', 'compare');
/**
 * Elementwise `x1 < x2`, as booleans. NumPy's `np.less`.
 *
 * @example
 * ```ts
 * console.log(np.less(np.array([1, 2, 3]), 2));
 * // array([ True, False, False])
 * ```
 */
export const less = def(BinaryOp.Less, 'less', 'compare');
/**
 * Elementwise `x1 <= x2`, as booleans. NumPy's `np.less_equal`.
 *
 * @example
 * ```ts
 * console.log(np.lessEqual(np.array([1, 2, 3]), 2));
 * // array([ True,  True, False])
 * ```
 */
export const lessEqual = def(BinaryOp.LessEqual, 'less_equal', 'compare');
/**
 * Elementwise `x1 > x2`, as booleans. NumPy's `np.greater`.
 *
 * @example
 * ```ts
 * console.log(np.greater(np.array([1, 2, 3]), 2));
 * // array([False, False,  True])
 * ```
 */
export const greater = def(BinaryOp.Greater, 'greater', 'compare');
/**
 * Elementwise `x1 >= x2`, as booleans. NumPy's `np.greater_equal`.
 *
 * @example
 * ```ts
 * console.log(np.greaterEqual(np.array([1, 2, 3]), 2));
 * // array([False,  True,  True])
 * ```
 */
export const greaterEqual = def(BinaryOp.GreaterEqual, 'greater_equal', 'compare');
/**
 * Elementwise truth of `x1 and x2`. NumPy's `np.logical_and`.
 *
 * @example
 * ```ts
 * console.log(np.logicalAnd(np.array([true, true, false]), np.array([true, false, false])));
 * // array([ True, False, False])
 * ```
 */
export const logicalAnd = def(BinaryOp.LogicalAnd, 'logical_and', 'logical');
/**
 * Elementwise truth of `x1 or x2`. NumPy's `np.logical_or`.
 *
 * @example
 * ```ts
 * console.log(np.logicalOr(np.array([true, true, false]), np.array([true, false, false])));
 * // array([ True,  True, False])
 * ```
 */
export const logicalOr = def(BinaryOp.LogicalOr, 'logical_or', 'logical');
/**
 * Elementwise truth of `x1 xor x2`. NumPy's `np.logical_xor`.
 *
 * @example
 * ```ts
 * console.log(np.logicalXor(np.array([true, true, false]), np.array([true, false, false])));
 * // array([False,  True, False])
 * ```
 */
export const logicalXor = def(BinaryOp.LogicalXor, 'logical_xor', 'logical');
/**
 * Elementwise remainder of C's `fmod`: the sign of `x1` (unlike {@link remainder}, which takes
 * `x2`'s). An integer divided by 0 gives 0. NumPy's `np.fmod`.
 *
 * @example
 * ```ts
 * console.log(np.fmod(np.array([-7, 7, -7]), np.array([3, -3, 0])));
 * // array([-1,  1,  0])
 * ```
 */
export const fmod = def(BinaryOp.Fmod, 'fmod', 'integer-from-bool', true);
/**
 * Elementwise greatest common divisor of `|x1|` and `|x2|`, integers only. NumPy's `np.gcd`.
 *
 * @example
 * ```ts
 * console.log(np.gcd(np.array([12, -18, 0]), 8));
 * // array([4, 2, 8])
 * ```
 */
export const gcd = def(BinaryOp.Gcd, 'gcd', 'integer');
/**
 * Elementwise least common multiple of `|x1|` and `|x2|`, integers only (0 when either is 0).
 * NumPy's `np.lcm`.
 *
 * @example
 * ```ts
 * console.log(np.lcm(np.array([4, -6, 0]), 10));
 * // array([20, 30,  0])
 * ```
 */
export const lcm = def(BinaryOp.Lcm, 'lcm', 'integer');
/**
 * Elementwise the next floating-point value after `x1` towards `x2`. NumPy's `np.nextafter`.
 *
 * @example
 * ```ts
 * console.log(np.subtract(np.nextafter(1, 2), 1));
 * // array(2.22044605e-16)
 * ```
 */
export const nextafter = def(BinaryOp.Nextafter, 'nextafter', 'float');

/**
 * Elementwise `x1 * 2**x2` (NumPy's `np.ldexp`): `x1` in floating point, the exponents `x2`
 * integers (booleans too); the result has `x1`'s float type.
 *
 * @example
 * ```ts
 * console.log(np.ldexp(np.array([1, 0.75, -3]), np.array([3, -2, 1])));
 * // array([ 8.    ,  0.1875, -6.    ])
 * ```
 */
export function ldexp(x1: Operand | Nested, x2: Operand | Nested, options?: UfuncOptions | ndarray): ndarray {
  checkArity(arguments.length, ['x1', 'x2', 'out or options'], 'ldexp');
  return withLists([x1, x2], ['x1', 'x2'], 'ldexp', ([a, b]) => {
    checkOperand(a, 'x1', 'ldexp');
    checkOperand(b, 'x2', 'ldexp');
    const from = a instanceof ndarray ? a.dtype : operandType(false, a!);
    const exponent = b instanceof ndarray ? b.dtype : isPythonInt(b) || typeof b === 'boolean' ? null : operandType(false, b!);
    if (from.isComplex || (exponent !== null && !exponent.isInteger && exponent.kind !== 'b')) {
      throw new DTypeError(from.isComplex ? 'x1' : 'x2', `ufunc 'ldexp' not supported for the input types (${from.name}, ${exponent?.name ?? 'int64'})`);
    }
    // A Python float as x1 is float64; a Python int or bool takes NumPy's first loop (float16,
    // here float32). The exponents are held in x1's float type.
    const t = a instanceof ndarray ? floatType(from) : from.kind === 'f' ? from : toDType('float32');
    const x = asArray(a!, t, 'x1');
    let y: Operand | undefined;
    try {
      y = b instanceof ndarray ? asArray(b, t, 'x2') : typeof b === 'boolean' ? Number(b) : b!;
      return binary(BinaryOp.Ldexp, 'ldexp', 'arithmetic', x, y, options);
    } finally {
      if (x !== a) x.store.dispose();
      if (y instanceof ndarray && y !== b) y.store.dispose();
    }
  });
}

/** How a unary ufunc picks its loop from the operand's type. */
type UnaryKind =
  | 'same' // the operand's type
  | 'integer-from-bool' // the operand's type; booleans compute in int8 (square, reciprocal)
  | 'numeric' // the operand's type; booleans have no loop (negative, positive, sign)
  | 'integer' // integers and booleans only (invert)
  | 'real' // the operand's type; complex has no loop (floor, ceil, trunc)
  | 'float' // floating point: integers in float (sqrt, exp, ...)
  | 'real-float' // floating point, complex has no loop (cbrt, rint)
  | 'predicate' // bool out
  | 'real-predicate' // bool out; complex has no loop (signbit)
  | 'component' // complex gives its real component type (absolute, real, imag, angle)
  | 'exponent' // floating point, complex has no loop; int32 out (frexp's exponent)
  | 'popcount'; // integers (booleans in int8); uint8 out (bitwise_count)

function unaryTypes(kind: UnaryKind, from: DType, name: string): [DType, DType] {
  const unsupported = () => new DTypeError('x', `ufunc '${name}' not supported for the input type ${from.name}`);
  switch (kind) {
    case 'same':
      return [from, from];
    case 'integer-from-bool':
      return from.kind === 'b' ? [toDType('int8'), toDType('int8')] : [from, from];
    case 'numeric':
      if (from.kind === 'b') throw unsupported();
      return [from, from];
    case 'integer':
      if (!(from.isInteger || from.kind === 'b')) throw unsupported();
      return [from, from];
    case 'real':
      if (from.isComplex) throw unsupported();
      return [from, from];
    case 'float':
      return [floatType(from), floatType(from)];
    case 'real-float':
      if (from.isComplex) throw unsupported();
      return [floatType(from), floatType(from)];
    case 'predicate':
      return [from, BOOL];
    case 'real-predicate':
      if (from.isComplex) throw unsupported();
      return [from, BOOL];
    case 'component':
      if (from.isComplex) return [from, toDType(from.itemsize === 8 ? 'float32' : 'float64')];
      return [from, from];
    case 'exponent':
      if (from.isComplex) throw unsupported();
      return [floatType(from), toDType('int32')];
    case 'popcount':
      if (from.kind === 'b') return [toDType('int8'), toDType('uint8')];
      if (!from.isInteger) throw unsupported();
      return [from, toDType('uint8')];
  }
}

function scalarArray(x: Operand, name: string): ndarray {
  checkOperand(x, 'x', name);
  if (x instanceof ndarray) return x;
  const t = operandType(false, x);
  return filled([], t, coerce(x as Element, t), 'x');
}

function unary(op: UnaryOp, name: string, kind: UnaryKind, a: Operand, given: UfuncOptions | ndarray | undefined, parameter = 0): ndarray {
  const options = ufuncOptions(given, name);
  const input = scalarArray(a, name);
  let [t, resultT] = unaryTypes(kind, input.dtype, name);
  if (op === UnaryOp.Angle && !input.dtype.isComplex) {
    // NumPy's angle of booleans is float64, of other reals arctan2(0, x)'s type.
    const f = input.dtype.kind === 'b' ? toDType('float64') : floatType(input.dtype);
    [t, resultT] = [f, f];
  }
  const x = input.dtype === t ? input : astype(input, t);
  try {
    return launch(Task.Unary, [x], x.shape, resultT, [opScalar(op), Object.is(parameter, 0) ? ZERO : new Scalar(parameter, 'float64')], name, options.out);
  } finally {
    if (x !== a) x.store.dispose();
    if (input !== a && input !== x) input.store.dispose();
  }
}

/** A unary ufunc: an array or scalar, into a new array or `out`. */
/** A unary ufunc: an array, a JavaScript scalar or nested lists of numbers as the operand. */
export type UnaryUfunc = (x: Operand | Nested, options?: UfuncOptions | ndarray) => ndarray;
const def1 = (op: UnaryOp, name: string, kind: UnaryKind): UnaryUfunc =>
  function (x, options) {
    checkArity(arguments.length, ['x', 'out or options'], name);
    return withLists([x], ['x'], name, ([a]) => unary(op, name, kind, a!, options));
  };

/**
 * Elementwise the distance from `x` to the next floating-point value away from zero (negative
 * for negative `x`; NaN for infinities and NaN). NumPy's `np.spacing`.
 *
 * @example
 * ```ts
 * console.log(np.spacing(np.array([1, -1, 1e10])));
 * // array([ 2.22044605e-16, -2.22044605e-16,  1.90734863e-06])
 * ```
 */
export const spacing = def1(UnaryOp.Spacing, 'spacing', 'real-float');
/**
 * Elementwise the number of 1 bits in `|x|`, as uint8. NumPy's `np.bitwise_count`.
 *
 * @example
 * ```ts
 * console.log(np.bitwiseCount(np.array([0, 7, -1, 1023])));
 * // array([ 0,  3,  1, 10], dtype=uint8)
 * ```
 */
export const bitwiseCount = def1(UnaryOp.BitwiseCount, 'bitwise_count', 'popcount');

/** {@link frexp}'s options: NumPy's `out` pair (mantissas, exponents). */
export interface FrexpOptions {
  out?: readonly [ndarray, ndarray];
}

/**
 * Each `x` split into a mantissa in [0.5, 1) (signed) and an int32 exponent with
 * `x = mantissa * 2**exponent` (NumPy's `np.frexp`); zeros, infinities and NaN keep their value
 * with exponent 0.
 *
 * @example
 * ```ts
 * const [m, e] = np.frexp(np.array([8, -3, 0.1]));
 * console.log(m, e);
 * // array([ 0.5 , -0.75,  0.8 ]) array([ 4,  2, -3], dtype=int32)
 * ```
 */
export function frexp(x: Operand | Nested, options: FrexpOptions = {}): [ndarray, ndarray] {
  checkArity(arguments.length, ['x', 'options'], 'frexp');
  const { out } = checkOptions(options, ['out'], 'frexp');
  if (out !== undefined && (!Array.isArray(out) || out.length !== 2 || !out.every((o) => o instanceof ndarray))) {
    throw new DTypeError('out', 'frexp: expected a pair of ndarrays');
  }
  return withLists([x], ['x'], 'frexp', ([a]) => {
    const input = scalarArray(a!, 'frexp');
    try {
      const [t, exponentT] = unaryTypes('exponent', input.dtype, 'frexp');
      // Both outputs are checked before either is written.
      const o = out as readonly [ndarray, ndarray] | undefined;
      if (o !== undefined) {
        if (!canCastSameKind(t, o[0].dtype)) throw new DTypeError('out', `Cannot cast ufunc 'frexp' output from dtype('${t.name}') to dtype('${o[0].dtype.name}') with casting rule 'same_kind'`);
        if (!canCastSameKind(exponentT, o[1].dtype)) throw new DTypeError('out', `Cannot cast ufunc 'frexp' output from dtype('${exponentT.name}') to dtype('${o[1].dtype.name}') with casting rule 'same_kind'`);
        for (const each of o) {
          if (!sameShape(each.shape, input.shape)) throw new ShapeError('out', `frexp: non-broadcastable output operand with shape ${shapeText(each.shape)} doesn't match the broadcast shape ${shapeText(input.shape)}`);
        }
      }
      const mantissa = unary(UnaryOp.FrexpMantissa, 'frexp', 'real-float', input, o?.[0]);
      const exponent = unary(UnaryOp.FrexpExponent, 'frexp', 'exponent', input, o?.[1]);
      return [mantissa, exponent] as [ndarray, ndarray];
    } finally {
      if (input !== a) input.store.dispose();
    }
  });
}

/**
 * Elementwise `-x`. NumPy's `np.negative`.
 *
 * @example
 * ```ts
 * console.log(np.negative(np.array([1, -2, 3])));
 * // array([-1,  2, -3])
 * ```
 */
export const negative = def1(UnaryOp.Negative, 'negative', 'numeric');
/**
 * Elementwise `+x` (a copy). NumPy's `np.positive`.
 *
 * @example
 * ```ts
 * console.log(np.positive(np.array([1, -2, 3])));
 * // array([ 1, -2,  3])
 * ```
 */
export const positive = def1(UnaryOp.Positive, 'positive', 'numeric');
/**
 * Elementwise `|x|` (the modulus of complex values, as a real array). NumPy's `np.absolute`.
 *
 * @example
 * ```ts
 * console.log(np.absolute(np.array([-1.5, 0, 2])));
 * // array([1.5, 0. , 2. ])
 * ```
 */
export const absolute = def1(UnaryOp.Absolute, 'absolute', 'component');
/** The same function as {@link absolute} (NumPy's `np.abs`). */
export const abs = absolute;
/**
 * Elementwise -1, 0 or 1 by the sign of `x` (NaN stays NaN). NumPy's `np.sign`.
 *
 * @example
 * ```ts
 * console.log(np.sign(np.array([-3, 0, 7])));
 * // array([-1,  0,  1])
 * ```
 */
export const sign = def1(UnaryOp.Sign, 'sign', 'numeric');
/**
 * Elementwise square root (NaN below zero for real types). NumPy's `np.sqrt`.
 *
 * @example
 * ```ts
 * console.log(np.sqrt(np.array([1, 4, 9, 2])));
 * // array([1.        , 2.        , 3.        , 1.41421356])
 * ```
 */
export const sqrt = def1(UnaryOp.Sqrt, 'sqrt', 'float');
/**
 * Elementwise cube root, negative for negative values. NumPy's `np.cbrt`.
 *
 * @example
 * ```ts
 * console.log(np.cbrt(np.array([-8, 27])));
 * // array([-2.,  3.])
 * ```
 */
export const cbrt = def1(UnaryOp.Cbrt, 'cbrt', 'real-float');
/**
 * Elementwise `x * x`. NumPy's `np.square`.
 *
 * @example
 * ```ts
 * console.log(np.square(np.array([1, -2, 3])));
 * // array([1, 4, 9])
 * ```
 */
export const square = def1(UnaryOp.Square, 'square', 'integer-from-bool');
/**
 * Elementwise `1 / x` (in the array's type: integers truncate). NumPy's `np.reciprocal`.
 *
 * @example
 * ```ts
 * console.log(np.reciprocal(np.array([1, 2, 4], 'float64')));
 * // array([1.  , 0.5 , 0.25])
 * ```
 */
export const reciprocal = def1(UnaryOp.Reciprocal, 'reciprocal', 'integer-from-bool');
/**
 * Elementwise e to the power `x`. NumPy's `np.exp`.
 *
 * @example
 * ```ts
 * console.log(np.exp(np.array([0, 1, 2])));
 * // array([1.        , 2.71828183, 7.3890561 ])
 * ```
 */
export const exp = def1(UnaryOp.Exp, 'exp', 'float');
/**
 * Elementwise 2 to the power `x`. NumPy's `np.exp2`.
 *
 * @example
 * ```ts
 * console.log(np.exp2(np.array([0, 1, 10])));
 * // array([1.000e+00, 2.000e+00, 1.024e+03])
 * ```
 */
export const exp2 = def1(UnaryOp.Exp2, 'exp2', 'float');
/**
 * Elementwise `exp(x) - 1`, exact for small `x`. NumPy's `np.expm1`.
 *
 * @example
 * ```ts
 * console.log(np.expm1(np.array([1e-10, 1])));
 * // array([1.00000000e-10, 1.71828183e+00])
 * ```
 */
export const expm1 = def1(UnaryOp.Expm1, 'expm1', 'float');
/**
 * Elementwise natural logarithm. NumPy's `np.log`.
 *
 * @example
 * ```ts
 * console.log(np.log(np.array([1, Math.E, 10])));
 * // array([0.        , 1.        , 2.30258509])
 * ```
 */
export const log = def1(UnaryOp.Log, 'log', 'float');
/**
 * Elementwise base-2 logarithm. NumPy's `np.log2`.
 *
 * @example
 * ```ts
 * console.log(np.log2(np.array([1, 8, 1024])));
 * // array([ 0.,  3., 10.])
 * ```
 */
export const log2 = def1(UnaryOp.Log2, 'log2', 'float');
/**
 * Elementwise base-10 logarithm. NumPy's `np.log10`.
 *
 * @example
 * ```ts
 * console.log(np.log10(np.array([1, 1000, 0.01])));
 * // array([ 0.,  3., -2.])
 * ```
 */
export const log10 = def1(UnaryOp.Log10, 'log10', 'float');
/**
 * Elementwise `log(1 + x)`, exact for small `x`. NumPy's `np.log1p`.
 *
 * @example
 * ```ts
 * console.log(np.log1p(np.array([1e-10, 1])));
 * // array([1.00000000e-10, 6.93147181e-01])
 * ```
 */
export const log1p = def1(UnaryOp.Log1p, 'log1p', 'float');
/**
 * Elementwise sine (radians). NumPy's `np.sin`.
 *
 * @example
 * ```ts
 * console.log(np.sin(np.array([0, Math.PI / 6, Math.PI / 2])));
 * // array([0. , 0.5, 1. ])
 * ```
 */
export const sin = def1(UnaryOp.Sin, 'sin', 'float');
/**
 * Elementwise cosine (radians). NumPy's `np.cos`.
 *
 * @example
 * ```ts
 * console.log(np.cos(np.array([0, Math.PI / 3, Math.PI])));
 * // array([ 1. ,  0.5, -1. ])
 * ```
 */
export const cos = def1(UnaryOp.Cos, 'cos', 'float');
/**
 * Elementwise tangent (radians). NumPy's `np.tan`.
 *
 * @example
 * ```ts
 * console.log(np.tan(np.array([0, Math.PI / 4])));
 * // array([0., 1.])
 * ```
 */
export const tan = def1(UnaryOp.Tan, 'tan', 'float');
/**
 * Elementwise inverse sine, in radians. NumPy's `np.arcsin`.
 *
 * @example
 * ```ts
 * console.log(np.arcsin(np.array([0, 0.5, 1])));
 * // array([0.        , 0.52359878, 1.57079633])
 * ```
 */
export const arcsin = def1(UnaryOp.Arcsin, 'arcsin', 'float');
/**
 * Elementwise inverse cosine, in radians. NumPy's `np.arccos`.
 *
 * @example
 * ```ts
 * console.log(np.arccos(np.array([1, 0.5, -1])));
 * // array([0.        , 1.04719755, 3.14159265])
 * ```
 */
export const arccos = def1(UnaryOp.Arccos, 'arccos', 'float');
/**
 * Elementwise inverse tangent, in radians. NumPy's `np.arctan`.
 *
 * @example
 * ```ts
 * console.log(np.arctan(np.array([0, 1, -1])));
 * // array([ 0.        ,  0.78539816, -0.78539816])
 * ```
 */
export const arctan = def1(UnaryOp.Arctan, 'arctan', 'float');
/**
 * Elementwise hyperbolic sine. NumPy's `np.sinh`.
 *
 * @example
 * ```ts
 * console.log(np.sinh(np.array([0, 1])));
 * // array([0.        , 1.17520119])
 * ```
 */
export const sinh = def1(UnaryOp.Sinh, 'sinh', 'float');
/**
 * Elementwise hyperbolic cosine. NumPy's `np.cosh`.
 *
 * @example
 * ```ts
 * console.log(np.cosh(np.array([0, 1])));
 * // array([1.        , 1.54308063])
 * ```
 */
export const cosh = def1(UnaryOp.Cosh, 'cosh', 'float');
/**
 * Elementwise hyperbolic tangent. NumPy's `np.tanh`.
 *
 * @example
 * ```ts
 * console.log(np.tanh(np.array([0, 1, -20])));
 * // array([ 0.        ,  0.76159416, -1.        ])
 * ```
 */
export const tanh = def1(UnaryOp.Tanh, 'tanh', 'float');
/**
 * Elementwise inverse hyperbolic sine. NumPy's `np.arcsinh`.
 *
 * @example
 * ```ts
 * console.log(np.arcsinh(np.array([0, 1])));
 * // array([0.        , 0.88137359])
 * ```
 */
export const arcsinh = def1(UnaryOp.Arcsinh, 'arcsinh', 'float');
/**
 * Elementwise inverse hyperbolic cosine (NaN below 1). NumPy's `np.arccosh`.
 *
 * @example
 * ```ts
 * console.log(np.arccosh(np.array([1, 2])));
 * // array([0.       , 1.3169579])
 * ```
 */
export const arccosh = def1(UnaryOp.Arccosh, 'arccosh', 'float');
/**
 * Elementwise inverse hyperbolic tangent (±inf at ±1). NumPy's `np.arctanh`.
 *
 * @example
 * ```ts
 * console.log(np.arctanh(np.array([0, 0.5])));
 * // array([0.        , 0.54930614])
 * ```
 */
export const arctanh = def1(UnaryOp.Arctanh, 'arctanh', 'float');
/**
 * Elementwise the largest integer not above `x`. NumPy's `np.floor`.
 *
 * @example
 * ```ts
 * console.log(np.floor(np.array([-2.5, -0.5, 0.5, 1.5])));
 * // array([-3., -1.,  0.,  1.])
 * ```
 */
export const floor = def1(UnaryOp.Floor, 'floor', 'real');
/**
 * Elementwise the smallest integer not below `x`. NumPy's `np.ceil`.
 *
 * @example
 * ```ts
 * console.log(np.ceil(np.array([-2.5, -0.5, 0.5, 1.5])));
 * // array([-2., -0.,  1.,  2.])
 * ```
 */
export const ceil = def1(UnaryOp.Ceil, 'ceil', 'real');
/**
 * Elementwise `x` rounded toward zero. NumPy's `np.trunc`.
 *
 * @example
 * ```ts
 * console.log(np.trunc(np.array([-2.5, -0.5, 0.5, 1.5])));
 * // array([-2., -0.,  0.,  1.])
 * ```
 */
export const trunc = def1(UnaryOp.Trunc, 'trunc', 'real');
/**
 * Elementwise `x` rounded to the nearest integer, halves to even. NumPy's `np.rint`.
 *
 * @example
 * ```ts
 * console.log(np.rint(np.array([-2.5, -0.5, 0.5, 1.5])));
 * // array([-2., -0.,  0.,  2.])
 * ```
 */
export const rint = def1(UnaryOp.Rint, 'rint', 'float');
/**
 * Elementwise whether `x` is NaN. NumPy's `np.isnan`.
 *
 * @example
 * ```ts
 * console.log(np.isnan(np.array([1, NaN, Infinity])));
 * // array([False,  True, False])
 * ```
 */
export const isnan = def1(UnaryOp.Isnan, 'isnan', 'predicate');
/**
 * Elementwise whether `x` is +inf or -inf. NumPy's `np.isinf`.
 *
 * @example
 * ```ts
 * console.log(np.isinf(np.array([1, NaN, -Infinity])));
 * // array([False, False,  True])
 * ```
 */
export const isinf = def1(UnaryOp.Isinf, 'isinf', 'predicate');
/**
 * Elementwise whether `x` is neither infinite nor NaN. NumPy's `np.isfinite`.
 *
 * @example
 * ```ts
 * console.log(np.isfinite(np.array([1, NaN, Infinity])));
 * // array([ True, False, False])
 * ```
 */
export const isfinite = def1(UnaryOp.Isfinite, 'isfinite', 'predicate');
/**
 * Elementwise whether the sign bit is set (true for -0.0). NumPy's `np.signbit`.
 *
 * @example
 * ```ts
 * console.log(np.signbit(np.array([-1.5, 0, -0, 2])));
 * // array([ True, False,  True, False])
 * ```
 */
export const signbit = def1(UnaryOp.Signbit, 'signbit', 'real-predicate');
/**
 * Elementwise truth of `not x`. NumPy's `np.logical_not`.
 *
 * @example
 * ```ts
 * console.log(np.logicalNot(np.array([0, 1, 2])));
 * // array([ True, False, False])
 * ```
 */
export const logicalNot = def1(UnaryOp.LogicalNot, 'logical_not', 'predicate');
/**
 * Elementwise bitwise NOT `~x` (logical NOT for booleans). NumPy's `np.invert`.
 *
 * @example
 * ```ts
 * console.log(np.invert(np.array([0, 5, -1])));
 * // array([-1, -6,  0])
 * ```
 */
export const invert = def1(UnaryOp.Invert, 'invert', 'integer');
/** The same function as {@link invert} (NumPy's `np.bitwise_not`). */
export const bitwiseNot = invert;
/**
 * The real parts of complex values (a view); real arrays are returned as they are. NumPy's `np.real`.
 *
 * @example
 * ```ts
 * console.log(np.real(np.array([{ re: 1, im: 2 }, { re: -3, im: 0.5 }])));
 * // array([ 1., -3.])
 * ```
 */
export const real = def1(UnaryOp.Real, 'real', 'component');
/**
 * The imaginary parts of complex values (a view); zeros for real arrays. NumPy's `np.imag`.
 *
 * @example
 * ```ts
 * console.log(np.imag(np.array([{ re: 1, im: 2 }, { re: -3, im: 0.5 }])));
 * // array([2. , 0.5])
 * ```
 */
export const imag = def1(UnaryOp.Imag, 'imag', 'component');
/**
 * Elementwise complex conjugate (real arrays unchanged). NumPy's `np.conj`.
 *
 * @example
 * ```ts
 * console.log(np.conj(np.array([{ re: 1, im: 2 }, { re: -3, im: -0.5 }])));
 * // array([ 1.-2.j , -3.+0.5j])
 * ```
 */
export const conj = def1(UnaryOp.Conj, 'conjugate', 'integer-from-bool');
/** The same function as {@link conj} (NumPy's `np.conjugate`). */
export const conjugate = conj;
/**
 * The argument of complex values, in radians (`deg: true` in degrees). NumPy's `np.angle`.
 *
 * @example
 * ```ts
 * console.log(np.angle(np.array([{ re: 1, im: 1 }, { re: -1, im: 0 }])));
 * // array([0.78539816, 3.14159265])
 * ```
 */
export const angle = def1(UnaryOp.Angle, 'angle', 'component');

/**
 * Elementwise rounding to `decimals` places (negative: tens, hundreds, ...), halves to even. NumPy's `np.round`.
 *
 * @example
 * ```ts
 * console.log(np.round(np.array([0.125, 2.5, 3.14159]), 2));
 * // array([0.12, 2.5 , 3.14])
 * ```
 */
export function round(x: Operand, decimals = 0, options?: UfuncOptions | ndarray): ndarray {
  checkArity(arguments.length, ['a', 'decimals', 'out or options'], 'round');
  if (!Number.isSafeInteger(decimals)) throw new DTypeError('decimals', `expected an integer, got ${describeValue(decimals)}`);
  // NumPy rounds booleans in floating point.
  return unary(UnaryOp.Round, 'round', x instanceof ndarray && x.dtype.kind === 'b' ? 'float' : 'same', x, options, decimals);
}
/** The same function as {@link round} (NumPy's `np.around`). */
export const around = round;

/**
 * Elements of `x` where `condition` holds, of `y` elsewhere; the three broadcast together and
 * `x` and `y` promote to a common type. With the condition alone, `nonzero(condition)` (the
 * indices of its true elements, one array per dimension), as NumPy's.
 *
 * NumPy's `np.where`.
 *
 * @example
 * ```ts
 * console.log(np.where(np.greater(np.array([1, 5, 2]), 2), 1, -1));
 * // array([-1,  1, -1])
 * ```
 */
export function where(condition: Operand | Nested): ndarray[];
export function where(condition: Operand | Nested, x: Operand | Nested, y: Operand | Nested): ndarray;
export function where(condition: Operand | Nested, x?: Operand | Nested, y?: Operand | Nested): ndarray | ndarray[] {
  checkArity(arguments.length, ['condition', 'x', 'y'], 'where');
  if (arguments.length === 1) {
    const c = condition instanceof ndarray ? condition : arrayFrom(condition, 'condition', 'where');
    try {
      return nonzero(c.ndim === 0 ? c.reshape(1) : c);
    } finally {
      if (c !== condition) c.dispose();
    }
  }
  if (arguments.length < 3) throw new ValueError('y', 'where: either both or neither of x and y should be given');
  return withLists([condition, x, y], ['condition', 'x', 'y'], 'where', ([c, a, b]) => whereOf(c!, a!, b!));
}

function whereOf(condition: Operand, x: Operand, y: Operand): ndarray {
  checkOperand(condition, 'condition', 'where');
  checkOperand(x, 'x', 'where');
  checkOperand(y, 'y', 'where');
  const t = x instanceof ndarray && y instanceof ndarray ? resultType(x.dtype, y.dtype) : operandType(x, y);
  const made: [ndarray, Operand][] = [];
  try {
    const c = asArray(condition, BOOL, 'condition');
    made.push([c, condition]);
    const a = asArray(castPythonInt(x, t), t, 'x');
    made.push([a, x]);
    const b = asArray(castPythonInt(y, t), t, 'y');
    made.push([b, y]);
    const shape = broadcastShapes(c.shape, a.shape, b.shape);
    return launch(Task.Where, [c, a, b], shape, t, [], 'where');
  } finally {
    for (const [array, given] of made) if (array !== given) array.store.dispose();
  }
}

/**
 * `where`'s Python ints into an integer result type: cast as NumPy casts them (an int64, or a
 * uint64 above that), wrapping around: `where(c, uint8s, -1)` gives 255. Beyond both, refused.
 */
function castPythonInt(x: Operand, t: DType): Operand {
  if (!t.isInteger || !isPythonInt(x)) return x;
  const v = BigInt(x);
  if (v < -(2n ** 63n) || v >= 2n ** 64n) return x;
  return t.kind === 'u' ? BigInt.asUintN(t.itemsize * 8, v) : BigInt.asIntN(t.itemsize * 8, v);
}

/**
 * Limits the values to [min, max] (either may be `null`): `minimum(maximum(a, min), max)`,
 * promoting the three as NumPy does.
 *
 * NumPy's `np.clip`.
 *
 * @example
 * ```ts
 * console.log(np.clip(np.array([-3, 0.5, 7]), 0, 1));
 * // array([0. , 0.5, 1. ])
 * ```
 */
export function clip(a: Operand, min: Operand | null, max: Operand | null, given?: UfuncOptions | ndarray): ndarray {
  checkArity(arguments.length, ['a', 'a_min', 'a_max', 'out or options'], 'clip');
  const options = ufuncOptions(given, 'clip');
  // As NumPy's: a Python int bound beyond an integer array's range clips nothing, so it is dropped.
  if (a instanceof ndarray && a.dtype.isInteger && (min !== null || max !== null)) {
    const [lo, hi] = integerRange(a.dtype);
    if (isPythonInt(min) && BigInt(min) <= lo) min = null;
    if (isPythonInt(max) && BigInt(max) >= hi) max = null;
    if (min === null && max === null) return positive(a, options);
  }
  // NumPy 2.1+: neither bound is a copy (into `out` when given).
  if (min === null && max === null) return positive(a, options);
  if (min === null) return minimum(a, max!, options);
  if (max === null) return maximum(a, min, options);
  const low = clipMaximum(a, min);
  try {
    return clipMinimum(low, max, options);
  } finally {
    if (low !== options.out) low.store.dispose();
  }
}
