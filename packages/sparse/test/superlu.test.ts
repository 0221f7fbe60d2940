// sparse.linalg's SuperLU functions against scipy.sparse.linalg: splu's and spilu's factors and
// permutations (the same library with the same options: equal to rounding), solves with vectors,
// matrices and trans T / H, factorized, spsolve_triangular, is_sptriangular and spbandwidth;
// singular and bad input. Each matrix goes to SciPy as our CSR parts, explicit zeros included.
import { describe, expect, it } from 'vitest';

import { ArgumentError, DTypeError, NativeLoadError, ShapeError, type DTypeLike } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { expectClose, randint, randomCoo, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();
const { linalg } = sparse;
const available = linalg.superluAvailable();
if (!available.ok) console.warn(`skipping the SuperLU tests: ${available.detail}`);

const I = np.full([], { re: 0, im: 1 }, 'complex128');

/** A random nonsymmetric, well-conditioned n × n matrix of `dtype`: sparse entries and a moderate diagonal (pivoting still happens). */
function system(n: number, dtype: DTypeLike & string = 'float64'): sparse.csrArray {
  const c = randomCoo(n, n, Math.min(1, 4 / n + 0.05));
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const diag = Float64Array.from({ length: n }, () => (Math.random() < 0.5 ? -1 : 1) * (4 + 4 * Math.random()));
  const R = new sparse.csrArray([np.asarray(Float64Array.from([...c.data, ...diag])), [Int32Array.from([...c.row, ...rows]), Int32Array.from([...c.col, ...rows])]], { shape: [n, n] });
  if (!dtype.startsWith('complex')) return R.astype(dtype);
  const c2 = randomCoo(n, n, 0.1);
  const B = new sparse.csrArray([np.asarray(c2.data), [c2.row, c2.col]], { shape: [n, n] });
  return R.astype('complex128').add(B.astype('complex128').multiply(I)).astype(dtype);
}

/** Python building `A` (csr_array) from our matrix's parts, and its inputs. */
function scipyMatrix(A: sparse.csrArray, name = 'A'): { code: string; inputs: Record<string, NdValue> } {
  return {
    code: `${name} = scipy.sparse.csr_array((${name}_data, ${name}_indices, ${name}_indptr), shape=(${A.shape[0]}, ${A.shape[1]}))\n`,
    inputs: { [`${name}_data`]: values(A.data), [`${name}_indices`]: values(A.indices), [`${name}_indptr`]: values(A.indptr) },
  };
}

/** SciPy's array as ours (complex values come back as raw bytes). */
function fromPy(v: NdValue): np.ndarray {
  const a = np.empty(v.shape, v.dtype as never);
  const data = v.dtype.startsWith('complex') ? new (v.dtype === 'complex64' ? Float32Array : Float64Array)((v.data as Uint8Array).slice().buffer) : v.data;
  a.store.write(data as never);
  return a;
}

const ints = (a: np.ndarray) => Array.from(a.toArray() as ArrayLike<number>, Number);
const ndInts = (v: NdValue) => Array.from(v.data as ArrayLike<number>, Number);
const normOf = (x: np.ndarray) => np.linalg.norm(x).item() as number;

interface Factors {
  L: NdValue;
  U: NdValue;
  pr: NdValue;
  pc: NdValue;
  lnnz: number;
  unnz: number;
  nnz: number;
}

const FACTORS = `out = {'L': lu.L.toarray(), 'U': lu.U.toarray(), 'pr': lu.perm_r.astype(np.int64), 'pc': lu.perm_c.astype(np.int64), 'lnnz': int(lu.L.nnz), 'unnz': int(lu.U.nnz), 'nnz': int(lu.nnz)}`;

/**
 * Our factors are SciPy's. SciPy's own SuperLU (a later release than Debian's 5.3) orders some
 * small matrices (n < 40 here) differently; there the permutations differ, and the factors are
 * checked by Pr·A·Pc = L·U instead (the solves are compared with SciPy's either way).
 */
function expectSameFactors(lu: sparse.linalg.SuperLU, want: Factors, label: string, A?: sparse.csrArray): void {
  const n = lu.shape[0];
  if (A && (JSON.stringify(ints(lu.permR)) !== JSON.stringify(ndInts(want.pr)) || JSON.stringify(ints(lu.permC)) !== JSON.stringify(ndInts(want.pc)))) {
    expect(n, `${label}: another ordering than SciPy's`).toBeLessThan(40);
    const PAQ = A.take(np.argsort(lu.permR), 0).take(np.argsort(lu.permC), 1);
    const LU = lu.L.dot(lu.U);
    const err = normOf(np.subtract(LU.toDense(), PAQ.toDense()));
    expect(err, `${label} L·U = Pr·A·Pc`).toBeLessThanOrEqual((['float32', 'complex64'].includes(lu.dtype.name) ? 1e-5 : 1e-12) * Math.max(1, normOf(A.toDense())) * n);
    return;
  }
  expect(ints(lu.permR), `${label} perm_r`).toEqual(ndInts(want.pr));
  expect(ints(lu.permC), `${label} perm_c`).toEqual(ndInts(want.pc));
  expectClose(lu.L.toDense().toArray(), want.L, `${label} L`);
  expectClose(lu.U.toDense().toArray(), want.U, `${label} U`);
  expect([lu.L.nnz, lu.U.nnz, lu.nnz], `${label} nnz (L, U, SuperLU's)`).toEqual([want.lnnz, want.unnz, want.nnz]);
}

describe.skipIf(!python.ok || !available.ok)('splu and spilu against SciPy', () => {
  it.each(['float64', 'float32', 'complex128'] as const)('splu of %s matrices: L, U, perm_r, perm_c as SciPy\'s; solves as SciPy\'s', async (dtype) => {
    for (const n of [1, 5, 40, 120]) {
      const A = system(n, dtype);
      const s = scipyMatrix(A);
      const lu = linalg.splu(A);
      expect(lu.shape).toEqual([n, n]);
      expect(lu.L.dtype.name).toBe(dtype);
      expect([lu.L.indices.dtype.name, lu.U.indptr.dtype.name, lu.permR.dtype.name]).toEqual(['int32', 'int32', 'int32']); // as SciPy's
      const want = await py!.run<Factors>(`${s.code}lu = scipy.sparse.linalg.splu(A.tocsc())\n${FACTORS}`, s.inputs);
      expectSameFactors(lu, want, `splu ${dtype} n=${n}`, A);
      // Solves: a vector, a matrix, and the transposes, against SciPy's solve on its factors.
      const rng = np.random.defaultRng(randint(0, 1e9));
      const b = rng.normal(0, 1, n).astype(dtype);
      const B = rng.normal(0, 1, [n, 3]).astype(dtype);
      for (const trans of ['N', 'T', 'H'] as const) {
        for (const [rhs, label] of [[b, 'vector'], [B, 'matrix']] as const) {
          const x = lu.solve(rhs, trans);
          expect(x.shape, `${label} ${trans}`).toEqual(rhs.shape);
          const theirs = await py!.run<NdValue>(`${s.code}lu = scipy.sparse.linalg.splu(A.tocsc())\nout = lu.solve(b, trans='${trans}')`, { ...s.inputs, b: values(rhs) });
          // float32: the two libraries' orderings of small matrices differ, and the random matrices' conditioning shows.
          const close = dtype === 'float32' ? 3e-3 : 1e-10;
          const d = normOf(np.subtract(x, fromPy(theirs).astype(dtype)));
          expect(d, `splu ${dtype} n=${n} solve ${label} ${trans}`).toBeLessThanOrEqual(close * Math.max(1, normOf(x)));
        }
      }
      // And the residual of A·x = b.
      const x = lu.solve(b);
      expect(normOf(np.subtract(A.matvec(x), b))).toBeLessThanOrEqual((dtype === 'float32' ? 1e-3 : 1e-10) * Math.max(1, normOf(b)));
      lu.dispose();
    }
  });

  it('splu with options: NATURAL ordering (SymmetricMode, as SciPy), no pivoting, relax and panel size, SuperLU option names', async () => {
    const A = system(60);
    const s = scipyMatrix(A);
    const cases: [sparse.linalg.SpluOptions, string][] = [
      [{ permcSpec: 'NATURAL' }, "permc_spec='NATURAL'"],
      [{ permcSpec: 'MMD_AT_PLUS_A', diagPivotThresh: 0.1 }, "permc_spec='MMD_AT_PLUS_A', diag_pivot_thresh=0.1"],
      [{ permcSpec: 'MMD_ATA', relax: 4, panelSize: 6 }, "permc_spec='MMD_ATA', relax=4, panel_size=6"],
      [{ options: { ColPerm: 'NATURAL', DiagPivotThresh: 0 } }, "options=dict(ColPerm='NATURAL', DiagPivotThresh=0.0)"],
    ];
    for (const [options, pyArgs] of cases) {
      const lu = linalg.splu(A, options);
      const want = await py!.run<Factors>(`${s.code}lu = scipy.sparse.linalg.splu(A.tocsc(), ${pyArgs})\n${FACTORS}`, s.inputs);
      expectSameFactors(lu, want, `splu(${pyArgs})`);
      lu.dispose();
    }
  });

  it.each(['float64', 'float32', 'complex128'] as const)('spilu of %s matrices as SciPy\'s, defaults and options; its solve approximates A⁻¹', async (dtype) => {
    const n = 100;
    const A = system(n, dtype);
    const s = scipyMatrix(A);
    const cases: [sparse.linalg.SpiluOptions, string][] = [
      [{}, ''],
      [{ dropTol: 0.05, fillFactor: 2 }, ', drop_tol=0.05, fill_factor=2'],
      [{ dropRule: 'basic,prows', permcSpec: 'NATURAL' }, ", drop_rule='basic,prows', permc_spec='NATURAL'"],
      [{ options: { ILU_MILU: 'SMILU_2', ILU_DropTol: 0.01 } }, ", options=dict(ILU_MILU='SMILU_2', ILU_DropTol=0.01)"],
    ];
    for (const [options, pyArgs] of cases) {
      let ilu: sparse.linalg.SuperLU;
      try {
        ilu = linalg.spilu(A, options);
      } catch (error) {
        // A zero pivot SuperLU's ILU reports: SciPy raises on the same matrix.
        expect(String(error)).toMatch(/Factor is exactly singular/);
        const theirs = await py!.run<string>(`${s.code}try:\n    scipy.sparse.linalg.spilu(A.tocsc()${pyArgs})\n    out = 'factored'\nexcept RuntimeError as e:\n    out = str(e)`, s.inputs);
        expect(theirs, `spilu ${dtype}(${pyArgs}) raised; SciPy too`).toBe('Factor is exactly singular');
        continue;
      }
      const want = await py!.run<Factors>(`${s.code}lu = scipy.sparse.linalg.spilu(A.tocsc()${pyArgs})\n${FACTORS}`, s.inputs);
      expectSameFactors(ilu, want, `spilu ${dtype}(${pyArgs})`);
      const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, n).astype(dtype);
      const x = ilu.solve(b);
      const theirs = await py!.run<NdValue>(`${s.code}lu = scipy.sparse.linalg.spilu(A.tocsc()${pyArgs})\nout = lu.solve(b)`, { ...s.inputs, b: values(b) });
      const d = normOf(np.subtract(x, fromPy(theirs).astype(dtype)));
      expect(d, `spilu ${dtype} solve`).toBeLessThanOrEqual((dtype === 'float32' ? 1e-3 : 1e-10) * Math.max(1, normOf(x)));
      ilu.dispose();
    }
    // With the default drop tolerance the preconditioned residual is SciPy's (how small it is
    // depends on the random system).
    const ilu = linalg.spilu(A);
    const b = np.ones([n], dtype as never);
    const theirs = await py!.run<number>(`${s.code}lu = scipy.sparse.linalg.spilu(A.tocsc())\nb = np.ones(${n}, '${dtype}')\nout = float(np.linalg.norm(A @ lu.solve(b) - b))`, s.inputs);
    const ours = normOf(np.subtract(A.matvec(ilu.solve(b)), b));
    expect(ours).toBeLessThanOrEqual(theirs * (1 + (dtype === 'float32' ? 1e-2 : 1e-6)) + (dtype === 'float32' ? 1e-4 : 1e-9) * normOf(b));
    ilu.dispose();
  });

  it('factorized: solve(b) for vectors and matrices; integer matrices are factored in float64', async () => {
    const A = system(50);
    const solve = linalg.factorized(A);
    const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, 50);
    const x = solve(b);
    expect(normOf(np.subtract(A.matvec(x), b))).toBeLessThan(1e-10 * normOf(b));
    const s = scipyMatrix(A);
    const want = await py!.run<NdValue>(`${s.code}out = scipy.sparse.linalg.factorized(A.tocsc())(b)`, { ...s.inputs, b: values(b) });
    expectClose(x.toArray(), want, 'factorized', false);
    expect(solve(np.ones([50, 2])).shape).toEqual([50, 2]);
    solve.dispose();
    const integer = new sparse.csrArray(np.asarray([[2, 1], [1, 3]]).astype('int32'));
    const lu = linalg.splu(integer);
    expect(lu.L.dtype.name).toBe('float64');
    expect(Array.from(lu.solve(np.asarray([3, 4])).toArray() as Float64Array).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 1]);
    lu.dispose();
  });
});

