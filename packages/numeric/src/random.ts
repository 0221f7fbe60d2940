// Random arrays (NumPy's `numpy.random`). Every value comes from Philox4x32-10, a counter-based
// generator: element i (C order) of a generator's d-th draw is a function of (seed, d, i) only,
// so an array has the same values on one core, on all cores, and under any partitioning.
import { ArgumentError, AutoTask, cStrides, dtype as toDType, DTypeError, LogicalStore, Scalar, ShapeError, tidy, type DType, type DTypeLike } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { normalizeAxis } from './axes.js';
import { array, full, shapeOf, zeros, type ShapeLike } from './creation.js';
import * as D from './distributions.js';
import { ValueError } from './errors.js';
import { cholesky, eigh, svd } from './linalg.js';
import { stack, take, takeAlongAxis } from './manipulation.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { astype, broadcastShapes, shapeText } from './operations.js';
import { matmul } from './products.js';
import { any, cumsum, max, min, sum } from './reductions.js';
import { ravel, reshape } from './shape.js';
import { argsort, searchsorted } from './sorting.js';
import {
  absolute,
  add,
  divide,
  equal,
  exp,
  floor,
  greater,
  greaterEqual,
  isinf,
  isnan,
  less,
  lessEqual,
  logicalNot,
  logicalOr,
  maximum,
  minimum,
  multiply,
  notEqual,
  sqrt,
  subtract,
  where,
} from './ufunc.js';
import { RandomDistribution, Task } from './tasks.js';

const TWO_64 = 1n << 64n;

function seedKey(seed: number | bigint | undefined): bigint {
  if (seed === undefined) {
    const words = crypto.getRandomValues(new Uint32Array(2));
    return (BigInt(words[1]!) << 32n) | BigInt(words[0]!);
  }
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) throw new ValueError('seed', `expected an integer, got ${seed}`);
  if (typeof seed !== 'number' && typeof seed !== 'bigint') throw new DTypeError('seed', `expected a number or bigint, got ${typeof seed}`);
  const key = BigInt(seed);
  if (key < 0n || key >= TWO_64) throw new ValueError('seed', `must be between 0 and 2**64 - 1, got ${key}`);
  return key;
}

/** SplitMix64's finaliser: a bijection of 64-bit words that scatters nearby inputs. */
function mix64(x: bigint): bigint {
  const M = TWO_64 - 1n;
  let z = x & M;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
  return z ^ (z >> 31n);
}

/** A distribution parameter: a number, or an array broadcast against the draw's shape. */
export type Parameter = number | ndarray;

/** NumPy's keyword arguments of `random` and `standardNormal`, as one options object, last. */
export interface FloatOptions {
  size?: ShapeLike;
  dtype?: DTypeLike;
}

/** NumPy's keyword arguments of `uniform` (`low`, `high`, `size`), as one options object, last. */
export interface UniformOptions {
  low?: Parameter;
  high?: Parameter;
  size?: ShapeLike;
}

/** NumPy's keyword arguments of `normal` (`loc`, `scale`, `size`), as one options object, last. */
export interface NormalOptions {
  loc?: Parameter;
  scale?: Parameter;
  size?: ShapeLike;
}

/** NumPy's keyword arguments of `integers`, as one options object, last. */
export interface IntegersOptions {
  high?: number | bigint | null;
  size?: ShapeLike;
  dtype?: DTypeLike;
  endpoint?: boolean;
}

/** NumPy's keyword arguments of a distribution method (its parameters and `size`), as one options object, last. */
export type DistributionOptions<K extends string> = { [P in K]?: Parameter } & { size?: ShapeLike };
/** NumPy's keyword arguments of `standard_gamma`. */
export type GammaOptions = DistributionOptions<'shape'> & { dtype?: DTypeLike };
/** NumPy's keyword arguments of `multinomial`. */
export interface MultinomialOptions {
  n?: Parameter;
  pvals?: readonly number[] | ndarray;
  size?: ShapeLike;
}
/** NumPy's keyword arguments of `dirichlet`. */
export interface DirichletOptions {
  alpha?: readonly number[] | ndarray;
  size?: ShapeLike;
}
/** NumPy's keyword arguments of `multivariate_normal` (`check_valid` as written by NumPy). */
export interface MultivariateNormalOptions {
  size?: ShapeLike;
  check_valid?: 'warn' | 'raise' | 'ignore';
  tol?: number;
  method?: 'svd' | 'eigh' | 'cholesky';
}
/** NumPy's keyword arguments of `choice`. */
export interface ChoiceOptions {
  size?: ShapeLike | null;
  replace?: boolean;
  p?: readonly number[] | ndarray | null;
  axis?: number;
  shuffle?: boolean;
}
/** NumPy's keyword arguments of `permuted`. */
export interface PermutedOptions {
  axis?: number | null;
  out?: ndarray | null;
}

function floatDType(dtype: DTypeLike, method: string): DType {
  const t = toDType(dtype);
  if (t.name !== 'float64' && t.name !== 'float32') throw new DTypeError('dtype', `${method}: unsupported dtype '${t.name}' (float64 or float32)`);
  return t;
}

/**
 * A source of random arrays (NumPy's `Generator`). Make one with {@link defaultRng}. Each call
 * draws a new stream; two generators with the same seed give the same arrays in the same order.
 */
export class Generator {
  #key: bigint;
  #draws = 0n;
  #spawned = 0n;

  /** @internal use {@link defaultRng} */
  constructor(seed?: number | bigint) {
    this.#key = seedKey(seed);
  }

  /**
   * `nChildren` new generators whose streams are independent of this one's and of each other's
   * (NumPy's `Generator.spawn`, for parallel work that must not share a stream). Each child's
   * Philox key is a hash of this generator's key and a count of the children spawned so far,
   * so one seed spawns the same children every time; spawning draws nothing from this stream.
   *
   * @example
   * ```ts
   * const children = np.random.defaultRng(7).spawn(2);
   * console.log(children.length, children[1]!.integers(0, 100, [3]).shape);
   * // 2 [ 3 ]
   * ```
   */
  spawn(nChildren: number): Generator[] {
    checkArity(arguments.length, ['nChildren'], 'spawn');
    if (typeof nChildren !== 'number' || !Number.isSafeInteger(nChildren) || nChildren < 0) {
      throw new ValueError('nChildren', `spawn: expected a non-negative integer, got ${describeValue(nChildren)}`);
    }
    return Array.from({ length: nChildren }, () => {
      const child = new Generator(0);
      child.#key = mix64((mix64(this.#key) + ++this.#spawned) % TWO_64);
      return child;
    });
  }

