// CG and power iteration with fusion on and off: the same iterations and the same bits, and
// SciPy's solution. Their vector updates are numeric's and sparse's elementwise launches between
// SpMVs and dot products (which end each fused chain).
import { describe, expect, it } from 'vitest';

import { runtime, tidy } from '@legate/core';
import type { NdValue } from '@legate/testing';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

import { useScipyAndForcedPartitioning } from './harness.js';

const { python, py } = useScipyAndForcedPartitioning();

function poisson(m: number): sparse.csrArray {
  return tidy(() => {
    const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [m, m] });
    const I = sparse.identity(m);
    return sparse.kron(I, T).add(sparse.kron(T, I));
  });
}

/** `program`'s values with fusion on, then off. */
function bothWays(program: () => { values: Float64Array; iterations: number }) {
  const saved = runtime.setFusion(true);
  try {
    const fused = program();
    runtime.setFusion(false);
    const unfused = program();
    return { fused, unfused };
  } finally {
    runtime.setFusion(saved);
  }
}

function expectSameBits(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length).toBe(b.length);
  const wrong = a.findIndex((v, i) => !Object.is(v, b[i]));
  expect(wrong, `${what}: element ${wrong} differs (${a[wrong]} vs ${b[wrong]})`).toBe(-1);
}

describe.skipIf(!python.ok)('fusion in the sparse solvers', () => {
  it('CG on the Poisson matrix: the same iterations and bits on and off, and SciPy\'s solution', async () => {
    const m = 30;
    const A = poisson(m);
    const rhs = Float64Array.from({ length: m * m }, () => Math.random() - 0.5);
    const b = np.array(rhs);
    const { fused, unfused } = bothWays(() => {
      const { x, iterations } = sparse.linalg.cg(A, b, { rtol: 1e-10 });
      const values = x.toArray() as Float64Array;
      x.dispose();
      return { values, iterations };
    });
    expect(fused.iterations).toBe(unfused.iterations);
    expectSameBits(fused.values, unfused.values, 'cg');
    const want = await py!.run<NdValue>(
      `import scipy.sparse as sp, scipy.sparse.linalg as sla\nT = sp.diags([-1, 2, -1], [-1, 0, 1], shape=(${m}, ${m}))\nI = sp.identity(${m})\nA = (sp.kron(I, T) + sp.kron(T, I)).tocsr()\nout = sla.spsolve(A.tocsc(), b)`,
      { b: { dtype: 'float64', shape: [m * m], data: rhs } } as never,
    );
    const exact = new Float64Array((want.data as Uint8Array).slice().buffer);
    const scale = Math.max(...exact.map(Math.abs));
    fused.values.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(1e-7 * scale));
    A.dispose();
    b.dispose();
  });

  it('power iteration: the same bits on and off, and the largest eigenvalue', async () => {
    const m = 24;
    const A = poisson(m);
    const start = Float64Array.from({ length: m * m }, () => Math.random() - 0.5);
    const { fused, unfused } = bothWays(() => {
      let v = np.array(start);
      let lambda = 0;
      for (let k = 0; k < 60; k++) {
        const next = tidy(() => {
          const w = A.dot(v);
          // The Rayleigh quotient, and v ← (w / |w| + v) / 2, a damped step.
          lambda = (np.sum(np.multiply(v, w)).item() as number) / (np.sum(np.multiply(v, v)).item() as number);
          const norm = np.sqrt(np.sum(np.multiply(w, w))).item() as number;
          return np.add(np.multiply(np.divide(w, norm), 0.5), np.multiply(v, 0.5));
        });
        v.dispose();
        v = next;
      }
      const values = v.toArray() as Float64Array;
      v.dispose();
      return { values: Float64Array.from([...values, lambda]), iterations: 60 };
    });
    expectSameBits(fused.values, unfused.values, 'power iteration');
    // Toward the largest eigenvalue of the 2-D Poisson matrix, 8 sin²(mπ / (2(m + 1))), from below.
    const lambda = fused.values.at(-1)!;
    const top = 8 * Math.sin((m * Math.PI) / (2 * (m + 1))) ** 2;
    expect(lambda).toBeGreaterThan(7);
    expect(lambda).toBeLessThanOrEqual(top + 1e-9);
    A.dispose();
  });
});
