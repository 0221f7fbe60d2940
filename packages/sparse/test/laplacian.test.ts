// LaplacianNd against SciPy's: the matrix, products, exact eigenvalues and eigenvectors, for the
// three boundary conditions in one to three dimensions.
import { describe, expect, it } from 'vitest';

import { ArgumentError } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';
import type { NdValue } from '@legate/testing';

import { expectClose, useScipyAndForcedPartitioning, values } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();

const GRIDS = [[7], [3, 4], [2, 3, 2], [5, 6]] as const;

describe.skipIf(!python.ok)('LaplacianNd against SciPy', () => {
  it.each(['dirichlet', 'neumann', 'periodic'] as const)('%s: matrix, products, eigenvalues and eigenvectors', async (bc) => {
    for (const grid of GRIDS) {
      const L = new sparse.linalg.LaplacianNd(grid, { boundaryConditions: bc });
      const n = grid.reduce((a, b) => a * b, 1);
      const setup = `L = scipy.sparse.linalg.LaplacianNd(${JSON.stringify(grid).replace('[', '(').replace(']', ',)')}, boundary_conditions='${bc}')\n`;
      const label = `${bc} ${grid.join('×')}`;
      const dense = await py!.run<NdValue>(`${setup}out = L.toarray()`, {});
      expect(L.toarray().dtype.name).toBe('int8');
      expect(Array.from(L.toarray().toArray() as Int8Array), `${label} toarray`).toEqual(Array.from(dense.data as Int8Array));
      expect(Array.from(L.tosparse().toarray().toArray() as Int8Array), `${label} tosparse`).toEqual(Array.from(dense.data as Int8Array));
      const x = np.random.defaultRng(n).uniform(-1, 1, n);
      expectClose(L.matvec(x).toArray(), await py!.run<NdValue>(`${setup}out = L.matvec(x)`, { x: values(x) }), `${label} matvec`);
      expectClose(L.eigenvalues().toArray(), await py!.run<NdValue>(`${setup}out = L.eigenvalues()`, {}), `${label} eigenvalues`);
      for (const m of [1, 3]) {
        if (m > n) continue;
        expectClose(L.eigenvalues(m).toArray(), await py!.run<NdValue>(`${setup}out = L.eigenvalues(${m})`, {}), `${label} eigenvalues(${m})`);
        const V = L.eigenvectors(m);
        expect(V.shape, `${label} eigenvectors(${m}) shape`).toEqual([n, m]);
        // SciPy's vector for every eigenvalue that no other one equals (tied ones may come in
        // another order: NumPy's sort of them is not stable); always L·v = λ·v.
        const theirs = await py!.run<{ v: NdValue; unique: boolean[] }>(
          `${setup}w = L.eigenvalues()\nmine = L.eigenvalues(${m})\nout = {'v': L.eigenvectors(${m}), 'unique': [bool(np.sum(np.abs(w - e) < 1e-9) == 1) for e in mine]}`,
          {},
        );
        const ours = Array.from(V.toArray() as Float64Array);
        const want = Array.from(theirs.v.data as Float64Array);
        theirs.unique.forEach((unique, j) => {
          if (!unique) return;
          for (let i = 0; i < n; i++) expect(Math.abs(ours[i * m + j]! - want[i * m + j]!), `${label} eigenvectors(${m})[${i}, ${j}]`).toBeLessThan(1e-12);
        });
        const lambda = L.eigenvalues(m);
        const LV = L.tosparse().astype('float64').dot(V);
        const worst = Number(np.max(np.abs(np.subtract(LV, np.multiply(V, lambda.reshape(1, m))))).item());
        expect(worst, `${label} L v = λ v`).toBeLessThan(1e-12);
      }
      L.dispose();
    }
  });

  it('dtype, LinearOperator use, and bad input', async () => {
    const L = new sparse.linalg.LaplacianNd([4, 5], { boundaryConditions: 'dirichlet', dtype: 'float64' });
    expect(L.dtype.name).toBe('float64');
    expect(L.shape).toEqual([20, 20]);
    // As an operator for the solvers: −L is positive definite with Dirichlet boundaries.
    const b = np.ones([20]);
    const { x, info } = sparse.linalg.cg(sparse.linalg.aslinearoperator(L), np.negative(b), { rtol: 1e-12 });
    expect(info).toBe(0);
    const want = await py!.run<NdValue>("L = scipy.sparse.linalg.LaplacianNd((4, 5), boundary_conditions='dirichlet', dtype=np.float64)\nout = np.linalg.solve(L.toarray(), -np.ones(20))", {});
    expectClose(x.toArray(), want, 'cg on LaplacianNd', false);
    L.dispose();
    expect(() => new sparse.linalg.LaplacianNd([0, 3])).toThrow(/gridShape/);
    expect(() => new sparse.linalg.LaplacianNd([] as never)).toThrow(/gridShape/);
    expect(() => new sparse.linalg.LaplacianNd([3], { boundaryConditions: 'free' as never })).toThrow(np.ValueError);
    expect(() => new sparse.linalg.LaplacianNd([3], { boundary: 'free' } as never)).toThrow(ArgumentError);
    expect(() => new sparse.linalg.LaplacianNd([3]).eigenvalues(0)).toThrow(/m must be/);
  });
});
