// CG's convergence drawn: the relative residual ‖b − A·xₖ‖ / ‖b‖ of every iteration of conjugate
// gradients on the 2-D Poisson problem, written as an SVG line chart (Vega-Lite, in Node).
//   pnpm example cg-residuals [n] [out.svg]
import { runtime } from '@legate/core';
import * as np from '@legate/numeric';
import * as sparse from '@legate/sparse';

import { lineChartSvg } from './lib/pictures.js';

const log = runtime.rank === 0 ? console.log : () => {};

const n = Number(process.argv[2] ?? 100);
const file = process.argv[3] ?? 'out/cg-residuals.svg';

const T = sparse.diags([-1, 2, -1], [-1, 0, 1], { shape: [n, n] });
const I = sparse.identity(n);
const A = sparse.kron(I, T).add(sparse.kron(T, I));
const b = np.random.defaultRng(7).random([n * n]);
const bnorm = Number(np.linalg.norm(b));

// The callback sees each iterate; its residual is one more product (a 0-d array read at once).
const residuals = [1];
const { info, iterations } = sparse.linalg.cg(A, b, {
  rtol: 1e-10,
  callback: (xk) => residuals.push(np.tidy(() => Number(np.linalg.norm(np.subtract(b, A.dot(xk))))) / bnorm),
});
log(`cg-residuals: n = ${n} (${n * n} unknowns): info = ${info}, ${iterations} iterations, final relative residual ${residuals.at(-1)!.toExponential(2)}`);
if (runtime.rank === 0) {
  await lineChartSvg(residuals, file, { title: `CG on the 2-D Poisson problem, ${n * n} unknowns`, x: 'iteration', y: '‖b − A·x‖ / ‖b‖', logY: true });
  log(`wrote ${file}: ${residuals.length} points`);
}
if (info !== 0) process.exitCode = 1;
