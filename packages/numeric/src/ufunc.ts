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

export const add = def(BinaryOp.Add, 'add', 'arithmetic');
export const subtract = def(BinaryOp.Subtract, 'subtract', 'arithmetic');
export const multiply = def(BinaryOp.Multiply, 'multiply', 'arithmetic');
/** True division: integers divide in float64, as NumPy's `/`. */
export const divide = def(BinaryOp.Divide, 'divide', 'divide');
/** NumPy's `//`: rounds toward negative infinity; an integer division by zero gives 0. */
export const floorDivide = def(BinaryOp.FloorDivide, 'floor_divide', 'integer-from-bool', true);
/** NumPy's `%` (Python's modulo): the remainder takes the divisor's sign. */
export const mod = def(BinaryOp.Remainder, 'remainder', 'integer-from-bool', true);
export const remainder = mod;
export const power = def(BinaryOp.Power, 'power', 'integer-from-bool');
/** The larger element; NaN if either is NaN. */
export const maximum = def(BinaryOp.Maximum, 'maximum', 'arithmetic');
/** The smaller element; NaN if either is NaN. */
export const minimum = def(BinaryOp.Minimum, 'minimum', 'arithmetic');
// clip's two steps: maximum and minimum, but a complex bound holding a NaN is compared as NumPy's
// clip loop does (lexicographically) instead of propagating.
const clipMaximum = def(BinaryOp.ClipMaximum, 'clip', 'arithmetic');
const clipMinimum = def(BinaryOp.ClipMinimum, 'clip', 'arithmetic');
/** The larger element, ignoring NaN. */
export const fmax = def(BinaryOp.Fmax, 'fmax', 'arithmetic');
/** The smaller element, ignoring NaN. */
export const fmin = def(BinaryOp.Fmin, 'fmin', 'arithmetic');
export const arctan2 = def(BinaryOp.Arctan2, 'arctan2', 'float');
export const hypot = def(BinaryOp.Hypot, 'hypot', 'float');
export const copysign = def(BinaryOp.Copysign, 'copysign', 'float');
export const bitwiseAnd = def(BinaryOp.BitwiseAnd, 'bitwise_and', 'bitwise');
export const bitwiseOr = def(BinaryOp.BitwiseOr, 'bitwise_or', 'bitwise');
export const bitwiseXor = def(BinaryOp.BitwiseXor, 'bitwise_xor', 'bitwise');
export const leftShift = def(BinaryOp.LeftShift, 'left_shift', 'shift');
export const rightShift = def(BinaryOp.RightShift, 'right_shift', 'shift');
export const equal = def(BinaryOp.Equal, 'equal', 'compare');
export const notEqual = def(BinaryOp.NotEqual, 'not_equal', 'compare');
export const less = def(BinaryOp.Less, 'less', 'compare');
export const lessEqual = def(BinaryOp.LessEqual, 'less_equal', 'compare');
export const greater = def(BinaryOp.Greater, 'greater', 'compare');
export const greaterEqual = def(BinaryOp.GreaterEqual, 'greater_equal', 'compare');
export const logicalAnd = def(BinaryOp.LogicalAnd, 'logical_and', 'logical');
export const logicalOr = def(BinaryOp.LogicalOr, 'logical_or', 'logical');
export const logicalXor = def(BinaryOp.LogicalXor, 'logical_xor', 'logical');

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
  | 'component'; // complex gives its real component type (absolute, real, imag, angle)

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

