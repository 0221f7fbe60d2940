// Arguments are never silently ignored or misread: NumPy's positional parameters are taken in
// NumPy's order or rejected, unknown option names and extra arguments are typed errors, arrays in
// JavaScript arithmetic are numbers (size 1) or an error, integer aranges are exact in int64,
// and bad fill values and string sizes get messages naming the argument.
import { describe, expect, it } from 'vitest';

import { ArgumentError, DTypeError, ShapeError, UnknownOptionError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** Runs `f` and returns what it threw (failing when it did not throw). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

/** Calls `f` with arguments TypeScript would reject, as JavaScript callers can. */
const loose = <T>(f: T): ((...args: unknown[]) => np.ndarray) => f as unknown as (...args: unknown[]) => np.ndarray;

describe.skipIf(!python.ok)('NumPy positional parameters, against NumPy', () => {
  it("linspace's 4th positional argument is endpoint", async () => {
    await expectLikeNumpy(np.linspace(0, 1, 5, false), 'np.linspace(0, 1, 5, False)', {}, false);
    await expectLikeNumpy(np.linspace(0, 1, 5, true), 'np.linspace(0, 1, 5, True)', {}, false);
    await expectLikeNumpy(np.linspace(2, 3, 4, { endpoint: false, dtype: 'float32' }), 'np.linspace(2, 3, 4, endpoint=False, dtype=np.float32)', {}, false);
  });

  it("eye's M and k, arange's step and dtype, full's dtype, round's decimals are positional", async () => {
    await expectLikeNumpy(np.eye(3, 4, 1), 'np.eye(3, 4, 1)', {});
    await expectLikeNumpy(np.eye(3, null, -1, 'int32'), 'np.eye(3, None, -1, np.int32)', {});
    await expectLikeNumpy(np.arange(0, 10, 3, 'float32'), 'np.arange(0, 10, 3, np.float32)', {});
    await expectLikeNumpy(np.arange(5, null), 'np.arange(5, None)', {});
    await expectLikeNumpy(np.full([2, 2], 7, 'int32'), 'np.full([2, 2], 7, np.int32)', {});
    await expectLikeNumpy(np.full([3], 2.7, 'int16'), 'np.full([3], 2.7, np.int16)', {});
    await expectLikeNumpy(np.full([2], 2, 'bool'), 'np.full([2], 2, bool)', {});
    await expectLikeNumpy(np.array([1.5, -2.5], 'int64'), 'np.array([1.5, -2.5], np.int64)', {});
  });

  it("concatenate's 3rd positional argument is out, histogram's is range", async () => {
    const out = np.zeros([4], 'int32');
    expect(np.concatenate([np.arange(2), np.arange(2)], 0, out)).toBe(out);
    await expectLikeNumpy(out, 'np.concatenate([np.arange(2), np.arange(2)], 0, np.zeros(4, np.int32))', {});
    await expectLikeNumpy(np.concatenate([np.arange(2), np.ones(2)], 0, { dtype: 'float32' }), 'np.concatenate([np.arange(2), np.ones(2)], 0, dtype=np.float32)', {});
    await expectLikeNumpy(np.concatenate([np.arange(2), np.ones(2)], 0, 'float32'), 'np.concatenate([np.arange(2), np.ones(2)], 0, dtype=np.float32)', {});
    const { hist, binEdges } = np.histogram(np.arange(10), 4, [0, 20]);
    await expectLikeNumpy(hist, 'np.histogram(np.arange(10), 4, (0, 20))[0]', {});
    await expectLikeNumpy(binEdges, 'np.histogram(np.arange(10), 4, (0, 20))[1]', {});
  });

  it('broadcastShapes and resultType take any number of arguments, as NumPy\'s', async () => {
    const want = await py!.eval<number[]>('list(np.broadcast_shapes((2, 1), (1, 3), (4, 1, 1)))', {});
    expect(np.broadcastShapes([2, 1], [1, 3], [4, 1, 1])).toEqual(want);
    const t = await py!.eval<string>('np.result_type(np.int8, np.uint8, np.float32).name', {});
    expect(np.resultType('int8', 'uint8', 'float32').name).toBe(t);
    expect(thrown(() => loose(np.canCastSafely)(np.array([1]).dtype, np.zeros(1).dtype, 'unsafe'))).toBeInstanceOf(ArgumentError);
    const casts = await py!.eval<boolean[]>('[np.can_cast("int8", "int32"), np.can_cast("int64", "float32"), np.can_cast("float64", "float32", "same_kind")]', {});
    expect([np.canCastSafely('int8', 'int32'), np.canCastSafely('int64', 'float32'), np.canCastSameKind('float64', 'float32')]).toEqual(casts);
  });

  it('creation functions take NumPy\'s keyword arguments as one options object, last', async () => {
    await expectLikeNumpy(np.zeros([2, 3], { dtype: 'int32' }), 'np.zeros([2, 3], dtype=np.int32)', {});
    await expectLikeNumpy(np.ones(3, { dtype: 'uint8' }), 'np.ones(3, dtype=np.uint8)', {});
    expect(np.empty(3, { dtype: 'int16' }).dtype.name).toBe('int16');
    await expectLikeNumpy(np.full([2], 3, { dtype: 'float32' }), 'np.full([2], 3, dtype=np.float32)', {});
    await expectLikeNumpy(np.full([2], { re: 1, im: 2 }), 'np.full([2], 1+2j)', {});
    await expectLikeNumpy(np.zerosLike(np.arange(3), { dtype: 'float32' }), 'np.zeros_like(np.arange(3), dtype=np.float32)', {});
    await expectLikeNumpy(np.fullLike(np.arange(3), 7, { dtype: 'int8' }), 'np.full_like(np.arange(3), 7, dtype=np.int8)', {});
    await expectLikeNumpy(np.arange(10, { dtype: 'float32' }), 'np.arange(10, dtype=np.float32)', {});
    await expectLikeNumpy(np.arange(1, 10, { step: 3 }), 'np.arange(1, 10, step=3)', {});
    await expectLikeNumpy(np.arange(0, { stop: 6, step: 2, dtype: 'int16' }), 'np.arange(0, stop=6, step=2, dtype=np.int16)', {});
    await expectLikeNumpy(np.eye(3, { k: 1, dtype: 'int32' }), 'np.eye(3, k=1, dtype=np.int32)', {});
    await expectLikeNumpy(np.eye(2, 3, { dtype: 'bool' }), 'np.eye(2, 3, dtype=bool)', {});
    await expectLikeNumpy(np.identity(2, { dtype: 'int64' }), 'np.identity(2, dtype=np.int64)', {});
    await expectLikeNumpy(np.array([1, 2], { dtype: 'float32' }), 'np.array([1, 2], dtype=np.float32)', {});
    await expectLikeNumpy(np.asarray([1, 2], { dtype: 'int8' }), 'np.asarray([1, 2], dtype=np.int8)', {});
    for (const call of [() => np.zeros(3, { dtyp: 'int32' } as never), () => np.arange(3, { order: 'C' } as never), () => np.eye(3, 3, { M: 2 } as never)]) {
      expect(thrown(call)).toBeInstanceOf(UnknownOptionError);
    }
  });

  it('sort, argsort, cumsum, fft and norm take keyword arguments as one options object, last', async () => {
    const m = np.array([[3, 1, 2], [9, 7, 8]]);
    const x = np.array([1, 2, 3, 4, 5, 6, 7, 8], 'float64');
    const inputs = { m: { dtype: 'int64', shape: [2, 3], data: m.toArray() }, x: { dtype: 'float64', shape: [8], data: x.toArray() } } as never;
    await expectLikeNumpy(np.sort(m, { axis: 0 }), 'np.sort(m, axis=0)', inputs);
    await expectLikeNumpy(np.sort(m, null, { kind: 'stable' }), 'np.sort(m, None, kind="stable")', inputs);
    await expectLikeNumpy(np.argsort(m, { kind: 'stable' }), 'np.argsort(m, kind="stable")', inputs);
    await expectLikeNumpy(np.cumsum(m, { axis: 1, dtype: 'float32' }), 'np.cumsum(m, axis=1, dtype=np.float32)', inputs);
    await expectLikeNumpy(np.cumprod(m, 0, { dtype: 'int32' }), 'np.cumprod(m, 0, dtype=np.int32)', inputs);
    await expectLikeNumpy(np.fft.fft(x, { n: 4, norm: 'ortho' }), 'np.fft.fft(x, n=4, norm="ortho")', inputs, false);
    await expectLikeNumpy(np.fft.rfft(x, 8, { norm: 'forward' }), 'np.fft.rfft(x, 8, norm="forward")', inputs, false);
    await expectLikeNumpy(np.fft.fftn(np.astype(m, 'float64'), { axes: [1] }), 'np.fft.fftn(m.astype(float), axes=[1])', inputs, false);
    await expectLikeNumpy(np.linalg.norm(x, { ord: 1 }), 'np.linalg.norm(x, ord=1)', inputs, false);
    await expectLikeNumpy(np.linalg.norm(np.astype(m, 'float64'), { axis: 1, keepdims: true }), 'np.linalg.norm(m.astype(float), axis=1, keepdims=True)', inputs, false);
    const cases: [string, () => unknown][] = [
      ['sort', () => np.sort(m, { axes: 0 } as never)],
      ['argsort', () => np.argsort(m, 0, { order: 'x' } as never)],
      ['cumsum', () => np.cumsum(m, { where: m } as never)],
      ['fft', () => np.fft.fft(x, { axes: [0] } as never)],
      ['fftn', () => np.fft.fftn(x, { axis: 0 } as never)],
      ['norm', () => np.linalg.norm(x, { keepdim: true } as never)],
    ];
    for (const [fn, call] of cases) {
      const e = thrown(call);
      expect(e, fn).toBeInstanceOf(UnknownOptionError);
      expect(e.message, fn).toMatch(new RegExp(`^options: ${fn}: unknown option`));
    }
  });

  it("svd's full_matrices and compute_uv are positional too", () => {
    const m = np.array([[1, 2], [3, 4], [5, 6]], 'float64');
    const reduced = np.linalg.svd(m, false);
    expect([reduced.U.shape, reduced.Vh.shape]).toEqual([[3, 2], [2, 2]]);
    expect(np.linalg.svd(m, true, false).shape).toEqual([2]);
    expect(np.linalg.svd(m, { fullMatrices: false }).U.shape).toEqual([3, 2]);
    expect(thrown(() => np.linalg.svd(m, 'no' as never))).toBeInstanceOf(DTypeError);
  });

  it("a ufunc's 3rd positional argument is out, as NumPy's", async () => {
    const out = np.zeros([3]);
    const got = np.add(np.arange(3), 1, out);
    expect(got).toBe(out);
    await expectLikeNumpy(out, 'np.add(np.arange(3), 1, np.zeros(3))', {});
  });
});

describe('extra arguments are an error, never dropped', () => {
  it('beyond the signature', () => {
    const cases: [string, () => unknown][] = [
      ['linspace', () => loose(np.linspace)(0, 1, 5, false, true)],
      ['zeros', () => loose(np.zeros)(3, 'float64', 'C')],
      ['ones', () => loose(np.ones)(3, 'float64', 'F')],
      ['full', () => loose(np.full)(3, 1, 'float64', 'C')],
      ['eye', () => loose(np.eye)(3, 3, 0, 'float64', 'C')],
      ['arange', () => loose(np.arange)(0, 5, 1, 'int64', 'extra')],
      ['zeros_like', () => loose(np.zerosLike)(np.zeros(2), 'float64', 'K')],
      ['array', () => loose(np.array)([1, 2], 'int64', true)],
      ['reshape', () => loose(np.reshape)(np.zeros(4), [2, 2], 'F')],
      ['sum', () => loose(np.sum)(np.zeros(4), 0, 'float64')],
      ['mean', () => loose(np.mean)(np.zeros(4), 0, 'float64')],
      ['argmax', () => loose(np.argmax)(np.zeros(4), 0, true)],
      ['cumsum', () => loose(np.cumsum)(np.zeros(4), 0, 'float64', np.zeros(4), 'extra')],
      ['add', () => loose(np.add)(1, 2, undefined, 'extra')],
      ['sqrt', () => loose(np.sqrt)(4, undefined, 'extra')],
    ];
    for (const [fn, call] of cases) {
      const e = thrown(call);
      expect(e, fn).toBeInstanceOf(ArgumentError);
      expect(e.message, fn).toMatch(new RegExp(`^arguments: ${fn}\\(\\) takes at most \\d+ arguments`));
    }
  });
});

describe('ndarray methods take NumPy\'s positional parameters or reject them', () => {
  it.skipIf(!python.ok)('item(i) and item(i, j) as NumPy\'s, cumsum\'s dtype', async () => {
    const a = np.arange(12).reshape(3, 4);
    const want = await py!.eval<number[]>('[a.item(5), a.item(-1), a.item(2, 1), np.arange(3).item(1)]', { a: { dtype: 'int64', shape: [3, 4], data: a.toArray() } } as never);
    expect([a.item(5), a.item(-1), a.item(2, 1), np.arange(3).item(1)].map(Number)).toEqual(want.map(Number));
    await expectLikeNumpy(np.arange(4).cumsum(0, 'float32'), 'np.arange(4).cumsum(0, np.float32)', {});
  });

  it('extra arguments are an error', () => {
    const a = np.arange(4);
    const cases: [string, () => unknown][] = [
      ['ndarray.sum', () => loose(a.sum.bind(a))(0, 'float64')],
      ['ndarray.astype', () => loose(a.astype.bind(a))('float32', 'C')],
      ['ndarray.copy', () => loose(a.copy.bind(a))('F')],
      ['ndarray.flatten', () => loose(a.flatten.bind(a))('F')],
      ['ndarray.argmax', () => loose(a.argmax.bind(a))(0, np.zeros([]))],
      ['ndarray.dot', () => loose(a.dot.bind(a))(a, np.zeros([]), 1)],
      ['ndarray.reshape', () => loose(a.reshape.bind(a))([2, 2], 'F')],
    ];
    for (const [fn, call] of cases) {
      const e = thrown(call);
      expect(e, fn).toBeInstanceOf(ArgumentError);
      expect(e.message, fn).toMatch(new RegExp(`^arguments: ${fn.replace('.', '\\.')}\\(\\) takes at most`));
    }
    expect(thrown(() => a.item(4))).toBeInstanceOf(np.IndexError);
    expect(JSON.stringify({ a })).toBe('{"a":[0,1,2,3]}');
  });
});

describe('unknown option names', () => {
  const a = np.arange(6).reshape(2, 3);
  it('reductions name the unknown option and list the known ones', () => {
    const cases: [string, () => unknown, string][] = [
      ['sum', () => np.sum(a, { axes: 0 } as never), "'axis'"],
      ['mean', () => np.mean(a, { keepdim: true } as never), "'keepdims'"],
      ['prod', () => np.prod(a, { initail: 1 } as never), "'initial'"],
      ['var', () => np.var(a, { dof: 1 } as never), "'ddof'"],
      ['std', () => np.std(a, { ddfo: 1 } as never), "'ddof'"],
      ['count_nonzero', () => np.countNonzero(a, { dtype: 'int32' } as never), "'keepdims'"],
      ['argmin', () => np.argmin(a, { axes: 1 } as never), "'axis'"],
      ['max', () => a.max({ keepDims: true } as never), "'keepdims'"],
    ];
    for (const [fn, call, known] of cases) {
      const e = thrown(call);
      expect(e, fn).toBeInstanceOf(UnknownOptionError);
      expect(e.message, fn).toMatch(new RegExp(`^options: ${fn}: unknown option`));
      expect(e.message, fn).toContain(known);
    }
    expect(np.sum(a, { axis: 0, keepdims: true }).shape).toEqual([1, 3]);
  });

  it('creation, ufuncs, products, linalg, fft and sorting too', () => {
    const m = np.eye(3);
    const cases: [string, () => unknown][] = [
      ['linspace', () => np.linspace(0, 1, 5, { endPoint: false } as never)],
      ['linspace', () => np.linspace(0, 1, 5, { retstep: true } as never)],
      ['add', () => np.add(a, 1, { outt: a } as never)],
      ['sqrt', () => np.sqrt(a, { where: a } as never)],
      ['clip', () => np.clip(a, 0, 1, { casting: 'unsafe' } as never)],
      ['matmul', () => np.matmul(m, m, { output: m } as never)],
      ['svd', () => np.linalg.svd(m, { fullMatrix: false } as never)],
      ['histogram', () => np.histogram(a, 3, { densty: true } as never)],
      ['concatenate', () => np.concatenate([a, a], 0, { dtpye: 'int32' } as never)],
    ];
    for (const [fn, call] of cases) {
      const e = thrown(call);
      expect(e, fn).toBeInstanceOf(UnknownOptionError);
      expect(e.message, fn).toMatch(new RegExp(`^options: ${fn}: unknown option`));
    }
  });
});

describe("random: NumPy's keyword arguments as one options object, last", () => {
  it('gives the same draws as the positional form', () => {
    const same = (x: np.ndarray, y: np.ndarray) => {
      expect(x.dtype.name).toBe(y.dtype.name);
      expect(x.shape).toEqual(y.shape);
      expect([...x.toArray()]).toEqual([...y.toArray()]);
    };
    const rng = () => np.random.defaultRng(7);
    same(rng().integers(0, 10, { size: 5, endpoint: true }), rng().integers(0, 10, 5, 'int64', true));
    same(rng().integers(10, { size: [2, 2], dtype: 'int16' }), rng().integers(10, null, [2, 2], 'int16'));
    same(rng().integers(0, 10, 5, { dtype: 'uint8' }), rng().integers(0, 10, 5, 'uint8'));
    same(rng().random({ size: 3, dtype: 'float32' }), rng().random(3, 'float32'));
    same(rng().random(3, { dtype: 'float32' }), rng().random(3, 'float32'));
    same(rng().uniform(-1, 1, { size: 4 }), rng().uniform(-1, 1, 4));
    same(rng().uniform({ high: 5, size: 4 }), rng().uniform(0, 5, 4));
    same(rng().normal(0, 2, { size: 4 }), rng().normal(0, 2, 4));
    same(rng().standardNormal({ size: [2, 3] }), rng().standardNormal([2, 3]));
    expect(np.random.randint(0, 5, { size: 4 }).shape).toEqual([4]);
    expect(np.random.uniform({ size: [3] }).shape).toEqual([3]);
  });

  it('unknown names, names given twice and extra arguments are errors', () => {
    const rng = np.random.defaultRng(7);
    const cases: [string, () => unknown][] = [
      ['integers', () => rng.integers(0, 10, { shape: 5 } as never)],
      ['integers', () => rng.integers(0, 10, 5, { size: 5 } as never)],
      ['random', () => rng.random({ sizes: 3 } as never)],
      ['uniform', () => rng.uniform(0, { low: 1 } as never)],
      ['randint', () => np.random.randint(0, 5, { endpoint: true } as never)],
    ];
    for (const [fn, call] of cases) {
      const e = thrown(call);
      expect(e, fn).toBeInstanceOf(UnknownOptionError);
      expect(e.message, fn).toMatch(new RegExp(`^options: ${fn}: unknown option`));
    }
    expect(thrown(() => loose(rng.random.bind(rng))(3, 'float64', np.zeros(3)))).toBeInstanceOf(ArgumentError);
  });
});

describe('arrays in JavaScript arithmetic', () => {
  it('a 0-d or size-1 array is its number; printing is unchanged', () => {
    const a = np.array([1, 2, 3]);
    expect(np.sum(a) as unknown as number + 1).toBe(7);
    expect(+np.mean(a)).toBe(2);
    expect(Number(np.array([2.5]))).toBe(2.5);
    expect(+np.array([[true]])).toBe(1);
    expect(Number(np.array([2n ** 40n], 'int64'))).toBe(2 ** 40);
    expect((np.sum(a) as unknown as number) > 5).toBe(true);
    expect(String(a)).toBe('[1 2 3]');
    expect(`${np.linspace(0, 1, 3)}`).toBe('[0.  0.5 1. ]');
    expect(`${np.sum(a)}`).toBe('6');
  });

  it('any other size, complex and unsafe int64 are typed errors', () => {
    const e = thrown(() => (np.array([1, 2, 3]) as unknown as number) + 1);
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/^a: only length-1 arrays can be converted to JavaScript numbers/);
    expect(thrown(() => +np.zeros([0]))).toBeInstanceOf(ShapeError);
    const c = thrown(() => +np.array([1, 2]).astype('complex128').slice(0));
    expect(c).toBeInstanceOf(DTypeError);
    expect(c.message).toMatch(/^a: cannot convert a complex128 array/);
    const big = thrown(() => +np.array([2n ** 60n], 'int64'));
    expect(big).toBeInstanceOf(np.ValueError);
    expect(big.message).toMatch(/^a: /);
  });
});

