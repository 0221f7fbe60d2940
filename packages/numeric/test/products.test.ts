// Matrix products against NumPy: matmul (2-D, vectors, batches with broadcasting, transposed and
// strided views, every dtype family), dot, vdot, inner, outer, tensordot, diagonal, trace and
// einsum, with the runtime forced to split even small products (including along k).
import { describe, expect, it } from 'vitest';

import { ShapeError } from '@legate/core';

import * as np from '@legate/numeric';

import { numpyExpectation, ours, random, randint, useNumpyAndForcedPartitioning } from './harness.js';

const { python, py } = useNumpyAndForcedPartitioning();
const expectLikeNumpy = numpyExpectation(py);

const FAMILIES = ['bool', 'uint8', 'int32', 'int64', 'float32', 'float64', 'complex64', 'complex128'];
const exactFor = (...types: string[]) => !types.some((t) => /float|complex/.test(t));

describe.skipIf(!python.ok)('matmul against NumPy', () => {
  it('2-D by 2-D for every dtype family and mixed pairs, with empty and size-1 extents', async () => {
    const pairs = FAMILIES.map((t) => [t, t]);
    for (let i = 0; i < 6; i++) pairs.push([FAMILIES[randint(0, FAMILIES.length - 1)]!, FAMILIES[randint(0, FAMILIES.length - 1)]!]);
    for (const [s, t] of pairs) {
      for (const [m, k, n] of [[randint(1, 9), randint(1, 9), randint(1, 9)], [1, randint(1, 5), 1], [3, 0, 4], [0, 3, 2]]) {
        const a = random(s!, [m!, k!], 3);
        const b = random(t!, [k!, n!], 3);
        await expectLikeNumpy(np.matmul(ours(a), ours(b)), 'np.matmul(a, b)', { a, b }, exactFor(s!, t!));
      }
    }
  });

  it('vectors on either side, batches that broadcast, transposed and strided views, out', async () => {
    const f = (shape: number[]) => random('float64', shape);
    const cases: [number[], number[]][] = [
      [[5], [5, 3]],
      [[4, 5], [5]],
      [[6], [6]],
      [[2, 3, 4], [4, 5]],
      [[1, 3, 4], [2, 4, 5]],
      [[2, 1, 3, 4], [3, 4, 2]],
      [[3], [2, 3, 4]],
      [[2, 3, 4], [4]],
    ];
    for (const [sa, sb] of cases) {
      const a = f(sa);
      const b = f(sb);
      await expectLikeNumpy(np.matmul(ours(a), ours(b)), 'np.matmul(a, b)', { a, b }, false);
    }
    const a = f([6, 5]);
    const b = f([8, 6]);
    await expectLikeNumpy(np.matmul(ours(a).T, ours(b).T), 'a.T @ b.T', { a, b }, false);
    await expectLikeNumpy(np.matmul(ours(a).slice('::2, 1:'), ours(b).slice('1:5, ::-1').T.slice(':4')), 'a[::2, 1:] @ b[1:5, ::-1].T[:4]', { a, b }, false);
    const out = np.empty([5, 5]);
    expect(np.matmul(ours(a).T, ours(a), { out })).toBe(out);
    await expectLikeNumpy(out, 'a.T @ a', { a }, false);
    const big = f([70, 90]);
    const other = f([90, 60]);
    await expectLikeNumpy(np.matmul(ours(big), ours(other)), 'big @ other', { big, other }, false);
  });
  it('complex products with infinite parts or overflow as NumPy\'s own loop gives them (fuzz finding 25)', async () => {
    const a = { dtype: 'complex64', shape: [1], data: Float32Array.from([-4, 0.25]) };
    const b = { dtype: 'complex64', shape: [1], data: Float32Array.from([Infinity, -0.04]) };
    await expectLikeNumpy(np.matmul(ours(a), ours(b)), 'np.matmul(a, b)', { a, b });
    const c = { dtype: 'complex128', shape: [1, 1], data: Float64Array.from([-Infinity, 235]) };
    const i8 = { dtype: 'int8', shape: [1, 1], data: Int8Array.from([1]) };
    await expectLikeNumpy(np.matmul(ours(c), ours(i8)), 'np.matmul(c, i8)', { c, i8 });
    const d = { dtype: 'complex128', shape: [1, 2], data: Float64Array.from([1e300, 1, Infinity, 0]) };
    const u = { dtype: 'uint32', shape: [3, 1], data: Uint32Array.from([400000000, 0, 7]) };
    await expectLikeNumpy(np.matmul(ours(u), ours(d)), 'np.matmul(u, d)', { u, d });
  });
});

