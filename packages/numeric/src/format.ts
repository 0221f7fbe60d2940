// NumPy's printout of an array (repr, str and array2string under NumPy's print options:
// precision, threshold, edge items, line width, suppress, nan / inf strings, sign and float
// mode): the same number formats, padding, wrapping and summarising, so a printed array reads
// as NumPy's would.
import type { DType, TypedArray } from '@legate/core';

/** NumPy's float modes: how many fractional digits a float prints with. */
export type FloatMode = 'fixed' | 'unique' | 'maxprec' | 'maxprec_equal';

/** NumPy's sign modes: '-' (only negatives), '+' (always), ' ' (a space for positives). */
export type SignMode = '-' | '+' | ' ';

/** NumPy's print options (`np.get_printoptions()`), by NumPy's names. */
export interface PrintOptions {
  /** Fractional digits of floats (8). */
  precision: number;
  /** Arrays of more elements than this print summarised with `...` (1000; `Infinity` never). */
  threshold: number;
  /** Elements shown at each end of a summarised axis (3). */
  edgeitems: number;
  /** Characters per line before wrapping (75). */
  linewidth: number;
  /** Small values print as 0 in positional notation instead of switching to scientific (false). */
  suppress: boolean;
  /** How NaN prints ('nan'). */
  nanstr: string;
  /** How infinity prints ('inf'). */
  infstr: string;
  /** '-': a sign for negative values only; '+': always; ' ': a space for positive values. */
  sign: SignMode;
  /** 'maxprec' (at most `precision` digits, fewer when exact), 'fixed' (exactly `precision`), 'unique' (the shortest that reads back), 'maxprec_equal' (as maxprec, every element as many digits). */
  floatmode: FloatMode;
}

/** NumPy's defaults. */
export const DEFAULT_FORMAT: Readonly<PrintOptions> = Object.freeze({
  precision: 8,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 75,
  suppress: false,
  nanstr: 'nan',
  infstr: 'inf',
  sign: '-',
  floatmode: 'maxprec',
});

type Formatter = (flat: number) => string;

/** The shortest decimal that reads back as `x` in the type (float32 needs fewer digits). */
function shortest(x: number, single: boolean): number {
  if (!single || !Number.isFinite(x) || x === 0) return x;
  for (let p = 1; p < 10; p++) {
    const candidate = Math.sign(x) * Number(exponential(Math.abs(x), p - 1));
    if (Math.fround(candidate) === x) return candidate;
  }
  return x;
}

/** `m.toExponential(d)`, but an exact tie rounds to even as NumPy's Dragon4 does (JS rounds up). */
function exponential(m: number, d: number): string {
  const long = m.toExponential(Math.min(100, d + 30));
  const [mantissa, exponent] = long.split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const kept = digits.slice(0, d + 1);
  if (/^50*$/.test(digits.slice(d + 1)) && Number(kept[kept.length - 1]) % 2 === 0) {
    return `${kept[0]}${d > 0 ? '.' + kept.slice(1) : ''}e${exponent}`;
  }
  return m.toExponential(d);
}

/** `m.toFixed(d)` with ties to even. */
function fixed(m: number, d: number): string {
  const long = m.toFixed(Math.min(100, d + 30));
  const cut = long.indexOf('.') + d + 1 - (d === 0 ? 1 : 0);
  const kept = long.slice(0, cut);
  if (/^50*$/.test(long.slice(cut).replace('.', '')) && Number(kept.replace('.', '').slice(-1)) % 2 === 0) return kept;
  return m.toFixed(d);
}

/** `x`'s shortest round-trip digits, written positionally (no exponent). */
function plain(x: number): string {
  const text = x.toString();
  const e = text.indexOf('e-');
  if (e < 0) return text;
  const fraction = text.slice(0, e).split('.')[1]?.length ?? 0;
  return x.toFixed(Math.min(100, fraction + Number(text.slice(e + 2))));
}

/**
 * Positional digits of `raw`: the shortest that read back in its type, cut (correctly rounded
 * from the exact value) at `precision` fractional digits ('unique': never cut; 'fixed':
 * exactly `precision` digits): [integer part, fraction].
 */
function positional(raw: number, single: boolean, o: PrintOptions): [string, string] {
  const negative = raw < 0 || Object.is(raw, -0);
  let text: string;
  if (o.floatmode === 'fixed') text = fixed(Math.abs(raw), o.precision);
  else {
    text = plain(Math.abs(shortest(raw, single)));
    if (o.floatmode !== 'unique' && (text.split('.')[1]?.length ?? 0) > o.precision) text = fixed(Math.abs(raw), o.precision).replace(/(\.\d*?)0+$/, '$1');
  }
  const [whole, fraction = ''] = text.split('.');
  return [(negative ? '-' : '') + whole, fraction];
}

