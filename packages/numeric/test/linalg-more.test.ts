// NumPy 2's further linalg functions (cond, matrix_norm, vector_norm, matrix_power, matrix_rank,
// multi_dot, pinv, svdvals, tensorinv, tensorsolve, matrix_transpose, vecdot, cross, outer,
// trace, diagonal) and the top-level vecdot, matvec, vecmat and kron against NumPy: random
// float32 / float64 / complex128 inputs, stacks, every order and option, singular and
// rank-deficient matrices, empty inputs, NumPy's errors, and no leaks.
import { describe, expect, it } from 'vitest';

import { ArgumentError, DTypeError, UnknownOptionError } from '@legate/core';
import type { NdValue } from '@legate/testing';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, storesLeftBy, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);
const { linalg } = np;

const TYPES = ['float32', 'float64', 'complex128'] as const;
const tol = (t: string) => (t === 'float32' || t === 'complex64' ? 2e-3 : 1e-8);

const value = (a: np.ndarray): NdValue => ({ dtype: a.dtype.name, shape: [...a.shape], data: a.toArray() as never });

/** Our array has NumPy's dtype and shape and its values to a relative `rtol` (NaN and ∞ exactly; huge ones just huge). */
async function like(got: np.ndarray, expression: string, inputs: Record<string, NdValue | number>, rtol: number): Promise<void> {
  const want = await py!.eval<NdValue>(`np.asarray(${expression})`, inputs as never);
  expect(got.dtype.name, expression).toBe(want.dtype);
  expect(got.shape, expression).toEqual(want.shape);
  const a = Array.from(got.toArray() as ArrayLike<number>, Number);
  const bytes = (want.data as Uint8Array).slice().buffer;
  const raw = want.dtype.startsWith('complex') ? new (want.dtype === 'complex64' ? Float32Array : Float64Array)(bytes) : want.data;
  const b = Array.from(raw as ArrayLike<number>, Number);
  const scale = Math.max(1, ...b.filter(Number.isFinite).map(Math.abs));
  a.forEach((x, i) => {
    const y = b[i]!;
    if (Number.isNaN(y)) expect(x, `${expression} [${i}]`).toBe(y);
    else if (!Number.isFinite(y)) expect(x, `${expression} [${i}]`).toBe(y);
    else if (Math.abs(y) > 1 / rtol) expect(Math.abs(x), `${expression} [${i}]: ${x} vs ${y}`).toBeGreaterThan(1 / (10 * rtol));
    else expect(Math.abs(x - y), `${expression} [${i}]: ${x} vs ${y}`).toBeLessThanOrEqual(rtol * scale);
  });
}

/** A well-conditioned square stack of type t (a dominant diagonal). */
function wellConditioned(t: string, shape: number[]): NdValue {
  const n = shape[shape.length - 1]!;
  const a = np.add(ours(random(t, shape, 1)), np.multiply(np.eye(n, undefined, 0, t as never), n));
  const v = value(a);
  a.dispose();
  return v;
}

/** A stack of (m, n) matrices of type t and rank r: a product (m, r) · (r, n). */
function lowRank(t: string, batch: number[], m: number, n: number, r: number): NdValue {
  const p = np.matmul(ours(random(t, [...batch, m, r], 1)), ours(random(t, [...batch, r, n], 1)));
  const v = value(p);
  p.dispose();
  return v;
}

const ORDERS: [string, np.linalg.Order][] = [['None', null], ["'fro'", 'fro'], ["'nuc'", 'nuc'], ['1', 1], ['-1', -1], ['2', 2], ['-2', -2], ['np.inf', Infinity], ['-np.inf', -Infinity]];