  #launch(shape: readonly number[], t: DType, distribution: RandomDistribution, a: Scalar, b: Scalar): ndarray {
    const out = LogicalStore.create(shape, t);
    const draw = this.#draws++;
    if (shape.every((e) => e > 0)) {
      const task = new AutoTask(library, Task.Random)
        .addOutput(out)
        .addScalar(new Scalar(distribution, 'int32'))
        .addScalar(new Scalar(Number(this.#key & 0xffffffffn), 'uint32'))
        .addScalar(new Scalar(Number(this.#key >> 32n), 'uint32'))
        .addScalar(new Scalar(draw, 'uint64'))
        .addScalar(a)
        .addScalar(b);
      for (const stride of cStrides(shape)) task.addScalar(new Scalar(BigInt(stride), 'int64'));
      task.execute();
    }
    return new ndarray(out);
  }

  #shape(size: ShapeLike | undefined, parameters: readonly Parameter[]): number[] {
    if (size !== undefined) {
      const shape = shapeOf(size, 'size');
      for (const p of parameters) {
        if (p instanceof ndarray && broadcastShapes(shape, p.shape).join() !== shape.join()) {
          throw new ShapeError('size', `shape mismatch: parameters of shape ${shapeText(p.shape)} cannot be broadcast to size ${shapeText(shape)}`);
        }
      }
      return shape;
    }
    return parameters.reduce<number[]>((shape, p) => (p instanceof ndarray ? broadcastShapes(shape, p.shape) : shape), []);
  }

  /**
   * Floats uniform in [0, 1), with every bit of the type's mantissa random.
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).random([3]);
   * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.less(x, 1))).item());
   * // [ 3 ] float64 true
   * ```
   */
  random(size?: ShapeLike | FloatOptions, dtype?: DTypeLike | FloatOptions): ndarray;
  random(): ndarray {
    const [size, dtype = 'float64'] = keywords(arguments, ['size', 'dtype'], 'random') as [ShapeLike?, DTypeLike?];
    const t = floatDType(dtype, 'random');
    return this.#launch(this.#shape(size, []), t, RandomDistribution.Uniform, new Scalar(0, 'float64'), new Scalar(1, 'float64'));
  }

  /**
   * Floats uniform in [low, high); `low` and `high` may be arrays (broadcast against `size`).
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).uniform(-1, 1, [4]);
   * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, -1), np.less(x, 1))).item());
   * // [ 4 ] float64 true
   * ```
   */
  uniform(low?: Parameter | UniformOptions, high?: Parameter | UniformOptions, size?: ShapeLike | UniformOptions): ndarray;
  uniform(): ndarray {
    const [low = 0, high = 1, size] = keywords(arguments, ['low', 'high', 'size'], 'uniform') as [Parameter?, Parameter?, ShapeLike?];
    checkParameter(low, 'low');
    checkParameter(high, 'high');
    const shape = this.#shape(size, [low, high]);
    if (typeof low === 'number' && typeof high === 'number') {
      if (!Number.isFinite(high - low)) throw new ValueError('high', `high - low range exceeds valid bounds (low=${low}, high=${high})`);
      return this.#launch(shape, toDType('float64'), RandomDistribution.Uniform, new Scalar(low, 'float64'), new Scalar(high, 'float64'));
    }
    return tidy(() => add(low, multiply(subtract(high, low), this.random(shape))));
  }

  /**
   * Gaussian floats with mean `loc` and standard deviation `scale` (scalars or arrays).
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).normal(5, 2, [2, 2]);
   * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
   * // [ 2, 2 ] float64 true
   * ```
   */
  normal(loc?: Parameter | NormalOptions, scale?: Parameter | NormalOptions, size?: ShapeLike | NormalOptions): ndarray;
  normal(): ndarray {
    const [loc = 0, scale = 1, size] = keywords(arguments, ['loc', 'scale', 'size'], 'normal') as [Parameter?, Parameter?, ShapeLike?];
    checkParameter(loc, 'loc');
    checkParameter(scale, 'scale');
    const shape = this.#shape(size, [loc, scale]);
    if (typeof scale === 'number' ? scale < 0 : scale.size > 0 && tidy(() => any(less(scale, 0)).item())) {
      throw new ValueError('scale', `scale < 0 (smallest: ${typeof scale === 'number' ? scale : String(tidy(() => min(scale).item()))})`);
    }
    if (typeof loc === 'number' && typeof scale === 'number') {
      return this.#launch(shape, toDType('float64'), RandomDistribution.Normal, new Scalar(loc, 'float64'), new Scalar(scale, 'float64'));
    }
    return tidy(() => add(loc, multiply(scale, this.standardNormal(shape))));
  }

  /** Gaussian floats with mean 0 and standard deviation 1. */
  standardNormal(size?: ShapeLike | FloatOptions, dtype?: DTypeLike | FloatOptions): ndarray;
  standardNormal(): ndarray {
    const [size, dtype = 'float64'] = keywords(arguments, ['size', 'dtype'], 'standard_normal') as [ShapeLike?, DTypeLike?];
    const t = floatDType(dtype, 'standardNormal');
    return this.#launch(this.#shape(size, []), t, RandomDistribution.Normal, new Scalar(0, 'float64'), new Scalar(1, 'float64'));
  }

  /**
   * Integers uniform in [low, high) (or [low, high] with `endpoint`), without bias;
   * `integers(high)` draws from [0, high). 64-bit bounds may be given as bigint.
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).integers(0, 10, [2, 3]);
   * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.less(x, 10))).item());
   * // [ 2, 3 ] int64 true
   * ```
   */
  integers(
    low: number | bigint,
    high?: number | bigint | null | IntegersOptions,
    size?: ShapeLike | IntegersOptions,
    dtype?: DTypeLike | IntegersOptions,
    endpoint?: boolean | IntegersOptions,
  ): ndarray;
  integers(): ndarray {
    const given = keywords(arguments, ['low', 'high', 'size', 'dtype', 'endpoint'], 'integers');
    let [low, high] = given as [number | bigint, (number | bigint | null)?];
    const [, , size, dtype = 'int64', endpoint = false] = given as [unknown, unknown, ShapeLike?, DTypeLike?, unknown?];
    if (typeof endpoint !== 'boolean') throw new DTypeError('endpoint', `integers: expected a boolean, got ${describeValue(endpoint)}`);
    if (high === undefined || high === null) [low, high] = [0, low];
    const t = toDType(dtype);
    if (!t.isInteger && t.kind !== 'b') throw new DTypeError('dtype', `integers: unsupported dtype '${t.name}' (an integer type or bool)`);
    const lo = integerBound(low, 'low');
    let hi = integerBound(high, 'high');
    const [minimum, maximum] = integerRange(t);
    if (lo < minimum || lo > maximum) throw new ValueError('low', `low is out of bounds for ${t.name}`);
    if (endpoint) hi += 1n;
    if (hi - 1n > maximum || hi - 1n < minimum) throw new ValueError('high', `high is out of bounds for ${t.name}`);
    if (lo >= hi) throw new ValueError('high', `low >= high (low=${lo}, high=${endpoint ? hi - 1n : hi}${endpoint ? ', endpoint' : ''})`);
    // The kernel adds in wrapping 64-bit arithmetic; a range of 2^64 is passed as 0.
    return this.#launch(this.#shape(size, []), t, RandomDistribution.Integers, new Scalar(BigInt.asUintN(64, lo), 'uint64'), new Scalar(BigInt.asUintN(64, hi - lo), 'uint64'));
  }

  /**
   * A distribution call's parameters (defaults filled, `undefined` for required ones missing),
   * checked for NaN and complex values, and the draw's shape: `size`, or the parameters' broadcast shape.
   */
  #parameters(args: IArguments, names: readonly string[], defaults: readonly (number | undefined)[], fn: string): { values: Parameter[]; shape: number[] } {
    const given = keywords(args, [...names, 'size'], fn);
    const values = names.map((name, i) => {
      const value = (given[i] ?? defaults[i]) as Parameter | undefined;
      if (value === undefined) throw new ArgumentError(name, `${fn}() missing required argument '${name}'`);
      checkParameter(value, name);
      return value;
    });
    return { values, shape: this.#shape(given[names.length] as ShapeLike | undefined, values) };
  }

  /** Draws `math(source, shape, ...float64 parameters)` after the checks `checks` makes. */
  #continuous(args: IArguments, names: readonly string[], defaults: readonly (number | undefined)[], fn: string, checks: readonly Check[], math: (src: D.Source, shape: number[], ...p: ndarray[]) => ndarray, cast?: 'int64'): ndarray {
    const { values, shape } = this.#parameters(args, names, defaults, fn);
    for (const [i, test, message, error] of checks) violated(values[i]!, names[i]!, test, message, error);
    return tidy(() => {
      const x = math(this, shape, ...values.map(asFloat));
      return cast ? astype(x, cast) : x;
    });
  }

  #floatOnly(args: IArguments, fn: string, extra: readonly string[], math: (shape: number[], p: Parameter[]) => ndarray): ndarray {
    const given = keywords(args, [...extra, 'size', 'dtype'], fn);
    const p = given.slice(0, extra.length) as Parameter[];
    extra.forEach((name, i) => {
      if (p[i] === undefined) throw new ArgumentError(name, `${fn}() missing required argument '${name}'`);
      checkParameter(p[i], name);
    });
    const t = floatDType((given[extra.length + 1] as DTypeLike | undefined) ?? 'float64', fn);
    const shape = this.#shape(given[extra.length] as ShapeLike | undefined, p);
    return tidy(() => {
      const x = math(shape, p);
      return t.name === 'float64' ? x : astype(x, t);
    });
  }

  /** Exponential floats of mean 1 (NumPy's `Generator.standard_exponential`, by inversion). */
  standardExponential(size?: ShapeLike | FloatOptions, dtype?: DTypeLike | FloatOptions): ndarray;
  standardExponential(): ndarray {
    return this.#floatOnly(arguments, 'standard_exponential', [], (shape) => D.standardExponential(this, shape));
  }

  /**
   * Exponential floats of mean `scale` (NumPy's `Generator.exponential`).
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).exponential(2, [3]);
   * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
   * // [ 3 ] float64 true
   * ```
   */
  exponential(scale?: Parameter | DistributionOptions<'scale'>, size?: ShapeLike | DistributionOptions<'scale'>): ndarray;
  exponential(): ndarray {
    return this.#continuous(arguments, ['scale'], [1], 'exponential', [NON_NEGATIVE(0)], (s, shape, scale) => multiply(scale, D.standardExponential(s, shape)));
  }

  /** Gamma floats of shape `shape` and scale 1 (NumPy's `Generator.standard_gamma`; Marsaglia–Tsang). */
  standardGamma(shape: Parameter | GammaOptions, size?: ShapeLike | GammaOptions, dtype?: DTypeLike | GammaOptions): ndarray;
  standardGamma(): ndarray {
    return this.#floatOnly(arguments, 'standard_gamma', ['shape'], (shape, [k]) => {
      violated(k!, 'shape', (x) => less(x, 0), 'shape < 0');
      return D.standardGamma(this, shape, asFloat(k!));
    });
  }

