// csrArray against scipy.sparse: construction edge cases and every operation, on fresh random
// input, with the runtime forced to split even small matrices.
import { describe, expect, it } from 'vitest';

import { DTypeError, setPartitionSettings, ShapeError } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { expectClose, expectSameCsr, ours, PARTS, randint, randomCoo, scipyInputs, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();

const SHAPES: [number, number][] = [[5, 7], [29, 17], [1, 1], [40, 40], [3, 0], [0, 4], [0, 0], [17, 29]];
type Parts = { shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue };

async function scipy<T = Parts>(code: string, inputs: Record<string, NdValue | number | string>): Promise<T> {
  return py!.run<T>(`${PARTS}\n${code}`, inputs);
}

describe.skipIf(!python.ok)('construction against SciPy', () => {
  it.each(SHAPES)('COO (duplicates, explicit zeros, empty rows, random order) of shape %i × %i', async (m, n) => {
    const c = randomCoo(m, n);
    const A = ours(c);
    const s = scipyInputs('A', c);
    expect(A.nnz).toBe(await scipy<number>(`${s.code}out = int(A.nnz)`, s.inputs));
    expectSameCsr(A, await scipy(`${s.code}out = parts(A)`, s.inputs), 'coo', true);
    expectClose(A.toDense().toArray(), await scipy<NdValue>(`${s.code}out = A.toarray()`, s.inputs), 'dense', true);
    expect(A.indptr.dtype.name).toBe('int32');
    expect(A.hasCanonicalFormat).toBe(true);
  });

  it('(data, indices, indptr) with unsorted columns and duplicates, kept as the matrix\'s own arrays', async () => {
    const data = np.array([3, 1, 2, 5, 4, 6], 'float64');
    const indices = np.array([2, 0, 2, 1, 1, 0], 'int32');
    const indptr = np.array([0, 3, 3, 6], 'int32');
    const A = new sparse.csrArray([data, indices, indptr], { shape: [3, 4] });
    expect(A.hasCanonicalFormat).toBe(false);
    expect(A.data.store.sharesStorageWith(data.store)).toBe(true);
    const want = await scipy<NdValue>('out = scipy.sparse.csr_array((d, i, p), shape=(3, 4)).toarray()', { d: values(data), i: values(indices), p: values(indptr) });
    expectClose(A.toDense().toArray(), want, 'dense', true);
    // Editing A.data in place changes A.
    np.multiply(A.data, 2, { out: A.data });
    expectClose(A.toDense().toArray(), { ...want, data: Float64Array.from(want.data as Float64Array, (v) => 2 * v) }, 'edited', true);
    A.sumDuplicates();
    expect(A.hasCanonicalFormat).toBe(true);
    expect(Array.from(A.indices.toArray() as Int32Array)).toEqual([0, 2, 0, 1]);
  });

  it('from dense arrays (with the shape inferred), from another matrix, and int64 index arrays', async () => {
    const dense = np.array([[0, 1.5, 0], [0, 0, 0], [-2, 0, 3]]);
    const A = new sparse.csrArray(dense);
    expect([...A.shape]).toEqual([3, 3]);
    expect(A.nnz).toBe(3);
    const B = new sparse.csrArray(A, { dtype: 'complex128' });
    expect(B.dtype.name).toBe('complex128');
    expect(B.data.store.sharesStorageWith(A.data.store)).toBe(false);
    const C = new sparse.csrArray([np.array([1.0, 2.0]), np.array([1, 0], 'int64'), np.array([0, 1, 2], 'int64')]);
    expect([...C.shape]).toEqual([2, 2]);
    expect(C.indices.dtype.name).toBe('int64');
    expect(sparse.indexType(2 ** 31).name).toBe('int64');
    expect(sparse.indexType(2 ** 31 - 1).name).toBe('int32');
  });

  it('kron as SciPy builds it, b sparse or fairly dense (dense blocks, zeros stored), with duplicates', async () => {
    for (const [shapeA, shapeB, density] of [
      [[3, 4], [2, 5], 0.2],
      [[3, 4], [2, 5], 0.7],
      [[4, 3], [3, 3], 0.5],
      [[2, 2], [1, 1], 1],
      [[5, 1], [4, 2], 0.3],
    ] as const) {
      for (let round = 0; round < 3; round++) {
        const a = randomCoo(shapeA[0], shapeA[1], density);
        const b = randomCoo(shapeB[0], shapeB[1], density);
        const sa = scipyInputs('a', a);
        const sb = scipyInputs('b', b);
        const label = `kron of ${shapeA.join('x')} and ${shapeB.join('x')} at density ${density}`;
        expectSameCsr(sparse.kron(ours(a), ours(b)), await scipy(`${sa.code}${sb.code}out = parts(scipy.sparse.kron(a, b))`, { ...sa.inputs, ...sb.inputs }), label);
      }
    }
  });

  it('eye, identity, diags, kron and random as SciPy builds them', async () => {
    for (const [m, n, k] of [[5, 7, 0], [5, 7, 2], [7, 5, -3], [4, 4, 3]] as const) {
      expectSameCsr(sparse.eye(m, n, k), await scipy(`out = parts(scipy.sparse.eye(${m}, ${n}, k=${k}))`, {}), `eye(${m}, ${n}, ${k})`, true);
    }
    expectSameCsr(sparse.identity(6, 'int32'), await scipy('out = parts(scipy.sparse.identity(6, dtype=np.int32))', {}), 'identity', true);
    const d = np.array([1.5, -2, 3, 4]);
    const A = sparse.diags([d, 7, np.array([1, 2, 3])], [0, 2, -1], { shape: [4, 5] });
    expectSameCsr(A, await scipy('out = parts(scipy.sparse.diags([d, [7.0] * 3, [1, 2, 3]], [0, 2, -1], shape=(4, 5)))', { d: values(d) }), 'diags', true);
    expect(A.dtype.name).toBe('float64');
    const a = randomCoo(3, 4);
    const b = randomCoo(2, 5);
    const sa = scipyInputs('a', a);
    const sb = scipyInputs('b', b);
    expectSameCsr(sparse.kron(ours(a), ours(b)), await scipy(`${sa.code}${sb.code}out = parts(scipy.sparse.kron(a, b))`, { ...sa.inputs, ...sb.inputs }), 'kron');
    const R = sparse.random(50, 30, { density: 0.1, seed: 7 });
    expect(R.nnz).toBe(150);
    expect(R.hasCanonicalFormat).toBe(true);
    expect(sparse.random(50, 30, { density: 0.1, seed: 7 }).toDense().toArray()).toEqual(R.toDense().toArray());
    const values01 = R.data.toArray() as Float64Array;
    expect(values01.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(sparse.random(10, 10, { density: 1, seed: 1 }).nnz).toBe(100);
  });
});

describe.skipIf(!python.ok)('operations against SciPy', () => {
  it.each(SHAPES)('products of a %i × %i matrix: vector, column, dense matrix, sparse matrix, out', async (m, n) => {
    const c = randomCoo(m, n);
    const A = ours(c);
    const s = scipyInputs('A', c);
    const x = np.random.defaultRng(randint(0, 1e9)).uniform(-1, 1, n);
    expectClose(A.dot(x).toArray(), await scipy<NdValue>(`${s.code}out = A @ x`, { ...s.inputs, x: values(x) }), 'A @ x');
    const column = x.reshape(n, 1);
    const y = A.dot(column);
    expect(y.shape).toEqual([m, 1]);
    expectClose(y.toArray(), await scipy<NdValue>(`${s.code}out = A @ x.reshape(-1, 1)`, { ...s.inputs, x: values(x) }), 'A @ column');
    const X = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, [n, 3]);
    expectClose(A.dot(X).toArray(), await scipy<NdValue>(`${s.code}out = A @ X`, { ...s.inputs, X: values(X) }), 'A @ X');
    const out = np.full([m], 99.5);
    expect(A.matvec(x, { out })).toBe(out);
    expectClose(out.toArray(), await scipy<NdValue>(`${s.code}out = A @ x`, { ...s.inputs, x: values(x) }), 'out');
    // The SpMV result is an ordinary numeric array for what follows.
    expect(np.sum(out).item()).toBeCloseTo(await scipy<number>(`${s.code}out = float((A @ x).sum())`, { ...s.inputs, x: values(x) }), 9);
    const b = randomCoo(n, randint(1, 9));
    const sb = scipyInputs('B', b);
    expectSameCsr(A.dot(ours(b)), await scipy(`${s.code}${sb.code}out = parts(A @ B)`, { ...s.inputs, ...sb.inputs }), 'A @ B');
  });

  it('rows balanced by nonzeros: uneven rows, the same products as SciPy', async () => {
    // The first rows hold most of the entries.
    const rows = 50;
    const cols = 40;
    const row: number[] = [];
    const col: number[] = [];
    const data: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < (i < 5 ? cols : 2); j++) {
        row.push(i);
        col.push((j * 7 + i) % cols);
        data.push(Math.random() - 0.5);
      }
    }
    const c = { shape: [rows, cols] as [number, number], row: Int32Array.from(row), col: Int32Array.from(col), data: Float64Array.from(data) };
    const A = ours(c);
    const s = scipyInputs('A', c);
    const x = np.random.defaultRng(randint(0, 1e9)).uniform(-1, 1, cols);
    const want = await scipy<NdValue>(`${s.code}out = A @ x`, { ...s.inputs, x: values(x) });
    expect(A.rowSplit).toBe('rows');
    A.rowSplit = 'nonzeros';
    const nnz = A.nnz;
    for (const pieces of [2, 3, 4, 7]) {
      // Each block holds about nnz / pieces entries: off by less than the longest row.
      const offsets = A.rowOffsets(pieces);
      expect(offsets[0]).toBe(0);
      expect(offsets.at(-1)).toBe(rows);
      const ptr = Array.from(A.indptr.toArray() as Int32Array);
      for (let p = 0; p + 1 < offsets.length; p++) {
        expect(Math.abs(ptr[offsets[p + 1]!]! - ptr[offsets[p]!]! - nnz / pieces), `${pieces} pieces, block ${p}`).toBeLessThanOrEqual(cols);
      }
      const saved = setPartitionSettings({ force: true, pieces });
      try {
        expectClose(A.dot(x).toArray(), want, `balanced, ${pieces} pieces`);
      } finally {
        setPartitionSettings(saved);
      }
    }
    expect(() => (A.rowSplit = 'columns' as never)).toThrow(/^rowSplit: expected 'rows' or 'nonzeros'/);
  });

  it.each([[5, 7], [29, 17], [0, 3]] as [number, number][])('structure and arithmetic of a %i × %i matrix', async (m, n) => {
    const c = randomCoo(m, n);
    const d = randomCoo(m, n);
    const A = ours(c);
    const B = ours(d);
    const sa = scipyInputs('A', c);
    const sb = scipyInputs('B', d);
    const inputs = { ...sa.inputs, ...sb.inputs };
    const code = sa.code + sb.code;
    const check = async (got: sparse.csrArray, expression: string) => expectSameCsr(got, await scipy(`${code}out = parts(${expression})`, inputs), expression);
    await check(A.T, 'A.T');
    await check(A.add(B), 'A + B');
    await check(A.subtract(B), 'A - B');
    await check(A.multiply(B), 'A.multiply(B)');
    await check(A.multiply(2.5), 'A * 2.5');
    await check(A.divide(4), 'A / 4');
    await check(A.negative(), '-A');
    await check(A.abs(), 'abs(A)');
    await check(A.power(3), 'A.power(3)');
    await check(A.astype('float32'), 'A.astype(np.float32)');
    await check(A.copy(), 'A.copy()');
    const dense = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, [m, n]);
    const row = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, [1, n]);
    expectSameCsr(A.multiply(dense), await scipy(`${code}out = parts(A.multiply(D))`, { ...inputs, D: values(dense) }), 'A.multiply(dense)');
    expectSameCsr(A.multiply(row), await scipy(`${code}out = parts(A.multiply(R))`, { ...inputs, R: values(row) }), 'A.multiply(row)');
    expectClose(A.add(dense).toArray(), await scipy<NdValue>(`${code}out = np.asarray(A + D)`, { ...inputs, D: values(dense) }), 'A + dense');
    for (const k of [0, 1, -2, 3]) expectClose(A.diagonal(k).toArray(), await scipy<NdValue>(`${code}out = A.diagonal(${k})`, inputs), `diagonal(${k})`);
    expect(A.sum().item()).toBeCloseTo(await scipy<number>(`${code}out = float(A.sum())`, inputs), 9);
    expectClose(A.sum(0).toArray(), await scipy<NdValue>(`${code}out = np.asarray(A.sum(axis=0)).ravel()`, inputs), 'sum(0)');
    expectClose(A.sum(1).toArray(), await scipy<NdValue>(`${code}out = np.asarray(A.sum(axis=1)).ravel()`, inputs), 'sum(1)');
    const coo = A.toCoo();
    const back = new sparse.csrArray([coo.data, [coo.row, coo.col]], { shape: coo.shape });
    expectClose(back.toDense().toArray(), await scipy<NdValue>(`${code}out = A.toarray()`, inputs), 'toCoo round trip');
    const E = A.copy();
    E.eliminateZeros();
    expectSameCsr(E, await scipy(`${code}A.eliminate_zeros()\nout = parts(A)`, inputs), 'eliminateZeros');
    expect(E.nnz).toBe(await scipy<number>(`${code}A.sum_duplicates()\nA.eliminate_zeros()\nout = int(A.nnz)`, inputs));
  });

  it('complex and float32 matrices multiply vectors in their own type', async () => {
    const c = randomCoo(12, 9);
    const A = ours(c, 'complex128');
    const s = scipyInputs('A', c, 'complex128');
    const x = np.add(np.random.defaultRng(3).normal(0, 1, 9), np.multiply(np.random.defaultRng(4).normal(0, 1, 9), { re: 0, im: 1 }));
    const y = A.dot(x);
    expect(y.dtype.name).toBe('complex128');
    expectClose(y.toArray(), await scipy<NdValue>(`${s.code}out = A @ x`, { ...s.inputs, x: values(x) }), 'complex');
    const f = ours(c, 'float32');
    const xf = np.random.defaultRng(5).normal(0, 1, 9).astype('float32');
    expect(f.dot(xf).dtype.name).toBe('float32');
    expectClose(f.dot(xf).toArray(), await scipy<NdValue>(`${scipyInputs('F', c, 'float32').code}out = F @ x`, { ...scipyInputs('F', c, 'float32').inputs, x: values(xf) }), 'float32');
    // Mixed types promote as SciPy: float32 matrix × float64 vector is float64.
    expect(f.dot(np.ones([9])).dtype.name).toBe('float64');
  });
});