describe.skipIf(!python.ok)('linalg against NumPy', () => {
  it.each(TYPES)('cond (%s): every p, single and stacked, singular matrices give ∞', async (t) => {
    for (const shape of [[5, 5], [3, 4, 4]]) {
      const a = wellConditioned(t, shape);
      for (const [py_, p] of ORDERS) await like(linalg.cond(ours(a), p), `np.linalg.cond(a, ${py_})`, { a }, tol(t));
      await like(linalg.cond(ours(a), { p: 'fro' }), "np.linalg.cond(a, 'fro')", { a }, tol(t));
    }
    const rect = random(t, [2, 3, 5], 1);
    for (const [py_, p] of ORDERS.filter(([, p]) => p === null || p === 2 || p === -2)) await like(linalg.cond(ours(rect), p), `np.linalg.cond(a, ${py_})`, { a: rect }, tol(t));
    // A stack holding a singular matrix (a zero row: an exact zero pivot whatever the rounding),
    // a zero one and a regular one. (A repeated row is singular too, but whether elimination
    // meets an exact zero there depends on the last bit of LAPACK's kernels.)
    const sv = wellConditioned(t, [3, 3, 3]);
    const lanes = t === 'complex128' ? 2 : 1;
    const data = sv.data as Float64Array;
    data.fill(0, 3 * lanes, 6 * lanes); // matrix 0: row 1 zero
    data.fill(0, 9 * lanes, 18 * lanes); // matrix 1: zero
    // NumPy's 'nuc' raises here (the SVD of its NaN inverse does not converge); ours gives ∞.
    for (const [py_, p] of ORDERS.filter(([, p]) => p !== null && p !== 2 && p !== -2 && p !== 'nuc')) await like(linalg.cond(ours(sv), p), `np.linalg.cond(a, ${py_})`, { a: sv }, tol(t));
    const none = linalg.cond(ours(sv));
    expect(Math.abs(Number((none.toArray() as ArrayLike<number>)[0]))).toBeGreaterThan(1e5);
    expect(Number((none.toArray() as ArrayLike<number>)[1])).toBe(Infinity);
  });

  it('cond of integer matrices and with NaN entries', async () => {
    const i = { dtype: 'int64', shape: [2, 2], data: BigInt64Array.from([2n, 1n, 1n, 3n]) };
    for (const [py_, p] of ORDERS) await like(linalg.cond(ours(i), p), `np.linalg.cond(a, ${py_})`, { a: i }, 1e-8);
    const nan = { dtype: 'float64', shape: [2, 2], data: Float64Array.from([1, NaN, 0, 1]) };
    for (const [py_, p] of ORDERS.filter(([, p]) => p === 'fro' || p === 1 || p === -Infinity)) await like(linalg.cond(ours(nan), p), `np.linalg.cond(a, ${py_})`, { a: nan }, 1e-8);
  });

  it.each(TYPES)('matrix_norm and vector_norm (%s): every ord, axes, keepdims', async (t) => {
    const a = random(t, [2, 3, 4], 1);
    for (const [py_, ord] of ORDERS.filter(([, o]) => o !== null)) {
      for (const keepdims of [false, true]) {
        await like(linalg.matrixNorm(ours(a), { ord, keepdims }), `np.linalg.matrix_norm(a, ord=${py_}, keepdims=${keepdims ? 'True' : 'False'})`, { a }, tol(t));
      }
    }
    await like(linalg.matrixNorm(ours(a)), 'np.linalg.matrix_norm(a)', { a }, tol(t));
    for (const ord of ['2', '1', 'np.inf', '-np.inf', '0', '3', '-1', '0.5']) {
      const o = ord === 'np.inf' ? Infinity : ord === '-np.inf' ? -Infinity : Number(ord);
      for (const [pyAxis, axis] of [['None', null], ['1', 1], ['-1', -1], ['(0, 2)', [0, 2]], ['(2, 0)', [2, 0]], ['(0, 1, 2)', [0, 1, 2]]] as const) {
        for (const keepdims of [false, true]) {
          await like(linalg.vectorNorm(ours(a), { ord: o, axis, keepdims }), `np.linalg.vector_norm(a, ord=${ord}, axis=${pyAxis}, keepdims=${keepdims ? 'True' : 'False'})`, { a }, tol(t));
        }
      }
    }
    const z = random(t, [0, 3]);
    await like(linalg.vectorNorm(ours(z), { axis: 0 }), 'np.linalg.vector_norm(z, axis=0)', { z }, tol(t));
    await like(linalg.vectorNorm(ours(z)), 'np.linalg.vector_norm(z)', { z }, tol(t));
    const e = random(t, [2, 0, 3]);
    await like(linalg.matrixNorm(ours(e)), 'np.linalg.matrix_norm(e)', { e }, tol(t));
  });

  it.each(TYPES)('matrix_power (%s): positive, zero and negative n, stacks', async (t) => {
    const a = wellConditioned(t, [2, 4, 4]);
    const small = { ...a, data: (ours(a).toArray() as Float64Array).map((x) => x / 4) } as NdValue;
    for (const n of [0, 1, 2, 3, 5, 8, -1, -2, -3]) await like(linalg.matrixPower(ours(small), n), `np.linalg.matrix_power(a, ${n})`, { a: small }, n < 0 ? 10 * tol(t) : tol(t));
    const e = random(t, [0, 3, 3]);
    for (const n of [0, 2, -1]) await like(linalg.matrixPower(ours(e), n), `np.linalg.matrix_power(a, ${n})`, { a: e }, tol(t));
  });

  it('matrix_power of integer matrices keeps the type; negative powers are float', async () => {
    const i = { dtype: 'int64', shape: [2, 2], data: BigInt64Array.from([1n, 1n, 1n, 0n]) };
    for (const n of [0, 1, 2, 10, -1, -4]) await like(linalg.matrixPower(ours(i), n), `np.linalg.matrix_power(a, ${n})`, { a: i }, 1e-10);
  });

  it.each(TYPES)('matrix_rank (%s): rank-deficient stacks, tol, rtol, hermitian, vectors, empty', async (t) => {
    const a = lowRank(t, [3], 5, 6, 2);
    await like(linalg.matrixRank(ours(a)), 'np.linalg.matrix_rank(a)', { a }, 0);
    await like(linalg.matrixRank(ours(a), 1e-3), 'np.linalg.matrix_rank(a, 1e-3)', { a }, 0);
    await like(linalg.matrixRank(ours(a), 1e6), 'np.linalg.matrix_rank(a, 1e6)', { a }, 0);
    await like(linalg.matrixRank(ours(a), { rtol: 0.5 }), 'np.linalg.matrix_rank(a, rtol=0.5)', { a }, 0);
    await like(linalg.matrixRank(ours(a), { rtol: null, tol: null }), 'np.linalg.matrix_rank(a)', { a }, 0);
    const tols = { dtype: 'float64', shape: [3], data: Float64Array.from([1e-3, 1e3, 1e-20]) };
    await like(linalg.matrixRank(ours(a), ours(tols)), 'np.linalg.matrix_rank(a, tols)', { a, tols }, 0);
    const full = random(t, [4, 4], 1);
    await like(linalg.matrixRank(ours(full)), 'np.linalg.matrix_rank(a)', { a: full }, 0);
    const g = ours(lowRank(t, [2], 4, 4, 2));
    const h = np.add(g, np.conj(linalg.matrixTranspose(g)));
    const hv = value(h);
    await like(linalg.matrixRank(h, null, true), 'np.linalg.matrix_rank(h, hermitian=True)', { h: hv }, 0);
    await like(linalg.matrixRank(h, { hermitian: true }), 'np.linalg.matrix_rank(h, hermitian=True)', { h: hv }, 0);
    for (const v of [random(t, [4]), { dtype: t, shape: [3], data: new (t === 'float32' ? Float32Array : Float64Array)(t === 'complex128' ? 6 : 3) } as NdValue]) {
      await like(linalg.matrixRank(ours(v)), 'np.linalg.matrix_rank(v)', { v }, 0);
    }
    for (const shape of [[0, 0], [2, 0, 3], [0, 3, 3]]) {
      const z = random(t, shape);
      await like(linalg.matrixRank(ours(z)), 'np.linalg.matrix_rank(z)', { z }, 0);
    }
  });

  it.each(TYPES)('pinv (%s): tall, wide, stacks, rank-deficient, rcond, rtol, hermitian, empty', async (t) => {
    for (const shape of [[6, 4], [4, 6], [2, 5, 3]]) {
      const a = random(t, shape, 1);
      await like(linalg.pinv(ours(a)), 'np.linalg.pinv(a)', { a }, tol(t));
    }
    const d = lowRank(t, [2], 5, 4, 2);
    await like(linalg.pinv(ours(d)), 'np.linalg.pinv(a)', { a: d }, 10 * tol(t));
    await like(linalg.pinv(ours(d), 1e-6), 'np.linalg.pinv(a, 1e-6)', { a: d }, 10 * tol(t));
    await like(linalg.pinv(ours(d), { rtol: null }), 'np.linalg.pinv(a, rtol=None)', { a: d }, 10 * tol(t));
    await like(linalg.pinv(ours(d), { rtol: 0.3 }), 'np.linalg.pinv(a, rtol=0.3)', { a: d }, 10 * tol(t));
    const rc = { dtype: 'float64', shape: [2], data: Float64Array.from([1e-6, 0.9]) };
    await like(linalg.pinv(ours(d), ours(rc)), 'np.linalg.pinv(a, rc)', { a: d, rc }, 10 * tol(t));
    const g = ours(lowRank(t, [], 4, 4, 3));
    const hv = value(np.add(g, np.conj(g.T)));
    await like(linalg.pinv(ours(hv), { hermitian: true }), 'np.linalg.pinv(h, hermitian=True)', { h: hv }, 10 * tol(t));
    await like(linalg.pinv(ours(hv), null, true), 'np.linalg.pinv(h, hermitian=True)', { h: hv }, 10 * tol(t));
    for (const shape of [[0, 3], [2, 3, 0], [0, 2, 2]]) {
      const z = random(t, shape);
      await like(linalg.pinv(ours(z)), 'np.linalg.pinv(z)', { z }, tol(t));
    }
  });

  it.each(TYPES)('svdvals, tensorinv, tensorsolve (%s)', async (t) => {
    const a = random(t, [3, 4, 5], 1);
    await like(linalg.svdvals(ours(a)), 'np.linalg.svdvals(a)', { a }, tol(t));
    const z = random(t, [2, 0, 3]);
    await like(linalg.svdvals(ours(z)), 'np.linalg.svdvals(z)', { z }, tol(t));
    const m = wellConditioned(t, [6, 6]);
    const ti = { ...m, shape: [6, 2, 3] };
    await like(linalg.tensorinv(ours(ti), 1), 'np.linalg.tensorinv(a, 1)', { a: ti }, tol(t));
    const t2 = { ...m, shape: [2, 3, 3, 2] };
    await like(linalg.tensorinv(ours(t2)), 'np.linalg.tensorinv(a)', { a: t2 }, tol(t));
    await like(linalg.tensorinv(ours(t2), { ind: 2 }), 'np.linalg.tensorinv(a, ind=2)', { a: t2 }, tol(t));
    const b = random(t, [2, 3], 1);
    await like(linalg.tensorsolve(ours(t2), ours(b)), 'np.linalg.tensorsolve(a, b)', { a: t2, b }, tol(t));
    const t3 = { ...m, shape: [3, 2, 2, 3] };
    await like(linalg.tensorsolve(ours(t3), ours(b), [0, 2]), 'np.linalg.tensorsolve(a, b, axes=(0, 2))', { a: t3, b }, tol(t));
    await like(linalg.tensorsolve(ours(t3), ours(b), { axes: [1] }), 'np.linalg.tensorsolve(a, b, axes=(1,))', { a: t3, b }, tol(t));
  });

  it.each(TYPES)('multi_dot (%s): chains of 2 to 5, 1-D ends, the cheapest order', async (t) => {
    const shapes = [[5], [5, 30], [30, 2], [2, 40], [40]];
    const vs = shapes.map((s) => random(t, s, 1));
    const inputs = Object.fromEntries(vs.map((v, i) => [`m${i}`, v]));
    for (const [lo, hi] of [[0, 2], [1, 3], [0, 3], [1, 4], [0, 4], [0, 5], [1, 5], [2, 5]] as const) {
      const names = vs.slice(lo, hi).map((_, i) => `m${lo + i}`);
      await like(linalg.multiDot(vs.slice(lo, hi).map(ours)), `np.linalg.multi_dot([${names.join(', ')}])`, inputs, tol(t));
    }
    const out = np.empty([5, 40], t as never);
    const r = linalg.multiDot(vs.slice(1, 4).map(ours), { out });
    expect(r).toBe(out);
    await like(out, 'np.linalg.multi_dot([m1, m2, m3])', inputs, tol(t));
  });

  it.each(TYPES)('matrix_transpose, vecdot, cross, outer, trace, diagonal, tensordot, matmul (%s)', async (t) => {
    const a = random(t, [2, 3, 4], 1);
    const b = random(t, [3, 4], 1);
    await expectLikeNumpy(linalg.matrixTranspose(ours(a)), 'np.linalg.matrix_transpose(a)', { a });
    await like(linalg.vecdot(ours(a), ours(b)), 'np.linalg.vecdot(a, b)', { a, b }, tol(t));
    const c = random(t, [2, 3, 1], 1);
    await like(linalg.vecdot(ours(a), ours(c), { axis: -2 }), 'np.linalg.vecdot(a, c, axis=-2)', { a, c }, tol(t));
    const u = random(t, [4, 3], 1);
    const w = random(t, [3], 1);
    await like(linalg.cross(ours(u), ours(w)), 'np.linalg.cross(u, w)', { u, w }, tol(t));
    await like(linalg.cross(ours({ ...u, shape: [3, 4] }), ours({ ...u, shape: [3, 4] }), { axis: 0 }), 'np.linalg.cross(u, u, axis=0)', { u: { ...u, shape: [3, 4] } }, tol(t));
    await like(linalg.outer(ours(w), ours(b).reshape(12)), 'np.linalg.outer(w, b.ravel())', { w, b }, tol(t));
    for (const offset of [0, 1, -2, 5]) {
      await like(linalg.trace(ours(a), { offset }), `np.linalg.trace(a, offset=${offset})`, { a }, tol(t));
      await expectLikeNumpy(linalg.diagonal(ours(a), { offset }), `np.linalg.diagonal(a, offset=${offset})`, { a });
    }
    await like(linalg.trace(ours(a), { dtype: 'complex128' }), "np.linalg.trace(a, dtype='complex128')", { a }, tol(t));
    await like(linalg.tensordot(ours(a), ours(b)), 'np.linalg.tensordot(a, b)', { a, b }, tol(t));
    await like(linalg.matmul(ours(a), ours({ ...b, shape: [4, 3] })), 'np.linalg.matmul(a, b.reshape(4, 3))', { a, b }, tol(t));
  });
});

