// Printing against NumPy's own repr and str, on fresh random values of every dtype and shape.
import { describe, expect, it } from 'vitest';

import { dtype, type TypedArray } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { argumentOf, ours, randint, random, useNumpyAndForcedPartitioning } from './harness.js';
import { formatRepr, formatStr } from '../src/format.js';

const { python, py } = useNumpyAndForcedPartitioning();

async function expectPrintsLikeNumpy(v: NdValue): Promise<void> {
  const [repr, str] = await py!.run<[string, string]>('out = [repr(x), str(x)]', { x: v });
  const t = dtype(v.dtype as never);
  expect(formatRepr(v.data as TypedArray, v.shape, t), `repr of ${v.dtype} ${JSON.stringify(v.shape)}`).toBe(repr);
  expect(formatStr(v.data as TypedArray, v.shape, t), `str of ${v.dtype} ${JSON.stringify(v.shape)}`).toBe(str);
}

const FAMILIES = ['bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];

/** Float values of one magnitude class: plain, integral, tiny, huge, widely spread, special. */
function floats(t: string, shape: number[], kind: number): NdValue {
  const v = random(t, shape);
  const data = v.data as Float64Array;
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    data[i] = [x, Math.round(x * 3), x * 1e-6, x * 1e9, x * 10 ** randint(-3, 5), [NaN, Infinity, -Infinity, -0, 0][randint(0, 4)]!][kind]!;
    if (kind === 5 && Math.random() < 0.5) data[i] = x;
  }
  return v;
}

describe.skipIf(!python.ok)('printing against NumPy', () => {
  it('prints every dtype in 0-d, 1-d, 2-d and 3-d shapes as NumPy does', async () => {
    for (const t of FAMILIES) {
      for (const shape of [[], [1], [randint(2, 8)], [randint(1, 4), randint(1, 5)], [2, randint(1, 3), randint(2, 4)], [1, 1, 3]]) {
        await expectPrintsLikeNumpy(random(t, shape, 10 ** randint(0, 3)));
      }
    }
  });

  it('chooses positional or scientific notation, pads and aligns as NumPy does', async () => {
    for (const t of ['float32', 'float64', 'complex128']) {
      for (let kind = 0; kind < 6; kind++) {
        await expectPrintsLikeNumpy(floats(t, [randint(1, 7)], kind));
        await expectPrintsLikeNumpy(floats(t, [randint(1, 3), randint(1, 4)], kind));
      }
    }
  });

  it('switches float32 to scientific notation from 1e6 (float64 from 1e8), as NumPy does', async () => {
    for (const x of [999999.94, 1e6, -13605041, 1e7, 1e-4, 1.00000005e-4, 9.9e-5]) {
      for (const shape of [[], [1], [2]]) {
        const size = shape.length ? shape[0]! : 1;
        await expectPrintsLikeNumpy({ dtype: 'float32', shape, data: Float32Array.from({ length: size }, (_, i) => x * (i + 1)) });
        await expectPrintsLikeNumpy({ dtype: 'complex64', shape, data: Float32Array.from({ length: 2 * size }, (_, i) => (i % 2 ? 1 : x)) });
        await expectPrintsLikeNumpy({ dtype: 'float64', shape, data: Float64Array.from({ length: size }, (_, i) => x * 10 * (i + 1)) });
      }
    }
  });

  it('rounds exact ties at the last digit to even, as NumPy does', async () => {
    await expectPrintsLikeNumpy({ dtype: 'float32', shape: [2], data: Float32Array.from([406539.625, 1e-5]) });
    await expectPrintsLikeNumpy({ dtype: 'float64', shape: [3], data: Float64Array.from([0.001953125, 1, 0.005859375]) });
    await expectPrintsLikeNumpy({ dtype: 'float64', shape: [2], data: Float64Array.from([2.5e-5, 1]) });
  });

  it('wraps long rows at 75 columns and summarises more than 1000 elements', async () => {
    for (const t of ['int64', 'float64', 'bool', 'complex64']) {
      await expectPrintsLikeNumpy(random(t, [randint(20, 60)]));
      await expectPrintsLikeNumpy(random(t, [3, randint(12, 30)]));
      await expectPrintsLikeNumpy(random(t, [randint(1001, 3000)]));
      await expectPrintsLikeNumpy(random(t, [randint(40, 60), randint(30, 50)]));
      await expectPrintsLikeNumpy(random(t, [11, 12, 13]));
    }
  });

  it('prints empty arrays with their shape and dtype', async () => {
    for (const shape of [[0], [0, 3], [2, 0]]) await expectPrintsLikeNumpy(random('float32', shape));
  });

  it('is what util.inspect and toString of an ndarray show', async () => {
    const a = np.array([[1.5, -2], [3.25, 1e-7]]);
    const [repr, str] = await py!.run<[string, string]>('x = np.array([[1.5, -2], [3.25, 1e-7]]); out = [repr(x), str(x)]');
    const { inspect } = await import('node:util');
    expect(inspect(a)).toBe(repr);
    expect(String(a)).toBe(str);
  });
});

