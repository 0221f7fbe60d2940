// NumPy's elementwise functions that are compositions of the ufuncs here: fabs, fix, isposinf,
// isneginf, iscomplex, isreal, logaddexp, logaddexp2, float_power, divmod and modf. Each runs as
// a few whole-array launches (no per-element JavaScript) and frees its temporaries.
import { checkOptions, dtype as toDType, DTypeError, ShapeError, tidy, type DType } from '@legate/core';

import { checkArity } from './arguments.js';
import { scalarType } from './creation.js';
import { arrayFrom, checkOperand, type ArrayInput } from './inputs.js';
import { ndarray } from './ndarray.js';
import { assign, broadcastShapes, checkWritable, filled, operandType, shapeText, type Operand } from './operations.js';
import { canCastSameKind, floatType, resultType } from './promotion.js';
import {
  absolute,
  add,
  asArray,
  copysign,
  equal,
  exp,
  exp2,
  floorDivide,
  greater,
  imag,
  isinf,
  less,
  log1p,
  logicalAnd,
  maximum,
  multiply,
  negative,
  notEqual,
  power,
  remainder,
  subtract,
  trunc,
  ufuncOptions,
  where,
  type UfuncOptions,
} from './ufunc.js';

const BOOL = toDType('bool');

function typeOf(x: Operand): DType {
  return x instanceof ndarray ? x.dtype : scalarType(x, 'x');
}

function unsupported(name: string, t: DType, argument = 'x'): DTypeError {
  return new DTypeError(argument, `ufunc '${name}' not supported for the input types (${t.name})`);
}

/** Checks `out` against the result's shape and type (NumPy's 'same_kind' rule) before anything runs. */
export function checkOut(name: string, out: ndarray | undefined, shape: readonly number[], t: DType): void {
  if (out === undefined) return;
  checkWritable(out, 'out', 'output array is read-only');
  if (shapeText(out.shape) !== shapeText(shape)) {
    throw new ShapeError('out', `${name}: non-broadcastable output operand with shape ${shapeText(out.shape)} doesn't match the broadcast shape ${shapeText(shape)}`);
  }
  if (!canCastSameKind(t, out.dtype)) throw new DTypeError('out', `Cannot cast ufunc '${name}' output from dtype('${t.name}') to dtype('${out.dtype.name}') with casting rule 'same_kind'`);
}

/** `result` written into `out` (then freed), or `result` itself without `out`. */
export function into(result: ndarray, out: ndarray | undefined): ndarray {
  if (out === undefined) return result;
  try {
    assign(out, result);
    return out;
  } finally {
    result.dispose();
  }
}

function shapeOf(x: Operand): readonly number[] {
  return x instanceof ndarray ? x.shape : [];
}

/** A one-operand function's checks: arity, operand, options; returns `out`. */
function unaryStart(name: string, count: number, x: unknown, options: UfuncOptions | ndarray | undefined): ndarray | undefined {
  checkArity(count, ['x', 'out or options'], name);
  checkOperand(x, 'x', name);
  return ufuncOptions(options, name).out;
}

/**
 * The absolute value in floating point (NumPy's `fabs`); complex input is an error.
 *
 * @example
 * ```ts
 * console.log(np.fabs(np.array([-1, 2, -3])));
 * // array([1., 2., 3.])
 * ```
 */
export function fabs(x: Operand, options?: UfuncOptions | ndarray): ndarray {
  const out = unaryStart('fabs', arguments.length, x, options);
  const from = typeOf(x);
  if (from.isComplex) throw unsupported('fabs', from);
  const t = floatType(from);
  checkOut('fabs', out, shapeOf(x), t);
  return into(tidy(() => absolute(asArray(x, t, 'x'))), out);
}

/**
 * Rounds toward zero (NumPy's `fix`): integers and booleans stay as they are, -0.5 gives -0.
 *
 * @example
 * ```ts
 * console.log(np.fix(np.array([2.1, 2.9, -2.1, -2.9])));
 * // array([ 2.,  2., -2., -2.])
 * ```
 */
export function fix(x: Operand, options?: UfuncOptions | ndarray): ndarray {
  checkArity(arguments.length, ['x', 'out or options'], 'fix');
  checkOperand(x, 'x', 'fix');
  if (typeOf(x).isComplex) throw unsupported('trunc', typeOf(x));
  return trunc(x, options);
}