describe('integer aranges are exact in int64', () => {
  it('beyond 2^53, with numbers and with bigints', () => {
    const a = np.arange(2 ** 53, 2 ** 53 + 4);
    expect(a.dtype.name).toBe('int64');
    expect([...(a.toArray() as BigInt64Array)]).toEqual([0n, 1n, 2n, 3n].map((i) => 2n ** 53n + i));
    const b = np.arange(2n ** 62n, 2n ** 62n + 10n, 3n);
    expect([...(b.toArray() as BigInt64Array)]).toEqual([0n, 3n, 6n, 9n].map((i) => 2n ** 62n + i));
    const c = np.arange(10n, -5n, -4n);
    expect([...(c.toArray() as BigInt64Array)]).toEqual([10n, 6n, 2n, -2n]);
    const d = np.arange(2n ** 63n + 1n, 2n ** 63n + 3n, 1n, 'uint64');
    expect([...(d.toArray() as BigUint64Array)]).toEqual([2n ** 63n + 1n, 2n ** 63n + 2n]);
    expect(np.arange(5n).shape).toEqual([5]);
    expect(np.arange(3n, 1n).shape).toEqual([0]);
  });

  it.skipIf(!python.ok)('with NumPy\'s dtype, length and values', async () => {
    await expectLikeNumpy(np.arange(2n ** 40n, 2n ** 40n + 7n, 2n), 'np.arange(2**40, 2**40 + 7, 2)', {});
    await expectLikeNumpy(np.arange(-7, 8, 5, 'int8'), 'np.arange(-7, 8, 5, np.int8)', {});
    await expectLikeNumpy(np.arange(0, 1, 0.25), 'np.arange(0, 1, 0.25)', {});
    await expectLikeNumpy(np.arange(1n, 4n, 1n, 'float64'), 'np.arange(1, 4, 1, np.float64)', {});
    const want = await py!.eval<string>('str(np.arange(2**53, 2**53 + 4).tolist())', {});
    expect(want).toBe(`[${[...(np.arange(2 ** 53, 2 ** 53 + 4).toArray() as BigInt64Array)].join(', ')}]`);
  });
});