describe.skipIf(!python.ok)('the other products against NumPy', () => {
  it('dot over every rank pairing', async () => {
    const f = (shape: number[]) => random('float64', shape);
    for (const [sa, sb] of [[[4], [4]], [[3, 4], [4, 2]], [[3, 4], [4]], [[4], [4, 3]], [[2, 3, 4], [4]], [[2, 3, 4], [5, 4, 2]], [[], [3, 2]]] as [number[], number[]][]) {
      const a = f(sa);
      const b = f(sb);
      await expectLikeNumpy(np.dot(ours(a), ours(b)), 'np.dot(a, b)', { a, b }, false);
    }
  });

  it('vdot, inner, outer and tensordot', async () => {
    const c = random('complex128', [3, 4]);
    const d = random('complex128', [12]);
    await expectLikeNumpy(np.vdot(ours(c), ours(d)), 'np.vdot(c, d)', { c, d }, false);
    const a = random('float64', [2, 3, 4]);
    const b = random('float64', [5, 4]);
    await expectLikeNumpy(np.inner(ours(a), ours(b)), 'np.inner(a, b)', { a, b }, false);
    await expectLikeNumpy(np.outer(ours(a), ours(b)), 'np.outer(a, b)', { a, b }, false);
    const x = random('float32', [3, 4, 5]);
    const y = random('float32', [4, 5, 6]);
    await expectLikeNumpy(np.tensordot(ours(x), ours(y)), 'np.tensordot(x, y)', { x, y }, false);
    await expectLikeNumpy(np.tensordot(ours(x), ours(y), [[1], [0]]), 'np.tensordot(x, y, ([1], [0]))', { x, y }, false);
    await expectLikeNumpy(np.tensordot(ours(x), ours(y), [[2, 1], [1, 0]]), 'np.tensordot(x, y, ([2, 1], [1, 0]))', { x, y }, false);
    await expectLikeNumpy(np.tensordot(ours(x), ours(y), 0), 'np.tensordot(x, y, 0)', { x, y }, false);
  });

  it('diagonal views and trace, with offsets and axes', async () => {
    const a = random('int64', [4, 6]);
    const b = random('float64', [3, 4, 5]);
    for (const offset of [0, 2, -1, 5, -4]) {
      await expectLikeNumpy(np.diagonal(ours(a), offset), `np.diagonal(a, ${offset})`, { a });
      await expectLikeNumpy(np.trace(ours(a), offset), `np.trace(a, ${offset})`, { a });
      await expectLikeNumpy(np.diagonal(ours(b), offset, 2, 0), `np.diagonal(b, ${offset}, 2, 0)`, { b }, false);
      await expectLikeNumpy(np.trace(ours(b), offset, 1, 2), `np.trace(b, ${offset}, 1, 2)`, { b }, false);
    }
    // A diagonal is a view: writing through it changes the array.
    const m = np.zeros([3, 3]);
    np.diagonal(m).assign(np.array([1, 2, 3]));
    expect(m.toNested()).toEqual([[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
  });

  it.each([
    ['ij,jk->ik', [[3, 4], [4, 5]]],
    ['ij,jk', [[3, 4], [4, 5]]],
    ['ij->ji', [[3, 4]]],
    ['ii->', [[4, 4]]],
    ['ii->i', [[4, 4]]],
    ['ij->', [[3, 4]]],
    ['ij->j', [[3, 4]]],
    ['i,i->', [[5], [5]]],
    ['i,j->ij', [[3], [4]]],
    ['ij,j->i', [[3, 4], [4]]],
    ['bij,bjk->bik', [[2, 3, 4], [2, 4, 5]]],
    ['bij,jk->bik', [[2, 3, 4], [4, 5]]],
    ['ijk,ikl->jl', [[2, 3, 4], [2, 4, 5]]],
    ['ij,ij->ij', [[3, 4], [3, 4]]],
    ['ij,ji->', [[3, 4], [4, 3]]],
    ['iij,jk->ik', [[3, 3, 4], [4, 2]]],
    ['ab,cd->abcd', [[2, 3], [2, 2]]],
  ] as [string, number[][]][])('einsum %s', async (subscripts, shapes) => {
    const inputs = shapes.map((s) => random('float64', s));
    const names = inputs.map((_, i) => `x${i}`);
    await expectLikeNumpy(np.einsum(subscripts, ...inputs.map(ours)), `np.einsum('${subscripts}', ${names.join(', ')})`, Object.fromEntries(inputs.map((x, i) => [names[i]!, x])), false);
  });
});

describe('bad input', () => {
  it.each([
    ['matmul of mismatched core dimensions', () => np.matmul(np.ones([2, 3]), np.ones([4, 5])), ShapeError, /^b: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature \(n\?,k\),\(k,m\?\)->\(n\?,m\?\) \(size 4 is different from 3\)/],
    ['matmul of a 0-d array', () => np.matmul(np.ones([]), np.ones([2])), ShapeError, /^a: matmul: Input operand 0 does not have enough dimensions/],
    ['matmul of batches that do not broadcast', () => np.matmul(np.ones([2, 2, 3]), np.ones([3, 3, 2])), ShapeError, /^b: matmul: batch dimensions \(2,\) and \(3,\) do not broadcast/],
    ['matmul into an out of the wrong shape', () => np.matmul(np.ones([2, 3]), np.ones([3, 2]), { out: np.ones([3, 3]) }), ShapeError, /^out: matmul: expected shape \(2,2\)/],
    ['dot of unaligned matrices', () => np.dot(np.ones([2, 3]), np.ones([2, 3])), ShapeError, /^b: shapes \(2,3\) and \(2,3\) not aligned: 3 \(dim 1\) != 2 \(dim 0\)/],
    ['tensordot over mismatched axes', () => np.tensordot(np.ones([2, 3]), np.ones([4, 3]), [[1], [0]]), ShapeError, /^axes: tensordot: shape-mismatch for sum/],
    ['einsum with too few subscripts', () => np.einsum('ij', np.ones([2])), ShapeError, /^subscripts: einsum: operand 0 has 1 dimensions/],
    ['einsum with an unknown output label', () => np.einsum('ij->k', np.ones([2, 2])), ShapeError, /^subscripts: einsum: output subscript 'k' is not in any input/],
    ['einsum with mismatched extents', () => np.einsum('ij,jk', np.ones([2, 3]), np.ones([4, 2])), ShapeError, /^operands: einsum: subscript 'j' has extents 3 and 4/],
    ['trace of a vector', () => np.trace(np.ones([3])), ShapeError, /^a: diagonal requires an array of at least two dimensions/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});
