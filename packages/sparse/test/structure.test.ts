// Structure as tasks: every structural operation (sorting and summing within rows, dropping
// zeros, merges, products, transposes, densifying, diagonals, COO input) against SciPy for
// every value type, on canonical and raw (unsorted, duplicate-laden) input, split into pieces by
// rows and by nonzeros, and counted as tasks rather than host loops.
import { describe, expect, it } from 'vitest';

import { runtime, setPartitionSettings } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { DTYPES, expectClose, expectSameCsr, nd, ourValues, PARTS, pyRaw, pyValues, randint, randomCoo, rawInputs, rawMatrix, rawParts, scipyInputs, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();

type Parts = { shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue };

const RAW = `
def raw(m):
    return {'shape': list(m.shape), 'data': m.data, 'indices': m.indices.astype(np.int64), 'indptr': m.indptr.astype(np.int64)}
`;

async function scipy<T = Parts>(code: string, inputs: Record<string, NdValue | number | string>): Promise<T> {
  return py!.run<T>(`${PARTS}${RAW}\n${code}`, inputs);
}

function expectRaw(got: sparse.csrArray, want: Parts, label: string, withData = true): void {
  expect([...got.shape], label).toEqual(want.shape);
  expect(Array.from(got.indptr.toArray() as ArrayLike<number>, Number), `${label} indptr`).toEqual(Array.from(want.indptr.data as ArrayLike<number>, Number));
  expect(Array.from(got.indices.toArray() as ArrayLike<number>, Number), `${label} indices`).toEqual(Array.from(want.indices.data as ArrayLike<number>, Number));
  if (withData) expectClose(got.data.toArray(), want.data, `${label} data`);
}

describe.skipIf(!python.ok)('structure as tasks against SciPy', () => {
  it.each(DTYPES)('raw %s matrices: sort, sum, drop zeros, transpose, densify, diagonals, merges and products', async (dtype) => {
    for (const [m, n] of [[13, 9], [9, 9], [1, 5], [0, 3], [4, 0]] as [number, number][]) {
      const pa = rawParts(m, n);
      const pb = rawParts(m, n);
      const pc = rawParts(n, 6);
      const A = rawMatrix(pa, [m, n], dtype);
      const B = rawMatrix(pb, [m, n], dtype);
      const C = rawMatrix(pc, [n, 6], dtype);
      const code = pyRaw('A', [m, n], dtype) + pyRaw('B', [m, n], dtype) + pyRaw('C', [n, 6], dtype);
      const inputs = { ...rawInputs('A', pa), ...rawInputs('B', pb), ...rawInputs('C', pc) };
      const label = `${dtype} ${m} × ${n}`;
      const run = <T = Parts>(expr: string) => scipy<T>(`${code}${expr}`, inputs);
      expect(A.hasCanonicalFormat, `${label} canonical`).toBe(await run<boolean>('out = bool(A.has_canonical_format)'));

      const S = A.copy();
      S.sortIndices();
      // SciPy's sort is not stable: duplicates' values may come in another order, so their
      // structure is compared here and their sums below.
      expectRaw(S, await run('A.sort_indices()\nout = raw(A)'), `${label} sortIndices`, false);
      const D = A.copy();
      D.sumDuplicates();
      expectRaw(D, await run('A.sum_duplicates()\nout = raw(A)'), `${label} sumDuplicates`);
      expect(D.hasCanonicalFormat).toBe(true);
      const E = A.copy();
      E.eliminateZeros();
      expectRaw(E, await run('A.eliminate_zeros()\nout = raw(A)'), `${label} eliminateZeros`);

      expectSameCsr(A.T, await run('out = parts(A.T)'), `${label} A.T`);
      expectClose(A.toDense().toArray(), await run<NdValue>('out = A.toarray()'), `${label} toDense`);
      for (const k of [0, 1, -1, 4]) expectClose(A.diagonal(k).toArray(), await run<NdValue>(`out = A.diagonal(${k})`), `${label} diagonal(${k})`);
      expectSameCsr(A.add(B), await run('out = parts(A + B)'), `${label} A + B`);
      if (dtype !== 'bool') expectSameCsr(A.subtract(B), await run('out = parts(A - B)'), `${label} A - B`);
      expectSameCsr(A.multiply(B), await run('out = parts(A.multiply(B))'), `${label} A.multiply(B)`);
      const product = A.dot(C);
      expect(product.indices.dtype.name, `${label} A @ C index type`).toBe('int32');
      expectSameCsr(product, await run('out = parts(A @ C)'), `${label} A @ C`);
      if (m === n) expectSameCsr(A.dot(A), await run('out = parts(A @ A)'), `${label} A @ A`);
      const dense = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, [m, n]);
      expectSameCsr(A.multiply(dense), await scipy(`${code}out = parts(A.multiply(X))`, { ...inputs, X: values(dense) }), `${label} A.multiply(dense)`);
      if (dtype !== 'bool') {
        // A dense (n, k) product: one launch over A's row blocks.
        const X = ourValues(Float64Array.from({ length: n * 3 }, () => Math.round(Math.random() * 40 - 20) / 4), dtype).reshape(n, 3);
        const launches = runtime.counters().launches;
        const Y = A.dot(X);
        if (m > 0) expect(runtime.counters().launches - launches, `${label} A @ X launches`).toBeLessThanOrEqual(2);
        expectClose(Y.toArray(), await scipy<NdValue>(`${code}out = A @ X`, { ...inputs, X: values(X) }), `${label} A @ X`);
      }
      const coo = A.toCoo();
      expect(Array.from(coo.row.toArray() as ArrayLike<number>, Number), `${label} toCoo row`).toEqual(Array.from((await run<NdValue>('out = A.tocoo().row.astype(np.int64)')).data as ArrayLike<number>, Number));
    }
  });

  it.each(DTYPES)('%s: vstack, hstack, blockDiag, tril, triu, find, countNonzero, max, min and mean', async (dtype) => {
    for (const [m, n] of [[11, 7], [1, 4], [5, 1], [0, 3]] as [number, number][]) {
      const shapes: [number, number][] = [[m, n], [m + 2, n], [m, n + 3]];
      const raw = shapes.map(([r, c]) => rawParts(r, c));
      const [A, B, C] = raw.map((p, i) => rawMatrix(p, shapes[i]!, dtype));
      const code = pyRaw('A', shapes[0]!, dtype) + pyRaw('B', shapes[1]!, dtype) + pyRaw('C', shapes[2]!, dtype);
      const inputs = { ...rawInputs('A', raw[0]!), ...rawInputs('B', raw[1]!), ...rawInputs('C', raw[2]!) };
      const label = `${dtype} ${m} × ${n}`;
      const run = <T = Parts>(expr: string) => scipy<T>(`${code}${expr}`, inputs);
      expectSameCsr(sparse.vstack([A!, B!]), await run('out = parts(scipy.sparse.vstack([A, B]))'), `${label} vstack`);
      expectSameCsr(sparse.hstack([A!, C!, A!]), await run('out = parts(scipy.sparse.hstack([A, C, A]))'), `${label} hstack`);
      expectSameCsr(sparse.blockDiag([A!, B!, C!]), await run('out = parts(scipy.sparse.block_diag([A, B, C]))'), `${label} blockDiag`);
      for (const k of [0, 1, -2]) {
        expectSameCsr(sparse.tril(A!, k), await run(`out = parts(scipy.sparse.tril(A, ${k}))`), `${label} tril(${k})`);
        expectSameCsr(sparse.triu(A!, k), await run(`out = parts(scipy.sparse.triu(A, ${k}))`), `${label} triu(${k})`);
      }
      const [row, col, data] = sparse.find(A!);
      const want = await run<{ r: NdValue; c: NdValue; v: NdValue }>("r, c, v = scipy.sparse.find(A)\nout = {'r': r.astype(np.int64), 'c': c.astype(np.int64), 'v': v}");
      expect(Array.from(row.toArray() as ArrayLike<number>, Number), `${label} find rows`).toEqual(Array.from(want.r.data as ArrayLike<number>, Number));
      expect(Array.from(col.toArray() as ArrayLike<number>, Number), `${label} find columns`).toEqual(Array.from(want.c.data as ArrayLike<number>, Number));
      expectClose(data.toArray(), want.v, `${label} find values`);
      expect(A!.countNonzero(), `${label} countNonzero`).toBe(await run<number>('out = int(A.count_nonzero())'));
      if (m * n > 0) {
        expectClose(A!.mean().reshape(1).toArray(), await run<NdValue>('out = np.asarray(A.mean()).reshape(1)'), `${label} mean`);
        expectClose(A!.mean(0).toArray(), await run<NdValue>('out = np.asarray(A.mean(axis=0)).ravel()'), `${label} mean(0)`);
        expectClose(A!.mean(1).toArray(), await run<NdValue>('out = np.asarray(A.mean(axis=1)).ravel()'), `${label} mean(1)`);
      }
      if (dtype !== 'complex128' && m * n > 0) {
        for (const f of ['max', 'min'] as const) {
          expectClose(A![f]().reshape(1).toArray(), await run<NdValue>(`out = np.asarray(A.${f}()).reshape(1)`), `${label} ${f}`);
          for (const axis of [0, 1]) expectClose(A![f](axis).toArray(), await run<NdValue>(`out = A.${f}(axis=${axis}).toarray()`), `${label} ${f}(${axis})`);
        }
      }
    }
  });

  it.each(DTYPES)('%s: get, slices and integer row and column selection', async (dtype) => {
    for (const [m, n] of [[12, 9], [1, 5], [0, 4]] as [number, number][]) {
      const p = rawParts(m, n);
      const A = rawMatrix(p, [m, n], dtype);
      const code = pyRaw('A', [m, n], dtype);
      const inputs = rawInputs('A', p);
      const run = <T = Parts>(expr: string) => scipy<T>(`${code}${expr}`, inputs);
      const label = `${dtype} ${m} × ${n}`;
      for (const spec of ['1:5', '::2, 1:', '::-1, ::-2', '-3:, 2:7:3', ':, -1:', '5:2', '...', '2:, ...']) {
        const py = spec === '...' ? '...' : spec.replace(/, \.\.\.$/, ', :');
        expectSameCsr(A.slice(spec), await run(`out = parts(A[${py}])`), `${label} A[${spec}]`);
      }
      expectSameCsr(A.slice({ start: 1, stop: 4 }, { step: 2 }), await run('out = parts(A[1:4, ::2])'), `${label} slice objects`);
      if (m > 0) {
        const picks = [m - 1, 0, -1, Math.floor(m / 2), 0];
        expectSameCsr(A.take(picks), await run(`out = parts(A[[${picks.join(', ')}]])`), `${label} take rows`);
        expectSameCsr(A.take(np.asarray([n - 1, 0, 0]), 1), await run(`out = parts(A[:, [${n - 1}, 0, 0]])`), `${label} take columns`);
        for (const [i, j] of [[0, 0], [m - 1, n - 1], [-1, -2], [Math.floor(m / 2), 1]] as [number, number][]) {
          if (Math.abs(j) >= n) continue;
          const got = A.get(i, j);
          const want = await run<number | boolean | { re: number; im: number }>(`v = A[${i}, ${j}]\nout = {'re': float(v.real), 'im': float(v.imag)} if np.iscomplexobj(v) else v.item()`);
          // Duplicates are summed in another order than SciPy's: the last bit may differ (of a
          // float32 sum, about 6e-8 of it).
          const tolerance = dtype === 'float32' ? 1e-6 : 1e-12;
          const near = (x: number, y: number) => expect(Math.abs(x - y), `${label} get(${i}, ${j}): ${x} vs ${y}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(y)));
          if (typeof want === 'object') {
            const c = got as { re: number; im: number };
            near(c.re, want.re);
            near(c.im, want.im);
          } else if (typeof want === 'number') near(Number(got), want);
          else expect(got, `${label} get(${i}, ${j})`).toBe(want);
        }
      }
    }
    const A = new sparse.csrArray(np.array([[1.5, 0], [0, 2]]));
    expect(() => A.get(2, 0)).toThrow(/^i: index 2 is out of bounds for axis 0 with size 2/);
    expect(() => A.get(0, -3)).toThrow(/^j: index -3 is out of bounds for axis 1 with size 2/);
    expect(() => A.slice('0, :')).toThrow(/^index: slice: only slices are supported/);
    expect(() => A.slice('::0')).toThrow(/^rows: slice step cannot be zero/);
    expect(() => A.take([3])).toThrow(/^indices: take: index 3 is out of bounds for axis 0 with size 2/);
    expect(() => A.take([0.5] as never)).toThrow(/^indices: take: expected integer indices/);
  });

  it('stacking and reductions reject bad input with typed errors', () => {
    const A = new sparse.csrArray(np.array([[1.5, 0], [0, 2]]));
    const wide = new sparse.csrArray(np.ones([2, 3]));
    expect(() => sparse.vstack([A, wide])).toThrow(/^blocks: vstack: blocks\[1\]\.shape\[1\] is 3/);
    expect(() => sparse.hstack([A, new sparse.csrArray(np.ones([3, 2]))])).toThrow(/^blocks: hstack: blocks\[1\]\.shape\[0\] is 3/);
    expect(() => sparse.vstack([])).toThrow(/^blocks: vstack: blocks must not be empty/);
    expect(() => sparse.hstack([A], { format: 'csc' as never })).toThrow(/^format: /);
    expect(() => sparse.tril(A, 0.5)).toThrow(/^k: tril: expected an integer/);
    expect(() => A.max(2)).toThrow(/^axis: axis 2 is out of bounds/);
    expect(() => new sparse.csrArray(np.empty([0, 3])).max()).toThrow(/zero-size array/);
    expect(() => new sparse.csrArray(np.ones([2, 2]), { dtype: 'complex128' }).min()).toThrow(/^A: min: complex values have no order/);
    expect(sparse.vstack([A, wide.T]).shape).toEqual([5, 2]);
  });

  it('COO input of every value type, unsorted with duplicates', async () => {
    // Index arrays of any integer type.
    const small = randomCoo(9, 7, 0.4);
    for (const it of ['int8', 'uint8', 'int16', 'uint16', 'uint32', 'int64', 'uint64'] as const) {
      const A = new sparse.csrArray([np.asarray(small.data), [np.asarray(small.row).astype(it), np.asarray(small.col).astype(it)]], { shape: small.shape });
      const s = scipyInputs('A', small);
      expectRaw(A, await scipy(`${s.code}A.sum_duplicates()\nout = raw(A)`, s.inputs), `COO with ${it} indices`);
    }
    for (const dtype of DTYPES) {
      const c = randomCoo(23, 11, 0.3);
      const A = new sparse.csrArray([ourValues(c.data, dtype), [c.row, c.col]], { shape: c.shape });
      const s = scipyInputs('A', c);
      const code = s.code.replace('A_data.astype(np.float64)', pyValues('A_data', dtype));
      expectRaw(A, await scipy(`${code}A.sum_duplicates()\nout = raw(A)`, s.inputs), `COO ${dtype}`);
      expect(A.hasCanonicalFormat).toBe(true);
    }
  });

  it('large COO input and transposes (the scatter by blocks of rows) match SciPy', async () => {
    for (const [rows, cols, count] of [[60_000, 50_000, 400_000], [3, 200_000, 300_000]] as const) {
      const row = Int32Array.from({ length: count }, () => randint(0, rows - 1));
      const col = Int32Array.from({ length: count }, () => randint(0, cols - 1));
      const data = Float64Array.from({ length: count }, () => Math.round(Math.random() * 1000) / 8);
      const A = new sparse.csrArray([np.asarray(data), [np.asarray(row), np.asarray(col)]], { shape: [rows, cols] });
      const inputs = { r: nd(row, 'int32'), c: nd(col, 'int32'), d: nd(data, 'float64') };
      const code = `A = scipy.sparse.csr_array((d, (r, c)), shape=(${rows}, ${cols}))\nA.sum_duplicates()\n`;
      expectRaw(A, await scipy(`${code}out = raw(A)`, inputs), `COO ${rows} × ${cols}`);
      expectRaw(A.T, await scipy(`${code}T = A.T.tocsr()\nT.sum_duplicates()\nout = raw(T)`, inputs), `transpose ${rows} × ${cols}`);
    }
  });

  it('a matrix split by nonzeros gives the same structure', async () => {
    const p = rawParts(41, 17);
    const A = rawMatrix(p, [41, 17], 'float64');
    const B = rawMatrix(rawParts(41, 17), [41, 17], 'float64');
    const want = { T: A.T, sum: A.add(B), dense: A.toDense(), diagonal: A.diagonal(2) };
    A.rowSplit = 'nonzeros';
    for (const pieces of [2, 3, 5]) {
      const saved = setPartitionSettings({ force: true, pieces });
      try {
        const T = A.T;
        expect(Array.from(T.indptr.toArray() as Int32Array)).toEqual(Array.from(want.T.indptr.toArray() as Int32Array));
        expect(Array.from(T.indices.toArray() as Int32Array)).toEqual(Array.from(want.T.indices.toArray() as Int32Array));
        expect(Array.from(A.add(B).data.toArray() as Float64Array)).toEqual(Array.from(want.sum.data.toArray() as Float64Array));
        expect(Array.from(A.toDense().toArray() as Float64Array)).toEqual(Array.from(want.dense.toArray() as Float64Array));
        expect(Array.from(A.diagonal(2).toArray() as Float64Array)).toEqual(Array.from(want.diagonal.toArray() as Float64Array));
      } finally {
        setPartitionSettings(saved);
      }
    }
  });

  it('0.5 * (A + A.T) + n * eye(n) runs as tasks split over the processors', () => {
    const n = 300;
    const A = sparse.random(n, n, { density: 0.05, seed: 7 });
    const saved = setPartitionSettings({ force: true, pieces: 2 });
    try {
      const before = runtime.counters();
      const M = np.tidy(() => A.add(A.T).multiply(0.5).add(sparse.eye(n).multiply(n)));
      const after = runtime.counters();
      // Several point tasks per launch: the structure is built piece by piece, not on the host.
      expect(after.pointTasks - before.pointTasks).toBeGreaterThan(after.launches - before.launches);
      const dense = A.toDense();
      const want = np.add(np.multiply(np.add(dense, dense.T), 0.5), np.multiply(np.eye(n), n));
      expect(Number(np.max(np.abs(np.subtract(M.toDense(), want))).item())).toBeLessThan(1e-12);
      expect(M.hasCanonicalFormat).toBe(true);
    } finally {
      setPartitionSettings(saved);
    }
  });

  it('bad input to structural operations gets typed errors', () => {
    const A = new sparse.csrArray(np.array([[1, 0], [0, 2]]));
    expect(() => A.add(new sparse.csrArray(np.eye(3)))).toThrow(/^other: inconsistent shapes/);
    expect(() => A.dot(new sparse.csrArray(np.eye(3)))).toThrow(/^other: dimension mismatch/);
    expect(() => new sparse.csrArray([np.array([1.0]), [np.array([0]), np.array([5])]], { shape: [2, 2] })).toThrow(/^col: index 5 at 0 is out of range for extent 2/);
    expect(() => new sparse.csrArray([np.array([1.0, 2]), [np.array([0, -1]), np.array([0, 1])]], { shape: [2, 2] })).toThrow(/^row: index -1 at 1 is out of range/);
    expect(() => new sparse.csrArray([np.array([1.0, 2]), np.array([0, -3]), np.array([0, 1, 2])])).toThrow(/^indices: column index values must be >= 0, got -3 at 1/);
    expect(() => new sparse.csrArray([np.array([1.0, 2]), np.array([0, 1]), np.array([0, 2, 1])])).toThrow(/^indptr: index pointer values must form a non-decreasing sequence \(indptr\[2\] = 1 < indptr\[1\] = 2\)/);
    // The runtime stays usable.
    expect(A.add(A).toDense().toArray()).toEqual(new BigInt64Array([2n, 0n, 0n, 4n]));
  });
});