describe.skipIf(!python.ok)('spsolve_triangular, is_sptriangular and spbandwidth against SciPy', () => {
  it.each(['float64', 'float32', 'complex128'] as const)('lower, upper and unit diagonal for %s, vectors and matrices', async (dtype) => {
    const n = 70;
    const A = system(n, dtype);
    const b = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, n);
    const B = np.random.defaultRng(randint(0, 1e9)).normal(0, 1, [n, 4]);
    for (const lower of [true, false]) {
      const T = lower ? sparse.tril(A) : sparse.triu(A);
      const s = scipyMatrix(T);
      for (const unit of [false, true]) {
        for (const rhs of [b, B]) {
          const x = linalg.spsolveTriangular(T, rhs, { lower, unitDiagonal: unit });
          expect(x.dtype.name).toBe(dtype === 'float32' ? 'float64' : dtype); // promoted with b's float64
          const want = await py!.run<NdValue>(`${s.code}out = scipy.sparse.linalg.spsolve_triangular(A, b, lower=${lower ? 'True' : 'False'}, unit_diagonal=${unit ? 'True' : 'False'})`, { ...s.inputs, b: values(rhs) });
          const d = normOf(np.subtract(x, fromPy(want).astype(x.dtype)));
          expect(d, `lower=${lower} unit=${unit} ${rhs.ndim}-d`).toBeLessThanOrEqual((dtype === 'float32' ? 1e-5 : 1e-10) * Math.max(1, normOf(x)));
        }
      }
      // The right-hand side overwritten in place when allowed and of the result's type.
      const own = np.copy(b).astype(T.dtype.isComplex ? 'complex128' : 'float64');
      const x = linalg.spsolveTriangular(T, own, { lower, overwriteB: true });
      expect(x).toBe(own);
      T.dispose();
    }
  });

  it('a zero or missing diagonal entry raises LinAlgError and leaves b as it was', () => {
    const T = new sparse.csrArray(np.asarray([[1, 0, 0], [2, 0, 0], [1, 1, 1]]));
    const b = np.asarray([1, 2, 3]).astype('float64');
    expect(() => linalg.spsolveTriangular(T, b, { overwriteB: true })).toThrow(linalg.LinAlgError);
    expect(() => linalg.spsolveTriangular(T, b)).toThrow(/^A: spsolve_triangular: A is singular: zero entry on diagonal/);
    expect(Array.from(b.toArray() as Float64Array)).toEqual([1, 2, 3]);
    expect(Array.from(linalg.spsolveTriangular(T.add(sparse.diags([[0, 1, 0]], [0])), b).toArray() as Float64Array)).toEqual([1, 0, 2]);
  });

  it('is_sptriangular and spbandwidth as SciPy\'s on random, triangular, diagonal and empty matrices', async () => {
    const c = randomCoo(9, 7, 0.3);
    const M = new sparse.csrArray([np.asarray(c.data), [c.row, c.col]], { shape: [9, 7] });
    // SciPy's spbandwidth fails on a matrix with no stored entries; here it is [0, 0].
    expect(linalg.spbandwidth(new sparse.csrArray([[0, 0], [0, 0]]))).toEqual([0, 0]);
    expect(linalg.isSptriangular(new sparse.csrArray([[0, 0], [0, 0]]))).toEqual([true, true]);
    for (const m of [M, sparse.tril(M), sparse.triu(M, 1), sparse.tril(M, -2), sparse.eye(6), sparse.eye(5, 8, 2)]) {
      const s = scipyMatrix(m);
      const want = await py!.run<[[boolean, boolean], [number, number]]>(`${s.code}out = [list(map(bool, scipy.sparse.linalg.is_sptriangular(A))), list(map(int, scipy.sparse.linalg.spbandwidth(A)))]`, s.inputs);
      expect(linalg.isSptriangular(m)).toEqual(want[0]);
      expect(linalg.spbandwidth(m)).toEqual(want[1]);
    }
  });
});