describe('fill values that are not integers', () => {
  // (full and fullLike cast them as NumPy's full does, with its values: casting.test.ts)
  it('NaN and infinities for integer types are a ValueError naming the argument', () => {
    for (const [value, what] of [[NaN, 'NaN'], [Infinity, 'infinity'], [-Infinity, 'infinity']] as const) {
      const e = thrown(() => np.array([1, value], 'int64'));
      expect(e).toBeInstanceOf(np.ValueError);
      expect(e.message).toBe(`object: cannot convert float ${what} to integer`);
      expect(thrown(() => np.array(new Float64Array([value]), 'int32'))).toBeInstanceOf(np.ValueError);
    }
    expect(thrown(() => np.array(['1' as never]))).toBeInstanceOf(DTypeError);
  });

  it('no raw RangeError from BigInt() in repeat, take and pad', async () => {
    const a = np.arange(3);
    const r = thrown(() => np.repeat(a, [1.5, 1, 1]));
    expect(r).toBeInstanceOf(DTypeError);
    expect(r.message).toMatch(/^repeats: repeat: expected integers, got 1\.5/);
    for (const call of [() => np.take(a, 1.5), () => np.take(a, [0, NaN]), () => np.take(a, '1' as never)]) {
      const e = thrown(call);
      expect(e).toBeInstanceOf(np.IndexError);
      expect(e.message).toMatch(/^indices: take: only integers/);
    }
    if (python.ok) await expectLikeNumpy(np.pad(a, 1, 'constant', 1.5), 'np.pad(np.arange(3), 1, constant_values=1.5)', {});
    expect(thrown(() => np.pad(a, 1, 'constant', NaN))).toBeInstanceOf(np.ValueError);
  });
});

