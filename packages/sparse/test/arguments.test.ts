// Arguments as SciPy takes them: its positional parameters accepted positionally (eigsh's k,
// random's density, the solvers' x0, diags' shape, mmwrite's comment) or rejected with a clear
// error, never dropped; unknown option names (cg's removed `tol`) an error listing the known ones.
import { describe, expect, it } from 'vitest';

import { ArgumentError, UnknownOptionError } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

const { linalg } = sparse;

function poisson(m: number): sparse.csrArray {
  const T = sparse.diags([-1, 2, -1], [-1, 0, 1], [m, m]);
  const I = sparse.identity(m);
  return sparse.kron(I, T).add(sparse.kron(T, I));
}

describe('SciPy positional parameters', () => {
  it('eigsh(A, 3) gives 3 eigenvalues; k twice, M or sigma positional are errors', () => {
    const A = poisson(6);
    expect(linalg.eigsh(A, 3).eigenvalues.size).toBe(3);
    expect(linalg.eigsh(A, 2, { which: 'SA' }).eigenvalues.size).toBe(2);
    expect(linalg.eigsh(A, { k: 4 }).eigenvalues.size).toBe(4);
    expect(() => linalg.eigsh(A, 3, { k: 2 } as never)).toThrow(/^k: .*both/);
    expect(() => linalg.eigsh(A, 3, A as never)).toThrow(ArgumentError);
    expect(() => linalg.eigsh(A, 3, A as never)).toThrow(/^M: /);
    expect(() => (linalg.eigsh as (...a: unknown[]) => unknown)(A, 3, undefined, 0.5)).toThrow(/^sigma: /);
    expect(() => linalg.eigsh(A, 'LM' as never)).toThrow(/^k: /);
  });

  it('random(100, 100, 0.5) has density 0.5', () => {
    expect(sparse.random(100, 100, 0.5).nnz).toBe(5000);
    expect(sparse.random(100, 100, 0.25, { seed: 3 }).nnz).toBe(2500);
    expect(sparse.random(100, 100, { density: 0.1 }).nnz).toBe(1000);
    expect(sparse.random(100, 100).nnz).toBe(100);
    expect(() => sparse.random(10, 10, 0.5, { density: 0.1 } as never)).toThrow(/^density: .*both/);
    expect(() => sparse.random(10, 10, 2)).toThrow(np.ValueError);
    expect(() => sparse.random(10, 10, 'csr' as never)).toThrow(/^density: /);
    expect(() => (sparse.random as (...a: unknown[]) => unknown)(10, 10, 0.5, {}, 'float32')).toThrow(/^format: /);
  });

  it('the solvers take x0 third; diags its shape third; mmwrite its comment third', () => {
    const A = poisson(5);
    const b = np.ones([25]);
    const start = linalg.cg(A, b, { rtol: 1e-12 }).x;
    for (const solver of [linalg.cg, linalg.bicgstab, linalg.gmres]) {
      expect(solver(A, b, start, { rtol: 1e-6 }).iterations).toBe(0);
      expect(() => (solver as (...a: unknown[]) => unknown)(A, b, [1, 2])).toThrow(/^x0: /);
    }
    expect([...sparse.diags([1, 2], [0, 1], [3, 4]).shape]).toEqual([3, 4]);
    expect(() => sparse.diags([1, 2], [0, 1], [3, 4], { shape: [3, 3] } as never)).toThrow(/^shape: .*both/);
    expect(() => (sparse.eye as (...a: unknown[]) => unknown)(3, 3, 0, 'float64', 'csr')).toThrow(/^format: /);
    expect(() => (sparse.kron as (...a: unknown[]) => unknown)(A, A, 'csr')).toThrow(/^format: /);
    expect(() => (linalg.norm as (...a: unknown[]) => unknown)(A, 'fro', 0)).toThrow(/^axis: /);
    expect(() => (linalg.spsolve as (...a: unknown[]) => unknown)(A, b, 'COLAMD')).toThrow(/^permc_spec: /);
  });
});

describe('unknown option names are errors listing the known ones', () => {
  it('cg(A, b, { tol }) and every other options object', () => {
    const A = poisson(4);
    const b = np.ones([16]);
    expect(() => linalg.cg(A, b, { tol: 1e-8 } as never)).toThrow(UnknownOptionError);
    expect(() => linalg.cg(A, b, { tol: 1e-8 } as never)).toThrow(/^options: cg: unknown option 'tol'.*'rtol'/);
    const checks: [string, () => unknown][] = [
      ['bicgstab', () => linalg.bicgstab(A, b, { tol: 1 } as never)],
      ['gmres', () => linalg.gmres(A, b, { restrt: 5 } as never)],
      ['eigsh', () => linalg.eigsh(A, { K: 2 } as never)],
      ['diags', () => sparse.diags([1], [0], { shap: [2, 2] } as never)],
      ['random', () => sparse.random(3, 3, { densty: 0.5 } as never)],
      ['csrArray', () => new sparse.csrArray([[1, 0]], { dtpye: 'float32' } as never)],
      ['matvec', () => A.matvec(b, { output: np.empty([16]) } as never)],
      ['mmwrite', () => sparse.mmwrite('/nonexistent/never-written.mtx', A, { field: 'real' } as never)],
      ['LinearOperator', () => new linalg.LinearOperator({ shape: [2, 2], matvec: (x: np.ndarray) => x, matmat: (x: unknown) => x } as never)],
    ];
    for (const [name, call] of checks) expect(call, name).toThrow(UnknownOptionError);
  });
});