/**
 * Scientific digits of `raw`: [mantissa's integer part, fraction, signed exponent]. At least
 * `minDigits` fractional digits, the extra ones the exact value's (NumPy's min_digits).
 */
function scientific(raw: number, single: boolean, o: PrintOptions, minDigits = 0): [string, string, string] {
  const negative = raw < 0 || Object.is(raw, -0);
  const magnitude = Math.abs(raw);
  let text = o.floatmode === 'fixed' ? exponential(magnitude, o.precision) : Math.abs(shortest(raw, single)).toExponential();
  const digits = (t: string) => t.split('e')[0]!.split('.')[1]?.length ?? 0;
  if (o.floatmode !== 'unique' && o.floatmode !== 'fixed' && digits(text) > o.precision) text = exponential(magnitude, o.precision).replace(/\.?0+e/, 'e');
  if (digits(text) < minDigits) text = exponential(magnitude, minDigits);
  const [mantissa, exponent] = text.split('e') as [string, string];
  const [whole, fraction = ''] = mantissa.split('.');
  return [(negative ? '-' : '') + whole, fraction, exponent];
}

/** NumPy's FloatingFormat: one layout for all the values shown (`sign` '+' for a complex number's imaginary parts). */
function floatFormat(values: readonly number[], single: boolean, o: PrintOptions, signMode: SignMode = o.sign): (x: number) => string {
  const finite = values.filter(Number.isFinite);
  const nonzero = finite.filter((v) => v !== 0).map((v) => Math.abs(shortest(v, single)));
  const max = nonzero.length ? Math.max(...nonzero) : 0;
  const min = nonzero.length ? Math.min(...nonzero) : 0;
  // NumPy's cutoff is 10^min(8, finfo(dtype).precision): 1e8 for float64, 1e6 for float32.
  const exponential = nonzero.length > 0 && (max >= (single ? 1e6 : 1e8) || (!o.suppress && (min < 1e-4 || max / min > 1e3)));
  const plusSign = signMode === '+';
  const sign = (s: string) => (plusSign && !s.startsWith('-') ? '+' + s : s);
  // 'fixed' and 'maxprec_equal' give every value as many digits as the longest (zeros).
  const equal = o.floatmode === 'fixed' || o.floatmode === 'maxprec_equal';
  let padLeft = 0;
  let padRight = 0;
  let precision = 0;
  let exponentDigits = 0;
  if (exponential) {
    const parts = finite.map((v) => scientific(v, single, o));
    precision = Math.max(...parts.map((p) => p[1].length));
    exponentDigits = Math.max(2, ...parts.map((p) => p[2].replace(/^[+-]/, '').length));
    padLeft = Math.max(...parts.map((p) => sign(p[0]).length));
    padRight = exponentDigits + 2 + precision;
  } else if (finite.length) {
    const parts = finite.map((v) => positional(v, single, o));
    padLeft = Math.max(...parts.map((p) => sign(p[0]).length));
    padRight = Math.max(...parts.map((p) => p[1].length));
  }
  if (signMode === ' ' && !finite.some((v) => v < 0 || Object.is(v, -0))) padLeft += 1;
  if (finite.length !== values.length) {
    const negativeInfinity = signMode !== '-' || values.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, o.nanstr.length - (padRight + 1), o.infstr.length + (negativeInfinity ? 1 : 0) - (padRight + 1));
  }
  return (raw: number) => {
    if (!Number.isFinite(raw)) {
      const text = Number.isNaN(raw) ? (plusSign ? '+' : '') + o.nanstr : (raw < 0 ? '-' : plusSign ? '+' : '') + o.infstr;
      return text.padStart(padLeft + padRight + 1);
    }
    if (exponential) {
      const [whole, fraction, exponent] = scientific(raw, single, o, precision);
      const expSign = exponent.startsWith('-') ? '-' : '+';
      const digits = exponent.replace(/^[+-]/, '').padStart(exponentDigits, '0');
      return `${sign(whole).padStart(padLeft)}.${fraction.padEnd(precision, '0')}e${expSign}${digits}`;
    }
    let [whole, fraction] = positional(raw, single, o);
    // Equal digits come from the exact value (NumPy's min_digits), not from zeros.
    if (equal && fraction.length < padRight) {
      const [w, f = ''] = fixed(Math.abs(raw), padRight).split('.');
      whole = (raw < 0 || Object.is(raw, -0) ? '-' : '') + w;
      fraction = f;
    }
    return `${sign(whole).padStart(padLeft)}.${fraction.padEnd(padRight)}`;
  };
}

/**
 * How one axis prints: the positions (in the values given) whose values set the widths, the
 * ones printed before and after the '...' and whether it stands there at all.
 */
