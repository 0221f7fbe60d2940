// NumPy's print options and the functions that print under them: setPrintoptions,
// getPrintoptions, printoptions (NumPy's context manager, as a callback), array2string,
// arrayRepr and arrayStr. A summarised array (more elements than `threshold`) reads only its
// edges from the store, not every element.
import { ArgumentError, checkOptions, DTypeError, tidy } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { ValueError } from './errors.js';
import { DEFAULT_FORMAT, formatArray, formatRepr, formatStr, type FloatMode, type PrintOptions, type SignMode } from './format.js';
import { concatenate } from './manipulation.js';
import { ndarray } from './ndarray.js';
import { checkArray } from './operations.js';

export type { FloatMode, PrintOptions, SignMode } from './format.js';


let current: PrintOptions = { ...DEFAULT_FORMAT };

const FLOAT_MODES: readonly string[] = ['fixed', 'unique', 'maxprec', 'maxprec_equal'];
const SIGNS: readonly string[] = ['-', '+', ' '];

function count(v: unknown, name: string, fn: string, infinite = false): number {
  if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || (!Number.isInteger(v) && !(infinite && v === Infinity))) {
    throw new ValueError(name, `${fn}: ${name} must be a non-negative integer${infinite ? ' (or Infinity)' : ''}, got ${describeValue(v)}`);
  }
  return v;
}

/** `given` checked and laid over `base`: undefined and null leave an option as it is, as NumPy's. */
function merged(base: PrintOptions, given: Partial<Record<keyof PrintOptions, unknown>>, fn: string): PrintOptions {
  const o = { ...base };
  const set = <K extends keyof PrintOptions>(k: K, check: (v: unknown) => PrintOptions[K]) => {
    const v = given[k];
    if (v !== undefined && v !== null) o[k] = check(v);
  };
  set('precision', (v) => count(v, 'precision', fn));
  set('threshold', (v) => count(v, 'threshold', fn, true));
  set('edgeitems', (v) => count(v, 'edgeitems', fn));
  set('linewidth', (v) => {
    const n = count(v, 'linewidth', fn);
    if (n < 1) throw new ValueError('linewidth', `${fn}: linewidth must be at least 1, got ${n}`);
    return n;
  });
  set('suppress', (v) => {
    if (typeof v !== 'boolean') throw new DTypeError('suppress', `${fn}: suppress must be a boolean, got ${describeValue(v)}`);
    return v;
  });
  for (const k of ['nanstr', 'infstr'] as const) {
    set(k, (v) => {
      if (typeof v !== 'string') throw new DTypeError(k, `${fn}: ${k} must be a string, got ${describeValue(v)}`);
      return v;
    });
  }
  set('sign', (v) => {
    if (typeof v !== 'string' || !SIGNS.includes(v)) throw new ValueError('sign', `${fn}: sign option must be one of ' ', '+', or '-', got ${describeValue(v)}`);
    return v as SignMode;
  });
  set('floatmode', (v) => {
    if (typeof v !== 'string' || !FLOAT_MODES.includes(v)) throw new ValueError('floatmode', `${fn}: floatmode option must be one of 'fixed', 'unique', 'maxprec', 'maxprec_equal', got ${describeValue(v)}`);
    return v as FloatMode;
  });
  return o;
}

const OPTION_NAMES: readonly (keyof PrintOptions)[] = ['precision', 'threshold', 'edgeitems', 'linewidth', 'suppress', 'nanstr', 'infstr', 'sign', 'floatmode'];

/**
 * Sets how arrays print from now on (NumPy's `np.set_printoptions`): `precision` (fractional
 * digits, 8), `threshold` (more elements than this are summarised with `...`, 1000),
 * `edgeitems` (3), `linewidth` (75), `suppress` (no scientific notation for small values),
 * `nanstr`, `infstr`, `sign` ('-', '+', ' ') and `floatmode` ('maxprec', 'fixed', 'unique',
 * 'maxprec_equal'). Options not given stay as they are.
 *
 * @example
 * ```ts
 * np.setPrintoptions({ precision: 3 });
 * console.log(np.array([Math.PI, 1 / 3]));
 * // array([3.142, 0.333])
 * np.setPrintoptions({ precision: 8 });
 * ```
 */
export function setPrintoptions(options: Partial<PrintOptions>): void {
  checkArity(arguments.length, ['options'], 'set_printoptions');
  current = merged(current, checkOptions(options, OPTION_NAMES, 'set_printoptions'), 'set_printoptions');
}

/**
 * The print options in force (NumPy's `np.get_printoptions`), as a new object.
 *
 * @example
 * ```ts
 * const o = np.getPrintoptions();
 * console.log(o.precision, o.threshold, o.edgeitems, o.linewidth);
 * // 8 1000 3 75
 * ```
 */
export function getPrintoptions(): PrintOptions {
  checkArity(arguments.length, [], 'get_printoptions');
  return { ...current };
}