describe.skipIf(!available.ok)('singular and bad input', () => {
  const singular = new sparse.csrArray(np.asarray([[1, 2], [2, 4]]).astype('float64'));
  const A = sparse.eye(4, 5);
  const square = sparse.eye(4).multiply(2);
  it('a singular matrix raises LinAlgError as SciPy ("Factor is exactly singular")', () => {
    expect(() => linalg.splu(singular)).toThrow(linalg.LinAlgError);
    expect(() => linalg.splu(singular)).toThrow(/^A: splu: Factor is exactly singular/);
    expect(() => linalg.spilu(singular)).toThrow(/^A: spilu: Factor is exactly singular/);
    expect(() => linalg.factorized(singular)).toThrow(/Factor is exactly singular/);
    // No entries, an empty column, an empty row, stored zeros and an empty column, no perfect matching:
    // SuperLU is never called on these (its ILU would end the process), and both raise.
    const structural = [
      new sparse.csrArray([new Float64Array([]), new Int32Array([]), new Int32Array([0, 0, 0, 0])], { shape: [3, 3] }),
      new sparse.csrArray(np.asarray([[1, 0, 2], [3, 0, 4], [5, 0, 6]]).astype('float64')),
      new sparse.csrArray(np.asarray([[1, 2, 3], [0, 0, 0], [5, 0, 6]]).astype('float64')),
      new sparse.csrArray([new Float64Array([1, 0, 2, 0, 3]), new Int32Array([0, 1, 0, 1, 1]), new Int32Array([0, 2, 4, 5])], { shape: [3, 3] }),
      new sparse.csrArray(np.asarray([[1, 0, 0], [1, 0, 0], [1, 1, 1]]).astype('float64')),
    ];
    for (const [k, M] of structural.entries()) {
      expect(() => linalg.splu(M), `splu #${k}`).toThrow(/^A: splu: Factor is exactly singular/);
      expect(() => linalg.spilu(M), `spilu #${k}`).toThrow(/^A: spilu: Factor is exactly singular/);
    }
  });
  it.each([
    ['splu of a non-square matrix', () => linalg.splu(A), ShapeError, /^A: splu: expected a square matrix, got shape \(4, 5\)/],
    ['splu of a dense array', () => linalg.splu(np.eye(3) as never), DTypeError, /^A: splu: expected a csrArray, got ndarray/],
    ['splu with an unknown option', () => linalg.splu(square, { permc: 'COLAMD' } as never), ArgumentError, /^options: splu: unknown option 'permc'/],
    ['splu with an unknown SuperLU option', () => linalg.splu(square, { options: { Colperm: 'NATURAL' } as never }), ArgumentError, /^options: splu: unknown option 'Colperm' \(did you mean 'ColPerm'\?\)/],
    ['splu with an ILU option', () => linalg.splu(square, { options: { ILU_DropTol: 0.1 } }), np.ValueError, /^ILU_DropTol: splu: an incomplete-LU option/],
    ['splu with a positional permc_spec', () => (linalg.splu as (...a: unknown[]) => unknown)(square, 'COLAMD', 1), ArgumentError, /^diag_pivot_thresh: splu takes at most 2 positional arguments/],
    ['splu with an unknown ordering', () => linalg.splu(square, { permcSpec: 'METIS' as never }), np.ValueError, /^permcSpec: splu: expected one of NATURAL, MMD_ATA, MMD_AT_PLUS_A, COLAMD/],
    ['splu with diagPivotThresh 2', () => linalg.splu(square, { diagPivotThresh: 2 }), np.ValueError, /^diagPivotThresh: splu: expected a number from 0 to 1/],
    ['spilu with dropTol -1', () => linalg.spilu(square, { dropTol: -1 }), np.ValueError, /^dropTol: spilu: expected a number from 0 to 1/],
    ['spilu with an unknown drop rule', () => linalg.spilu(square, { dropRule: 'basic,fast' }), np.ValueError, /^dropRule: spilu: unknown drop rule 'fast'/],
    ['solve with a wrong-length rhs', () => linalg.splu(square).solve(np.ones([3])), ShapeError, /^rhs: SuperLU.solve: expected shape \(4,\) or \(4, k\), got \(3\)/],
    ['solve with a complex rhs on real factors', () => linalg.splu(square).solve(np.ones([4], 'complex128')), DTypeError, /^rhs: SuperLU.solve: cannot cast a complex128/],
    ['solve with trans X', () => linalg.splu(square).solve(np.ones([4]), 'X' as never), np.ValueError, /^trans: SuperLU.solve: expected 'N', 'T' or 'H'/],
    ['spsolve_triangular of a non-square matrix', () => linalg.spsolveTriangular(A, np.ones([4])), ShapeError, /^A: spsolve_triangular: expected a square matrix/],
    ['spsolve_triangular with b of the wrong length', () => linalg.spsolveTriangular(square, np.ones([5])), ShapeError, /^b: spsolve_triangular: expected shape \(4,\)/],
    ['spsolve_triangular with a positional lower', () => linalg.spsolveTriangular(square, np.ones([4]), true as never), ArgumentError, /^options: spsolve_triangular: expected an options object/],
    ['spsolve_triangular with an unknown option', () => linalg.spsolveTriangular(square, np.ones([4]), { unit: true } as never), ArgumentError, /^options: spsolve_triangular: unknown option 'unit'/],
  ])('%s', (_, f, type, message) => {
    expect(f).toThrow(type);
    expect(f).toThrow(message);
  });
});

describe.runIf(!available.ok)('without SuperLU', () => {
  it('splu, spilu and factorized say SuperLU is missing', () => {
    const A = sparse.eye(3);
    for (const f of [() => linalg.splu(A), () => linalg.spilu(A), () => linalg.factorized(A)]) {
      expect(f).toThrow(NativeLoadError);
      expect(f).toThrow(/needs SuperLU, which this build of @legate\/sparse lacks/);
    }
  });
});