interface AxisPlan {
  indices: number[];
  leading: number[];
  trailing: number[];
  cut: boolean;
}

/**
 * The axes' plans. With `cut`, `values` hold only the edges (NumPy's _leading_trailing: 2 ×
 * edgeitems along each cut axis); without, every value, and the cut follows from the threshold.
 * NumPy's quirk for edgeitems 0 is kept: a cut axis then prints '...' and its last element,
 * and all its values count for the widths.
 */
function plans(shape: readonly number[], o: PrintOptions, cut?: readonly boolean[]): AxisPlan[] {
  const size = shape.reduce((a, b) => a * b, 1);
  const e = o.edgeitems;
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  return shape.map((extent, d) => {
    const isCut = cut ? cut[d]! : size > o.threshold && extent > 2 * e;
    if (!isCut) return { indices: all(extent), leading: [], trailing: all(extent), cut: false };
    if (e === 0) return { indices: all(extent), leading: [], trailing: [extent - 1], cut: true };
    const indices = cut ? all(2 * e) : [...all(e), ...all(e).map((i) => extent - e + i)];
    return { indices, leading: indices.slice(0, e), trailing: indices.slice(e), cut: true };
  });
}

function elementFormatter(values: TypedArray, dtype: DType, shown: readonly number[], zeroD: boolean, o: PrintOptions): Formatter {
  if (dtype.kind === 'b') {
    const word = (v: boolean) => (v ? (zeroD ? 'True' : ' True') : 'False');
    return (i) => word((values as Uint8Array)[i] !== 0);
  }
  if (dtype.kind === 'i' || dtype.kind === 'u') {
    // NumPy's IntegerFormat: '{:<sign><width>d}', the width of the longest of the shown maximum
    // (with its sign character) and minimum; ' ' acts as '-' when a value is negative.
    let max = values[shown[0]!]!;
    let min = max;
    for (const i of shown) {
      const v = values[i]!;
      if (v > max) max = v;
      if (v < min) min = v;
    }
    const mode = o.sign === ' ' && min < 0 ? '-' : o.sign;
    const mark = mode === '-' ? '' : mode;
    const width = shown.length ? Math.max(String(max).length + (max >= 0 ? mark.length : 0), String(min).length) : 0;
    return (i) => {
      const v = values[i]!;
      return ((v >= 0 ? mark : '') + String(v)).padStart(width);
    };
  }
  const single = dtype.itemsize === 4 || dtype.name === 'complex64';
  if (dtype.isComplex) {
    const real = floatFormat(shown.map((i) => values[2 * i] as number), single, o);
    const imag = floatFormat(shown.map((i) => values[2 * i + 1] as number), single, o, '+');
    return (i) => {
      const im = imag(values[2 * i + 1] as number);
      const end = im.trimEnd().length;
      return real(values[2 * i] as number) + im.slice(0, end) + 'j' + im.slice(end);
    };
  }
  const format = floatFormat(shown.map((i) => values[i] as number), single, o);
  return (i) => format(values[i] as number);
}

function extendLine(text: string, line: string, word: string, width: number, nextLinePrefix: string): [string, string] {
  // Wrapping does not help when the line holds only the prefix.
  if (line.length + word.length > width && line.length > nextLinePrefix.length) {
    text += line.trimEnd() + '\n';
    line = nextLinePrefix;
  }
  return [text, line + word];
}

/** How {@link formatArray} lays an array out (NumPy's array2string's separator, prefix and suffix). */
export interface Layout {
  separator: string;
  prefix: string;
  suffix: string;
  /** Set when the values hold only the edges of the cut axes (see {@link plans}). */
  cut?: readonly boolean[];
}