describe.skipIf(!python.ok)('Matrix Market files', () => {
  it('round-trips through SciPy\'s mmread / mmwrite', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'legate-mm-'));
    const c = randomCoo(13, 8);
    const A = ours(c);
    A.sumDuplicates();
    sparse.mmwrite(path.join(dir, 'ours.mtx'), A, { comment: 'written by legate' });
    const s = scipyInputs('A', c);
    const theirs = await scipy<NdValue>(`import scipy.io\n${s.code}out = scipy.io.mmread(p).toarray()`, { ...s.inputs, p: path.join(dir, 'ours.mtx') });
    expectClose(theirs.data as never, values(A.toDense()), 'scipy reads ours', true);
    for (const symmetry of ['general', 'symmetric', 'skew-symmetric']) {
      const file = path.join(dir, `${symmetry}.mtx`);
      const want = await scipy<NdValue>(
        `import scipy.io\nB = np.tril(np.round(np.random.default_rng().normal(size=(6, 6)), 3), ${symmetry === 'skew-symmetric' ? -1 : 0})\nB = B + ${symmetry === 'general' ? 'np.triu(np.ones((6, 6)), 1)' : symmetry === 'symmetric' ? 'np.tril(B, -1).T' : '-B.T'}\nscipy.io.mmwrite(p, scipy.sparse.coo_array(B), symmetry='${symmetry}')\nout = scipy.io.mmread(p).toarray()`,
        { p: file },
      );
      const ours6 = sparse.mmread(file) as sparse.csrArray;
      expectClose(ours6.toDense().toArray(), want, `mmread ${symmetry}`, true);
    }
    const dense = np.random.defaultRng(1).normal(0, 1, [4, 3]);
    sparse.mmwrite(path.join(dir, 'dense.mtx'), dense);
    expectClose(await scipy<NdValue>('import scipy.io\nout = scipy.io.mmread(p)', { p: path.join(dir, 'dense.mtx') }).then((v) => v.data as never), values(dense), 'dense', true);
    expectClose((sparse.mmread(path.join(dir, 'dense.mtx')) as np.ndarray).toArray(), values(dense), 'dense back', true);
  });
});

