// The smallest eigenvalues of the 2-D Laplacian (the lowest vibration modes of a square drum),
// by sparse.linalg.eigsh (ARPACK calling back our partitioned product), checked against the exact
// ones: 4 − 2cos(iπ/(m+1)) − 2cos(jπ/(m+1)). Then the same by shift-invert (the eigenvalues
// nearest 0, from SuperLU's factors of A), which needs far fewer products.
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

// Every rank runs the whole program (legate --ranks N); rank 0 prints.
const log = runtime.rank === 0 ? console.log : () => {};

const m = Number(process.argv[2] ?? 60);
const k = Number(process.argv[3] ?? 5);

const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [m, m] });
const I = sparse.identity(m);
const A = sparse.kron(I, T).add(sparse.kron(T, I));

const start = performance.now();
const { eigenvalues, eigenvectors } = sparse.linalg.eigsh(A, { k, which: 'SA' });
const ms = performance.now() - start;

const exact: number[] = [];
for (let i = 1; i <= m; i++) for (let j = 1; j <= m; j++) exact.push(4 - 2 * Math.cos((i * Math.PI) / (m + 1)) - 2 * Math.cos((j * Math.PI) / (m + 1)));
exact.sort((a, b) => a - b);
const found = Array.from(eigenvalues.toArray() as Float64Array);
let worst = 0;
found.forEach((lambda, i) => {
  const x = eigenvectors!.slice(':', i).copy();
  const r = np.linalg.norm(np.subtract(A.dot(x), np.multiply(x, lambda))).item() as number;
  worst = Math.max(worst, r / Math.abs(lambda));
});
log(`eigsh: the ${k} smallest eigenvalues of the ${m}×${m} grid Laplacian (${m * m} unknowns), ${ms.toFixed(0)} ms`);
log(`  found ${found.map((v) => v.toFixed(10)).join(', ')}`);
log(`  exact ${exact.slice(0, k).map((v) => v.toFixed(10)).join(', ')}`);
log(`  largest ‖Ax − λx‖/|λ| = ${worst.toExponential(2)}`);

// Shift-invert: ARPACK iterates with A⁻¹ (factorised once), whose largest eigenvalues are A's
// smallest. Needs SuperLU in the build.
if (sparse.linalg.superluAvailable().ok) {
  const t0 = performance.now();
  const shifted = sparse.linalg.eigsh(A, { k, sigma: 0, returnEigenvectors: false });
  const values = Array.from(shifted.eigenvalues.toArray() as Float64Array);
  log(`  shift-invert at 0: ${values.map((v) => v.toFixed(10)).join(', ')} (${(performance.now() - t0).toFixed(0)} ms)`);
}