/** NumPy's array2string of a non-empty array of `shape` (the values of the shown edges only when `layout.cut` is set). */
export function formatArray(values: TypedArray, shape: readonly number[], dtype: DType, o: PrintOptions, layout: Layout): string {
  const { separator, prefix } = layout;
  const width = o.linewidth - layout.suffix.length;
  const axes = plans(shape, o, layout.cut);
  const extents = layout.cut ? shape.map((e, d) => (layout.cut![d] && o.edgeitems > 0 ? 2 * o.edgeitems : e)) : shape;
  const strides = extents.map((_, d) => extents.slice(d + 1).reduce((a, b) => a * b, 1));
  const shown: number[] = [];
  const collect = (d: number, offset: number): void => {
    if (d === shape.length) shown.push(offset);
    else for (const i of axes[d]!.indices) collect(d + 1, offset + i * strides[d]!);
  };
  collect(0, 0);
  const format = elementFormatter(values, dtype, shown, shape.length === 0, o);
  const recurse = (d: number, offset: number, hangingIndent: string, currentWidth: number): string => {
    if (d === shape.length) return format(offset);
    const nextIndent = hangingIndent + ' ';
    const nextWidth = currentWidth - 1;
    const { leading, trailing, cut: summary } = axes[d]!;
    let text = '';
    if (d === shape.length - 1) {
      const elementWidth = currentWidth - Math.max(separator.trimEnd().length, 1);
      let line = hangingIndent;
      for (const i of leading) {
        [text, line] = extendLine(text, line, recurse(d + 1, offset + i * strides[d]!, nextIndent, nextWidth), elementWidth, hangingIndent);
        line += separator;
      }
      if (summary) {
        [text, line] = extendLine(text, line, '...', elementWidth, hangingIndent);
        line += separator;
      }
      trailing.forEach((i, k) => {
        [text, line] = extendLine(text, line, recurse(d + 1, offset + i * strides[d]!, nextIndent, nextWidth), elementWidth, hangingIndent);
        if (k < trailing.length - 1) line += separator;
      });
      text += line;
    } else {
      const lineSeparator = separator.trimEnd() + '\n'.repeat(shape.length - d - 1);
      for (const i of leading) text += hangingIndent + recurse(d + 1, offset + i * strides[d]!, nextIndent, nextWidth) + lineSeparator;
      if (summary) text += hangingIndent + '...' + lineSeparator;
      trailing.forEach((i, k) => {
        text += hangingIndent + recurse(d + 1, offset + i * strides[d]!, nextIndent, nextWidth) + (k < trailing.length - 1 ? lineSeparator : '');
      });
    }
    return '[' + text.slice(hangingIndent.length) + ']';
  };
  return recurse(0, 0, ' ' + ' '.repeat(prefix.length), width);
}

const IMPLIED = new Set(['float64', 'int64', 'bool', 'complex128']);

/** NumPy's repr: `array([1., 2.])`, with `dtype=...` (and `shape=...`) when NumPy shows them. */
export function formatRepr(values: TypedArray, shape: readonly number[], dtype: DType, o: PrintOptions = DEFAULT_FORMAT, cut?: readonly boolean[]): string {
  const prefix = 'array(';
  const size = shape.reduce((a, b) => a * b, 1);
  const body = size === 0 ? '[]' : formatArray(values, shape, dtype, o, { separator: ', ', prefix, suffix: ')', cut });
  const extras: string[] = [];
  if ((size === 0 && !(shape.length === 1 && shape[0] === 0)) || size > o.threshold) {
    extras.push(`shape=(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`);
  }
  if (!IMPLIED.has(dtype.name) || size === 0) extras.push(`dtype=${dtype.name}`);
  if (!extras.length) return prefix + body + ')';
  const text = prefix + body + ',';
  const lastLine = text.length - (text.lastIndexOf('\n') + 1);
  const extra = extras.join(', ') + ')';
  return text + (lastLine + extra.length + 1 > o.linewidth ? '\n' + ' '.repeat(prefix.length) : ' ') + extra;
}

/**
 * Python's repr of a float (what NumPy's str of a 0-d float array shows). A float32 is shown by
 * its shortest digits, in scientific form from 1e6 up (NumPy's cutoff for float32 scalars, 1e16
 * for float64) or when its exact value is below 1e-4.
 */
function pythonFloat(raw: number, single: boolean): string {
  const x = shortest(raw, single);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude >= (single ? 1e6 : 1e16) || Math.abs(raw) < 1e-4)) {
    const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${exponent.startsWith('-') ? '-' : '+'}${digits}`;
  }
  const text = Object.is(x, -0) ? '-0' : String(x);
  return text.includes('.') ? text : text + '.0';
}

/** NumPy's str: `[1. 2.]` (a 0-d array prints its element as Python does). */
export function formatStr(values: TypedArray, shape: readonly number[], dtype: DType, o: PrintOptions = DEFAULT_FORMAT, cut?: readonly boolean[]): string {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return '[]';
  if (shape.length === 0) {
    if (dtype.kind === 'b') return values[0] ? 'True' : 'False';
    if (dtype.kind === 'i' || dtype.kind === 'u') return String(values[0]);
    const single = dtype.itemsize === 4 || dtype.name === 'complex64';
    if (!dtype.isComplex) return pythonFloat(values[0] as number, single);
    const [re, im] = [values[0] as number, values[1] as number];
    // Python's complex repr: integral parts without '.0', a pure imaginary without parentheses.
    const part = (v: number) => pythonFloat(v, single).replace(/\.0$/, '').replace(/\.0e/, 'e');
    if (re === 0 && !Object.is(re, -0)) return `${part(im)}j`;
    return `(${part(re)}${im < 0 || Object.is(im, -0) ? '' : '+'}${part(im)}j)`;
  }
  return formatArray(values, shape, dtype, o, { separator: ' ', prefix: '', suffix: '', cut });
}