function infinityTest(name: string, positive: boolean) {
  return function (x: Operand, options?: UfuncOptions | ndarray): ndarray {
    const out = unaryStart(name, arguments.length, x, options);
    const from = typeOf(x);
    if (from.isComplex) throw new DTypeError('x', `${name}: This operation is not supported for ${from.name} values because it would be ambiguous.`);
    checkOut(name, out, shapeOf(x), BOOL);
    return into(tidy(() => logicalAnd(isinf(x), positive ? greater(x, 0) : less(x, 0))), out);
  };
}

/**
 * Whether each element is +∞ (NumPy's `isposinf`); complex input is an error, as NumPy's.
 *
 * @example
 * ```ts
 * console.log(np.isposinf(np.array([-Infinity, 0, Infinity, NaN])));
 * // array([False, False,  True, False])
 * ```
 */
export const isposinf = infinityTest('isposinf', true);
/**
 * Whether each element is −∞ (NumPy's `isneginf`); complex input is an error, as NumPy's.
 *
 * @example
 * ```ts
 * console.log(np.isneginf(np.array([-Infinity, 0, Infinity, NaN])));
 * // array([ True, False, False, False])
 * ```
 */
export const isneginf = infinityTest('isneginf', false);

/**
 * Whether each element has a nonzero imaginary part (NumPy's `iscomplex`): all false for a real type.
 *
 * @example
 * ```ts
 * console.log(np.iscomplex(np.array([{ re: 1, im: 1 }, { re: 1, im: 0 }])));
 * // array([ True, False])
 * ```
 */
export function iscomplex(x: ArrayInput): ndarray {
  checkArity(arguments.length, ['x'], 'iscomplex');
  return tidy(() => {
    const a = arrayFrom(x, 'x', 'iscomplex');
    return a.dtype.isComplex ? notEqual(imag(a), 0) : filled(a.shape, BOOL, false);
  });
}

/**
 * Whether each element has a zero imaginary part (NumPy's `isreal`): all true for a real type.
 *
 * @example
 * ```ts
 * console.log(np.isreal(np.array([{ re: 1, im: 1 }, { re: 1, im: 0 }])));
 * // array([False,  True])
 * ```
 */
export function isreal(x: ArrayInput): ndarray {
  checkArity(arguments.length, ['x'], 'isreal');
  return tidy(() => {
    const a = arrayFrom(x, 'x', 'isreal');
    return a.dtype.isComplex ? equal(imag(a), 0) : filled(a.shape, BOOL, true);
  });
}

/** Two operands' floating type as NumPy's float-only loops take it (ff->f for int8, NEP 50 scalars). */
export function floatOperands(name: string, x1: Operand, x2: Operand): DType {
  const common =
    x1 instanceof ndarray && x2 instanceof ndarray
      ? x1.dtype.isComplex || x2.dtype.isComplex
        ? resultType(x1.dtype, x2.dtype)
        : resultType(floatType(x1.dtype), floatType(x2.dtype))
      : operandType(x1, x2);
  if (common.isComplex) throw unsupported(name, common, 'x1');
  return floatType(common);
}

function binaryStart(name: string, count: number, x1: unknown, x2: unknown, options: UfuncOptions | ndarray | undefined): ndarray | undefined {
  checkArity(count, ['x1', 'x2', 'out or options'], name);
  checkOperand(x1, 'x1', name);
  checkOperand(x2, 'x2', name);
  return ufuncOptions(options, name).out;
}

function logSum(name: string, base2: boolean) {
  return function (x1: Operand, x2: Operand, options?: UfuncOptions | ndarray): ndarray {
    const out = binaryStart(name, arguments.length, x1, x2, options);
    const t = floatOperands(name, x1, x2);
    checkOut(name, out, broadcastShapes(shapeOf(x1), shapeOf(x2)), t);
    const result = tidy(() => {
      const a = asArray(x1, t, 'x1');
      const b = asArray(x2, t, 'x2');
      // max(a, b) + log(1 + base^-|a - b|), as NumPy's loop; equal operands (infinities
      // included, where a - b is NaN) give a + log(2).
      const gap = negative(absolute(subtract(a, b)));
      const tail = base2 ? multiply(log1p(exp2(gap)), Math.LOG2E) : log1p(exp(gap));
      return where(equal(a, b), add(a, base2 ? 1 : Math.LN2), add(maximum(a, b), tail));
    });
    return into(result, out);
  };
}