  /** Gamma floats of shape `shape` and scale `scale` (NumPy's `Generator.gamma`). */
  gamma(shape: Parameter | DistributionOptions<'shape' | 'scale'>, scale?: Parameter | DistributionOptions<'shape' | 'scale'>, size?: ShapeLike | DistributionOptions<'shape' | 'scale'>): ndarray;
  gamma(): ndarray {
    return this.#continuous(arguments, ['shape', 'scale'], [undefined, 1], 'gamma', [NON_NEGATIVE(0), NON_NEGATIVE(1)], D.gamma);
  }

  /** Beta floats on [0, 1] (NumPy's `Generator.beta`). */
  beta(a: Parameter | DistributionOptions<'a' | 'b'>, b?: Parameter | DistributionOptions<'a' | 'b'>, size?: ShapeLike | DistributionOptions<'a' | 'b'>): ndarray;
  beta(): ndarray {
    return this.#continuous(arguments, ['a', 'b'], [undefined, undefined], 'beta', [POSITIVE(0), POSITIVE(1)], D.beta);
  }

  /** Chi-square floats with `df` degrees of freedom (NumPy's `Generator.chisquare`). */
  chisquare(df: Parameter | DistributionOptions<'df'>, size?: ShapeLike | DistributionOptions<'df'>): ndarray;
  chisquare(): ndarray {
    return this.#continuous(arguments, ['df'], [undefined], 'chisquare', [POSITIVE(0)], D.chisquare);
  }

  /** Fisher's F floats (NumPy's `Generator.f`). */
  f(dfnum: Parameter | DistributionOptions<'dfnum' | 'dfden'>, dfden?: Parameter | DistributionOptions<'dfnum' | 'dfden'>, size?: ShapeLike | DistributionOptions<'dfnum' | 'dfden'>): ndarray;
  f(): ndarray {
    return this.#continuous(arguments, ['dfnum', 'dfden'], [undefined, undefined], 'f', [POSITIVE(0), POSITIVE(1)], D.f);
  }

  /** Student's t floats with `df` degrees of freedom (NumPy's `Generator.standard_t`). */
  standardT(df: Parameter | DistributionOptions<'df'>, size?: ShapeLike | DistributionOptions<'df'>): ndarray;
  standardT(): ndarray {
    return this.#continuous(arguments, ['df'], [undefined], 'standard_t', [POSITIVE(0)], D.standardT);
  }

  /** Standard Cauchy floats (NumPy's `Generator.standard_cauchy`). */
  standardCauchy(size?: ShapeLike | { size?: ShapeLike }): ndarray;
  standardCauchy(): ndarray {
    return this.#continuous(arguments, [], [], 'standard_cauchy', [], D.standardCauchy);
  }

  /** Log-normal floats: exp of normal(mean, sigma) (NumPy's `Generator.lognormal`). */
  lognormal(mean?: Parameter | DistributionOptions<'mean' | 'sigma'>, sigma?: Parameter | DistributionOptions<'mean' | 'sigma'>, size?: ShapeLike | DistributionOptions<'mean' | 'sigma'>): ndarray;
  lognormal(): ndarray {
    return this.#continuous(arguments, ['mean', 'sigma'], [0, 1], 'lognormal', [NON_NEGATIVE(1)], D.lognormal);
  }

  /** Logistic floats (NumPy's `Generator.logistic`). */
  logistic(loc?: Parameter | DistributionOptions<'loc' | 'scale'>, scale?: Parameter | DistributionOptions<'loc' | 'scale'>, size?: ShapeLike | DistributionOptions<'loc' | 'scale'>): ndarray;
  logistic(): ndarray {
    return this.#continuous(arguments, ['loc', 'scale'], [0, 1], 'logistic', [NON_NEGATIVE(1)], D.logistic);
  }

  /** Gumbel (extreme value type I) floats (NumPy's `Generator.gumbel`). */
  gumbel(loc?: Parameter | DistributionOptions<'loc' | 'scale'>, scale?: Parameter | DistributionOptions<'loc' | 'scale'>, size?: ShapeLike | DistributionOptions<'loc' | 'scale'>): ndarray;
  gumbel(): ndarray {
    return this.#continuous(arguments, ['loc', 'scale'], [0, 1], 'gumbel', [NON_NEGATIVE(1)], D.gumbel);
  }

  /** Laplace (double exponential) floats (NumPy's `Generator.laplace`). */
  laplace(loc?: Parameter | DistributionOptions<'loc' | 'scale'>, scale?: Parameter | DistributionOptions<'loc' | 'scale'>, size?: ShapeLike | DistributionOptions<'loc' | 'scale'>): ndarray;
  laplace(): ndarray {
    return this.#continuous(arguments, ['loc', 'scale'], [0, 1], 'laplace', [NON_NEGATIVE(1)], D.laplace);
  }

  /** Rayleigh floats (NumPy's `Generator.rayleigh`). */
  rayleigh(scale?: Parameter | DistributionOptions<'scale'>, size?: ShapeLike | DistributionOptions<'scale'>): ndarray;
  rayleigh(): ndarray {
    return this.#continuous(arguments, ['scale'], [1], 'rayleigh', [NON_NEGATIVE(0)], D.rayleigh);
  }

  /** Weibull floats of shape `a`, scale 1 (NumPy's `Generator.weibull`). */
  weibull(a: Parameter | DistributionOptions<'a'>, size?: ShapeLike | DistributionOptions<'a'>): ndarray;
  weibull(): ndarray {
    return this.#continuous(arguments, ['a'], [undefined], 'weibull', [NON_NEGATIVE(0)], D.weibull);
  }

  /** Pareto II (Lomax) floats of shape `a` (NumPy's `Generator.pareto`). */
  pareto(a: Parameter | DistributionOptions<'a'>, size?: ShapeLike | DistributionOptions<'a'>): ndarray;
  pareto(): ndarray {
    return this.#continuous(arguments, ['a'], [undefined], 'pareto', [POSITIVE(0)], D.pareto);
  }

