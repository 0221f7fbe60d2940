// Arrays from functions, buffers and iterables (fromfunction, frombuffer, fromiter), the
// integer digit strings (binaryRepr, baseRepr) and ndarray.choose, against NumPy on fresh
// random inputs, with typed errors naming the argument and no stores left behind.
import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';

import { argumentOf, numpyExpectation, ours, randint, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

describe.skipIf(!python.ok)('fromfunction, frombuffer, fromiter against NumPy', () => {
  it('fromfunction passes one index array per dimension, in the dtype', async () => {
    const shape = [randint(1, 6), randint(1, 7)];
    await expectLikeNumpy(np.fromfunction((i, j) => np.subtract(np.multiply(i, 3), j), shape), `np.fromfunction(lambda i, j: i * 3 - j, ${JSON.stringify(shape)})`, {});
    await expectLikeNumpy(np.fromfunction((i, j, k) => np.add(np.add(i, j), k), [2, 3, 4], { dtype: 'int32' }), 'np.fromfunction(lambda i, j, k: i + j + k, (2, 3, 4), dtype=np.int32)', {});
    await expectLikeNumpy(np.fromfunction((i) => i, [5], { dtype: 'uint8' }), 'np.fromfunction(lambda i: i, (5,), dtype=np.uint8)', {});
    await expectLikeNumpy(np.fromfunction((i, j) => np.equal(i, j), [3, 3]), 'np.fromfunction(lambda i, j: i == j, (3, 3))', {});
    expect(np.fromfunction((i, j) => i.shape.concat(j.shape), [2, 4])).toEqual([2, 4, 2, 4]);
    expect(argumentOf(() => np.fromfunction(3 as never, [2]))).toEqual(['DTypeError', 'function']);
    expect(argumentOf(() => np.fromfunction((i) => i, [2], { dtype: 'int32', like: null } as never))).toEqual(['UnknownOptionError', 'options']);
    expect(argumentOf(() => np.fromfunction((i) => i, [-1]))).toEqual(['ShapeError', 'shape']);
  });

  it.each(['float64', 'float32', 'int16', 'uint32', 'int64', 'complex128', 'complex64', 'bool'])('frombuffer reads %s as NumPy does', async (t) => {
    const v = random(t, [randint(3, 40)]);
    const raw = new Uint8Array((v.data as Uint8Array).buffer.slice(0));
    const itemsize = raw.length / v.shape[0]!;
    const offset = itemsize * randint(0, 2);
    const count = randint(0, v.shape[0]! - offset / itemsize);
    const b = { dtype: 'uint8', shape: [raw.length], data: raw };
    await expectLikeNumpy(np.frombuffer(raw, t as 'float64'), `np.frombuffer(b.tobytes(), '${t}')`, { b });
    await expectLikeNumpy(np.frombuffer(raw.buffer, { dtype: t as 'float64', count, offset }), `np.frombuffer(b.tobytes(), '${t}', ${count}, ${offset})`, { b });
    await expectLikeNumpy(np.frombuffer(new DataView(raw.buffer, offset), t as 'float64'), `np.frombuffer(b.tobytes()[${offset}:], '${t}')`, { b });
  });

  it('frombuffer copies, and refuses sizes and offsets that do not fit', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const a = np.frombuffer(bytes, 'uint8');
    bytes[0] = 9;
    expect(a.get(0)).toBe(1);
    expect(np.frombuffer(bytes, { dtype: 'uint8', offset: 3 }).shape).toEqual([0]);
    expect(argumentOf(() => np.frombuffer(bytes, 'int16'))).toEqual(['ValueError', 'buffer']);
    expect(argumentOf(() => np.frombuffer(bytes, 'int16', 2))).toEqual(['ValueError', 'count']);
    expect(argumentOf(() => np.frombuffer(bytes, { dtype: 'uint8', offset: 4 }))).toEqual(['ValueError', 'offset']);
    expect(argumentOf(() => np.frombuffer(bytes, { dtype: 'uint8', offset: -1 }))).toEqual(['ValueError', 'offset']);
    expect(argumentOf(() => np.frombuffer([1, 2] as never))).toEqual(['DTypeError', 'buffer']);
    expect(argumentOf(() => np.frombuffer(bytes, { dtype: 'uint8', count: 1.5 }))).toEqual(['DTypeError', 'count']);
  });

  it('fromiter takes items from any iterable, the first count of them', async () => {
    const v = random('float64', [randint(1, 30)]);
    const values = Array.from(v.data as Float64Array);
    await expectLikeNumpy(np.fromiter(values, 'float32'), "np.fromiter(v, 'float32')", { v });
    await expectLikeNumpy(np.fromiter(new Set(values), 'float64', 1), "np.fromiter(v, 'float64', 1)", { v });
    await expectLikeNumpy(np.fromiter(values.values(), 'int32'), "np.fromiter(v, 'int32')", { v });
    function* naturals() {
      for (let i = 0; ; i++) yield i;
    }
    await expectLikeNumpy(np.fromiter(naturals(), 'int64', { count: 6 }), "np.fromiter(range(10**9), 'int64', 6)", {});
    await expectLikeNumpy(np.fromiter([], 'uint8'), "np.fromiter([], 'uint8')", {});
    expect(argumentOf(() => np.fromiter([1, 2], 'int32', 3))).toEqual(['ValueError', 'iter']);
    expect(argumentOf(() => np.fromiter(5 as never, 'int32'))).toEqual(['DTypeError', 'iter']);
    expect(argumentOf(() => np.fromiter([1], undefined as never))).toEqual(['DTypeError', 'dtype']);
    expect(argumentOf(() => np.fromiter([[1, 2]], 'int32'))).toEqual(['ValueError', 'iter']);
    expect(storesLeftBy(() => argumentOf(() => np.fromiter([[1, 2]], 'int32')))).toBe(0);
  });
});

