// What the sparse tests share: SciPy through one python3 session, the runtime forced to split
// even small matrices, and random COO input with the awkward cases SciPy handles (duplicates,
// explicit zeros, empty rows, unsorted columns).
import { expect } from 'vitest';

import type { TypedArray } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { useNumpyAndForcedPartitioning } from '../../numeric/test/harness.js';

/** One python3 session with SciPy for the file, and the runtime forced to split even small matrices. */
export const useScipyAndForcedPartitioning = useNumpyAndForcedPartitioning;

export const randint = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo + 1));

export interface Coo {
  shape: [number, number];
  row: Int32Array;
  col: Int32Array;
  data: Float64Array;
}

/**
 * Random COO entries: about `density` of the places, a few duplicated, a few explicit zeros,
 * some rows left empty, in random order.
 */
export function randomCoo(rows: number, cols: number, density = 0.2): Coo {
  const row: number[] = [];
  const col: number[] = [];
  const data: number[] = [];
  const emptyRows = new Set(Array.from({ length: Math.floor(rows / 5) }, () => randint(0, Math.max(0, rows - 1))));
  for (let i = 0; i < rows; i++) {
    if (emptyRows.has(i)) continue;
    for (let j = 0; j < cols; j++) {
      if (Math.random() >= density) continue;
      const copies = Math.random() < 0.1 ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        row.push(i);
        col.push(j);
        data.push(Math.random() < 0.05 ? 0 : Math.round((Math.random() * 20 - 10) * 1000) / 1000);
      }
    }
  }
  const order = row.map((_, k) => k).sort(() => Math.random() - 0.5);
  return {
    shape: [rows, cols],
    row: Int32Array.from(order, (k) => row[k]!),
    col: Int32Array.from(order, (k) => col[k]!),
    data: Float64Array.from(order, (k) => data[k]!),
  };
}

export const nd = (a: TypedArray, dtype: string, shape = [a.length]): NdValue => ({ dtype, shape, data: a });
export const values = (a: np.ndarray): NdValue => ({ dtype: a.dtype.name, shape: [...a.shape], data: a.toArray() });

/** Our matrix from COO input (duplicates summed, as SciPy's csr_array((data, (row, col)))). */
export function ours(c: Coo, dtype = 'float64'): sparse.csrArray {
  return new sparse.csrArray([np.asarray(c.data).astype(dtype as never), [c.row, c.col]], { shape: c.shape });
}

/** Python that builds `name` from COO inputs `<name>_row`, `<name>_col`, `<name>_data`. */
export function scipyInputs(name: string, c: Coo, dtype = 'float64'): { code: string; inputs: Record<string, NdValue> } {
  return {
    code: `${name} = scipy.sparse.csr_array((${name}_data.astype(np.${dtype}), (${name}_row, ${name}_col)), shape=(${c.shape[0]}, ${c.shape[1]}))\n`,
    inputs: { [`${name}_row`]: nd(c.row, 'int32'), [`${name}_col`]: nd(c.col, 'int32'), [`${name}_data`]: nd(c.data, 'float64') },
  };
}

/** Our sparse matrix has SciPy's canonical structure and values (`want` a SciPy csr_array's parts). */
/** `scale`: the magnitude the values' rounding errors are relative to, where it exceeds each value's (a product with cancellation). */
export function expectSameCsr(got: sparse.csrArray, want: { shape: number[]; data: NdValue; indices: NdValue; indptr: NdValue }, label: string, exact = false, scale = 1): void {
  const copy = got.copy();
  copy.sumDuplicates();
  expect([...copy.shape], label).toEqual(want.shape);
  expect(Array.from(copy.indptr.toArray() as ArrayLike<number>, Number), `${label} indptr`).toEqual(Array.from(want.indptr.data as ArrayLike<number>, Number));
  expect(Array.from(copy.indices.toArray() as ArrayLike<number>, Number), `${label} indices`).toEqual(Array.from(want.indices.data as ArrayLike<number>, Number));
  expectClose(copy.data.toArray(), want.data, `${label} data`, exact, scale);
}