  /** Power-function floats on [0, 1] of exponent `a - 1` (NumPy's `Generator.power`). */
  power(a: Parameter | DistributionOptions<'a'>, size?: ShapeLike | DistributionOptions<'a'>): ndarray;
  power(): ndarray {
    return this.#continuous(arguments, ['a'], [undefined], 'power', [POSITIVE(0)], D.power);
  }

  /** Triangular floats on [left, right] peaking at `mode` (NumPy's `Generator.triangular`). */
  triangular(left: Parameter | DistributionOptions<'left' | 'mode' | 'right'>, mode?: Parameter | DistributionOptions<'left' | 'mode' | 'right'>, right?: Parameter | DistributionOptions<'left' | 'mode' | 'right'>, size?: ShapeLike | DistributionOptions<'left' | 'mode' | 'right'>): ndarray;
  triangular(): ndarray {
    const { values, shape } = this.#parameters(arguments, ['left', 'mode', 'right'], [undefined, undefined, undefined], 'triangular');
    return tidy(() => {
      const [left, mode, right] = values.map(asFloat) as [ndarray, ndarray, ndarray];
      if (D.truthy(greater(left, mode))) throw new ValueError('left', 'left > mode');
      if (D.truthy(greater(mode, right))) throw new ValueError('mode', 'mode > right');
      if (D.truthy(equal(left, right))) throw new ValueError('right', 'left == right');
      return D.triangular(this, shape, left, mode, right);
    });
  }

  /** Wald (inverse Gaussian) floats (NumPy's `Generator.wald`). */
  wald(mean: Parameter | DistributionOptions<'mean' | 'scale'>, scale?: Parameter | DistributionOptions<'mean' | 'scale'>, size?: ShapeLike | DistributionOptions<'mean' | 'scale'>): ndarray;
  wald(): ndarray {
    return this.#continuous(arguments, ['mean', 'scale'], [undefined, undefined], 'wald', [POSITIVE(0), POSITIVE(1)], D.wald);
  }

  /** von Mises angles in [-pi, pi] (NumPy's `Generator.vonmises`). */
  vonmises(mu: Parameter | DistributionOptions<'mu' | 'kappa'>, kappa?: Parameter | DistributionOptions<'mu' | 'kappa'>, size?: ShapeLike | DistributionOptions<'mu' | 'kappa'>): ndarray;
  vonmises(): ndarray {
    return this.#continuous(arguments, ['mu', 'kappa'], [undefined, undefined], 'vonmises', [NON_NEGATIVE(1)], D.vonmises);
  }

  /** Noncentral chi-square floats (NumPy's `Generator.noncentral_chisquare`). */
  noncentralChisquare(df: Parameter | DistributionOptions<'df' | 'nonc'>, nonc?: Parameter | DistributionOptions<'df' | 'nonc'>, size?: ShapeLike | DistributionOptions<'df' | 'nonc'>): ndarray;
  noncentralChisquare(): ndarray {
    return this.#continuous(arguments, ['df', 'nonc'], [undefined, undefined], 'noncentral_chisquare', [POSITIVE(0), NON_NEGATIVE(1)], D.noncentralChisquare);
  }

  /** Noncentral F floats (NumPy's `Generator.noncentral_f`). */
  noncentralF(dfnum: Parameter | DistributionOptions<'dfnum' | 'dfden' | 'nonc'>, dfden?: Parameter | DistributionOptions<'dfnum' | 'dfden' | 'nonc'>, nonc?: Parameter | DistributionOptions<'dfnum' | 'dfden' | 'nonc'>, size?: ShapeLike | DistributionOptions<'dfnum' | 'dfden' | 'nonc'>): ndarray;
  noncentralF(): ndarray {
    return this.#continuous(arguments, ['dfnum', 'dfden', 'nonc'], [undefined, undefined, undefined], 'noncentral_f', [POSITIVE(0), POSITIVE(1), NON_NEGATIVE(2)], D.noncentralF);
  }

  /**
   * Binomial counts (int64) of `n` trials with success probability `p` (NumPy's `Generator.binomial`).
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).binomial(10, 0.5, [4]);
   * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 10))).item());
   * // [ 4 ] int64 true
   * ```
   */
  binomial(n: Parameter | DistributionOptions<'n' | 'p'>, p?: Parameter | DistributionOptions<'n' | 'p'>, size?: ShapeLike | DistributionOptions<'n' | 'p'>): ndarray;
  binomial(): ndarray {
    return this.#continuous(arguments, ['n', 'p'], [undefined, undefined], 'binomial', [INTEGER(0), NON_NEGATIVE(0), PROBABILITY(1)], (s, shape, n, p) => D.binomialFloat(s, shape, n, p), 'int64');
  }

  /**
   * Poisson counts (int64) of mean `lam` (NumPy's `Generator.poisson`).
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).poisson(3, [4]);
   * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
   * // [ 4 ] int64 true
   * ```
   */
  poisson(lam?: Parameter | DistributionOptions<'lam'>, size?: ShapeLike | DistributionOptions<'lam'>): ndarray;
  poisson(): ndarray {
    return this.#continuous(arguments, ['lam'], [1], 'poisson', [NON_NEGATIVE(0), [0, (x) => greater(x, POISSON_LAM_MAX), 'lam value too large']], D.poisson, 'int64');
  }

  /** Geometric counts (int64, from 1): trials until the first success (NumPy's `Generator.geometric`). */
  geometric(p: Parameter | DistributionOptions<'p'>, size?: ShapeLike | DistributionOptions<'p'>): ndarray;
  geometric(): ndarray {
    return this.#continuous(arguments, ['p'], [undefined], 'geometric', [OPEN_PROBABILITY(0)], D.geometric, 'int64');
  }

  /** Negative binomial counts (int64): failures before the `n`-th success (NumPy's `Generator.negative_binomial`). */
  negativeBinomial(n: Parameter | DistributionOptions<'n' | 'p'>, p?: Parameter | DistributionOptions<'n' | 'p'>, size?: ShapeLike | DistributionOptions<'n' | 'p'>): ndarray;
  negativeBinomial(): ndarray {
    return this.#continuous(arguments, ['n', 'p'], [undefined, undefined], 'negative_binomial', [POSITIVE(0), OPEN_PROBABILITY(1)], D.negativeBinomial, 'int64');
  }

  /** Hypergeometric counts (int64): good items among `nsample` drawn without replacement (NumPy's `Generator.hypergeometric`). */
  hypergeometric(ngood: Parameter | DistributionOptions<'ngood' | 'nbad' | 'nsample'>, nbad?: Parameter | DistributionOptions<'ngood' | 'nbad' | 'nsample'>, nsample?: Parameter | DistributionOptions<'ngood' | 'nbad' | 'nsample'>, size?: ShapeLike | DistributionOptions<'ngood' | 'nbad' | 'nsample'>): ndarray;
  hypergeometric(): ndarray {
    const { values, shape } = this.#parameters(arguments, ['ngood', 'nbad', 'nsample'], [undefined, undefined, undefined], 'hypergeometric');
    const [ngood, nbad, nsample] = values as [Parameter, Parameter, Parameter];
    for (const [v, name] of [[ngood, 'ngood'], [nbad, 'nbad'], [nsample, 'nsample']] as const) {
      violated(v, name, INTEGER(0)[1], INTEGER(0)[2], 'dtype');
      violated(v, name, (x) => less(x, 0), `${name} < 0`);
    }
    return tidy(() => {
      const [g, b, s] = [ngood, nbad, nsample].map(asFloat) as [ndarray, ndarray, ndarray];
      if (D.truthy(less(add(g, b), s))) throw new ValueError('nsample', 'ngood + nbad < nsample');
      return astype(D.hypergeometric(this, shape, g, b, s), 'int64');
    });
  }