/**
 * `fn` run with `options` in force, the options before restored after it, whether it returns or
 * throws (NumPy's `with np.printoptions(...)`); returns what `fn` returns. `fn` must be
 * synchronous: printing is.
 *
 * @example
 * ```ts
 * const text = np.printoptions({ precision: 2, suppress: true }, () => String(np.array([1e-9, 1.2345])));
 * console.log(text);
 * // [0.   1.23]
 * ```
 */
export function printoptions<T>(options: Partial<PrintOptions>, fn: () => T): T {
  checkArity(arguments.length, ['options', 'fn'], 'printoptions');
  if (typeof fn !== 'function') throw new ArgumentError('fn', `printoptions: expected a function, got ${describeValue(fn)}`);
  const before = current;
  current = merged(current, checkOptions(options, OPTION_NAMES, 'printoptions'), 'printoptions');
  try {
    const result = fn();
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      (result as unknown as Promise<unknown>).then(undefined, () => undefined);
      throw new ArgumentError('fn', 'printoptions: fn returned a promise; the options apply to synchronous code only (await inside, then print in a synchronous callback)');
    }
    return result;
  } finally {
    current = before;
  }
}

/** @internal The options in force (for ndarray's toString and inspection). */
export function printOptionsInForce(): PrintOptions {
  return current;
}

/**
 * `a`'s values for printing under `o`: every value, or, when `a` has more elements than the
 * threshold, the edges of each long axis only (read as one small array: NumPy's
 * _leading_trailing), with the axes that were cut.
 */
export function printable(a: ndarray, o: PrintOptions): { values: ReturnType<ndarray['toArray']>; cut?: boolean[] } {
  if (a.size <= o.threshold || a.ndim === 0) return { values: a.toArray() };
  const e = o.edgeitems;
  const cut = a.shape.map((n) => n > 2 * e);
  // (With edgeitems 0 NumPy's formatter sees every value of a cut axis: nothing to leave out.)
  if (e === 0 || !cut.some(Boolean)) return { values: a.toArray(), cut };
  return tidy(() => {
    let x = a;
    cut.forEach((isCut, d) => {
      if (!isCut) return;
      const n = x.shape[d]!;
      x = concatenate([new ndarray(x.store.slice(d, 0, e)), new ndarray(x.store.slice(d, n - e, n))], d);
    });
    return { values: x.toArray(), cut };
  });
}

/** NumPy's keyword arguments of {@link array2string}. */
export interface Array2StringOptions {
  /** The line width (NumPy's `max_line_width`; the `linewidth` print option by default). */
  maxLineWidth?: number | null;
  precision?: number | null;
  /** No scientific notation for small values (NumPy's `suppress_small`). */
  suppressSmall?: boolean | null;
  /** Between elements (' ' by default). */
  separator?: string;
  /** Not printed: its length indents the lines after the first, as NumPy's. */
  prefix?: string;
  /** Not printed: its length shortens the last line, as NumPy's. */
  suffix?: string;
  threshold?: number | null;
  edgeitems?: number | null;
  sign?: SignMode | null;
  floatmode?: FloatMode | null;
}

/**
 * The text of `a`'s values (NumPy's `np.array2string`) under the print options in force, with
 * any of them overridden for this call.
 *
 * @example
 * ```ts
 * console.log(np.array2string(np.array([1.5, 2, 3]), { separator: ', ', precision: 2 }));
 * // [1.5, 2. , 3. ]
 * ```
 */
export function array2string(a: ndarray, options: Array2StringOptions = {}): string {
  checkArity(arguments.length, ['a', 'options'], 'array2string');
  checkArray(a, 'a', 'array2string');
  const given = checkOptions(options, ['maxLineWidth', 'precision', 'suppressSmall', 'separator', 'prefix', 'suffix', 'threshold', 'edgeitems', 'sign', 'floatmode'], 'array2string');
  const o = merged(current, { linewidth: given.maxLineWidth, precision: given.precision, suppress: given.suppressSmall, threshold: given.threshold, edgeitems: given.edgeitems, sign: given.sign, floatmode: given.floatmode }, 'array2string');
  const text = (v: unknown, name: string, fallback: string): string => {
    if (v === undefined) return fallback;
    if (typeof v !== 'string') throw new DTypeError(name, `array2string: ${name} must be a string, got ${describeValue(v)}`);
    return v;
  };
  const layout = { separator: text(given.separator, 'separator', ' '), prefix: text(given.prefix, 'prefix', ''), suffix: text(given.suffix, 'suffix', '') };
  if (a.size === 0) return '[]';
  const { values, cut } = printable(a, o);
  return formatArray(values, a.shape, a.dtype, o, { ...layout, cut });
}

/** NumPy's keyword arguments of {@link arrayRepr} and {@link arrayStr}. */
export interface ArrayReprOptions {
  maxLineWidth?: number | null;
  precision?: number | null;
  suppressSmall?: boolean | null;
}

function reprOptions(args: IArguments, fn: string): [ndarray, PrintOptions] {
  const [a, linewidth, precision, suppress] = keywords(args, ['arr', 'maxLineWidth', 'precision', 'suppressSmall'], fn, 1) as [ndarray, unknown, unknown, unknown];
  checkArray(a, 'arr', fn);
  return [a, merged(current, { linewidth, precision, suppress }, fn)];
}

