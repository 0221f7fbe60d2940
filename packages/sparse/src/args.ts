// Arguments as SciPy takes them: its positional parameters accepted positionally (or rejected
// with a clear error, never dropped) and the trailing options object checked by core's
// checkOptions, so a misspelled or removed option name is an error listing the known ones.
import { ArgumentError, checkOptions } from '@legate/core';

/** Whether `x` is a plain object (an options object), not a matrix, an array or a function. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object' || Array.isArray(x) || ArrayBuffer.isView(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The trailing options object of `fn`, checked against `known`. A value that is an object but
 * not a plain one (a matrix, an array in the options' place) is rejected naming `argument`.
 */
export function takeOptions<T extends object>(value: T | undefined, known: readonly string[], fn: string, argument = 'options'): T {
  if (value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value) && !isPlainObject(value)) {
    const what = (value as object).constructor?.name ?? 'object';
    throw new ArgumentError(argument, `${fn}: expected an options object { ${known.join(', ')} }, got ${what === 'Object' ? 'an object' : `a ${what}`}`);
  }
  return checkOptions(value, known, fn, argument);
}

/**
 * Rejects positional arguments past the `accepted` ones: `names` are SciPy's parameters in that
 * place (the first one given names the error), which go in the options object if supported.
 */
export function noMorePositional(fn: string, args: ArrayLike<unknown>, accepted: number, names: readonly string[], hint: string): void {
  if (args.length <= accepted) return;
  let last = args.length;
  while (last > accepted && args[last - 1] === undefined) last--;
  if (last <= accepted) return;
  const name = names[0] ?? `argument ${accepted + 1}`;
  throw new ArgumentError(name, `${fn} takes at most ${accepted} positional arguments, got ${last} (SciPy's '${names.slice(0, last - accepted).join("', '")}' in that place): ${hint}`);
}