export const negative = def1(UnaryOp.Negative, 'negative', 'numeric');
export const positive = def1(UnaryOp.Positive, 'positive', 'numeric');
/** |x|; complex numbers give their magnitude, of the component type. */
export const absolute = def1(UnaryOp.Absolute, 'absolute', 'component');
export const abs = absolute;
/** -1, 0 or 1 (NaN stays NaN); complex numbers give z / |z|. */
export const sign = def1(UnaryOp.Sign, 'sign', 'numeric');
export const sqrt = def1(UnaryOp.Sqrt, 'sqrt', 'float');
export const cbrt = def1(UnaryOp.Cbrt, 'cbrt', 'real-float');
export const square = def1(UnaryOp.Square, 'square', 'integer-from-bool');
export const reciprocal = def1(UnaryOp.Reciprocal, 'reciprocal', 'integer-from-bool');
export const exp = def1(UnaryOp.Exp, 'exp', 'float');
export const exp2 = def1(UnaryOp.Exp2, 'exp2', 'float');
export const expm1 = def1(UnaryOp.Expm1, 'expm1', 'float');
export const log = def1(UnaryOp.Log, 'log', 'float');
export const log2 = def1(UnaryOp.Log2, 'log2', 'float');
export const log10 = def1(UnaryOp.Log10, 'log10', 'float');
export const log1p = def1(UnaryOp.Log1p, 'log1p', 'float');
export const sin = def1(UnaryOp.Sin, 'sin', 'float');
export const cos = def1(UnaryOp.Cos, 'cos', 'float');
export const tan = def1(UnaryOp.Tan, 'tan', 'float');
export const arcsin = def1(UnaryOp.Arcsin, 'arcsin', 'float');
export const arccos = def1(UnaryOp.Arccos, 'arccos', 'float');
export const arctan = def1(UnaryOp.Arctan, 'arctan', 'float');
export const sinh = def1(UnaryOp.Sinh, 'sinh', 'float');
export const cosh = def1(UnaryOp.Cosh, 'cosh', 'float');
export const tanh = def1(UnaryOp.Tanh, 'tanh', 'float');
export const arcsinh = def1(UnaryOp.Arcsinh, 'arcsinh', 'float');
export const arccosh = def1(UnaryOp.Arccosh, 'arccosh', 'float');
export const arctanh = def1(UnaryOp.Arctanh, 'arctanh', 'float');
/** Integers stay integers, as in NumPy 2. */
export const floor = def1(UnaryOp.Floor, 'floor', 'real');
export const ceil = def1(UnaryOp.Ceil, 'ceil', 'real');
export const trunc = def1(UnaryOp.Trunc, 'trunc', 'real');
/** The nearest integer, halves to even. */
export const rint = def1(UnaryOp.Rint, 'rint', 'float');
export const isnan = def1(UnaryOp.Isnan, 'isnan', 'predicate');
export const isinf = def1(UnaryOp.Isinf, 'isinf', 'predicate');
export const isfinite = def1(UnaryOp.Isfinite, 'isfinite', 'predicate');
export const signbit = def1(UnaryOp.Signbit, 'signbit', 'real-predicate');
export const logicalNot = def1(UnaryOp.LogicalNot, 'logical_not', 'predicate');
/** Bitwise not (`~`); logical not for booleans. */
export const invert = def1(UnaryOp.Invert, 'invert', 'integer');
export const bitwiseNot = invert;
/** The real part (component type for complex; the array's values otherwise). */
export const real = def1(UnaryOp.Real, 'real', 'component');
/** The imaginary part (zeros for real arrays). */
export const imag = def1(UnaryOp.Imag, 'imag', 'component');
export const conj = def1(UnaryOp.Conj, 'conjugate', 'integer-from-bool');
export const conjugate = conj;
/** The argument of complex numbers, in radians (0 or π for reals). */
export const angle = def1(UnaryOp.Angle, 'angle', 'component');

/** NumPy's round: halves to even, at `decimals` places (negative: tens, hundreds, ...). */
export function round(x: Operand, decimals = 0, options?: UfuncOptions | ndarray): ndarray {
  checkArity(arguments.length, ['a', 'decimals', 'out or options'], 'round');
  if (!Number.isSafeInteger(decimals)) throw new DTypeError('decimals', `expected an integer, got ${describeValue(decimals)}`);
  // NumPy rounds booleans in floating point.
  return unary(UnaryOp.Round, 'round', x instanceof ndarray && x.dtype.kind === 'b' ? 'float' : 'same', x, options, decimals);
}
export const around = round;

/**
 * Elements of `x` where `condition` holds, of `y` elsewhere; the three broadcast together and
 * `x` and `y` promote to a common type. With the condition alone, `nonzero(condition)` (the
 * indices of its true elements, one array per dimension), as NumPy's.
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