/**
 * log(exp(x1) + exp(x2)) without overflow (NumPy's `logaddexp`); floating types only.
 *
 * @example
 * ```ts
 * console.log(np.logaddexp(np.array([0, 1]), np.array([0, 2])));
 * // array([0.69314718, 2.31326169])
 * ```
 */
export const logaddexp = logSum('logaddexp', false);
/**
 * log2(2^x1 + 2^x2) without overflow (NumPy's `logaddexp2`); floating types only.
 *
 * @example
 * ```ts
 * console.log(np.logaddexp2(np.array([1, 2]), np.array([1, 3])));
 * // array([2.       , 3.5849625])
 * ```
 */
export const logaddexp2 = logSum('logaddexp2', true);

/**
 * x1 ** x2 in float64, or complex128 when either operand is complex (NumPy's `float_power`).
 *
 * @example
 * ```ts
 * console.log(np.floatPower(np.array([1, 2, 3]), 2));
 * // array([1., 4., 9.])
 * ```
 */
export function floatPower(x1: Operand, x2: Operand, options?: UfuncOptions | ndarray): ndarray {
  const out = binaryStart('float_power', arguments.length, x1, x2, options);
  const t = toDType(typeOf(x1).isComplex || typeOf(x2).isComplex ? 'complex128' : 'float64');
  checkOut('float_power', out, broadcastShapes(shapeOf(x1), shapeOf(x2)), t);
  return into(tidy(() => power(asArray(x1, t, 'x1'), asArray(x2, t, 'x2'))), out);
}

/** {@link divmod}'s options: NumPy's `out` pair. */
export interface DivmodOptions {
  out?: readonly [ndarray, ndarray];
}

/**
 * `[floorDivide(x1, x2), remainder(x1, x2)]` (NumPy's `divmod`), with NumPy's signs and zeros.
 *
 * @example
 * ```ts
 * const [q, r] = np.divmod(np.array([7, -7, 8]), 3);
 * console.log(q, r);
 * // array([ 2, -3,  2]) array([1, 2, 2])
 * ```
 */
export function divmod(x1: Operand, x2: Operand, options: DivmodOptions = {}): [ndarray, ndarray] {
  checkArity(arguments.length, ['x1', 'x2', 'options'], 'divmod');
  checkOperand(x1, 'x1', 'divmod');
  checkOperand(x2, 'x2', 'divmod');
  const out = pairOut('divmod', options);
  return [floorDivide(x1, x2, out?.[0] === undefined ? undefined : { out: out[0] }), remainder(x1, x2, out?.[1] === undefined ? undefined : { out: out[1] })];
}

function pairOut(name: string, options: unknown): readonly [ndarray, ndarray] | undefined {
  const { out } = checkOptions(options as { out?: unknown }, ['out'], name);
  if (out === undefined) return undefined;
  if (!Array.isArray(out) || out.length !== 2 || !out.every((o) => o instanceof ndarray)) {
    throw new DTypeError('out', `${name}: expected a pair of ndarrays`);
  }
  return out as unknown as [ndarray, ndarray];
}

/** {@link modf}'s options: NumPy's `out` pair. */
export type ModfOptions = DivmodOptions;

/**
 * The fractional and integral parts, each with x's sign (NumPy's `modf`), in floating point:
 * modf(-2) is [-0, -2], modf(±∞) is [±0, ±∞].
 *
 * @example
 * ```ts
 * const [frac, whole] = np.modf(np.array([0, 3.5, -2.25]));
 * console.log(frac, whole);
 * // array([ 0.  ,  0.5 , -0.25]) array([ 0.,  3., -2.])
 * ```
 */
export function modf(x: Operand, options: ModfOptions = {}): [ndarray, ndarray] {
  checkArity(arguments.length, ['x', 'options'], 'modf');
  checkOperand(x, 'x', 'modf');
  const out = pairOut('modf', options);
  const from = typeOf(x);
  if (from.isComplex) throw unsupported('modf', from);
  const t = floatType(from);
  checkOut('modf', out?.[0], shapeOf(x), t);
  checkOut('modf', out?.[1], shapeOf(x), t);
  const [fraction, whole] = tidy(() => {
    const a = asArray(x, t, 'x');
    const integral = trunc(a);
    // x - trunc(x) is exact; its sign is x's (NumPy's -0 for -2), and ±∞ has no fraction.
    const part = where(isinf(a), copysign(0, a), copysign(subtract(a, integral), a));
    return [part, integral] as [ndarray, ndarray];
  });
  return [into(fraction, out?.[0]), into(whole, out?.[1])];
}