describe.skipIf(!python.ok)('vecdot, matvec, vecmat and kron against NumPy', () => {
  it.each([...TYPES, 'int8', 'uint8', 'int64', 'bool'])('%s: broadcast stacks, axis, conjugation', async (t) => {
    const exact = !/float|complex/.test(t) ? 0 : tol(t);
    const x = random(t, [2, 1, 4], 1);
    const y = random(t, [3, 4], 1);
    await like(np.vecdot(ours(x), ours(y)), 'np.vecdot(x, y)', { x, y }, exact);
    const z = random(t, [4, 2], 1);
    await like(np.vecdot(ours(z), ours(z), { axis: 0 }), 'np.vecdot(z, z, axis=0)', { z }, exact);
    const m = random(t, [2, 1, 3, 4], 1);
    const v = random(t, [5, 4], 1);
    await like(np.matvec(ours(m), ours(v)), 'np.matvec(m, v)', { m, v }, exact);
    const n = random(t, [5, 4, 3], 1);
    await like(np.vecmat(ours(v), ours(n)), 'np.vecmat(v, n)', { v, n }, exact);
    await like(np.vecmat(ours(x), ours({ ...n, shape: [1, 5, 4, 3] })), 'np.vecmat(x, n.reshape(1, 5, 4, 3))', { x, n }, exact);
    for (const [sa, sb] of [[[2, 3], [4, 2]], [[3], [2, 2]], [[2, 1, 3], [3, 2]], [[2], [2, 3, 1]], [[0, 2], [3, 1]]]) {
      const a = random(t, sa!, 1);
      const b = random(t, sb!, 1);
      await like(np.kron(ours(a), ours(b)), 'np.kron(a, b)', { a, b }, exact);
    }
    const s = random(t, [], 1);
    await like(np.kron(ours(s), ours(y)), 'np.kron(s, y)', { s, y }, exact);
    const e1 = random(t, [2, 0]);
    const e2 = random(t, [3, 1, 0]);
    await like(np.vecdot(ours(e1), ours(e2)), 'np.vecdot(e1, e2)', { e1, e2 }, exact);
    await like(np.matvec(ours(e1), ours(e2)), 'np.matvec(e1, e2)', { e1, e2 }, exact);
  });

  it('accepts lists', async () => {
    await expectLikeNumpy(np.kron([[1, 2], [3, 4]], [1, -1]), 'np.kron([[1, 2], [3, 4]], [1, -1])', {});
    await expectLikeNumpy(np.vecdot([1, 2, 3], [4, 5, 6]), 'np.vecdot([1, 2, 3], [4, 5, 6])', {});
    await expectLikeNumpy(np.matvec([[1, 2], [3, 4]], [1, 1]), 'np.matvec([[1, 2], [3, 4]], [1, 1])', {});
  });
});

