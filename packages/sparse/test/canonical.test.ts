// The canonical-format flag (sorted column indices, no duplicates within a row) against SciPy, on
// matrices made from [data, indices, indptr] that keep duplicate and unsorted entries: every
// operation that sets the flag must set it true only when it holds, or later operations that
// trust it (norm, multiply, sumDuplicates) give SciPy's answer only for canonical input.
import { describe, expect, it } from 'vitest';

import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { expectClose, expectSameCsr, nd, PARTS, randomCoo, useScipyAndForcedPartitioning, type Coo } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();

/** CSR parts of COO input with the entries of each row in input order: duplicates and unsorted columns kept. */
function rawCsr(c: Coo): { data: Float64Array; indices: Int32Array; indptr: Int32Array } {
  const order = Array.from(c.row, (_, k) => k).sort((a, b) => c.row[a]! - c.row[b]! || a - b);
  const indptr = new Int32Array(c.shape[0] + 1);
  for (const r of c.row) indptr[r + 1]!++;
  for (let i = 0; i < c.shape[0]; i++) indptr[i + 1]! += indptr[i]!;
  return { data: Float64Array.from(order, (k) => c.data[k]!), indices: Int32Array.from(order, (k) => c.col[k]!), indptr };
}

/** A matrix with a duplicate in its first row for certain, as ours and as SciPy inputs. */
function withDuplicates(rows: number, cols: number, name: string, dtype = 'float64') {
  const c = randomCoo(rows, cols, 0.3);
  const extra = { row: [0, 0], col: [1, 1], data: [2.5, -1.25] };
  const coo: Coo = {
    shape: [rows, cols],
    row: Int32Array.from([...extra.row, ...c.row]),
    col: Int32Array.from([...extra.col, ...c.col]),
    data: Float64Array.from([...extra.data, ...c.data]),
  };
  const raw = rawCsr(coo);
  const A = new sparse.csrArray([np.asarray(raw.data).astype(dtype as never), np.asarray(raw.indices), np.asarray(raw.indptr)], { shape: [rows, cols] });
  const code = `${name} = scipy.sparse.csr_array((${name}_data.astype(np.${dtype}), ${name}_indices, ${name}_indptr), shape=(${rows}, ${cols}))\n`;
  const inputs: Record<string, NdValue> = { [`${name}_data`]: nd(raw.data, 'float64'), [`${name}_indices`]: nd(raw.indices, 'int32'), [`${name}_indptr`]: nd(raw.indptr, 'int32') };
  return { A, code, inputs };
}

type Parts = { shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue };

describe.skipIf(!python.ok)('canonical format against SciPy', () => {
  it('the transpose of a matrix with duplicates is not canonical: norm, multiply and sumDuplicates of A.T', async () => {
    for (const [m, n] of [[6, 9], [23, 17], [40, 40]] as const) {
      const { A, code, inputs } = withDuplicates(m, n, 'A');
      const B = withDuplicates(n, m, 'B');
      expect(A.hasCanonicalFormat).toBe(false);
      const T = A.T;
      const want = await py!.run<{ canonical: boolean; fro: number; product: Parts; summed: Parts; nnz: number }>(
        `${PARTS}\n${code}${B.code}T = A.T.tocsr()\nS = T.copy()\nS.sum_duplicates()\n` +
          `out = {'canonical': bool(T.has_canonical_format), 'fro': float(scipy.sparse.linalg.norm(T, 'fro')), 'product': parts(T.multiply(B)), 'summed': parts(S), 'nnz': int(S.nnz)}`,
        { ...inputs, ...B.inputs },
      );
      expect(T.hasCanonicalFormat, `(${m}, ${n}) A.T.hasCanonicalFormat`).toBe(want.canonical);
      expect(sparse.linalg.norm(T, 'fro').item() as number).toBeCloseTo(want.fro, 10);
      expectSameCsr(T.multiply(B.A), want.product, `(${m}, ${n}) A.T.multiply(B)`);
      const summed = A.T;
      summed.sumDuplicates();
      expect(summed.nnz, 'A.T.sumDuplicates() nnz').toBe(want.nnz);
      expect(summed.hasCanonicalFormat).toBe(true);
      expectSameCsr(summed, want.summed, `(${m}, ${n}) A.T.sumDuplicates()`);
      // The transpose of a canonical matrix is canonical.
      expect(summed.T.hasCanonicalFormat).toBe(true);
    }
  });

  it('every operation that sets the flag: copy, astype, multiply, add, kron, eliminateZeros, sortIndices, [data, indices, indptr]', async () => {
    const { A, code, inputs } = withDuplicates(12, 12, 'A');
    const B = withDuplicates(12, 12, 'B');
    const want = await py!.run<Record<string, boolean | number | Parts>>(
      `${PARTS}\n${code}${B.code}` +
        `s = A.copy()\ns.sort_indices()\nz = A.copy()\nz.eliminate_zeros()\n` +
        `out = {'copy': bool(A.copy().has_canonical_format), 'astype': bool(A.astype(np.float32).has_canonical_format), 'sorted': bool(s.has_canonical_format), 'zeros': bool(z.has_canonical_format), ` +
        `'tnorm1': float(scipy.sparse.linalg.norm(A.T, 1)), 'sum0': np.asarray(A.T.sum(axis=0)).ravel(), ` +
        `'mul': parts(A.T.multiply(B)), 'add': parts(A.T + B), 'kron': parts(scipy.sparse.kron(A.T, B)), 'dot': parts(A.T @ B), 'tz': parts(z.T.multiply(B))}`,
      { ...inputs, ...B.inputs },
    );
    expect(A.hasCanonicalFormat).toBe(false);
    expect(A.copy().hasCanonicalFormat).toBe(want.copy);
    expect(A.astype('float32').hasCanonicalFormat).toBe(want.astype);
    const s = A.copy();
    s.sortIndices();
    expect(s.hasCanonicalFormat, 'sortIndices keeps duplicates').toBe(want.sorted);
    const z = A.copy();
    z.eliminateZeros();
    expect(z.hasCanonicalFormat, 'eliminateZeros').toBe(want.zeros);
    const T = A.T;
    for (const [label, got] of [['mul', T.multiply(B.A)], ['add', T.add(B.A)], ['kron', sparse.kron(T, B.A)], ['dot', T.dot(B.A)], ['tz', z.T.multiply(B.A)]] as const) {
      expect(got.hasCanonicalFormat, label).toBe(true);
      expectSameCsr(got, want[label] as Parts, `A.T ${label} B`);
    }
    expect(sparse.linalg.norm(A.T, 1).item() as number).toBeCloseTo(want.tnorm1 as unknown as number, 10);
    expectClose(A.T.sum(0).toArray(), want.sum0 as unknown as NdValue, 'A.T.sum(0)');
  });

  it('a cast in a product or merge casts the summed values, not the stored ones', async () => {
    const { A, code, inputs } = withDuplicates(10, 10, 'A', 'int32');
    const B = withDuplicates(10, 10, 'B');
    const want = await py!.run<Record<string, Parts>>(`${PARTS}\n${code}${B.code}out = {'mul': parts(A.multiply(B)), 'add': parts(A + B), 'dot': parts(A @ B)}`, { ...inputs, ...B.inputs });
    expectSameCsr(A.multiply(B.A), want.mul!, 'int32 A with duplicates .multiply(float64 B)');
    expectSameCsr(A.add(B.A), want.add!, 'int32 A + float64 B');
    expectSameCsr(A.dot(B.A), want.dot!, 'int32 A @ float64 B');
  });
});