describe.skipIf(!python.ok)('binaryRepr, baseRepr and ndarray.choose against NumPy', () => {
  it('gives NumPy digits for random integers, widths, bases and paddings', async () => {
    const cases: string[] = [];
    const ours_: string[] = [];
    for (let k = 0; k < 60; k++) {
      const n = randint(-5000, 5000) * (k % 7 === 0 ? 2 ** randint(0, 30) : 1);
      const w = k % 3 === 0 ? null : randint(0, 40);
      const base = randint(2, 36);
      const pad = randint(0, 4);
      let got: string;
      try {
        got = np.binaryRepr(n, w);
      } catch (e) {
        got = `error ${(e as Error).constructor.name}`;
      }
      ours_.push(got, np.baseRepr(n, base, pad));
      cases.push(`br(${n}, ${w === null ? 'None' : w})`, `np.base_repr(${n}, ${base}, ${pad})`);
    }
    for (const p of [0, 1, 7, 8, 63, 64, 100]) {
      ours_.push(np.binaryRepr(-(2n ** BigInt(p)), p + 1), np.binaryRepr(2n ** BigInt(p) - 1n, p + 3));
      cases.push(`br(-(2**${p}), ${p + 1})`, `br(2**${p} - 1, ${p + 3})`);
    }
    ours_.push(np.binaryRepr(0), np.binaryRepr(0, 5), np.baseRepr(0), np.baseRepr(0, 3, 2), np.binaryRepr(-1, 1));
    cases.push('br(0, None)', 'br(0, 5)', 'np.base_repr(0)', 'np.base_repr(0, 3, 2)', 'br(-1, 1)');
    const [want] = await py!.run<[string[]]>(
      `def br(n, w):\n    try:\n        return np.binary_repr(n, w)\n    except ValueError:\n        return 'error ValueError'\nout = [[${cases.join(', ')}]]`,
    );
    expect(ours_).toEqual(want);
    expect(argumentOf(() => np.binaryRepr(1.5))).toEqual(['DTypeError', 'num']);
    expect(argumentOf(() => np.binaryRepr(5, 2))).toEqual(['ValueError', 'width']);
    expect(argumentOf(() => np.binaryRepr(5, -1))).toEqual(['DTypeError', 'width']);
    expect(argumentOf(() => np.baseRepr(5, 37))).toEqual(['ValueError', 'base']);
    expect(argumentOf(() => np.baseRepr(5, 1))).toEqual(['ValueError', 'base']);
    expect(argumentOf(() => np.baseRepr(5, { base: 2, padding: 'x' as never }))).toEqual(['DTypeError', 'padding']);
  });

  it('ndarray.choose is np.choose', async () => {
    const a = random('int64', [4, 5], 3);
    const idx = { dtype: 'int64', shape: [4, 5], data: BigInt64Array.from(Array.from(a.data as BigInt64Array, (x) => (x < 0n ? -x : x) % 3n)) };
    const c0 = random('float64', [4, 5]);
    const c1 = random('float64', [5]);
    await expectLikeNumpy(ours(idx).choose([ours(c0), ours(c1), 7]), 'i.choose([c0, c1, 7])', { i: idx, c0, c1 });
    await expectLikeNumpy(ours(a).choose([ours(c0), ours(c1), 7], { mode: 'wrap' }), "a.choose([c0, c1, 7], mode='wrap')", { a, c0, c1 });
    const out = np.zeros([4, 5]);
    expect(ours(a).choose([ours(c0), ours(c1)], out, 'clip')).toBe(out);
    await expectLikeNumpy(out, "a.choose([c0, c1], mode='clip')", { a, c0, c1 });
  });
});
