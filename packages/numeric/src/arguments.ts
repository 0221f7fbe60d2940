// Shared argument checks: values described so a string never reads like a number, and calls
// with more arguments than the function takes (JavaScript drops them silently) rejected.
import { ArgumentError, checkOptions, isOptionsObject } from '@legate/core';

/**
 * A value as an error message shows it: strings quoted and marked (`'5' (a string)`), so that
 * `zeros('5')` does not read like `zeros(5)`; arrays element by element; bigints with their `n`.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}' (a string)`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/**
 * The integers of a JavaScript list as int64 values, each checked: a fractional, non-finite or
 * non-number element is `fail(message)`'s error (so no raw RangeError from BigInt() leaks).
 */
export function integerList(values: Iterable<unknown>, fail: (message: string) => Error): BigInt64Array {
  const out: bigint[] = [];
  for (const v of values) {
    if (typeof v === 'bigint') out.push(v);
    else if (typeof v === 'number' && Number.isSafeInteger(v)) out.push(BigInt(v));
    else throw fail(`expected integers, got ${describeValue(v)}`);
  }
  return BigInt64Array.from(out);
}

/**
 * Throws an {@link ArgumentError} when a call passed more arguments than `parameters` names:
 * JavaScript would drop them silently. `count` is the call's `arguments.length`.
 */
export function checkArity(count: number, parameters: readonly string[], fn: string): void {
  if (count > parameters.length) {
    throw new ArgumentError(
      'arguments',
      `${fn}() takes at most ${parameters.length} argument${parameters.length === 1 ? '' : 's'} (${parameters.join(', ')}), got ${count}`,
    );
  }
}

/**
 * A call's arguments in `names`' order, NumPy's way: positional ones, then optionally one
 * options object, last, naming any of the parameters not given positionally, and the
 * keyword-only `only` ones (after `names` in the result). Unknown names and extra arguments are
 * errors. An options object is recognised from position `first` on (so a complex {re, im} value
 * in an earlier slot is not one). Missing values are undefined, so defaults apply when
 * destructured.
 */
export function keywords(args: IArguments | readonly unknown[], names: readonly string[], fn: string, first = 0, only: readonly string[] = []): unknown[] {
  const given = Array.from(args);
  const last = given.length - 1;
  const hasOptions = last >= first && isOptionsObject(given[last]);
  checkArity(given.length - (hasOptions ? 1 : 0), names, fn);
  if (!hasOptions) return given;
  const options = checkOptions(given.pop() as Record<string, unknown>, [...names.slice(last), ...only], fn);
  [...names.slice(last), ...only].forEach((name, k) => {
    if (options[name] !== undefined) given[Math.min(last, names.length) + k] = options[name];
  });
  return given;
}

/**
 * A result of several values as NumPy's named tuples are: an array, so `const [w, v] = f(...)`
 * destructures it in NumPy's order, with each value also under its name (`f(...).eigenvalues`).
 */
export function named<V extends readonly unknown[], N extends Record<string, unknown>>(values: V, names: N): [...V] & N {
  return Object.assign([...values] as [...V], names);
}