  /** Logarithmic-series counts (int64, from 1) (NumPy's `Generator.logseries`). */
  logseries(p: Parameter | DistributionOptions<'p'>, size?: ShapeLike | DistributionOptions<'p'>): ndarray;
  logseries(): ndarray {
    return this.#continuous(arguments, ['p'], [undefined], 'logseries', [[0, (x) => logicalOr(logicalOr(less(x, 0), greaterEqual(x, 1)), isnan(x)), 'p < 0, p >= 1 or p is NaN']], D.logseries, 'int64');
  }

  /** Zipf (zeta) counts (int64, from 1) of exponent `a` (NumPy's `Generator.zipf`). */
  zipf(a: Parameter | DistributionOptions<'a'>, size?: ShapeLike | DistributionOptions<'a'>): ndarray;
  zipf(): ndarray {
    return this.#continuous(arguments, ['a'], [undefined], 'zipf', [[0, (x) => logicalNot(greater(x, 1)), 'a <= 1 or a is NaN']], D.zipf, 'int64');
  }

  /**
   * Counts (int64, last axis of length `pvals.length`) of `n` trials over the categories
   * (NumPy's `Generator.multinomial`): conditional binomials, one per category.
   */
  multinomial(n: Parameter | MultinomialOptions, pvals?: readonly number[] | ndarray | MultinomialOptions, size?: ShapeLike | MultinomialOptions): ndarray;
  multinomial(): ndarray {
    const [n, pvals, size] = keywords(arguments, ['n', 'pvals', 'size'], 'multinomial') as [Parameter, (readonly number[] | ndarray)?, ShapeLike?];
    checkParameter(n, 'n');
    violated(n, 'n', INTEGER(0)[1], INTEGER(0)[2], 'dtype');
    violated(n, 'n', (x) => less(x, 0), 'n < 0');
    const p = probabilities(pvals, 'pvals', 'multinomial');
    if (p.some((v) => !(v >= 0 && v <= 1))) throw new ValueError('pvals', 'pvals < 0, pvals > 1 or pvals contains NaNs');
    if (p.slice(0, -1).reduce((a, b) => a + b, 0) > 1 + 1e-12) throw new ValueError('pvals', 'sum(pvals[:-1]) > 1.0');
    const shape = this.#shape(size, [n]);
    return tidy(() => {
      let remaining = add(zeros(shape, 'float64'), asFloat(n));
      let left = 1;
      const counts: ndarray[] = [];
      for (let j = 0; j < p.length - 1; j++) {
        const q = left > 0 ? Math.min(Math.max(p[j]! / left, 0), 1) : 0;
        const x = D.binomialFloat(this, shape, remaining, full([], q, 'float64'));
        counts.push(x);
        remaining = subtract(remaining, x);
        left -= p[j]!;
      }
      counts.push(remaining);
      return astype(stack(counts, -1), 'int64');
    });
  }

  /** Points on the simplex (last axis of length `alpha.length`) (NumPy's `Generator.dirichlet`). */
  dirichlet(alpha: readonly number[] | ndarray | DirichletOptions, size?: ShapeLike | DirichletOptions): ndarray;
  dirichlet(): ndarray {
    const [alpha, size] = keywords(arguments, ['alpha', 'size'], 'dirichlet') as [readonly number[] | ndarray, ShapeLike?];
    const a = probabilities(alpha, 'alpha', 'dirichlet');
    if (a.some((v) => Number.isNaN(v))) throw new ValueError('alpha', 'alpha contains NaNs');
    if (a.some((v) => v < 0)) throw new ValueError('alpha', 'alpha < 0');
    const shape = [...(size === undefined ? [] : shapeOf(size, 'size')), a.length];
    return tidy(() => {
      // Normalised in logs, so that small concentrations do not give 0 / 0.
      const lg = D.logStandardGamma(this, shape, array(a, 'float64'));
      const e = exp(subtract(lg, max(lg, { axis: -1, keepdims: true })));
      return divide(e, sum(e, { axis: -1, keepdims: true }));
    });
  }

  /** Gaussian vectors of mean `mean` and covariance `cov` (NumPy's `Generator.multivariate_normal`). */
  multivariateNormal(mean: readonly number[] | ndarray, cov: readonly (readonly number[])[] | ndarray, size?: ShapeLike | MultivariateNormalOptions, checkValid?: 'warn' | 'raise' | 'ignore' | MultivariateNormalOptions, tol?: number | MultivariateNormalOptions, method?: 'svd' | 'eigh' | 'cholesky' | MultivariateNormalOptions): ndarray;
  multivariateNormal(): ndarray {
    const [meanArg, covArg, size, checkValid = 'warn', tol = 1e-8, method = 'svd'] = keywords(arguments, ['mean', 'cov', 'size', 'check_valid', 'tol', 'method'], 'multivariate_normal', 2) as [
      readonly number[] | ndarray, readonly (readonly number[])[] | ndarray, ShapeLike?, string?, number?, string?,
    ];
    if (!['warn', 'raise', 'ignore'].includes(checkValid)) throw new ValueError('check_valid', "check_valid must equal 'warn', 'raise', or 'ignore'");
    if (!['svd', 'eigh', 'cholesky'].includes(method)) throw new ValueError('method', "method must be one of {'svd', 'eigh', 'cholesky'}");
    return tidy(() => {
      const mean = asFloat(meanArg instanceof ndarray ? meanArg : array(meanArg as number[], 'float64'));
      const cov = asFloat(covArg instanceof ndarray ? covArg : array(covArg as number[][], 'float64'));
      if (mean.ndim !== 1) throw new ValueError('mean', 'mean must be 1 dimensional');
      if (cov.ndim !== 2 || cov.shape[0] !== cov.shape[1]) throw new ValueError('cov', 'cov must be 2 dimensional and square');
      if (mean.shape[0] !== cov.shape[0]) throw new ValueError('cov', 'mean and cov must have same length');
      const k = mean.shape[0]!;
      let factor: ndarray;
      let psd = true;
      if (method === 'cholesky') {
        factor = cholesky(cov).T;
      } else if (method === 'eigh') {
        const { eigenvalues, eigenvectors } = eigh(cov);
        psd = !D.truthy(less(eigenvalues, -tol));
        factor = multiply(eigenvectors, sqrt(maximum(eigenvalues, 0))).T;
      } else {
        const { S, Vh } = svd(cov);
        factor = multiply(reshape(sqrt(S), [k, 1]), Vh);
        if (checkValid !== 'ignore') psd = !D.truthy(greater(absolute(subtract(matmul(multiply(Vh.T, S), Vh), cov)), add(tol, multiply(tol, absolute(cov)))));
      }
      if (!psd && checkValid === 'raise') throw new ValueError('cov', 'covariance is not symmetric positive-semidefinite.');
      if (!psd && checkValid === 'warn') console.warn('multivariate_normal: covariance is not symmetric positive-semidefinite.');
      const shape = [...(size === undefined ? [] : shapeOf(size, 'size')), k];
      return add(mean, matmul(this.standardNormal(shape), factor));
    });
  }

