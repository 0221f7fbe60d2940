// The distribution math behind `random.Generator`'s NumPy methods: every sample is a whole-array
// transform of uniform or Gaussian draws (DESIGN §8, no per-element JavaScript). Rejection
// methods run whole-array rounds: each round draws a fresh full-size candidate array and keeps
// the accepted elements with `where`, until every element has one; the values depend only on
// the seed and the draw order, never on the partitioning. Parameters arrive validated and as
// float64 arrays (0-d for scalars) that broadcast against `shape`.
import { tidy } from '@legate/core';

import { zeros } from './creation.js';
import { ValueError } from './errors.js';
import { ndarray } from './ndarray.js';
import { all, any } from './reductions.js';
import {
  absolute,
  add,
  arccos,
  ceil,
  cos,
  divide,
  equal,
  exp,
  expm1,
  floor,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  maximum,
  minimum,
  mod,
  multiply,
  negative,
  power as pow,
  sqrt,
  square,
  subtract,
  where,
} from './ufunc.js';

/** What the distributions draw from: a generator's native uniform and Gaussian streams. */
export interface Source {
  random(size: number[]): ndarray;
  standardNormal(size: number[]): ndarray;
}

type A = ndarray;

export const truthy = (x: ndarray): boolean => tidy(() => Boolean(x.size > 0 && any(x).item()));

/** Uniforms in the open interval (0, 1): the draw's exact zeros replaced by 2^-54. */
export function open01(src: Source, shape: number[]): A {
  return tidy(() => {
    const u = src.random(shape);
    return where(equal(u, 0), 2 ** -54, u);
  });
}

/**
 * Whole-array rejection: `round()` proposes a value for every element and says which are
 * accepted; rounds go on until each element has an accepted value (the first one it got).
 */
export function rejection(shape: number[], round: () => { value: A; accept: A }, name: string, maxRounds = 10_000): A {
  let result = zeros(shape, 'float64');
  let done = zeros(shape, 'bool');
  try {
    for (let i = 0; ; i++) {
      if (i >= maxRounds) throw new ValueError('parameters', `${name}: the rejection sampler did not converge (invalid parameters?)`);
      const next = tidy(() => {
        const { value, accept } = round();
        const take = logicalAnd(accept, logicalNot(done));
        return { result: where(take, value, result), done: logicalOr(done, accept) };
      });
      result.dispose();
      done.dispose();
      ({ result, done } = next);
      if (tidy(() => Boolean(all(done).item()))) return result;
    }
  } catch (error) {
    result.dispose();
    throw error;
  } finally {
    done.dispose();
  }
}

/**
 * A bounded loop of whole-array steps: `step` returns the next state, or null to stop; each
 * step's temporaries and the states it replaces are freed as it goes.
 */
