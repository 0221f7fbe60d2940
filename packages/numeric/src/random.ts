// Random arrays (NumPy's `numpy.random`). Every value comes from Philox4x32-10, a counter-based
// generator: element i (C order) of a generator's d-th draw is a function of (seed, d, i) only,
// so an array has the same values on one core, on all cores, and under any partitioning.
import { AutoTask, cStrides, dtype as toDType, DTypeError, LogicalStore, Scalar, ShapeError, tidy, type DType, type DTypeLike } from '@legate/core';

import { checkArity, describeValue, keywords } from './arguments.js';
import { shapeOf, type ShapeLike } from './creation.js';
import { ValueError } from './errors.js';
import { library } from './native.js';
import { ndarray } from './ndarray.js';
import { broadcastShapes, shapeText } from './operations.js';
import { any, min } from './reductions.js';
import { add, less, multiply, subtract } from './ufunc.js';
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

  /** @internal use {@link defaultRng} */
  constructor(seed?: number | bigint) {
    this.#key = seedKey(seed);
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

  /** Floats uniform in [0, 1), with every bit of the type's mantissa random. */
  random(size?: ShapeLike | FloatOptions, dtype?: DTypeLike | FloatOptions): ndarray;
  random(): ndarray {
    const [size, dtype = 'float64'] = keywords(arguments, ['size', 'dtype'], 'random') as [ShapeLike?, DTypeLike?];
    const t = floatDType(dtype, 'random');
    return this.#launch(this.#shape(size, []), t, RandomDistribution.Uniform, new Scalar(0, 'float64'), new Scalar(1, 'float64'));
  }

  /** Floats uniform in [low, high); `low` and `high` may be arrays (broadcast against `size`). */
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

  /** Gaussian floats with mean `loc` and standard deviation `scale` (scalars or arrays). */
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

/** A new {@link Generator}; seeded from the operating system's entropy when `seed` is omitted. */
export function defaultRng(seed?: number | bigint): Generator {
  checkArity(arguments.length, ['seed'], 'defaultRng');
  return new Generator(seed);
}

// NumPy's legacy module-level functions draw from one global generator that `seed` replaces.
let global = new Generator();

/** Reseeds the generator behind the module-level functions (`rand`, `randn`, ...). */
export function seed(value?: number | bigint): void {
  checkArity(arguments.length, ['value'], 'seed');
  global = new Generator(value);
}

/** Floats uniform in [0, 1) of the given shape. */
export function random(size?: ShapeLike | { size?: ShapeLike }): ndarray {
  const [shape] = keywords(arguments, ['size'], 'random') as [ShapeLike?];
  return global.random(shape);
}
/** Floats uniform in [0, 1) with shape `(d0, d1, ...)`. */
export const rand = (...dims: number[]): ndarray => global.random(dims);
/** Standard Gaussian floats with shape `(d0, d1, ...)`. */
export const randn = (...dims: number[]): ndarray => global.standardNormal(dims);
/** Integers in [low, high) (`randint(high)`: [0, high)), as int64 unless `dtype` says otherwise. */
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
/** Floats uniform in [low, high). */
export function uniform(low?: Parameter | UniformOptions, high?: Parameter | UniformOptions, size?: ShapeLike | UniformOptions): ndarray;
export function uniform(): ndarray {
  return global.uniform(...(keywords(arguments, ['low', 'high', 'size'], 'uniform') as [Parameter?, Parameter?, ShapeLike?]));
}
/** Gaussian floats with mean `loc` and standard deviation `scale`. */
export function normal(loc?: Parameter | NormalOptions, scale?: Parameter | NormalOptions, size?: ShapeLike | NormalOptions): ndarray;
export function normal(): ndarray {
  return global.normal(...(keywords(arguments, ['loc', 'scale', 'size'], 'normal') as [Parameter?, Parameter?, ShapeLike?]));
}
/** Standard Gaussian floats of the given shape. */
export function standardNormal(size?: ShapeLike | { size?: ShapeLike }): ndarray {
  const [shape] = keywords(arguments, ['size'], 'standard_normal') as [ShapeLike?];
  return global.standardNormal(shape);
}
