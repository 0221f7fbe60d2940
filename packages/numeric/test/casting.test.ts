// Casting of JavaScript scalars (NumPy 2's Python scalars, NEP 50: an integer-valued number is a
// Python int, any other a Python float) and of array values, against NumPy: scalars stored into
// integer and bool arrays (assign, set, slices, fill, put, place, putmask), place / putmask's
// 'safe' casts of array values, out-of-range Python ints in where, clip and comparisons, logical
// ufuncs testing a scalar's own truth, and full's cast of NaN / infinite fill values.
import { describe, expect, it } from 'vitest';

import { DTypeError, LegateError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

/** A JavaScript number as Python spells it (integer-valued: an int). */
const pyNumber = (v: number): string => (Number.isNaN(v) ? 'float("nan")' : !Number.isFinite(v) ? `float("${v > 0 ? 'inf' : '-inf'}")` : Number.isInteger(v) ? BigInt(v).toString() : String(v));

/**
 * Runs `statements` in NumPy (setting `r`), and ours: both refuse (ours with a LegateError), or
 * both give the same dtype, shape and values.
 */
async function likeNumpy(label: string, ourRun: () => np.ndarray, statements: string, inputs: Record<string, NdValue> = {}): Promise<void> {
  let refused: string | null = null;
  try {
    await py!.run(`import warnings\nwith warnings.catch_warnings():\n    warnings.simplefilter('ignore')\n${statements.replace(/^/gm, '    ')}`, inputs, 'None');
  } catch (e) {
    refused = (e as Error).message;
  }
  if (refused !== null) {
    let thrown: unknown;
    try {
      ourRun().toArray();
    } catch (e) {
      thrown = e;
    }
    expect(thrown instanceof LegateError, `${label}: NumPy refuses (${refused.trim().split('\n').at(-1)}), we ${thrown ? `threw ${String(thrown)}` : 'did not'}`).toBe(true);
    return;
  }
  await expectLikeNumpy(ourRun(), 'r', {});
}

const INTEGER_AND_BOOL = ['bool', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'] as const;
const VALUES = [0.5, -0.5, 300.5, -90.5, 1e-50, 2.5e9, 5, -90, 300, 0, NaN, Infinity, -Infinity];

describe.skipIf(!python.ok)('JavaScript scalars stored into arrays, as NumPy stores Python scalars', () => {
  it('assign, set, slices and fill: floats truncate into integers, anything gives bool its truth', async () => {
    for (const t of INTEGER_AND_BOOL) {
      for (const v of VALUES) {
        const s = pyNumber(v);
        await likeNumpy(`${t} assign ${v}`, () => np.zeros([3], t).assign(v), `r = np.zeros(3, '${t}')\nr[...] = ${s}`);
        await likeNumpy(`${t} set ${v}`, () => np.zeros([3], t).set('1:', v), `r = np.zeros(3, '${t}')\nr[1:] = ${s}`);
        await likeNumpy(`${t} slice ${v}`, () => {
          const a = np.zeros([4], t);
          a.slice('::2').assign(v);
          return a;
        }, `r = np.zeros(4, '${t}')\nr[::2] = ${s}`);
        await likeNumpy(`${t} fill ${v}`, () => np.zeros([2], t).fill(v), `r = np.zeros(2, '${t}')\nr.fill(${s})`);
      }
    }
    // complex values: bool takes their truth, integer types refuse them
    const z = { re: 0, im: 2 };
    await likeNumpy('bool assign 2j', () => np.zeros([2], 'bool').assign(z), "r = np.zeros(2, 'bool')\nr[...] = 2j");
    await likeNumpy('int8 assign 2j', () => np.zeros([2], 'int8').assign(z), "r = np.zeros(2, 'int8')\nr[...] = 2j");
  });

  it('put, place and putmask with a number, into integer and bool arrays', async () => {
    for (const t of INTEGER_AND_BOOL) {
      for (const v of VALUES) {
        const s = pyNumber(v);
        await likeNumpy(`put ${t} ${v}`, () => {
          const a = np.zeros([3], t);
          np.put(a, [0], v);
          return a;
        }, `r = np.zeros(3, '${t}')\nnp.put(r, [0], ${s})`);
        await likeNumpy(`place ${t} ${v}`, () => {
          const a = np.zeros([3], t);
          np.place(a, np.array([true, false, true]), v);
          return a;
        }, `r = np.zeros(3, '${t}')\nnp.place(r, np.array([True, False, True]), ${s})`);
        await likeNumpy(`putmask ${t} ${v}`, () => {
          const a = np.zeros([3], t);
          np.putmask(a, np.array([true, false, true]), v);
          return a;
        }, `r = np.zeros(3, '${t}')\nnp.putmask(r, np.array([True, False, True]), ${s})`);
      }
    }
  });
});

describe.skipIf(!python.ok)("place and putmask cast array values 'safe'ly, as NumPy 2", () => {
  it('refuse what NumPy refuses, with a DTypeError naming the argument, and take the rest', async () => {
    const cases: [string, string, () => np.ndarray][] = [
      ['int8', 'np.array([1.5])', () => np.array([1.5])],
      ['int8', 'np.array(2)', () => np.array(2)],
      ['int8', "np.array([2], 'int8')", () => np.array([2]).astype('int8')],
      ['int16', "np.array([2], 'uint8')", () => np.array([2]).astype('uint8')],
      ['int64', "np.array([2], 'uint64')", () => np.array([2]).astype('uint64')],
      ['float64', "np.array([2], 'int64')", () => np.array([2])],
      ['float32', 'np.array([2.0, 3.5])', () => np.array([2.0, 3.5])],
      ['bool', 'np.array([1])', () => np.array([1])],
      ['int8', 'np.array([True])', () => np.array([true])],
      ['int8', 'np.zeros(0)', () => np.zeros([0])],
    ];
    for (const [t, values, ourValues] of cases) {
      for (const fn of ['place', 'putmask'] as const) {
        await likeNumpy(`${fn} ${t} ${values}`, () => {
          const a = np.zeros([3], t as never);
          np[fn](a, np.array([true, false, true]), ourValues());
          return a;
        }, `r = np.zeros(3, '${t}')\nnp.${fn}(r, np.array([True, False, True]), ${values})`);
      }
    }
    const a = np.zeros([3], 'int8');
    const m = np.ones([3], 'bool');
    expect(() => np.putmask(a, m, np.array([1.5]))).toThrow(DTypeError);
    expect(() => np.putmask(a, m, np.array([1.5]))).toThrow(/values: Cannot cast array data from dtype\('float64'\) to dtype\('int8'\) according to the rule 'safe'/);
    expect(() => np.place(a, m, np.array(2))).toThrow(/vals: Cannot cast scalar from dtype\('int64'\) to dtype\('int8'\)/);
    // Python scalars and lists are values, stored as such
    np.putmask(a, m, 2);
    np.place(a, np.array([true, false, false]), [7.5]);
    expect(Array.from(a.toArray() as Int8Array)).toEqual([7, 2, 2]);
  });
});

describe.skipIf(!python.ok)('Python ints beyond an array type’s range (NEP 50)', () => {
  const x: Record<string, NdValue> = {
    u8: { dtype: 'uint8', shape: [3], data: Uint8Array.from([0, 5, 200]) },
    i8: { dtype: 'int8', shape: [3], data: Int8Array.from([-100, 0, 100]) },
    u32: { dtype: 'uint32', shape: [3], data: Uint32Array.from([0, 5, 4e9]) },
    u64: { dtype: 'uint64', shape: [3], data: BigUint64Array.from([0n, 5n, 2n ** 64n - 1n]) },
    i64: { dtype: 'int64', shape: [3], data: BigInt64Array.from([0n, -5n, 2n ** 63n - 1n]) },
    b: { dtype: 'bool', shape: [3], data: Uint8Array.from([1, 0, 1]) },
    f32: { dtype: 'float32', shape: [3], data: Float32Array.from([0, 1, -3]) },
  };
  const INTS: (number | bigint)[] = [-1, -133, 300, -300, 1e10, 2 ** 40, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, -(2n ** 63n) - 1n, 2n ** 70n, 5, 0];
  const pyInt = (v: number | bigint): string => BigInt(v).toString();

  it('where casts them into the result type (wrapping), as NumPy', async () => {
    const c = np.array([true, false, true]);
    for (const name of Object.keys(x)) {
      for (const v of INTS) {
        await likeNumpy(`where ${name} ${v}`, () => np.where(c, ours(x[name]!), v), `r = np.where(np.array([True, False, True]), ${name}, ${pyInt(v)})`, x);
        await likeNumpy(`where ${v} ${name}`, () => np.where(c, v, ours(x[name]!)), `r = np.where(np.array([True, False, True]), ${pyInt(v)}, ${name})`, x);
      }
    }
  });

  it('clip drops a bound beyond an integer array’s range, and refuses the others', async () => {
    const bounds: [number | bigint | null, number | bigint | null][] = [[-5, 3], [-5, 300], [300, 400], [-300, -200], [null, -1], [-1, null], [-1, 2n ** 64n - 1n], [-(2n ** 63n), 2n ** 64n], [0.5, 3], [-5, 2.5], [2, 1]];
    const pyBound = (v: number | bigint | null) => (v === null ? 'None' : typeof v === 'bigint' ? pyInt(v) : pyNumber(v));
    for (const name of Object.keys(x)) {
      for (const [lo, hi] of bounds) {
        await likeNumpy(`clip ${name} ${lo} ${hi}`, () => np.clip(ours(x[name]!), lo, hi), `r = np.clip(${name}, ${pyBound(lo)}, ${pyBound(hi)})`, x);
      }
    }
  });

  it('comparisons are exact, in both operand orders and into out=', async () => {
    const ops = [['equal', np.equal], ['notEqual', np.notEqual], ['less', np.less], ['lessEqual', np.lessEqual], ['greater', np.greater], ['greaterEqual', np.greaterEqual]] as const;
    const snake = (n: string) => n.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for (const name of Object.keys(x)) {
      for (const v of INTS) {
        for (const [op, fn] of ops) {
          await likeNumpy(`${op} ${name} ${v}`, () => fn(ours(x[name]!), v), `r = np.${snake(op)}(${name}, ${pyInt(v)})`, x);
          await likeNumpy(`${op} ${v} ${name}`, () => fn(v, ours(x[name]!)), `r = np.${snake(op)}(${pyInt(v)}, ${name})`, x);
        }
      }
    }
    const out = np.zeros([3], 'int16');
    await likeNumpy('less out=', () => np.less(ours(x.u8!), -1, { out }), "r = np.zeros(3, 'int16')\nnp.less(u8, -1, out=r)", x);
    await likeNumpy('not_equal out=', () => np.notEqual(ours(x.u8!), -1, { out }), "r = np.zeros(3, 'int16')\nnp.not_equal(u8, -1, out=r)", x);
    expect(() => np.equal(ours(x.u8!), 300, { out: np.zeros([2], 'bool') })).toThrow(LegateError);
  });

  it('logical ufuncs test the Python scalar’s truth (ints within int64)', async () => {
    const values: (number | bigint)[] = [...INTS, 1e-50, -2.5, NaN];
    for (const name of Object.keys(x)) {
      for (const v of values) {
        for (const [op, fn] of [['logical_and', np.logicalAnd], ['logical_or', np.logicalOr], ['logical_xor', np.logicalXor]] as const) {
          const s = typeof v === 'bigint' ? pyInt(v) : pyNumber(v);
          await likeNumpy(`${op} ${name} ${v}`, () => fn(ours(x[name]!), v as never), `r = np.${op}(${name}, ${s})`, x);
          await likeNumpy(`${op} ${v} ${name}`, () => fn(v as never, ours(x[name]!)), `r = np.${op}(${s}, ${name})`, x);
        }
      }
    }
  });

  it('logical ufuncs do not flush a tiny float scalar to float32 zero', async () => {
    const z: NdValue = { dtype: 'float32', shape: [2], data: Float32Array.from([0, 1]) };
    await expectLikeNumpy(np.logicalOr(ours(z), 1e-50), 'np.logical_or(z, 1e-50)', { z });
    await expectLikeNumpy(np.logicalXor(ours(z), 1e-50), 'np.logical_xor(z, 1e-50)', { z });
    await expectLikeNumpy(np.logicalAnd(1e-50, ours(z)), 'np.logical_and(1e-50, z)', { z });
    const c: NdValue = { dtype: 'complex64', shape: [2], data: Float32Array.from([0, 0, 1, 0]) };
    await expectLikeNumpy(np.logicalOr(ours(c), 1e-50), 'np.logical_or(c, 1e-50)', { c });
  });
});

describe.skipIf(!python.ok)('full with a float fill value for an integer type', () => {
  it('casts it as astype does (NaN, infinities, out of range), as NumPy', async () => {
    // int32, uint32 and uint64 take NumPy's x86 values of NaN / infinities from the cast kernel
    // (finding #6 of the fuzz suite); these types already agree.
    for (const t of ['int8', 'uint8', 'int16', 'uint16', 'int64', 'bool'] as const) {
      for (const v of [NaN, Infinity, -Infinity, 300.5, -2.5, 0.5, 7, -3, 300]) {
        await likeNumpy(`full ${t} ${v}`, () => np.full([2], v, t), `r = np.full([2], ${pyNumber(v)}, '${t}')`);
        await likeNumpy(`full_like ${t} ${v}`, () => np.fullLike(np.zeros([3], t), v), `r = np.full_like(np.zeros(3, '${t}'), ${pyNumber(v)})`);
      }
    }
    await likeNumpy('full empty', () => np.full([0, 2], NaN, 'int16'), "r = np.full([0, 2], float('nan'), 'int16')");
  });
});

describe.skipIf(!python.ok)('array() of nested lists into complex types, and of complex values', () => {
  it('real numbers keep their value in complex64 and complex128; {re, im} elements make complex128', async () => {
    await expectLikeNumpy(np.array([-1, -4], 'complex128'), "np.array([-1, -4], 'complex128')", {});
    await expectLikeNumpy(np.array([[1.5, -2.25], [0, 3]], 'complex64'), "np.array([[1.5, -2.25], [0, 3]], 'complex64')", {});
    await expectLikeNumpy(np.asarray([true, false], 'complex128'), "np.asarray([True, False], 'complex128')", {});
    await expectLikeNumpy(np.array([{ re: 1, im: 2 }, 3, -0.5]), 'np.array([1+2j, 3, -0.5])', {});
    await expectLikeNumpy(np.array([[{ re: 0, im: -1 }], [2]], 'complex64'), "np.array([[-1j], [2]], 'complex64')", {});
    await expectLikeNumpy(np.array([{ re: 0, im: 2 }, { re: 0, im: 0 }], 'bool'), "np.array([2j, 0j], 'bool')", {});
    await expectLikeNumpy(np.array([1.7, -1.7, 2.5], 'int64'), "np.array([1.7, -1.7, 2.5]).astype('int64')", {});
  });

  it('a complex value for a real type is refused, naming the argument', () => {
    expect(() => np.array([{ re: 1, im: 2 }], 'float64')).toThrow(/^object: cannot convert the complex value 1\+2j to float64$/);
    expect(() => np.array([{ re: 1, im: 2 }], 'int32')).toThrow(DTypeError);
    expect(() => np.array([{ re: 1 } as never])).toThrow(DTypeError);
  });
});