function iterate<S extends Record<string, A>>(state: S, maxSteps: number, step: (s: S, j: number) => S | null): S {
  for (let j = 0; j < maxSteps; j++) {
    const next = tidy(() => step(state, j));
    if (next === null) break;
    for (const key of Object.keys(state)) if (next[key] !== state[key]) state[key]!.dispose();
    state = next;
  }
  return state;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function stirling(z: A): A {
  // log Γ(z) for z >= 8, to about 1e-12.
  const z2 = square(z);
  const series = divide(subtract(1 / 12, divide(subtract(1 / 360, divide(subtract(1 / 1260, divide(1 / 1680, z2)), z2)), z2)), z);
  return add(add(subtract(multiply(subtract(z, 0.5), log(z)), z), HALF_LOG_2PI), series);
}

/** log Γ(x) for x > 0 (shifted up by 8 below 8, as NumPy's `random_loggam` shifts to 7). */
export function loggam(x: A): A {
  return tidy(() => {
    const xs = minimum(x, 8);
    let prod: A = xs;
    for (let i = 1; i < 8; i++) prod = multiply(prod, add(xs, i));
    const shifted = subtract(stirling(add(xs, 8)), log(prod));
    return where(less(x, 8), shifted, stirling(maximum(x, 8)));
  });
}

export function standardExponential(src: Source, shape: number[]): A {
  return tidy(() => negative(log1p(negative(src.random(shape)))));
}

/** log of a standard gamma variate of shape `a` >= 0 (-inf for a = 0): Marsaglia–Tsang, boosted below 1. */
export function logStandardGamma(src: Source, shape: number[], a: A): A {
  return tidy(() => {
    const boost = less(a, 1);
    const a1 = where(boost, add(a, 1), a);
    const d = subtract(a1, 1 / 3);
    const c = divide(1, sqrt(multiply(9, d)));
    const g = rejection(
      shape,
      () => {
        const x = src.standardNormal(shape);
        const v = pow(add(1, multiply(c, x)), 3);
        const u = open01(src, shape);
        const bound = add(subtract(add(multiply(0.5, square(x)), d), multiply(d, v)), multiply(d, log(v)));
        return { value: log(multiply(d, v)), accept: logicalAnd(greater(v, 0), less(log(u), bound)) };
      },
      'standard_gamma',
    );
    if (!truthy(boost)) return g;
    return add(g, where(boost, divide(log(open01(src, shape)), a), 0));
  });
}

export const standardGamma = (src: Source, shape: number[], a: A): A => tidy(() => exp(logStandardGamma(src, shape, a)));

export const gamma = (src: Source, shape: number[], k: A, scale: A): A => tidy(() => multiply(standardGamma(src, shape, k), scale));

export function beta(src: Source, shape: number[], a: A, b: A): A {
  // X / (X + Y) = 1 / (1 + Y / X), in logs so that tiny shapes do not underflow to 0 / 0.
  return tidy(() => divide(1, add(1, exp(subtract(logStandardGamma(src, shape, b), logStandardGamma(src, shape, a))))));
}

export const chisquare = (src: Source, shape: number[], df: A): A => tidy(() => multiply(2, standardGamma(src, shape, multiply(df, 0.5))));

export const f = (src: Source, shape: number[], dfnum: A, dfden: A): A =>
  tidy(() => divide(divide(chisquare(src, shape, dfnum), dfnum), divide(chisquare(src, shape, dfden), dfden)));

export const standardT = (src: Source, shape: number[], df: A): A =>
  tidy(() => divide(src.standardNormal(shape), sqrt(divide(chisquare(src, shape, df), df))));

export const standardCauchy = (src: Source, shape: number[]): A => tidy(() => divide(src.standardNormal(shape), src.standardNormal(shape)));

export const lognormal = (src: Source, shape: number[], mean: A, sigma: A): A => tidy(() => exp(add(mean, multiply(sigma, src.standardNormal(shape)))));

export const logistic = (src: Source, shape: number[], loc: A, scale: A): A =>
  tidy(() => {
    const u = open01(src, shape);
    return add(loc, multiply(scale, log(divide(u, subtract(1, u)))));
  });

export const gumbel = (src: Source, shape: number[], loc: A, scale: A): A =>
  tidy(() => subtract(loc, multiply(scale, log(negative(log(open01(src, shape)))))));

export const laplace = (src: Source, shape: number[], loc: A, scale: A): A =>
  tidy(() => {
    const u = open01(src, shape);
    return where(greaterEqual(u, 0.5), subtract(loc, multiply(scale, log(subtract(2, multiply(2, u))))), add(loc, multiply(scale, log(multiply(2, u)))));
  });

export const rayleigh = (src: Source, shape: number[], scale: A): A => tidy(() => multiply(scale, sqrt(multiply(2, standardExponential(src, shape)))));

export const weibull = (src: Source, shape: number[], a: A): A =>
  tidy(() => where(equal(a, 0), 0, pow(standardExponential(src, shape), divide(1, a))));

export const pareto = (src: Source, shape: number[], a: A): A => tidy(() => expm1(divide(standardExponential(src, shape), a)));

export const power = (src: Source, shape: number[], a: A): A =>
  tidy(() => pow(negative(expm1(negative(standardExponential(src, shape)))), divide(1, a)));

export function triangular(src: Source, shape: number[], left: A, mode: A, right: A): A {
  return tidy(() => {
    const base = subtract(right, left);
    const leftbase = subtract(mode, left);
    const ratio = divide(leftbase, base);
    const u = src.random(shape);
    const low = add(left, sqrt(multiply(u, multiply(leftbase, base))));
    const high = subtract(right, sqrt(multiply(subtract(1, u), multiply(subtract(right, mode), base))));
    return where(lessEqual(u, ratio), low, high);
  });
}

export function wald(src: Source, shape: number[], mean: A, scale: A): A {
  // NumPy's `random_wald` (Michael, Schucany and Haas).
  return tidy(() => {
    const y = multiply(mean, square(src.standardNormal(shape)));
    const mu2l = divide(mean, multiply(2, scale));
    const x = add(mean, multiply(mu2l, subtract(y, sqrt(add(multiply(multiply(4, scale), y), square(y))))));
    const u = src.random(shape);
    return where(lessEqual(u, divide(mean, add(mean, x))), x, divide(square(mean), x));
  });
}

export function vonmises(src: Source, shape: number[], mu: A, kappa: A): A {
  // NumPy's `random_vonmises` (Best and Fisher), its tiny- and huge-kappa cases included.
  return tidy(() => {
    const k = minimum(maximum(kappa, 1e-8), 1e6);
    const r = add(1, sqrt(add(1, multiply(4, square(k)))));
    const rho = divide(subtract(r, sqrt(multiply(2, r))), multiply(2, k));
    const sBig = divide(add(1, square(rho)), multiply(2, rho));
    const s = where(less(k, 1e-5), add(divide(1, k), k), sBig);
    const w = rejection(
      shape,
      () => {
        const z = cos(multiply(Math.PI, src.random(shape)));
        const W = divide(add(1, multiply(s, z)), add(s, z));
        const Y = multiply(k, subtract(s, W));
        const V = open01(src, shape);
        const accept = logicalOr(greaterEqual(subtract(multiply(Y, subtract(2, Y)), V), 0), greaterEqual(add(subtract(log(divide(Y, V)), Y), 1), 0));
        return { value: W, accept };
      },
      'vonmises',
    );
    const angle = arccos(minimum(maximum(w, -1), 1));
    const signed = where(less(src.random(shape), 0.5), negative(angle), angle);
    // Huge kappa: a wrapped normal; tiny kappa: uniform on [-pi, pi).
    const huge = multiply(sqrt(divide(1, maximum(kappa, 1e-300))), src.standardNormal(shape));
    const tiny = multiply(Math.PI, subtract(multiply(2, src.random(shape)), 1));
    const theta = where(greater(kappa, 1e6), huge, signed);
    const res = add(theta, mu);
    const neg = less(res, 0);
    const wrapped = subtract(mod(add(absolute(res), Math.PI), 2 * Math.PI), Math.PI);
    const out = where(neg, negative(wrapped), wrapped);
    return where(less(kappa, 1e-8), add(tiny, multiply(mu, 0)), out);
  });
}

export function noncentralChisquare(src: Source, shape: number[], df: A, nonc: A): A {
  return tidy(() => {
    const big = greater(df, 1);
    const central = chisquare(src, shape, df);
    const n = add(src.standardNormal(shape), sqrt(nonc));
    const viaNormal = add(chisquare(src, shape, where(big, subtract(df, 1), 1)), square(n));
    const i = poisson(src, shape, divide(nonc, 2));
    const viaPoisson = chisquare(src, shape, add(df, multiply(2, i)));
    return where(equal(nonc, 0), central, where(big, viaNormal, viaPoisson));
  });
}

export const noncentralF = (src: Source, shape: number[], dfnum: A, dfden: A, nonc: A): A =>
  tidy(() => divide(multiply(noncentralChisquare(src, shape, dfnum, nonc), dfden), multiply(chisquare(src, shape, dfden), dfnum)));

/** Counts as float64 (the callers cast to int64): inversion below 10, PTRS (Hörmann) above. */
export function poissonFloat(src: Source, shape: number[], lam: A): A {
  return tidy(() => {
    const small = less(lam, 10);
    const anySmall = truthy(small);
    const anyLarge = truthy(logicalNot(small));
    let inversion: A | undefined;
    if (anySmall) {
      const l = where(small, lam, 0);
      const u = src.random(shape);
      const p0 = exp(negative(l));
      inversion = iterate({ x: zeros(shape, 'float64'), p: p0, F: p0 }, 100, ({ x, p, F }, j) => {
        const more = greater(u, F);
        if (!truthy(more)) return null;
        const next = divide(multiply(p, l), j + 1);
        return { x: add(x, more), p: next, F: add(F, next) };
      }).x;
    }
    let ptrs: A | undefined;
    if (anyLarge) {
      const l = where(small, 10, lam);
      const slam = sqrt(l);
      const loglam = log(l);
      const b = add(0.931, multiply(2.53, slam));
      const a = add(-0.059, multiply(0.02483, b));
      const invalpha = add(1.1239, divide(1.1328, subtract(b, 3.4)));
      const vr = subtract(0.9277, divide(3.6224, subtract(b, 2)));
      ptrs = rejection(
        shape,
        () => {
          const U = subtract(src.random(shape), 0.5);
          const V = src.random(shape);
          const us = subtract(0.5, absolute(U));
          const k = floor(add(add(multiply(add(divide(multiply(2, a), us), b), U), l), 0.43));
          const quick = logicalAnd(greaterEqual(us, 0.07), lessEqual(V, vr));
          const out = logicalOr(less(k, 0), logicalAnd(less(us, 0.013), greater(V, us)));
          const lhs = subtract(add(log(V), log(invalpha)), log(add(divide(a, square(us)), b)));
          const rhs = subtract(add(negative(l), multiply(k, loglam)), loggam(add(maximum(k, 0), 1)));
          return { value: k, accept: logicalOr(quick, logicalAnd(logicalNot(out), lessEqual(lhs, rhs))) };
        },
        'poisson',
      );
    }
    if (inversion && ptrs) return where(small, inversion, ptrs);
    return (inversion ?? ptrs)!;
  });
}

export const poisson = (src: Source, shape: number[], lam: A): A => tidy(() => poissonFloat(src, shape, lam));

function stirlingTail(k: A): A {
  // log k! - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]: exact below 10, the series above.
  const k1 = add(k, 1);
  const k1sq = square(k1);
  const series = divide(subtract(1 / 12, divide(subtract(1 / 360, divide(1 / 1260, k1sq)), k1sq)), k1);
  const small = minimum(k, 10);
  const exact = subtract(loggam(add(small, 1)), add(subtract(multiply(add(small, 0.5), log(add(small, 1))), add(small, 1)), HALF_LOG_2PI));
  return where(less(k, 10), exact, series);
}

/** Binomial counts as float64: inversion where n·min(p, 1-p) < 10, BTRS (Hörmann) above. */
export function binomialFloat(src: Source, shape: number[], n: A, p: A): A {
  return tidy(() => {
    const flip = greater(p, 0.5);
    const q0 = minimum(p, subtract(1, p));
    const small = less(multiply(n, q0), 10);
    const anySmall = truthy(small);
    const anyLarge = truthy(logicalNot(small));
    let inversion: A | undefined;
    if (anySmall) {
      const ns = where(small, n, 0);
      const qs = where(small, q0, 0);
      const r = divide(qs, subtract(1, qs));
      const u = src.random(shape);
      const pmf0 = exp(multiply(ns, log1p(negative(qs))));
      inversion = iterate({ x: zeros(shape, 'float64'), pmf: pmf0, F: pmf0 }, 200, ({ x, pmf, F }, j) => {
        const more = logicalAnd(greater(u, F), less(j, ns));
        if (!truthy(more)) return null;
        const next = multiply(pmf, multiply(divide(subtract(ns, j), j + 1), r));
        return { x: add(x, more), pmf: next, F: add(F, next) };
      }).x;
    }
    let btrs: A | undefined;
    if (anyLarge) {
      const nl = where(small, 1000, n);
      const pl = where(small, 0.5, q0);
      const q = subtract(1, pl);
      const spq = sqrt(multiply(multiply(nl, pl), q));
      const b = add(1.15, multiply(2.53, spq));
      const a = add(add(-0.0873, multiply(0.0248, b)), multiply(0.01, pl));
      const c = add(multiply(nl, pl), 0.5);
      const vr = subtract(0.92, divide(4.2, b));
      const r = divide(pl, q);
      const alpha = multiply(add(2.83, divide(5.1, b)), spq);
      const m = floor(multiply(add(nl, 1), pl));
      const fixed = add(
        add(multiply(add(m, 0.5), log(divide(add(m, 1), multiply(r, add(subtract(nl, m), 1))))), stirlingTail(m)),
        stirlingTail(subtract(nl, m)),
      );
      btrs = rejection(
        shape,
        () => {
          const u = subtract(src.random(shape), 0.5);
          const v0 = open01(src, shape);
          const us = subtract(0.5, absolute(u));
          const k = floor(add(multiply(add(divide(multiply(2, a), us), b), u), c));
          const quick = logicalAnd(greaterEqual(us, 0.07), lessEqual(v0, vr));
          const inRange = logicalAnd(greaterEqual(k, 0), lessEqual(k, nl));
          const kc = minimum(maximum(k, 0), nl);
          const v = log(divide(multiply(v0, alpha), add(divide(a, square(us)), b)));
          const nk1 = add(subtract(nl, kc), 1);
          const bound = subtract(
            subtract(
              add(add(fixed, multiply(add(nl, 1), log(divide(add(subtract(nl, m), 1), nk1)))), multiply(add(kc, 0.5), log(divide(multiply(r, nk1), add(kc, 1))))),
              stirlingTail(kc),
            ),
            stirlingTail(subtract(nl, kc)),
          );
          return { value: k, accept: logicalAnd(inRange, logicalOr(quick, lessEqual(v, bound))) };
        },
        'binomial',
      );
    }
    const x = inversion && btrs ? where(small, inversion, btrs) : (inversion ?? btrs)!;
    return where(flip, subtract(n, x), x);
  });
}

export function geometric(src: Source, shape: number[], p: A): A {
  return tidy(() => maximum(ceil(divide(standardExponential(src, shape), negative(log1p(negative(p))))), 1));
}

export function negativeBinomial(src: Source, shape: number[], n: A, p: A): A {
  return tidy(() => poissonFloat(src, shape, gamma(src, shape, n, divide(subtract(1, p), p))));
}

export function logseries(src: Source, shape: number[], p: A): A {
  // NumPy's `random_logseries` (Kemp's second accelerated generator).
  return tidy(() => {
    const r = log1p(negative(p));
    const V = src.random(shape);
    const U = open01(src, shape);
    const q = negative(expm1(multiply(r, U)));
    const byLog = maximum(floor(add(1, divide(log(V), log(q)))), 1);
    const body = where(lessEqual(V, square(q)), where(equal(V, 0), 1, byLog), where(greaterEqual(V, q), 1, 2));
    return where(greaterEqual(V, p), 1, body);
  });
}

export function zipf(src: Source, shape: number[], a: A): A {
  // NumPy's `random_zipf` (Devroye's rejection), X capped at 2^63 - 1 by rejection.
  return tidy(() => {
    const am1 = subtract(a, 1);
    const b = pow(2, am1);
    return rejection(
      shape,
      () => {
        const U = subtract(1, src.random(shape));
        const V = src.random(shape);
        const X = floor(pow(U, divide(-1, am1)));
        const T = pow(add(1, divide(1, X)), am1);
        const ok = logicalAnd(greaterEqual(X, 1), less(X, 2 ** 63));
        const accept = lessEqual(divide(multiply(multiply(V, X), subtract(T, 1)), subtract(b, 1)), divide(T, b));
        return { value: X, accept: logicalAnd(ok, accept) };
      },
      'zipf',
    );
  });
}

export function hypergeometric(src: Source, shape: number[], ngood: A, nbad: A, nsample: A): A {
  // Inversion from the lower end of the support, the pmf by its ratio recursion; bounded by the
  // largest support (the caller keeps it modest) and by the spread.
  return tidy(() => {
    const total = add(ngood, nbad);
    const lo = maximum(0, subtract(nsample, nbad));
    const hi = minimum(nsample, ngood);
    const lc = (n: A, k: A) => subtract(subtract(loggam(add(n, 1)), loggam(add(k, 1))), loggam(add(subtract(n, k), 1)));
    const pmf0 = exp(subtract(add(lc(ngood, lo), lc(nbad, subtract(nsample, lo))), lc(total, nsample)));
    const u = src.random(shape);
    const span = tidy(() => Number(hi.max().item()));
    const x0 = add(zeros(shape, 'float64'), lo);
    return iterate({ x: x0, pmf: pmf0, F: pmf0 }, span + 1, ({ x, pmf, F }) => {
      const more = logicalAnd(greater(u, F), less(x, hi));
      if (!truthy(more)) return null;
      // pmf(k + 1) / pmf(k) = (g - k)(s - k) / ((k + 1)(b - s + k + 1))
      const ratio = divide(multiply(subtract(ngood, x), subtract(nsample, x)), multiply(add(x, 1), add(subtract(nbad, nsample), add(x, 1))));
      const next = where(more, multiply(pmf, ratio), pmf);
      return { x: add(x, more), pmf: next, F: where(more, add(F, next), F) };
    }).x;
  });
}

