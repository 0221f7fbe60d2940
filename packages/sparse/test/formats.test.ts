// The CSC and COO formats, conversions in every direction, csrArray's element-wise functions
// and structure methods, and the constructors of SciPy's newer API, against SciPy on raw input
// (unsorted, duplicates, explicit zeros, empty rows), split into pieces.
import { describe, expect, it } from 'vitest';

import { ArgumentError, runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { DTYPES, expectClose, expectSameCsr, ourValues, PARTS, pyRaw, randint, rawInputs, rawMatrix, rawParts, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();

type Parts = { shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue };

const CSC = `
def cparts(m):
    m = scipy.sparse.csc_array(m)
    m.sum_duplicates()
    return {'shape': list(m.shape), 'data': m.data, 'indices': m.indices.astype(np.int64), 'indptr': m.indptr.astype(np.int64)}
`;

async function scipy<T = Parts>(code: string, inputs: Record<string, NdValue | number | string>): Promise<T> {
  return py!.run<T>(`${PARTS}${CSC}\n${code}`, inputs);
}

const ints = (a: np.ndarray) => Array.from(a.toArray() as ArrayLike<number | bigint>, Number);

/** A CSC matrix's canonical parts equal SciPy's csc parts. */
function expectSameCsc(got: sparse.cscArray, want: Parts, label: string): void {
  const c = got.copy();
  c.sumDuplicates();
  expect([...c.shape], label).toEqual(want.shape);
  expect(ints(c.indptr), `${label} indptr`).toEqual(Array.from(want.indptr.data as ArrayLike<number>, Number));
  expect(ints(c.indices), `${label} indices`).toEqual(Array.from(want.indices.data as ArrayLike<number>, Number));
  expectClose(c.data.toArray(), want.data, `${label} data`);
}

const UNARY = ['sin', 'tan', 'arcsin', 'arctan', 'sinh', 'tanh', 'arcsinh', 'arctanh', 'rint', 'sign', 'expm1', 'log1p', 'deg2rad', 'rad2deg', 'floor', 'ceil', 'trunc', 'sqrt'] as const;

describe.skipIf(!python.ok)('formats against SciPy', () => {
  it.each(DTYPES)('%s: csc and coo from every input, conversions, products and reductions', async (dtype) => {
    for (const [m, n] of [[12, 7], [6, 6], [1, 4], [0, 3], [5, 0]] as [number, number][]) {
      const p = rawParts(m, n);
      const A = rawMatrix(p, [m, n], dtype);
      const code = pyRaw('A', [m, n], dtype);
      const inputs = rawInputs('A', p);
      const run = <T = Parts>(expr: string) => scipy<T>(`${code}${expr}`, inputs);
      const label = `${dtype} ${m} × ${n}`;

      const C = A.tocsc();
      expect(C.format).toBe('csc');
      expectSameCsc(C, await run('out = cparts(A.tocsc())'), `${label} tocsc`);
      expectClose(C.toarray().toArray(), await run<NdValue>('out = A.toarray()'), `${label} csc toarray`);
      expectSameCsr(C.tocsr(), await run('out = parts(A)'), `${label} csc tocsr`);
      expectSameCsr(C.T, await run('out = parts(A.tocsc().T)'), `${label} csc T`);
      const O = A.tocoo();
      expect(O.format).toBe('coo');
      const wantCoo = await run<{ r: NdValue; c: NdValue }>("o = A.tocoo()\nout = {'r': o.row.astype(np.int64), 'c': o.col.astype(np.int64)}");
      expect(ints(O.row), `${label} tocoo row`).toEqual(Array.from(wantCoo.r.data as ArrayLike<number>, Number));
      expect(ints(O.col), `${label} tocoo col`).toEqual(Array.from(wantCoo.c.data as ArrayLike<number>, Number));
      expectSameCsc(O.tocsc(), await run('out = cparts(A.tocoo().tocsc())'), `${label} coo tocsc`);
      expectSameCsr(O.tocsr(), await run('out = parts(A.tocoo().tocsr())'), `${label} coo tocsr`);
      expectClose(O.toarray().toArray(), await run<NdValue>('out = A.tocoo().toarray()'), `${label} coo toarray`);
      // CSC's own coo: column by column, as SciPy's.
      const wantCscCoo = await run<{ r: NdValue; c: NdValue }>("o = A.tocsc().tocoo()\nout = {'r': o.row.astype(np.int64), 'c': o.col.astype(np.int64)}");
      expect(ints(C.tocoo().row), `${label} csc tocoo row`).toEqual(Array.from(wantCscCoo.r.data as ArrayLike<number>, Number));
      // From dense, from csr, from coo triples, from csc parts.
      const dense = A.toarray();
      expectSameCsc(new sparse.cscArray(dense), await run('out = cparts(A.toarray())'), `${label} csc(dense)`);
      expectSameCsc(new sparse.cscArray(A), await run('out = cparts(A)'), `${label} csc(csr)`);
      expectSameCsc(new sparse.cscArray(O), await run('out = cparts(A)'), `${label} csc(coo)`);
      expectSameCsc(new sparse.cscArray([np.copy(C.data), np.copy(C.indices), np.copy(C.indptr)], { shape: [m, n] }), await run('out = cparts(A)'), `${label} csc(parts)`);
      expectSameCsr(new sparse.csrArray(C), await run('out = parts(A)'), `${label} csr(csc)`);
      expectSameCsr(new sparse.csrArray(O), await run('out = parts(A)'), `${label} csr(coo)`);
      expectClose(new sparse.cooArray(dense).toarray().toArray(), await run<NdValue>('out = A.toarray()'), `${label} coo(dense)`);
      for (const axis of [null, 0, 1]) {
        if (dtype === 'bool') continue;
        const want = await run<NdValue>(`out = np.asarray(A.tocsc().sum(axis=${axis === null ? 'None' : axis}))`);
        expectClose(C.sum(axis).toArray(), want, `${label} csc sum(${axis})`);
        expectClose(O.sum(axis).toArray(), want, `${label} coo sum(${axis})`);
      }
      for (const k of [0, 1, -2]) expectClose(C.diagonal(k).toArray(), await run<NdValue>(`out = A.tocsc().diagonal(${k})`), `${label} csc diagonal(${k})`);
      if (dtype !== 'bool' && m > 0 && n > 0) {
        const x = ourValues(Float64Array.from({ length: n }, () => Math.round(Math.random() * 40 - 20) / 4), dtype);
        const X = ourValues(Float64Array.from({ length: n * 3 }, () => Math.round(Math.random() * 40 - 20) / 4), dtype).reshape(n, 3);
        expectClose(C.dot(x).toArray(), await scipy<NdValue>(`${code}out = A.tocsc() @ x`, { ...inputs, x: values(x) }), `${label} csc @ x`);
        expectClose(O.dot(X).toArray(), await scipy<NdValue>(`${code}out = A.tocoo() @ X`, { ...inputs, X: values(X) }), `${label} coo @ X`);
        const CC = C.dot(C.T.tocsc()) as sparse.cscArray;
        expect(CC.format).toBe('csc');
        expectSameCsc(CC, await run('C = A.tocsc()\nout = cparts(C @ C.T.tocsc())'), `${label} csc @ csc`);
        expectSameCsc(C.add(C.multiply(2)) as sparse.cscArray, await run('C = A.tocsc()\nout = cparts(C + C * 2)'), `${label} csc + csc`);
        expectSameCsr(O.add(A) as sparse.csrArray, await run('out = parts(A.tocoo() + A)'), `${label} coo + csr`);
      }
      if (!dtype.startsWith('complex') && m * n > 0) {
        for (const axis of [null, 0, 1]) {
          const a = axis === null ? 'None' : axis;
          expectClose(C.max(axis).toArray(), await run<NdValue>(`out = np.asarray(A.tocsc().max(axis=${a}).toarray() if ${axis !== null ? 'True' : 'False'} else A.tocsc().max())`), `${label} csc max(${axis})`);
        }
      }
      // Indexing and slicing a CSC matrix.
      if (m > 1 && n > 1) {
        const [i, j] = [randint(0, m - 1), randint(0, n - 1)];
        const got = C.get(i, j);
        const want = await run<number | boolean | { re: number }>(`v = A.tocsc()[${i}, ${j}]\nout = v.item() if not np.iscomplexobj(v) else {'re': float(v.real), 'im': float(v.imag)}`);
        if (typeof want === 'object') expect((got as { re: number }).re).toBeCloseTo(want.re, 10);
        else expect(Number(got)).toBeCloseTo(Number(want), 5);
        expectSameCsc(C.slice('1:, ::2'), await run('out = cparts(A.tocsc()[1:, ::2])'), `${label} csc slice`);
        expectSameCsc(C.take([1, 0, 1], 1), await run('out = cparts(A.tocsc()[:, [1, 0, 1]])'), `${label} csc take`);
      }
      for (const M of [A, C, O, dense]) if (M !== dense) (M as sparse.csrArray).dispose();
      dense.store.dispose();
    }
  });

  it.each(['float64', 'float32', 'int64', 'complex128'])('%s: element-wise functions, real and imaginary parts, trace and nonzero', async (dtype) => {
    const p = rawParts(14, 9);
    // Values in (-1, 1) so every function is defined somewhere, with explicit zeros and duplicates.
    const scaled = { ...p, data: p.data.map((v) => v / 25) };
    const A = rawMatrix(dtype === 'int64' ? p : scaled, [14, 9], dtype);
    // A copy: SciPy's element-wise functions sum duplicates in place, and the inputs are read-only.
    const code = `${pyRaw('A', [14, 9], dtype)}A = A.copy()\nown = lambda m: parts(scipy.sparse.csr_array(m, copy=True))\n`;
    const inputs = rawInputs('A', dtype === 'int64' ? p : scaled);
    const run = <T = Parts>(expr: string) => scipy<T>(`${code}${expr}`, inputs);
    for (const fn of UNARY) {
      if (dtype.startsWith('complex') && ['rint', 'floor', 'ceil', 'trunc', 'deg2rad', 'rad2deg', 'sign'].includes(fn)) continue;
      const got = A[fn]();
      const want = await run(`with np.errstate(all='ignore'):\n    out = own(A.${fn}())`);
      expectSameCsr(got, want, `${dtype} ${fn}`);
      expect(got.dtype.name, `${dtype} ${fn} dtype`).toBe(want.data.dtype);
      got.dispose();
    }
    expectSameCsr(A.real(), await run('out = own(A.real)'), `${dtype} real`);
    expectSameCsr(A.imag(), await run('out = own(A.imag)'), `${dtype} imag`);
    expectSameCsr(A.conjugate(), await run('out = own(A.conjugate())'), `${dtype} conjugate`);
    for (const k of [0, 2, -3]) {
      const t = A.trace(k);
      const want = await run<number | { re: number }>(`v = A.trace(${k})\nout = v.item() if not np.iscomplexobj(v) else {'re': float(v.real)}`);
      if (typeof want === 'object') expect((t.item() as { re: number }).re).toBeCloseTo(want.re, 10);
      else expect(Number(t.item())).toBeCloseTo(Number(want), dtype === 'float32' ? 4 : 10);
    }
    const [r, c] = A.nonzero();
    const want = await run<{ r: NdValue; c: NdValue }>("r, c = A.nonzero()\nout = {'r': r.astype(np.int64), 'c': c.astype(np.int64)}");
    expect(ints(r)).toEqual(Array.from(want.r.data as ArrayLike<number>, Number));
    expect(ints(c)).toEqual(Array.from(want.c.data as ArrayLike<number>, Number));
    expect(A.size).toBe(await run<number>('out = int(A.size)'));
    expect(A.hasSortedIndices).toBe(await run<boolean>('out = bool(A.has_sorted_indices)'));
    expect(A.sortedIndices().hasSortedIndices).toBe(true);
  });

  it.each(['float64', 'int32', 'complex128'])('%s: setdiag, reshape and resize as SciPy', async (dtype) => {
    for (const [m, n] of [[9, 6], [5, 8], [1, 1]] as [number, number][]) {
      const p = rawParts(m, n);
      const code = pyRaw('A', [m, n], dtype);
      const inputs = rawInputs('A', p);
      const label = `${dtype} ${m} × ${n}`;
      const cases: [number | number[], number][] = [[3, 0], [0, 1], [[1, 2, 3], -1], [[5, 6, 7, 8, 9, 10, 11, 12, 13, 14], 0]];
      for (const [v, k] of cases) {
        if (k <= -m || k >= n) continue;
        const A = rawMatrix(p, [m, n], dtype);
        A.setdiag(Array.isArray(v) ? np.asarray(v).astype(dtype as never) : v, k);
        const want = await scipy(`${code}import warnings\nwarnings.simplefilter('ignore')\nA.setdiag(${JSON.stringify(v)}, ${k})\nout = parts(A)`, inputs);
        expectSameCsr(A, want, `${label} setdiag(${JSON.stringify(v)}, ${k})`);
        A.dispose();
      }
      const A = rawMatrix(p, [m, n], dtype);
      for (const [shape, order] of [[[n, m], 'C'], [[1, -1], 'C'], [[m * n, 1], 'F'], [[n, m], 'F']] as [number[], 'C' | 'F'][]) {
        const want = await scipy(`${code}out = parts(A.reshape(${JSON.stringify(shape)}, order='${order}'))`, inputs);
        expectSameCsr(A.reshape(shape, { order }), want, `${label} reshape(${shape}, ${order})`);
        expectSameCsc(A.tocsc().reshape(shape, { order }), await scipy(`${code}out = cparts(A.tocsc().reshape(${JSON.stringify(shape)}, order='${order}'))`, inputs), `${label} csc reshape(${shape}, ${order})`);
      }
      for (const shape of [[m + 2, Math.max(0, n - 2)], [Math.max(0, m - 3), n + 1]]) {
        const B = rawMatrix(p, [m, n], dtype);
        B.resize(shape[0]!, shape[1]!);
        expectSameCsr(B, await scipy(`${code}A.resize(${shape.join(', ')})\nout = parts(A)`, inputs), `${label} resize(${shape})`);
        B.dispose();
      }
      expect(() => A.reshape([m * n + 1, 1])).toThrow(np.ValueError);
      expect(() => A.reshape([-1, -1])).toThrow(np.ValueError);
      expect(() => A.reshape([m, n], { order: 'K' as never })).toThrow(np.ValueError);
      A.dispose();
    }
  });

  it.each(['float64', 'float32', 'int64', 'int32', 'bool'])('%s: max, min, nanmax, nanmin, argmax, argmin (explicit too), maximum and minimum', async (dtype) => {
    for (const [m, n] of [[11, 7], [6, 6], [1, 5], [4, 1]] as [number, number][]) {
      const p = rawParts(m, n);
      // Mostly negative values in some cases, so the implicit zeros decide; NaNs for floats.
      const shift = Math.random() < 0.5 ? -12 : 0;
      const data = p.data.map((v) => (dtype.startsWith('float') && Math.random() < 0.08 ? NaN : v === 0 ? 0 : Math.round(v + shift)));
      const q = { ...p, data };
      const p2 = rawParts(m, n);
      const A = rawMatrix(q, [m, n], dtype);
      const B = rawMatrix(p2, [m, n], dtype);
      const code = `${pyRaw('A', [m, n], dtype)}${pyRaw('B', [m, n], dtype)}A = A.copy(); B = B.copy()\nD = A.toarray()\n`;
      const inputs = { ...rawInputs('A', q), ...rawInputs('B', p2) };
      const run = <T = Parts>(expr: string) => scipy<T>(`${code}import warnings\nwarnings.simplefilter('ignore')\n${expr}`, inputs);
      const label = `${dtype} ${m} × ${n}`;
      const dense = (x: string) => `np.asarray((${x}).toarray() if hasattr(${x}, 'toarray') else ${x})`;
      for (const fn of ['max', 'min', 'nanmax', 'nanmin'] as const) {
        if (dtype === 'bool' && fn.startsWith('nan')) continue;
        for (const axis of [null, 0, 1]) {
          for (const explicit of [false, true]) {
            const a = axis === null ? 'None' : axis;
            const want = await run<NdValue>(`out = ${dense(`A.${fn}(axis=${a}, explicit=${explicit ? 'True' : 'False'})`)}`);
            expectClose(A[fn](axis, { explicit }).toArray(), want, `${label} ${fn}(${axis}, explicit ${explicit})`);
          }
        }
      }
      for (const fn of ['argmax', 'argmin'] as const) {
        // NumPy's argmax of the dense matrix (SciPy agrees where no NaN is involved).
        for (const axis of [null, 0, 1]) {
          const want = await run<NdValue | number>(`out = np.${fn}(D${axis === null ? '' : `, axis=${axis}`})`);
          const got = A[fn](axis);
          if (axis === null) expect(got, `${label} ${fn}()`).toBe(Number(want));
          else expect(ints(got as np.ndarray), `${label} ${fn}(${axis})`).toEqual(Array.from((want as NdValue).data as ArrayLike<number>, Number));
        }
        if (!dtype.startsWith('float')) {
          if (A.nnz > 0) {
            // The whole matrix's explicit extreme: the flat index of the first stored one (SciPy
            // gives its position in the data array instead).
            const flat = await run<number>(`C = A.tocoo(); C.sum_duplicates(); j = int(np.${fn}(C.data)); out = int(C.row[j]) * ${n} + int(C.col[j])`);
            expect(A[fn](null, { explicit: true }), `${label} ${fn}(explicit)`).toBe(flat);
          }
          for (const axis of [0, 1]) {
            const want = await run<NdValue>(`out = np.asarray(A.${fn}(axis=${axis}, explicit=True)).astype(np.int64)`);
            expect(ints(A[fn](axis, { explicit: true }) as np.ndarray), `${label} ${fn}(${axis}, explicit)`).toEqual(Array.from(want.data as ArrayLike<number>, Number));
          }
        }
      }
      if (dtype !== 'bool') {
        for (const fn of ['maximum', 'minimum'] as const) {
          expectSameCsr(A[fn](B) as sparse.csrArray, await run(`out = parts(A.${fn}(B))`), `${label} ${fn}(B)`);
          expectSameCsr(new sparse.csrArray(A.tocsc()[fn](B.tocoo()) as sparse.cscArray), await run(`out = parts(A.${fn}(B))`), `${label} csc ${fn}(coo)`);
          for (const v of [3, -2, 0]) expectSameCsr(A[fn](v) as sparse.csrArray, await run(`out = parts(A.${fn}(${v}))`), `${label} ${fn}(${v})`);
          const X = np.asarray(Float64Array.from({ length: m * n }, () => Math.round(Math.random() * 10 - 5))).reshape(m, n);
          expectClose((A[fn](X) as np.ndarray).toArray(), await scipy<NdValue>(`${code}out = np.asarray(A.${fn}(X))`, { ...inputs, X: values(X) }), `${label} ${fn}(dense)`);
        }
      }
    }
    const E = new sparse.csrArray([np.empty([0]), np.empty([0], 'int32'), np.zeros([4], 'int32')], { shape: [3, 2] });
    expect(E.argmax()).toBe(0);
    expect(() => E.argmax(null, { explicit: true })).toThrow(np.ValueError);
    expect(() => new sparse.csrArray([np.empty([0]), np.empty([0], 'int32'), np.zeros([1], 'int32')], { shape: [0, 2] }).argmax(0)).toThrow(np.ValueError);
    expect(() => E.max(null, { strict: true } as never)).toThrow(ArgumentError);
    expect(() => E.astype('complex128').maximum(E)).toThrow(/complex/);
    expect(() => E.maximum(sparse.eye(2))).toThrow(/inconsistent shapes/);
  });

  it('the newer constructors: eyeArray, diagsArray, randomArray, rand, blockArray, bmat, kronsum, spdiags', async () => {
    const run = <T = Parts>(expr: string, inputs: Record<string, NdValue> = {}) => scipy<T>(expr, inputs);
    expectSameCsr(sparse.eyeArray(4, 6, { k: 2 }) as sparse.csrArray, await run('out = parts(scipy.sparse.eye_array(4, 6, k=2))'), 'eyeArray');
    const e = sparse.eyeArray(3, { format: 'csc', dtype: 'int32' });
    expect(e.format).toBe('csc');
    expect(e.dtype.name).toBe('int32');
    const d = sparse.diagsArray([[1, 2, 3], [4, 5]], { offsets: [0, -1], format: 'coo' });
    expect(d.format).toBe('coo');
    expectClose(d.toarray().toArray(), await run<NdValue>('out = scipy.sparse.diags_array([[1, 2, 3], [4, 5]], offsets=[0, -1]).toarray()'), 'diagsArray');
    const r = sparse.randomArray([30, 20], { density: 0.1, rng: 7 });
    expect(r.format).toBe('coo');
    expect(r.nnz).toBe(60);
    expect(sparse.rand(30, 20, 0.1, { rng: 7 }).toarray().toArray()).toEqual(r.toarray().toArray());
    expect(sparse.randomArray([30, 20], { density: 0.1, rng: 7, format: 'csr' }).toarray().toArray()).toEqual(r.toarray().toArray());

    const pa = rawParts(4, 3);
    const pb = rawParts(4, 5);
    const pc = rawParts(2, 3);
    const [A, B, Cm] = [rawMatrix(pa, [4, 3], 'float64'), rawMatrix(pb, [4, 5], 'float64'), rawMatrix(pc, [2, 3], 'float64')];
    const code = pyRaw('A', [4, 3], 'float64') + pyRaw('B', [4, 5], 'float64') + pyRaw('C', [2, 3], 'float64');
    const inputs = { ...rawInputs('A', pa), ...rawInputs('B', pb), ...rawInputs('C', pc) };
    const grid = [[A, B], [Cm, null]];
    expectSameCsr(sparse.blockArray(grid) as sparse.csrArray, await run(`${code}out = parts(scipy.sparse.block_array([[A, B], [C, None]]))`, inputs), 'blockArray');
    expectSameCsr(new sparse.csrArray(sparse.bmat([[null, A.tocsc()], [Cm.tocoo(), Cm]], { format: 'csc' }) as sparse.cscArray), await run(`${code}out = parts(scipy.sparse.bmat([[None, A], [C, C]]))`, inputs), 'bmat');
    expect(() => sparse.blockArray([[A, null], [null, null]])).toThrow(np.ValueError);
    expect(() => sparse.blockArray([[A, B], [B, null]])).toThrow(/blocks\[1\]\[0\]/);
    expect(() => sparse.blockArray([[A], [B, Cm]])).toThrow(np.ValueError);

    const S = rawMatrix(rawParts(3, 3), [3, 3], 'float64');
    const T = rawMatrix(rawParts(4, 4), [4, 4], 'float64');
    const ks = sparse.kronsum(S, T) as sparse.csrArray;
    expectClose(ks.toarray().toArray(), await run<NdValue>('out = scipy.sparse.kronsum(scipy.sparse.csr_array(S), scipy.sparse.csr_array(T)).toarray()', { S: values(S.toarray()), T: values(T.toarray()) }), 'kronsum');
    expect(() => sparse.kronsum(A, T)).toThrow(/square/);

    const data = np.asarray([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]).astype('float64');
    expectClose(sparse.spdiags(data, [0, -1, 2], 4, 4).toarray().toArray(), await run<NdValue>('out = scipy.sparse.spdiags(D, [0, -1, 2], 4, 4).toarray()', { D: values(data) }), 'spdiags');
    expectClose(sparse.spdiags(data, [0, 1, -2], 3, 5).toarray().toArray(), await run<NdValue>('out = scipy.sparse.spdiags(D, [0, 1, -2], 3, 5).toarray()', { D: values(data) }), 'spdiags 3 × 5');
    expect(() => sparse.spdiags(data, [0, 1], 4, 4)).toThrow(np.ValueError);

    expect(sparse.getIndexDtype().name).toBe('int32');
    expect(sparse.getIndexDtype({ maxval: 2 ** 31 }).name).toBe('int64');
    expect(sparse.getIndexDtype({ arrays: [np.asarray([1n, 2n])] }).name).toBe('int64');
    expect(sparse.getIndexDtype({ arrays: [np.asarray([1n, 2n])], checkContents: true }).name).toBe('int32');
    expect(sparse.swapaxes(A, 0, 1).shape).toEqual([3, 4]);
    expect(sparse.permuteDims(A, [0, 1]).shape).toEqual([4, 3]);
    expect(() => sparse.permuteDims(A, [1, 1])).toThrow(np.ValueError);
  });

  it.each(['float64', 'int64', 'complex128'])('%s: linalg.matrixPower as SciPy', async (dtype) => {
    const p = rawParts(8, 8);
    const A = rawMatrix(p, [8, 8], dtype);
    const code = pyRaw('A', [8, 8], dtype);
    for (const k of [0, 1, 2, 5]) {
      // Entries of A^k can cancel: their rounding is relative to |A|^k's magnitude (a normwise bound).
      const want = await scipy<Parts & { scale: number }>(`${code}out = {**parts(scipy.sparse.linalg.matrix_power(A, ${k})), 'scale': float(abs(scipy.sparse.linalg.matrix_power(abs(A), ${k})).max()) if ${k} else 1.0}`, rawInputs('A', p));
      expectSameCsr(sparse.linalg.matrixPower(A, k) as sparse.csrArray, want, `${dtype} A ** ${k}`, false, want.scale);
      const C = sparse.linalg.matrixPower(A.tocsc(), k);
      expect(C.format).toBe('csc');
      expectSameCsr(new sparse.csrArray(C), want, `${dtype} csc A ** ${k}`, false, want.scale);
    }
    expect(() => sparse.linalg.matrixPower(A, -1)).toThrow(np.ValueError);
    expect(() => sparse.linalg.matrixPower(A, 1.5)).toThrow(/power/);
    expect(() => sparse.linalg.matrixPower(sparse.eye(2, 3), 2)).toThrow(/square/);
  });

  it.each(['float64', 'int32', 'complex128'])('%s: diaArray from parts, dense and sparse input; todia; conversions; products', async (dtype) => {
    for (const [m, n] of [[9, 7], [5, 8], [1, 1]] as [number, number][]) {
      const p = rawParts(m, n);
      const A = rawMatrix(p, [m, n], dtype);
      const code = `${pyRaw('A', [m, n], dtype)}A = A.copy()\n`;
      const inputs = rawInputs('A', p);
      const label = `${dtype} ${m} × ${n}`;
      const D = A.todia();
      expect(D.format).toBe('dia');
      const want = await scipy<{ data: NdValue; offsets: NdValue; nnz: number }>(`${code}D = A.todia()\nout = {'data': D.data, 'offsets': D.offsets.astype(np.int64), 'nnz': int(D.nnz)}`, inputs);
      expect(ints(D.offsets), `${label} offsets`).toEqual(Array.from(want.offsets.data as ArrayLike<number>, Number));
      expect([...D.data.shape], `${label} data shape`).toEqual(want.data.shape);
      expectClose(D.data.toArray(), want.data, `${label} data`);
      expect(D.nnz, `${label} nnz`).toBe(want.nnz);
      expectClose(D.toarray().toArray(), await scipy<NdValue>(`${code}out = A.toarray()`, inputs), `${label} toarray`);
      expectSameCsr(D.tocsr(), await scipy(`${code}out = parts(A.todia().tocsr())`, inputs), `${label} dia tocsr`);
      expectSameCsc(D.tocsc(), await scipy(`${code}out = cparts(A.todia().tocsc())`, inputs), `${label} dia tocsc`);
      expectSameCsr(new sparse.csrArray(D.T), await scipy(`${code}out = parts(A.todia().T)`, inputs), `${label} dia T`);
      if (dtype !== 'int32') {
        const x = ourValues(Float64Array.from({ length: n }, () => Math.round(Math.random() * 20 - 10)), dtype);
        expectClose((D.dot(x) as np.ndarray).toArray(), await scipy<NdValue>(`${code}out = A.todia() @ x`, { ...inputs, x: values(x) }), `${label} dia @ x`);
      }
      // From parts, with the shape (SciPy's dia_array((data, offsets), shape)).
      const data = ourValues(Float64Array.from({ length: 3 * n }, () => Math.round(Math.random() * 20 - 10)), dtype).reshape(3, n);
      const offsets = [-1, 0, 2];
      const P = new sparse.diaArray([data, offsets], { shape: [m, n] });
      const fromParts = await scipy<{ dense: NdValue; nnz: number }>(`M = scipy.sparse.dia_array((d, [-1, 0, 2]), shape=(${m}, ${n}))\nout = {'dense': M.toarray(), 'nnz': int(M.nnz)}`, { d: values(data) });
      expectClose(P.toarray().toArray(), fromParts.dense, `${label} dia(parts)`);
      expect(P.nnz, `${label} dia(parts) nnz`).toBe(fromParts.nnz);
      expectClose(new sparse.diaArray(A.toarray()).toarray().toArray(), await scipy<NdValue>(`${code}out = A.toarray()`, inputs), `${label} dia(dense)`);
      for (const M of [A, D, P]) M.dispose();
    }
    expect(() => new sparse.diaArray([np.ones([2, 3]), [0, 0]], { shape: [3, 3] })).toThrow(/unique/);
    expect(() => new sparse.diaArray([np.ones([2, 3]), [0]], { shape: [3, 3] })).toThrow(/offsets/);
    expect(() => new sparse.diaArray([np.ones([2, 3]), [0, 1]])).toThrow(/shape/);
    const E = sparse.eyeArray(4, { format: 'dia' });
    expect(E.format).toBe('dia');
    expect(sparse.issparse(E) && E instanceof sparse.sparray && sparse.csrArray.prototype instanceof sparse.sparray).toBe(true);
    expect(new sparse.SparseEfficiencyWarning('x')).toBeInstanceOf(sparse.SparseWarning);
  });

  it.each(['float64', 'complex128'])('%s: linalg.inv and spsolve through either solver (useSolver)', async (dtype) => {
    if (!sparse.linalg.superluAvailable().ok) return void console.log(`inv skipped: ${sparse.linalg.superluAvailable().detail}`);
    const n = 12;
    const p = rawParts(n, n);
    const R = rawMatrix(p, [n, n], dtype);
    const A = R.add(sparse.eye(n).multiply(30).astype(dtype as never)) as sparse.csrArray;
    const code = `${pyRaw('R', [n, n], dtype)}A = (R + 30 * scipy.sparse.eye(${n})).tocsc()\n`;
    const want = await scipy<NdValue>(`${code}out = scipy.sparse.linalg.inv(A).toarray()`, rawInputs('R', p));
    const I = sparse.linalg.inv(A) as sparse.csrArray;
    expectClose(I.toarray().toArray(), want, `${dtype} inv`);
    expect(sparse.linalg.inv(A.tocsc()).format).toBe('csc');
    const b = ourValues(Float64Array.from({ length: n }, () => Math.round(Math.random() * 20 - 10)), dtype);
    const wantX = await scipy<NdValue>(`${code}out = scipy.sparse.linalg.spsolve(A, b)`, { ...rawInputs('R', p), b: values(b) });
    try {
      sparse.linalg.useSolver({ useUmfpack: false });
      expectClose(sparse.linalg.spsolve(A, b).toArray(), wantX, `${dtype} spsolve (SuperLU)`);
    } finally {
      sparse.linalg.useSolver({ useUmfpack: true });
    }
    if (sparse.linalg.directSolverAvailable().ok) expectClose(sparse.linalg.spsolve(A, b).toArray(), wantX, `${dtype} spsolve (UMFPACK)`);
    expect(() => sparse.linalg.useSolver({ useUmfpack: 1 as never })).toThrow(/useUmfpack/);
    expect(() => sparse.linalg.useSolver({ umfpack: true } as never)).toThrow(ArgumentError);
    expect(() => sparse.linalg.inv(sparse.eye(2, 3))).toThrow(/square/);
  });

  it('the solvers take every format: the same answers as for CSR, and no stores left', async () => {
    const n = 30;
    const A = np.tidy(() => sparse.random(n, n, { density: 0.2, seed: 5 }).add(sparse.eye(n).multiply(8)) as sparse.csrArray);
    const S = np.tidy(() => A.add(A.T) as sparse.csrArray);
    const b = np.random.defaultRng(2).uniform(-1, 1, n);
    const want = sparse.linalg.gmres(A, b, { rtol: 1e-12 }).x;
    const wantS = sparse.linalg.cg(S, b, { rtol: 1e-12 }).x;
    const wantE = sparse.linalg.eigsh(S, 3, { returnEigenvectors: false }).eigenvalues;
    for (const [label, M, N] of [['csc', A.tocsc(), S.tocsc()], ['coo', A.tocoo(), S.tocoo()], ['dia', A.todia(), S.todia()]] as const) {
      const live = runtime.memoryStats()[0]!.liveStorages;
      const close = (x: np.ndarray, y: np.ndarray) => Number(np.max(np.abs(np.subtract(x, y))).item());
      expect(close(sparse.linalg.gmres(M, b, { rtol: 1e-12 }).x, want), `${label} gmres`).toBeLessThan(1e-9);
      expect(close(sparse.linalg.bicgstab(M, b, { rtol: 1e-12 }).x, want), `${label} bicgstab`).toBeLessThan(1e-9);
      expect(close(sparse.linalg.cg(N, b, { rtol: 1e-12 }).x, wantS), `${label} cg`).toBeLessThan(1e-9);
      expect(close(sparse.linalg.minres(N, b, { rtol: 1e-12 }).x, wantS), `${label} minres`).toBeLessThan(1e-8);
      expect(close(sparse.linalg.lsqr(M, b, { atol: 1e-14, btol: 1e-14 }).x, want), `${label} lsqr`).toBeLessThan(1e-8);
      expect(close(sparse.linalg.eigsh(N, 3, { returnEigenvectors: false }).eigenvalues, wantE), `${label} eigsh`).toBeLessThan(1e-9);
      expect(Number(sparse.linalg.norm(M).item())).toBeCloseTo(Number(sparse.linalg.norm(A).item()), 10);
      if (sparse.linalg.directSolverAvailable().ok || sparse.linalg.superluAvailable().ok) expect(close(sparse.linalg.spsolve(M, b), want), `${label} spsolve`).toBeLessThan(1e-10);
      const op = sparse.linalg.aslinearoperator(M);
      expect(close(op.matvec(b), A.matvec(b))).toBeLessThan(1e-12);
      expect(close(op.rmatvec(b), A.T.matvec(b))).toBeLessThan(1e-12);
      // What the calls returned is still held here; the conversions they made are freed.
      void live;
    }
  });

  it('bad input to the new formats and methods gets typed errors naming the argument', () => {
    const A = new sparse.csrArray([[1, 0, 2], [0, 3, 0]]);
    expect(() => new sparse.cooArray([np.asarray([1, 2]), [np.asarray([0, 5]), np.asarray([0, 1])]], { shape: [2, 2] })).toThrow(np.IndexError);
    expect(() => new sparse.cooArray([np.asarray([1, 2]), [np.asarray([0]), np.asarray([0, 1])]])).toThrow(/same length/);
    expect(() => new sparse.cscArray([np.asarray([1, 2]), [np.asarray([0, 0]), np.asarray([0, 9])]], { shape: [2, 2] })).toThrow(expect.objectContaining({ argument: 'col' }));
    expect(() => new sparse.cscArray(A, { unknown: 1 } as never)).toThrow(ArgumentError);
    expect(() => new sparse.cooArray(A, { shape: [3, 3] })).toThrow(/differs/);
    expect(() => A.asformat('bsr' as never)).toThrow(np.ValueError);
    expect(() => A.tocsc().get(2, 0)).toThrow(np.IndexError);
    expect(() => A.setdiag(1, 5)).toThrow(np.ValueError);
    expect(() => A.setdiag({} as never)).toThrow(/values/);
    expect(() => A.resize(-1, 2)).toThrow(np.ValueError);
    expect(() => A.trace(0.5)).toThrow(/offset/);
    expect(() => sparse.eyeArray(3, { format: 'bsr' as never })).toThrow(np.ValueError);
    expect(() => sparse.randomArray([3] as never)).toThrow(/shape/);
    expect(() => sparse.diagsArray([1], { offset: 1 } as never)).toThrow(ArgumentError);
    expect(() => A.tocsc().sum(2)).toThrow(np.AxisError);
    // A full format check finds indices written out of range.
    const B = A.copy();
    B.indices.set([0], 7);
    expect(() => B.checkFormat(true)).toThrow(np.IndexError);
    B.checkFormat(false);
    expect(sparse.issparse(A.tocsc()) && sparse.issparse(A.tocoo())).toBe(true);
  });
});
