// Every ufunc against NumPy: types (including the pairs NumPy refuses), values, broadcasting,
// views, `out=` and scalars, on fresh random inputs with the runtime forced to partition.
import { describe, expect, it } from 'vitest';

import { DTypeError, ShapeError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const FAMILIES = ['bool', 'int8', 'uint8', 'int16', 'int32', 'int64', 'uint64', 'float32', 'float64', 'complex64', 'complex128'];

/** NumPy's verdict on `expression`: an error's class name, or nothing. */
async function numpyError(expression: string, inputs: Record<string, NdValue | number>): Promise<string | undefined> {
  const code = `
try:
    np.asarray(${expression})
    out = ''
except Exception as e:
    out = type(e).__name__`;
  const verdict = await py!.run<string>(code, inputs as never);
  return verdict || undefined;
}

/** Ours agrees with NumPy: the same error (a typed one naming an argument), or the same result. */
async function agree(make: () => np.ndarray, expression: string, inputs: Record<string, NdValue | number>, exact: boolean): Promise<void> {
  const error = await numpyError(expression, inputs);
  if (error) {
    let thrown: unknown;
    try {
      make().toArray();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `${expression}: NumPy raises ${error}`).toBeInstanceOf(Error);
    expect((thrown as Error).message, expression).toMatch(/\S+: /);
    return;
  }
  await expectLikeNumpy(make(), expression, inputs, exact);
}

const UNARY: [string, (x: np.ndarray) => np.ndarray][] = [
  ['negative', np.negative],
  ['positive', np.positive],
  ['absolute', np.absolute],
  ['sign', np.sign],
  ['sqrt', np.sqrt],
  ['cbrt', np.cbrt],
  ['square', np.square],
  ['exp', np.exp],
  ['exp2', np.exp2],
  ['expm1', np.expm1],
  ['log', np.log],
  ['log2', np.log2],
  ['log10', np.log10],
  ['log1p', np.log1p],
  ['sin', np.sin],
  ['cos', np.cos],
  ['tan', np.tan],
  ['arcsin', np.arcsin],
  ['arccos', np.arccos],
  ['arctan', np.arctan],
  ['sinh', np.sinh],
  ['cosh', np.cosh],
  ['tanh', np.tanh],
  ['arcsinh', np.arcsinh],
  ['arccosh', np.arccosh],
  ['arctanh', np.arctanh],
  ['floor', np.floor],
  ['ceil', np.ceil],
  ['trunc', np.trunc],
  ['rint', np.rint],
  ['isnan', np.isnan],
  ['isinf', np.isinf],
  ['isfinite', np.isfinite],
  ['signbit', np.signbit],
  ['logical_not', np.logicalNot],
  ['invert', np.invert],
  ['real', np.real],
  ['imag', np.imag],
  ['conjugate', np.conjugate],
  ['angle', np.angle],
];

const BINARY: [string, (a: np.ndarray, b: np.ndarray) => np.ndarray][] = [
  ['add', np.add],
  ['subtract', np.subtract],
  ['multiply', np.multiply],
  ['divide', np.divide],
  ['floor_divide', np.floorDivide],
  ['remainder', np.remainder],
  ['power', np.power],
  ['maximum', np.maximum],
  ['minimum', np.minimum],
  ['fmax', np.fmax],
  ['fmin', np.fmin],
  ['arctan2', np.arctan2],
  ['hypot', np.hypot],
  ['copysign', np.copysign],
  ['bitwise_and', np.bitwiseAnd],
  ['bitwise_or', np.bitwiseOr],
  ['bitwise_xor', np.bitwiseXor],
  ['left_shift', np.leftShift],
  ['right_shift', np.rightShift],
  ['equal', np.equal],
  ['not_equal', np.notEqual],
  ['less', np.less],
  ['less_equal', np.lessEqual],
  ['greater', np.greater],
  ['greater_equal', np.greaterEqual],
  ['logical_and', np.logicalAnd],
  ['logical_or', np.logicalOr],
  ['logical_xor', np.logicalXor],
];

/** Values that exercise an op without its undefined corners. */
function inputFor(op: string, dtype: string, shape: number[], side: 'a' | 'b' = 'a'): NdValue {
  const v = random(dtype, shape, op === 'power' ? 3 : 10);
  const data = v.data as unknown as (number | bigint)[];
  const set = (i: number, x: number) => (data[i] = typeof data[i] === 'bigint' ? BigInt(x) : x);
  for (let i = 0; i < data.length; i++) {
    const x = Number(data[i]);
    // Shifts: counts within the width; power: small exponents keep integer results exact.
    if ((op === 'left_shift' || op === 'right_shift') && side === 'b') set(i, Math.abs(x) % 8);
    if (op === 'power' && side === 'b' && !dtype.startsWith('float') && !dtype.startsWith('complex')) set(i, Math.abs(x) % 6);
    if (op === 'power' && side === 'a' && dtype.startsWith('float')) set(i, Math.abs(x));
    // complex bases near 0 overflow, and C++ and NumPy name the overflow differently (inf, nan)
    if (op === 'power' && side === 'a' && dtype.startsWith('complex')) set(i, Math.sign(x) * (0.5 + Math.abs(x)));
  }
  return v;
}

describe.skipIf(!python.ok)('unary ufuncs against NumPy', () => {
  it.each(UNARY)('%s: every dtype family gives NumPy\'s type and values, or NumPy\'s refusal', async (name, fn) => {
    for (const t of FAMILIES) {
      const x = inputFor(name, t, [randint(1, 6), randint(1, 9)]);
      // transposed too: the kernels see strided pieces
      await agree(() => fn(ours(x)), `np.${name}(x)`, { x }, false);
      await agree(() => fn(ours(x).T), `np.${name}(x.T)`, { x }, false);
    }
  });

  it('rounds halves to even at any number of decimals, integers too', async () => {
    const x = { dtype: 'float64', shape: [8], data: Float64Array.from([2.5, 3.5, -0.5, 1.25, -2.675, 1e300, Math.random() * 100, -Math.random()]) };
    for (const d of [0, 1, 2, -1]) await expectLikeNumpy(np.round(ours(x), d), `np.round(x, ${d})`, { x }, false);
    const i = { dtype: 'int32', shape: [5], data: Int32Array.from([1234, -1250, 1350, 50, randint(-1e6, 1e6)]) };
    for (const d of [0, -1, -2, -3]) await expectLikeNumpy(np.round(ours(i), d), `np.round(i, ${d})`, { i });
  });
});

describe.skipIf(!python.ok)('binary ufuncs against NumPy', () => {
  it.each(BINARY)('%s: dtype pairs give NumPy\'s type and values, or NumPy\'s refusal', async (name, fn) => {
    const pairs = FAMILIES.map((t) => [t, t]);
    for (let k = 0; k < 14; k++) pairs.push([FAMILIES[randint(0, FAMILIES.length - 1)]!, FAMILIES[randint(0, FAMILIES.length - 1)]!]);
    for (const [ta, tb] of pairs) {
      const shape = [randint(1, 5), randint(1, 8)];
      const a = inputFor(name, ta!, shape, 'a');
      const b = inputFor(name, tb!, [shape[1]!], 'b'); // broadcast along the first axis
      const exact = !/float|complex/.test(ta! + tb!);
      await agree(() => fn(ours(a), ours(b)), `np.${name}(a, b)`, { a, b }, exact);
    }
  });

  it('integer corners: division by zero gives 0, overflow wraps, shifts past the width', async () => {
    const a = { dtype: 'int8', shape: [6], data: Int8Array.from([-128, 127, -7, 7, 5, -5]) };
    const b = { dtype: 'int8', shape: [6], data: Int8Array.from([-1, 0, 2, -2, 0, 3]) };
    for (const [name, fn] of [['floor_divide', np.floorDivide], ['remainder', np.mod], ['add', np.add], ['multiply', np.multiply]] as const) {
      await expectLikeNumpy(fn(ours(a), ours(b)), `np.${name}(a, b)`, { a, b });
    }
    const s = { dtype: 'int64', shape: [4], data: BigInt64Array.from([1n, -8n, 3n, -1n]) };
    const c = { dtype: 'int64', shape: [4], data: BigInt64Array.from([64n, 70n, 63n, 200n]) };
    await expectLikeNumpy(np.leftShift(ours(s), ours(c)), 'np.left_shift(s, c)', { s, c });
    await expectLikeNumpy(np.rightShift(ours(s), ours(c)), 'np.right_shift(s, c)', { s, c });
  });

  it('NaN: maximum and minimum propagate it, fmax and fmin skip it, comparisons are false', async () => {
    const a = { dtype: 'float64', shape: [4], data: Float64Array.from([NaN, 1, NaN, 3]) };
    const b = { dtype: 'float64', shape: [4], data: Float64Array.from([2, NaN, NaN, 0]) };
    for (const name of ['maximum', 'minimum', 'fmax', 'fmin', 'less', 'greater_equal', 'not_equal']) {
      const fn = BINARY.find(([n]) => n === name)![1];
      await expectLikeNumpy(fn(ours(a), ours(b)), `np.${name}(a, b)`, { a, b });
    }
  });
});

describe.skipIf(!python.ok)('where, clip, out= and scalars against NumPy', () => {
  it('where broadcasts its three operands and promotes x and y', async () => {
    const c = random('bool', [4, 1]);
    const x = random('int32', [5]);
    const y = random('float32', [4, 5]);
    await expectLikeNumpy(np.where(ours(c), ours(x), ours(y)), 'np.where(c, x, y)', { c, x, y }, false);
    await expectLikeNumpy(np.where(ours(c), ours(x), 0), 'np.where(c, x, 0)', { c, x });
    const f = random('float64', [3, 3]);
    await expectLikeNumpy(np.where(np.greater(ours(f), 0), ours(f), np.negative(ours(f))), 'np.where(f > 0, f, -f)', { f });
  });

  it('clip promotes as NumPy does and takes null for an open side', async () => {
    const a = random('int32', [20]);
    await expectLikeNumpy(np.clip(ours(a), -1000, 1000), 'np.clip(a, -1000, 1000)', { a });
    await expectLikeNumpy(np.clip(ours(a), 0.5, 10.5), 'np.clip(a, 0.5, 10.5)', { a });
    await expectLikeNumpy(np.clip(ours(a), null, 7), 'np.clip(a, None, 7)', { a });
    await expectLikeNumpy(ours(a).clip(-3, null), 'a.clip(-3, None)', { a });
    // NumPy 2.1+: neither bound is a copy (fuzz finding 22).
    const copy = np.clip(ours(a), null, null);
    await expectLikeNumpy(copy, 'np.clip(a, None, None)', { a });
    copy.assign(0);
    await expectLikeNumpy(ours(a), 'a', { a });
  });

  it('float functions of two small integer arrays take the first float loop both cast to (fuzz finding 8)', async () => {
    const ints = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64'];
    for (const [name, fn] of [['hypot', np.hypot], ['arctan2', np.arctan2], ['copysign', np.copysign]] as const) {
      for (const ta of ints) {
        for (const tb of ints) {
          const a = random(ta, [3], 3);
          const b = random(tb, [3], 3);
          await expectLikeNumpy(fn(ours(a), ours(b)), `np.${name}(a, b)`, { a, b }, false);
        }
      }
    }
  });

  it('writes into out=, in place and through views, casting same_kind', async () => {
    const a = random('float64', [6, 5]);
    const b = random('float64', [5]);
    const x = ours(a);
    np.add(x, ours(b), { out: x }); // in place, same view
    await expectLikeNumpy(x, 'a + b', { a, b });
    const y = ours(a);
    np.multiply(y.slice('1:'), y.slice(':-1'), { out: y.slice('1:') }); // overlapping: NumPy copies first
    await py!.run('y = a.copy(); np.multiply(y[1:], y[:-1], out=y[1:]); out = y', { a });
    await expectLikeNumpy(y, '(lambda y: (np.multiply(y[1:], y[:-1], out=y[1:]), y)[1])(a.copy())', { a });
    const f32 = np.zeros([6, 5], 'float32');
    const returned = np.sqrt(ours(a), { out: f32 });
    expect(returned).toBe(f32);
    await expectLikeNumpy(f32, 'np.sqrt(a).astype(np.float32)', { a }, false);
    const counts = np.zeros([5], 'int64');
    expect(() => np.divide(ours(b), 2, { out: counts })).toThrow(/^out: Cannot cast ufunc 'divide' output from dtype\('float64'\) to dtype\('int64'\) with casting rule 'same_kind'$/);
    expect(() => np.add(ours(a), ours(b), { out: np.zeros([5]) })).toThrow(ShapeError);
  });

  it('takes JavaScript scalars on either side, as Python scalars', async () => {
    const a = random('uint8', [7]);
    await expectLikeNumpy(np.power(ours(a), 2), 'a ** 2', { a });
    await expectLikeNumpy(np.mod(ours(a), 7), 'a % 7', { a });
    await expectLikeNumpy(np.greater(ours(a), 100), 'a > 100', { a });
    await expectLikeNumpy(np.subtract(300.5, ours(a)), '300.5 - a', { a });
    await expectLikeNumpy(np.sqrt(2), 'np.sqrt(2)', {});
    await expectLikeNumpy(np.bitwiseAnd(ours(a), 0x0f), 'a & 0x0f', { a });
  });

  it('complex infinities and NaNs as NumPy computes them (fuzz findings 26-29)', async () => {
    const cx = (t: string, parts: number[]): NdValue => ({ dtype: t, shape: [parts.length / 2], data: t === 'complex64' ? Float32Array.from(parts) : Float64Array.from(parts) });
    const parts = [0, 0, -Infinity, -0.01, 1e300, -1e300, -Infinity, -Infinity, Infinity, 0, NaN, 1, 1, NaN, 0, Infinity, -4, 0.25, 1e-310, 0, 2, 3, Infinity, NaN, -Infinity, 1, 1e30, 1e30];
    for (const t of ['complex64', 'complex128']) {
      const x = cx(t, parts);
      const y = cx(t, [...parts.slice(6), ...parts.slice(0, 6)]);
      for (const [name, fn] of [['reciprocal', np.reciprocal], ['sign', np.sign], ['square', np.square], ['expm1', np.expm1], ['exp2', np.exp2]] as const) {
        await expectLikeNumpy(fn(ours(x)), `np.${name}(x)`, { x });
      }
      await expectLikeNumpy(np.multiply(ours(x), ours(y)), 'np.multiply(x, y)', { x, y });
      await expectLikeNumpy(np.multiply(ours(x), 2 ** 40), 'np.multiply(x, 2**40)', { x });
      const r: NdValue = { dtype: 'float64', shape: [parts.length / 2], data: Float64Array.from({ length: parts.length / 2 }, (_, i) => [0, 1, -2][i % 3]!) };
      await expectLikeNumpy(np.divide(ours(r), ours(x)), 'np.divide(r, x)', { r, x });
      await expectLikeNumpy(np.divide(ours(x), ours(y)), 'np.divide(x, y)', { x, y });
      for (const e of [0, 1, 2, 3, -2, 5]) await expectLikeNumpy(np.power(ours(x), e), `np.power(x, ${e})`, { x });
      const zero: NdValue = { dtype: 'uint8', shape: [1], data: new Uint8Array(1) };
      await expectLikeNumpy(np.power(ours(x), ours(zero)), 'np.power(x, zero)', { x, zero });
    }
  });

  it('integer reciprocal of 0 as NumPy gives it (fuzz finding 11)', async () => {
    for (const t of ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64']) {
      const values = [0, 1, 2, 0, 1];
      const x: NdValue = { dtype: t, shape: [values.length], data: t.endsWith('64') ? (t === 'int64' ? BigInt64Array : BigUint64Array).from(values.map(BigInt)) : np.array(values, t as never).toArray() };
      await expectLikeNumpy(np.reciprocal(ours(x)), 'np.reciprocal(x)', { x });
    }
  });

  it('clip of complex values ignores a bound holding a NaN, as NumPy\'s clip loop (fuzz finding 27)', async () => {
    const x: NdValue = { dtype: 'complex128', shape: [5], data: Float64Array.from([2, 0, 0.2, 0, 7, 1, NaN, 0, 0.5, -1]) };
    const lo: NdValue = { dtype: 'complex128', shape: [1], data: Float64Array.from([0.5, NaN]) };
    const hi: NdValue = { dtype: 'complex128', shape: [1], data: Float64Array.from([NaN, 1]) };
    await expectLikeNumpy(np.clip(ours(x), ours(lo), 5), 'np.clip(x, lo, 5)', { x, lo });
    await expectLikeNumpy(np.clip(ours(x), 0, ours(hi)), 'np.clip(x, 0, hi)', { x, hi });
    const u: NdValue = { dtype: 'uint64', shape: [2], data: BigUint64Array.from([5n, 0n]) };
    await expectLikeNumpy(np.clip(ours(u), ours(lo), 5), 'np.clip(u, lo, 5)', { u, lo });
  });

  it('float -> integer casts of NaN, infinities and out-of-range values as NumPy on x86-64 (fuzz finding 6)', async () => {
    // (NumPy's SIMD cast loops give these; its scalar tail loop differs for some, e.g. -3e9 -> uint32,
    // so the arrays hold values both agree on, or are short enough to be all SIMD.)
    const INTS = ['int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const;
    for (const values of [[NaN, Infinity, -Infinity, -1e30], [3e38, NaN, -1e30, Infinity], [3e9, -1.5, 300.5, 1e19, 1.8e19, 2e19]])
    for (const from of ['float32', 'float64', 'complex64', 'complex128']) {
      const data = from.startsWith('complex') ? values.flatMap((v) => [v, 1]) : values;
      const x: NdValue = { dtype: from, shape: [values.length], data: from.endsWith('32') || from === 'complex64' ? Float32Array.from(data) : Float64Array.from(data) };
      for (const to of INTS) {
        // NumPy's uint32 of NaN / infinities differs between its loops (SIMD or scalar, by source type).
        if (to === 'uint32' && values.some((v) => !Number.isFinite(v))) continue;
        await expectLikeNumpy(ours(x).astype(to), `x.astype('${to}')`, { x });
        const a = np.zeros([values.length], to);
        a.assign(ours(x));
        await expectLikeNumpy(a, `x.astype('${to}')`, { x });
        // Host-side casts (np.array of a typed array) agree with the kernel for finite values.
        if (from === 'float64' && values.length > 4) {
          const finite = values.filter(Number.isFinite);
          const f: NdValue = { dtype: 'float64', shape: [finite.length], data: Float64Array.from(finite) };
          await expectLikeNumpy(np.array(Float64Array.from(finite), to), `f.astype('${to}')`, { f });
        }
      }
    }
  });
});

describe('ufunc bad input', () => {
  it.each([
    ['a bitwise op on floats', () => np.bitwiseAnd(np.ones([2]), np.ones([2])), DTypeError, /^x1: ufunc 'bitwise_and' not supported for the input types \(float64\)$/],
    ['a shift of floats', () => np.leftShift(np.ones([2]), 1), DTypeError, /^x1: ufunc 'left_shift' not supported/],
    ['invert of floats', () => np.invert(np.ones([2])), DTypeError, /^x: ufunc 'invert' not supported for the input type float64$/],
    ['negative of booleans', () => np.negative(np.ones([2], 'bool')), DTypeError, /^x: ufunc 'negative'/],
    ['floor of complex', () => np.floor(np.ones([2], 'complex128')), DTypeError, /^x: ufunc 'floor'/],
    ['shapes that do not broadcast', () => np.maximum(np.ones([2, 3]), np.ones([2])), ShapeError, /^operands: could not be broadcast together with shapes \(2,3\) \(2,\)$/],
    ['where with a string', () => np.where('yes' as never, 1, 2), DTypeError, /^condition: where: expected an ndarray or a number, got string$/],
  ])('rejects %s with a typed error naming the argument', (_, make, type, message) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });

  it('fails integer powers with negative exponents at the first read, and the runtime goes on', () => {
    const r = np.power(np.array([2, 3]), np.array([1, -1]));
    expect(() => r.toArray()).toThrow(/Integers to negative integer powers are not allowed/);
    expect(np.add(np.array([1, 2]), 1).toNested()).toEqual([2, 3]);
  });
});