  /**
   * A random sample of `a` (an array, along `axis`) or of `arange(a)` (NumPy's `Generator.choice`):
   * with replacement by uniform integers or, given `p`, by searching the cumulative `p`; without
   * replacement as the first elements of a random permutation (weighted: exponential races).
   *
   * @example
   * ```ts
   * const x = np.random.defaultRng(42).choice(5, [3], false);
   * console.log(x.shape, x.dtype.name, np.unique(x).size);
   * // [ 3 ] int64 3
   * ```
   */
  choice(a: number | ndarray, size?: ShapeLike | null | ChoiceOptions, replace?: boolean | ChoiceOptions, p?: readonly number[] | ndarray | null | ChoiceOptions, axis?: number | ChoiceOptions, shuffle?: boolean | ChoiceOptions): ndarray;
  choice(): ndarray {
    const [a, sizeArg, replace = true, pArg, axis = 0, shuffle = true] = keywords(arguments, ['a', 'size', 'replace', 'p', 'axis', 'shuffle'], 'choice', 1) as [
      number | ndarray, (ShapeLike | null)?, boolean?, (readonly number[] | ndarray | null)?, number?, boolean?,
    ];
    if (typeof replace !== 'boolean') throw new DTypeError('replace', `choice: expected a boolean, got ${describeValue(replace)}`);
    if (typeof shuffle !== 'boolean') throw new DTypeError('shuffle', `choice: expected a boolean, got ${describeValue(shuffle)}`);
    const shape = sizeArg === undefined || sizeArg === null ? [] : shapeOf(sizeArg, 'size');
    const count = shape.reduce((x, y) => x * y, 1);
    let population: number;
    let along = 0;
    if (typeof a === 'number') {
      if (!Number.isSafeInteger(a)) throw new DTypeError('a', `choice: a must be an integer or an ndarray, got ${a}`);
      if (a < 0 || (a === 0 && count > 0)) throw new ValueError('a', 'a must be a positive integer unless no samples are taken');
      population = a;
    } else if (a instanceof ndarray) {
      if (a.ndim === 0) throw new ValueError('a', 'a must be a sequence or an integer, not a 0-d array');
      along = normalizeAxis(axis, a.ndim, 'axis');
      population = a.shape[along]!;
      if (population === 0 && count > 0) throw new ValueError('a', 'a cannot be empty unless no samples are taken');
    } else {
      throw new DTypeError('a', `choice: expected an integer or an ndarray, got ${describeValue(a)}`);
    }
    let p: number[] | undefined;
    if (pArg !== undefined && pArg !== null) {
      if (pArg instanceof ndarray && pArg.ndim !== 1) throw new ValueError('p', 'p must be 1-dimensional');
      p = probabilities(pArg, 'p', 'choice');
      if (p.length !== population) throw new ValueError('p', 'a and p must have same size');
      if (p.some((v) => !(v >= 0))) throw new ValueError('p', 'probabilities are not non-negative');
      if (Math.abs(p.reduce((x, y) => x + y, 0) - 1) > Math.sqrt(Number.EPSILON)) throw new ValueError('p', 'probabilities do not sum to 1');
    }
    if (!replace && count > population) throw new ValueError('size', "Cannot take a larger sample than population when replace is False");
    if (!replace && p && p.filter((v) => v > 0).length < count) throw new ValueError('p', 'Fewer non-zero entries in p than size');
    const index = tidy(() => {
      if (replace) {
        if (!p) return this.integers(0, Math.max(population, 1), shape);
        const cdf = cumsum(array(p, 'float64'));
        const normalized = divide(cdf, cdf.get(population - 1) as number);
        return minimum(searchsorted(normalized, this.random(shape), 'right'), population - 1);
      }
      // The `count` smallest keys: uniform keys give a uniform permutation; keys E / p (an
      // exponential race) draw with probabilities p, renormalised after each pick.
      const keys = p ? where(greater(array(p, 'float64'), 0), divide(D.standardExponential(this, [population]), array(p, 'float64')), Infinity) : this.random([population]);
      const order = argsort(keys);
      return reshape(order.slice(`:${count}`).copy(), shape);
    });
    if (typeof a === 'number') return index;
    return tidy(() => take(a, index, along));
  }

  /**
   * A random permutation of `arange(x)`, or a permuted copy of `x` along `axis` (NumPy's `Generator.permutation`).
   *
   * @example
   * ```ts
   * const p = np.random.defaultRng(42).permutation(5);
   * console.log(np.sort(p));
   * // array([0, 1, 2, 3, 4])
   * ```
   */
  permutation(x: number | ndarray, axis?: number): ndarray {
    checkArity(arguments.length, ['x', 'axis'], 'permutation');
    if (typeof x === 'number') {
      if (!Number.isSafeInteger(x) || x < 0) throw new ValueError('x', `permutation: expected a non-negative integer, got ${x}`);
      return tidy(() => argsort(this.random([x])));
    }
    if (!(x instanceof ndarray)) throw new DTypeError('x', `permutation: expected an integer or an ndarray, got ${describeValue(x)}`);
    if (x.ndim === 0) throw new ValueError('x', 'x must be an integer or at least 1-dimensional');
    const along = normalizeAxis(axis ?? 0, x.ndim, 'axis');
    return tidy(() => take(x, argsort(this.random([x.shape[along]!])), along));
  }

  /**
   * Shuffles `x` in place along `axis` (NumPy's `Generator.shuffle`).
   *
   * @example
   * ```ts
   * const a = np.arange(6);
   * np.random.defaultRng(42).shuffle(a);
   * console.log(np.sort(a));
   * // array([0, 1, 2, 3, 4, 5])
   * ```
   */
  shuffle(x: ndarray, axis?: number): void {
    checkArity(arguments.length, ['x', 'axis'], 'shuffle');
    if (!(x instanceof ndarray)) throw new DTypeError('x', `shuffle: expected an ndarray, got ${describeValue(x)}`);
    if (x.ndim === 0) throw new ValueError('x', 'shuffle: x must be at least 1-dimensional');
    const along = normalizeAxis(axis ?? 0, x.ndim, 'axis');
    tidy(() => {
      x.assign(take(x, argsort(this.random([x.shape[along]!])), along));
    });
  }

  /**
   * `x` with each slice along `axis` permuted independently (the flattened array for null) (NumPy's
   * `Generator.permuted`); written to `out` when given.
   */
  permuted(x: ndarray, axis?: number | null | PermutedOptions, out?: ndarray | null | PermutedOptions): ndarray;
  permuted(): ndarray {
    const [x, axis = null, out = null] = keywords(arguments, ['x', 'axis', 'out'], 'permuted', 1) as [ndarray, (number | null)?, (ndarray | null)?];
    if (!(x instanceof ndarray)) throw new DTypeError('x', `permuted: expected an ndarray, got ${describeValue(x)}`);
    if (out !== null && !(out instanceof ndarray)) throw new DTypeError('out', `permuted: expected an ndarray, got ${describeValue(out)}`);
    if (out !== null && out.shape.join() !== x.shape.join()) throw new ShapeError('out', `permuted: out has shape ${shapeText(out.shape)}, x has ${shapeText(x.shape)}`);
    const result = tidy(() => {
      if (axis === null) return reshape(take(ravel(x), argsort(this.random([x.size]))), x.shape);
      const along = normalizeAxis(axis, x.ndim, 'axis');
      return takeAlongAxis(x, argsort(this.random([...x.shape]), along), along);
    });
    if (out === null) return result;
    out.assign(result);
    result.dispose();
    return out;
  }

  /** `length` random bytes (NumPy's `Generator.bytes`, as a Uint8Array). */
  bytes(length: number): Uint8Array {
    checkArity(arguments.length, ['length'], 'bytes');
    if (!Number.isSafeInteger(length) || length < 0) throw new ValueError('length', `bytes: expected a non-negative integer, got ${describeValue(length)}`);
    return tidy(() => this.integers(0, 256, [length], 'uint8').toArray() as Uint8Array);
  }
}

/** A parameter check: the parameter's index, the elements that fail it, and the message (`{}`: the name). */
type Check = readonly [index: number, test: (x: ndarray) => ndarray, message: string, error?: 'dtype'];
const NON_NEGATIVE = (i: number): Check => [i, (x) => less(x, 0), '{} < 0'];
const POSITIVE = (i: number): Check => [i, (x) => lessEqual(x, 0), '{} <= 0'];
const INTEGER = (i: number): Check => [i, (x) => logicalOr(notEqual(x, floor(x)), isinf(x)), '{}: expected finite integers', 'dtype'];
const PROBABILITY = (i: number): Check => [i, (x) => logicalOr(logicalOr(less(x, 0), greater(x, 1)), isnan(x)), '{} < 0, {} > 1 or {} is NaN'];
const OPEN_PROBABILITY = (i: number): Check => [i, (x) => logicalOr(logicalOr(lessEqual(x, 0), greater(x, 1)), isnan(x)), '{} <= 0, {} > 1 or {} contains NaNs'];
// NumPy's POISSON_LAM_MAX: int64's largest value less ten standard deviations.
const POISSON_LAM_MAX = 9.223372006484771e18;

