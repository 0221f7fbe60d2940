// numpy.random.Generator's distributions: goodness of fit against SciPy (Kolmogorov–Smirnov for
// continuous ones, chi-square for discrete ones) on fresh seeds, moments of the multivariate
// ones, exact checks of permutations and samples, reproducibility under any partitioning,
// broadcasting of array parameters, bad parameters, and no leaked stores.
import { describe, expect, it } from 'vitest';

import { DTypeError, setPartitionSettings, ShapeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();

const freshSeed = () => Math.floor(Math.random() * 2 ** 52);
const values = (a: np.ndarray) => ({ dtype: a.dtype.name, shape: a.shape, data: a.toArray() });
const N = 20_000;
// A correct sampler fails a test at this level once in a million runs; a biased one with N = 20,000 draws gives p far below it.
const P = 1e-6;
type G = np.random.Generator;

describe.skipIf(!python.ok)('continuous distributions against SciPy (Kolmogorov–Smirnov)', () => {
  const ks = (sample: np.ndarray, distribution: string, args: string) =>
    py!.run<number>(`import scipy.stats\nout = float(scipy.stats.kstest(x.astype(np.float64).ravel(), '${distribution}', args=${args}).pvalue)`, { x: values(sample) });
  const cases: [string, (g: G) => np.ndarray, string, string][] = [
    ['standardExponential', (g) => g.standardExponential(N), 'expon', '()'],
    ['exponential(2)', (g) => g.exponential(2, N), 'expon', '(0, 2)'],
    ['standardGamma(0.3)', (g) => g.standardGamma(0.3, N), 'gamma', '(0.3,)'],
    ['standardGamma(3.7)', (g) => g.standardGamma(3.7, N), 'gamma', '(3.7,)'],
    ['gamma(2.5, 2)', (g) => g.gamma(2.5, 2, N), 'gamma', '(2.5, 0, 2)'],
    ['beta(0.3, 2)', (g) => g.beta(0.3, 2, N), 'beta', '(0.3, 2)'],
    ['beta(5, 3)', (g) => g.beta(5, 3, N), 'beta', '(5, 3)'],
    ['chisquare(3)', (g) => g.chisquare(3, N), 'chi2', '(3,)'],
    ['f(5, 7)', (g) => g.f(5, 7, N), 'f', '(5, 7)'],
    ['standardT(4)', (g) => g.standardT(4, N), 't', '(4,)'],
    ['standardCauchy', (g) => g.standardCauchy(N), 'cauchy', '()'],
    ['lognormal(1, 0.5)', (g) => g.lognormal(1, 0.5, N), 'lognorm', `(0.5, 0, ${Math.E})`],
    ['logistic(1, 2)', (g) => g.logistic(1, 2, N), 'logistic', '(1, 2)'],
    ['gumbel(1, 2)', (g) => g.gumbel(1, 2, N), 'gumbel_r', '(1, 2)'],
    ['laplace(1, 2)', (g) => g.laplace(1, 2, N), 'laplace', '(1, 2)'],
    ['rayleigh(2)', (g) => g.rayleigh(2, N), 'rayleigh', '(0, 2)'],
    ['weibull(1.5)', (g) => g.weibull(1.5, N), 'weibull_min', '(1.5,)'],
    ['pareto(3)', (g) => g.pareto(3, N), 'lomax', '(3,)'],
    ['power(2.5)', (g) => g.power(2.5, N), 'powerlaw', '(2.5,)'],
    ['triangular(-1, 0.5, 3)', (g) => g.triangular(-1, 0.5, 3, N), 'triang', '(0.375, -1, 4)'],
    ['wald(2, 3)', (g) => g.wald(2, 3, N), 'invgauss', `(${2 / 3}, 0, 3)`],
    ['vonmises(0, 2)', (g) => g.vonmises(0, 2, N), 'vonmises', '(2,)'],
    ['vonmises(0, 1e-6)', (g) => g.vonmises(0, 1e-6, N), 'uniform', `(${-Math.PI}, ${2 * Math.PI})`],
    ['noncentralChisquare(3, 2)', (g) => g.noncentralChisquare(3, 2, N), 'ncx2', '(3, 2)'],
    ['noncentralChisquare(0.5, 2)', (g) => g.noncentralChisquare(0.5, 2, N), 'ncx2', '(0.5, 2)'],
    ['noncentralF(3, 5, 2)', (g) => g.noncentralF(3, 5, 2, N), 'ncf', '(3, 5, 2)'],
    ['module gamma', () => np.random.gamma(2, 3, N), 'gamma', '(2, 0, 3)'],
  ];
  it.each(cases)('%s', async (_, draw, distribution, args) => {
    const seed = freshSeed();
    np.random.seed(seed);
    const sample = draw(np.random.defaultRng(seed));
    expect(sample.dtype.name).toBe('float64');
    expect(sample.shape).toEqual([N]);
    expect(await ks(sample, distribution, args), `seed ${seed}`).toBeGreaterThan(P);
  });

  it('array parameters broadcast against size, each row its own distribution', async () => {
    const seed = freshSeed();
    const g = np.random.defaultRng(seed);
    const shape = np.array([[0.5], [2], [9]]);
    const rows = g.gamma(shape, np.ones([1, 8000]), [3, 8000]);
    expect(rows.shape).toEqual([3, 8000]);
    for (const [r, k] of [0.5, 2, 9].entries()) expect(await ks(rows.slice(r), 'gamma', `(${k},)`), `seed ${seed} row ${r}`).toBeGreaterThan(P);
    expect(g.exponential(np.array([1, 2, 3])).shape).toEqual([3]);
    expect(g.beta(np.ones([2, 1]), np.ones([1, 5])).shape).toEqual([2, 5]);
    expect(g.standardGamma(2, [3], 'float32').dtype.name).toBe('float32');
    expect(g.standardExponential([2, 2], 'float32').dtype.name).toBe('float32');
  });
});

describe.skipIf(!python.ok)('discrete distributions against SciPy (chi-square)', () => {
  const chi = (sample: np.ndarray, distribution: string, args: string) =>
    py!.run<number>(
      [
        'import scipy.stats',
        `d = scipy.stats.${distribution}(*${args})`,
        'x = x.astype(np.int64).ravel(); n = len(x)',
        'k = np.arange(max(int(d.ppf(1e-9)) - 1, int(d.support()[0])), int(min(d.ppf(1 - 1e-9), 10**6)) + 2)',
        'e = d.pmf(k) * n; keep = e >= 5; kk = k[keep]; ex = e[keep]',
        'obs = np.array([(x == v).sum() for v in kk], dtype=np.float64)',
        'obs[-1] += n - obs.sum(); ex[-1] += n - ex.sum()',
        'out = float(scipy.stats.chisquare(obs, ex).pvalue)',
      ].join('\n'),
      { x: values(sample) },
    );
  const cases: [string, (g: G) => np.ndarray, string, string][] = [
    ['binomial(20, 0.3)', (g) => g.binomial(20, 0.3, N), 'binom', '(20, 0.3)'],
    ['binomial(1000, 0.4)', (g) => g.binomial(1000, 0.4, N), 'binom', '(1000, 0.4)'],
    ['binomial(500, 0.9)', (g) => g.binomial(500, 0.9, N), 'binom', '(500, 0.9)'],
    ['poisson(3)', (g) => g.poisson(3, N), 'poisson', '(3,)'],
    ['poisson(50)', (g) => g.poisson(50, N), 'poisson', '(50,)'],
    ['poisson(12345.6)', (g) => g.poisson(12345.6, N), 'poisson', '(12345.6,)'],
    ['geometric(0.2)', (g) => g.geometric(0.2, N), 'geom', '(0.2,)'],
    ['negativeBinomial(5, 0.4)', (g) => g.negativeBinomial(5, 0.4, N), 'nbinom', '(5, 0.4)'],
    ['hypergeometric(20, 30, 15)', (g) => g.hypergeometric(20, 30, 15, N), 'hypergeom', '(50, 20, 15)'],
    ['logseries(0.8)', (g) => g.logseries(0.8, N), 'logser', '(0.8,)'],
    ['zipf(2.5)', (g) => g.zipf(2.5, N), 'zipf', '(2.5,)'],
    ['module poisson', () => np.random.poisson(7, N), 'poisson', '(7,)'],
  ];
  it.each(cases)('%s', async (_, draw, distribution, args) => {
    const seed = freshSeed();
    np.random.seed(seed);
    const sample = draw(np.random.defaultRng(seed));
    expect(sample.dtype.name).toBe('int64');
    expect(await chi(sample, distribution, args), `seed ${seed}`).toBeGreaterThan(P);
  });

  it('mixed small and large parameters in one array', async () => {
    const seed = freshSeed();
    const g = np.random.defaultRng(seed);
    const lam = g.poisson(np.array([[2], [40]]), [2, 10_000]);
    expect(await chi(lam.slice(0), 'poisson', '(2,)'), `seed ${seed}`).toBeGreaterThan(P);
    expect(await chi(lam.slice(1), 'poisson', '(40,)'), `seed ${seed}`).toBeGreaterThan(P);
    const bin = g.binomial(np.array([[10], [400]]), np.array([[0.7], [0.2]]), [2, 10_000]);
    expect(await chi(bin.slice(0), 'binom', '(10, 0.7)'), `seed ${seed}`).toBeGreaterThan(P);
    expect(await chi(bin.slice(1), 'binom', '(400, 0.2)'), `seed ${seed}`).toBeGreaterThan(P);
    expect(Array.from(g.binomial(np.array([0, 7, 7]), np.array([0.5, 0, 1])).toArray() as BigInt64Array)).toEqual([0n, 0n, 7n]);
    expect(Array.from(g.poisson(0, 5).toArray() as BigInt64Array)).toEqual([0n, 0n, 0n, 0n, 0n]);
  });
});

describe.skipIf(!python.ok)('multivariate distributions: moments', () => {
  it('multinomial', () => {
    const g = np.random.defaultRng(freshSeed());
    const x = g.multinomial(100, [0.2, 0.3, 0.5], N);
    expect(x.dtype.name).toBe('int64');
    expect(x.shape).toEqual([N, 3]);
    expect(np.all(np.equal(np.sum(x, 1), 100)).item()).toBe(true);
    const mean = np.mean(x, 0).toArray() as Float64Array;
    // Standard error of each mean: sqrt(100 p (1 - p) / N) < 0.036.
    [20, 30, 50].forEach((m, i) => expect(Math.abs(mean[i]! - m)).toBeLessThan(0.25));
    expect(g.multinomial(np.array([5, 10]), [0.5, 0.5]).shape).toEqual([2, 2]);
    expect(np.random.multinomial(7, [1]).toArray()).toEqual(new BigInt64Array([7n]));
  });

  it('dirichlet', () => {
    const g = np.random.defaultRng(freshSeed());
    const x = g.dirichlet([1, 2, 3], N);
    expect(x.shape).toEqual([N, 3]);
    expect(np.allclose(np.sum(x, 1), 1)).toBe(true);
    const mean = np.mean(x, 0).toArray() as Float64Array;
    [1 / 6, 2 / 6, 3 / 6].forEach((m, i) => expect(Math.abs(mean[i]! - m)).toBeLessThan(0.01));
    const tiny = g.dirichlet([0.01, 0.01], 1000);
    expect(np.all(np.isfinite(tiny)).item()).toBe(true);
  });

  it.each(['svd', 'eigh', 'cholesky'] as const)('multivariateNormal (%s)', async (method) => {
    const g = np.random.defaultRng(freshSeed());
    const cov = [[2, 0.5], [0.5, 1]];
    const x = g.multivariateNormal([1, -2], cov, { size: N, method });
    expect(x.shape).toEqual([N, 2]);
    const m = await py!.run<number[]>('out = [float(v) for v in list(x.mean(0)) + list(np.cov(x.T).ravel())]', { x: values(x) });
    [1, -2, 2, 0.5, 0.5, 1].forEach((want, i) => expect(Math.abs(m[i]! - want)).toBeLessThan(0.08));
    expect(g.multivariateNormal([0, 0, 0], np.eye(3), [4, 5]).shape).toEqual([4, 5, 3]);
  });
});

describe('permutations and samples', () => {
  const sorted = (a: np.ndarray) => Array.from(np.sort(a).toArray() as BigInt64Array, Number);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('permutation, shuffle and permuted are permutations', () => {
    const g = np.random.defaultRng(freshSeed());
    const p = g.permutation(1000);
    expect(p.dtype.name).toBe('int64');
    expect(sorted(p)).toEqual(range(1000));
    expect(Array.from(p.toArray() as BigInt64Array, Number)).not.toEqual(range(1000));
    const m = np.arange(12).reshape(4, 3);
    const rows = g.permutation(m);
    expect(sorted(rows.slice(':, 0'))).toEqual([0, 3, 6, 9]);
    expect(np.all(np.equal(np.subtract(rows.slice(':, 1'), rows.slice(':, 0')), 1)).item()).toBe(true);
    const cols = g.permutation(m, 1);
    expect(sorted(cols.slice(0))).toEqual([0, 1, 2]);
    const x = np.arange(500);
    g.shuffle(x);
    expect(sorted(x)).toEqual(range(500));
    const grid = np.arange(60).reshape(6, 10);
    const each = g.permuted(grid, 1);
    for (let r = 0; r < 6; r++) expect(sorted(each.slice(r))).toEqual(range(10).map((v) => v + 10 * r));
    expect(sorted(g.permuted(grid).ravel())).toEqual(range(60));
    const out = np.zeros([6, 10], 'int64');
    expect(g.permuted(grid, { axis: 0, out })).toBe(out);
    for (let c = 0; c < 10; c++) expect(sorted(out.slice(`:, ${c}`))).toEqual(range(6).map((v) => c + 10 * v));
  });

  it('choice: with and without replacement, weights, axis', () => {
    const g = np.random.defaultRng(freshSeed());
    const distinct = g.choice(100, 100, false);
    expect(sorted(distinct)).toEqual(range(100));
    const some = g.choice(1000, 50, { replace: false });
    expect(new Set(Array.from(some.toArray() as BigInt64Array)).size).toBe(50);
    const weighted = g.choice(5, N, true, [0, 0.1, 0.2, 0.3, 0.4]);
    const counts = Array.from(np.bincount(weighted, undefined, 5).toArray() as BigInt64Array, Number);
    expect(counts[0]).toBe(0);
    [0.1, 0.2, 0.3, 0.4].forEach((q, i) => expect(Math.abs(counts[i + 1]! / N - q)).toBeLessThan(0.02));
    const noReplace = g.choice(4, 3, false, [0.5, 0.25, 0.25, 0]);
    expect(new Set(Array.from(noReplace.toArray() as BigInt64Array)).size).toBe(3);
    expect(Array.from(noReplace.toArray() as BigInt64Array)).not.toContain(3n);
    const a = np.arange(20).reshape(4, 5);
    expect(g.choice(a, 3).shape).toEqual([3, 5]);
    expect(g.choice(a, [2, 2], { axis: 1, replace: false }).shape).toEqual([4, 2, 2]);
    expect(g.choice(7).ndim).toBe(0);
    expect(g.choice(np.array([1.5, 2.5]), 4).dtype.name).toBe('float64');
    const b = g.bytes(16);
    expect(b).toBeInstanceOf(Uint8Array);
    expect(b.length).toBe(16);
  });

  it('module-level aliases and legacy functions', () => {
    np.random.seed(42);
    const first = np.random.randomSample(10).toArray();
    np.random.seed(42);
    expect(np.random.ranf(10).toArray()).toEqual(first);
    np.random.seed(42);
    expect(np.random.sample(10).toArray()).toEqual(first);
    const r = np.random.randomIntegers(1, 3, 2000);
    expect(np.min(r).item()).toBe(1);
    expect(np.max(r).item()).toBe(3);
    expect(np.max(np.random.randomIntegers(2, undefined, 500)).item()).toBe(2);
    expect(np.random.choice(5, 3, false).shape).toEqual([3]);
    expect(sorted(np.random.permutation(10))).toEqual(range(10));
    expect(np.random.exponential(1, [2, 3]).shape).toEqual([2, 3]);
    expect(np.random.bytes(3).length).toBe(3);
  });
});

describe('reproducibility', () => {
  const lams = np.array([3, 300]);
  const draws = (g: G): np.ndarray[] => [
    g.standardExponential([7, 9]),
    g.gamma(0.7, 2, 300),
    g.beta(2, 3, [3, 50]),
    g.standardT(3, 101),
    g.vonmises(1, 4, 200),
    g.binomial(1000, 0.3, 257),
    g.binomial(15, 0.5, 99),
    g.poisson(lams, [60, 2]),
    g.zipf(2, 77),
    g.hypergeometric(10, 20, 8, 50),
    g.noncentralChisquare(0.7, 1.5, 64),
    g.permutation(333),
    g.choice(50, 20, false),
    g.choice(5, 200, true, [0.1, 0.2, 0.3, 0.2, 0.2]),
    g.multinomial(30, [0.3, 0.3, 0.4], 40),
  ];
  const plain = (arrays: np.ndarray[]) => arrays.map((a) => Array.from(a.toArray() as ArrayLike<number | bigint>));

  it('same seed, same values; each call new values; same under any partitioning', () => {
    const seed = freshSeed();
    const split = plain(draws(np.random.defaultRng(seed)));
    expect(plain(draws(np.random.defaultRng(seed)))).toEqual(split);
    const g = np.random.defaultRng(seed);
    const a = g.gamma(2, 1, 100).toArray();
    expect(g.gamma(2, 1, 100).toArray()).not.toEqual(a);
    const saved = setPartitionSettings({ force: false, pieces: 1 });
    try {
      expect(plain(draws(np.random.defaultRng(seed)))).toEqual(split);
    } finally {
      setPartitionSettings(saved);
    }
  });

  it('frees every temporary', () => {
    const g = np.random.defaultRng(freshSeed());
    const lam = np.array([3, 300]);
    const grid = np.arange(6).reshape(2, 3);
    const x = np.arange(10);
    const bad = np.array([1, -1]);
    const calls: [string, () => unknown][] = [
      ['draws', () => draws(g).forEach((a) => a.dispose())],
      ['dirichlet', () => g.dirichlet([1, 2], 10).dispose()],
      ['multivariateNormal', () => g.multivariateNormal([0, 0], [[1, 0], [0, 1]], 10).dispose()],
      ['permuted', () => g.permuted(grid, 1).dispose()],
      ['triangular', () => g.triangular(0, 1, 2, 5).dispose()],
      ['poisson', () => g.poisson(lam, [4, 2]).dispose()],
      ['shuffle', () => g.shuffle(x)],
      ['bytes', () => g.bytes(5)],
      ['bad', () => expect(() => g.gamma(bad)).toThrow(np.ValueError)],
    ];
    for (const [name, call] of calls) expect(storesLeftBy(call), name).toBe(0);
  });
});

describe('bad input', () => {
  const g = np.random.defaultRng(0);
  it.each([
    [() => g.exponential(-1), np.ValueError, /^scale: scale < 0/],
    [() => g.exponential(np.array([1, -1])), np.ValueError, /^scale: scale < 0/],
    [() => g.gamma(-1), np.ValueError, /^shape: shape < 0/],
    [() => g.standardGamma(-0.5), np.ValueError, /^shape: shape < 0/],
    [() => g.beta(0, 1), np.ValueError, /^a: a <= 0/],
    [() => g.chisquare(0), np.ValueError, /^df: df <= 0/],
    [() => g.f(1, -2), np.ValueError, /^dfden: dfden <= 0/],
    [() => g.pareto(0), np.ValueError, /^a: a <= 0/],
    [() => g.weibull(-1), np.ValueError, /^a: a < 0/],
    [() => g.triangular(2, 1, 3), np.ValueError, /^left: left > mode/],
    [() => g.triangular(1, 4, 3), np.ValueError, /^mode: mode > right/],
    [() => g.triangular(1, 1, 1), np.ValueError, /^right: left == right/],
    [() => g.wald(0, 1), np.ValueError, /^mean: mean <= 0/],
    [() => g.vonmises(0, -1), np.ValueError, /^kappa: kappa < 0/],
    [() => g.noncentralChisquare(1, -1), np.ValueError, /^nonc: nonc < 0/],
    [() => g.binomial(-1, 0.5), np.ValueError, /^n: n < 0/],
    [() => g.binomial(10, 1.5), np.ValueError, /^p: p < 0, p > 1 or p is NaN/],
    [() => g.binomial(10, np.array([0.5, NaN])), np.ValueError, /^p: p < 0, p > 1 or p is NaN/],
    [() => g.binomial(2.5, 0.5), DTypeError, /^n: n: expected finite integers/],
    [() => g.poisson(-1), np.ValueError, /^lam: lam < 0/],
    [() => g.poisson(1e19), np.ValueError, /^lam: lam value too large/],
    [() => g.geometric(0), np.ValueError, /^p: p <= 0, p > 1/],
    [() => g.negativeBinomial(0, 0.5), np.ValueError, /^n: n <= 0/],
    [() => g.hypergeometric(2, 3, 6), np.ValueError, /^nsample: ngood \+ nbad < nsample/],
    [() => g.hypergeometric(-2, 3, 1), np.ValueError, /^ngood: ngood < 0/],
    [() => g.logseries(1), np.ValueError, /^p: p < 0, p >= 1/],
    [() => g.zipf(1), np.ValueError, /^a: a <= 1/],
    [() => g.multinomial(10, [0.7, 0.7, 0.1]), np.ValueError, /^pvals: sum\(pvals\[:-1\]\) > 1.0/],
    [() => g.multinomial(10, [-0.1, 1.1]), np.ValueError, /^pvals: pvals < 0, pvals > 1/],
    [() => g.dirichlet([1, -1]), np.ValueError, /^alpha: alpha < 0/],
    [() => g.multivariateNormal([0, 0], [[1, 0]]), np.ValueError, /^cov: cov must be 2 dimensional and square/],
    [() => g.multivariateNormal([0], [[1, 0], [0, 1]]), np.ValueError, /^cov: mean and cov must have same length/],
    [() => g.multivariateNormal([0, 0], [[1, 2], [2, 1]], { check_valid: 'raise' }), np.ValueError, /^cov: covariance is not symmetric positive-semidefinite/],
    [() => g.multivariateNormal([0, 0], [[1, 0], [0, 1]], { method: 'lu' as never }), np.ValueError, /^method: /],
    [() => g.choice(5, 6, false), np.ValueError, /^size: Cannot take a larger sample than population/],
    [() => g.choice(3, 2, true, [0.5, 0.6, 0.1]), np.ValueError, /^p: probabilities do not sum to 1/],
    [() => g.choice(3, 2, true, [0.5, 0.5]), np.ValueError, /^p: a and p must have same size/],
    [() => g.choice(3, 2, true, [1.5, -0.5, 0]), np.ValueError, /^p: probabilities are not non-negative/],
    [() => g.choice(3, 3, false, [0.5, 0.5, 0]), np.ValueError, /^p: Fewer non-zero entries in p than size/],
    [() => g.choice(0, 2), np.ValueError, /^a: a must be a positive integer/],
    [() => g.permutation(np.array(3)), np.ValueError, /^x: x must be an integer or at least 1-dimensional/],
    [() => g.gamma(1, 1, { size: 3, scal: 2 } as never), UnknownOptionError, /scal/],
    [() => g.choice(3, { size: 2, repalce: false } as never), UnknownOptionError, /repalce/],
    [() => g.exponential(np.ones([2, 3]), [3]), ShapeError, /^size: shape mismatch/],
    [() => g.beta(1), Error, /^b: beta\(\) missing required argument 'b'/],
  ])('%s', (f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
