import { ArgumentError } from './errors.js';

/** An option name the function does not know: the message lists the ones it does. */
export class UnknownOptionError extends ArgumentError {
  override name = 'UnknownOptionError';
}

/**
 * Whether `value` is an options object: a plain object (`{ ... }`, or one without a prototype),
 * not an array, a typed array, an array of a library or any other class instance.
 *
 * @example
 * ```ts
 * console.log(core.isOptionsObject({ axis: 0 }), core.isOptionsObject([1, 2]), core.isOptionsObject(np.ones([2])));
 * // true false false
 * ```
 */
export function isOptionsObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Checks a trailing options object (NumPy's keyword arguments): it must be undefined or a plain
 * object ({@link isOptionsObject}) whose own keys are all in `known`. A misspelled or removed
 * name is an {@link UnknownOptionError} naming it and listing the known ones, never silently
 * ignored.
 * `fn` names the function in the message. Returns the options (an empty object for undefined).
 *
 * @example
 * ```ts
 * const misspelt = { axis: 0, keepdim: true };
 * const error = (() => { try { core.checkOptions(misspelt, ['axis', 'keepdims'], 'sum'); } catch (e) { return e as Error; } })();
 * console.log(error?.message);
 * // options: sum: unknown option 'keepdim' (did you mean 'keepdims'?); known options: 'axis', 'keepdims'
 * ```
 */
export function checkOptions<T extends object>(options: T | undefined, known: readonly string[], fn: string, argument = 'options'): T {
  if (options === undefined) return {} as T;
  if (!isOptionsObject(options)) {
    const name = options !== null && typeof options === 'object' ? (options as object).constructor?.name : undefined;
    const what = options === null ? 'null' : Array.isArray(options) ? 'an array' : name ? `a ${name}` : typeof options;
    throw new ArgumentError(argument, `${fn}: expected an options object { ${known.join(', ')} }, got ${what}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const list = known.length ? known.map((k) => `'${k}'`).join(', ') : 'none';
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase() || k.startsWith(key) || key.startsWith(k));
      throw new UnknownOptionError(argument, `${fn}: unknown option '${key}'${near ? ` (did you mean '${near}'?)` : ''}; known options: ${list}`);
    }
  }
  return options;
}