function violated(value: Parameter, argument: string, test: (x: ndarray) => ndarray, message: string, error?: 'dtype'): void {
  const fails = tidy(() => {
    const x = typeof value === 'number' ? full([], value, 'float64') : value;
    return x.size > 0 && Boolean(any(test(x)).item());
  });
  if (!fails) return;
  const text = message.replaceAll('{}', argument);
  throw error === 'dtype' ? new DTypeError(argument, text) : new ValueError(argument, text);
}

/** A parameter as a float64 array (0-d for a number); a float64 array is itself. */
function asFloat(p: Parameter): ndarray {
  if (typeof p === 'number') return full([], p, 'float64');
  return p.dtype.name === 'float64' ? p : astype(p, 'float64');
}

/** A short list of probabilities or concentrations (a parameter's few values, not data) as numbers. */
function probabilities(value: unknown, argument: string, fn: string): number[] {
  if (value instanceof ndarray) {
    if (value.ndim !== 1) throw new ValueError(argument, `${fn}: ${argument} must be 1-dimensional, got shape ${shapeText(value.shape)}`);
    if (value.dtype.isComplex) throw new DTypeError(argument, `${fn}: expected real values, got ${value.dtype.name}`);
    return Array.from(tidy(() => astype(value, 'float64').toArray()) as Float64Array);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return [...(value as number[])];
  throw new DTypeError(argument, `${fn}: expected a list of numbers or a 1-D ndarray, got ${describeValue(value)}`);
}

function checkParameter(value: unknown, argument: string): void {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new ValueError(argument, 'must not be NaN');
    return;
  }
  if (!(value instanceof ndarray)) throw new DTypeError(argument, `expected a number or an ndarray, got ${value === null ? 'null' : typeof value}`);
  if (value.dtype.isComplex) throw new DTypeError(argument, `expected real values, got ${value.dtype.name}`);
}

function integerBound(value: unknown, argument: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw new DTypeError(argument, `expected an integer (number or bigint), got ${typeof value === 'number' ? value : typeof value}`);
}

