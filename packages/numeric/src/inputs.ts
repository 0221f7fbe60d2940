// Argument helpers of the NumPy functions in comparison.ts, construction.ts, arrangement.ts and
// numerical.ts: array-likes as arrays (NumPy's asarray), Python scalars' types, flags and
// integers checked with the argument named.
import { dtype as toDType, DTypeError } from '@legate/core';

import { describeValue } from './arguments.js';
import { array, type Nested } from './creation.js';
import { ndarray } from './ndarray.js';
import { filled, type Operand } from './operations.js';

/** What NumPy's `asarray` takes here: an array, a JavaScript scalar, or nested lists of numbers. */
export type ArrayInput = Operand | Nested;

/** Whether `x` is a JavaScript scalar as the ufuncs take it (a number, bigint, boolean or {re, im}). */
export function isScalar(x: unknown): x is number | bigint | boolean | { re: number; im: number } {
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean') return true;
  return typeof x === 'object' && x !== null && !(x instanceof ndarray) && !Array.isArray(x) && typeof (x as { re?: unknown }).re === 'number' && typeof (x as { im?: unknown }).im === 'number';
}

/** Throws unless `x` is an ndarray or a JavaScript scalar. */
export function checkOperand(x: unknown, argument: string, fn: string): asserts x is Operand {
  if (!(x instanceof ndarray) && !isScalar(x)) throw new DTypeError(argument, `${fn}: expected an ndarray or a number, got ${describeValue(x)}`);
}

/**
 * `x` as an array, as NumPy's `asarray`: an ndarray itself; a scalar or nested lists a new
 * array (of NumPy's type for them: bool, int64, float64, complex128), which the caller frees
 * (or makes inside `tidy`).
 */
export function arrayFrom(x: unknown, argument: string, fn: string): ndarray {
  if (x instanceof ndarray) return x;
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && isScalar(x)) return filled([], toDType('complex128'), x);
  if (typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean' || Array.isArray(x)) {
    if (typeof x === 'bigint' && (x < -(2n ** 63n) || x >= 2n ** 63n)) throw new DTypeError(argument, `${fn}: ${describeValue(x)} is beyond int64`);
    return array(x as Nested);
  }
  throw new DTypeError(argument, `${fn}: expected an ndarray, a number or a list of numbers, got ${describeValue(x)}`);
}

/** Throws unless `x` is a boolean. */
export function checkBoolean(x: unknown, argument: string, fn: string): asserts x is boolean {
  if (typeof x !== 'boolean') throw new DTypeError(argument, `${fn}: expected a boolean, got ${describeValue(x)}`);
}

/** Throws unless `x` is a number (any, NaN and infinities included). */
export function checkNumber(x: unknown, argument: string, fn: string): asserts x is number {
  if (typeof x !== 'number') throw new DTypeError(argument, `${fn}: expected a number, got ${describeValue(x)}`);
}

/** Throws unless `x` is a safe integer. */
export function checkInteger(x: unknown, argument: string, fn: string): asserts x is number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x)) throw new DTypeError(argument, `${fn}: expected an integer, got ${describeValue(x)}`);
}

/** A new view of all of `a` (NumPy's `a[:]`): disposing it leaves `a` alone. */
export function viewOf(a: ndarray): ndarray {
  return new ndarray(a.store.transpose(a.shape.map((_, d) => d)));
}

/**
 * `body` of `a` as an array (NumPy's array_like): an ndarray as it is, or an array made from a
 * list, number, bigint, boolean or `{ re, im }` (anything else is a DTypeError naming
 * `argument`), freed afterwards unless `body` returns it.
 */
export function withArrayLike<T>(a: unknown, argument: string, fn: string, body: (x: ndarray) => T): T {
  if (a instanceof ndarray) return body(a);
  const x = arrayFrom(a, argument, fn);
  let result: T | undefined;
  try {
    result = body(x);
    return result;
  } finally {
    if ((result as unknown) !== x && !(Array.isArray(result) && result.includes(x))) x.dispose();
  }
}