export function expectClose(got: TypedArray, want: NdValue, label: string, exact = false, scale = 1): void {
  const raw = want.dtype.startsWith('complex') ? new (want.dtype === 'complex64' ? Float32Array : Float64Array)((want.data as Uint8Array).slice().buffer) : want.data;
  const a = Array.from(got as ArrayLike<number>, Number);
  const b = Array.from(raw as ArrayLike<number>, Number);
  expect(a.length, label).toBe(b.length);
  if (exact) return void expect(a, label).toEqual(b);
  const eps = want.dtype === 'float32' || want.dtype === 'complex64' ? 1e-5 : 1e-12;
  a.forEach((x, i) => {
    // NaN where SciPy has NaN, and infinities of the same sign, match.
    if (Number.isNaN(b[i]!) || !Number.isFinite(b[i]!)) return void expect(Object.is(x, b[i]) || (Number.isNaN(x) && Number.isNaN(b[i]!)), `${label}[${i}]: ${x} vs ${b[i]}`).toBe(true);
    expect(Math.abs(x - b[i]!), `${label}[${i}]: ${x} vs ${b[i]}`).toBeLessThanOrEqual(eps * Math.max(1, scale, Math.abs(b[i]!)));
  });
}

/** SciPy's csr parts of the Python expression `expr` (a sparse matrix), canonicalised. */
export const PARTS = `
def parts(m):
    m = scipy.sparse.csr_array(m)
    m.sum_duplicates()
    return {'shape': list(m.shape), 'data': m.data, 'indices': m.indices.astype(np.int64), 'indptr': m.indptr.astype(np.int64)}
`;

/** Raw CSR parts: rows of random columns in random order, some repeated, some explicit zeros. */
export function rawParts(rows: number, cols: number): { data: Float64Array; indices: Int32Array; indptr: Int32Array } {
  const data: number[] = [];
  const indices: number[] = [];
  const indptr = [0];
  for (let i = 0; i < rows; i++) {
    const count = cols === 0 || Math.random() < 0.2 ? 0 : randint(0, Math.min(cols + 2, 8));
    for (let k = 0; k < count; k++) {
      indices.push(randint(0, cols - 1));
      data.push(Math.random() < 0.1 ? 0 : Math.round((Math.random() * 20 - 10) * 100) / 100);
    }
    indptr.push(indices.length);
  }
  return { data: Float64Array.from(data), indices: Int32Array.from(indices), indptr: Int32Array.from(indptr) };
}

export const DTYPES = ['float64', 'float32', 'int64', 'int32', 'bool', 'complex128'] as const;

/** Values of `dtype` from float64 data, the same way on both sides (complex: an imaginary part too). */
export function ourValues(data: Float64Array, dtype: string): np.ndarray {
  const a = np.asarray(data);
  return dtype === 'complex128' ? np.multiply(a, { re: 1, im: 0.5 }) : a.astype(dtype as never);
}
export const pyValues = (name: string, dtype: string) => (dtype === 'complex128' ? `${name}.astype(np.complex128) * (1 + 0.5j)` : `${name}.astype(np.${dtype})`);

export function rawMatrix(p: ReturnType<typeof rawParts>, shape: [number, number], dtype: string): sparse.csrArray {
  return new sparse.csrArray([ourValues(p.data, dtype), np.asarray(p.indices), np.asarray(p.indptr)], { shape });
}
export const pyRaw = (name: string, shape: [number, number], dtype: string) =>
  `${name} = scipy.sparse.csr_array((${pyValues(`${name}_d`, dtype)}, ${name}_i, ${name}_p), shape=(${shape[0]}, ${shape[1]}))\n`;
export const rawInputs = (name: string, p: ReturnType<typeof rawParts>) => ({
  [`${name}_d`]: nd(p.data, 'float64'),
  [`${name}_i`]: nd(p.indices, 'int32'),
  [`${name}_p`]: nd(p.indptr, 'int32'),
});