describe('bad input', () => {
  const singular = np.array([[1, 2], [2, 4]], 'float64');
  it.each([
    ['cond of an empty matrix', () => linalg.cond(np.zeros([0, 0])), linalg.LinAlgError, /^x: cond: cond is not defined on empty arrays$/],
    ['cond with p 1 of a non-square matrix', () => linalg.cond(np.zeros([2, 3]), 1), linalg.LinAlgError, /^x: Last 2 dimensions of the array must be square$/],
    ['cond with a bad p', () => linalg.cond(np.eye(2), 3), np.ValueError, /^p: cond: Invalid norm order 3/],
    ['cond of a vector', () => linalg.cond(np.ones([3])), linalg.LinAlgError, /^x: 1-dimensional array given/],
    ['cond with an unknown option', () => linalg.cond(np.eye(2), { q: 1 } as never), UnknownOptionError, /^options: cond: unknown option 'q'|cond: unknown option 'q'/],
    ['matrix_norm of a vector', () => linalg.matrixNorm(np.ones([3])), np.AxisError, /^axis: axis -2 is out of bounds/],
    ['matrix_norm with a bad ord', () => linalg.matrixNorm(np.eye(2), { ord: 3 }), np.ValueError, /^ord: /],
    ['matrix_norm with an unknown option', () => linalg.matrixNorm(np.eye(2), { axis: 0 } as never), UnknownOptionError, /unknown option 'axis'/],
    ['vector_norm with a string ord', () => linalg.vectorNorm(np.ones([3]), { ord: 'fro' as never }), np.ValueError, /^ord: vector_norm: Invalid norm order 'fro'/],
    ['vector_norm with a repeated axis', () => linalg.vectorNorm(np.ones([2, 2]), { axis: [0, -2] }), np.ValueError, /^axis: vector_norm: repeated axis$/],
    ['vector_norm with an axis out of range', () => linalg.vectorNorm(np.ones([2, 2]), { axis: 2 }), np.AxisError, /^axis: axis 2 is out of bounds/],
    ['vector_norm with a non-boolean keepdims', () => linalg.vectorNorm(np.ones([2]), { keepdims: 1 as never }), DTypeError, /^keepdims: vector_norm: expected a boolean/],
    ['matrix_power with a fractional n', () => linalg.matrixPower(np.eye(2), 1.5), DTypeError, /^n: matrix_power: expected an integer, got 1.5$/],
    ['matrix_power of a singular matrix, n < 0', () => linalg.matrixPower(singular, -1), linalg.LinAlgError, /^a: Singular matrix$/],
    ['matrix_power of a non-square matrix', () => linalg.matrixPower(np.ones([2, 3]), 2), linalg.LinAlgError, /^a: Last 2 dimensions/],
    ['matrix_power with too many arguments', () => (linalg.matrixPower as (...a: unknown[]) => unknown)(np.eye(2), 2, 3), ArgumentError, /matrix_power\(\) takes at most 2 arguments/],
    ['matrix_rank with tol and rtol', () => linalg.matrixRank(np.eye(2), 1, { rtol: 1 }), np.ValueError, /^tol: matrix_rank: `tol` and `rtol` can't be both set.$/],
    ['matrix_rank with a string tol', () => linalg.matrixRank(np.eye(2), 'x' as never), DTypeError, /^tol: matrix_rank: expected a number/],
    ['matrix_rank with a non-boolean hermitian', () => linalg.matrixRank(np.eye(2), null, 1 as never), DTypeError, /^hermitian: matrix_rank: expected a boolean/],
    ['pinv with rcond and rtol', () => linalg.pinv(np.eye(2), 1, { rtol: 1 }), np.ValueError, /^rtol: pinv: `rtol` and `rcond` can't be both set.$/],
    ['pinv of a vector', () => linalg.pinv(np.ones([3])), linalg.LinAlgError, /^a: 1-dimensional array given/],
    ['pinv hermitian of a non-square matrix', () => linalg.pinv(np.ones([2, 3]), { hermitian: true }), linalg.LinAlgError, /^a: Last 2 dimensions/],
    ['pinv with an unknown option', () => linalg.pinv(np.eye(2), { rcon: 1 } as never), UnknownOptionError, /unknown option 'rcon'/],
    ['svdvals of a vector', () => linalg.svdvals(np.ones([3])), linalg.LinAlgError, /^x: 1-dimensional array given/],
    ['tensorinv with ind 0', () => linalg.tensorinv(np.ones([4, 2, 2]), 0), np.ValueError, /^ind: tensorinv: Invalid ind argument.$/],
    ['tensorinv of a singular tensor', () => linalg.tensorinv(np.zeros([2, 2, 2, 2])), linalg.LinAlgError, /^a: Singular matrix$/],
    ['tensorinv of a non-square tensor', () => linalg.tensorinv(np.ones([2, 3, 2, 2])), linalg.LinAlgError, /^a: Last 2 dimensions/],
    ['tensorsolve with mismatched shapes', () => linalg.tensorsolve(np.ones([2, 3]), np.ones([2])), linalg.LinAlgError, /^a: tensorsolve: Input arrays must satisfy/],
    ['tensorsolve with a bad axis', () => linalg.tensorsolve(np.ones([2, 2]), np.ones([2]), [5]), np.ValueError, /^axes: tensorsolve: axis 5/],
    ['tensorsolve of a singular system', () => linalg.tensorsolve(np.zeros([2, 2, 4]), np.ones([2, 2])), linalg.LinAlgError, /^a: Singular matrix$/],
    ['multi_dot of one array', () => linalg.multiDot([np.eye(2)]), np.ValueError, /^arrays: multi_dot: Expecting at least two arrays.$/],
    ['multi_dot with a 3-D array', () => linalg.multiDot([np.eye(2), np.ones([2, 2, 2]), np.eye(2)]), linalg.LinAlgError, /^arrays\[1\]: 3-dimensional array given. Array must be two-dimensional$/],
    ['multi_dot with mismatched shapes', () => linalg.multiDot([np.eye(2), np.ones([3, 2]), np.eye(2)]), np.ValueError, /^arrays\[1\]: multi_dot: shapes \(2,2\) and \(3,2\) not aligned: 2 \(dim 1\) != 3 \(dim 0\)$/],
    ['multi_dot of a non-list', () => linalg.multiDot(np.eye(2) as never), DTypeError, /^arrays: multi_dot: expected a list/],
    ['multi_dot with an unknown option', () => linalg.multiDot([np.eye(2), np.eye(2)], { output: 1 } as never), UnknownOptionError, /unknown option 'output'/],
    ['linalg.cross of 2-vectors', () => linalg.cross(np.ones([2]), np.ones([2])), np.ValueError, /^x1: cross: Both input arrays must be \(arrays of\) 3-dimensional vectors, but they are 2 and 2/],
    ['linalg.outer of a matrix', () => linalg.outer(np.ones([2, 2]), np.ones([2])), np.ValueError, /^x1: outer: Input arrays must be one-dimensional, but they are x1.ndim=2 and x2.ndim=1.$/],
    ['linalg.trace of a vector', () => linalg.trace(np.ones([2])), np.ValueError, /^x: trace: diag requires/],
    ['linalg.diagonal with a bad option', () => linalg.diagonal(np.eye(2), { axis1: 0 } as never), UnknownOptionError, /unknown option 'axis1'/],
    ['matrix_transpose of a vector', () => linalg.matrixTranspose(np.ones([2])), np.ValueError, /^x: matrix_transpose: Input array must be at least 2-dimensional/],
    ['vecdot with mismatched lengths', () => np.vecdot(np.ones([3]), np.ones([4])), np.ValueError, /^x2: vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(n\),\(n\)->\(\) \(size 4 is different from 3\)$/],
    ['vecdot of a 0-d array', () => np.vecdot(np.ones([]), np.ones([4])), np.ValueError, /^x1: vecdot: Input operand 0 does not have enough dimensions/],
    ['vecdot with an axis out of range', () => np.vecdot(np.ones([2, 3]), np.ones([2, 3]), { axis: 2 }), np.AxisError, /^axis: axis 2 is out of bounds for array of dimension 2$/],
    ['vecdot with stacks that do not broadcast', () => np.vecdot(np.ones([2, 3]), np.ones([4, 3])), np.ValueError, /^x2: vecdot: operands could not be broadcast/],
    ['matvec with a mismatch', () => np.matvec(np.ones([2, 3]), np.ones([4])), np.ValueError, /^x2: matvec: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(m,n\),\(n\)->\(m\) \(size 4 is different from 3\)$/],
    ['matvec of a vector', () => np.matvec(np.ones([3]), np.ones([3])), np.ValueError, /^x1: matvec: Input operand 0 does not have enough dimensions \(has 1/],
    ['vecmat with a mismatch', () => np.vecmat(np.ones([3]), np.ones([4, 2])), np.ValueError, /^x2: vecmat: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(n\),\(n,m\)->\(m\) \(size 4 is different from 3\)$/],
    ['vecmat with an unknown option', () => (np.vecmat as (...a: unknown[]) => unknown)(np.ones([3]), np.ones([3, 2]), { axis: 0 }), UnknownOptionError, /unknown option 'axis'/],
    ['kron of a string', () => np.kron('a' as never, np.ones([2])), DTypeError, /^a: kron: expected an ndarray/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type as never);
    expect(f).toThrow(message);
  });
});

describe('no leaks', () => {
  it('frees every temporary, also when refusing', () => {
    const a = np.add(np.multiply(np.eye(3), 4), np.ones([3, 3]));
    const stack = np.add(np.multiply(np.eye(3), 4), np.ones([2, 3, 3]));
    const singular = np.array([[1, 2], [2, 4]], 'float64');
    const v = np.arange(3).astype('float64');
    const [z203, z03, z2222, o22, o3, o4] = [np.zeros([2, 0, 3]), np.zeros([0, 3]), np.zeros([2, 2, 2, 2]), np.ones([2, 2]), np.ones([3]), np.ones([4])];
    const calls: (() => unknown)[] = [
      ...[null, 'fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity].map((p) => () => linalg.cond(stack, p as never)),
      () => linalg.cond(singular, 1),
      () => linalg.matrixNorm(stack, { ord: 'nuc', keepdims: true }),
      () => linalg.vectorNorm(stack, { axis: [0, 2], keepdims: true, ord: 3 }),
      () => linalg.vectorNorm(stack),
      ...[0, 1, 2, 5, -1, -3].map((n) => () => linalg.matrixPower(stack, n)),
      () => linalg.matrixPower(singular, -2),
      () => linalg.matrixRank(stack),
      () => linalg.matrixRank(stack, null, true),
      () => linalg.matrixRank(stack, { rtol: 0.1 }),
      () => linalg.matrixRank(v),
      () => linalg.matrixRank(z203),
      () => linalg.pinv(stack),
      () => linalg.pinv(stack, { hermitian: true }),
      () => linalg.pinv(z03),
      () => linalg.svdvals(a),
      () => linalg.tensorinv(a, 1),
      () => linalg.tensorinv(z2222),
      () => linalg.tensorsolve(a, v, null),
      () => linalg.tensorsolve(a, v),
      () => linalg.multiDot([v, a, a, a, v]),
      () => linalg.multiDot([a, a, a], { out: stack }),
      () => linalg.multiDot([v, o22, v]),
      () => linalg.cross(a, a),
      () => linalg.outer(v, v),
      () => linalg.trace(stack, { offset: 1 }),
      () => linalg.diagonal(stack),
      () => linalg.vecdot(stack, v),
      () => np.vecdot(stack, a, { axis: 1 }),
      () => np.matvec(stack, v),
      () => np.vecmat(v, stack),
      () => np.kron(stack, a),
      () => np.kron([1, 2], [[1], [2]]),
      () => np.vecdot(o3, o4),
      () => np.matvec(o22, o3),
      () => linalg.tensorsolve(a, v, [7]),
      () => linalg.tensorsolve(z2222, o22),
      () => linalg.pinv(stack, 1, { rtol: 1 }),
      () => linalg.cond(z03),
      () => linalg.multiDot([a, o22, a]),
    ];
    for (const call of calls) {
      const left = storesLeftBy(() => {
        try {
          const r = call();
          if (r instanceof np.ndarray && r !== a && r !== stack && r !== v) r.dispose();
        } catch {
          // refused: still nothing may be left
        }
      });
      expect(left, String(call)).toBe(0);
    }
  });
});