function integerRange(t: DType): [bigint, bigint] {
  if (t.kind === 'b') return [0n, 1n];
  const bits = BigInt(t.itemsize * 8);
  return t.kind === 'u' ? [0n, (1n << bits) - 1n] : [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}

/**
 * A new {@link Generator}; seeded from the operating system's entropy when `seed` is omitted.
 *
 * @example
 * ```ts
 * const rng = np.random.defaultRng(42); // a Generator, independent of np.random.seed
 * console.log(rng.integers(0, 10, [5]).shape, np.arrayEqual(np.random.defaultRng(42).random([3]), np.random.defaultRng(42).random([3])));
 * // [ 5 ] true
 * ```
 */
export function defaultRng(seed?: number | bigint): Generator {
  checkArity(arguments.length, ['seed'], 'defaultRng');
  return new Generator(seed);
}

// NumPy's legacy module-level functions draw from one global generator that `seed` replaces.
let global = new Generator();

/**
 * Reseeds the generator behind the module-level functions (`rand`, `randn`, ...).
 *
 * @example
 * ```ts
 * np.random.seed(7);
 * const first = np.random.random([3]);
 * np.random.seed(7); // the same seed, the same numbers
 * console.log(np.arrayEqual(first, np.random.random([3])));
 * // true
 * ```
 */
export function seed(value?: number | bigint): void {
  checkArity(arguments.length, ['value'], 'seed');
  global = new Generator(value);
}

/**
 * Floats uniform in [0, 1) of the given shape.
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.random([2, 3]);
 * console.log(x.shape, x.dtype.name, np.all(np.less(x, 1)).item());
 * // [ 2, 3 ] float64 true
 * ```
 */
export function random(size?: ShapeLike | { size?: ShapeLike }): ndarray {
  const [shape] = keywords(arguments, ['size'], 'random') as [ShapeLike?];
  return global.random(shape);
}
/**
 * Floats uniform in [0, 1) with shape `(d0, d1, ...)`.
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.rand(2, 3);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 1))).item());
 * // [ 2, 3 ] float64 true
 * ```
 */
export const rand = (...dims: number[]): ndarray => global.random(dims);
/**
 * Standard Gaussian floats with shape `(d0, d1, ...)`.
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.randn(2, 3);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 2, 3 ] float64 true
 * ```
 */
export const randn = (...dims: number[]): ndarray => global.standardNormal(dims);
/**
 * Integers in [low, high) (`randint(high)`: [0, high)), as int64 unless `dtype` says otherwise.
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.randint(0, 10, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 9))).item());
 * // [ 1000 ] int64 true
 * ```
 */
export function randint(
  low: number | bigint,
  high?: number | bigint | null | Omit<IntegersOptions, 'endpoint'>,
  size?: ShapeLike | Omit<IntegersOptions, 'endpoint'>,
  dtype?: DTypeLike | Omit<IntegersOptions, 'endpoint'>,
): ndarray;
export function randint(): ndarray {
  const [low, high, size, dtype = 'int64'] = keywords(arguments, ['low', 'high', 'size', 'dtype'], 'randint') as [number | bigint, (number | bigint | null)?, ShapeLike?, DTypeLike?];
  return global.integers(low, high, size, dtype);
}
/**
 * Floats uniform in [low, high).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.uniform(1, 2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 1), np.lessEqual(x, 2))).item());
 * // [ 1000 ] float64 true
 * ```
 */
export function uniform(low?: Parameter | UniformOptions, high?: Parameter | UniformOptions, size?: ShapeLike | UniformOptions): ndarray;
export function uniform(): ndarray {
  return global.uniform(...(keywords(arguments, ['low', 'high', 'size'], 'uniform') as [Parameter?, Parameter?, ShapeLike?]));
}
/**
 * Gaussian floats with mean `loc` and standard deviation `scale`.
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.normal(0, 1, [2, 3]);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 2, 3 ] float64 true
 * ```
 */
export function normal(loc?: Parameter | NormalOptions, scale?: Parameter | NormalOptions, size?: ShapeLike | NormalOptions): ndarray;
export function normal(): ndarray {
  return global.normal(...(keywords(arguments, ['loc', 'scale', 'size'], 'normal') as [Parameter?, Parameter?, ShapeLike?]));
}
/**
 * Standard Gaussian floats of the given shape.
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.standardNormal([1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export function standardNormal(size?: ShapeLike | { size?: ShapeLike }): ndarray {
  const [shape] = keywords(arguments, ['size'], 'standard_normal') as [ShapeLike?];
  return global.standardNormal(shape);
}

// The module-level forms of the distributions: each draws from the global generator.
type Method = 'standardExponential' | 'exponential' | 'standardGamma' | 'gamma' | 'beta' | 'chisquare' | 'f' | 'standardT' | 'standardCauchy' | 'lognormal'
  | 'logistic' | 'gumbel' | 'laplace' | 'rayleigh' | 'weibull' | 'pareto' | 'power' | 'triangular' | 'wald' | 'vonmises' | 'noncentralChisquare' | 'noncentralF'
  | 'binomial' | 'poisson' | 'geometric' | 'negativeBinomial' | 'hypergeometric' | 'logseries' | 'zipf' | 'multinomial' | 'dirichlet' | 'multivariateNormal'
  | 'choice' | 'permutation' | 'shuffle' | 'bytes';
function fromGlobal<K extends Method>(name: K): Generator[K] {
  return function (this: unknown, ...args: unknown[]) {
    return (global[name] as (...a: unknown[]) => unknown).apply(global, args);
  } as Generator[K];
}
/**
 * Exponential floats of mean 1 (NumPy's `numpy.random.standard_exponential`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.standardExponential([1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const standardExponential = fromGlobal('standardExponential');
/**
 * Exponential floats of mean `scale` (NumPy's `numpy.random.exponential`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.exponential(2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const exponential = fromGlobal('exponential');
/**
 * Gamma floats of scale 1 (NumPy's `numpy.random.standard_gamma`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.standardGamma(2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const standardGamma = fromGlobal('standardGamma');
/**
 * Gamma floats (NumPy's `numpy.random.gamma`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.gamma(2, 1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const gamma = fromGlobal('gamma');
/**
 * Beta floats (NumPy's `numpy.random.beta`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.beta(2, 5, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 1))).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const beta = fromGlobal('beta');
/**
 * Chi-square floats (NumPy's `numpy.random.chisquare`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.chisquare(3, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const chisquare = fromGlobal('chisquare');
/**
 * Fisher's F floats (NumPy's `numpy.random.f`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.f(5, 2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const f = fromGlobal('f');
/**
 * Student's t floats (NumPy's `numpy.random.standard_t`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.standardT(3, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const standardT = fromGlobal('standardT');
/**
 * Standard Cauchy floats (NumPy's `numpy.random.standard_cauchy`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.standardCauchy([1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalNot(np.isnan(x))).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const standardCauchy = fromGlobal('standardCauchy');
/**
 * Log-normal floats (NumPy's `numpy.random.lognormal`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.lognormal(0, 1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greater(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const lognormal = fromGlobal('lognormal');
/**
 * Logistic floats (NumPy's `numpy.random.logistic`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.logistic(0, 1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const logistic = fromGlobal('logistic');
/**
 * Gumbel floats (NumPy's `numpy.random.gumbel`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.gumbel(0, 1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const gumbel = fromGlobal('gumbel');
/**
 * Laplace floats (NumPy's `numpy.random.laplace`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.laplace(0, 1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.isfinite(x)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const laplace = fromGlobal('laplace');
/**
 * Rayleigh floats (NumPy's `numpy.random.rayleigh`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.rayleigh(1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const rayleigh = fromGlobal('rayleigh');
/**
 * Weibull floats (NumPy's `numpy.random.weibull`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.weibull(2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const weibull = fromGlobal('weibull');
/**
 * Pareto II floats (NumPy's `numpy.random.pareto`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.pareto(3, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const pareto = fromGlobal('pareto');
/** Power-function floats (NumPy's `numpy.random.power`). */
export const power = fromGlobal('power');
/**
 * Triangular floats (NumPy's `numpy.random.triangular`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.triangular(0, 1, 3, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 3))).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const triangular = fromGlobal('triangular');
/**
 * Wald floats (NumPy's `numpy.random.wald`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.wald(1, 2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greater(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const wald = fromGlobal('wald');
/**
 * von Mises angles (NumPy's `numpy.random.vonmises`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.vonmises(0, 4, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, -np.pi), np.lessEqual(x, np.pi))).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const vonmises = fromGlobal('vonmises');
/**
 * Noncentral chi-square floats (NumPy's `numpy.random.noncentral_chisquare`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.noncentralChisquare(3, 2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const noncentralChisquare = fromGlobal('noncentralChisquare');
/**
 * Noncentral F floats (NumPy's `numpy.random.noncentral_f`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.noncentralF(3, 5, 1, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] float64 true
 * ```
 */
export const noncentralF = fromGlobal('noncentralF');
/**
 * Binomial counts (NumPy's `numpy.random.binomial`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.binomial(10, 0.5, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 10))).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const binomial = fromGlobal('binomial');
/**
 * Poisson counts (NumPy's `numpy.random.poisson`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.poisson(3, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const poisson = fromGlobal('poisson');
/**
 * Geometric counts (NumPy's `numpy.random.geometric`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.geometric(0.3, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 1)).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const geometric = fromGlobal('geometric');
/**
 * Negative binomial counts (NumPy's `numpy.random.negative_binomial`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.negativeBinomial(5, 0.5, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 0)).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const negativeBinomial = fromGlobal('negativeBinomial');
/**
 * Hypergeometric counts (NumPy's `numpy.random.hypergeometric`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.hypergeometric(10, 5, 6, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 1), np.lessEqual(x, 6))).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const hypergeometric = fromGlobal('hypergeometric');
/**
 * Logarithmic-series counts (NumPy's `numpy.random.logseries`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.logseries(0.5, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 1)).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const logseries = fromGlobal('logseries');
/**
 * Zipf counts (NumPy's `numpy.random.zipf`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.zipf(2, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.greaterEqual(x, 1)).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const zipf = fromGlobal('zipf');
/**
 * Multinomial counts (NumPy's `numpy.random.multinomial`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.multinomial(10, [0.2, 0.3, 0.5], [4]);
 * console.log(x.shape, np.sum(x, { axis: 1 }));
 * // [ 4, 3 ] array([10, 10, 10, 10])
 * ```
 */
export const multinomial = fromGlobal('multinomial');
/**
 * Dirichlet points (NumPy's `numpy.random.dirichlet`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.dirichlet([1, 2, 3], [4]);
 * console.log(x.shape, np.allclose(np.sum(x, { axis: 1 }), 1));
 * // [ 4, 3 ] true
 * ```
 */
export const dirichlet = fromGlobal('dirichlet');
/**
 * Gaussian vectors (NumPy's `numpy.random.multivariate_normal`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.multivariateNormal([0, 0], [[1, 0.5], [0.5, 1]], [5]);
 * console.log(x.shape, x.dtype.name);
 * // [ 5, 2 ] float64
 * ```
 */
export const multivariateNormal = fromGlobal('multivariateNormal');
/**
 * A random sample of `a` (NumPy's `numpy.random.choice`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.choice(5, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 0), np.lessEqual(x, 4))).item());
 * // [ 1000 ] int64 true
 * ```
 */
export const choice = fromGlobal('choice');
/**
 * A random permutation (NumPy's `numpy.random.permutation`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * console.log(np.sort(np.random.permutation(5)));
 * // array([0, 1, 2, 3, 4])
 * ```
 */
export const permutation = fromGlobal('permutation');
/**
 * Shuffles an array in place along its first axis (NumPy's `numpy.random.shuffle`).
 *
 * @example
 * ```ts
 * const deck = np.arange(6);
 * np.random.shuffle(deck); // in place, along the first axis
 * console.log(np.sort(deck));
 * // array([0, 1, 2, 3, 4, 5])
 * ```
 */
export const shuffle = fromGlobal('shuffle');
/**
 * Random bytes (NumPy's `numpy.random.bytes`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * console.log(np.random.bytes(8).length);
 * // 8
 * ```
 */
export const bytes = fromGlobal('bytes');
/** Floats uniform in [0, 1) (NumPy's `numpy.random.random_sample`, an alias of `random`). */
export const randomSample = random;
/** Floats uniform in [0, 1) (NumPy's `numpy.random.ranf`, an alias of `random`). */
export const ranf = random;
/** Floats uniform in [0, 1) (NumPy's `numpy.random.sample`, an alias of `random`). */
export const sample = random;
/**
 * Integers in [low, high], both ends included; `randomIntegers(high)`: [1, high] (NumPy's legacy `numpy.random.random_integers`).
 *
 * @example
 * ```ts
 * np.random.seed(0);
 * const x = np.random.randomIntegers(1, 6, [1000]);
 * console.log(x.shape, x.dtype.name, np.all(np.logicalAnd(np.greaterEqual(x, 1), np.lessEqual(x, 6))).item());
 * // [ 1000 ] int64 true
 * ```
 */
export function randomIntegers(low: number | bigint, high?: number | bigint | null | { high?: number | bigint | null; size?: ShapeLike }, size?: ShapeLike | { high?: number | bigint | null; size?: ShapeLike }): ndarray;
export function randomIntegers(): ndarray {
  const [low, high, size] = keywords(arguments, ['low', 'high', 'size'], 'random_integers') as [number | bigint, (number | bigint | null)?, ShapeLike?];
  if (high === undefined || high === null) return global.integers(1, low, size, 'int64', true);
  return global.integers(low, high, size, 'int64', true);
}
