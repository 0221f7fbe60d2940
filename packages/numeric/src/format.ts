// NumPy's printout of an array (repr and str with the default print options: precision 8,
// threshold 1000, edge items 3, line width 75): the same number formats, padding, wrapping and
// summarising, so a printed array reads as NumPy's would.
import type { DType, TypedArray } from '@legate/core';

const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;

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

/**
 * Positional digits of `raw`: the shortest that read back in its type, cut (correctly rounded
 * from the exact value) at PRECISION fractional digits: [integer part, fraction].
 */
function positional(raw: number, single: boolean): [string, string] {
  const negative = raw < 0 || Object.is(raw, -0);
  let text = Math.abs(shortest(raw, single)).toString();
  if (/e/.test(text) || (text.split('.')[1]?.length ?? 0) > PRECISION) text = fixed(Math.abs(raw), PRECISION).replace(/0+$/, '');
  const [whole, fraction = ''] = text.split('.');
  return [(negative ? '-' : '') + whole, fraction];
}

/**
 * Scientific digits of `raw`: [mantissa's integer part, fraction, signed exponent]. At least
 * `minDigits` fractional digits, the extra ones the exact value's (NumPy's min_digits).
 */
function scientific(raw: number, single: boolean, minDigits = 0): [string, string, string] {
  const negative = raw < 0 || Object.is(raw, -0);
  const magnitude = Math.abs(raw);
  let text = Math.abs(shortest(raw, single)).toExponential();
  const digits = (t: string) => t.split('e')[0]!.split('.')[1]?.length ?? 0;
  if (digits(text) > PRECISION) text = exponential(magnitude, PRECISION).replace(/\.?0+e/, 'e');
  if (digits(text) < minDigits) text = exponential(magnitude, minDigits);
  const [mantissa, exponent] = text.split('e') as [string, string];
  const [whole, fraction = ''] = mantissa.split('.');
  return [(negative ? '-' : '') + whole, fraction, exponent];
}

/** NumPy's FloatingFormat: one layout for all the values shown. */
function floatFormat(values: readonly number[], single: boolean, plusSign = false): (x: number) => string {
  const finite = values.filter(Number.isFinite);
  const nonzero = finite.filter((v) => v !== 0).map((v) => Math.abs(shortest(v, single)));
  const max = nonzero.length ? Math.max(...nonzero) : 0;
  const min = nonzero.length ? Math.min(...nonzero) : 0;
  const exponential = nonzero.length > 0 && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
  const sign = (s: string) => (plusSign && !s.startsWith('-') ? '+' + s : s);
  let padLeft = 0;
  let padRight = 0;
  let precision = 0;
  let exponentDigits = 0;
  if (exponential) {
    const parts = finite.map((v) => scientific(v, single));
    precision = Math.max(...parts.map((p) => p[1].length));
    exponentDigits = Math.max(2, ...parts.map((p) => p[2].replace(/^[+-]/, '').length));
    padLeft = Math.max(...parts.map((p) => sign(p[0]).length));
    padRight = exponentDigits + 2 + precision;
  } else if (finite.length) {
    const parts = finite.map((v) => positional(v, single));
    padLeft = Math.max(...parts.map((p) => sign(p[0]).length));
    padRight = Math.max(...parts.map((p) => p[1].length));
  }
  if (finite.length !== values.length) {
    const negativeInfinity = plusSign || values.some((v) => v === -Infinity);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negativeInfinity ? 1 : 0) - (padRight + 1));
  }
  return (raw: number) => {
    if (!Number.isFinite(raw)) {
      const text = Number.isNaN(raw) ? (plusSign ? '+nan' : 'nan') : raw < 0 ? '-inf' : plusSign ? '+inf' : 'inf';
      return text.padStart(padLeft + padRight + 1);
    }
    if (exponential) {
      const [whole, fraction, exponent] = scientific(raw, single, precision);
      const expSign = exponent.startsWith('-') ? '-' : '+';
      const digits = exponent.replace(/^[+-]/, '').padStart(exponentDigits, '0');
      return `${sign(whole).padStart(padLeft)}.${fraction.padEnd(precision, '0')}e${expSign}${digits}`;
    }
    const [whole, fraction] = positional(raw, single);
    return `${sign(whole).padStart(padLeft)}.${fraction.padEnd(padRight)}`;
  };
}

/** The indices shown along an axis of `extent`: all, or the edge items around a summary. */
function shownIndices(extent: number, summarise: boolean): number[] {
  const all = Array.from({ length: extent }, (_, i) => i);
  return summarise && extent > 2 * EDGE_ITEMS ? [...all.slice(0, EDGE_ITEMS), ...all.slice(extent - EDGE_ITEMS)] : all;
}

