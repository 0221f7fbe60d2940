// numpy.random's counterpart: the Philox block function against the published known answers,
// values independent of partitioning and shape, and the distributions against SciPy's
// goodness-of-fit tests on fresh seeds.
import { describe, expect, it } from 'vitest';

import { DTypeError, setPartitionSettings, ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { philox4x32 } from '../src/native.js';
import { useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();

const hex = (words: number[]) => words.map((w) => w.toString(16).padStart(8, '0')).join(' ');
const freshSeed = () => Math.floor(Math.random() * 2 ** 52);
const values = (a: np.ndarray) => ({ dtype: a.dtype.name, shape: a.shape, data: a.toArray() });

describe('Philox4x32-10', () => {
  // Random123's kat_vectors for philox4x32 with 10 rounds.
  it.each([
    [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
    [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], '408f276d 41c83b0e a20bc7c6 6d5451fd'],
    [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], 'd16cfe09 94fdcceb 5001e420 24126ea1'],
  ])('counter %j, key %j', (counter, key, want) => {
    expect(hex(philox4x32(counter, key))).toBe(want);
  });
});

describe('reproducibility', () => {
  it('a seed fixes the values; each draw is new; other seeds differ', () => {
    const seed = freshSeed();
    const a = np.random.defaultRng(seed);
    const b = np.random.defaultRng(seed);
    const first = a.random(1000).toArray();
    expect(b.random(1000).toArray()).toEqual(first);
    expect(a.random(1000).toArray()).not.toEqual(first);
    expect(np.random.defaultRng(seed + 1).random(1000).toArray()).not.toEqual(first);
    np.random.seed(seed);
    const legacy = np.random.rand(10, 100).toArray();
    np.random.seed(seed);
    expect(np.random.rand(10, 100).toArray()).toEqual(legacy);
    expect(Array.from(legacy as Float64Array)).toEqual(Array.from(first as Float64Array));
  });

  it('values do not depend on the partition, the piece count, or the shape the elements are laid out in', () => {
    const seed = freshSeed();
    const draws = (rng: np.random.Generator) => [
      rng.random([37, 29]),
      rng.standardNormal([5, 7, 11], 'float32'),
      rng.integers(-1000, 1000, [3, 41]),
      rng.normal(2, 3, 1001),
      rng.uniform(-5, 5, [2, 3, 4, 5]),
    ];
    const split = draws(np.random.defaultRng(seed)).map((a) => Array.from(a.toArray() as ArrayLike<number | bigint>));
    const saved = setPartitionSettings({ force: false, pieces: 1 });
    try {
      const whole = draws(np.random.defaultRng(seed)).map((a) => Array.from(a.toArray() as ArrayLike<number | bigint>));
      expect(whole).toEqual(split);
    } finally {
      setPartitionSettings(saved);
    }
    // The same draw as one flat array: element i in C order is the same value.
    const flat = np.random.defaultRng(seed);
    expect(Array.from(flat.random(37 * 29).toArray() as Float64Array)).toEqual(split[0]);
    // Views of the result are just views: a slice of a draw holds the draw's values.
    const grid = np.random.defaultRng(seed).random([37, 29]);
    const column = grid.slice(':, 3').toArray() as Float64Array;
    column.forEach((v, i) => expect(v).toBe(split[0]![i * 29 + 3]));
  });

  it('empty and 0-d draws', () => {
    const rng = np.random.defaultRng(1);
    expect(rng.random([0, 4]).shape).toEqual([0, 4]);
    const scalar = rng.normal();
    expect(scalar.shape).toEqual([]);
    expect(Number.isFinite(scalar.item() as number)).toBe(true);
    expect(rng.integers(5).ndim).toBe(0);
  });
});

describe.skipIf(!python.ok)('distributions against SciPy', () => {
  // Fresh seeds each run; a p-value below 1e-6 would be a one-in-a-million accident for a correct
  // generator, while a biased one fails by many orders of magnitude at these sizes.
  const P = 1e-6;
  const N = 200_000;
  const ks = async (sample: np.ndarray, distribution: string, args = '()') =>
    py!.run<number>(`import scipy.stats\nout = float(scipy.stats.kstest(x.astype(np.float64), '${distribution}', args=${args}).pvalue)`, { x: values(sample) });

  it.each(['float64', 'float32'] as const)('random and standardNormal (%s): Kolmogorov–Smirnov', async (dtype) => {
    const seed = freshSeed();
    const rng = np.random.defaultRng(seed);
    const u = rng.random(N, dtype);
    expect(u.dtype.name).toBe(dtype);
    expect(await ks(u, 'uniform'), `seed ${seed}`).toBeGreaterThan(P);
    const z = rng.standardNormal(N, dtype);
    expect(z.dtype.name).toBe(dtype);
    expect(await ks(z, 'norm'), `seed ${seed}`).toBeGreaterThan(P);
    expect(np.min(u).item()).toBeGreaterThanOrEqual(0);
    expect(np.max(u).item()).toBeLessThan(1);
  });

  it('uniform(low, high) and normal(loc, scale), scalars and arrays', async () => {
    const seed = freshSeed();
    const rng = np.random.defaultRng(seed);
    expect(await ks(rng.uniform(-3, 7, N), 'uniform', '(-3, 10)'), `seed ${seed}`).toBeGreaterThan(P);
    expect(await ks(rng.normal(5, 0.25, N), 'norm', '(5, 0.25)'), `seed ${seed}`).toBeGreaterThan(P);
    // Array parameters broadcast: each row has its own mean and spread.
    const loc = np.array([[-100], [0], [100]]);
    const scale = np.array([[1], [2], [3]], 'float64');
    const rows = rng.normal(loc, scale, [3, N / 4]);
    for (let r = 0; r < 3; r++) {
      expect(await ks(rows.slice(r), 'norm', `(${[-100, 0, 100][r]}, ${r + 1})`), `seed ${seed} row ${r}`).toBeGreaterThan(P);
    }
    const box = rng.uniform(np.array([0, 10]), 12);
    expect(box.shape).toEqual([2]);
    const [x, y] = box.toArray() as Float64Array;
    expect(x! >= 0 && x! < 12 && y! >= 10 && y! < 12).toBe(true);
  });

  it('integers: chi-square over small ranges, every dtype, endpoint, full 64-bit ranges', async () => {
    const seed = freshSeed();
    const rng = np.random.defaultRng(seed);
    const chi = async (sample: np.ndarray, low: number, count: number) =>
      py!.run<number>(
        `import scipy.stats\nc = np.bincount((x.astype(np.int64) - ${low}), minlength=${count})\nassert len(c) == ${count}, len(c)\nout = float(scipy.stats.chisquare(c).pvalue)`,
        { x: values(sample) },
      );
    for (const dtype of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const) {
      const low = dtype.startsWith('u') ? 3 : -7;
      const sample = rng.integers(low, low + 10, N, dtype);
      expect(sample.dtype.name).toBe(dtype);
      expect(await chi(sample, low, 10), `${dtype} seed ${seed}`).toBeGreaterThan(P);
    }
    expect(await chi(rng.integers(-128, 127, N, 'int8', true), -128, 256), `int8 full range, seed ${seed}`).toBeGreaterThan(P);
    expect(await chi(rng.integers(0, 1, N, 'bool', true), 0, 2), `bool, seed ${seed}`).toBeGreaterThan(P);
    expect(await chi(np.random.randint(6, undefined, N), 0, 6), 'randint(6)').toBeGreaterThan(P);
    // A range not a power of two, close to 2^31: rejection keeps it unbiased (the top half
    // of the range would be over-represented by plain modulo).
    const big = rng.integers(0, 3 * 2 ** 30, N);
    const upper = await py!.run<number>('import scipy.stats\nout = float(scipy.stats.binomtest(int((x >= 2**31).sum()), len(x), 1/3).pvalue)', { x: values(big) });
    expect(upper, `seed ${seed}`).toBeGreaterThan(P);
    // Whole 64-bit ranges: each bit is a fair coin.
    for (const [dtype, low, high] of [['uint64', 0n, 2n ** 64n - 1n], ['int64', -(2n ** 63n), 2n ** 63n - 1n]] as const) {
      const words = rng.integers(low, high, 4096, dtype, true);
      const p = await py!.run<number>(
        'import scipy.stats\nb = np.unpackbits(x.view(np.uint8)).astype(np.int64)\nout = float(scipy.stats.binomtest(int(b.sum()), len(b), 0.5).pvalue)',
        { x: values(words) },
      );
      expect(p, `${dtype} seed ${seed}`).toBeGreaterThan(P);
    }
  });

  it('module-level functions: rand, randn, random, uniform, normal', async () => {
    np.random.seed(freshSeed());
    expect(np.random.rand(4, 5).shape).toEqual([4, 5]);
    expect(await ks(np.random.randn(N), 'norm')).toBeGreaterThan(P);
    expect(await ks(np.random.random([N]), 'uniform')).toBeGreaterThan(P);
    expect(await ks(np.random.uniform(1, 2, N), 'uniform', '(1, 1)')).toBeGreaterThan(P);
    expect(await ks(np.random.normal(-1, 2, N), 'norm', '(-1, 2)')).toBeGreaterThan(P);
    expect(await ks(np.random.standardNormal(N), 'norm')).toBeGreaterThan(P);
  });
});

describe('bad input', () => {
  const rng = np.random.defaultRng(0);
  it.each([
    [() => rng.integers(5, 5), np.ValueError, /^high: low >= high/],
    [() => rng.integers(0, 300, 3, 'uint8'), np.ValueError, /^high: high is out of bounds for uint8/],
    [() => rng.integers(-1, 3, 3, 'uint8'), np.ValueError, /^low: low is out of bounds for uint8/],
    [() => rng.integers(0, 3, 3, 'float64'), DTypeError, /^dtype: integers: unsupported dtype 'float64'/],
    [() => rng.integers(0.5, 3), DTypeError, /^low: expected an integer/],
    [() => rng.random(3, 'int32'), DTypeError, /^dtype: random: unsupported dtype 'int32'/],
    [() => rng.normal(0, -1, 3), np.ValueError, /^scale: scale < 0/],
    [() => rng.normal(0, np.array([1, -2]), 2), np.ValueError, /^scale: scale < 0 \(smallest: -2\)/],
    [() => rng.uniform(0, NaN), np.ValueError, /^high: must not be NaN/],
    [() => rng.random([2, -1]), ShapeError, /^size: negative dimensions/],
    [() => np.random.defaultRng(-1), np.ValueError, /^seed: must be between 0 and 2\*\*64 - 1/],
    [() => np.random.defaultRng(2n ** 64n), np.ValueError, /^seed: must be between/],
    [() => rng.normal(np.ones([2, 3]), 1, [3]), ShapeError, /^size: shape mismatch: parameters of shape \(2,3\) cannot be broadcast to size \(3,\)/],
  ])('%s', (f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});

describe('Generator.spawn', () => {
  it('gives children with their own reproducible streams, drawing nothing from the parent', () => {
    const draw = (g: np.random.Generator) => Array.from(g.random(64).toArray() as Float64Array);
    const parent = np.random.defaultRng(2024);
    const [a, b] = parent.spawn(2);
    const [a2, b2] = np.random.defaultRng(2024).spawn(2);
    const aValues = draw(a!);
    expect(draw(a2!)).toEqual(aValues);
    expect(draw(b2!)).toEqual(draw(b!));
    expect(draw(parent)).toEqual(draw(np.random.defaultRng(2024)));
    // Later spawns give new children; grandchildren differ from children.
    const [c] = parent.spawn(1);
    const [grandchild] = a!.spawn(1);
    const streams = [aValues, draw(b!), draw(c!), draw(grandchild!), draw(np.random.defaultRng(2024))];
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) expect(streams[i]).not.toEqual(streams[j]);
    }
    // The children are uniform too (a coarse check of the derived keys).
    const mean = streams.slice(0, 4).flat().reduce((s, x) => s + x, 0) / 256;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.1);
    expect(np.random.defaultRng(1).spawn(0)).toEqual([]);
    expect(() => parent.spawn(-1)).toThrow(/nChildren/);
    expect(() => parent.spawn(1.5)).toThrow(/nChildren/);
  });
});