describe('a string where a size goes says it is a string', () => {
  it('shapes, sizes, axes, counts and sections', () => {
    const cases: [string, () => unknown][] = [
      ['shape', () => np.zeros('5' as never)],
      ['shape', () => np.zeros(['5', 2] as never)],
      ['shape', () => np.ones([2, '3'] as never)],
      ['shape', () => np.reshape(np.zeros(12), '3' as never)],
      ['shape', () => np.zeros(12).reshape('3' as never, 4)],
      ['stop', () => np.arange('10' as never)],
      ['num', () => np.linspace(0, 1, '5' as never)],
      ['N', () => np.eye('3' as never)],
      ['size', () => np.random.defaultRng(1).random('4' as never)],
      ['size', () => np.random.rand('3' as never)],
      ['shape', () => np.broadcastTo(np.zeros(6), '6' as never)],
      ['shape', () => np.unravelIndex(np.arange(6), '6' as never)],
      ['reps', () => np.tile(np.zeros(2), '2' as never)],
      ['indices_or_sections', () => np.split(np.zeros(6), '2' as never)],
      ['axis', () => np.expandDims(np.zeros(2), '0' as never)],
      ['axis', () => np.sum(np.zeros(2), '0' as never)],
      ['minlength', () => np.bincount(np.arange(3), undefined, '3' as never)],
      ['pad_width', () => np.pad(np.zeros(2), '1' as never)],
    ];
    for (const [argument, call] of cases) {
      const e = thrown(call);
      expect(e, argument).toBeInstanceOf(ArgumentError);
      expect(e.message, argument).toMatch(new RegExp(`^${argument}: `));
      expect(e.message, argument).toMatch(/'\d+' \(a string\)/);
    }
  });
});