function elementFormatter(values: TypedArray, dtype: DType, shown: readonly number[], zeroD: boolean): Formatter {
  if (dtype.kind === 'b') {
    const word = (v: boolean) => (v ? (zeroD ? 'True' : ' True') : 'False');
    return (i) => word((values as Uint8Array)[i] !== 0);
  }
  if (dtype.kind === 'i' || dtype.kind === 'u') {
    const texts = shown.map((i) => String(values[i]));
    const width = Math.max(0, ...texts.map((t) => t.length));
    return (i) => String(values[i]).padStart(width);
  }
  const single = dtype.itemsize === 4 || dtype.name === 'complex64';
  if (dtype.isComplex) {
    const real = floatFormat(shown.map((i) => values[2 * i] as number), single);
    const imag = floatFormat(shown.map((i) => values[2 * i + 1] as number), single, true);
    return (i) => {
      const im = imag(values[2 * i + 1] as number);
      const end = im.trimEnd().length;
      return real(values[2 * i] as number) + im.slice(0, end) + 'j' + im.slice(end);
    };
  }
  const format = floatFormat(shown.map((i) => values[i] as number), single);
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

/** NumPy's array2string for a non-empty array. */
function layout(values: TypedArray, shape: readonly number[], dtype: DType, separator: string, prefix: string, width: number): string {
  const size = shape.reduce((a, b) => a * b, 1);
  const summarise = size > THRESHOLD;
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const perAxis = shape.map((e) => shownIndices(e, summarise));
  const shown: number[] = [];
  const collect = (d: number, offset: number): void => {
    if (d === shape.length) shown.push(offset);
    else for (const i of perAxis[d]!) collect(d + 1, offset + i * strides[d]!);
  };
  collect(0, 0);
  const format = elementFormatter(values, dtype, shown, shape.length === 0);
  const recurse = (d: number, offset: number, hangingIndent: string, currentWidth: number): string => {
    if (d === shape.length) return format(offset);
    const nextIndent = hangingIndent + ' ';
    const nextWidth = currentWidth - 1;
    const extent = shape[d]!;
    const summary = summarise && 2 * EDGE_ITEMS < extent;
    const indices = shownIndices(extent, summarise);
    const leading = summary ? indices.slice(0, EDGE_ITEMS) : [];
    const trailing = summary ? indices.slice(EDGE_ITEMS) : indices;
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
export function arrayRepr(values: TypedArray, shape: readonly number[], dtype: DType): string {
  const prefix = 'array(';
  const size = shape.reduce((a, b) => a * b, 1);
  const body = size === 0 ? '[]' : layout(values, shape, dtype, ', ', prefix, LINE_WIDTH - 1);
  const extras: string[] = [];
  if ((size === 0 && !(shape.length === 1 && shape[0] === 0)) || size > THRESHOLD) {
    extras.push(`shape=(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`);
  }
  if (!IMPLIED.has(dtype.name) || size === 0) extras.push(`dtype=${dtype.name}`);
  if (!extras.length) return prefix + body + ')';
  const text = prefix + body + ',';
  const lastLine = text.length - (text.lastIndexOf('\n') + 1);
  const extra = extras.join(', ') + ')';
  return text + (lastLine + extra.length + 1 > LINE_WIDTH ? '\n' + ' '.repeat(prefix.length) : ' ') + extra;
}

/** Python's repr of a float (what NumPy's str of a 0-d float array shows). */
function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
    const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${exponent.startsWith('-') ? '-' : '+'}${digits}`;
  }
  const text = Object.is(x, -0) ? '-0' : String(x);
  return text.includes('.') ? text : text + '.0';
}

/** NumPy's str: `[1. 2.]` (a 0-d array prints its element as Python does). */
export function arrayStr(values: TypedArray, shape: readonly number[], dtype: DType): string {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return '[]';
  if (shape.length === 0) {
    if (dtype.kind === 'b') return values[0] ? 'True' : 'False';
    if (dtype.kind === 'i' || dtype.kind === 'u') return String(values[0]);
    const single = dtype.itemsize === 4 || dtype.name === 'complex64';
    if (!dtype.isComplex) return pythonFloat(shortest(values[0] as number, single));
    const [re, im] = [shortest(values[0] as number, single), shortest(values[1] as number, single)];
    // Python's complex repr: integral parts without '.0', a pure imaginary without parentheses.
    const part = (v: number) => pythonFloat(v).replace(/\.0$/, '').replace(/\.0e/, 'e');
    if (re === 0 && !Object.is(re, -0)) return `${part(im)}j`;
    return `(${part(re)}${im < 0 || Object.is(im, -0) ? '' : '+'}${part(im)}j)`;
  }
  return layout(values, shape, dtype, ' ', '', LINE_WIDTH);
}
