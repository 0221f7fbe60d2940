// Arguments as SciPy takes them: its positional parameters accepted positionally or rejected
// with a clear error, never dropped. (The trailing options object is core's checkOptions.)
import { ArgumentError } from '@legate/core';

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