/**
 * NumPy's repr of `arr` (`np.array_repr`): what `console.log` shows, with the line width,
 * precision and suppression optionally overridden.
 *
 * @example
 * ```ts
 * console.log(np.arrayRepr(np.array([1.123456, 2]), { precision: 2 }));
 * // array([1.12, 2.  ])
 * ```
 */
export function arrayRepr(arr: ndarray, maxLineWidth?: number | null | ArrayReprOptions, precision?: number | null | ArrayReprOptions, suppressSmall?: boolean | null | ArrayReprOptions): string {
  const [a, o] = reprOptions(arguments, 'array_repr');
  const { values, cut } = printable(a, o);
  return formatRepr(values, a.shape, a.dtype, o, cut);
}

/**
 * NumPy's str of `arr` (`np.array_str`): what `String(a)` gives, with the line width,
 * precision and suppression optionally overridden (a 0-d array prints its value as a scalar).
 *
 * @example
 * ```ts
 * console.log(np.arrayStr(np.array([1e-9, 2.5]), { suppressSmall: true }));
 * // [0.  2.5]
 * ```
 */
export function arrayStr(arr: ndarray, maxLineWidth?: number | null | ArrayReprOptions, precision?: number | null | ArrayReprOptions, suppressSmall?: boolean | null | ArrayReprOptions): string {
  const [a, o] = reprOptions(arguments, 'array_str');
  const { values, cut } = printable(a, o);
  return formatStr(values, a.shape, a.dtype, o, cut);
}

/** An integer argument (a safe-integer number or a bigint) as a bigint. */
function integerOf(v: unknown, name: string, fn: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new DTypeError(name, `${fn}: expected an integer, got ${describeValue(v)}`);
}

/**
 * The binary digits of the integer `num` (NumPy's `np.binary_repr`): with a `width`, a negative
 * number in two's complement of that many bits (more when it needs them); without, a `-` sign.
 *
 * @example
 * ```ts
 * console.log(np.binaryRepr(-5, 8), np.binaryRepr(5));
 * // 11111011 101
 * ```
 */
export function binaryRepr(num: number | bigint, width?: number | null | { width?: number | null }): string {
  const [given, w = null] = keywords(arguments, ['num', 'width'], 'binary_repr', 1) as [unknown, (number | null)?];
  const n = integerOf(given, 'num', 'binary_repr');
  if (w !== null && (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0)) throw new DTypeError('width', `binary_repr: width must be a non-negative integer or null, got ${describeValue(w)}`);
  const insufficient = (binwidth: number) => {
    if (w !== null && w < binwidth) throw new ValueError('width', `binary_repr: Insufficient bit width=${w} provided for binwidth=${binwidth}`);
  };
  if (n === 0n) return '0'.repeat(w || 1);
  if (n > 0n) {
    const binary = n.toString(2);
    insufficient(binary.length);
    return binary.padStart(w ?? 0, '0');
  }
  if (w === null) return '-' + (-n).toString(2);
  let positiveWidth = (-n).toString(2).length;
  // An exact power of two needs no extra digit (NumPy's gh-8679).
  if (1n << BigInt(positiveWidth - 1) === -n) positiveWidth -= 1;
  const binary = ((1n << BigInt(positiveWidth + 1)) + n).toString(2);
  insufficient(binary.length);
  return '1'.repeat(Math.max(0, w - binary.length)) + binary;
}

/**
 * The digits of the integer `number` in `base` (2 to 36, 2 by default), after `padding` zeros
 * and a `-` for negative numbers (NumPy's `np.base_repr`).
 *
 * @example
 * ```ts
 * console.log(np.baseRepr(255, 16), np.baseRepr(-7, 2, 3));
 * // FF -000111
 * ```
 */
export function baseRepr(number: number | bigint, base?: number | { base?: number; padding?: number }, padding?: number | { padding?: number }): string {
  const [given, b = 2, pad = 0] = keywords(arguments, ['number', 'base', 'padding'], 'base_repr', 1) as [unknown, number?, number?];
  const n = integerOf(given, 'number', 'base_repr');
  if (typeof b !== 'number' || !Number.isInteger(b)) throw new DTypeError('base', `base_repr: base must be an integer, got ${describeValue(b)}`);
  if (b > 36) throw new ValueError('base', 'base_repr: Bases greater than 36 not handled in base_repr.');
  if (b < 2) throw new ValueError('base', 'base_repr: Bases less than 2 not handled in base_repr.');
  if (typeof pad !== 'number' || !Number.isSafeInteger(pad)) throw new DTypeError('padding', `base_repr: padding must be an integer, got ${describeValue(pad)}`);
  const digits = n === 0n ? '' : (n < 0n ? -n : n).toString(b).toUpperCase();
  const text = '0'.repeat(Math.max(0, pad)) + digits;
  return (n < 0n ? '-' : '') + (text || '0');
}