describe('bad input', () => {
  const A = () => sparse.eye(3, 4);
  it.each([
    ['dot with a mismatched vector', () => A().dot(np.ones([3])), ShapeError, /^x: dimension mismatch: the matrix has shape \(3, 4\), x has shape \(3\)/],
    ['dot with a mismatched matrix', () => A().dot(sparse.eye(3)), ShapeError, /^other: dimension mismatch/],
    ['add of mismatched shapes', () => A().add(sparse.eye(4, 3)), ShapeError, /^other: inconsistent shapes: \(3, 4\) and \(4, 3\)/],
    ['out of the wrong shape', () => A().matvec(np.ones([4]), { out: np.ones([4]) }), ShapeError, /^out: expected shape \(3\)/],
    ['out of the wrong type', () => A().matvec(np.ones([4]), { out: np.ones([3], 'float32') }), DTypeError, /^out: expected dtype float64/],
    ['column index out of range', () => new sparse.csrArray([np.array([1.0]), np.array([4], 'int32'), np.array([0, 1], 'int32')], { shape: [1, 4] }), np.IndexError, /^indices: column index values must be < 4/],
    ['negative column index', () => new sparse.csrArray([np.array([1.0]), np.array([-1], 'int32'), np.array([0, 1], 'int32')], { shape: [1, 4] }), np.IndexError, /^indices: column index values must be >= 0/],
    ['indptr decreasing', () => new sparse.csrArray([np.array([1.0, 2]), np.array([0, 1], 'int32'), np.array([0, 2, 1], 'int32')], { shape: [2, 2] }), np.ValueError, /^indptr: index pointer values must form a non-decreasing sequence/],
    ['indptr of the wrong length', () => new sparse.csrArray([np.array([1.0]), np.array([0], 'int32'), np.array([0, 1], 'int32')], { shape: [3, 3] }), ShapeError, /^indptr: index pointer size 2 should be 4/],
    ['indices and data of different sizes', () => new sparse.csrArray([np.array([1.0, 2]), np.array([0], 'int32'), np.array([0, 1], 'int32')]), ShapeError, /^indices: indices and data must have the same size/],
    ['float indices', () => new sparse.csrArray([np.array([1.0]), np.array([0.5]), np.array([0, 1], 'int32')]), DTypeError, /^indices: expected integer indices, got float64/],
    ['COO row out of range', () => new sparse.csrArray([np.array([1.0]), [np.array([5], 'int32'), np.array([0], 'int32')]], { shape: [2, 2] }), np.IndexError, /^row: index 5 at 0 is out of range for extent 2/],
    ['a bad shape', () => new sparse.csrArray(np.ones([2, 2]), { shape: [2, -1] }), ShapeError, /^shape: expected two non-negative integers/],
    ['a 3-D dense input', () => new sparse.csrArray(np.ones([2, 2, 2])), ShapeError, /^arg: expected a 2-D dense matrix/],
    ['sum over axis 2', () => A().sum(2), np.AxisError, /^axis: axis 2 is out of bounds/],
    ['random with density 2', () => sparse.random(3, 3, { density: 2 }), np.ValueError, /^density: expected density in \[0, 1\]/],
    ['random of integers', () => sparse.random(3, 3, { dtype: 'int32' }), DTypeError, /^dtype: expected a float or complex type/],
    ['diags of too short a diagonal', () => sparse.diags([np.array([1, 2])], [0], { shape: [4, 4] }), np.ValueError, /^diagonals: diagonal length \(index 0: 2 at offset 0\) does not agree/],
    ['diags with a repeated offset', () => sparse.diags([1, 2], [0, 0], { shape: [3, 3] }), np.ValueError, /^offsets: repeated diagonal offsets/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });

  it('stays usable after a refused call', () => {
    const B = sparse.eye(3);
    expect(() => B.dot(np.ones([2]))).toThrow(ShapeError);
    expect(Array.from(B.dot(np.ones([3])).toArray() as Float64Array)).toEqual([1, 1, 1]);
  });
});
