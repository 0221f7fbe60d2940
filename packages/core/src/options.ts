import { ArgumentError } from './errors.js';

/** An option name the function does not know: the message lists the ones it does. */
export class UnknownOptionError extends ArgumentError {
  override name = 'UnknownOptionError';
}

/**
 * Checks a trailing options object (NumPy's keyword arguments): it must be undefined or a plain
 * object whose own keys are all in `known`. A misspelled or removed name is an
 * {@link UnknownOptionError} naming it and listing the known ones, never silently ignored.
 * `fn` names the function in the message. Returns the options (an empty object for undefined).
 */
export function checkOptions<T extends object>(options: T | undefined, known: readonly string[], fn: string, argument = 'options'): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options) || ArrayBuffer.isView(options)) {
    const what = options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options;
    throw new ArgumentError(argument, `${fn}: expected an options object, got ${what}`);
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