/** Python's literal for a print option's value. */
const pyValue = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
const pyKeywords = (o: Record<string, unknown>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${pyValue(v)}`)
    .join(', ');

describe.skipIf(!python.ok)('print options against NumPy', () => {
  const OPTIONS: Partial<np.PrintOptions>[] = [
    { precision: 3 },
    { precision: 0 },
    { precision: 2, suppress: true },
    { suppress: true },
    { floatmode: 'fixed', precision: 4 },
    { floatmode: 'fixed' },
    { floatmode: 'unique' },
    { floatmode: 'unique', suppress: true },
    { floatmode: 'maxprec_equal', precision: 5 },
    { sign: '+' },
    { sign: ' ' },
    { sign: ' ', floatmode: 'fixed', precision: 2 },
    { nanstr: 'NaN', infstr: 'Infinity' },
    { threshold: 10, edgeitems: 2 },
    { threshold: 0, edgeitems: 1 },
    { linewidth: 30 },
    { linewidth: 120, precision: 10 },
  ];

  async function expectLikeNumpyUnder(o: Record<string, unknown>, v: NdValue): Promise<void> {
    const [repr, str] = await py!.run<[string, string]>(`with np.printoptions(${pyKeywords(o)}):\n    out = [repr(x), str(x)]`, { x: v });
    const a = ours(v);
    const got = np.printoptions(o, () => [np.arrayRepr(a), String(a)]);
    const where = `${JSON.stringify(o)} ${v.dtype} ${JSON.stringify(v.shape)}`;
    expect(got[0], `repr under ${where}`).toBe(repr);
    expect(got[1], `str under ${where}`).toBe(str);
  }

  it('prints under every option as NumPy does, and restores the options after', async () => {
    const before = np.getPrintoptions();
    for (const o of OPTIONS) {
      for (const t of ['float64', 'float32', 'complex128', 'int32', 'bool']) {
        for (let kind = 0; kind < 6; kind++) {
          if (!/float|complex/.test(t) && kind > 0) break;
          const v = /float|complex/.test(t) ? floats(t, [randint(1, 14)], kind) : random(t, [randint(1, 14)], 200);
          await expectLikeNumpyUnder(o, v);
        }
        await expectLikeNumpyUnder(o, random(t, [randint(2, 5), randint(2, 6)]));
        await expectLikeNumpyUnder(o, random(t, []));
      }
    }
    expect(np.getPrintoptions()).toEqual(before);
  });

  it('summarises large arrays from their edges, under threshold and edgeitems', async () => {
    for (const o of [{}, { threshold: 50, edgeitems: 4 }, { edgeitems: 1 }, { threshold: 20, edgeitems: 0 }]) {
      for (const shape of [[1500], [40, 50], [3, 400], [12, 13, 14]]) await expectLikeNumpyUnder(o, random('float64', shape));
      await expectLikeNumpyUnder(o, random('int16', [2000], 1000));
    }
    // The edges only are read: a 2-D view of a large array prints its corners.
    const big = np.arange(4_000_000).reshape(2000, 2000);
    const [want] = await py!.run<[string]>('out = [repr(np.arange(4_000_000).reshape(2000, 2000)[::3, 7:])]');
    expect(np.arrayRepr(big.slice('::3, 7:'))).toBe(want);
  });

  it('setPrintoptions, array2string, arrayRepr and arrayStr', async () => {
    const v = floats('float64', [9], 0);
    const a = ours(v);
    const before = np.getPrintoptions();
    try {
      np.setPrintoptions({ precision: 4, sign: '+' });
      np.setPrintoptions({ linewidth: 40 });
      const [repr] = await py!.run<[string]>('np.set_printoptions(precision=4, sign="+", linewidth=40)\ntry:\n    out = [repr(x)]\nfinally:\n    np.set_printoptions(precision=8, sign="-", linewidth=75)', { x: v });
      expect(np.getPrintoptions()).toMatchObject({ precision: 4, sign: '+', linewidth: 40, threshold: 1000 });
      const { inspect } = await import('node:util');
      expect(inspect(a)).toBe(repr);
    } finally {
      np.setPrintoptions(before);
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ separator: ', ', prefix: 'xx(', suffix: ')' }, "separator=', ', prefix='xx(', suffix=')'"],
      [{ maxLineWidth: 30, prefix: 'hello(' }, "max_line_width=30, prefix='hello('"],
      [{ precision: 2, sign: '+', floatmode: 'fixed' }, "precision=2, sign='+', floatmode='fixed'"],
      [{ suppressSmall: true, threshold: 4, edgeitems: 1 }, 'suppress_small=True, threshold=4, edgeitems=1'],
    ];
    for (const [ours_, theirs] of cases) {
      const [want] = await py!.run<[string]>(`out = [np.array2string(x, ${theirs})]`, { x: v });
      expect(np.array2string(a, ours_), theirs).toBe(want);
    }
    const [r, s, s0] = await py!.run<[string, string, string]>('out = [np.array_repr(x, 30, 3), np.array_str(x, precision=2, suppress_small=True), np.array_str(np.array(1.23456789123), precision=2)]', { x: v });
    expect(np.arrayRepr(a, 30, 3)).toBe(r);
    expect(np.arrayStr(a, { precision: 2, suppressSmall: true })).toBe(s);
    expect(np.arrayStr(np.array(1.23456789123), { precision: 2 })).toBe(s0);
  });

  it('refuses bad options, naming them, and leaves the options as they were', () => {
    const before = np.getPrintoptions();
    expect(argumentOf(() => np.setPrintoptions({ precision: -1 }))).toEqual(['ValueError', 'precision']);
    expect(argumentOf(() => np.setPrintoptions({ precision: 3, threshold: 1.5 }))).toEqual(['ValueError', 'threshold']);
    expect(argumentOf(() => np.setPrintoptions({ sign: 'x' as never }))).toEqual(['ValueError', 'sign']);
    expect(argumentOf(() => np.setPrintoptions({ floatmode: 'exact' as never }))).toEqual(['ValueError', 'floatmode']);
    expect(argumentOf(() => np.setPrintoptions({ suppress: 1 as never }))).toEqual(['DTypeError', 'suppress']);
    expect(argumentOf(() => np.setPrintoptions({ linewidth: 0 }))).toEqual(['ValueError', 'linewidth']);
    expect(argumentOf(() => np.setPrintoptions({ legacy: '1.13' } as never))).toEqual(['UnknownOptionError', 'options']);
    expect(argumentOf(() => np.printoptions({ precision: 2 }, 5 as never))).toEqual(['ArgumentError', 'fn']);
    expect(argumentOf(() => np.printoptions({ precision: 2 }, async () => 1))).toEqual(['ArgumentError', 'fn']);
    expect(argumentOf(() => np.printoptions({ precision: 2 }, () => { throw new RangeError('inside'); }))).toEqual(['RangeError', undefined]);
    expect(argumentOf(() => np.array2string(np.ones([2]), { separator: 1 as never }))).toEqual(['DTypeError', 'separator']);
    expect(argumentOf(() => np.array2string([1, 2] as never))).toEqual(['DTypeError', 'a']);
    expect(argumentOf(() => np.arrayRepr(np.ones([2]), { precision: 'x' as never }))).toEqual(['ValueError', 'precision']);
    expect(np.getPrintoptions()).toEqual(before);
    expect(np.getPrintoptions()).toEqual({ precision: 8, threshold: 1000, edgeitems: 3, linewidth: 75, suppress: false, nanstr: 'nan', infstr: 'inf', sign: '-', floatmode: 'maxprec' });
  });
});
